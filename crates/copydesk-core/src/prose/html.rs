//! HTML: the prose of a page.
//!
//! html5gum, a tokenizer that follows the WHATWG standard and reports the
//! source span of every token, reads the page. Prose is the text of the body
//! and the `alt` and `title` attributes, which editors write; each attribute
//! is a paragraph of its own. Everything else is blanked: tags, other
//! attributes, comments (whose `copydesk-` directives are read, as in
//! Markdown), and the contents of `script`, `style`, `code`, `pre`,
//! `template` and other elements that hold no prose. Inline elements (`em`,
//! `a`, `span`, ...) do not break a sentence: "a <em>opposition</em>" is
//! "a opposition". Block elements (`p`, `li`, `h1`-`h6`, `td`, `br`, ...)
//! are paragraph breaks. Character references are decoded.

use super::Prose;
use super::entities::Context as Refs;
use super::view::Builder;
use crate::suppress;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::ops::Range;

/// Elements whose contents are not prose.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"code",
    b"pre",
    b"template",
    b"noscript",
    b"textarea",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"select",
    b"kbd",
    b"samp",
    b"var",
];

/// Inline elements whose text is code, not prose (`<code>impl</code>`):
/// blanked, but they stand in the sentence as one opaque word, as a
/// Markdown code span does. Their `<` and `>` stay in the view, so "an
/// <code>impl</code> block" is neither "an block" nor a repeat of the
/// words around it.
const INLINE_CODE: &[&[u8]] = &[b"code", b"kbd", b"samp", b"var", b"tt"];

/// Elements that start and end a block of text.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hgroup",
    b"hr",
    b"html",
    b"legend",
    b"li",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"option",
    b"p",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"title",
    b"tr",
    b"ul",
];

/// One token of the page, with its span.
enum Tok {
    Open(Vec<u8>, usize),
    Attr(Vec<u8>),
    Value(Range<usize>),
    Close(bool),
    End(Vec<u8>, Range<usize>),
    Text(Range<usize>),
    Comment(String, Range<usize>),
}

/// The prose of an HTML page and its suppression directives.
pub fn extract(text: &str) -> Prose<'_> {
    let mut directives = Vec::new();
    let mut b = Builder::new(text);
    let mut emitter =
        CallbackEmitter::new(|ev: CallbackEvent<'_>, span: Span<usize>| -> Option<Tok> {
            let r = span.start..span.end;
            Some(match ev {
                CallbackEvent::OpenStartTag { name } => Tok::Open(name.to_vec(), span.start),
                CallbackEvent::AttributeName { name } => Tok::Attr(name.to_vec()),
                CallbackEvent::AttributeValue { .. } => Tok::Value(r),
                CallbackEvent::CloseStartTag { self_closing } => Tok::Close(self_closing),
                CallbackEvent::EndTag { name } => Tok::End(name.to_vec(), r),
                CallbackEvent::String { .. } => Tok::Text(r),
                CallbackEvent::Comment { value } => {
                    Tok::Comment(String::from_utf8_lossy(value).into_owned(), r)
                }
                CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => return None,
            })
        });
    emitter.naively_switch_states(true);
    // Depth inside skipped elements; inside <head>.
    let mut skip = 0usize;
    let mut head = false;
    // The open tag: its name and start, and the attribute being read.
    let mut tag: (Vec<u8>, usize) = (Vec::new(), 0);
    let mut attr: Vec<u8> = Vec::new();
    for tok in Tokenizer::new_with_emitter(text, emitter) {
        let Ok(tok) = tok;
        match tok {
            Tok::Open(name, at) => {
                b.gap(at);
                tag = (name, at);
                attr.clear();
            }
            Tok::Attr(name) => attr = name,
            Tok::Value(r) => {
                if skip == 0
                    && !head
                    && (attr.eq_ignore_ascii_case(b"alt") || attr.eq_ignore_ascii_case(b"title"))
                {
                    let r = unquoted(text, r);
                    // A paragraph of its own.
                    b.paragraph_break(tag.1);
                    super::put_text(&mut b, text, r.clone(), Refs::HtmlAttribute);
                    b.gap(r.end);
                    b.paragraph_break(r.end);
                }
                attr.clear();
            }
            Tok::Close(self_closing) => {
                let name = tag.0.to_ascii_lowercase();
                if name == b"head" {
                    head = true;
                } else if name == b"body" {
                    head = false;
                }
                if skip == 0 && !head && INLINE_CODE.contains(&name.as_slice()) {
                    b.keep_byte(tag.1);
                }
                if (SKIPPED.contains(&name.as_slice()) || INLINE_CODE.contains(&name.as_slice()))
                    && !self_closing
                {
                    skip += 1;
                }
                if BLOCKS.contains(&name.as_slice()) {
                    b.paragraph_break(tag.1);
                }
            }
            Tok::End(name, r) => {
                b.gap(r.start);
                let name = name.to_ascii_lowercase();
                if name == b"head" {
                    head = false;
                }
                if SKIPPED.contains(&name.as_slice()) || INLINE_CODE.contains(&name.as_slice()) {
                    if skip == 1 && !head && INLINE_CODE.contains(&name.as_slice()) {
                        b.keep_byte(r.end - 1);
                    }
                    skip = skip.saturating_sub(1);
                }
                if BLOCKS.contains(&name.as_slice()) {
                    b.paragraph_break(r.start);
                }
            }
            Tok::Text(r) => {
                if skip == 0 && !head {
                    super::put_text(&mut b, text, r, Refs::HtmlText);
                }
            }
            Tok::Comment(body, r) => {
                b.gap(r.start);
                if let Some(d) = suppress::parse(&body, r) {
                    directives.push(d);
                }
            }
        }
    }
    Prose::built(b, directives)
}

/// An attribute value's span without its quotes, if the span has them.
fn unquoted(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.as_bytes();
    let (mut a, mut e) = (r.start.min(s.len()), r.end.min(s.len()));
    if a < e && matches!(s[a], b'"' | b'\'') {
        a += 1;
    }
    if a < e && matches!(s[e - 1], b'"' | b'\'') {
        e -= 1;
    }
    a..e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> String {
        let p = extract(s);
        assert_eq!(p.text.len(), s.len());
        p.text.into_owned()
    }

    #[test]
    fn inline_elements_keep_the_sentence() {
        let v = view("<p>a <em>opposition</em> and the <b>the</b></p>");
        assert_eq!(v, "\u{c}  a     opposition      and the    the    \u{c}   ");
    }

    #[test]
    fn inline_code_is_one_opaque_word() {
        let v = view("<p>an <code>impl</code> block, <kbd>to</kbd> to</p>");
        assert_eq!(
            v,
            "\u{c}  an <               > block, <           > to\u{c}   "
        );
        // Inside a skipped element, nothing is kept.
        let v = view("<pre><code>x</code></pre>");
        assert!(!v.contains('<'), "{v:?}");
    }

    #[test]
    fn scripts_styles_code_and_attributes_are_blanked() {
        let v = view(
            "<div class=\"story story\" style=\"x\"><script>var the the;</script><style>p{}</style>\
             <code>the the</code>Text.</div>",
        );
        assert!(!v.contains("the the"), "{v:?}");
        assert!(!v.contains("story"), "{v:?}");
        assert!(v.contains("Text."), "{v:?}");
    }

    #[test]
    fn alt_and_title_are_prose_of_their_own() {
        let v = view("<p>The<img alt=\"the cat\" src=\"the.png\">cat</p>");
        assert!(v.contains("the cat"), "{v:?}");
        assert!(!v.contains("the.png"), "{v:?}");
        // Breaks on both sides of the attribute.
        let i = v.find("the cat").unwrap();
        assert!(
            v[..i].contains('\u{c}') && v[i..].contains('\u{c}'),
            "{v:?}"
        );
    }

    #[test]
    fn references_are_decoded_and_head_skipped() {
        let p = extract(
            "<html><head><title>the the</title></head><body><p>the&nbsp;the don&rsquo;t</p></body></html>",
        );
        assert!(!p.text.contains("the the"), "{:?}", p.text);
        assert!(p.text.contains("the    \u{a0}the don’t"), "{:?}", p.text);
    }

    #[test]
    fn comments_carry_directives() {
        let p = extract("<p>x</p><!-- copydesk-disable repeated-word --><p>the the</p>");
        assert_eq!(p.directives.len(), 1);
        assert_eq!(p.directives[0].span, 8..47);
    }

    #[test]
    fn odd_input_keeps_its_length() {
        for s in [
            "",
            "<",
            "</",
            "<p",
            "<!--",
            "&",
            "&#",
            "a&amp",
            "<p title='&amp",
            "<script>",
            "é<p é=é>é&eacute",
            "<img alt=\"&#x1F600;&#0;\">",
        ] {
            view(s);
        }
    }
}
