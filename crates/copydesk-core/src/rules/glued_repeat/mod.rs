pub mod settings;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleId, RuleMeta};
use crate::sentence::sentence_start;
use crate::table::{
    ENGLISH_DOUBLED, ENGLISH_WORDS, GLUED_ABBREVIATIONS, GLUED_ALLOWED, GLUED_NAMES, GLUED_SHORT,
    GLUED_TYPOS, REPEAT_NAMES,
};
use crate::token::{Token, TokenKind};
use crate::words::{same_word, with_folded};

declare_rule! {
    /// ## What it finds
    /// One word written twice with no space between: "the oppositionopposition
    /// said", "thethe", "the plan'splan's cost", "TheThe meeting" or
    /// "Thethe meeting" at the start of a sentence, "THETHE" in a heading.
    /// The half must be an English word (or its possessive), a newswire
    /// abbreviation ("mlnmln", `rules/glued-repeat/abbreviations.txt`), or
    /// stand alone within a sentence or two ("Woolworths said …
    /// WoolworthsWoolworths"), and the whole must not be a word. A
    /// capitalised half of four letters or more written twice the same
    /// way ("WestfieldWestfield", "HarrisonHarrison's") is found by its
    /// shape alone, and so is an acronym or a CamelCase name
    /// ("FERCFERC's", "McFaddenMcFadden's"): the real doubled names are
    /// listed. A capital
    /// glued to a lower-case copy is found in mid-sentence too ("once
    /// Japanjapan resumed"). "toto" and "isis" in lower case are found although
    /// the word list has them (as names; `rules/glued-repeat/typos.txt`),
    /// except "in toto".
    ///
    /// ## Why
    /// A word pasted twice, or typed twice with the space lost, is easy to
    /// miss in proofreading (the eye reads the first half and moves on) but
    /// trips the reader, and it looks careless in print.
    ///
    /// ## When it stays silent
    /// - the whole is itself a word: "murmur", "tartar", "bonbon",
    ///   "couscous", "tutu", "beriberi", "papa" (the English word list in
    ///   `rules/words/english.txt`, from SCOWL, British and American), or
    ///   a rarer doubled word of the largest SCOWL lists ("kavakava",
    ///   "wikiwiki", "loglog": `rules/words/doubled.txt`);
    /// - the half is not a word ("Punpun"), or has one or two letters and is
    ///   not a common function word ("hehe", "xxxx", "KK", "Tata"); typos
    ///   such as "ofof" and "inin" (the words of
    ///   `rules/glued-repeat/short.txt`) are still found, but "toto", "isis"
    ///   and "meme" are words;
    /// - a capitalised double in mid-sentence with a half under five
    ///   letters, which is a name ("Fanfan", "Lingling"; longer known names
    ///   such as "Jeanjean" are listed); CamelCase doubles with a half under
    ///   four letters, which are brands and nicknames ("TomTom", "JoJo";
    ///   "TalkTalk" is listed), unless the half is one of the short
    ///   function words ("TheThe" is found);
    /// - reduplications normally hyphenated ("winwin", "byebye", "tuttut"),
    ///   interjections and sounds ("yeahyeah", "beepbeep"):
    ///   `rules/glued-repeat/allowed.txt`. Emphatic words are not among
    ///   them: "very very" is emphasis, "veryvery" a typo;
    /// - known doubled names, when capitalised, even at the start of a
    ///   sentence ("Carcar", "BoraBora"): `rules/glued-repeat/names.txt` and
    ///   the names list of `repeated-word`;
    /// - the half is itself doubled ("hahahaha") or one letter repeated
    ///   ("XXXXXX"), the case of the halves is mixed ("PSPs"), or the token
    ///   is part of an address, a handle, a file name or code
    ///   ("example.com/thethe", "@thethe", "--keep-dashdash", "strstr()").
    ///   Inside a compound of words joined by hyphens or slashes it is
    ///   checked ("northnorth-west", "demand/supplysupply").
    ///
    /// ## Fix
    /// Replaces the token by its first half: "oppositionopposition" becomes
    /// "opposition", "Thethe" becomes "The".
    pub struct GluedRepeat {
        id: GluedRepeat,
        severity: Error,
        fixable: true,
        category: Duplication,
        options: settings::OPTIONS,
        summary: "one word written twice with no space (\"thethe\")",
    }
}

impl Rule for GluedRepeat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        let mut buf = String::new();
        for &i in cx.words {
            let t = &toks[i as usize];
            if !t.ascii || may_be_glued(t.text.as_bytes()) {
                check_token(toks, i as usize, &mut buf, out);
            }
        }
    }
}

/// A test without branches that rejects nearly every ASCII word: a word
/// written twice has an even length of four or more and halves that start
/// with the same letter (bit 5 is ASCII case), or is such a word and "'s".
/// A necessary condition for [`split_glued`] to split the word or the word
/// less "'s".
#[inline(always)]
fn may_be_glued(b: &[u8]) -> bool {
    let Some(&first) = b.first() else {
        return false;
    };
    let len = b.len();
    // Zero for an even length whose halves start alike.
    let differ = usize::from((first ^ b[len / 2]) & !0x20) | (len & 1);
    let possessive = (len >= 6) & b.ends_with(b"'s");
    (differ == 0) & (len >= 4) | possessive
}

/// Report word token `i` if it is a word written twice.
#[inline(never)]
fn check_token(toks: &[Token<'_>], i: usize, buf: &mut String, out: &mut Vec<Diagnostic>) {
    let t = &toks[i];
    // Nothing shorter than four bytes is a word written twice.
    if t.text.len() < 4 {
        return;
    }
    // The whole token, or the token less a possessive ending:
    // "governmentgovernment's".
    let Some((word, mid)) = split_glued(t.text, t.ascii)
        .map(|m| (t.text, m))
        .or_else(|| {
            if !t.text.ends_with('s') {
                return None;
            }
            let stem = t.text.strip_suffix("'s").or(t.text.strip_suffix("’s"))?;
            split_glued(stem, t.ascii).map(|m| (stem, m))
        })
    else {
        return;
    };
    let (a, b) = word.split_at(mid);
    // (In a passage in another language a word may double a syllable:
    // French "chercher".)
    if !is_error(toks, i, word, a, b, buf) || crate::sentence::foreign_around(toks, i) {
        return;
    }
    let span = t.start..t.start + word.len();
    out.push(
        Diagnostic::new(
            RuleId::GluedRepeat,
            span.clone(),
            format!("\"{word}\" is \"{a}\" written twice"),
        )
        .label("the word is written twice with no space")
        .help(format!("write \"{a}\" once"))
        .fix(span, a),
    );
}

/// If `w` is one string written twice (ignoring case and Unicode
/// normalization), the byte offset where the second copy starts. `ascii`
/// says whether `w` is all ASCII, as its token knows. Cheap for the common
/// case: most words fail on length or on the first byte of each half.
fn split_glued(w: &str, ascii: bool) -> Option<usize> {
    if w.len() < 4 {
        return None;
    }
    if ascii {
        let mid = w.len() / 2;
        let b = w.as_bytes();
        if !w.len().is_multiple_of(2) || !b[0].eq_ignore_ascii_case(&b[mid]) {
            return None;
        }
        let (a, b) = w.split_at(mid);
        return a.eq_ignore_ascii_case(b).then_some(mid);
    }
    let n = w.chars().count();
    if !n.is_multiple_of(2) || n < 4 {
        return None;
    }
    let (mid, _) = w.char_indices().nth(n / 2)?;
    let (a, b) = w.split_at(mid);
    same_word(a, b).then_some(mid)
}

/// How a half is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// "the"
    Lower,
    /// "The"
    Capitalized,
    /// "THE"
    Upper,
    /// "tHe", or no letter at all
    Mixed,
}

fn shape(w: &str) -> Shape {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Shape::Mixed;
    };
    let (mut lower, mut upper) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), lower, upper) {
        (false, _, 0) => Shape::Lower,
        (true, _, 0) => Shape::Capitalized,
        (true, 0, _) => Shape::Upper,
        _ => Shape::Mixed,
    }
}

/// Whether `word` (word token `i`, or its start), made of halves `a` and `b`
/// that are the same word, is a glued repeat to report.
fn is_error(toks: &[Token<'_>], i: usize, word: &str, a: &str, b: &str, buf: &mut String) -> bool {
    let half_chars = a.chars().count();
    // "hahahaha", "blahblahblahblah": laughter and filler; "XXXXXX",
    // "zzzzzz": placeholders and sounds. Not typos.
    let mut chars = a.chars();
    let first = chars.next();
    if split_glued(a, a.is_ascii()).is_some()
        || chars.all(|c| Some(c) == first)
        || a.chars().any(|c| c.is_numeric())
    {
        return false;
    }
    let first_shape = shape(a);
    let needs_short = match (first_shape, shape(b)) {
        (Shape::Lower, Shape::Lower) => half_chars <= 2,
        (Shape::Capitalized, Shape::Lower) if sentence_start(toks, i) => half_chars <= 2,
        // "once Japanjapan resumed": the capital is the writer's, the copy
        // a slip. Short halves in mid-sentence are names ("Fanfan",
        // "Lingling"); known longer ones are listed ("Jeanjean").
        (Shape::Capitalized, Shape::Lower) => half_chars < 5,
        // "TheThe", "theThe", "AsiaAsia": CamelCase doubles with a half of
        // three letters or fewer are brands and nicknames ("TomTom",
        // "JoJo"); longer known ones are listed ("TalkTalk").
        (Shape::Capitalized | Shape::Lower, Shape::Capitalized) => half_chars < 4,
        // "KK", "CCCC": two-letter capitals are acronyms and codes.
        (Shape::Upper, Shape::Upper) if half_chars > 2 => false,
        // A CamelCase name written twice the same way: "McFaddenMcFadden's",
        // "BankAmericaBankAmerica's", "SunPointSunPoint".
        (Shape::Mixed, Shape::Mixed) if camel_name(a) && a == b => false,
        _ => return false,
    };
    if needs_short && !with_folded(a, buf, |h| GLUED_SHORT.contains(h)) {
        return false;
    }
    let capitalized = first_shape != Shape::Lower;
    // A capitalised word of four letters or more glued to an identical
    // copy ("HarrisonHarrison", "WestfieldWestfield") is a slip by its
    // shape, whether or not the name stands alone nearby: the real
    // doubled names are the listed ones. Written so, with the second
    // capital, it is not the rare doubled word the lists have
    // ("chinachina", a tree): "ChinaChina's exports". So are an acronym
    // ("FERCFERC's") and a CamelCase name ("McFaddenMcFadden") so doubled.
    let name_shape = half_chars >= 4
        && a == b
        && matches!(
            first_shape,
            Shape::Capitalized | Shape::Upper | Shape::Mixed
        );
    // The half must be a word, and not one whose double is a normal
    // reduplication or (capitalised) a name. An emphatic word glued to
    // itself ("veryvery") is a typo: emphasis puts a space between.
    let (half_known, half_excluded) = with_folded(a, buf, |h| {
        (
            is_english(h) || GLUED_ABBREVIATIONS.contains(h),
            GLUED_ALLOWED.contains(h) || (capitalized && REPEAT_NAMES.contains(h)),
        )
    });
    if half_excluded {
        return false;
    }
    // The whole must not be a word ("murmur") or a known name ("Carcar"),
    // but "toto" and "isis" in lower case are typos (the list has them as
    // names), unless "in toto".
    let lower_typo = !capitalized && !prev_word_is(toks, i, "in");
    let whole_excluded = with_folded(word, buf, |w| {
        (ENGLISH_WORDS.contains(w) && !(lower_typo && GLUED_TYPOS.contains(w)) && !name_shape)
            || ENGLISH_DOUBLED.contains(w) && !name_shape
            || (capitalized && GLUED_NAMES.contains(w))
    });
    !whole_excluded && !in_code(toks, i) && (half_known || name_shape || seen_alone(toks, i, a))
}

/// Tokens either side of a glued double searched for its half standing
/// alone: about a sentence or two each way. Less than the context the
/// engine keeps around every chunk of a large file (512 tokens; 64 in the
/// test that chunks the fixtures), so the answer does not depend on
/// chunking.
const SEEN_WINDOW: usize = 60;

/// Whether the half `a` of the glued double at token `i` stands alone as a
/// word nearby, so it is a word the dictionary lacks ("Woolworths" …
/// "WoolworthsWoolworths").
fn seen_alone(toks: &[Token<'_>], i: usize, a: &str) -> bool {
    let lo = i.saturating_sub(SEEN_WINDOW);
    let hi = (i + SEEN_WINDOW + 1).min(toks.len());
    toks[lo..hi].iter().enumerate().any(|(k, t)| {
        lo + k != i && t.kind == TokenKind::Word && {
            let w = t.text;
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            same_word(w, a)
        }
    })
}

/// Whether the folded word `w` is in the English list, or is the possessive
/// of a word in it ("plan's"; the list has no possessives).
fn is_english(w: &str) -> bool {
    ENGLISH_WORDS.contains(w)
        || w.strip_suffix("'s")
            .is_some_and(|s| ENGLISH_WORDS.contains(s))
}

/// Whether the word before token `i` (across white space only) is `word`.
fn prev_word_is(toks: &[Token<'_>], i: usize, word: &str) -> bool {
    toks[..i]
        .iter()
        .rev()
        .find(|t| !t.is_space())
        .is_some_and(|t| t.kind == TokenKind::Word && t.text.eq_ignore_ascii_case(word))
}

/// Whether word token `i` is glued (no space) to characters that make it part
/// of an address, a handle, a hashtag, a file name, a command-line option or
/// code: `@thethe`, `#thethe`, `example.com/thethe`, `thethe_v2`,
/// `thethe.txt`, `--keep-dashdash`, `strstr()`. A hyphenated compound of
/// words ("northnorth-west", "a flowflow-on effect") or words joined by a
/// slash ("demand/supplysupply") is prose: what counts is what the whole
/// compound is glued to.
fn in_code(toks: &[Token<'_>], i: usize) -> bool {
    // Hyphens and slashes between words: "north-west", "demand/supply".
    let hyphen = |t: &Token<'_>| matches!(t.text, "-" | "\u{2010}" | "/");
    let joined = |a: &Token<'_>, b: &Token<'_>| a.end() == b.start;
    // The compound's first and last words.
    let mut lo = i;
    while lo >= 2
        && hyphen(&toks[lo - 1])
        && joined(&toks[lo - 1], &toks[lo])
        && toks[lo - 2].kind == TokenKind::Word
        && joined(&toks[lo - 2], &toks[lo - 1])
    {
        lo -= 2;
    }
    let mut hi = i;
    while hi + 2 < toks.len()
        && hyphen(&toks[hi + 1])
        && joined(&toks[hi], &toks[hi + 1])
        && toks[hi + 2].kind == TokenKind::Word
        && joined(&toks[hi + 1], &toks[hi + 2])
    {
        hi += 2;
    }
    glued_to_code(toks, lo, hi)
}

/// Whether the words `lo..=hi` (one word, or a hyphenated compound) are
/// glued to code-like characters on either side.
fn glued_to_code(toks: &[Token<'_>], lo: usize, hi: usize) -> bool {
    let glue = |t: &Token<'_>| {
        matches!(
            t.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Symbol
        ) || matches!(
            t.text,
            "@" | "#" | "/" | "\\" | "_" | "=" | "&" | "+" | "~" | "|" | "-" | "\u{2010}"
        )
    };
    if let Some(p) = lo.checked_sub(1).map(|p| &toks[p])
        && p.end() == toks[lo].start
    {
        if glue(p) {
            return true;
        }
        // "example.thethe": a dot glued on both sides.
        if p.text == "."
            && let Some(pp) = lo.checked_sub(2).map(|p| &toks[p])
            && pp.end() == p.start
            && pp.kind == TokenKind::Word
        {
            return true;
        }
    }
    if let Some(n) = toks.get(hi + 1)
        && n.start == toks[hi].end()
    {
        if glue(n) {
            return true;
        }
        // "strstr()"
        if n.text == "(" {
            return true;
        }
        // "thethe.com", "thethe.txt"
        if n.text == "."
            && let Some(nn) = toks.get(hi + 2)
            && nn.start == n.end()
            && matches!(nn.kind, TokenKind::Word | TokenKind::Number)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;

/// Whether `w` is a CamelCase name: a capital first, then letters with a
/// lower-case one among them ("McFadden", "BankAmerica", "EBay").
fn camel_name(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(char::is_alphabetic)
        && w.chars().any(char::is_lowercase)
}
