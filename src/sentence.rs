//! Where sentences start, for rules that read a capital differently there
//! ("Thethe" is a typo at the start of a sentence, a name in mid-sentence;
//! "A" is an article there, a label after "Plan").

use crate::token::{Token, TokenKind};

/// Lines of more tokens than this are not headlines.
const HEADLINE_TOKENS: usize = 48;

/// Whether token `p` starts a sentence: nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, sentence-ending punctuation, or the end of a headline line (see
/// [`ends_headline`]).
pub fn sentence_start(toks: &[Token<'_>], p: usize) -> bool {
    let mut line_break = None;
    for (k, t) in toks[..p].iter().enumerate().rev() {
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
