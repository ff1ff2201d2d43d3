//! The first pass: whether a file may hold a passage that the second pass
//! would report, read from its bytes, 64 at a time, before any token.
//!
//! The text is cut into segments where the tokenizer's sentences end (at
//! `.`, `!`, `?` and `…`, but not a `.` between digits, which is inside a
//! number) and at the white space it makes a paragraph break of. A
//! segment's fingerprint is what bit masks count cheaply and two copies of
//! it share whatever their case, wrapping, white space or ASCII
//! punctuation: its runs of ASCII letters and of digits, its ASCII letters
//! and digits and the sum of their folded bytes, and its other characters
//! but general punctuation (the letters of other scripts). A segment's
//! weight, its runs and other characters, is at least its count of words
//! and numbers.
//!
//! The second pass reports a passage only if a paragraph of eight words
//! or more, ended by a sentence's end and then a line break (or the end of
//! the text), is written twice, or a sentence of twelve words or more is
//! written twice in one paragraph; anything else it reports is part of
//! such a copy. So the first pass remembers, at each line break after a
//! sentence's end, the run of segments ending there that first weighs
//! eight (within the paragraph, if it is one to report), and each segment
//! of weight twelve or more with the number of its paragraph; the two
//! copies of a passage to report leave the same fingerprint, and a file
//! that leaves none twice has nothing to report. Most files are done here,
//! at a fraction of a token's cost a byte; a file with a fingerprint seen
//! twice gives the hint that the second pass must read it. (Two copies
//! that differ in the non-ASCII spaces or punctuation between their words,
//! a NO-BREAK SPACE for a space, may give no hint; a paste is byte for
//! byte.)

use super::keys::mix;
use super::{PARAGRAPH_WORDS, SENTENCE_WORDS};
use crate::token::{TokenKind, is_space_char, space_kind};

/// Bytes classified at once.
const BLOCK: usize = 64;
/// Segments a run may hold: each weighs one at least.
const RING: usize = PARAGRAPH_WORDS as usize;
/// A table of fingerprints this large or smaller is kept for the thread's
/// next file; a larger one (a long file's) is let go.
const SPARE_SLOTS: usize = 1 << 12;
/// Long sentences of a paragraph compared with each other; the rest go
/// into the table.
const LONG_SENTENCES: usize = 16;
/// Fingerprints remembered per file; past that, the hint is given.
const MAX_RUNS: usize = super::MAX_SEEN;
/// Told apart from a run's fingerprint: a sentence's with its paragraph,
/// and a sentence's that makes a paragraph.
const SENTENCE_SALT: u64 = 0x2545_f491_4f6c_dd1d;
const LINE_SALT: u64 = 0x5851_f42d_4c95_7f2d;

/// Whether `text` may hold a passage that the second pass would report.
pub(super) fn hint(text: &str) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("popcnt")
    {
        // SAFETY: this CPU has AVX2 and POPCNT.
        return unsafe { hint_avx2(text) };
    }
    hint_with::<SSE2>(text)
}

/// [`hint`] compiled for AVX2, and POPCNT for the bit counts (without it,
/// a count is a dozen instructions).
///
/// # Safety
///
/// The CPU must have AVX2 and POPCNT.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt")]
unsafe fn hint_avx2(text: &str) -> bool {
    hint_with::<AVX2>(text)
}

/// The vector instructions a build of [`hint`] may use.
const SSE2: u8 = 0;
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
const AVX2: u8 = 1;

/// [`hint`], with the vector instructions `V`.
#[inline(always)]
fn hint_with<const V: u8>(text: &str) -> bool {
    let mut scan = Scan::new();
    let found = scan.run::<V>(text);
    scan.finish();
    found
}

/// Bit masks of 64 bytes, bit `i` for byte `i`, and sums of their ASCII
/// letters and digits.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Block {
    letters: u64,
    digits: u64,
    /// Non-ASCII bytes.
    high: u64,
    /// `.`, `!`, `?` and form feeds: where a segment may end.
    ends: u64,
    /// `\n` and `\r`: line breaks.
    breaks: u64,
    /// The sums of the letters and digits, case folded, of bytes `8 j` to
    /// `8 j + 7`.
    lanes: [u64; 8],
    /// The letters and digits, case folded, and zeros for other bytes,
    /// eight bytes a lane (little-endian).
    masked: [u64; 8],
    /// The sum of the lanes.
    total: u64,
}

/// The counts of a segment, or of part of a block.
#[derive(Default, Clone, Copy)]
struct Segment {
    /// Runs of ASCII letters and runs of digits.
    runs: u32,
    /// Non-ASCII characters but general punctuation and NO-BREAK SPACE.
    other: u32,
    /// The sum of the ASCII letters and digits, case folded.
    sum: u64,
}

impl Segment {
    fn weight(&self) -> u32 {
        self.runs + self.other
    }

    fn plus(self, o: Segment) -> Segment {
        Segment {
            runs: self.runs.wrapping_add(o.runs),
            other: self.other.wrapping_add(o.other),
            sum: self.sum.wrapping_add(o.sum),
        }
    }

    fn minus(self) -> Segment {
        Segment {
            runs: self.runs.wrapping_neg(),
            other: self.other.wrapping_neg(),
            sum: self.sum.wrapping_neg(),
        }
    }
}

/// What a possible end found in a block is.
enum End {
    /// A sentence's end.
    Sentence,
    /// A line break, from this byte: maybe a paragraph break.
    Line(usize),
    /// A paragraph break for sure: a form feed, PARAGRAPH SEPARATOR.
    Paragraph,
}

struct Scan {
    seg: Segment,
    /// The last sentences: fingerprint and weight.
    ring: [(u64, u32); RING],
    ring_len: usize,
    /// A sentence has ended and nothing weighing since.
    after_sentence: bool,
    /// The sentence being read started a line: after a paragraph break,
    /// or after a line break right after a sentence's end.
    fresh: bool,
    /// The last sentence started a line.
    last_fresh: bool,
    /// Sentences since the last paragraph break.
    sentences: usize,
    /// The fingerprints of this paragraph's sentences of weight twelve or
    /// more, while few: a sentence written twice in one paragraph is
    /// found among them, without the table.
    long: [u64; LONG_SENTENCES],
    long_len: usize,
    /// Paragraph breaks so far.
    paragraph: u64,
    seen: Fingerprints,
}

thread_local! {
    static SPARE: std::cell::Cell<Option<Fingerprints>> = const { std::cell::Cell::new(None) };
}

impl Scan {
    fn new() -> Scan {
        Scan {
            seg: Segment::default(),
            ring: [(0, 0); RING],
            ring_len: 0,
            after_sentence: false,
            fresh: true,
            last_fresh: false,
            sentences: 0,
            long: [0; LONG_SENTENCES],
            long_len: 0,
            paragraph: 0,
            seen: Fingerprints::new(SPARE.take()),
        }
    }

    /// Give the table back to the thread, emptied, unless it grew large.
    fn finish(self) {
        let mut seen = self.seen;
        if seen.slots.len() <= SPARE_SLOTS {
            seen.clear();
            SPARE.set(Some(seen));
        }
    }

    /// Read the text; true at the first fingerprint seen twice.
    #[inline(always)]
    fn run<const V: u8>(&mut self, text: &str) -> bool {
        let bytes = text.as_bytes();
        // Whether the byte before the block was a letter, or a digit.
        let (mut letter_before, mut digit_before) = (0, 0);
        let mut base = 0;
        while base < bytes.len() {
            let b = match bytes[base..].first_chunk::<BLOCK>() {
                Some(chunk) => classify::<V>(chunk),
                None => {
                    // Zeros after the end: none is a letter or an end.
                    let mut buf = [0u8; BLOCK];
                    buf[..bytes.len() - base].copy_from_slice(&bytes[base..]);
                    classify::<V>(&buf)
                }
            };
            let alnum = b.letters | b.digits;
            let starts = (b.letters & !(b.letters << 1 | letter_before))
                | (b.digits & !(b.digits << 1 | digit_before));
            // A line break between two letters or digits (wrapped text)
            // ends no sentence and starts no paragraph.
            let wrapped = (alnum << 1 | letter_before | digit_before) & (alnum >> 1);
            letter_before = b.letters >> 63;
            digit_before = b.digits >> 63;
            let mut ends = b.ends | (b.breaks & !wrapped);
            let mut other = 0;
            if b.high != 0 {
                let (o, e) = high_bytes(bytes, base, b.high);
                other = o;
                ends |= e;
            }
            if ends == 0 {
                self.seg = self.seg.plus(Segment {
                    runs: starts.count_ones(),
                    other: other.count_ones(),
                    sum: b.total,
                });
                base += BLOCK;
                continue;
            }
            let mut cum = [0; 9];
            for j in 0..8 {
                cum[j + 1] = cum[j] + b.lanes[j];
            }
            // `self.seg` holds the segment's counts less those of the
            // block's bytes before the last end in it: a segment that ends
            // at byte `p` counts `self.seg` and the bytes before `p`.
            while ends != 0 {
                let p = ends.trailing_zeros() as usize;
                ends &= ends - 1;
                let Some(end) = end_at(bytes, base + p) else {
                    continue;
                };
                let below = (1u64 << p) - 1;
                let before = Segment {
                    runs: (starts & below).count_ones(),
                    other: (other & below).count_ones(),
                    sum: prefix_sum(&b, &cum, p),
                };
                let seg = self.seg.plus(before);
                match end {
                    End::Sentence => {
                        if seg.weight() > 0 {
                            self.sentence_end(seg);
                            self.seg = before.minus();
                        }
                    }
                    End::Line(q) => {
                        self.line_end(seg);
                        // Before a letter or digit, one break and no indent.
                        let next_alnum = p + 1 < BLOCK && alnum >> (p + 1) & 1 != 0;
                        if !next_alnum && paragraph_break(text, q) {
                            self.paragraph_end();
                            self.seg = before.minus();
                        }
                    }
                    End::Paragraph => {
                        self.line_end(seg);
                        self.paragraph_end();
                        self.seg = before.minus();
                    }
                }
                if self.seen.found {
                    return true;
                }
            }
            self.seg = self.seg.plus(Segment {
                runs: starts.count_ones(),
                other: other.count_ones(),
                sum: cum[8],
            });
            base += BLOCK;
        }
        self.line_end(self.seg);
        self.seen.found
    }

    /// A sentence ends: its fingerprint into the ring, and if it weighs
    /// twelve, with its paragraph's number into the table.
    fn sentence_end(&mut self, seg: Segment) {
        let weight = seg.weight();
        let fp = mix(mix(u64::from(seg.runs), u64::from(seg.other)), seg.sum);
        self.ring[self.ring_len % RING] = (fp, weight);
        self.ring_len += 1;
        self.sentences += 1;
        self.after_sentence = true;
        self.last_fresh = std::mem::take(&mut self.fresh);
        if weight >= SENTENCE_WORDS {
            if self.long_len < LONG_SENTENCES {
                self.seen.found |= self.long[..self.long_len].contains(&fp);
                self.long[self.long_len] = fp;
                self.long_len += 1;
            } else {
                // A long paragraph (or a text of one): by its number.
                self.seen.insert(mix(fp, self.paragraph) ^ SENTENCE_SALT);
            }
        }
    }

    /// A line break (or the end of the text) right after a sentence's end
    /// may end a paragraph to report, and the next sentence starts a line.
    /// Into the table: the last sentence alone if it started a line and
    /// weighs eight (the whole of a paragraph of one sentence), and the
    /// run of the paragraph's last sentences, two or more, that first
    /// weighs eight (the end of a longer one). Not one sentence that ends
    /// a longer paragraph: in reference text, the lead's sentence that the
    /// body repeats.
    fn line_end(&mut self, seg: Segment) {
        if !std::mem::take(&mut self.after_sentence) || seg.weight() > 0 {
            return;
        }
        self.fresh = true;
        let (fp, weight) = self.ring[(self.ring_len - 1) % RING];
        if self.last_fresh && weight >= PARAGRAPH_WORDS {
            self.seen.insert(fp ^ LINE_SALT);
        }
        let (mut h, mut total) = (0, 0);
        for i in 1..=self.sentences.min(RING) {
            let (f, w) = self.ring[(self.ring_len - i) % RING];
            h = mix(h, f);
            total += w;
            if i >= 2 && total >= PARAGRAPH_WORDS {
                self.seen.insert(h);
                return;
            }
        }
    }

    /// A paragraph break: the words after the last sentence's end (a
    /// headline's) are in no passage to report.
    fn paragraph_end(&mut self) {
        self.after_sentence = false;
        self.fresh = true;
        self.sentences = 0;
        self.long_len = 0;
        self.paragraph += 1;
    }
}

/// The sum of the folded letters and digits of bytes 0 to `to` of a
/// block whose lanes add up to `cum`: whole lanes, then the bytes of a
/// part of one.
#[inline(always)]
fn prefix_sum(b: &Block, cum: &[u64; 9], to: usize) -> u64 {
    let lanes = to / 8;
    match b.masked.get(lanes) {
        Some(&part) => cum[lanes] + byte_sum(part & ((1u64 << (8 * (to % 8))) - 1)),
        None => cum[8],
    }
}

/// The sum of the eight bytes of `x`, each below 128.
#[inline(always)]
fn byte_sum(x: u64) -> u64 {
    let pairs = (x & 0x00FF_00FF_00FF_00FF) + ((x >> 8) & 0x00FF_00FF_00FF_00FF);
    pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48
}

/// The non-ASCII bytes of the block at `base` (bits `high`): the lead
/// bytes of characters that may be in words (not general punctuation,
/// U+2000 to U+203F, nor NO-BREAK SPACE), and the last bytes of `…` and of
/// the non-ASCII line and paragraph separators, which may end a segment.
#[cold]
fn high_bytes(bytes: &[u8], base: usize, mut high: u64) -> (u64, u64) {
    let (mut other, mut ends) = (0, 0);
    while high != 0 {
        let i = high.trailing_zeros() as usize;
        high &= high - 1;
        let next = bytes.get(base + i + 1).copied();
        match bytes[base + i] {
            0xE2 if next == Some(0x80) => {}
            0xC2 if next == Some(0xA0) => {}
            0xC0.. => other |= 1 << i,
            0x85 | 0xA6 | 0xA8 | 0xA9 => ends |= 1 << i,
            _ => {}
        }
    }
    (other, ends)
}

/// What the byte at `p`, found as a possible end, is: a sentence's end
/// (not a `.` between digits, inside a number), a line break (from the
/// start of its character) or a paragraph break for sure; or none.
#[inline(always)]
fn end_at(bytes: &[u8], p: usize) -> Option<End> {
    let before = |n: usize, b: &[u8]| p >= n && &bytes[p - n..p] == b;
    match bytes[p] {
        b'.' if p > 0
            && bytes[p - 1].is_ascii_digit()
            && bytes.get(p + 1).is_some_and(u8::is_ascii_digit) =>
        {
            None
        }
        b'.' | b'!' | b'?' => Some(End::Sentence),
        0x0C => Some(End::Paragraph),
        b'\n' | b'\r' => Some(End::Line(p)),
        // NEXT LINE, LINE SEPARATOR, PARAGRAPH SEPARATOR, `…`.
        0x85 if before(1, &[0xC2]) => Some(End::Line(p - 1)),
        0xA8 if before(2, &[0xE2, 0x80]) => Some(End::Line(p - 2)),
        0xA9 if before(2, &[0xE2, 0x80]) => Some(End::Paragraph),
        0xA6 if before(2, &[0xE2, 0x80]) => Some(End::Sentence),
        _ => None,
    }
}

/// Whether the white space from the line break at `p` to the next token
/// is a paragraph break as the tokenizer reads it. From the first line
/// break of a run of white space, it is the run's kind; from a later one,
/// a paragraph break only if the run is one.
fn paragraph_break(text: &str, p: usize) -> bool {
    let bytes = text.as_bytes();
    // The usual cases at once: a second line break, or an indent of two
    // columns (a tab is four), or a character that is no white space.
    let q = p + usize::from(bytes[p] == b'\r' && bytes.get(p + 1) == Some(&b'\n'));
    match bytes.get(q + 1..q + 3) {
        Some([b'\n' | b'\t', _] | [b' ', b' ' | b'\t']) => return true,
        Some([b'!'..=b'~', _]) => return false,
        _ => {}
    }
    let rest = text.get(p..).unwrap_or_default();
    space_kind(rest.chars().take_while(|&c| is_space_char(c))) == TokenKind::ParagraphBreak
}

/// A set of fingerprints: open addressing over a table of a power of two
/// slots, zero for an empty one.
struct Fingerprints {
    slots: Vec<u64>,
    /// A fingerprint was added twice, or too many were added.
    found: bool,
    /// The slots in use, to empty the table in the time it was filled.
    filled: Vec<u32>,
}

impl Fingerprints {
    /// The set, in `spare` (all zero) if there is one.
    fn new(spare: Option<Fingerprints>) -> Fingerprints {
        spare.unwrap_or_else(|| Fingerprints {
            slots: vec![0; 256],
            found: false,
            filled: Vec::new(),
        })
    }

    fn len(&self) -> usize {
        self.filled.len()
    }

    /// Empty the table.
    fn clear(&mut self) {
        for &i in &self.filled {
            self.slots[i as usize] = 0;
        }
        self.filled.clear();
        self.found = false;
    }

    /// Add `h`; if it was there (or the table is full), note it.
    #[inline]
    fn insert(&mut self, h: u64) {
        if self.len() >= MAX_RUNS {
            self.found = true;
            return;
        }
        // Never zero, the mark of an empty slot.
        let h = h | 1;
        if 2 * (self.len() + 1) > self.slots.len() {
            let grown = vec![0; 2 * self.slots.len()];
            let old = std::mem::replace(&mut self.slots, grown);
            self.filled.clear();
            for k in old.into_iter().filter(|&k| k != 0) {
                self.put(k);
            }
        }
        if !self.put(h) {
            self.found = true;
        }
    }

    fn put(&mut self, h: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = h;
                    self.filled.push(i as u32);
                    return true;
                }
                k if k == h => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// [`Block`] of 64 bytes: 32 at a time with `AVX2` (which the caller must
/// have checked the CPU has), else 16 at a time with SSE2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify<const V: u8>(chunk: &[u8; BLOCK]) -> Block {
    if V == AVX2 {
        // SAFETY: with `AVX2`, the CPU has it.
        return unsafe { classify_avx2(chunk) };
    }
    classify_sse2(chunk)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn classify<const V: u8>(chunk: &[u8; BLOCK]) -> Block {
    classify_portable(chunk)
}

/// [`Block`] of 64 bytes, 32 at a time.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn classify_avx2(chunk: &[u8; BLOCK]) -> Block {
    use std::arch::x86_64::*;
    // SAFETY: the two loads read 32 bytes each inside `chunk` and need no
    // alignment; the stores write 4 lanes each inside `lanes` and `masked`.
    unsafe {
        let lo = half_avx2(_mm256_loadu_si256(chunk.as_ptr().cast()));
        let hi = half_avx2(_mm256_loadu_si256(chunk.as_ptr().add(32).cast()));
        let join = |l: u32, h: u32| u64::from(opaque(l)) | u64::from(opaque(h)) << 32;
        let mut b = Block {
            letters: join(lo.letters, hi.letters),
            digits: join(lo.digits, hi.digits),
            high: join(lo.high, hi.high),
            ends: join(lo.ends, hi.ends),
            breaks: join(lo.breaks, hi.breaks),
            lanes: [0; 8],
            masked: [0; 8],
            total: 0,
        };
        let sums = _mm256_add_epi64(lo.sums, hi.sums);
        let sums = _mm_add_epi64(
            _mm256_castsi256_si128(sums),
            _mm256_extracti128_si256(sums, 1),
        );
        b.total = (_mm_cvtsi128_si64(sums) + _mm_extract_epi64(sums, 1)) as u64;
        _mm256_storeu_si256(b.lanes.as_mut_ptr().cast(), lo.sums);
        _mm256_storeu_si256(b.lanes.as_mut_ptr().add(4).cast(), hi.sums);
        _mm256_storeu_si256(b.masked.as_mut_ptr().cast(), lo.masked);
        _mm256_storeu_si256(b.masked.as_mut_ptr().add(4).cast(), hi.masked);
        b
    }
}

/// `x`, which LLVM cannot see through. Joining two 32-bit masks, it would
/// fold them into one mask of 64 booleans, which without AVX-512 it takes
/// apart a bit at a time; this keeps them numbers, at no cost.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn opaque(mut x: u32) -> u32 {
    // SAFETY: an empty template: no instruction, no memory, no stack.
    unsafe { std::arch::asm!("/* {0:e} */", inout(reg) x, options(pure, nomem, nostack)) };
    x
}

/// The masks of 32 bytes, and their letters and digits folded and summed.
#[cfg(target_arch = "x86_64")]
struct Half {
    letters: u32,
    digits: u32,
    high: u32,
    ends: u32,
    breaks: u32,
    masked: std::arch::x86_64::__m256i,
    sums: std::arch::x86_64::__m256i,
}

/// [`Half`] of the 32 bytes `v`. No closures here: they would be compiled
/// without AVX2.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn half_avx2(v: std::arch::x86_64::__m256i) -> Half {
    use std::arch::x86_64::*;
    // As in `classify_sse2`.
    let folded = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
    let moved = _mm256_add_epi8(folded, _mm256_set1_epi8(0x80u8.wrapping_sub(b'a') as i8));
    let letters = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26), moved);
    let moved = _mm256_add_epi8(v, _mm256_set1_epi8(0x80u8.wrapping_sub(b'0') as i8));
    let digits = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 10), moved);
    let dot = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'.' as i8));
    let bang = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'!' as i8));
    let question = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'?' as i8));
    let feed = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x0C));
    let ends = _mm256_or_si256(_mm256_or_si256(dot, bang), _mm256_or_si256(question, feed));
    let lf = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\n' as i8));
    let cr = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\r' as i8));
    let masked = _mm256_and_si256(folded, _mm256_or_si256(letters, digits));
    Half {
        letters: _mm256_movemask_epi8(letters) as u32,
        digits: _mm256_movemask_epi8(digits) as u32,
        high: _mm256_movemask_epi8(v) as u32,
        ends: _mm256_movemask_epi8(ends) as u32,
        breaks: _mm256_movemask_epi8(_mm256_or_si256(lf, cr)) as u32,
        masked,
        sums: _mm256_sad_epu8(masked, _mm256_setzero_si256()),
    }
}

/// [`Block`] of 64 bytes, 16 at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify_sse2(chunk: &[u8; BLOCK]) -> Block {
    use std::arch::x86_64::*;
    let mut b = Block::default();
    for i in 0..BLOCK / 16 {
        // SAFETY: SSE2 is part of the x86_64 baseline, so its intrinsics
        // are always available; the 16 bytes `_mm_loadu_si128` reads from
        // 16 * i are inside `chunk`, and it needs no alignment;
        // `_mm_storeu_si128` writes 2 lanes from 2 * i, inside `b.lanes` and
        // `b.masked`.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * i).cast());
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * i);
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            // Fold case, then move 'a'..='z' to -128..=-103, the bottom of
            // the signed range: one signed comparison tests both ends.
            let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let moved = _mm_add_epi8(folded, _mm_set1_epi8(0x80u8.wrapping_sub(b'a') as i8));
            let letters = _mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 26));
            let moved = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(b'0') as i8));
            let digits = _mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 10));
            let ends = _mm_or_si128(
                _mm_or_si128(is(b'.'), is(b'!')),
                _mm_or_si128(is(b'?'), is(0x0C)),
            );
            b.letters |= bits(letters);
            b.digits |= bits(digits);
            // Signed, non-ASCII bytes are negative: their top bit is set.
            b.high |= bits(v);
            b.ends |= bits(ends);
            b.breaks |= bits(_mm_or_si128(is(b'\n'), is(b'\r')));
            // Digits have bit 5 set already: `folded` keeps them.
            let alnum = _mm_or_si128(letters, digits);
            let masked = _mm_and_si128(folded, alnum);
            _mm_storeu_si128(b.masked.as_mut_ptr().add(2 * i).cast(), masked);
            let sums = _mm_sad_epu8(masked, _mm_setzero_si128());
            _mm_storeu_si128(b.lanes.as_mut_ptr().add(2 * i).cast(), sums);
        }
    }
    b.total = b.lanes.iter().sum();
    b
}

/// [`classify`] a byte at a time: the definition, and the fallback where
/// there is no SSE2.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_portable(chunk: &[u8; BLOCK]) -> Block {
    let mut b = Block::default();
    for (i, &c) in chunk.iter().enumerate() {
        let bit = 1u64 << i;
        let set = |mask: &mut u64, yes: bool| *mask |= if yes { bit } else { 0 };
        set(&mut b.letters, c.is_ascii_alphabetic());
        set(&mut b.digits, c.is_ascii_digit());
        set(&mut b.high, c >= 0x80);
        set(&mut b.ends, matches!(c, b'.' | b'!' | b'?' | 0x0C));
        set(&mut b.breaks, matches!(c, b'\n' | b'\r'));
        if c.is_ascii_alphanumeric() {
            b.lanes[i / 8] += u64::from(c | 0x20);
            b.masked[i / 8] |= u64::from(c | 0x20) << (8 * (i % 8));
        }
    }
    b.total = b.lanes.iter().sum();
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every byte value, and of text.
    fn blocks() -> Vec<[u8; BLOCK]> {
        let mut out: Vec<[u8; BLOCK]> = (0..4)
            .map(|k| std::array::from_fn(|i| (64 * k + i) as u8))
            .collect();
        let text = "The Council met.\nIt said: \"No!\" 3.5 km… Café?\r\n\x0c\u{a0}ok  ";
        let mut buf = [b' '; BLOCK];
        buf[..text.len()].copy_from_slice(text.as_bytes());
        out.push(buf);
        out
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_vector_classifiers_agree_with_the_definition() {
        for chunk in blocks() {
            let want = classify_portable(&chunk);
            assert_eq!(classify_sse2(&chunk), want, "{chunk:?}");
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: this CPU has AVX2.
                assert_eq!(unsafe { classify_avx2(&chunk) }, want, "{chunk:?}");
            }
        }
    }

    const P: &str = "The council voted on Tuesday to close the old library on Mill Street.";
    const Q: &str = "Residents had campaigned for two years to keep the building open.";

    #[test]
    fn a_paragraph_twice_gives_a_hint_however_laid_out() {
        assert!(!hint(&format!("{P}\n\n{Q}\n")));
        // In any case, wrapping or spacing, at any offset.
        let wrapped = "THE COUNCIL voted on Tuesday, to close the old\nlibrary on  Mill-Street.";
        for pad in 0..70 {
            let text = format!("{}\n\n{P}\n\n{Q}\n\n{wrapped}\n", "x ".repeat(pad));
            assert!(hint(&text), "{pad}");
        }
        // A paragraph of two sentences, and one a line.
        assert!(hint(&format!("{P} {Q}\n\nMore.\n\n{P}\n{Q}")));
        assert!(hint(&format!("{P} {Q}\nMore.\n{P} {Q}\n")));
    }

    #[test]
    fn every_build_gives_the_same_hint() {
        for text in [
            format!("{P}\n\n{Q}\n\n{P}\n"),
            format!("{P} {Q}\n\nIt rained. {P}\n"),
            format!("x\n\n{P}\u{2029}{Q}\r\n\r\n{}", P.to_uppercase()),
        ] {
            assert_eq!(hint_with::<SSE2>(&text), hint(&text), "{text}");
        }
    }

    #[test]
    fn a_long_sentence_twice_gives_a_hint_only_in_one_paragraph() {
        assert!(hint(&format!("{P} {Q} {P} It rained.\n")));
        // A lead that the body repeats, a short sentence, an abbreviation.
        assert!(!hint(&format!("{P} {Q}\n\nIt rained. {P} It rained.\n")));
        assert!(!hint(&format!(
            "Mr. Smith. {P} Mr. Jones. {Q} Thanks.\n\nThanks.\n"
        )));
    }

    #[test]
    fn ends_are_the_tokenizers() {
        let text = "a\n\nb\n  c\nd\r\n\r\ne\u{2029}f\x0cg\n \u{a0}\nh. 3.5 i… j";
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        let breaks: Vec<usize> = (0..text.len())
            .filter(|&p| matches!(text.as_bytes()[p], b'\n' | b'\r'))
            .filter(|&p| paragraph_break(text, p))
            .collect();
        // From each first line break of a paragraph break, and from later
        // ones in it that start one too.
        assert!(breaks.contains(&at("\n\nb")));
        assert!(breaks.contains(&at("\n  c")));
        assert!(!breaks.contains(&at("\nd")));
        assert!(breaks.contains(&at("\r\n\r\ne")));
        assert!(breaks.contains(&at("\n \u{a0}\nh")));
        let bytes = text.as_bytes();
        assert!(matches!(
            end_at(bytes, at("\u{2029}") + 2),
            Some(End::Paragraph)
        ));
        assert!(matches!(end_at(bytes, at("\x0c")), Some(End::Paragraph)));
        assert!(matches!(end_at(bytes, at(". 3")), Some(End::Sentence)));
        assert!(end_at(bytes, at(".5")).is_none());
        assert!(matches!(end_at(bytes, at("…") + 2), Some(End::Sentence)));
    }
}
