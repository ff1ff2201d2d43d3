//! When a doubled word is no slip: the context heuristics ([`is_error`])
//! and the word lists they read (idioms, titles, grammatical doubles). The
//! scan that finds doubled words is in `mod.rs`.

use super::settings;
use crate::rule::{Context, REACH};
use crate::sentence::after_headline;
use crate::sentence::sentence_start_by_punctuation as sentence_start;
use crate::table::{
    PREPOSITIONS, REPEAT_DISHES, REPEAT_EMPHATIC, REPEAT_GRAMMATICAL, REPEAT_LATIN,
    REPEAT_MODIFIERS, REPEAT_NAMES, REPEAT_PHRASAL, REPEAT_ROLES, REPEAT_SOUNDS, REPEAT_STRANDED,
    REPEAT_TWO_OBJECTS, WordSet,
};
use crate::token::{Token, TokenKind};
use crate::words::{is_all_caps, is_capitalized, is_ordinary_word, same_word, with_folded};

/// Words that join a word to itself in idioms: "more and more", "back to
/// back", "day by day", "Measure for Measure", "on and on".
pub(super) const CONNECTORS: &[&str] = &[
    "and", "or", "nor", "by", "to", "for", "after", "upon", "than", "versus", "vs",
];

/// Words that are not the content of such an idiom: "to the to the", "was
/// to was to" are slips.
pub(super) const NON_CONTENT: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "for", "with", "by", "from", "and", "or", "nor",
    "to", "it", "is", "was", "were", "are", "be", "been", "has", "had", "that", "this", "he",
    "she", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "as",
    "than", "after", "upon", "versus", "vs",
];

/// Verbs with an object and its complement: "what makes a gadget a
/// gadget".
pub(super) const COMPLEMENT_VERBS: &[&str] = &[
    "make",
    "makes",
    "made",
    "making",
    "call",
    "calls",
    "called",
    "calling",
    "consider",
    "considers",
    "considered",
    "deem",
    "deems",
    "deemed",
    "keep",
    "keeps",
    "kept",
    "render",
    "renders",
    "rendered",
];

/// Nouns that introduce a title: "the TV series Soldier Soldier", "the
/// song Rebel Rebel".
pub(super) const TITLE_NOUNS: &[&str] = &[
    "series",
    "film",
    "movie",
    "show",
    "song",
    "single",
    "album",
    "band",
    "group",
    "novel",
    "book",
    "play",
    "programme",
    "program",
    "drama",
    "sitcom",
    "game",
    "track",
    "hit",
    "musical",
    "opera",
    "title",
    "titled",
    "entitled",
    "called",
    "named",
    "dubbed",
    "team",
    "club",
    "label",
    "magazine",
    "column",
    "poem",
    "story",
    "episode",
];

/// Whether two word tokens are the same word; for ASCII tokens (nearly
/// all) a length check and a byte comparison.
#[inline]
pub(super) fn same_token(a: &Token<'_>, b: &Token<'_>) -> bool {
    if a.ascii && b.ascii {
        a.text.len() == b.text.len() && a.text.eq_ignore_ascii_case(b.text)
    } else {
        same_word(a.text, b.text)
    }
}

/// Words a capitalised copy may follow in lower case only by mistake:
/// "of the The Group", "in In the".
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "from", "is",
    "was", "are", "were", "that", "this", "as", "be", "has", "have", "had", "but", "it",
];

/// Number words, which may come before a compound of themselves: "two
/// two-year terms", "one one-thousandth".
pub(super) const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "half",
    "single",
    "double",
    "triple",
];

/// Particles that end a compound ("break-in", "add-on", "run-up") and may
/// then start a phrase: "a break-in in 1999".
pub(super) const PARTICLES: &[&str] = &[
    "in", "on", "up", "out", "off", "over", "down", "by", "back", "away", "around", "through",
    "about", "along", "to", "for", "with", "at",
];

/// Particles that follow a verb's object ("let us in", "put it on") and
/// may be followed by the same word as a preposition.
pub(super) const OBJECT_PARTICLES: &[&str] = &[
    "in", "on", "up", "out", "off", "over", "down", "back", "away", "around", "through", "along",
];

/// Prefixes written alone in wordplay on a compound: "non non-fiction",
/// "anti anti-war".
pub(super) const PREFIXES: &[&str] = &[
    "non", "anti", "pro", "pre", "post", "co", "ex", "sub", "semi", "pseudo", "quasi", "mid",
    "multi", "self", "neo", "re", "un", "inter", "counter", "super", "ultra",
];

/// Determiners, after which a word is a noun: "the can can hold".
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "his", "her", "my", "your", "our", "their", "its", "each",
    "every", "no", "any", "whose",
];

/// Whether word tokens `p` and `i` (only spaces and one line break between)
/// are an erroneous repeat.
pub(super) fn is_error(cx: &Context<'_>, p: usize, i: usize, buf: &mut String) -> bool {
    let toks = cx.tokens;
    let (a, b) = (toks[p].text, toks[i].text);
    if a.len() > 4 * b.len() + 4 || b.len() > 4 * a.len() + 4 || !same_word(a, b) {
        return false;
    }
    // Case tells words apart: "at AT&T" (a word and an initialism).
    let (caps_a, caps_b) = (is_all_caps(a), is_all_caps(b));
    if caps_a != caps_b {
        return false;
    }
    let (cap_a, cap_b) = (is_capitalized(a), is_capitalized(b));
    let start = sentence_start(toks, p) || after_headline(toks, p);
    let line_between = toks[p + 1..i].iter().any(|t| t.kind != TokenKind::Space);
    // A headline's last word echoed by the next line: "… angers
    // farmers⏎Farmers say".
    if line_between && after_headline(toks, i) {
        return false;
    }
    // Three times or more is deliberate ("trillion trillion trillion",
    // "Turn, Turn Turn"), unless a function word: "the the the end".
    let tripled = neighbour_word(toks, p, false).is_some_and(|w| same_word(w, a))
        || word_before_comma(toks, p).is_some_and(|w| same_word(w, a))
        || neighbour_word(toks, i, true).is_some_and(|w| same_word(w, b));
    // Glued to what is around them, the words are parts of something else:
    // "8x10in in size", "foo.bar bar", "a.k.a a", "and/or or".
    if p > 0 && !toks[p - 1].is_space() && !matches!(toks[p - 1].kind, TokenKind::Punct)
        || code_glue(toks, p, i)
    {
        return false;
    }
    // A doubled word that starts a paragraph and is its whole first line
    // is a headword: "lose lose" over its entry in a glossary. (Not a line
    // that goes on a paragraph, a wire story's "Reuter Reuter", nor the
    // text's last line, nor a function word: "the the".)
    if !line_between
        && toks[..p]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space)
            .is_none_or(|t| t.kind == TokenKind::ParagraphBreak)
        && {
            let mut after = toks[i + 1..].iter().filter(|t| t.kind != TokenKind::Space);
            after
                .next()
                .is_some_and(|t| matches!(t.kind, TokenKind::LineBreak | TokenKind::ParagraphBreak))
                && after.next().is_some_and(Token::is_word)
        }
        && with_folded(b, buf, |w| !NON_CONTENT.contains(&w))
    {
        return false;
    }
    // A command's synopsis, one or more of a thing: "merge bugnumber
    // bugnumber ...".
    if let Some(j) = (i + 1..toks.len()).find(|&j| toks[j].kind != TokenKind::Space)
        && (toks[j].text == "…"
            || toks[j].text.starts_with("..")
            || toks[j].text == "." && toks.get(j + 1).is_some_and(|n| n.text == "."))
    {
        return false;
    }
    // Columns of a plain-text table: "nil      nil      nil".
    if !cx.view.markup_blanked
        && toks[p + 1..i]
            .iter()
            .any(|t| t.text.contains('\t') || t.text.len() >= 3 && t.kind == TokenKind::Space)
    {
        return false;
    }
    let hyphen_before = p > 0 && is_hyphen(&toks[p - 1]);
    let hyphen_after = toks.get(i + 1).is_some_and(is_hyphen);
    with_folded(b, buf, |w| {
        if tripled && !NON_CONTENT.contains(&w) {
            return false;
        }
        let ordinary = is_ordinary_word(w);
        let next_is = |list: &[&str]| {
            next_word(toks, i)
                .is_some_and(|n| with_folded(n, &mut String::new(), |n| list.contains(&n)))
        };
        // "confident that that this plan": after "that that" a determiner
        // leaves the second "that" nothing to be, and so does a person's
        // name or "I" ("delighted that that Graham will join"; not "that
        // that English was correct"). ("that that" alone, "he said that
        // that was wrong", is grammar.)
        // Nor does a subject pronoun ("confident that that we will"), or
        // a plural verb, which the demonstrative cannot take ("weaknesses
        // that that were specific"; but "I wish that that were so").
        if w == "that"
            && (next_is(&[
                "the",
                "a",
                "an",
                "this",
                "these",
                "those",
                "his",
                "her",
                "my",
                "your",
                "our",
                "their",
                "its",
                "we",
                "they",
                "he",
                "she",
                "it",
                "you",
                "there",
                "are",
                "have",
                "they're",
                "we're",
                "you're",
                "i'm",
                "they've",
                "we've",
                "he'd",
                "she'd",
                "they'd",
                "we'd",
                "they’re",
                "we’re",
                "you’re",
                "i’m",
            ]) || next_is(&["were"])
                && !prev_word_in_list(toks, p, &["wish", "wished", "wishes", "if", "though"])
                || next_word(toks, i).is_some_and(|n| {
                    n == "I"
                        || is_capitalized(n)
                            && !is_all_caps(n)
                            && with_folded(n, &mut String::new(), |n| {
                                crate::table::ENGLISH_NAMES.contains(n)
                            })
                }) && !crate::sentence::sentence_start(toks, i))
        {
            return true;
        }
        // A demonstrative "that" never comes before a possessive: "unlikely
        // that that TCI's opposition" (but "that that's" is "that that
        // is").
        if w == "that"
            && next_word(toks, i).is_some_and(|n| {
                with_folded(n, &mut String::new(), |n| {
                    n.strip_suffix("'s")
                        .or_else(|| n.strip_suffix("’s"))
                        .is_some_and(|stem| !CONTRACTED.contains(&stem))
                })
            })
        {
            return true;
        }
        // A grammatical double never has its second copy capitalised:
        // "That That game is", "Had Had".
        if start && cap_a && cap_b && !caps_a && REPEAT_GRAMMATICAL.contains(w) {
            return true;
        }
        // "as many many", "so much much to do": after a word of degree,
        // "many" and "much" are not doubled for emphasis; nor is "much"
        // before anything but a comparative ("much much better", but
        // "much much of the tax").
        if matches!(w, "many" | "much")
            && (prev_word_in_list(toks, p, &["as", "so", "too", "how"])
                || w == "much"
                    && next_word(toks, i).is_some_and(|n| {
                        with_folded(n, &mut String::new(), |n| {
                            !(n.ends_with("er")
                                || n.ends_with("ed")
                                || matches!(n, "more" | "less" | "worse" | "too" | "the"))
                        })
                    }))
        {
            return true;
        }
        // "from now now on": after a preposition "now" is a noun.
        if w == "now"
            && prev_word_in_list(
                toks,
                p,
                &["from", "until", "till", "by", "for", "right", "just"],
            )
        {
            return true;
        }
        // "night night" says goodnight; after "last" or a determiner the
        // first is a noun: "last night night on the exchange".
        if w == "night"
            && prev_word_in_list(
                toks,
                p,
                &[
                    "last", "the", "a", "one", "every", "each", "that", "this", "first", "same",
                    "opening", "previous", "next",
                ],
            )
        {
            return true;
        }
        // "half half a mile": half of half a mile.
        if w == "half" && next_is(&["a", "an"]) {
            return false;
        }
        // "that that that" is never all grammar: one slip, reported at
        // its first pair (its fix leaves "that that").
        if w == "that" && tripled {
            return !neighbour_word(toks, p, false).is_some_and(|x| same_word(x, a));
        }
        // "had had enough" is grammar; "had had been", "had had already
        // been" are slips.
        if w == "had" && next_is(&["been", "already"]) {
            return true;
        }
        // Nor is "had had" before a past participle that is a verb there,
        // with an object, a clause or an adverb after it: "had had
        // speculated that", "had had decided last week", "had had accused
        // him" (but "had had limited success", "had had mixed results").
        if w == "had" && participle_as_verb(toks, i) {
            return true;
        }
        // "do do not": emphatic "do" is never followed by "not" ("what
        // they do do well" is grammar).
        if matches!(w, "do" | "does") && next_is(&["not"]) {
            return true;
        }
        // "hip hip" is the cheer only before it: "hip hip hooray".
        if w == "hip" {
            return !next_is(&["hooray", "hurray", "hurrah", "hooroo", "huzzah", "hip"]);
        }
        if REPEAT_GRAMMATICAL.contains(w)
            || REPEAT_DISHES.contains(w)
            || settings::Settings::get(cx.options)
                .allow
                .iter()
                .any(|x| x == w)
            || REPEAT_NAMES.contains(w) && (cap_a && cap_b || !ordinary)
        {
            return false;
        }
        // "there there" consoles; before a verb it is a slip: "there there
        // is a problem".
        if w == "there" {
            return next_word(toks, i)
                .is_some_and(|n| with_folded(n, &mut String::new(), |n| THERE_VERBS.contains(&n)));
        }
        // "no no", "now now", "yes yes", "well well", "come come" are said
        // on their own or before a pause; in mid-sentence before a word
        // they are a slip: "there was no no indication", "it now now
        // expected", "can now now be recalled", "already well well
        // advanced", "to come come true". (After a verb of saying they are
        // what was said: "he said yes yes and left".)
        // "as well well as": "well" after "as" is the adverb.
        if w == "well" && prev_word_in_list(toks, p, &["as"]) && next_is(&["as"]) {
            return true;
        }
        // "what he he meant": a laugh is "he he" only on its own.
        if w == "he"
            && !start
            && !tripled
            && neighbour_word(toks, p, false).is_some()
            && next_word(toks, i).is_some_and(|n| !is_capitalized(n))
        {
            return true;
        }
        if matches!(w, "no" | "now" | "yes" | "well" | "come" | "again")
            && !start
            && !tripled
            && toks
                .get(i + 1)
                .is_some_and(|t| matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
            && toks.get(i + 2).is_some_and(|t| {
                t.is_word()
                    && with_folded(t.text, &mut String::new(), |n| {
                        !FUNCTION_WORDS.contains(&n)
                            || AUXILIARIES.contains(&n)
                            || !matches!(w, "no" | "yes")
                    })
            })
            && neighbour_word(toks, p, false).is_some_and(|x| {
                with_folded(x, &mut String::new(), |x| {
                    !SAYING.contains(&x) && (!in_speech(toks, p) || !CLAUSE_JOINS.contains(&x))
                })
            })
        {
            return true;
        }
        // "Many Many banks": an emphatic word doubled at a sentence's
        // start keeps its capital only when pasted ("Many many years
        // ago" is said so).
        if start
            && cap_a
            && cap_b
            && !caps_a
            && ordinary
            && REPEAT_EMPHATIC.contains(w)
            && !REPEAT_SOUNDS.contains(w)
        {
            return true;
        }
        // (Capitalised in mid-sentence before a capitalised word, a sound
        // word is part of a name: "according to Pew Pew Research".)
        if (REPEAT_EMPHATIC.contains(w) || REPEAT_SOUNDS.contains(w))
            && !(cap_a
                && cap_b
                && !caps_a
                && !start
                && next_word(toks, i).is_some_and(|n| is_capitalized(n) && !is_all_caps(n)))
        {
            return false;
        }
        match (cap_a, cap_b) {
            // A modal starts a question, then a name: "Will Will come?",
            // "May May go?" The second capital, mid-sentence, is the name's.
            (true, true) if start && !caps_a && REPEAT_ROLES.contains(w) => return false,
            // "the river River Severn" (a capital starts a name) and a new
            // list line, but a function word is never a name's start:
            // "of the The Group".
            (false, true) if line_between || !FUNCTION_WORDS.contains(&w) => return false,
            // Two capitalised words in mid-sentence: a name ("Duran
            // Duran") unless an ordinary word ("the Federal Government
            // Government") that the document does not use as a name.
            (true, true) if !caps_a && !start && a != "I" => {
                // Proper names ("Scott Scott") are judged alike: doubled
                // names are listed, and a planted slip in a name is as
                // common as in any word.
                if quoted_title(toks, p, i) || pair_elsewhere(cx, p, i) {
                    return false;
                }

                // Beside another capitalised word, the pair may be part of
                // a name ("Hot Hot Heat", "Koh Phi Phi"): a slip only if the
                // document has the name with one copy ("the Federal
                // Government Government" and elsewhere "Federal
                // Government").
                let before = neighbour_word(toks, p, false);
                let after = neighbour_word(toks, i, true);
                let named = |w: Option<&str>| w.is_some_and(is_capitalized);
                // A capitalised word before the pair names something only
                // in mid-sentence: "But Dechy Dechy is" ("But" starts the
                // sentence).
                let before_at = toks[..p]
                    .iter()
                    .rposition(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak));
                let before = before.filter(|x| {
                    !(before_at.is_some_and(|b| sentence_start(toks, b))
                        && with_folded(x, &mut String::new(), is_ordinary_word))
                });
                // Two names abut: "the University of Houston Houston
                // Cougars".
                // (Only after an institution named for a place, or across
                // a line break in a list of one entry to a line: "… in the
                // city of Maringá⏎Maringá Regional Airport, …⏎Palm-wine
                // …". Elsewhere "the Federal Reserve Bank of New New
                // York", "shares of Deutsche Deutsche Bank" are slips.)
                if before == Some("of")
                    && named(after)
                    && !ordinary
                    && (line_between && list_lines(toks, p, i)
                        || toks[..p]
                            .iter()
                            .rev()
                            .filter(|t| t.is_word())
                            .nth(1)
                            .is_some_and(|t| {
                                matches!(t.text, "University" | "College" | "Institute")
                            }))
                {
                    return false;
                }
                // Chinese given names double a syllable ("pianist Lang
                // Lang", "Fan Bing Bing", "the panda Tian Tian"): a pinyin
                // syllable doubled is a name, or if it is also an English
                // word ("He He said" is a slip), when it has four letters
                // or more and no other name is beside it.
                // (Not before a number: "Jan Jan 26" is a month.)
                if pinyin_syllable(w)
                    && !toks.get(i + 2).is_some_and(|t| t.kind == TokenKind::Number)
                    && (!ordinary || w.len() >= 4 && !named(before) && !named(after))
                {
                    return false;
                }
                // Inside a longer name, any other word doubled is a slip:
                // an ordinary English word ("the US Environmental
                // Environmental Protection Agency", "Green Spring Spring
                // Dairy", "the Western Western District"), or a name's own
                // word ("Commerce Secretary Malcolm Malcolm Baldridge",
                // "keeper Antonio Antonio Doblas", "Helmut Panke Panke
                // predicted"). Names that double a word on purpose are
                // listed ("Hot Hot Heat", "Please Please Me"); titles are
                // quoted, or verse.
                if named(before) || named(after) {
                    return true;
                }
                // "the TV series Soldier Soldier".
                if before.is_some_and(|x| {
                    with_folded(x, &mut String::new(), |x| TITLE_NOUNS.contains(&x))
                }) {
                    return false;
                }
            }
            // A name, then the word: "Will will be here", "In May may
            // we"; a genus, then its species: "Vulpes vulpes".
            (true, false) => {
                if REPEAT_ROLES.contains(w) && (!start || !FUNCTION_WORDS.contains(&w)) {
                    return false;
                }
                if !start && (REPEAT_LATIN.contains(w) || !ordinary && latin_form(w)) {
                    return false;
                }
            }
            _ => {}
        }
        // Beside a hyphen. "the oil-for for-food deal": both sides, a slip.
        // "a break-in in 1999": a compound's particle, then a preposition.
        // "two two-year terms": a number before a compound.
        // "long-term term loans", "a break-in in 1999": a compound, then
        // a word of its own.
        if hyphen_before && !hyphen_after {
            return false;
        }
        // "dissipated in in-fighting", "aimed at at-risk youth": a
        // preposition before a compound that starts with it.
        // Wordplay on a prefix: "fiction and non non-fiction".
        if hyphen_after
            && !hyphen_before
            && (NUMBER_WORDS.contains(&w)
                || PARTICLES.contains(&w)
                || PREFIXES.contains(&w)
                || matches!(w, "al" | "el" | "bin" | "abu" | "ibn"))
        {
            return false;
        }
        if !caps_a && (in_scientific_name(toks, p, i) || trinomial(toks, p, w)) {
            return false;
        }
        // Letters spelled out: "b a s i c".
        if w.chars().count() == 1 && spelled_out(toks, p, i) {
            return false;
        }
        // "the can can hold", "his will will be read".
        // (Only a word that is a verb without an "-s": "the bill bill" is a
        // slip.)
        if matches!(w, "will" | "may" | "can" | "might" | "must" | "rose")
            && prev_word_in_list(toks, p, DETERMINERS)
        {
            return false;
        }
        // "gave her her book"; "I assure you you are wrong", "if I told
        // you you had won": an object, then the subject of a clause.
        if matches!(w, "her" | "you")
            && (prev_word_in(toks, p, &REPEAT_TWO_OBJECTS)
                || prev_word_in_list(toks, p, CLAUSE_VERBS))
        {
            return false;
        }
        // "My my, how you've grown": the interjection, before a stop or
        // at the end of a line.
        if w == "my"
            && toks.get(i + 1).is_none_or(|t| {
                t.kind == TokenKind::LineBreak
                    || t.kind == TokenKind::Punct && matches!(t.text, "," | "!" | "." | "?")
            })
        {
            return false;
        }
        // A speaker's or a prompt's label starting the next line: "...
        // asked for the doctor⏎DOCTOR: Yes?", "$ apropos win⏎win: nothing
        // appropriate".
        if line_between && toks.get(i + 1).is_some_and(|t| t.text == ":") {
            return false;
        }
        // In verse (a song, a poem: short lines that start with capitals)
        // a word other than a function word is doubled for the sound:
        // "Poor poor pitiful me", "Antonio Antonio".
        if !FUNCTION_WORDS.contains(&w) && in_verse(cx.text, toks[p].start) {
            return false;
        }
        // A one-letter word other than "a", "I" and "O" doubled is a
        // drawing or a formula ("V V", "x x"), not a slip in prose.
        if w.chars().count() == 1 && !matches!(w, "a" | "i" | "o") {
            return false;
        }
        // A lower-case word no dictionary has, doubled: a sound, baby talk
        // or a chant ("blurp blurp", "vewwy vewwy", "boola boola"). Names
        // are capitalised; a planted or pasted slip doubles a real word.
        // Not an abbreviation without vowels: "2 billion dlrs dlrs".
        // (A plural of a dictionary word is a word: "depreciations"; so is
        // a compound of two: "longwall", "countertrade"; and a word of
        // nine letters or more is no sound: "gasification". A word one
        // letter from a dictionary word may be a misspelling, "flighs
        // flighs", or said on purpose, "feetch feetch", "pwetty pwetty":
        // left alone.)
        if !ordinary
            && !is_capitalized(b)
            && w.chars().all(|c| c.is_ascii_lowercase())
            && w.contains(['a', 'e', 'i', 'o', 'u'])
            && !crate::table::ENGLISH_NAMES.contains(w)
            && !w.strip_suffix('s').is_some_and(is_ordinary_word)
            && !compound(w)
            && w.len() < 9
        {
            return false;
        }
        // "those who know know", "whoever wins wins", "what will be will
        // be": a relative clause, then its verb again.
        if !FUNCTION_WORDS.contains(&w)
            && !cap_b
            && relative_echo(toks, p)
            && !next_is(&["i", "we", "they", "he", "she", "you"])
        {
            return false;
        }
        // A verb, then the same word before the noun it modifies: "to
        // record record profits", "could record record highs".
        if REPEAT_MODIFIERS.contains(w)
            && prev_word_in_list(toks, p, INFINITIVE_MARKERS)
            && next_word(toks, i).is_some_and(|n| {
                !is_capitalized(n)
                    && with_folded(n, &mut String::new(), |n| {
                        is_ordinary_word(n)
                            && !FUNCTION_WORDS.contains(&n)
                            && !DETERMINERS.contains(&n)
                            && !PRONOUNS.contains(&n)
                            && !PREPOSITIONS.contains(n)
                    })
            })
        {
            return false;
        }
        // A verb's object, its particle, then a preposition: "she let us
        // in in the rain", "he brought it in in a bag".
        // ("back" and "away" are no prepositions: "drove himself back
        // back into the team" is a slip.)
        if !start
            && OBJECT_PARTICLES.contains(&w)
            && !matches!(w, "back" | "away")
            && prev_word_in_list(toks, p, PRONOUNS)
        {
            return false;
        }
        // An infinitive left implied, then one of purpose: "do what you
        // have to to stay", "as we need to to grow".
        if w == "to" && elliptical_to(toks, p) {
            return false;
        }
        // A particle or stranded preposition, then a preposition: "log in
        // in the morning", "the school I applied to to improve".
        // A preposition is stranded only in a clause with a subject or
        // an infinitive before its verb ("the man I voted for for his
        // honesty"); after a determiner the verb is a noun ("a vote for
        // for his party").
        if PARTICLES.contains(&w)
            && !matches!(w, "back" | "away")
            && !start
            && phrasal(toks, p, w)
            && (OBJECT_PARTICLES.contains(&w) || stranding_subject(toks, p))
        {
            // "applied to to the university" is still a slip: an
            // infinitive, not a noun phrase, follows a stranded "to".
            // Nor can a noun by its ending: "applied to to production".
            return w == "to"
                && next_word(toks, i).is_none_or(|n| {
                    with_folded(n, &mut String::new(), |n| {
                        DETERMINERS.contains(&n) || PRONOUNS.contains(&n) || noun_by_ending(n)
                    })
                });
        }
        // Speech repeats a word for urgency or emphasis: "Please please
        // let me go," "Hurry hurry, the train is leaving," "Help help!" A
        // word that is not a function word, doubled in direct speech at
        // the start of what is said or before a stop, is the speaker's.
        // So is a doubled word that makes a whole exclamation, quoted or
        // not: "Stop stop!"
        if !FUNCTION_WORDS.contains(&w) && start && toks.get(i + 1).is_some_and(|t| t.text == "!") {
            return false;
        }
        if !FUNCTION_WORDS.contains(&w) && in_speech(toks, p) {
            let opens = p > 0 && is_open_quote(toks, p - 1);
            let stops = toks.get(i + 1).is_some_and(|t| {
                t.kind == TokenKind::Punct
                    && matches!(t.text, "," | "!" | "?" | "…" | "”" | "\"" | "’" | "'")
            });
            if opens || stops {
                return false;
            }
        }
        match w {
            // "What it really is is a ...", "All it is is ...", "all there
            // was was rubble".
            // Not when "what" or "all" is the verb's own subject: "what
            // was was in the papers".
            "is" | "was" => {
                prev_word_in_list(toks, p, &["what", "all"])
                    || !sentence_has(toks, p, &["what", "all"])
            }
            // "Add to this this new law": a verb's object, then a
            // determiner; "at this this point", "of this this year" are
            // slips.
            // So is "for this this year": before a word of time the
            // first copy is the slip.
            "this" => {
                !prev_word_in_list(
                    toks,
                    p,
                    &["to", "with", "for", "about", "on", "into", "from", "over"],
                ) || !prev_word_in_list(toks, p, &["to", "with"]) && next_is(TIME_NOUNS)
            }
            // The idiom "the wild wild West".
            "wild" => !next_word(toks, i).is_some_and(|n| n.eq_ignore_ascii_case("west")),
            // A stranded preposition, then a time phrase: "placed in in the
            // past", "waited for for years". Never at a sentence's start.
            // (Stranded after a verb: "300 mln dlrs for for future
            // acquisitions" is a slip.)
            _ if PREPOSITIONS.contains(w) => {
                start
                    || !next_word_in(toks, i, &REPEAT_STRANDED)
                    || !(phrasal(toks, p, w)
                        || neighbour_word(toks, p, false).is_some_and(|v| {
                            v.ends_with("ed") || v.ends_with("en") || v.ends_with("ing")
                        }))
            }
            _ => true,
        }
    })
}

/// Whether byte `at` of `text` lies in verse: its paragraph (lines
/// between blank lines, at most 40 read either way) has three lines or
/// more, every one shorter than 60 characters and nearly all starting
/// with a capital, and not every one ends a sentence (a list of short
/// sentences is prose).
pub(super) fn in_verse(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    let mut lines: Vec<&str> = Vec::new();
    for l in before.rsplit('\n').skip(1).take(40) {
        if l.trim().is_empty() {
            break;
        }
        lines.push(l);
    }
    let head = before.rsplit('\n').next().unwrap_or("");
    let mut rest = after.split('\n');
    let this = format!("{head}{}", rest.next().unwrap_or(""));
    lines.push(&this);
    for l in rest.take(40) {
        if l.trim().is_empty() {
            break;
        }
        lines.push(l);
    }
    if lines.len() < 3 {
        return false;
    }
    let short = lines.iter().all(|l| l.trim().chars().count() < 60);
    let capitals = lines
        .iter()
        .filter(|l| {
            l.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .count();
    let open = lines
        .iter()
        .filter(|l| !l.trim_end().ends_with(['.', '!', '?', '"', '\u{201d}']))
        .count();
    short && capitals * 5 >= lines.len() * 4 && open * 3 >= lines.len()
}

/// Verbs that take an object and a clause: "I assure you you are
/// wrong", "she told him he had won".
pub(super) const CLAUSE_VERBS: &[&str] = &[
    "assure",
    "assured",
    "assures",
    "assuring",
    "remind",
    "reminded",
    "reminds",
    "reminding",
    "warn",
    "warned",
    "warns",
    "warning",
    "bet",
    "bets",
    "betting",
    "guarantee",
    "guaranteed",
    "guarantees",
    "convince",
    "convinced",
    "convinces",
    "inform",
    "informed",
    "informs",
    "persuade",
    "persuaded",
    "persuades",
    "notify",
    "notified",
    "swear",
    "swore",
    "sworn",
    "tell",
    "told",
    "tells",
    "telling",
    "promise",
    "promised",
    "promises",
    "show",
    "showed",
    "shows",
];

/// Whether the word at `p` follows a relative that starts a subject:
/// "those who | know know", "whoever | wins wins", "what | will be will
/// be", "those that | love us love us".
pub(super) fn relative_echo(toks: &[Token<'_>], p: usize) -> bool {
    let mut before = toks[..p]
        .iter()
        .rev()
        .filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak));
    let fold = |t: Option<&Token<'_>>| {
        t.filter(|t| t.is_word())
            .map(|t| t.text.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let rel = fold(before.next());
    match rel.as_str() {
        "whoever" | "whatever" | "what" => true,
        "who" | "that" => matches!(
            fold(before.next()).as_str(),
            "those"
                | "they"
                | "anyone"
                | "anybody"
                | "everyone"
                | "everybody"
                | "people"
                | "he"
                | "she"
                | "someone"
                | "somebody"
                | "all"
                | "none"
        ),
        _ => false,
    }
}

/// Verbs after which "there there" is a slip: "there there is".
pub(super) const THERE_VERBS: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "has", "have", "had", "seems", "seemed", "may",
    "might", "could", "should", "must", "can", "remains", "remain", "exists", "appears", "be",
    "being", "been", "isn't", "aren't", "wasn't", "weren't", "won't", "comes", "came", "lies",
    "stands", "stood",
];

/// Whether a lower-case word is a noun by its ending ("production",
/// "decision", "ability", "fairness", "realism"), so that no infinitive
/// starts with it. The verbs with those endings are left out.
pub(super) fn noun_by_ending(n: &str) -> bool {
    n.len() >= 6
        && ["tion", "sion", "ity", "ness", "ism"]
            .iter()
            .any(|e| n.ends_with(e))
        && !NOUN_ENDING_VERBS.contains(&n)
}

/// Verbs that end like nouns: "to mention", "to witness".
const NOUN_ENDING_VERBS: &[&str] = &[
    "mention",
    "question",
    "function",
    "position",
    "station",
    "caution",
    "ration",
    "auction",
    "motion",
    "sanction",
    "condition",
    "petition",
    "commission",
    "partition",
    "portion",
    "proportion",
    "section",
    "vacation",
    "audition",
    "caption",
    "requisition",
    "reposition",
    "transition",
    "envision",
    "provision",
    "pension",
    "occasion",
    "action",
    "suction",
    "option",
    "version",
    "witness",
    "harness",
    "dimension",
    "tension",
    "vision",
    "mission",
    "fraction",
    "proposition",
];

/// Words before a verb's bare form: "to", the modals.
pub(super) const INFINITIVE_MARKERS: &[&str] = &[
    "to", "will", "would", "can", "could", "may", "might", "shall", "should", "must",
];

/// Object pronouns, which start no infinitive: "applied to to them" is a
/// slip.
pub(super) const PRONOUNS: &[&str] =
    &["me", "you", "him", "it", "us", "them", "himself", "herself"];

pub(super) fn is_hyphen(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‐" | "‑")
}

/// Whether words `p` and `i` are glued to code-like punctuation: "foo.bar
/// bar", "v8::Function::Call call", "a.k.a a", "and/or or", "bar bar.baz".
pub(super) fn code_glue(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let code = |t: &Token<'_>| {
        t.kind == TokenKind::Punct
            && matches!(
                t.text,
                "." | ":" | "/" | "\\" | "_" | "@" | "=" | "#" | "<" | ">" | "|" | "~"
            )
            || t.kind == TokenKind::Symbol
                && matches!(t.text, "=" | "<" | ">" | "|" | "~" | "^" | "+")
    };
    let glued_before = |j: usize| j > 0 && code(&toks[j - 1]) && toks[j - 1].end() == toks[j].start;
    let glued_after = |j: usize| {
        toks.get(j + 1)
            .is_some_and(|t| code(t) && t.start == toks[j].end())
            && toks
                .get(j + 2)
                .is_some_and(|t| !t.is_space() && t.kind != TokenKind::Punct)
    };
    glued_before(p) || glued_before(i) || glued_after(p) || glued_after(i)
}

/// The word right before token `p` (`after`: after it), with only spaces
/// and line breaks between.
pub(super) fn neighbour_word<'a>(toks: &[Token<'a>], p: usize, after: bool) -> Option<&'a str> {
    let t = if after {
        toks[p + 1..]
            .iter()
            .find(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))?
    } else {
        toks[..p]
            .iter()
            .rev()
            .find(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))?
    };
    t.is_word().then_some(t.text)
}

/// Whether the one-letter words `p` and `i` are among letters spelled out:
/// "b a s i c", "s p e l l". Two letters either side and the pair make
/// three different letters at least ("é a a é a a" is a repeat).
pub(super) fn spelled_out(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let one = |t: &&Token<'_>| t.is_word() && t.text.chars().count() == 1;
    let near = |it: &mut dyn Iterator<Item = &Token<'_>>| -> [Option<char>; 2] {
        let mut got = [None; 2];
        let near = it.filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak));
        for (slot, t) in got.iter_mut().zip(near) {
            if !one(&t) {
                break;
            }
            *slot = t.text.chars().next().map(|c| c.to_ascii_lowercase());
        }
        got
    };
    let before = near(&mut toks[..p].iter().rev());
    let after = near(&mut toks[i + 1..].iter());
    let own = toks[p].text.chars().next().map(|c| c.to_ascii_lowercase());
    let mut seen = [None; 5];
    let mut n = 0;
    for c in before.iter().chain(&after).chain([&own]).flatten() {
        if !seen.contains(&Some(*c)) {
            seen[n] = Some(*c);
            n += 1;
        }
    }
    n >= 3
}

/// The word before token `p` across one comma or exclamation mark:
/// "Turn, Turn Turn", "Go! Go go".
pub(super) fn word_before_comma<'a>(toks: &[Token<'a>], p: usize) -> Option<&'a str> {
    let mut it = toks[..p].iter().rev().filter(|t| !t.is_space());
    let punct = it.next()?;
    if !matches!(punct.text, "," | "!") {
        return None;
    }
    it.next().filter(|t| t.is_word()).map(|t| t.text)
}

/// The next word after token `i`, with only white space between.
pub(super) fn next_word<'a>(toks: &[Token<'a>], i: usize) -> Option<&'a str> {
    neighbour_word(toks, i, true)
}

/// Whether token `q` opens a quotation: a left quote, or a straight one
/// with nothing glued before it.
fn is_open_quote(toks: &[Token<'_>], q: usize) -> bool {
    match toks[q].text {
        "“" | "‘" | "«" => true,
        "\"" | "'" => q == 0 || !matches!(toks[q - 1].kind, TokenKind::Word | TokenKind::Number),
        _ => false,
    }
}

/// Whether token `p` is inside direct speech: the nearest quotation mark
/// before it in its paragraph (within 80 tokens) opens a quotation.
pub(super) fn in_speech(toks: &[Token<'_>], p: usize) -> bool {
    for q in (p.saturating_sub(80)..p).rev() {
        match toks[q].kind {
            TokenKind::ParagraphBreak => return false,
            TokenKind::Punct if matches!(toks[q].text, "“" | "”" | "‘" | "«" | "»" | "\"") =>
            {
                return is_open_quote(toks, q);
            }
            _ => {}
        }
    }
    false
}

/// Whether the "to" at token `p` ends a clause whose infinitive is left
/// implied: a wh-word or "as", a subject, then "have", "need" or the like:
/// "what you have to", "as we need to", "whatever they want to".
pub(super) fn elliptical_to(toks: &[Token<'_>], p: usize) -> bool {
    let mut words = toks[p.saturating_sub(8)..p]
        .iter()
        .rev()
        .filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak));
    let mut next_in = |list: &[&str]| {
        words.next().is_some_and(|t| {
            t.is_word() && with_folded(t.text, &mut String::new(), |w| list.contains(&w))
        })
    };
    next_in(&[
        "have", "has", "had", "need", "needs", "needed", "want", "wants", "wanted", "ought",
    ]) && next_in(&["i", "you", "we", "they", "he", "she", "one"])
        && next_in(&["what", "whatever", "as", "wherever", "whenever", "than"])
}

/// Whether the word before token `p` and the particle `w` make a phrasal
/// or prepositional verb in `rules/repeated-word/phrasal.txt`.
pub(super) fn phrasal(toks: &[Token<'_>], p: usize, w: &str) -> bool {
    let Some(v) = neighbour_word(toks, p, false) else {
        return false;
    };
    let mut key = [0u8; 48];
    let n = v.len() + 1 + w.len();
    if !v.is_ascii() || n > key.len() {
        return false;
    }
    key[..v.len()].copy_from_slice(v.as_bytes());
    key[..v.len()].make_ascii_lowercase();
    key[v.len()] = b' ';
    key[v.len() + 1..n].copy_from_slice(w.as_bytes());
    std::str::from_utf8(&key[..n]).is_ok_and(|k| REPEAT_PHRASAL.contains(k))
}

/// A Latin ending: "lupus", "leo", "tigris", "obsoleta".
pub(super) fn latin_form(w: &str) -> bool {
    w.len() >= 3
        && [
            "us", "is", "um", "a", "ae", "es", "ex", "ix", "x", "o", "on", "os", "ops", "ys",
            "ens", "ans", "i",
        ]
        .iter()
        .any(|e| w.ends_with(e))
}

/// A trinomial: a capitalised genus that is not an ordinary word, then the
/// species twice in Latin form: "Canis lupus lupus", "Panthera leo leo".
pub(super) fn trinomial(toks: &[Token<'_>], p: usize, w: &str) -> bool {
    if !latin_form(w) || w.len() < 3 {
        return false;
    }
    neighbour_word(toks, p, false).is_some_and(|g| {
        is_capitalized(g)
            && with_folded(g, &mut String::new(), |g| {
                latin_form(g) && (!is_ordinary_word(g) || REPEAT_LATIN.contains(g))
            })
    })
}

/// Whether the pair `p`, `i` is part of a quoted title in capitals:
/// "“Rebel Rebel”", "'The Aged⏎Aged Man.'" Every word from the opening
/// quote to the closing one is capitalised; a stop may come before the
/// closing quote.
pub(super) fn quoted_title(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let is_quote = |t: &Token<'_>| matches!(t.text, "\"" | "“" | "”" | "‘" | "’" | "'" | "«" | "»");
    fn walk<'t, 'a>(it: &mut dyn Iterator<Item = &'t Token<'a>>) -> Option<&'t Token<'a>> {
        it.take(24).find(|t| {
            !(matches!(t.kind, TokenKind::Space | TokenKind::LineBreak)
                || t.is_word() && is_capitalized(t.text))
        })
    }
    let after = &mut toks[i + 1..].iter();
    walk(&mut toks[..p].iter().rev()).is_some_and(is_quote)
        && walk(after).is_some_and(|t| {
            is_quote(t)
                || matches!(t.text, "." | "," | "!" | "?") && after.next().is_some_and(is_quote)
        })
}

/// Whether the capitalised pair at `p`, `i` occurs again in the document,
/// which then uses it as a name.
pub(super) fn pair_elsewhere(cx: &Context<'_>, p: usize, i: usize) -> bool {
    let (a, b) = (&cx.tokens[p], &cx.tokens[i]);
    let pat = format!("{} {}", a.text, b.text);
    memchr::memmem::find_iter(cx.text.as_bytes(), pat.as_bytes()).any(|at| at != a.start)
}

/// The word before token `p` in the same sentence, if any, is in `set`.
pub(super) fn prev_word_in(toks: &[Token<'_>], p: usize, set: &WordSet) -> bool {
    neighbour_word(toks, p, false)
        .is_some_and(|t| with_folded(t, &mut String::new(), |w| set.contains(w)))
}

/// The word before token `p` is in `list`.
pub(super) fn prev_word_in_list(toks: &[Token<'_>], p: usize, list: &[&str]) -> bool {
    neighbour_word(toks, p, false)
        .is_some_and(|t| with_folded(t, &mut String::new(), |w| list.contains(&w)))
}

/// The word after token `i` is in `set` (skipping one article).
pub(super) fn next_word_in(toks: &[Token<'_>], i: usize, set: &WordSet) -> bool {
    let mut words = toks[i + 1..]
        .iter()
        .take_while(|t| t.is_word() || matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
        .filter(|t| t.is_word())
        .take(2);
    let mut buf = String::new();
    match words.next() {
        Some(t) if matches!(t.text, "the" | "a" | "The" | "A") => words
            .next()
            .is_some_and(|t| with_folded(t.text, &mut buf, |w| set.contains(w))),
        Some(t) => with_folded(t.text, &mut buf, |w| set.contains(w)),
        None => false,
    }
}

/// Whether one of `words` occurs earlier in the sentence holding token `p`,
/// within [`REACH`] tokens.
pub(super) fn sentence_has(toks: &[Token<'_>], p: usize, words: &[&str]) -> bool {
    for t in toks[p.saturating_sub(REACH)..p].iter().rev() {
        match t.kind {
            TokenKind::ParagraphBreak => return false,
            TokenKind::Punct if matches!(t.text, "." | "!" | "?") => return false,
            TokenKind::Word if words.iter().any(|w| t.text.eq_ignore_ascii_case(w)) => return true,
            _ => {}
        }
    }
    false
}

/// A Latin tautonym in a short parenthesis: "(Vulpes vulpes)", "(Elaphe
/// obsoleta obsoleta)". The parenthesis opens at most two words before the
/// pair and closes right after it.
pub(super) fn in_scientific_name(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let closes = toks[i + 1..]
        .iter()
        .find(|t| !t.is_space())
        .is_some_and(|t| t.text == ")");
    if !closes {
        return false;
    }
    let mut words = 0;
    for t in toks[..p].iter().rev() {
        match t.kind {
            TokenKind::Word => words += 1,
            TokenKind::Space => {}
            TokenKind::Punct if t.text == "(" => return words <= 1,
            _ => return false,
        }
        if words > 1 {
            return false;
        }
    }
    false
}

/// Verbs of saying, after which a doubled "yes", "no" or "well" is what
/// was said: "he said yes yes and left".
pub(super) const SAYING: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "answer",
    "answered",
    "reply",
    "replied",
    "shout",
    "shouted",
    "cry",
    "cried",
    "nod",
    "nodded",
    "mutter",
    "muttered",
    "murmured",
    "whispered",
    "sang",
    "sing",
    "sings",
    "chanted",
    "yelled",
    "went",
    "goes",
    "like",
];

/// Words that join clauses, after which direct speech may start again with
/// an interjection: "and no no one listens".
pub(super) const CLAUSE_JOINS: &[&str] = &[
    "and", "but", "or", "so", "oh", "ah", "then", "because", "if", "when", "said", "that",
];

/// Auxiliaries, after which "now now" or "well well" is a slip: "can now
/// now be recalled".
pub(super) const AUXILIARIES: &[&str] = &[
    "be", "been", "is", "was", "are", "were", "has", "have", "had",
];

/// Words after a past participle that show it is a verb there, not a
/// modifier of a noun: an object, a clause, a time or a preposition ("had
/// had speculated that", "had had accused him", "had had decided last
/// week", "had had increased by").
const AFTER_VERB: &[&str] = &[
    "that",
    "the",
    "a",
    "an",
    "to",
    "him",
    "her",
    "them",
    "it",
    "us",
    "me",
    "his",
    "their",
    "its",
    "our",
    "last",
    "on",
    "in",
    "by",
    "with",
    "for",
    "from",
    "against",
    "about",
    "into",
    "since",
    "earlier",
    "yesterday",
    "this",
    "what",
    "whether",
    "how",
    "why",
    "all",
    "both",
    "up",
    "out",
    "off",
    "down",
    "back",
    "away",
];

/// Past participles not in "-ed" that are seldom a noun's modifier: "had
/// had lost all three".
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "lost", "made", "taken", "given", "won", "sold", "bought", "paid", "seen", "told", "said",
    "held", "become", "done", "gone", "begun", "brought", "thought", "found", "got", "gotten",
    "known", "shown", "spent", "sent", "built", "kept", "written", "spoken", "chosen", "driven",
];

/// Whether the word after token `i` ("had") is a past participle used as a
/// verb: a word in "-ed" that is not a dictionary word's own "-ed" adjective
/// use before a noun ("limited success"), shown by what follows it.
pub(super) fn participle_as_verb(toks: &[Token<'_>], i: usize) -> bool {
    let mut words = (i + 1..toks.len())
        .take_while(|&j| {
            toks[j].is_word() || matches!(toks[j].kind, TokenKind::Space | TokenKind::LineBreak)
        })
        .filter(|&j| toks[j].is_word());
    let Some(mut v) = words.next() else {
        return false;
    };
    // An adverb between: "had had irretrievably lost".
    if toks[v].text.len() > 4 && toks[v].text.ends_with("ly") {
        let Some(x) = words.next() else {
            return false;
        };
        v = x;
    }
    let text = toks[v].text;
    if !(text.len() > 4 && text.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&text)) {
        return false;
    }
    // Its clause ends there ("the singer's career had had peaked."), or
    // an object, clause or adverb follows it.
    toks.get(v + 1)
        .is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.text, "." | "," | ";"))
        || words.next().is_some_and(|n| {
            with_folded(toks[n].text, &mut String::new(), |n| {
                AFTER_VERB.contains(&n)
            })
        })
}

/// Words before a verb that show its clause may strand a preposition: a
/// subject, an auxiliary or the infinitive's "to" ("the school I applied
/// to", "something to refer to", "the moment I've been waiting for"). Not
/// a relative pronoun, which is then the subject and leaves no gap: "the
/// countries that depend on on imported energy".
const STRANDING: &[&str] = &[
    "i", "you", "we", "they", "he", "she", "it", "whom", "to", "have", "has", "had", "be", "been",
    "being", "was", "were", "is", "are", "not", "never", "always", "just", "already", "also",
    "will", "would", "can", "could", "should", "must", "may", "might", "do", "does", "did", "i've",
    "you've", "we've", "they've", "i'd", "we'd", "they'd", "one", "someone", "people", "everyone",
    "nobody",
];

/// Whether the word before the verb that ends before particle token `p`
/// is a subject, relative, auxiliary or "to", or a name in mid-sentence.
fn stranding_subject(toks: &[Token<'_>], p: usize) -> bool {
    let Some(v) = toks[..p]
        .iter()
        .rposition(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
    else {
        return false;
    };
    let Some(s) = toks[..v]
        .iter()
        .rposition(|t| !matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
    else {
        return false;
    };
    let t = &toks[s];
    t.is_word()
        && (with_folded(t.text, &mut String::new(), |x| STRANDING.contains(&x))
            || is_capitalized(t.text) && !sentence_start(toks, s))
}

/// Words that take "'s" as a contraction of "is" or "us": "that's",
/// "let's".
const CONTRACTED: &[&str] = &[
    "it",
    "that",
    "there",
    "he",
    "she",
    "what",
    "who",
    "here",
    "let",
    "where",
    "how",
    "this",
    "when",
    "why",
    "everyone",
    "everything",
    "nobody",
    "nothing",
    "someone",
    "something",
];

/// Nouns of time, before which "this this" is a slip: "for this this
/// year".
const TIME_NOUNS: &[&str] = &[
    "year",
    "week",
    "month",
    "time",
    "season",
    "morning",
    "afternoon",
    "evening",
    "summer",
    "winter",
    "spring",
    "autumn",
    "weekend",
    "point",
    "stage",
    "quarter",
    "decade",
    "century",
];

/// Whether lower-case `w` is two dictionary words of three letters or more
/// written together ("longwall", "countertrade").
fn compound(w: &str) -> bool {
    w.len() >= 8
        && w.is_ascii()
        && (3..=w.len() - 3).any(|k| is_ordinary_word(&w[..k]) && is_ordinary_word(&w[k..]))
}

/// Whether lower-case `w` is a syllable of Mandarin in pinyin without tone
/// marks ("lang", "tian", "bing", "zhuang"): an initial, then a final.
pub(super) fn pinyin_syllable(w: &str) -> bool {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const FINALS: &[&str] = &[
        "a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er",
        "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang",
        "iong", "ua", "uo", "uai", "uan", "uang", "ueng", "uen", "uei",
    ];
    INITIALS
        .iter()
        .any(|i| w.strip_prefix(i).is_some_and(|f| FINALS.contains(&f)))
}

/// Whether the line break between words `p` and `i` lies in a list of one
/// entry to a line: the line `p` ends, the line `i` starts and the line
/// after it all start with a capital, and the first two end without a
/// stop. In wrapped prose three capitals in a row start lines about one
/// time in fifty. Reads at most [`REACH`] tokens either side.
pub(super) fn list_lines(toks: &[Token<'_>], p: usize, i: usize) -> bool {
    let capital_after = |k: usize| {
        toks[k..]
            .iter()
            .take(4)
            .find(|t| t.kind != TokenKind::Space)
            .is_some_and(|t| t.is_word() && is_capitalized(t.text))
    };
    let ends_open = |k: usize| {
        toks[..k]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Space)
            .is_some_and(|t| !matches!(t.text, "." | "!" | "?" | ":" | ";"))
    };
    let lo = p.saturating_sub(REACH);
    let prev_start = (lo..p)
        .rev()
        .find(|&k| {
            matches!(
                toks[k].kind,
                TokenKind::LineBreak | TokenKind::ParagraphBreak
            )
        })
        .map(|k| k + 1)
        .or((lo == 0 && toks.first().is_some_and(|t| t.start == 0)).then_some(0));
    let hi = (i + REACH).min(toks.len());
    let next_break = (i + 1..hi).find(|&k| toks[k].kind == TokenKind::LineBreak);
    prev_start.is_some_and(capital_after)
        && next_break.is_some_and(|k| ends_open(k) && capital_after(k + 1))
}
