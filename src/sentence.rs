//! Where sentences start, for rules that judge a word by its position:
//! a capital at the start of a sentence says nothing, in mid-sentence it
//! marks a name.

use crate::token::{Token, TokenKind};

/// Whether token `p` starts a sentence: nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, or sentence-ending punctuation. It looks back at most
/// [`HEADLINE_TOKENS`] tokens: a word further than that from the last
/// punctuation is in mid-sentence (and the answer takes constant time, and
/// is the same whether a file is checked whole or in chunks).
pub fn sentence_start(toks: &[Token<'_>], p: usize) -> bool {
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

/// Tokens a headline may hold: a longer line is prose.
const HEADLINE_TOKENS: usize = 48;

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

#[cfg(test)]
mod tests {
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
