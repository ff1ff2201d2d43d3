use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleMeta};
use crate::table::{REPEAT_EMPHATIC, REPEAT_GRAMMATICAL, REPEAT_NAMES};
use crate::token::{Token, TokenKind};
use crate::words::{is_all_caps, is_capitalized, same_word, with_folded};

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
        let mut prev_word: Option<usize> = None;
        let mut buf = String::new();
        for (i, t) in toks.iter().enumerate() {
            match t.kind {
                TokenKind::Word => {
                    if let Some(p) = prev_word
                        && is_error(toks, p, i, &mut buf)
                    {
                        let (a, b) = (&toks[p], t);
                        out.push(
                            Diagnostic::new(
                                a.start..b.end(),
                                format!("repeated word \"{}\"", b.text),
                            )
                            .label("the word is repeated")
                            .help(format!("remove the second \"{}\"", b.text))
                            .fix(a.end()..b.end(), ""),
                        );
                    }
                    prev_word = Some(i);
                }
                TokenKind::Space | TokenKind::LineBreak => {}
                _ => prev_word = None,
            }
        }
    }
}

/// Whether word tokens `p` and `i` (only spaces and one line break between)
/// are an erroneous repeat.
fn is_error(toks: &[Token<'_>], p: usize, i: usize, buf: &mut String) -> bool {
    let (a, b) = (toks[p].text, toks[i].text);
    if a.len() > 4 * b.len() + 4 || b.len() > 4 * a.len() + 4 || !same_word(a, b) {
        return false;
    }
    let (listed, named) = with_folded(b, buf, |w| {
        (
            REPEAT_GRAMMATICAL.contains(w) || REPEAT_EMPHATIC.contains(w),
            REPEAT_NAMES.contains(w),
        )
    });
    if listed || named {
        return false;
    }
    // Two capitalised words (not shouted in capitals) in mid-sentence are a
    // name: "Duran Duran", "Walla Walla".
    let shouted = is_all_caps(a) && is_all_caps(b);
    if is_capitalized(a) && is_capitalized(b) && !shouted && !sentence_start(toks, p) {
        return false;
    }
    true
}

/// Whether token `p` starts a sentence: nothing but white space and opening
/// quotes or brackets between it and the start of the text, a paragraph
/// break, or sentence-ending punctuation.
pub(crate) fn sentence_start(toks: &[Token<'_>], p: usize) -> bool {
    for t in toks[..p].iter().rev() {
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
