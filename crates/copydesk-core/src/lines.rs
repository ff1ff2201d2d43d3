//! Byte offsets to 1-based line and column numbers, and to the UTF-16
//! code units that JavaScript, Java (LanguageTool) and LSP clients count.

/// Where each line of a text starts. Lines end at `\n` (so a CRLF line ends
/// after its LF). Columns count Unicode scalar values, starting at 1.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where 0-based line `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// Byte range of 0-based line `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end
    }

    /// Line and column of byte `offset` (which must be on a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

/// The length of `s` in UTF-16 code units (a character outside the Basic
/// Multilingual Plane, such as most emoji, counts 2).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The byte offset in `text` of UTF-16 offset `unit`. An offset inside a
/// surrogate pair, or past the end, gives the start of that character or
/// the end of the text.
pub fn byte_of_utf16(text: &str, unit: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > unit {
            return i;
        }
    }
    text.len()
}

/// Byte offsets to UTF-16 offsets, walking from the last offset asked: offsets
/// asked for in (nearly) increasing order cost one pass over the text in all.
#[derive(Debug, Clone)]
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf16Cursor {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of byte `offset` (clamped to the text, and rounded
    /// down to a character boundary).
    pub fn utf16(&mut self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.byte {
            self.unit -= utf16_len(&self.text[offset..self.byte]);
        } else {
            self.unit += utf16_len(&self.text[self.byte..offset]);
        }
        self.byte = offset;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let t = "ab\r\ncé d\nlast";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(ix.line_col(t, 4), LineCol { line: 2, column: 1 });
        // 'd' comes after c, é (2 bytes), space.
        assert_eq!(ix.line_col(t, 8), LineCol { line: 2, column: 4 });
        assert_eq!(ix.line_col(t, t.len()), LineCol { line: 3, column: 5 });
        assert_eq!(&t[ix.line_range(t, 0)], "ab");
        assert_eq!(&t[ix.line_range(t, 1)], "cé d");
        assert_eq!(&t[ix.line_range(t, 2)], "last");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units.
        let t = "é😀a";
        assert_eq!(utf16_len(t), 4);
        let mut c = Utf16Cursor::new(t);
        assert_eq!(c.utf16(0), 0);
        assert_eq!(c.utf16(2), 1);
        assert_eq!(c.utf16(6), 3);
        assert_eq!(c.utf16(7), 4);
        // Backwards, and inside a character.
        assert_eq!(c.utf16(3), 1);
        assert_eq!(c.utf16(99), 4);
        assert_eq!(byte_of_utf16(t, 0), 0);
        assert_eq!(byte_of_utf16(t, 1), 2);
        assert_eq!(byte_of_utf16(t, 2), 2);
        assert_eq!(byte_of_utf16(t, 3), 6);
        assert_eq!(byte_of_utf16(t, 4), 7);
        assert_eq!(byte_of_utf16(t, 40), 7);
    }
}
