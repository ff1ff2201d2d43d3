//! MDX: Markdown with ESM, JSX and expressions (Docusaurus, Next.js).
//!
//! The `markdown` crate (markdown-rs), which parses MDX as the MDX compiler
//! does and gives every node its source position, decides what is prose:
//! the same as in Markdown, plus the text inside JSX elements
//! (`<Admonition>...</Admonition>`). Not prose: `import`/`export` lines,
//! JSX tags and their attributes, `{expressions}`, front matter, code. A
//! `{/* copydesk-disable */}` comment is a suppression directive. A file
//! the MDX parser rejects, one nested deeper than 64 levels, or one larger
//! than 256 KB is read as Markdown (pulldown-cmark), where JSX reads as
//! HTML and is blanked too.

use super::Prose;
use super::entities::Context as Refs;
use super::view::Builder;
use crate::suppress::{self, Directive};
use markdown::mdast::Node;
use std::borrow::Cow;

/// The prose of an MDX document and its suppression directives.
pub fn extract(text: &str) -> Prose<'_> {
    if text.len() > MAX_MDX || too_deep(text) {
        return super::markdown::extract(text);
    }
    // Front matter is blanked here, not parsed by markdown-rs, whose
    // front matter construct panics on some input ("---\n\n-").
    let parsed = blank_front_matter(text);
    let options = markdown::ParseOptions {
        constructs: markdown::Constructs {
            gfm_autolink_literal: true,
            gfm_footnote_definition: true,
            gfm_label_start_footnote: true,
            gfm_strikethrough: true,
            gfm_table: true,
            gfm_task_list_item: true,
            ..markdown::Constructs::mdx()
        },
        // ESM is recognised only with a JavaScript parser to hand; any
        // `import`/`export` block will do, it is not prose either way.
        mdx_esm_parse: Some(Box::new(|_: &str| markdown::MdxSignal::Ok)),
        ..markdown::ParseOptions::mdx()
    };
    // A panic in the parser (a bug of its own) costs the MDX reading, not
    // the file: it is read as Markdown.
    let root = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        markdown::to_mdast(&parsed, &options)
    }));
    let Ok(Ok(root)) = root else {
        return super::markdown::extract(text);
    };
    let mut directives = Vec::new();
    let mut b = Builder::new(text);
    // Depth-first, in source order, without recursion.
    let mut stack: Vec<&Node> = vec![&root];
    while let Some(node) = stack.pop() {
        let range = node
            .position()
            .map_or(0..0, |p| p.start.offset..p.end.offset);
        match node {
            Node::Text(t) => put_lines(&mut b, text, range, &t.value),
            Node::InlineCode(_) => {
                // Keep the backticks as separators; blank the code.
                b.gap(range.start);
                if !range.is_empty() {
                    b.keep_byte(range.start);
                    b.keep_byte(range.end - 1);
                }
            }
            Node::MdxFlowExpression(_) | Node::MdxTextExpression(_) => {
                b.gap(range.start);
                comment_directive(text, range, &mut directives);
            }
            Node::Link(l)
                if l.children.len() == 1
                    && matches!(&l.children[0], Node::Text(t) if l.url.ends_with(&t.value)) =>
            {
                // An autolink: its text is a URL, one opaque word. Its `<`
                // and `>` stay as separators, as a code span's backticks
                // do; a bare URL keeps its first punctuation mark.
                b.gap(range.start);
                let src = text.as_bytes();
                if src.get(range.start) == Some(&b'<') {
                    b.keep_byte(range.start);
                    b.keep_byte(range.end - 1);
                } else if let Some(at) = range
                    .clone()
                    .find(|&i| src.get(i).is_some_and(u8::is_ascii_punctuation))
                {
                    b.keep_byte(at);
                }
            }
            Node::MdxJsxTextElement(e)
                if e.name.as_deref().is_some_and(|n| {
                    ["code", "kbd", "samp", "var", "tt"].contains(&n.to_ascii_lowercase().as_str())
                }) && !range.is_empty() =>
            {
                // Inline code written as JSX: one opaque word, as in HTML.
                b.gap(range.start);
                b.keep_byte(range.start);
                b.keep_byte(range.end - 1);
            }
            Node::Code(_)
            | Node::Math(_)
            | Node::InlineMath(_)
            | Node::Yaml(_)
            | Node::Toml(_)
            | Node::MdxjsEsm(_)
            | Node::Html(_)
            | Node::Definition(_)
            | Node::Image(_)
            | Node::ImageReference(_)
            | Node::FootnoteReference(_) => {
                b.gap(range.start);
                b.paragraph_break_before(range.start);
            }
            _ => {
                if matches!(
                    node,
                    Node::Paragraph(_)
                        | Node::Heading(_)
                        | Node::ListItem(_)
                        | Node::Blockquote(_)
                        | Node::Table(_)
                        | Node::TableRow(_)
                        | Node::TableCell(_)
                        | Node::FootnoteDefinition(_)
                        | Node::MdxJsxFlowElement(_)
                        | Node::ThematicBreak(_)
                ) {
                    b.gap(range.start);
                    b.paragraph_break_before(range.start);
                }
                if let Node::Table(_) = node {
                    for i in range.clone() {
                        if text.as_bytes().get(i) == Some(&b'|') {
                            b.keep_byte(i);
                        }
                    }
                }
                if let Node::MdxJsxTextElement(_) | Node::MdxJsxFlowElement(_) = node {
                    b.gap(range.start);
                }
                if let Some(children) = node.children() {
                    stack.extend(children.iter().rev());
                }
            }
        }
    }
    Prose::built(b, directives)
}

/// `text` with a leading YAML (`---`) or TOML (`+++`) front matter block
/// blanked (line breaks kept, so offsets stay), if it has one.
fn blank_front_matter(text: &str) -> Cow<'_, str> {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return Cow::Borrowed(text);
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != fence {
        return Cow::Borrowed(text);
    }
    let mut at = first_end + 1;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |k| at + k);
        if text[at..end].trim_end() == fence {
            let blank: String = text[..end]
                .bytes()
                .map(|b| {
                    if b == b'\n' || b == b'\r' {
                        b as char
                    } else {
                        ' '
                    }
                })
                .collect();
            // Only ASCII blanks replace whole characters: same length.
            return Cow::Owned(blank + &text[end..]);
        }
        at = end + 1;
    }
    Cow::Borrowed(text)
}

/// Above this size an MDX file is read as Markdown: markdown-rs spends
/// about 3,000 instructions a byte, and more than linear time on long
/// documents (1.6 MB took a minute). A docs page is a few kilobytes.
const MAX_MDX: usize = 256 << 10;

/// Nesting deeper than any page a person writes: markdown-rs builds and
/// drops its tree by recursion, so such input (a fuzzer's, an attack) would
/// overflow the stack. Pulldown-cmark, which does not recurse, reads it as
/// Markdown instead.
const MAX_DEPTH: usize = 64;

/// Whether `text` may nest containers, JSX elements, brackets or braces
/// more than [`MAX_DEPTH`] deep (a cheap over-estimate).
fn too_deep(text: &str) -> bool {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut prefix = 0usize;
    for (i, &c) in b.iter().enumerate() {
        if line_start {
            match c {
                b'>' | b'-' | b'*' | b'+' => {
                    prefix += 1;
                    if prefix > MAX_DEPTH {
                        return true;
                    }
                    continue;
                }
                b' ' | b'\t' | b'0'..=b'9' | b'.' | b')' => continue,
                _ => line_start = false,
            }
        }
        match c {
            b'\n' => {
                line_start = true;
                prefix = 0;
            }
            b'<' if b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) => depth += 1,
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'/' if matches!(b.get(i + 1), Some(b'>')) || i > 0 && b[i - 1] == b'<' => {
                depth = depth.saturating_sub(1)
            }
            _ => {}
        }
        if depth > MAX_DEPTH {
            return true;
        }
    }
    false
}

/// A text node: its value is the source with line prefixes of containers
/// (`> `, list indentation) taken out, so each line is copied on its own.
fn put_lines(b: &mut Builder<'_>, src: &str, range: std::ops::Range<usize>, value: &str) {
    let Some(raw) = src.get(range.clone()) else {
        return;
    };
    if !raw.contains('\n') {
        super::put_text(b, src, range, Refs::Markdown);
        return;
    }
    let mut at = range.start;
    let mut values = value.split('\n');
    for (i, line) in raw.split('\n').enumerate() {
        let v = values.next().unwrap_or("");
        let line_range = at..at + line.len();
        at += line.len() + 1;
        let skip = if i > 0 && line.ends_with(v) {
            line.len() - v.len()
        } else if i > 0 {
            line.len() - line.trim_start_matches([' ', '\t', '>']).len()
        } else {
            0
        };
        super::put_text(
            b,
            src,
            line_range.start + skip..line_range.end,
            Refs::Markdown,
        );
    }
}

/// `{/* copydesk-disable rule */}`: a directive.
fn comment_directive(src: &str, range: std::ops::Range<usize>, out: &mut Vec<Directive>) {
    let Some(raw) = src.get(range.clone()) else {
        return;
    };
    let inner = raw.trim_start_matches('{').trim_end_matches('}').trim();
    if let Some(body) = inner.strip_prefix("/*").and_then(|s| s.strip_suffix("*/"))
        && let Some(d) = suppress::parse(body, range)
    {
        out.push(d);
    }
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
    fn esm_jsx_and_expressions_are_not_prose() {
        let s = "---\ntitle: the the\n---\n\nimport Tabs from '@theme/Tabs';\nexport const x = 'the the';\n\n<Tabs groupId=\"the the\">\n\nSome text in a tab, a opposition.\n\n</Tabs>\n\nValue {props.the} the end.\n";
        let v = view(s);
        assert!(!v.contains("the the"), "{v:?}");
        assert!(!v.contains("import"), "{v:?}");
        assert!(!v.contains("groupId"), "{v:?}");
        assert!(v.contains("Some text in a tab, a opposition."), "{v:?}");
        assert!(v.contains("Value"), "{v:?}");
    }

    #[test]
    fn inline_jsx_keeps_the_sentence_and_quotes_lose_their_markers() {
        let v = view("a <Highlight color=\"red\">opposition</Highlight> here\n\n> one\n> two\n");
        assert!(v.starts_with("a "), "{v:?}");
        assert!(v.contains("opposition"), "{v:?}");
        assert!(!v.contains("red"), "{v:?}");
        assert!(!v.contains('>'), "{v:?}");
    }

    #[test]
    fn inline_code_elements_and_autolinks_are_opaque_words() {
        let v = view("an <code>impl</code> block, to https://y.org to\n");
        assert!(
            v.starts_with("an <               > block, to      :        to"),
            "{v:?}"
        );
        assert!(!v.contains("impl") && !v.contains("y.org"), "{v:?}");
        // MDX has no `<...>` autolinks: such a file is read as Markdown,
        // whose autolinks are opaque words too.
        let v = view("to <https://x.org/> to\n");
        assert!(v.starts_with("to <              > to"), "{v:?}");
    }

    #[test]
    fn comment_directives() {
        let p = extract("{/* copydesk-disable-next-line repeated-word */}\nthe the\n");
        assert_eq!(p.directives.len(), 1);
    }

    #[test]
    fn front_matter_is_blanked_and_odd_fences_do_not_panic() {
        for s in [
            "---\n\n-",
            "---\n-",
            "+++\na = 1\n+++\nthe end\n",
            "---\r\nx: é\r\n---\r\nok\r\n",
        ] {
            view(s);
        }
        let v = view("---\ntitle: the the\n---\n\nthe end\n");
        assert!(!v.contains("title") && v.contains("the end"), "{v:?}");
    }

    #[test]
    fn invalid_mdx_falls_back_to_markdown() {
        let v = view("Broken {expression\n\nthe end\n");
        assert!(v.contains("the end"), "{v:?}");
    }
}

#[cfg(test)]
mod deep {
    #[test]
    fn deep_nesting_does_not_overflow() {
        assert!(!super::too_deep(
            "> a\n> > b\n\n<A><B>{x}</B></A> [a](b) (c)\n"
        ));
        for s in [
            "> ".repeat(3_000),
            "<A>".repeat(3_000),
            "- ".repeat(3_000),
            "[".repeat(3_000),
            "*a ".repeat(3_000),
            "{".repeat(3_000),
        ] {
            assert!(s.starts_with('*') || super::too_deep(&s));
            let p = super::extract(&s);
            assert_eq!(p.text.len(), s.len());
        }
    }
}
