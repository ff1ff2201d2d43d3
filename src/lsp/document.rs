//! The server's copy of an open document, and the conversion between the
//! library's byte offsets and LSP positions.
//!
//! An LSP position is a line and a character offset in the client's
//! encoding: UTF-8 bytes or UTF-16 code units (negotiated at start-up). A
//! line ends at `\n`, `\r\n` or `\r`, as the protocol says. Any position a
//! client sends is accepted: past the end of a line it means the end of that
//! line, past the last line the end of the text, and inside a character
//! (half of a surrogate pair, the middle of a UTF-8 sequence) the start of
//! that character.

use lsp_types::{Position, Range};
use std::cell::Cell;

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A document's text and where its lines start.
#[derive(Debug)]
pub struct Document {
    text: String,
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// The last offset converted to a position, with its line and column:
    /// findings come sorted by offset, so converting them in turn walks each
    /// line once, however long it is.
    /// (In the encoding it was counted in.)
    cursor: Cell<(usize, usize, usize, Encoding)>,
}

impl Document {
    pub fn new(text: String) -> Self {
        let mut d = Document {
            text,
            line_starts: Vec::new(),
            cursor: Cell::new((0, 0, 0, Encoding::Utf8)),
        };
        d.index();
        d
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Recompute where lines start (in place: the vector keeps its memory).
    fn index(&mut self) {
        self.line_starts.clear();
        self.line_starts.push(0);
        let bytes = self.text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of a `\r\n` is not a line break of its own.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            self.line_starts.push(i + 1);
        }
        self.cursor.set((0, 0, 0, Encoding::Utf8));
    }

    /// The byte range of line `line`'s content, without its line break.
    fn line(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        let end = match self.line_starts.get(line + 1) {
            None => self.text.len(),
            Some(&next) => {
                let b = self.text.as_bytes();
                if next >= 2 && b[next - 2] == b'\r' && b[next - 1] == b'\n' {
                    next - 2
                } else {
                    next - 1
                }
            }
        };
        (start, end)
    }

    /// The byte offset of a position (clamped, as described above).
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_starts.len() {
            return self.text.len();
        }
        let (start, end) = self.line(line);
        let want = pos.character as usize;
        let content = &self.text[start..end];
        match enc {
            Encoding::Utf8 => {
                let mut o = want.min(content.len());
                while !content.is_char_boundary(o) {
                    o -= 1;
                }
                start + o
            }
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    let next = units + c.len_utf16();
                    if next > want {
                        return start + i;
                    }
                    units = next;
                }
                end
            }
        }
    }

    /// The position of a byte offset (clamped to the text, rounded down to a
    /// character boundary). An offset between the `\r` and `\n` of a line
    /// break is the end of that line.
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let (start, end) = self.line(line);
        let offset = offset.min(end);
        let (c_line, c_off, c_col, c_enc) = self.cursor.get();
        let (from, mut col) = if c_enc == enc && c_line == line && (start..=offset).contains(&c_off)
        {
            (c_off, c_col)
        } else {
            (start, 0)
        };
        col += match enc {
            Encoding::Utf8 => offset - from,
            Encoding::Utf16 => self.text[from..offset].chars().map(|c| enc.width(c)).sum(),
        };
        self.cursor.set((line, offset, col, enc));
        Position::new(line as u32, col.min(u32::MAX as usize) as u32)
    }

    /// The LSP range of a byte span.
    pub fn range(&self, span: std::ops::Range<usize>, enc: Encoding) -> Range {
        Range::new(self.position(span.start, enc), self.position(span.end, enc))
    }

    /// The byte span of an LSP range (a reversed range is turned round).
    pub fn span(&self, range: Range, enc: Encoding) -> std::ops::Range<usize> {
        let a = self.offset(range.start, enc);
        let b = self.offset(range.end, enc);
        a.min(b)..a.max(b)
    }

    /// Apply one change from `textDocument/didChange`: `range` replaced by
    /// `text`, or the whole text when there is no range.
    pub fn apply(&mut self, range: Option<Range>, text: &str, enc: Encoding) {
        match range {
            None => {
                self.text.clear();
                self.text.push_str(text);
            }
            Some(r) => {
                let span = self.span(r, enc);
                self.text.replace_range(span, text);
            }
        }
        self.index();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn positions_count_the_clients_units() {
        // 😀 is 4 UTF-8 bytes, 2 UTF-16 units; "é" written as e + U+0301 is
        // 3 bytes, 2 units.
        let d = Document::new("😀 e\u{301} the the\nnext".into());
        let at = "😀 e\u{301} ".len();
        assert_eq!(d.position(at, Encoding::Utf16), pos(0, 6));
        assert_eq!(d.position(at, Encoding::Utf8), pos(0, 9));
        assert_eq!(d.offset(pos(0, 6), Encoding::Utf16), at);
        assert_eq!(d.offset(pos(0, 9), Encoding::Utf8), at);
        let next = d.text().find("next").unwrap();
        assert_eq!(d.position(next + 2, Encoding::Utf16), pos(1, 2));
        assert_eq!(d.offset(pos(1, 2), Encoding::Utf16), next + 2);
    }

    #[test]
    fn hostile_positions_are_clamped() {
        let d = Document::new("ab😀\r\ncd\rlast".into());
        // Inside the surrogate pair: the start of the emoji.
        assert_eq!(d.offset(pos(0, 3), Encoding::Utf16), 2);
        // Inside the UTF-8 sequence: the start of the emoji.
        assert_eq!(d.offset(pos(0, 4), Encoding::Utf8), 2);
        // Past the end of a line: its end, before the line break.
        assert_eq!(d.offset(pos(0, 99), Encoding::Utf16), 6);
        assert_eq!(d.offset(pos(1, 99), Encoding::Utf8), 10);
        // Past the last line: the end of the text.
        assert_eq!(d.offset(pos(9, 0), Encoding::Utf16), d.text().len());
        assert_eq!(
            d.offset(pos(u32::MAX, u32::MAX), Encoding::Utf8),
            d.text().len()
        );
        // A lone \r is a line break.
        assert_eq!(d.offset(pos(2, 1), Encoding::Utf8), 12);
        // Offsets past the end, or between \r and \n.
        assert_eq!(d.position(999, Encoding::Utf16), pos(2, 4));
        assert_eq!(d.position(7, Encoding::Utf16), pos(0, 4));
    }

    #[test]
    fn edits_apply_in_place() {
        let mut d = Document::new("one\ntwo\n".into());
        d.apply(
            Some(Range::new(pos(1, 0), pos(1, 3))),
            "2\n2½",
            Encoding::Utf16,
        );
        assert_eq!(d.text(), "one\n2\n2½\n");
        // A reversed range is turned round; one past the end is clamped.
        d.apply(Some(Range::new(pos(7, 0), pos(2, 1))), "!", Encoding::Utf8);
        assert_eq!(d.text(), "one\n2\n2!");
        d.apply(None, "new", Encoding::Utf8);
        assert_eq!(d.text(), "new");
        assert_eq!(d.position(3, Encoding::Utf16), pos(0, 3));
    }

    /// The client's side, written independently of the server's: the
    /// position of a byte offset, counting lines and units from the start.
    fn client_position(text: &str, offset: usize, enc: Encoding) -> Position {
        let before = &text[..offset];
        let mut line = 0;
        let mut line_start = 0;
        let mut chars = before.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let crlf = c == '\r' && matches!(chars.peek(), Some((_, '\n')));
            if c == '\n' || (c == '\r' && !crlf) {
                line += 1;
                line_start = i + 1;
            }
        }
        let units = text[line_start..offset]
            .chars()
            .map(|c| match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            })
            .sum::<usize>();
        pos(line, units as u32)
    }

    /// The offsets a client can point at: character boundaries, never
    /// between the \r and \n of a line break.
    fn boundaries(text: &str) -> Vec<usize> {
        (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .filter(|&i| !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text[i..].starts_with('\n')))
            .collect()
    }

    fn piece() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a".to_string()),
                Just(" the".to_string()),
                Just("\n".to_string()),
                Just("\r\n".to_string()),
                Just("\r".to_string()),
                Just("😀".to_string()),
                Just("e\u{301}".to_string()),
                Just("ß".to_string()),
                Just("中".to_string()),
                any::<char>().prop_map(String::from),
            ],
            0..6,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Random edit sequences, in both encodings: after each, the
        /// server's text is the client's.
        #[test]
        fn the_store_follows_the_client(
            start in piece(),
            edits in proptest::collection::vec((any::<u16>(), any::<u16>(), piece(), any::<bool>()), 0..25),
            utf8 in any::<bool>(),
        ) {
            let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
            let mut client = start.clone();
            let mut server = Document::new(start);
            for (a, b, insert, whole) in edits {
                if whole {
                    client = insert.clone();
                    server.apply(None, &insert, enc);
                } else {
                    let points = boundaries(&client);
                    let a = points[a as usize % points.len()];
                    let b = points[b as usize % points.len()];
                    let (a, b) = (a.min(b), a.max(b));
                    let range = Range::new(
                        client_position(&client, a, enc),
                        client_position(&client, b, enc),
                    );
                    client.replace_range(a..b, &insert);
                    server.apply(Some(range), &insert, enc);
                }
                prop_assert_eq!(server.text(), client.as_str());
                // And positions agree both ways at every boundary.
                for o in boundaries(&client) {
                    let p = client_position(&client, o, enc);
                    prop_assert_eq!(server.position(o, enc), p);
                    prop_assert_eq!(server.offset(p, enc), o);
                }
            }
        }

        /// Any position at all: no panic, and the text stays valid.
        #[test]
        fn any_position_is_safe(
            start in piece(),
            edits in proptest::collection::vec((any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>(), piece()), 0..10),
        ) {
            let mut d = Document::new(start);
            for (l1, c1, l2, c2, insert) in edits {
                let r = Range::new(pos(l1 % 8, c1 % 12), pos(l2 % 8, c2));
                d.apply(Some(r), &insert, Encoding::Utf16);
                let r = Range::new(pos(l1, c1), pos(l2 % 8, c2 % 12));
                d.apply(Some(r), &insert, Encoding::Utf8);
                let len = d.text().len();
                for o in [0, len / 2, len, len + 5] {
                    let _ = d.position(o, Encoding::Utf16);
                }
            }
        }
    }
}
