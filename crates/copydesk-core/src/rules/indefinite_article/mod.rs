pub mod settings;
mod sound;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, REACH, Rule, RuleId, RuleMeta, RuleOptions};
use crate::sentence::sentence_start;
use crate::table::{ARTICLE_LABEL_BEFORE, ARTICLE_NOT_AFTER, ENGLISH_WORDS};
use crate::token::{Token, TokenKind};
use crate::words::{is_all_caps, is_capitalized};
use sound::*;

// The pronunciation tables, compiled by build.rs; read by `sound` (and the
// tests).
include!(concat!(env!("OUT_DIR"), "/article_tables.rs"));

declare_rule! {
    /// ## What it finds
    /// "a" or "an" (in any case) before a word whose first *sound* takes the
    /// other article: "a opposition group", "an university", "a hour", "a FBI
    /// agent", "a 8-year-old", "an one-off", "a £8m deal". Quotes, brackets
    /// and Markdown emphasis between the two are skipped (`a "opposition"`,
    /// `an *unique*`).
    ///
    /// The sound is worked out, not guessed from the first letter:
    /// - **words** go by their pronunciation, from a table derived from the
    ///   CMU Pronouncing Dictionary: "an hour", "an honest", "an heir", "a
    ///   university", "a European", "a one-off", "a usual". Compounds go by
    ///   their first part: "an X-ray", "a U-turn", "an 11th-hour".
    /// - **initialisms** read letter by letter go by the name of their first
    ///   letter ("an FBI agent", "an MP", "an NHS trust", "a UN envoy", "a US
    ///   firm", "an SUV", "an HIV test", "an mp3", "an iPhone", "a URL");
    ///   acronyms read as words go by that word ("a NATO summit", "a NASA
    ///   probe", "an OPEC member", "a UNESCO site").
    /// - **numbers** go by how they are said: "an 8", "an 11", "an 18", "an
    ///   80-year-old", "an 800m", "an 8,000-strong", "an 1833 grant"
    ///   (eighteen thirty-three), "an 11th", "an 8.5", "an £8m", "an 8%";
    ///   but "a 1", "a 100-metre", "a 110-metre" (a hundred and ten), "a 2015
    ///   report", "a 1.5".
    /// - **letters** by their names: "an A", "a B", "an F grade", "an
    ///   S-bend", "a U-boat", also in lower case ("a f grade", "a npm
    ///   package", "a mpeg", "an h1") unless said as a word ("a lb", "a sq
    ///   ft": `said-as-words.txt`).
    ///
    /// It also finds two articles in a row ("give it a an edge", "in a the
    /// study") and "an" slipped in for "and" between numbers ("between 1902
    /// an 1904", an unsafe fix). A line with no end punctuation that opens a
    /// paragraph is a headline: the next line starts a sentence.
    ///
    /// ## Why
    /// The wrong article is a slip a reader hears at once, and it is the
    /// kind of error that survives when a sentence is rewritten around it
    /// ("a group" becoming "a opposition group").
    ///
    /// ## When it stays silent
    /// - when both are in use: "a/an LED", "a/an SQL", "a/an 1800"; in
    ///   British English "an" before an h whose first syllable is unstressed
    ///   ("a/an historic", "a/an hotel", "a/an hilarious", from the CMU
    ///   stress marks in `weak-h.txt`; "an horse" is an error in both); in
    ///   American English "a/an herb" (the `dialect` setting, en-GB by
    ///   default);
    /// - when "A" is a label, not an article: "Plan A", "vitamin A", "Serie
    ///   A", "England A", "type A personality", "grade A students",
    ///   "hepatitis A", a list label "A.", "a.m."; and inside a word or an
    ///   HTML entity ("Ni&ntilde;a"); "à la carte", "a posteriori", Irish
    ///   "An Post";
    /// - when the next word is unknown and its spelling does not settle its
    ///   sound (a name starting with "U" or "Eu", an all-capital word that
    ///   could be read as a word or as letters, "Mc" names). Checking goes
    ///   on with the next article;
    /// - in headlines set in capitals, unless both readings of the word
    ///   agree;
    /// - "an" before a sounded h used as a habit, three times in the
    ///   document or twice before different words ("an hundred", "an
    ///   heroine"): the usage of older prose and the King James Bible. Once,
    ///   or twice before the same word, it is reported; "an" before a
    ///   "you" sound ("an university") always is;
    /// - before a word censored with stars ("a F*** test").
    ///
    /// The tables live in `rules/indefinite-article/` and are compiled in.
    ///
    /// ## Fix
    /// Swaps the article and keeps its case: "a" becomes "an", "A" becomes
    /// "An" ("AN" in a headline in capitals), "an" becomes "a", "AN"
    /// becomes "A".
    pub struct IndefiniteArticle {
        id: IndefiniteArticle,
        severity: Error,
        fixable: true,
        category: Grammar,
        options: settings::OPTIONS,
        summary: "\"a\" or \"an\" that does not match the next sound (\"a opposition\", \"an university\")",
    }
}

/// Words after which even a lower-case "a" is a label: nouns that are no
/// verbs ("vitamin a", "hepatitis a", "class a shares").
const LOWER_LABEL_BEFORE: &[&str] = &[
    "annex",
    "appendix",
    "category",
    "class",
    "exhibit",
    "flu",
    "hepatitis",
    "influenza",
    "protein",
    "proteins",
    "serie",
    "vitamin",
    "vitamins",
];

/// Whether the word `p` before "A" (`capital`) or "a" makes it a label:
/// "Plan A", "vitamin a".
fn label_before(p: &str, capital: bool) -> bool {
    // In lower case, "a" after a word that is also a verb is the article
    // ("form a government", "plan a attack"): only the nouns of
    // `LOWER_LABEL_BEFORE` make it a label. Most words before "a" are none
    // of them, which shows without folding an ASCII word.
    if !capital && p.is_ascii() && !LOWER_LABEL_BEFORE.iter().any(|l| l.eq_ignore_ascii_case(p)) {
        return false;
    }
    with_lower(p, |w| {
        ARTICLE_LABEL_BEFORE.contains_bytes(w)
            && (capital || LOWER_LABEL_BEFORE.iter().any(|l| l.as_bytes() == w))
    })
}

/// Punctuation that may stand between the article and its word.
fn skippable(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Space | TokenKind::LineBreak => true,
        TokenKind::Punct => matches!(
            t.text,
            "\"" | "“" | "”" | "‘" | "'" | "(" | "[" | "*" | "_" | "«"
        ),
        _ => false,
    }
}

/// Whether the word before the article at token `i` starts a sentence:
/// "As a MSP".
fn prev_starts_sentence(toks: &[Token<'_>], i: usize) -> bool {
    toks[..i]
        .iter()
        .rposition(|t| t.kind == TokenKind::Word)
        .is_some_and(|p| sentence_start(toks, p))
}

/// Whether token `i` follows a dash with spaces on both sides (" - ",
/// " – ", " — "), as after a newswire dateline.
fn after_spaced_dash(toks: &[Token<'_>], i: usize) -> bool {
    i >= 3
        && toks[i - 1].kind == TokenKind::Space
        && matches!(toks[i - 2].text, "-" | "–" | "—")
        && toks[i - 3].kind == TokenKind::Space
}

/// Whether the token before an article lets it be a word of its own.
fn opens(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Space | TokenKind::LineBreak | TokenKind::ParagraphBreak => true,
        TokenKind::Punct => matches!(t.text, "\"" | "“" | "‘" | "'" | "(" | "[" | "*" | "_" | "«"),
        _ => false,
    }
}

/// The word before token `i` on the same line, across spaces only.
fn prev_word<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    for t in toks[..i].iter().rev() {
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::Word => return Some(t.text),
            _ => return None,
        }
    }
    None
}

/// The word that ends the line before token `i`, when only white space and
/// one line break lie between.
fn word_before_line<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    let mut seen_break = false;
    for t in toks[..i].iter().rev() {
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::LineBreak if !seen_break => seen_break = true,
            TokenKind::Word if seen_break => return Some(t.text),
            _ => return None,
        }
    }
    None
}

fn is_currency(s: &str) -> bool {
    matches!(s, "£" | "$" | "€" | "¥" | "₹")
}

impl Rule for IndefiniteArticle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Reports as it goes, except "an" before a sounded h ("an
    /// hundred"), held to the end of the document: used as a habit, it
    /// is the writer's (older) usage, not a slip.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        let mut memo = cx.memo.borrow_mut();
        let older = memo.get::<OlderUsage>();
        for &i in cx.words {
            let (i, t) = (i as usize, &toks[i as usize]);
            // Nearly every word is longer than two bytes: one compare.
            if t.text.len().wrapping_sub(1) > 1 {
                continue;
            }
            let is_an = match t.text.as_bytes() {
                [b'a' | b'A'] => false,
                [b'a' | b'A', b'n' | b'N'] => true,
                _ => continue,
            };
            // Findings are reported late (see `reports_late`): each once,
            // from the chunk whose core holds it.
            if !cx.core.contains(&t.start) {
                continue;
            }
            if let Some(d) = check_article(cx.text, toks, i, is_an, cx.options)
                && !crate::sentence::foreign_around(toks, i)
            {
                if is_an && older_usage(cx.text, &d) {
                    older.0.push(d);
                } else {
                    out.push(d);
                }
            }
        }
        if cx.core.end == usize::MAX {
            let held = std::mem::take(&mut older.0);
            // A habit: three times, or twice before different words ("an
            // hundred", "an heroine"). "an hospital" twice is one writer's
            // slip, made again.
            let noun = |d: &Diagnostic| noun_of(cx.text, d).to_ascii_lowercase();
            let habit = held.len() >= 3 || held.len() == 2 && noun(&held[0]) != noun(&held[1]);
            if !habit {
                out.extend(held);
            }
        }
    }

    fn reports_late(&self) -> bool {
        true
    }
}

/// The findings of "an" before a sounded h, held until the document is
/// read.
#[derive(Default)]
struct OlderUsage(Vec<Diagnostic>);

/// Whether finding `d` (of "an") is "an" before a word starting with a
/// sounded h: "an hundred", "an heroine". Eighteenth- and
/// nineteenth-century prose (and the King James Bible) wrote these on
/// purpose. ("an university" is not held: writers who use it more than
/// once are making the same slip again.)
fn older_usage(text: &str, d: &Diagnostic) -> bool {
    let mut w = noun_of(text, d).bytes();
    matches!((w.next(), w.next()), (Some(b'h' | b'H'), Some(c)) if c.is_ascii_lowercase())
}

/// The word a finding of "an" is about: its span after the article, from
/// the first letter or digit (past quotes and emphasis).
fn noun_of<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    text.get(d.span.start + 2..d.span.end)
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Check the article at token `i`; a diagnostic if it is wrong.
fn check_article(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    is_an: bool,
    options: &RuleOptions,
) -> Option<Diagnostic> {
    let d = options.dialect;
    let art = &toks[i];
    // A word of its own: not glued to what comes before or after.
    if i > 0 && !opens(&toks[i - 1]) {
        return None;
    }
    if !toks
        .get(i + 1)
        .is_some_and(|t| matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
    {
        return None;
    }
    let prev = prev_word(toks, i);
    // "between 1902 an 1904": a slip for "and", not an article. Only
    // between numbers: "$75 an barrel" is a wrong article.
    if is_an
        && i >= 2
        && toks[i - 2].kind == TokenKind::Number
        && toks[i - 1].kind == TokenKind::Space
        && let Some(n) = toks.get(i + 2).filter(|t| t.kind == TokenKind::Number)
    {
        return and_slip(toks, i, n);
    }
    if let Some(d) = stacked(toks, i) {
        return Some(d);
    }
    // "Plan A", "vitamin A", "class a action", also across a wrapped line
    // ("Class⏎A shares").
    if !is_an
        && let Some(p) = prev.or_else(|| word_before_line(toks, i))
        && label_before(p, art.text == "A")
    {
        return None;
    }
    // The word the article belongs to.
    let mut j = i + 1;
    while toks.get(j).is_some_and(skippable) {
        j += 1;
        if j > i + REACH {
            return None;
        }
    }
    let noun = toks.get(j)?;
    let after = toks.get(j + 1);
    let next = Next {
        noun_end: noun.end(),
        after,
        after2: toks.get(j + 2),
    };
    // "b a s i c", "the vowels a e i": letters spelled out, not an article
    // and its word.
    let single = |t: &Token<'_>| t.kind == TokenKind::Word && t.text.chars().nth(1).is_none();
    if noun.kind == TokenKind::Word
        && single(noun)
        && noun.text != "A"
        && (toks[..i]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space)
            .is_some_and(|t| single(t) && t.text != "I")
            || toks[j + 1..]
                .iter()
                .find(|t| t.kind != TokenKind::Space && t.text != "-")
                .is_some_and(single))
    {
        return None;
    }
    // "a A grade" is an error; "An A" and "A A Milne" are not.
    if noun.text == "A" && art.text != "a" {
        return None;
    }
    // "a F*** test", "a s**t": a word censored with stars is read as the
    // word, whose sound the letters do not tell.
    // (Not emphasis: "an *unique* chance" opens with a star too.)
    if j == i + 2 && after.is_some_and(|t| t.start == noun.end() && t.text.starts_with('*')) {
        return None;
    }
    // "M-12", "F-16": a letter or what it stands for? Stay silent.
    if noun.kind == TokenKind::Word
        && noun.text.len() == 1
        && after.is_some_and(|t| t.text == "-")
        && toks.get(j + 2).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return None;
    }
    // Of "a", "A", "an", "An", "aN" and "AN", only "AN" is in capitals.
    let shouted = art.text == "AN"
        || art.text == "A" && {
            let next_word = toks[j + 1..]
                .iter()
                .take(4)
                .find(|t| t.kind == TokenKind::Word || t.is_space() && t.kind != TokenKind::Space);
            prev.is_some_and(is_all_caps)
                || next_word.is_some_and(|t| t.kind == TokenKind::Word && is_all_caps(t.text))
        };
    if !shouted && art.text != "a" && art.text != "an" {
        // A capital "A" or "An" in mid-sentence is a label or a name:
        // "Serie A", "England A", "Lin, An", "A and P" after a comma. After
        // a spaced dash it starts the story: "SAO PAULO - An strike".
        if !sentence_start(toks, i) && !after_spaced_dash(toks, i) {
            return None;
        }
        // "A N Other": initials.
        if art.text == "A"
            && noun.kind == TokenKind::Word
            && noun.text.len() == 1
            && after.is_none_or(|t| t.text != "-")
        {
            return None;
        }
    }
    if let Some(p) = prev
        && noun.kind == TokenKind::Word
        && art.text == "a"
        && is_capitalized(p)
        && !is_all_caps(p)
        && is_capitalized(noun.text)
        && !is_all_caps(noun.text)
        && !(prev_starts_sentence(toks, i) && with_lower(p, |w| ENGLISH_WORDS.contains_bytes(w)))
    {
        // "Inged a Iligan", "Ponte a Moriano": a name in another language.
        // Not "As a MSP" (a sentence start) or "City a LDV" (initials).
        return None;
    }
    // Irish "an" before a lenited word: "an Mhumhain".
    if art.text == "an" && (noun.text.starts_with("Mh") || noun.text.starts_with("Fh")) {
        return None;
    }
    let (want, what) = match noun.kind {
        TokenKind::Word => {
            // "a in-depth": a compound is checked by its first part.
            let compound = after.is_some_and(|t| t.text == "-" && t.start == noun.end());
            // Folded once, for the tables here and in `word_token_art`.
            let mut low = [0u8; 64];
            let lower = ascii_lower(noun.text, &mut low);
            let not_after = |w: &[u8]| ARTICLE_NOT_AFTER.contains_bytes(w);
            if !compound
                && noun.text != "A"
                && lower.map_or_else(|| with_lower(noun.text, not_after), not_after)
            {
                return None;
            }
            // The user's own lists (copydesk.toml) come first.
            let lists = settings::Settings::get(options);
            let no_lists = lists.both.is_empty() && lists.an.is_empty() && lists.a.is_empty();
            let user = (!no_lists)
                .then(|| {
                    with_lower(noun.text, |w| {
                        let has = |list: &[String]| list.iter().any(|x| x.as_bytes() == w);
                        if has(&lists.both) {
                            Some(Art::Both)
                        } else if has(&lists.an) {
                            Some(Art::An)
                        } else if has(&lists.a) {
                            Some(Art::A)
                        } else {
                            None
                        }
                    })
                })
                .flatten();
            let art = match user {
                Some(a) => a,
                None => word_token_art(noun.text, lower, &next, shouted, d)?,
            };
            (art, noun.text)
        }
        TokenKind::Number => (number_art(noun.text)?, noun.text),
        TokenKind::Symbol if is_currency(noun.text) => {
            let num = after.filter(|t| t.kind == TokenKind::Number)?;
            (number_art(num.text)?, num.text)
        }
        _ => return None,
    };
    // Name the whole of a glued form in the message: "mp3", "11th", "£8m".
    let mut end = noun.end();
    for t in toks[j + 1..].iter().take(3) {
        if t.start != end || !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            break;
        }
        end = t.end();
    }
    let what = if noun.kind == TokenKind::Symbol || end > noun.end() {
        text.get(noun.start..end).unwrap_or(what)
    } else {
        what
    };
    let has = if is_an { Art::An } else { Art::A };
    if want == Art::Both || want == has {
        return None;
    }
    let replacement = match art.text {
        "a" => "an",
        "A" if shouted => "AN",
        "A" => "An",
        "AN" => "A",
        s if s.starts_with('A') => "A",
        _ => "a",
    };
    let sound = if want == Art::An {
        "vowel"
    } else {
        "consonant"
    };
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            art.start..noun.end().max(art.end()),
            format!(
                "\"{}\" before \"{what}\", which starts with a {sound} sound",
                art.text
            ),
        )
        .label(format!(
            "\"{what}\" starts with a {sound} sound when read aloud"
        ))
        .help(format!("write \"{replacement}\""))
        .fix(art.span(), replacement),
    )
}

/// "1902 an 1904": `an` (token `i`) between two numbers, the second `n`.
/// A slip for "and" unless the second number takes "an" and may be what
/// it belongs to ("in 1990 an 18-year-old"); between "between" and a
/// number, always.
fn and_slip(toks: &[Token<'_>], i: usize, n: &Token<'_>) -> Option<Diagnostic> {
    let art = &toks[i];
    if art.text != "an" {
        return None;
    }
    let between = prev_word(toks, i - 2).is_some_and(|w| w.eq_ignore_ascii_case("between"));
    if number_art(n.text) == Some(Art::An) && !between {
        return None;
    }
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            art.span(),
            format!(
                "\"an\" between \"{}\" and \"{}\" reads as a slip for \"and\"",
                toks[i - 2].text,
                n.text
            ),
        )
        .label("\"an\" between two numbers")
        .help("write \"and\"")
        .unsafe_fix(art.span(), "and"),
    )
}

/// Whether `t` is an article written in lower case: "a", "an", "the".
fn article_word(t: &Token<'_>) -> Option<&'static str> {
    match t.text {
        "a" => Some("a"),
        "an" => Some("an"),
        "the" => Some("the"),
        _ => None,
    }
}

/// Two articles in a row, "a an edge", "an a", "a the", "the a": the
/// indefinite article at token `i` and the one after or before it, with
/// spaces between, and a word after both. The fix drops the indefinite one
/// (the first of two indefinite ones).
fn stacked(toks: &[Token<'_>], i: usize) -> Option<Diagnostic> {
    let this = &toks[i];
    let is_article = |k: usize| toks.get(k).and_then(article_word);
    let spaced = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokenKind::Space);
    // The word after the pair must be a plain word: "the a priori" or the
    // "a" of "the a/an debate" are not a pair.
    let word_after = |k: usize| {
        spaced(k + 1)
            && toks
                .get(k + 2)
                .is_some_and(|t| t.kind == TokenKind::Word && !ARTICLE_NOT_AFTER.contains(t.text))
    };
    let (first, second) = if spaced(i + 1) && is_article(i + 2).is_some() && word_after(i + 2) {
        // "a an edge", "a the edge"; the sentence may start with it ("A an").
        if this.text != "a" && this.text != "an" && !sentence_start(toks, i) {
            return None;
        }
        (i, i + 2)
    } else if i >= 2
        && spaced(i - 1)
        && (toks[i - 2].text == "the" || toks[i - 2].text == "The" && sentence_start(toks, i - 2))
        && word_after(i)
    {
        (i - 2, i)
    } else {
        return None;
    };
    if this.text != "a" && this.text != "an" && first != i {
        return None;
    }
    let (a, b) = (&toks[first], &toks[second]);
    // "a a", "an an": a repeated word, which `repeated-word` reports.
    if a.text.eq_ignore_ascii_case(b.text) {
        return None;
    }
    let drop = if a.text.eq_ignore_ascii_case("the") {
        b
    } else {
        a
    };
    // Drop the article and the space next to it.
    let gone = if drop.start == a.start {
        a.start..toks[first + 1].end()
    } else {
        toks[second - 1].start..b.end()
    };
    Some(
        Diagnostic::new(
            RuleId::IndefiniteArticle,
            a.start..b.end(),
            format!("two articles in a row: \"{} {}\"", a.text, b.text),
        )
        .label("one article too many")
        .help(format!("drop \"{}\"", drop.text))
        .unsafe_fix(gone, ""),
    )
}

#[cfg(test)]
mod tests;
