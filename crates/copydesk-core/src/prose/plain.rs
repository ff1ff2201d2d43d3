//! Plain text: all of it is prose, but for `// copydesk-...` directive
//! lines. Also the text of a Word document, whose paragraphs are joined with
//! line breaks: there each line break is a paragraph break.

use super::Prose;
use crate::suppress;
use std::borrow::Cow;

/// The prose of plain text. With `paragraphs`, every line is a paragraph.
pub fn extract(text: &str, paragraphs: bool) -> Prose<'_> {
    let mut directives = Vec::new();
    suppress::parse_plain(text, &mut directives);
    if directives.is_empty() && !paragraphs {
        return Prose::new(Cow::Borrowed(text), directives);
    }
    let mut bytes = text.as_bytes().to_vec();
    // Directive lines are not prose.
    for d in &directives {
        bytes[d.span.clone()].fill(b' ');
    }
    if paragraphs {
        for b in &mut bytes {
            if *b == b'\n' {
                *b = 0x0C;
            }
        }
    }
    Prose::new(Cow::Owned(super::view::into_string(bytes)), directives)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_is_borrowed_unchanged() {
        assert!(matches!(extract("a\nb", false).text, Cow::Borrowed("a\nb")));
    }

    #[test]
    fn paragraphs_are_breaks() {
        assert_eq!(extract("the\nthe", true).text, "the\u{c}the");
    }
}
