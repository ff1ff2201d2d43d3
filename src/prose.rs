//! Finding the prose in a file.
//!
//! Rules see a *prose view* of the file: a string of exactly the same length
//! in which everything that is not prose has been blanked out, so every byte
//! offset a rule reports is an offset into the file as read, and line breaks
//! stay where they were.
//!
//! For Markdown, a CommonMark parser (pulldown-cmark, with its source
//! offsets) decides what is prose: text in paragraphs, headings, list items,
//! block quotes, table cells, emphasis and link text. Code blocks, code
//! spans, HTML, link targets, autolinks and YAML/TOML front matter are
//! blanked. Emphasis markers become spaces, so "the *the*" is still a
//! repeated word. Where one block ends and the next begins, the line break
//! between them becomes a form feed (U+000C), which the tokenizer reads as a
//! paragraph break: a heading's last word and the next paragraph's first word
//! are never "in a row". Code spans keep their backticks, and tables their
//! pipes, so that they separate the words around them.

use crate::suppress::{self, Directive};
use std::borrow::Cow;

/// How a file's contents are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: all of it is prose.
    #[default]
    Plain,
    /// Markdown (CommonMark with tables, footnotes, strikethrough, task
    /// lists and front matter).
    Markdown,
}

impl Format {
    /// The format for a file name, by its extension.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Plain,
        }
    }
}

/// The prose of a file and its suppression directives.
#[derive(Debug, Clone)]
pub struct Prose<'a> {
    /// The prose view: same length, same offsets as the file.
    pub text: Cow<'a, str>,
    /// Suppression comments, in file order (see [`crate::suppress`]).
    pub directives: Vec<Directive>,
}

/// The prose view of `text`: same length, same offsets.
pub fn prose_text(text: &str, format: Format) -> Cow<'_, str> {
    extract(text, format).text
}

/// The prose view of `text` and its suppression directives.
pub fn extract(text: &str, format: Format) -> Prose<'_> {
    let mut directives = Vec::new();
    match format {
        Format::Plain => {
            suppress::parse_plain(text, &mut directives);
            if directives.is_empty() {
                return Prose {
                    text: Cow::Borrowed(text),
                    directives,
                };
            }
            // Directive lines are not prose.
            let mut bytes = text.as_bytes().to_vec();
            for d in &directives {
                bytes[d.span.clone()].fill(b' ');
            }
            let text = String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            Prose {
                text: Cow::Owned(text),
                directives,
            }
        }
        Format::Markdown => {
            let text = markdown_prose(text, &mut directives);
            Prose {
                text: Cow::Owned(text),
                directives,
            }
        }
    }
}

fn markdown_prose(text: &str, directives: &mut Vec<Directive>) -> String {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

    let src = text.as_bytes();
    let mut mask: Vec<u8> = src
        .iter()
        .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let copy = |mask: &mut Vec<u8>, r: std::ops::Range<usize>| {
        let r = r.start.min(src.len())..r.end.min(src.len());
        mask[r.clone()].copy_from_slice(&src[r]);
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Depth of containers whose text is not prose.
    let mut hidden = 0usize;
    let mut block_starts = Vec::new();
    // For each open link: whether it is an autolink (its text is a URL).
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock => hidden += 1,
                    Tag::Link { link_type, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        hidden += usize::from(auto);
                        links.push(auto);
                    }
                    Tag::Table(_) => {
                        for i in range.clone() {
                            if src[i] == b'|' {
                                mask[i] = b'|';
                            }
                        }
                    }
                    _ => {}
                }
                if matches!(
                    tag,
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::Item
                        | Tag::BlockQuote(_)
                        | Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                        | Tag::Table(_)
                        | Tag::TableRow
                        | Tag::TableHead
                        | Tag::FootnoteDefinition(_)
                        | Tag::DefinitionListTitle
                        | Tag::DefinitionListDefinition
                ) {
                    block_starts.push(range.start);
                }
            }
            Event::End(end) => match end {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1)
                }
                TagEnd::Link if links.pop() == Some(true) => hidden = hidden.saturating_sub(1),
                _ => {}
            },
            Event::Text(_) if hidden == 0 => copy(&mut mask, range),
            Event::Code(_) => {
                // Keep the backticks as separators; blank the code.
                if let (Some(&first), Some(&last)) =
                    (src.get(range.start), src.get(range.end.wrapping_sub(1)))
                {
                    mask[range.start] = first;
                    mask[range.end - 1] = last;
                }
            }
            Event::Rule => block_starts.push(range.start),
            Event::Html(html) | Event::InlineHtml(html) => {
                suppress::parse_html_comments(&html, range.start, directives)
            }
            _ => {}
        }
    }
    // A block start: the nearest line break before it, past blanked markers
    // and indentation, becomes a paragraph break.
    for start in block_starts {
        let mut i = start.min(mask.len());
        while i > 0 {
            i -= 1;
            match mask[i] {
                b'\n' | b'\r' => {
                    let at = if mask[i] == b'\n' && i > 0 && mask[i - 1] == b'\r' {
                        i - 1
                    } else {
                        i
                    };
                    mask[at] = 0x0C;
                    break;
                }
                b' ' | 0x0C => continue,
                _ => break,
            }
        }
    }
    // Only ASCII bytes were written over whole characters, or original
    // bytes copied over their own range, so the mask is valid UTF-8.
    String::from_utf8(mask).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let p = markdown_prose(s, &mut Vec::new());
        assert_eq!(p.len(), s.len());
        p
    }

    #[test]
    fn plain_is_borrowed_unchanged() {
        assert!(matches!(
            prose_text("a\nb", Format::Plain),
            Cow::Borrowed("a\nb")
        ));
    }

    #[test]
    fn code_html_and_front_matter_are_blanked() {
        let s =
            "---\ntitle: the the\n---\n\nSome text.\n\n```\nthe the\n```\n\n<div>the the</div>\n";
        let p = md(s);
        assert!(!p.contains("the the"), "{p:?}");
        assert!(p.contains("Some text."));
    }

    #[test]
    fn emphasis_markers_become_spaces() {
        assert_eq!(md("the *the* end"), "the  the  end");
    }

    #[test]
    fn code_spans_keep_their_backticks() {
        assert_eq!(md("a `b c` d"), "a `   ` d");
    }

    #[test]
    fn links_keep_text_not_targets() {
        let p = md("see [the page](http://x.org/the) or <http://y.org>");
        assert!(p.contains("the page"));
        assert!(!p.contains("x.org"));
        assert!(!p.contains("y.org"));
    }

    #[test]
    fn blocks_are_separated_by_paragraph_breaks() {
        let p = md("# Results\nResults were good.\n");
        assert_eq!(p, "  Results\u{c}Results were good.\n");
        let p = md("- one\n- one\n");
        assert!(p.contains('\u{c}'), "{p:?}");
    }

    #[test]
    fn non_ascii_is_kept_or_blanked_whole() {
        let p = md("Café `é` ok\n\n    código\n");
        assert!(p.starts_with("Café `  `"), "{p:?}");
    }
}
