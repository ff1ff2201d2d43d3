//! Byte offsets to 1-based line and column numbers.

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
}
