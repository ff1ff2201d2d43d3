//! Finding the prose in a file, one module per format.
//!
//! Rules see a *prose view* of the file: a string of exactly the same length
//! in which everything that is not prose has been blanked out, so byte
//! offsets into it are offsets into the file, and line breaks stay where they
//! were. Where one block ends and the next begins, a blank becomes a form
//! feed (U+000C), which the tokenizer reads as a paragraph break.
//!
//! Character references (`&nbsp;`, `&rsquo;`) in HTML, Markdown and MDX are
//! decoded for the rules; a decoded word is shorter than its source, so it
//! moves a little within the view, and [`OffsetMap`] (see [`view`]) maps
//! every finding back to the bytes of the file.
//!
//! | format | module | prose |
//! |---|---|---|
//! | [`Format::Plain`] | [`plain`] | all of it |
//! | [`Format::Markdown`] | [`markdown`] | text of paragraphs, headings, lists, quotes, tables, links |
//! | [`Format::Mdx`] | [`mdx`] | the same, plus the text inside JSX elements |
//! | [`Format::Html`] | [`html`] | text of the body, `alt` and `title` attributes |
//! | [`Format::Docx`] | [`docx`] | the paragraphs of a Word document, as read by [`docx::extract`] |

pub mod docx;
pub mod entities;
pub mod html;
pub mod markdown;
pub mod mdx;
pub mod plain;
pub mod view;

use crate::suppress::Directive;
use std::borrow::Cow;
use std::path::Path;
pub use view::OffsetMap;

/// How a file's contents are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text: all of it is prose.
    #[default]
    Plain,
    /// Markdown (CommonMark with tables, footnotes, strikethrough, task
    /// lists and front matter).
    Markdown,
    /// MDX: Markdown with ESM `import`/`export`, JSX and `{expressions}`.
    Mdx,
    /// HTML (and XHTML).
    Html,
    /// A Word document (.docx). The text linted is what
    /// [`docx::extract`] returns: the paragraphs joined with line breaks.
    Docx,
}

impl Format {
    /// Every format, in the order of [`Format::name`]s in the docs.
    pub const ALL: [Format; 5] = [
        Format::Plain,
        Format::Markdown,
        Format::Mdx,
        Format::Html,
        Format::Docx,
    ];

    /// The format of a file by its extension (case-insensitive), or `None`
    /// for an extension no format claims. Folders are walked for exactly
    /// these files.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        Some(if is("txt") || is("text") {
            Format::Plain
        } else if is("md") || is("markdown") {
            Format::Markdown
        } else if is("mdx") {
            Format::Mdx
        } else if is("html") || is("htm") || is("xhtml") {
            Format::Html
        } else if is("docx") {
            Format::Docx
        } else {
            return None;
        })
    }

    /// The format named in the configuration's `[formats]` map:
    /// `text`, `markdown`, `mdx`, `html` or `docx`.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The name [`Format::from_name`] takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "text",
            Format::Markdown => "markdown",
            Format::Mdx => "mdx",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// Whether files of this format are bytes to pass to an extractor
    /// ([`docx::extract`]) rather than UTF-8 text.
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }

    /// Whether `--fix` can write files of this format.
    pub fn can_fix(self) -> bool {
        self != Format::Docx
    }

    /// Whether positions are reported by paragraph rather than by line.
    pub fn by_paragraph(self) -> bool {
        self == Format::Docx
    }
}

/// For a file copydesk cannot read as text but people will hand it (a
/// Word 97 document, a PDF), what it is: the front-ends say "not a text
/// format copydesk reads" instead of "binary" or "not UTF-8".
pub fn unreadable(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "doc" | "dot" => "a Word 97-2003 document (save it as .docx)",
        "pdf" => "a PDF",
        "odt" | "ott" => "an OpenDocument text (save it as .docx)",
        "rtf" => "an RTF document (save it as .docx)",
        "pages" => "a Pages document (export it as .docx)",
        "epub" => "an EPUB book",
        "xls" | "xlsx" | "ods" => "a spreadsheet",
        "ppt" | "pptx" | "odp" | "key" => "a presentation",
        _ => return None,
    })
}

/// The prose of a file and its suppression directives.
#[derive(Debug, Clone)]
pub struct Prose<'a> {
    /// The prose view: same length as the file; same offsets outside
    /// decoded references.
    pub text: Cow<'a, str>,
    /// Suppression comments, in file order (see [`crate::suppress`]).
    pub directives: Vec<Directive>,
    /// Prose offsets to file offsets (the identity for most files).
    pub map: OffsetMap,
    /// The file aligned with the view, where text moved (see
    /// [`crate::rule::Context::source`]); `None` means the file itself.
    pub aligned: Option<String>,
}

impl<'a> Prose<'a> {
    fn new(text: Cow<'a, str>, directives: Vec<Directive>) -> Self {
        Prose {
            text,
            directives,
            map: OffsetMap::default(),
            aligned: None,
        }
    }

    /// The prose a format module built with a [`view::Builder`].
    fn built(b: view::Builder<'_>, directives: Vec<Directive>) -> Self {
        let (view, map, aligned) = b.finish();
        Prose {
            text: Cow::Owned(view),
            directives,
            map,
            aligned,
        }
    }
}

/// The prose view of `text`: same length.
pub fn prose_text(text: &str, format: Format) -> Cow<'_, str> {
    extract(text, format).text
}

/// The prose view of `text` and its suppression directives.
pub fn extract(text: &str, format: Format) -> Prose<'_> {
    match format {
        Format::Plain => plain::extract(text, false),
        Format::Docx => plain::extract(text, true),
        Format::Markdown => markdown::extract(text),
        Format::Mdx => mdx::extract(text),
        Format::Html => html::extract(text),
    }
}

/// Copy the text in `range` of `src` into the view, decoding character
/// references.
pub(crate) fn put_text(
    b: &mut view::Builder<'_>,
    src: &str,
    range: std::ops::Range<usize>,
    cx: entities::Context,
) {
    let Some(slice) = src.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    let mut pos = 0;
    while let Some(k) = memchr::memchr(b'&', &slice.as_bytes()[pos..]) {
        let at = pos + k;
        match entities::reference(&slice[at..], cx) {
            Some((len, decoded)) => {
                b.copy(range.start + from..range.start + at);
                b.decoded(range.start + at..range.start + at + len, &decoded);
                from = at + len;
                pos = from;
            }
            None => pos = at + 1,
        }
    }
    b.copy(range.start + from..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_and_name() {
        for (p, f) in [
            ("a.txt", Some(Format::Plain)),
            ("a.MD", Some(Format::Markdown)),
            ("a.mdx", Some(Format::Mdx)),
            ("a.htm", Some(Format::Html)),
            ("a.xhtml", Some(Format::Html)),
            ("a.docx", Some(Format::Docx)),
            ("a.doc", None),
            ("Makefile", None),
        ] {
            assert_eq!(Format::from_path(Path::new(p)), f, "{p}");
        }
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("plain"), None);
        assert!(unreadable(Path::new("a.PDF")).is_some());
        assert!(unreadable(Path::new("a.docx")).is_none());
    }
}
