//! Where sentences start, for rules that read a capital differently there
//! ("Thethe" is a typo at the start of a sentence, a name in mid-sentence;
//! "A" is an article there, a label after "Plan").

use crate::token::{REACH, Token, TokenKind};

/// Lines of more tokens than this are not headlines.
const HEADLINE_TOKENS: usize = 48;

/// Whether token `p` starts a sentence: nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, sentence-ending punctuation, or the end of a headline line (see
/// [`ends_headline`]).
///
/// Looks back at most [`REACH`] tokens (a longer run of spaces, quotes and
/// brackets counts as a start), so a file checked in chunks gets the answer
/// it gets whole.
pub fn sentence_start(toks: &[Token<'_>], p: usize) -> bool {
    let mut line_break = None;
    let from = p.saturating_sub(REACH);
    for (k, t) in toks[from..p].iter().enumerate().rev() {
        let k = from + k;
        match t.kind {
            TokenKind::Space => continue,
            TokenKind::LineBreak => {
                line_break = Some(k);
                continue;
            }
            TokenKind::ParagraphBreak => return true,
            TokenKind::Punct => match t.text {
                "\"" | "'" | "“" | "‘" | "(" | "[" | "«" | "*" | "_" => continue,
                "." | "!" | "?" | "…" | ":" => return true,
                _ => {}
            },
            _ => {}
        }
        return line_break.is_some_and(|k| ends_headline(toks, k));
    }
    true
}

/// Words a headline does not end on: a line ending on one of them runs on.
const RUN_ON: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
    "than", "that", "the", "to", "with",
];

/// Whether the line break at token `k` ends a headline: a line that is a
/// paragraph of its own start (after a paragraph break or at the start of
/// the text), ends on a word or number with no end punctuation, not on a
/// word that runs on ("the", "of"), and is short. The line after it starts
/// a sentence: "Drought hits cattle⏎A shortage of feed".
///
/// Looks back at most [`HEADLINE_TOKENS`] tokens, so the answer does not
/// depend on how much of the text the caller holds.
pub fn ends_headline(toks: &[Token<'_>], k: usize) -> bool {
    let Some(last) = toks[..k].iter().rposition(|t| t.kind != TokenKind::Space) else {
        return false;
    };
    let t = &toks[last];
    let ends_on_word = match t.kind {
        TokenKind::Word => !RUN_ON.iter().any(|w| t.text.eq_ignore_ascii_case(w)),
        TokenKind::Number => true,
        _ => false,
    };
    if !ends_on_word {
        return false;
    }
    for (n, t) in toks[..last].iter().rev().enumerate() {
        if n > HEADLINE_TOKENS {
            return false;
        }
        match t.kind {
            TokenKind::ParagraphBreak => return true,
            TokenKind::LineBreak => return false,
            _ => {}
        }
    }
    // The start of what the caller holds: the start of the text only if
    // the first token is there.
    toks.first().is_some_and(|t| t.start == 0)
}

/// [`sentence_start`] without the headline case: whether token `p` starts
/// a sentence by punctuation alone (nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, or sentence-ending punctuation). repeated-word judges the line
/// after a headline with [`after_headline`] instead. It looks back at most
/// [`HEADLINE_TOKENS`] tokens: a word further than that from the last
/// punctuation is in mid-sentence (and the answer takes constant time, and
/// is the same whether a file is checked whole or in chunks).
pub fn sentence_start_by_punctuation(toks: &[Token<'_>], p: usize) -> bool {
    let from = p.saturating_sub(HEADLINE_TOKENS);
    if from > 0
        && toks[from..p]
            .iter()
            .all(|t| !matches!(t.kind, TokenKind::Punct | TokenKind::ParagraphBreak))
    {
        return false;
    }
    for t in toks[from..p].iter().rev() {
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

/// Whether token `i` is the first token of a line that follows a headline:
/// a line that starts a paragraph (or the text), ends without punctuation
/// ("Drought angers farmers"), and was broken by hand, not wrapped: the
/// first word of the next line would have fitted on it, since the next
/// line is longer than the headline and that word together. Then `i`
/// starts a sentence, and a word that repeats the headline's last word
/// ("… angers farmers⏎Farmers say …") is an echo, not a slip.
///
/// Reads at most [`HEADLINE_TOKENS`] tokens either side of `i`, so that a
/// file checked in chunks gets the same answer.
pub fn after_headline(toks: &[Token<'_>], i: usize) -> bool {
    let Some(first) = toks.get(i) else {
        return false;
    };
    // The line break right before `i`.
    let mut j = i;
    while j > 0 && toks[j - 1].kind == TokenKind::Space {
        j -= 1;
    }
    if j == 0 || toks[j - 1].kind != TokenKind::LineBreak {
        return false;
    }
    let lb = j - 1;
    // The previous line: back to a paragraph break or the start.
    let lo = lb.saturating_sub(HEADLINE_TOKENS);
    let mut start = None;
    for k in (lo..lb).rev() {
        match toks[k].kind {
            TokenKind::ParagraphBreak => {
                start = Some(k + 1);
                break;
            }
            TokenKind::LineBreak => return false,
            _ => {}
        }
    }
    let start = match start {
        Some(s) => s,
        None if lo == 0 && toks[0].start == 0 => 0,
        None => return false,
    };
    // It ends with a word, a number or a closing quote or bracket.
    let Some(last) = toks[start..lb].iter().rev().find(|t| !t.is_space()) else {
        return false;
    };
    let ends_open = match last.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => matches!(last.text, "\"" | "”" | "’" | "'" | ")" | "]"),
        _ => false,
    };
    if !ends_open || !toks[start..lb].iter().any(Token::is_word) {
        return false;
    }
    let head_len = toks[start..lb]
        .iter()
        .map(|t| t.text.chars().count())
        .sum::<usize>();
    // The next line's first word, and whether the line reaches past the
    // headline plus that word.
    let word_len = first.text.chars().count();
    let need = head_len + 1 + word_len;
    let mut len = 0;
    for t in toks[i..].iter().take(HEADLINE_TOKENS) {
        if matches!(t.kind, TokenKind::LineBreak | TokenKind::ParagraphBreak) {
            break;
        }
        len += t.text.chars().count();
        if len >= need {
            return true;
        }
    }
    false
}

/// Whether the words around token `i` are mostly not English: of the
/// lower-case words of two letters or more within [`REACH`] tokens either
/// side (eight at least), fewer than three in five are English words. (In
/// the news and fiction copydesk is measured on, about one window of this
/// size in 1,300 to 2,200 falls so low; in German, Spanish and Portuguese,
/// two in three.) A German or Portuguese passage in an English document (a
/// translator's thanks, a
/// quotation) has its own articles and doubles: "an die Übersetzer",
/// "a escrita", "nous nous sommes".
#[cold]
#[inline(never)]
pub fn foreign_around(toks: &[Token<'_>], i: usize) -> bool {
    let lo = i.saturating_sub(REACH);
    let hi = (i + REACH).min(toks.len());
    let (mut n, mut english) = (0usize, 0usize);
    let mut buf = String::new();
    for t in &toks[lo..hi] {
        // (Not abbreviations without a vowel, "dlrs", "bpd", "mln", which
        // no dictionary has either.)
        if !t.is_word()
            || t.text.chars().nth(1).is_none()
            || !t.text.chars().all(char::is_lowercase)
            || !t
                .text
                .contains(|c: char| !c.is_ascii() || "aeiouy".contains(c))
        {
            continue;
        }
        n += 1;
        if crate::words::with_folded(t.text, &mut buf, |w| {
            crate::table::ENGLISH_WORDS.contains(w)
        }) {
            english += 1;
        }
    }
    n >= 8 && english * 5 < n * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str, word: &str) -> bool {
        let toks: Vec<Token<'_>> = crate::token::tokenize(text).collect();
        let p = toks.iter().rposition(|t| t.text == word).unwrap();
        sentence_start(&toks, p)
    }

    #[test]
    fn after_end_punctuation_and_breaks() {
        assert!(starts("Done. Then", "Then"));
        assert!(starts("Done.\nThen", "Then"));
        assert!(starts("one\n\nThen", "Then"));
        assert!(starts("(Then", "Then"));
        assert!(!starts("one, Then", "Then"));
    }

    #[test]
    fn after_a_headline() {
        assert!(starts("Drought hits cattle\nAn shortage", "An"));
        assert!(starts("Intro.\n\nRoads closed in 2024\nA plan", "A"));
        // A wrapped line in mid-paragraph, or one that runs on.
        assert!(!starts("It was said.\nThe plan for Class\nA shares", "A"));
        assert!(!starts("Drought hits the\nA team", "A"));
        assert!(!starts("Drought hits cattle,\nA team", "A"));
        let long = format!("{}\nA plan", "word ".repeat(40));
        assert!(!starts(&long, "A"));
    }
}

#[cfg(test)]
mod headline_tests {
    use super::*;
    use crate::token::tokenize;

    fn at(text: &str, word: &str) -> bool {
        let toks: Vec<_> = tokenize(text).collect();
        let i = toks.iter().rposition(|t| t.text == word).unwrap();
        after_headline(&toks, i)
    }

    #[test]
    fn headlines_and_wrapped_lines() {
        assert!(at(
            "Drought angers farmers\nFarmers say the feed has run out this year.",
            "Farmers"
        ));
        assert!(at(
            "Intro.\n\nDrought angers farmers\nThe shortage of feed is worse than in any year since records began.",
            "The"
        ));
        // Wrapped prose: "the" would not have fitted on the line above.
        assert!(!at(
            "The committee said on Tuesday that it would publish all of its\nfindings soon.",
            "findings"
        ));
        // A sentence ends the line: not a headline.
        assert!(!at(
            "It rained.\nFarmers say the feed has run out this year.",
            "Farmers"
        ));
        // The second line of a paragraph is not a headline.
        assert!(!at(
            "One line\nTwo line\nThree lines say the feed is short.",
            "Three"
        ));
        // A short last line of a paragraph proves nothing.
        assert!(!at("Drought angers farmers\nFarmers say.", "Farmers"));
    }
}
