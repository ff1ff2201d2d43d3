//! Building a prose view, and mapping its offsets back to the file.
//!
//! A prose view has the byte length of the file. Most of it is the file
//! itself (prose) or blanks (markup), at the same offsets. A decoded
//! character reference is shorter than its source (`&rsquo;` is 7 bytes,
//! `’` is 3), so its text is written where the reference starts and the
//! rest of the word moves left to close the gap; the bytes saved are put
//! back as spaces at the next white space or markup, where they only widen
//! a gap that is there anyway. "don&rsquo;t stop" becomes "don’t     stop":
//! one word, as a reader sees it.
//!
//! Inside such a moved stretch, prose offsets are not file offsets: the
//! [`OffsetMap`] records the moved pieces and maps a finding's span back to
//! the file, so every position a user sees points at the original bytes.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// File bytes, moved left: offsets map one to one.
    Raw,
    /// A decoded reference: only its ends map.
    Decoded,
    /// Spaces put back at the end of a moved stretch: they stand for no
    /// bytes of the file, and map to where the stretch ends.
    Pad,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    prose: Range<usize>,
    source: Range<usize>,
    kind: Kind,
}

/// Where the text of a prose view moved from. Empty (the identity) unless
/// character references were decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// Sorted by prose offset; outside them, prose and file offsets agree.
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Whether every prose offset is the file offset.
    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The file offset where a span starting at prose offset `p` starts, and
    /// whether that is exact (false when `p` falls inside a decoded
    /// reference, which then counts whole).
    pub fn start(&self, p: usize) -> (usize, bool) {
        let i = self.pieces.partition_point(|x| x.prose.start <= p);
        let Some(x) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return (p, true);
        };
        if p >= x.prose.end {
            return (p, true);
        }
        match x.kind {
            Kind::Raw => (x.source.start + (p - x.prose.start), true),
            Kind::Decoded => (x.source.start, p == x.prose.start),
            Kind::Pad => (x.source.start, true),
        }
    }

    /// The file offset where a span ending at prose offset `p` ends, and
    /// whether that is exact.
    pub fn end(&self, p: usize) -> (usize, bool) {
        let i = self.pieces.partition_point(|x| x.prose.start < p);
        let Some(x) = i.checked_sub(1).map(|i| &self.pieces[i]) else {
            return (p, true);
        };
        if p > x.prose.end {
            return (p, true);
        }
        match x.kind {
            Kind::Raw => (x.source.start + (p - x.prose.start), true),
            Kind::Decoded => (x.source.end, p == x.prose.end),
            Kind::Pad => (x.source.start, true),
        }
    }

    /// A prose span as a file span, and whether both ends are exact.
    pub fn span(&self, r: Range<usize>) -> (Range<usize>, bool) {
        let (s, a) = self.start(r.start);
        let (e, b) = self.end(r.end);
        (s..e.max(s), a && b)
    }
}

/// Writes a prose view over a file, left to right.
pub(crate) struct Builder<'s> {
    src: &'s str,
    mask: Vec<u8>,
    pieces: Vec<Piece>,
    /// The file with each moved stretch replaced by its prose, decoded
    /// references as `&`s: what rules compare with to tell white space in
    /// the file from blanked markup. Made at the first decoded reference.
    aligned: Option<Vec<u8>>,
    /// Paragraph breaks to set at the end (offsets of blanked markup).
    breaks: Vec<usize>,
    /// Block starts: the line break before each becomes a paragraph break.
    breaks_before: Vec<usize>,
    /// Write and read positions: apart while a stretch is moved.
    w: usize,
    r: usize,
}

/// ASCII white space, where a moved stretch ends.
fn is_gap(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

impl<'s> Builder<'s> {
    /// A view of `src` with everything blanked but line breaks.
    pub fn new(src: &'s str) -> Self {
        let mask = src
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        Builder {
            src,
            mask,
            pieces: Vec::new(),
            aligned: None,
            breaks: Vec::new(),
            breaks_before: Vec::new(),
            w: 0,
            r: 0,
        }
    }

    /// End a moved stretch: spaces from the write to the read position.
    fn flush(&mut self) {
        if self.w < self.r {
            let (w, r) = (self.w, self.r);
            self.mask[w..r].fill(b' ');
            if let Some(a) = &mut self.aligned {
                a[w..r].fill(b' ');
            }
            self.pieces.push(Piece {
                prose: w..r,
                source: r..r,
                kind: Kind::Pad,
            });
        }
        self.w = self.r;
    }

    /// Move to `range` (ranges come in file order): the part of it before
    /// the read position, if any, was written already and is dropped.
    fn seek(&mut self, range: Range<usize>) -> Option<Range<usize>> {
        let end = range.end.min(self.src.len());
        let start = range.start.min(end);
        if start > self.r {
            self.flush();
            self.w = start;
            self.r = start;
        }
        let start = start.max(self.r);
        (start < end && self.src.is_char_boundary(start) && self.src.is_char_boundary(end))
            .then_some(start..end)
    }

    /// Copy file bytes: prose as it stands.
    pub fn copy(&mut self, range: Range<usize>) {
        let Some(range) = self.seek(range) else {
            return;
        };
        if self.w == self.r {
            self.mask[range.clone()].copy_from_slice(&self.src.as_bytes()[range.clone()]);
            self.w = range.end;
            self.r = range.end;
            return;
        }
        // Moved: up to the first white space, which ends the stretch.
        let bytes = &self.src.as_bytes()[range.clone()];
        let k = bytes.iter().position(|&b| is_gap(b)).unwrap_or(bytes.len());
        if k > 0 {
            let (w, r) = (self.w, self.r);
            self.mask[w..w + k].copy_from_slice(&bytes[..k]);
            if let Some(a) = &mut self.aligned {
                a[w..w + k].copy_from_slice(&bytes[..k]);
            }
            self.pieces.push(Piece {
                prose: w..w + k,
                source: r..r + k,
                kind: Kind::Raw,
            });
            self.w += k;
            self.r += k;
        }
        if k < bytes.len() {
            self.flush();
            self.copy(self.r..range.end);
        }
    }

    /// A decoded reference: `range` of the file reads as `text`. Written as
    /// is if it does not fit (a few references decode longer than they are).
    pub fn decoded(&mut self, range: Range<usize>, text: &str) {
        let Some(range) = self.seek(range) else {
            return;
        };
        let n = text.len();
        if n == 0 || self.w + n > range.end {
            self.copy(range);
            return;
        }
        if self.aligned.is_none() {
            self.aligned = Some(self.src.as_bytes().to_vec());
        }
        if text.chars().all(char::is_whitespace) {
            // White space (a no-break space): it ends the stretch, and its
            // padding goes before it, so a line break stays a line break.
            self.flush();
            let at = range.end - n;
            let aligned = self.aligned.as_mut().expect("made above");
            self.mask[range.start..at].fill(b' ');
            self.mask[at..range.end].copy_from_slice(text.as_bytes());
            aligned[range.clone()].fill(b'&');
            if at > range.start {
                self.pieces.push(Piece {
                    prose: range.start..at,
                    source: range.start..range.start,
                    kind: Kind::Pad,
                });
            }
            self.pieces.push(Piece {
                prose: at..range.end,
                source: range.clone(),
                kind: Kind::Decoded,
            });
            self.w = range.end;
            self.r = range.end;
            return;
        }
        let w = self.w;
        self.mask[w..w + n].copy_from_slice(text.as_bytes());
        if let Some(a) = &mut self.aligned {
            a[w..w + n].fill(b'&');
        }
        self.pieces.push(Piece {
            prose: w..w + n,
            source: range.clone(),
            kind: Kind::Decoded,
        });
        self.w = w + n;
        self.r = range.end;
    }

    /// Markup starts at `at`: a moved stretch ends there.
    pub fn gap(&mut self, at: usize) {
        if at > self.r {
            self.flush();
            self.w = at.min(self.src.len());
            self.r = self.w;
        } else if at == self.r {
            self.flush();
        }
    }

    /// Set byte `at` (blanked markup, an ASCII byte of the file) to a
    /// paragraph break.
    pub fn paragraph_break(&mut self, at: usize) {
        self.breaks.push(at);
    }

    /// A block starts at `at`: the nearest line break before it, past
    /// blanked markers and indentation, becomes a paragraph break.
    pub fn paragraph_break_before(&mut self, at: usize) {
        self.breaks_before.push(at);
    }

    /// Copy a single ASCII byte of markup into the view (a table's pipe, a
    /// code span's backtick), to keep it as a separator.
    pub fn keep_byte(&mut self, at: usize) {
        if let Some(&b) = self.src.as_bytes().get(at)
            && b.is_ascii()
            && at >= self.r
        {
            self.mask[at] = b;
        }
    }

    /// The bytes written so far (to read back what is blank).
    #[allow(dead_code)]
    pub fn mask(&self) -> &[u8] {
        &self.mask
    }

    /// The view, its offset map, and the aligned file if anything moved.
    pub fn finish(mut self) -> (String, OffsetMap, Option<String>) {
        self.flush();
        for at in std::mem::take(&mut self.breaks) {
            if self.mask.get(at) == Some(&b' ') {
                self.mask[at] = 0x0C;
            }
        }
        let mask = &mut self.mask;
        for start in std::mem::take(&mut self.breaks_before) {
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
        let text = into_string(self.mask);
        let aligned = self.aligned.map(into_string);
        (
            text,
            OffsetMap {
                pieces: self.pieces,
            },
            aligned,
        )
    }
}

/// Only whole characters or ASCII bytes over whole characters were written,
/// so this is UTF-8; never panic if not.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_moves_the_rest_of_its_word() {
        let src = "don&rsquo;t stop";
        let mut b = Builder::new(src);
        b.copy(0..3);
        b.decoded(3..10, "’");
        b.copy(10..16);
        let (text, map, aligned) = b.finish();
        assert_eq!(text, "don’t     stop");
        assert_eq!(text.len(), src.len());
        assert_eq!(aligned.unwrap(), "don&&&t     stop");
        // "don’t" is 0..7 in the view, 0..11 in the file.
        assert_eq!(map.span(0..7), (0..11, true));
        // "stop" did not move.
        assert_eq!(map.span(12..16), (12..16, true));
        // Inside the reference: counted whole, not exact.
        assert_eq!(map.span(4..6), (3..10, false));
    }

    #[test]
    fn a_no_break_space_stays_white_space() {
        let src = "10&nbsp;km";
        let mut b = Builder::new(src);
        b.copy(0..2);
        b.decoded(2..8, "\u{A0}");
        b.copy(8..10);
        let (text, map, _) = b.finish();
        assert_eq!(text, "10    \u{A0}km");
        assert_eq!(map.span(0..10), (0..10, true));
        assert_eq!(map.span(8..10), (8..10, true));
    }
}
