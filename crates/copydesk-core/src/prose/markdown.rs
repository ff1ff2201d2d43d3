//! Markdown: the prose of a CommonMark document.
//!
//! A CommonMark parser (pulldown-cmark, with its source offsets) decides
//! what is prose: text in paragraphs, headings, list items, block quotes,
//! table cells, emphasis and link text. Code blocks, code spans, HTML, link
//! targets, autolinks and YAML/TOML front matter are blanked. Emphasis
//! markers become spaces, so "the *the*" is still a repeated word. Where one
//! block ends and the next begins, the line break between them becomes a
//! paragraph break: a heading's last word and the next paragraph's first
//! word are never "in a row". Code spans keep their backticks, and tables
//! their pipes, so that they separate the words around them. Character
//! references (`10&nbsp;km`) are decoded.

use super::Prose;
use super::entities::Context as Refs;
use super::view::Builder;
use crate::suppress::{self, Directive};

/// The prose of a Markdown document and its suppression directives.
pub fn extract(text: &str) -> Prose<'_> {
    let mut directives = Vec::new();
    let b = markdown_prose(text, &mut directives);
    Prose::built(b, directives)
}

fn markdown_prose<'a>(text: &'a str, directives: &mut Vec<Directive>) -> Builder<'a> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

    let src = text.as_bytes();
    let mut b = Builder::new(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Depth of containers whose text is not prose.
    let mut hidden = 0usize;
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
                        if auto && !range.is_empty() {
                            // One opaque word, like a code span: its `<`
                            // and `>` stay ("go to <https://x.org/> to see"
                            // repeats no "to").
                            b.gap(range.start);
                            b.keep_byte(range.start);
                            b.keep_byte(range.end - 1);
                        }
                    }
                    Tag::Image { .. } => {
                        // Alt text is a paragraph of its own, as HTML's
                        // `alt` is: badges on consecutive lines
                        // ("[![License](...)](...)") repeat no word.
                        b.gap(range.start);
                        b.paragraph_break(range.start);
                        b.paragraph_break(range.end.saturating_sub(1));
                    }
                    Tag::Table(_) => {
                        for i in range.clone() {
                            if src.get(i) == Some(&b'|') {
                                b.keep_byte(i);
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
                    b.paragraph_break_before(range.start);
                }
            }
            Event::End(end) => match end {
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1)
                }
                TagEnd::Link if links.pop() == Some(true) => hidden = hidden.saturating_sub(1),
                _ => {}
            },
            Event::Text(_) if hidden == 0 => super::put_text(&mut b, text, range, Refs::Markdown),
            Event::Code(_) => {
                // Keep the backticks as separators; blank the code.
                b.gap(range.start);
                if !range.is_empty() {
                    b.keep_byte(range.start);
                    b.keep_byte(range.end - 1);
                }
            }
            Event::Rule => b.paragraph_break_before(range.start),
            Event::Html(html) | Event::InlineHtml(html) => {
                suppress::parse_html_comments(&html, range.start, directives)
            }
            _ => {}
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        let p = extract(s).text.into_owned();
        assert_eq!(p.len(), s.len());
        p
    }

    #[test]
    fn references_are_decoded() {
        let p = extract("10&nbsp;km (16&nbsp;miles) and don&rsquo;t\n");
        assert_eq!(p.text, "10    \u{a0}km (16    \u{a0}miles) and don’t    \n");
        assert_eq!(p.map.span(31..38), (31..42, true));
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
    fn autolinks_are_one_opaque_word() {
        assert_eq!(md("to <https://x.org/> to"), "to <              > to");
        assert_eq!(md("to <a@x.org> to"), "to <       > to");
    }

    #[test]
    fn image_alt_text_is_a_paragraph_of_its_own() {
        let v = md("[![License](a.svg)](b)\n[![License](c.svg)](d)\n");
        assert_eq!(v.matches('\u{c}').count(), 4, "{v:?}");
        assert_eq!(v.matches("License").count(), 2, "{v:?}");
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
