//! Finding the prose in a file.
//!
//! Rules see a *prose view* of the file: a string of exactly the same length
//! in which everything that is not prose has been blanked out, so every byte
//! offset a rule reports is an offset into the file as read.

use std::borrow::Cow;

/// How a file's contents are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: all of it is prose.
    #[default]
    Plain,
    /// Markdown (CommonMark).
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

/// The prose view of `text`.
pub fn prose_text(text: &str, format: Format) -> Cow<'_, str> {
    match format {
        // Markdown structure is not parsed yet: it is read as plain text.
        Format::Plain | Format::Markdown => Cow::Borrowed(text),
    }
}
