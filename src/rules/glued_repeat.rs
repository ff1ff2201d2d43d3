use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rule::{Context, Rule, RuleMeta};
use crate::table::{ENGLISH_WORDS, GLUED_FUNCTION_WORDS};
use crate::token::{Token, TokenKind};
use crate::words::{is_all_caps, is_capitalized, same_word, with_folded};

declare_rule! {
    /// ## What it finds
    /// One word written twice with no space between: "oppositionopposition",
    /// "thethe", "TheThe", "meetingmeeting". Bulk find-and-replace passes and
    /// CMS pastes leave these behind, and a spellchecker that only knows the
    /// word list may not flag them clearly.
    ///
    /// ## When it stays silent
    /// - when the whole token is itself an English word: "murmur",
    ///   "tartar", "bonbon", "couscous", "tutu", "beriberi";
    /// - when the half is not an English word, or is shorter than three
    ///   letters ("haha", "dodo", "nono");
    /// - on capitalised tokens, which are far more often names and brands
    ///   ("Carcar", "Songsong", "TalkTalk"), unless the half is a function
    ///   word ("TheThe", "Andand");
    /// - inside web and e-mail addresses ("www.thethe.com").
    ///
    /// The word list is SCOWL (Debian's `wbritish-large` and
    /// `wamerican-large`, British and American spellings), compiled into
    /// the binary: see `rules/words/`.
    ///
    /// ## Fix
    /// Writes the word once, keeping the case of its first half:
    /// "oppositionopposition" becomes "opposition", "TheThe" becomes "The".
    pub struct GluedRepeat {
        id: "glued-repeat",
        severity: Error,
        fixable: true,
        summary: "a word glued to itself (\"oppositionopposition\", \"thethe\")",
    }
}

/// Halves shorter than this (in characters) are never reported.
const MIN_HALF: usize = 3;

impl Rule for GluedRepeat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let toks = cx.tokens;
        let mut buf = String::new();
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokenKind::Word || t.text.len() < 2 * MIN_HALF {
                continue;
            }
            let Some(half) = glued_half(t.text, &mut buf) else {
                continue;
            };
            if in_address(toks, i) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    t.span(),
                    format!("\"{}\" is \"{half}\" written twice", t.text),
                )
                .label("the word is written twice")
                .help(format!("write \"{half}\" once"))
                .fix(t.span(), half),
            );
        }
    }
}

/// If `w` is an English word written twice, its first half.
fn glued_half<'w>(w: &'w str, buf: &mut String) -> Option<&'w str> {
    let mid = if w.is_ascii() {
        if !w.len().is_multiple_of(2) {
            return None;
        }
        w.len() / 2
    } else {
        let n = w.chars().count();
        if !n.is_multiple_of(2) {
            return None;
        }
        w.char_indices().nth(n / 2)?.0
    };
    let (a, b) = w.split_at(mid);
    if !same_word(a, b) || a.chars().count() < MIN_HALF {
        return None;
    }
    // A capitalised token is a name or a brand ("Carcar", "TalkTalk")
    // unless its half is a function word ("TheThe").
    let capitalised = is_capitalized(a) && !is_all_caps(w);
    let half_is_word = with_folded(a, buf, |h| {
        if capitalised {
            GLUED_FUNCTION_WORDS.contains(h)
        } else {
            ENGLISH_WORDS.contains(h)
        }
    });
    if !half_is_word || with_folded(w, buf, |whole| ENGLISH_WORDS.contains(whole)) {
        return None;
    }
    Some(a)
}

/// Whether token `i` is part of a web or e-mail address: joined with no
/// space to `.`, `/`, `@` or `_` and more text.
fn in_address(toks: &[Token<'_>], i: usize) -> bool {
    let joiner =
        |t: &Token<'_>| t.kind == TokenKind::Punct && matches!(t.text, "." | "/" | "@" | "_");
    let before = i >= 1 && joiner(&toks[i - 1]) && i >= 2 && !toks[i - 2].is_space();
    let after = toks.get(i + 1).is_some_and(joiner)
        && toks
            .get(i + 2)
            .is_some_and(|t| t.is_word() || t.kind == TokenKind::Number);
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn half(w: &str) -> Option<String> {
        glued_half(w, &mut String::new()).map(str::to_string)
    }

    #[test]
    fn glued_words() {
        assert_eq!(half("oppositionopposition").as_deref(), Some("opposition"));
        assert_eq!(half("thethe").as_deref(), Some("the"));
        assert_eq!(half("TheThe").as_deref(), Some("The"));
        assert_eq!(half("Thethe").as_deref(), Some("The"));
        assert_eq!(half("THETHE").as_deref(), Some("THE"));
        assert_eq!(half("meetingmeeting").as_deref(), Some("meeting"));
        assert_eq!(half("caf\u{e9}caf\u{e9}").as_deref(), Some("caf\u{e9}"));
    }

    #[test]
    fn real_words_and_non_words() {
        for w in [
            "Carcar", "TalkTalk", "Songsong", "murmur", "tartar", "bonbon", "couscous", "tutu",
            "beriberi", "haha", "xyzxyz", "theth", "thethem",
        ] {
            assert_eq!(half(w), None, "{w}");
        }
    }
}
