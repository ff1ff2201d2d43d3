use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::prose::Format;
use crate::rule::{Context, REACH, Rule, RuleMeta};
use crate::table::{
    PREPOSITIONS, REPEAT_EMPHATIC, REPEAT_GRAMMATICAL, REPEAT_NAMES, REPEAT_STRANDED, WordSet,
};
use crate::token::{Token, TokenKind};
use crate::words::{
    first_letter, is_all_caps, is_capitalized, may_be_same_word, same_word, with_folded,
};

declare_rule! {
    /// ## What it finds
    /// The same word twice in a row: "so far as as professional", "The the
    /// minister", "Israeli israeli forces". Case and Unicode normalization do
    /// not matter ("Café café" is a repeat even when one is composed and the
    /// other decomposed). The two words may be split by a single line break.
    ///
    /// ## Why
    /// Doubled words survive edits, pastes and find-and-replace passes, and
    /// a reader's eye skips them, so proofreading misses them.
    ///
    /// ## When it stays silent
    /// - across a paragraph break, or across any punctuation between the two
    ///   words ("No, no.", "well. Well");
    /// - grammatical doubles: "she had had enough", "he said that that was";
    /// - emphatic doubles: "very very", "many many", "no no", "bye bye";
    /// - two capitalised words in mid-sentence, which are names ("Duran
    ///   Duran", "Walla Walla"); a list of such names also covers them at the
    ///   start of a sentence.
    ///
    /// These lists live in `rules/repeated-word/` and are compiled in.
    ///
    /// ## Fix
    /// Deletes the second word and the white space before it:
    /// "so far as as professional" becomes "so far as professional".
    pub struct RepeatedWord {
        id: "repeated-word",
        severity: Error,
        fixable: true,
        summary: "the same word twice in a row (\"as as\", \"The the\")",
    }
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        // Each word against the one before it, first letters first: two
        // words that start with different letters are not the same word,
        // which settles nearly every pair.
        let mut buf = String::new();
        let mut prev: Option<(usize, u8)> = None;
        for &i in cx.words {
            let (i, t) = (i as usize, &toks[i as usize]);
            let first = first_letter(t.text);
            if let Some((p, pf)) = prev
                && may_be_same_word(pf, first)
                // Only spaces and line breaks between them.
                && toks[p + 1..i]
                    .iter()
                    .all(|t| matches!(t.kind, TokenKind::Space | TokenKind::LineBreak))
                && is_error(cx, p, i, &mut buf)
            {
                let (a, b) = (&toks[p], t);
                let mut d =
                    Diagnostic::new(a.start..b.end(), format!("repeated word \"{}\"", b.text))
                        .label("the word is repeated")
                        .help(format!("remove the second \"{}\"", b.text));
                // Only white space between the words in the file
                // itself: never delete markup ("the **the**").
                if cx.source[a.end()..b.start].chars().all(char::is_whitespace) {
                    d = d.fix(a.end()..b.end(), "");
                }
                out.push(d);
            }
            prev = Some((i, first));
        }
    }
}

/// Whether word tokens `p` and `i` (only spaces and one line break between)
/// are an erroneous repeat.
fn is_error(cx: &Context<'_>, p: usize, i: usize, buf: &mut String) -> bool {
    let toks = cx.tokens;
    let (a, b) = (toks[p].text, toks[i].text);
    if a.len() > 4 * b.len() + 4 || b.len() > 4 * a.len() + 4 || !same_word(a, b) {
        return false;
    }
    // Case tells words apart: "at AT&T" (a word and an initialism), "the
    // river River Ponnaiyar" and "buffalo / Buffalo, New York" (a capital
    // after a lower-case word starts a name or a new list item).
    let (caps_a, caps_b) = (is_all_caps(a), is_all_caps(b));
    if caps_a != caps_b || (!is_capitalized(a) && is_capitalized(b)) {
        return false;
    }
    // Two capitalised words (not shouted in capitals) in mid-sentence are a
    // name: "Duran Duran", "Walla Walla".
    if is_capitalized(a) && is_capitalized(b) && !caps_a && !sentence_start(toks, p) {
        return false;
    }
    // Glued to what is around them, the words are parts of something else:
    // "a break-in in 1999", "one one-hundredth", "8x10in in size".
    if p > 0 && !toks[p - 1].is_space() && toks[p - 1].kind != TokenKind::Punct
        || p > 0 && is_hyphen(&toks[p - 1])
        || toks.get(i + 1).is_some_and(is_hyphen)
    {
        return false;
    }
    // Columns of a plain-text table: "nil      nil      nil".
    if matches!(cx.format, Format::Plain | Format::Docx)
        && toks[p + 1..i]
            .iter()
            .any(|t| t.text.contains('\t') || t.text.len() >= 3 && t.kind == TokenKind::Space)
    {
        return false;
    }
    if in_scientific_name(toks, p, i) {
        return false;
    }
    with_folded(b, buf, |w| {
        if REPEAT_GRAMMATICAL.contains(w)
            || REPEAT_EMPHATIC.contains(w)
            || REPEAT_NAMES.contains(w)
            || cx.options.allowed_repeats.iter().any(|x| x == w)
        {
            return false;
        }
        match w {
            // "What it really is is a ...", "All it is is ..."
            "is" => !sentence_has(toks, p, &["what", "all"]),
            // "Add to this this new law": a pronoun, then a determiner.
            "this" => !prev_word_in(toks, p, &PREPOSITIONS),
            // A stranded preposition, then a time phrase: "placed in in the
            // past", "waited for for years".
            _ if PREPOSITIONS.contains(w) => !next_word_in(toks, i, &REPEAT_STRANDED),
            _ => true,
        }
    })
}

fn is_hyphen(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‐" | "‑")
}

/// The word before token `p` in the same sentence, if any, is in `set`.
fn prev_word_in(toks: &[Token<'_>], p: usize, set: &WordSet) -> bool {
    toks[..p]
        .iter()
        .rev()
        .find(|t| !t.is_space())
        .is_some_and(|t| {
            t.is_word() && with_folded(t.text, &mut String::new(), |w| set.contains(w))
        })
}

/// The word after token `i` is in `set` (skipping one article).
fn next_word_in(toks: &[Token<'_>], i: usize, set: &WordSet) -> bool {
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
fn sentence_has(toks: &[Token<'_>], p: usize, words: &[&str]) -> bool {
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
fn in_scientific_name(toks: &[Token<'_>], p: usize, i: usize) -> bool {
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

/// Whether token `p` starts a sentence: nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, or sentence-ending punctuation. More than [`REACH`] tokens of
/// them count as a start too.
pub(crate) fn sentence_start(toks: &[Token<'_>], p: usize) -> bool {
    for t in toks[p.saturating_sub(REACH)..p].iter().rev() {
        match t.kind {
            TokenKind::Space | TokenKind::LineBreak => continue,
            TokenKind::ParagraphBreak => return true,
            TokenKind::Punct => match t.text {
                "\"" | "'" | "“" | "‘" | "(" | "[" | "«" | "*" | "_" => continue,
                "." | "!" | "?" | "…" | ":" => return true,
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}
