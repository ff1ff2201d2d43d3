//! Word documents (.docx): the text of the body's paragraphs.
//!
//! A .docx file is a zip archive; the body is `word/document.xml`
//! (WordprocessingML). Each `<w:p>` is a paragraph, its text in the `<w:t>`
//! of its runs (`<w:r>`), which formatting splits anywhere: runs are joined,
//! so "the" in bold followed by "the" in roman is still "the the". Tracked
//! changes read as if accepted: insertions (`<w:ins>`, `<w:moveTo>`) count,
//! deletions (`<w:del>`, `<w:moveFrom>`) do not, and a paragraph whose mark
//! was deleted runs on into the next. Field codes (`<w:instrText>`) are not
//! prose; a field's shown result is. A text box's paragraphs follow the
//! paragraph they are anchored in; the copies Word keeps for old readers
//! (`<mc:Fallback>`) are skipped.
//!
//! The text linted is the paragraphs joined with line breaks (`\n`), so a
//! finding's line is its paragraph number (from 1) and its column counts
//! characters in the paragraph. No I/O: the caller reads the bytes.

use quick_xml::events::Event;
use std::ops::Range;

/// Above this many bytes of XML, the document is refused (a zip bomb, or
/// not a document a person wrote).
const MAX_XML: u64 = 256 << 20;

/// The text of a Word document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docx {
    /// The paragraphs' text, joined with `\n`; no paragraph holds a `\n`.
    pub text: String,
    /// Each paragraph's byte range in `text`, in order.
    pub paragraphs: Vec<Range<usize>>,
}

/// Why a .docx file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    NotZip(String),
    /// A zip archive without `word/document.xml`.
    NoDocument,
    /// The document's XML is larger than copydesk reads.
    TooLarge,
    /// The document's XML is damaged.
    Xml(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocxError::NotZip(e) => write!(f, "not a Word document (.docx is a zip archive: {e})"),
            DocxError::NoDocument => f.write_str("not a Word document (no word/document.xml)"),
            DocxError::TooLarge => {
                write!(f, "the document's text is larger than {} MB", MAX_XML >> 20)
            }
            DocxError::Xml(e) => write!(f, "damaged Word document: {e}"),
        }
    }
}

impl std::error::Error for DocxError {}

/// Read the body's paragraphs from the bytes of a .docx file.
pub fn extract(bytes: &[u8]) -> Result<Docx, DocxError> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    let mut entry = zip
        .by_name("word/document.xml")
        .map_err(|_| DocxError::NoDocument)?;
    if entry.size() > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    let mut xml = Vec::with_capacity(entry.size() as usize);
    (&mut entry)
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| DocxError::NotZip(e.to_string()))?;
    if xml.len() as u64 > MAX_XML {
        return Err(DocxError::TooLarge);
    }
    let xml = std::str::from_utf8(&xml).map_err(|e| DocxError::Xml(e.to_string()))?;
    paragraphs(xml)
}

/// The paragraphs of a `word/document.xml`.
pub fn paragraphs(xml: &str) -> Result<Docx, DocxError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut out = Docx::default();
    // Open paragraphs (a text box's paragraphs sit inside another's run).
    let mut open: Vec<String> = Vec::new();
    // Text of paragraphs whose mark was deleted, to run into the next.
    let mut carried = String::new();
    // Whether the innermost open paragraph's mark was deleted.
    let mut mark_deleted = false;
    // Depth inside elements whose text is not read.
    let mut skip = 0usize;
    // Depth inside paragraph or run properties.
    let mut props = 0usize;
    // Inside a <w:t>.
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| DocxError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => {
                    open.push(std::mem::take(&mut carried));
                    mark_deleted = false;
                }
                "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText" | "w:delText" => skip += 1,
                "w:pPr" | "w:rPr" => props += 1,
                "w:t" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:p" => {
                    let Some(p) = open.pop() else { continue };
                    if mark_deleted {
                        // Accepted, the deletion joins it to the next.
                        carried = p;
                    } else {
                        let start = out.text.len() + usize::from(!out.paragraphs.is_empty());
                        if !out.paragraphs.is_empty() {
                            out.text.push('\n');
                        }
                        out.text.push_str(&p);
                        out.paragraphs.push(start..out.text.len());
                    }
                    mark_deleted = false;
                }
                "w:del" | "w:moveFrom" | "mc:Fallback" | "w:instrText" | "w:delText" => {
                    skip = skip.saturating_sub(1)
                }
                "w:pPr" | "w:rPr" => props = props.saturating_sub(1),
                "w:t" => in_text = false,
                _ => {}
            },
            Event::Empty(e) => {
                let name = e.name();
                if props > 0 {
                    // <w:pPr><w:rPr><w:del .../></w:rPr></w:pPr>: the
                    // paragraph mark was deleted.
                    if name.as_ref() == "w:del" && skip == 0 {
                        mark_deleted = true;
                    }
                    continue;
                }
                if skip > 0 {
                    continue;
                }
                let Some(p) = open.last_mut() else { continue };
                match name.as_ref() {
                    "w:tab" => p.push('\t'),
                    "w:br" | "w:cr" => p.push(' '),
                    "w:noBreakHyphen" => p.push('\u{2011}'),
                    "w:softHyphen" => p.push('\u{AD}'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    push_text(p, &t);
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    let s: &str = t.as_ref();
                    push_text(p, s);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let (Some(p), Some(c)) = (open.last_mut(), c) {
                    push_text(p, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Unclosed paragraphs of a truncated document: keep what was read.
    for p in open
        .into_iter()
        .chain((!carried.is_empty()).then_some(carried))
    {
        if !out.paragraphs.is_empty() {
            out.text.push('\n');
        }
        let start = out.text.len();
        out.text.push_str(&p);
        out.paragraphs.push(start..out.text.len());
    }
    Ok(out)
}

/// Append text to a paragraph; a line break in it would start a new
/// "line", so it is a space.
fn push_text(p: &mut String, s: &str) {
    for c in s.chars() {
        p.push(if matches!(c, '\n' | '\r') { ' ' } else { c });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn runs_join_and_paragraphs_split() {
        let d = paragraphs(&doc(
            "<w:p><w:r><w:t>We saw the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>the</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> end &amp; more</w:t></w:r></w:p><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>Two</w:t></w:r></w:p>",
        ))
        .unwrap();
        assert_eq!(d.text, "We saw the the\t end & more\nTwo");
        assert_eq!(d.paragraphs, vec![0..26, 27..30]);
    }

    #[test]
    fn tracked_changes_read_as_accepted() {
        let d = paragraphs(&doc(
            "<w:p><w:r><w:t>a </w:t></w:r><w:del><w:r><w:delText>old </w:delText></w:r></w:del><w:ins><w:r><w:t>opposition</w:t></w:r></w:ins></w:p>\
             <w:p><w:pPr><w:rPr><w:del w:id=\"1\"/></w:rPr></w:pPr><w:r><w:t>joined </w:t></w:r></w:p><w:p><w:r><w:t>here</w:t></w:r></w:p>",
        ))
        .unwrap();
        assert_eq!(d.text, "a opposition\njoined here");
    }

    #[test]
    fn damaged_input_is_an_error_not_a_panic() {
        assert!(matches!(extract(b"not a zip"), Err(DocxError::NotZip(_))));
        assert!(extract(&[0x50, 0x4b, 3, 4, 0, 0]).is_err());
        assert!(paragraphs("<w:p><w:t>unclosed").is_ok());
    }
}
