//! The tokenizer: `&str` in, zero-copy tokens with byte spans out.
//!
//! Built from `nom` parsers, one per token kind, driven by [`Tokens`], an
//! iterator that allocates nothing: every token borrows its text from the
//! input and records where it starts.
//!
//! The `nom` parsers define the behaviour. The engine's [`tokenize_words`]
//! reads plain ASCII faster, 64 bytes at a time from bit masks (see
//! `Window`), and hands the parsers every token a non-ASCII character may
//! start or extend; tests and the `tokenize` fuzz target hold the two to
//! the same tokens.
//!
//! # Token kinds
//!
//! * **Word**: a run of Unicode letters and combining marks (so `e` + U+0301
//!   stays one word). An apostrophe (`'` or `’`), a ZERO WIDTH JOINER or
//!   NON-JOINER, or a SOFT HYPHEN is kept *inside* a word when a letter follows
//!   it (`don't`, `O’Brien`). Digits are not part of words: `mp3` is the word
//!   `mp` followed by the number `3`.
//! * **Hyphens are never part of a word.** `well-known` is `well`, `-`, `known`.
//!   Rules that care about compounds ("a U-turn") look at the adjacent tokens;
//!   this keeps every word a dictionary candidate and the tokenizer simple.
//! * **Number**: digits, with `,` or `.` between digit groups (`1,234.5`), a
//!   vulgar fraction (`3½`, `½`), a FRACTION SLASH (`1⁄4`), and a hyphen or en
//!   dash between digits (`10-15`, `1987–88`) to keep ranges in one token.
//! * **Space**: horizontal white space, including NO-BREAK SPACE and the
//!   zero-width separators U+200B, U+2060 and U+FEFF (so a byte-order mark is
//!   a Space token at offset 0).
//! * **LineBreak**: a white-space run holding exactly one line break (`\n`,
//!   `\r\n`, `\r`, U+2028, U+0085).
//! * **ParagraphBreak**: a white-space run holding two or more line breaks, or
//!   U+2029 or a form feed (a page break), or one line break followed by an
//!   indent of two or more columns
//!   (newswire style, where a paragraph starts on an indented line).
//! * **Punct**: one punctuation character (`.`, `,`, `"`, `’`, `—`, `(`, ...).
//! * **Symbol**: anything else, one cluster at a time: a symbol or emoji with the
//!   combining marks, variation selectors, skin-tone modifiers and
//!   ZWJ-joined parts that follow it (`👩‍👩‍👧` is one Symbol token).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::take_while1,
    character::complete::{anychar, satisfy},
    combinator::recognize,
    multi::many0_count,
    sequence::{pair, preceded},
};

/// The most tokens a rule reads before the first token of a finding or
/// after the last token it decides from. A large file is checked in chunks
/// with more context than this on each side (the engine keeps 512 tokens,
/// the chunking tests and fuzz target 64), so a scan that stops within
/// `REACH` tokens sees the same tokens whether the file is whole or cut:
/// any look-back or look-ahead that could otherwise run on (to the start
/// of a sentence, over a run of brackets) must stop here.
pub const REACH: usize = 48;

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Space,
    LineBreak,
    ParagraphBreak,
    Punct,
    Symbol,
}

/// One token: its kind, its text (borrowed from the input) and its byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    /// Byte offset of the first byte of `text` in the tokenized input.
    pub start: usize,
    /// Whether `text` is all ASCII: known for free while tokenizing, and it
    /// spares the rules a scan of each word for their ASCII fast paths.
    pub ascii: bool,
}

impl<'a> Token<'a> {
    /// Byte offset one past the last byte.
    #[inline]
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
    #[inline]
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end()
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    #[inline]
    pub fn is_space(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Space | TokenKind::LineBreak | TokenKind::ParagraphBreak
        )
    }
}

/// Tokenize `text`. The iterator allocates nothing.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// Append the tokens of `text` to `out`: what [`tokenize`] yields, in one
/// tight loop.
pub fn tokenize_into<'a>(text: &'a str, out: &mut Vec<Token<'a>>) {
    tokenize_some(text, 0, out, usize::MAX);
}

/// Append the tokens of `text` from byte `pos` (a token boundary) to `out`
/// until `out` holds `limit` tokens or the text ends. Returns the byte
/// offset where tokenizing stopped: `text.len()` at the end, otherwise the
/// start of the next token. Offsets are into the whole `text`.
pub fn tokenize_some<'a>(
    text: &'a str,
    pos: usize,
    out: &mut Vec<Token<'a>>,
    limit: usize,
) -> usize {
    tokenize_with::<false>(text, pos, out, &mut Vec::new(), limit)
}

/// [`tokenize_some`], also appending to `words` the index in `out` of each
/// word token: the list the rules read ([`crate::rule::Context::words`]),
/// made in the same pass. Indices must fit in a `u32` (the engine's chunks
/// are far smaller).
pub fn tokenize_words<'a>(
    text: &'a str,
    pos: usize,
    out: &mut Vec<Token<'a>>,
    words: &mut Vec<u32>,
    limit: usize,
) -> usize {
    tokenize_with::<true>(text, pos, out, words, limit)
}

/// [`tokenize_some`], and with `WORDS`, [`tokenize_words`].
#[inline(always)]
fn tokenize_with<'a, const WORDS: bool>(
    text: &'a str,
    mut pos: usize,
    out: &mut Vec<Token<'a>>,
    words: &mut Vec<u32>,
    limit: usize,
) -> usize {
    // A window at a time, while a window's worth of tokens fits under
    // `limit`; then one at a time.
    pos = run_windows::<WORDS>(text, pos, out, words, limit);
    while out.len() < limit && pos < text.len() {
        let rest = &text[pos..];
        let (kind, len, ascii) = slow_token(rest);
        if WORDS && kind == TokenKind::Word {
            words.push(out.len() as u32);
        }
        out.push(Token {
            kind,
            text: &rest[..len],
            start: pos,
            ascii,
        });
        pos += len;
    }
    pos
}

/// The token at the start of a non-empty `rest` read without the masks:
/// byte by byte by [`ascii_token`], or by the `nom` parsers when a
/// non-ASCII byte may matter. Its kind, length and whether it is all ASCII.
#[inline(always)]
fn slow_token(rest: &str) -> (TokenKind, usize, bool) {
    match ascii_token(rest) {
        Some((kind, len)) => (kind, len, true),
        None => {
            let (kind, len) = next_token_nom(rest);
            (kind, len, rest.as_bytes()[..len].is_ascii())
        }
    }
}

/// Bytes a [`Window`] classifies at once (the width of a `u64` mask).
const WINDOW: usize = 64;

/// Sixty-four bytes of the text, classified at once into bit masks (bit
/// `i` for byte `base + i`), from which plain ASCII tokens are read a few
/// instructions each instead of a few per byte.
///
/// In ASCII, token boundaries are a matter of neighbouring bytes: a word is
/// a run of letters, with an apostrophe kept between two letters, and
/// every other byte that can follow a word or start a token alone
/// (punctuation, one white-space byte) is a token of one byte. The rest
/// (numbers, runs of white space, symbols) is read byte by byte by
/// [`ascii_token`], and non-ASCII by the `nom` parsers, as is any token
/// whose end a non-ASCII byte might move (`café`, `don’t`, a space before
/// a NO-BREAK SPACE).
struct Window {
    /// Where tokens start, by the ASCII rules: every byte but the second
    /// and later bytes of a word.
    starts: u64,
    /// Where a token may not end even though `starts` says so: before a
    /// non-ASCII byte, after white space that white space, a control
    /// character or a non-ASCII byte follows, at the last byte (whose class
    /// may depend on the byte after the window), and one past the end of
    /// the text.
    unsure: u64,
    /// Spaces that are a token alone, the end of which is sure.
    spaces: u64,
}

/// Bit masks of byte classes over 64 bytes, bit `i` for byte `i`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Classes {
    /// ASCII letters.
    alpha: u64,
    /// Apostrophes (`'`).
    quote: u64,
    /// Spaces (` `).
    space: u64,
    /// Control characters, space and non-ASCII bytes (`< 0x21` or `>= 0x80`).
    low: u64,
    /// Non-ASCII bytes.
    high: u64,
}

impl Window {
    /// The window of `bytes` from `base` (a token boundary, before the end).
    #[inline(always)]
    fn new<const AVX2: bool>(bytes: &[u8], base: usize) -> Window {
        let c = match bytes[base..].first_chunk::<WINDOW>() {
            Some(chunk) => classify::<AVX2>(chunk),
            None => {
                // Zeros after the end: no word runs on into them, and as
                // white space before white space they make every end
                // past the end of the text unsure.
                let tail = &bytes[base..];
                let mut buf = [0u8; WINDOW];
                buf[..tail.len()].copy_from_slice(tail);
                classify::<AVX2>(&buf)
            }
        };
        // Byte 0 is a token boundary: no letter before it counts.
        let word = c.alpha | (c.quote & (c.alpha << 1) & (c.alpha >> 1));
        let starts = !(word & (word << 1));
        // A white-space byte is a token alone only when no white space
        // (nor a control character, nor non-ASCII) follows.
        let blank = c.low & !c.high;
        let unsure = c.high | (c.quote & (c.high >> 1)) | ((blank & (c.low >> 1)) << 1) | (1 << 63);
        // After a space, a token starts.
        let spaces = c.space & !(unsure >> 1);
        Window {
            starts,
            unsure,
            spaces,
        }
    }

    /// The ends of the tokens after a token boundary at bit `p` (< 63) that
    /// the masks vouch for, in order, up to the first unsure end; and
    /// whether that is the window's edge.
    #[inline(always)]
    fn ends_after(&self, p: usize) -> (u64, bool) {
        let above = !1u64 << p;
        let lim = (self.unsure & above).trailing_zeros();
        (self.starts & above & ((1u64 << lim) - 1), lim == 63)
    }
}

/// Append the tokens of `text` from `pos` (a token boundary) to `out`, and
/// with `WORDS` the indices of the words to `words`, a window at a time,
/// until a window's worth of tokens would pass `limit` or the text ends.
/// Returns where it stopped.
///
/// Words, punctuation and single white-space bytes come from the window's
/// masks; numbers, runs of white space and symbols from [`ascii_token`];
/// the rest from the `nom` parsers.
#[inline(never)]
fn run_windows<'a, const WORDS: bool>(
    text: &'a str,
    pos: usize,
    out: &mut Vec<Token<'a>>,
    words: &mut Vec<u32>,
    limit: usize,
) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: this CPU has AVX2.
        return unsafe { run_windows_avx2::<WORDS>(text, pos, out, words, limit) };
    }
    run_windows_with::<WORDS, false>(text, pos, out, words, limit)
}

/// [`run_windows`] compiled for AVX2, which classifies a window in half the
/// instructions.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn run_windows_avx2<'a, const WORDS: bool>(
    text: &'a str,
    pos: usize,
    out: &mut Vec<Token<'a>>,
    words: &mut Vec<u32>,
    limit: usize,
) -> usize {
    run_windows_with::<WORDS, true>(text, pos, out, words, limit)
}

/// [`run_windows`], with AVX2 or not.
#[inline(always)]
fn run_windows_with<'a, const WORDS: bool, const AVX2: bool>(
    text: &'a str,
    mut pos: usize,
    out: &mut Vec<Token<'a>>,
    words: &mut Vec<u32>,
    limit: usize,
) -> usize {
    let bytes = text.as_bytes();
    // Tokens are written straight into `out`'s spare capacity (and word
    // indices into `words`'), with no capacity check each: every token a
    // window gives starts in its first 63 bytes, so room for 64 more is
    // made before each window. The lengths are set when done.
    let mut count = out.len();
    let mut word_count = words.len();
    let (mut room, mut word_room) = (0, 0);
    let mut dst = out.as_mut_ptr();
    let mut word_dst = words.as_mut_ptr();
    while pos < bytes.len() && limit.saturating_sub(count) >= WINDOW {
        if count + WINDOW > room || (WORDS && word_count + WINDOW > word_room) {
            // SAFETY: the first `count` tokens and `word_count` words were
            // written (by the caller or below).
            unsafe {
                out.set_len(count);
                words.set_len(word_count);
            }
            out.reserve(WINDOW);
            words.reserve(if WORDS { WINDOW } else { 0 });
            (room, word_room) = (out.capacity(), words.capacity());
            // SAFETY: `count` is `out`'s length.
            dst = unsafe { out.as_mut_ptr().add(count) };
            word_dst = words.as_mut_ptr();
        }
        let base = pos;
        let win = Window::new::<AVX2>(bytes, base);
        // Write a token (and a word index) at the next place.
        macro_rules! emit {
            ($kind:expr, $text:expr, $start:expr, $ascii:expr) => {{
                let token = Token {
                    kind: $kind,
                    text: $text,
                    start: $start,
                    ascii: $ascii,
                };
                let kind = token.kind;
                // SAFETY: there is room (see above).
                unsafe {
                    dst.write(token);
                    dst = dst.add(1);
                    if WORDS {
                        // Written always, kept only for a word: no branch.
                        word_dst.add(word_count).write(count as u32);
                    }
                }
                word_count += usize::from(WORDS && kind == TokenKind::Word);
                count += 1;
            }};
        }
        let (mut ends, mut edge) = win.ends_after(0);
        loop {
            if ends != 0 {
                let end = base + ends.trailing_zeros() as usize;
                // SAFETY: `end` is at most the end of the text (`unsure`
                // has a bit one past it), so `pos` is before it.
                debug_assert!(pos < end && end <= bytes.len());
                let byte = unsafe { *bytes.get_unchecked(pos) };
                if let Some(kind) = FAST_KIND[usize::from(byte)] {
                    // SAFETY: bytes `pos..end` are in the text and ASCII: a
                    // run of word bytes (letters and apostrophes), or one
                    // byte that `FAST_KIND` knows.
                    emit!(kind, unsafe { text.get_unchecked(pos..end) }, pos, true);
                    pos = end;
                    ends &= ends - 1;
                    // The commonest next token, a single space, at once.
                    if (win.spaces >> (end - base)) & 1 != 0 {
                        // SAFETY: byte `end` is a space in the text, and
                        // there is room (see above).
                        unsafe {
                            dst.write(Token {
                                kind: TokenKind::Space,
                                text: text.get_unchecked(end..end + 1),
                                start: end,
                                ascii: true,
                            });
                            dst = dst.add(1);
                        }
                        count += 1;
                        pos = end + 1;
                        ends &= ends - 1;
                    }
                    continue;
                }
            }
            // At the window's edge, a fresh window from here, unless
            // this one made no progress (a very long word).
            if pos >= bytes.len() || (edge && ends == 0 && pos != base) {
                break;
            }
            // A token the masks do not vouch for: byte by byte, or with
            // the `nom` parsers when a non-ASCII byte may matter. The
            // masks still hold after it: it ends at a token boundary.
            let rest = &text[pos..];
            let (kind, len, ascii) = slow_token(rest);
            emit!(kind, &rest[..len], pos, ascii);
            pos += len;
            if pos - base >= WINDOW - 1 {
                break;
            }
            (ends, edge) = win.ends_after(pos - base);
        }
    }
    // SAFETY: the first `count` tokens and `word_count` words were written.
    unsafe {
        out.set_len(count);
        words.set_len(word_count);
    }
    pos
}

/// The kind of an ASCII token by its first byte, where the window may
/// read it: words, punctuation, and white space of one byte.
static FAST_KIND: [Option<TokenKind>; 256] = {
    let mut t = [None; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = match CLASS[i] {
            ALPHA => Some(TokenKind::Word),
            PUNCT => Some(TokenKind::Punct),
            _ => match i as u8 {
                b' ' | b'\t' | 0x0B => Some(TokenKind::Space),
                b'\n' | b'\r' => Some(TokenKind::LineBreak),
                0x0C => Some(TokenKind::ParagraphBreak),
                _ => None,
            },
        };
        i += 1;
    }
    t
};

/// [`Classes`] of 64 bytes: 32 at a time with `AVX2` (which the caller
/// must have checked the CPU has), else 16 at a time with SSE2 (always
/// there on x86_64).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify<const AVX2: bool>(chunk: &[u8; WINDOW]) -> Classes {
    if AVX2 {
        // SAFETY: with `AVX2`, the CPU has it.
        return unsafe { classify_avx2(chunk) };
    }
    classify_sse2(chunk)
}

/// [`Classes`] of 64 bytes, 32 at a time.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn classify_avx2(chunk: &[u8; WINDOW]) -> Classes {
    use std::arch::x86_64::*;
    let mut c = Classes::default();
    for i in 0..WINDOW / 32 {
        // SAFETY: the 32 bytes `_mm256_loadu_si256` reads from 32 * i are
        // inside `chunk`, and it needs no alignment.
        let v = unsafe { _mm256_loadu_si256(chunk.as_ptr().add(32 * i).cast()) };
        // As in `classify_sse2`.
        let folded = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
        let moved = _mm256_add_epi8(folded, _mm256_set1_epi8(0x80u8.wrapping_sub(b'a') as i8));
        let alpha = _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26), moved);
        let quote = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\'' as i8));
        let space = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8));
        let low = _mm256_cmpgt_epi8(_mm256_set1_epi8(b'!' as i8), v);
        let shift = 32 * i;
        c.alpha |= u64::from(_mm256_movemask_epi8(alpha) as u32) << shift;
        c.quote |= u64::from(_mm256_movemask_epi8(quote) as u32) << shift;
        c.space |= u64::from(_mm256_movemask_epi8(space) as u32) << shift;
        c.low |= u64::from(_mm256_movemask_epi8(low) as u32) << shift;
        c.high |= u64::from(_mm256_movemask_epi8(v) as u32) << shift;
    }
    c
}

/// [`Classes`] of 64 bytes, 16 at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn classify_sse2(chunk: &[u8; WINDOW]) -> Classes {
    use std::arch::x86_64::*;
    let mut c = Classes::default();
    for i in 0..WINDOW / 16 {
        // SAFETY: SSE2 is part of the x86_64 baseline, so its intrinsics
        // are always available; the 16 bytes `_mm_loadu_si128` reads from
        // 16 * i are inside `chunk`, and it needs no alignment.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * i).cast());
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * i);
            // Fold case, then move 'a'..='z' to -128..=-103, the bottom of
            // the signed range: one signed comparison tests both ends.
            let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let moved = _mm_add_epi8(folded, _mm_set1_epi8(0x80u8.wrapping_sub(b'a') as i8));
            c.alpha |= bits(_mm_cmplt_epi8(moved, _mm_set1_epi8(-128 + 26)));
            c.quote |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8)));
            c.space |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8)));
            // Signed, non-ASCII bytes are negative: below b'!' too.
            c.low |= bits(_mm_cmplt_epi8(v, _mm_set1_epi8(b'!' as i8)));
            c.high |= bits(v);
        }
    }
    c
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn classify<const AVX2: bool>(chunk: &[u8; WINDOW]) -> Classes {
    classify_portable(chunk)
}

/// [`classify`] a byte at a time: the definition, and the fallback where
/// there is no SSE2.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_portable(chunk: &[u8; WINDOW]) -> Classes {
    let mut c = Classes::default();
    for (i, &b) in chunk.iter().enumerate() {
        let bit = 1u64 << i;
        let set = |mask: &mut u64, yes: bool| *mask |= if yes { bit } else { 0 };
        set(&mut c.alpha, b.is_ascii_alphabetic());
        set(&mut c.quote, b == b'\'');
        set(&mut c.space, b == b' ');
        set(&mut c.low, b <= b' ' || b >= 0x80);
        set(&mut c.high, b >= 0x80);
    }
    c
}

/// The class of byte `i` of `b`; past the end, a class that ends any token.
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> u8 {
    b.get(i).map_or(OTHER, |&c| CLASS[c as usize])
}

/// The length of the ASCII word at the start of `s` (which starts with a
/// letter), or `None` when a non-ASCII character may continue it.
#[inline(always)]
fn ascii_word(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = letters_from(b, 1);
    loop {
        match b.get(i) {
            Some(b'\'') => match class_at(b, i + 1) {
                ALPHA => i = letters_from(b, i + 2),
                HIGH if is_word_char(char_at(s, i + 1)) => return None,
                _ => return Some(i),
            },
            Some(c) if *c >= 0x80 => {
                let c = char_at(s, i);
                return (!is_word_char(c) && !is_word_joiner(c)).then_some(i);
            }
            _ => return Some(i),
        }
    }
}

/// The character at byte `i` of `s` (a character boundary before the end).
#[inline]
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The offset of the first byte at or after `i` that is not an ASCII
/// letter (or `b.len()`): eight bytes at a time while they last (a word
/// is five letters on average, so usually one step).
#[inline(always)]
fn letters_from(b: &[u8], mut i: usize) -> usize {
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Per byte: fold case, drop the top bit (no carries), and test
        // 'a' <= y <= 'z'; a letter also had its top bit clear.
        let y = (x | 0x2020_2020_2020_2020) & !HI;
        let at_least_a = y.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
        let past_z = y.wrapping_add(0x0505_0505_0505_0505);
        let not_letter = (!at_least_a | past_z | x) & HI;
        if not_letter != 0 {
            return i + (not_letter.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while class_at(b, i) == ALPHA {
        i += 1;
    }
    i
}

/// Iterator over the tokens of a text; see [`tokenize`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Token<'a>> {
        let rest = &self.text[self.pos..];
        if rest.is_empty() {
            return None;
        }
        let (kind, len) = next_token(rest);
        let tok = Token {
            kind,
            text: &rest[..len],
            start: self.pos,
            ascii: rest[..len].is_ascii(),
        };
        self.pos += len;
        Some(tok)
    }
}

/// Classify and measure the token at the start of a non-empty `input`.
///
/// Most tokens in English copy are plain ASCII: they are scanned byte by
/// byte here. Whenever a non-ASCII byte could change the result, the token
/// is parsed again by the `nom` parsers below, which define the behaviour.
#[inline]
fn next_token(input: &str) -> (TokenKind, usize) {
    ascii_token(input).unwrap_or_else(|| next_token_nom(input))
}

const OTHER: u8 = 0;
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 3;
const PUNCT: u8 = 4;
const HIGH: u8 = 5;

/// The class of each byte, for the ASCII fast path.
static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            HIGH
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b' ' | b'\t' | 0x0B | b'\n' | b'\r' | 0x0C) {
            SPACE
        } else if is_punct(b as char) {
            PUNCT
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// The token at the start of a non-empty `s` when it is ASCII, or `None`
/// when it is not, or when the non-ASCII character after it may continue
/// it (by the rules of the `nom` parsers): then they are necessary.
#[inline]
fn ascii_token(s: &str) -> Option<(TokenKind, usize)> {
    let b = s.as_bytes();
    // The class of the byte at `i`; past the end, a byte that ends any token.
    let class = |i: usize| b.get(i).map_or(OTHER, |&c| CLASS[c as usize]);
    // Whether the non-ASCII character at `i`, if any, ends the token.
    let ends =
        |i: usize, continues: fn(char) -> bool| class(i) != HIGH || !continues(char_at(s, i));
    match CLASS[b[0] as usize] {
        ALPHA => ascii_word(s).map(|len| (TokenKind::Word, len)),
        DIGIT => {
            let mut i = 1;
            loop {
                while class(i) == DIGIT {
                    i += 1;
                }
                match b.get(i) {
                    Some(b',' | b'.' | b'-') if class(i + 1) == DIGIT => i += 2,
                    _ => {
                        let more = |c| is_vulgar_fraction(c) || matches!(c, '–' | '\u{2044}');
                        return ends(i, more).then_some((TokenKind::Number, i));
                    }
                }
            }
        }
        SPACE => {
            if b[0] == b' ' && class(1) != SPACE {
                return ends(1, is_space_char).then_some((TokenKind::Space, 1));
            }
            let mut i = 1;
            while class(i) == SPACE {
                i += 1;
            }
            ends(i, is_space_char).then(|| (space_kind(b[..i].iter().map(|&c| c as char)), i))
        }
        PUNCT => Some((TokenKind::Punct, 1)),
        HIGH => None,
        // A symbol: one character, unless an extender or a joiner follows.
        _ => {
            let more = |c| is_cluster_extender(c) || c == '\u{200D}';
            ends(1, more).then_some((TokenKind::Symbol, 1))
        }
    }
}

/// Classify and measure the token at the start of a non-empty `input` with
/// the `nom` parsers.
#[inline(never)]
#[cold]
fn next_token_nom(input: &str) -> (TokenKind, usize) {
    let first = input.chars().next().expect("non-empty input");
    let parsed: IResult<&str, TokenKind> = if is_word_char(first) {
        word.map(|_| TokenKind::Word).parse(input)
    } else if first.is_ascii_digit() || is_vulgar_fraction(first) {
        number.map(|_| TokenKind::Number).parse(input)
    } else if is_space_char(first) {
        whitespace(input)
    } else if is_punct(first) {
        anychar.map(|_| TokenKind::Punct).parse(input)
    } else {
        symbol.map(|_| TokenKind::Symbol).parse(input)
    };
    match parsed {
        Ok((rest, kind)) => (kind, input.len() - rest.len()),
        // Unreachable by construction (each branch accepts its first char),
        // but never panic on input: fall back to a one-char symbol.
        Err(_) => (TokenKind::Symbol, first.len_utf8()),
    }
}

// ---------------------------------------------------------------- words

/// A letter or a combining mark.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c)
}

/// Characters kept inside a word when a word character follows.
#[inline]
fn is_word_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '\u{200C}' | '\u{200D}' | '\u{00AD}')
}

fn word(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(is_word_char),
        many0_count(pair(satisfy(is_word_joiner), take_while1(is_word_char))),
    ))
    .parse(input)
}

// -------------------------------------------------------------- numbers

#[inline]
fn is_vulgar_fraction(c: char) -> bool {
    matches!(c, '¼' | '½' | '¾' | '\u{2150}'..='\u{215E}')
}

fn digits(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(input)
}

fn number(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        alt((digits, recognize(satisfy(is_vulgar_fraction)))),
        many0_count(alt((
            // 1,234 / 1.5 / 12,7
            preceded(satisfy(|c| c == ',' || c == '.'), digits),
            // 10-15, 1987–88
            preceded(satisfy(|c| c == '-' || c == '–'), digits),
            // 1⁄4
            preceded(satisfy(|c| c == '\u{2044}'), digits),
            // 3½
            recognize(satisfy(is_vulgar_fraction)),
        ))),
    ))
    .parse(input)
}

// ----------------------------------------------------------- white space

#[inline]
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0C}' | '\u{2028}' | '\u{2029}' | '\u{0085}'
    )
}

/// Horizontal white space, including the zero-width separators.
#[inline]
fn is_hspace(c: char) -> bool {
    match c {
        ' ' | '\t' | '\u{0B}' => true,
        _ if c.is_ascii() => false,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' => true,
        _ => c.is_whitespace() && !is_line_break(c),
    }
}

#[inline]
pub(crate) fn is_space_char(c: char) -> bool {
    is_hspace(c) || is_line_break(c)
}

fn whitespace(input: &str) -> IResult<&str, TokenKind> {
    let (rest, run) = take_while1(is_space_char).parse(input)?;
    Ok((rest, space_kind(run.chars())))
}

/// The kind of a run of white space.
pub(crate) fn space_kind(run: impl Iterator<Item = char>) -> TokenKind {
    let mut breaks = 0usize;
    let mut paragraph = false;
    let mut indent = 0usize;
    let mut prev_cr = false;
    for c in run {
        match c {
            '\n' if prev_cr => {} // the LF of a CRLF
            // A page break (form feed) or a paragraph separator always
            // ends a paragraph.
            '\u{2029}' | '\u{0C}' => paragraph = true,
            c if is_line_break(c) => {
                breaks += 1;
                indent = 0;
            }
            '\t' => indent += 4,
            _ => indent += 1,
        }
        prev_cr = c == '\r';
    }
    if paragraph || breaks >= 2 || (breaks == 1 && indent >= 2) {
        TokenKind::ParagraphBreak
    } else if breaks == 1 {
        TokenKind::LineBreak
    } else {
        TokenKind::Space
    }
}

// ------------------------------------------------- punctuation, symbols

/// Punctuation: ASCII punctuation that is not a symbol, and the common
/// Unicode punctuation blocks (dashes, quotes, ellipsis, CJK punctuation).
#[inline]
pub const fn is_punct(c: char) -> bool {
    match c {
        '!' | '"' | '#' | '%' | '&' | '\'' | '(' | ')' | '*' | ',' | '-' | '.' | '/' | ':'
        | ';' | '?' | '@' | '[' | '\\' | ']' | '_' | '{' | '}' => true,
        _ if c.is_ascii() => false,
        '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' | '\u{037E}' | '\u{0387}' => true,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' => !matches!(c, '\u{2044}' | '\u{2052}'),
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{FF01}'..='\u{FF0F}' => true,
        _ => false,
    }
}

/// Characters that attach to the symbol before them.
#[inline]
fn is_cluster_extender(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{20E3}')
        || unicode_normalization::char::is_combining_mark(c)
}

fn symbol(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        anychar,
        many0_count(alt((
            recognize(satisfy(is_cluster_extender)),
            // ZWJ sequence: the joiner and the symbol it joins.
            recognize(pair(
                satisfy(|c| c == '\u{200D}'),
                satisfy(|c| !is_space_char(c) && !is_word_char(c) && !is_punct(c)),
            )),
        ))),
    ))
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::TokenKind::*;
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, &str)> {
        tokenize(s).map(|t| (t.kind, t.text)).collect()
    }

    /// Every token is a slice of the input at its offset, and together they
    /// cover the input exactly.
    fn assert_covers(s: &str) {
        let mut pos = 0;
        for t in tokenize(s) {
            assert_eq!(t.start, pos);
            assert_eq!(&s[t.span()], t.text);
            assert!(!t.text.is_empty());
            pos = t.end();
        }
        assert_eq!(pos, s.len());
    }

    #[test]
    fn words_numbers_punct() {
        assert_eq!(
            toks("Don't stop, O’Brien."),
            vec![
                (Word, "Don't"),
                (Space, " "),
                (Word, "stop"),
                (Punct, ","),
                (Space, " "),
                (Word, "O’Brien"),
                (Punct, "."),
            ]
        );
        // A trailing apostrophe is not part of the word.
        assert_eq!(toks("players'")[1], (Punct, "'"));
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(
            toks("well-known"),
            vec![(Word, "well"), (Punct, "-"), (Word, "known")]
        );
    }

    #[test]
    fn numbers() {
        for n in [
            "1,234.5",
            "3½",
            "½",
            "1⁄4",
            "10-15",
            "1987–88",
            "12,7",
            "2015",
        ] {
            assert_eq!(toks(n), vec![(Number, n)], "{n}");
        }
        assert_eq!(toks("11th")[0], (Number, "11"));
        assert_eq!(toks("11th")[1], (Word, "th"));
        // A trailing separator is punctuation, not part of the number.
        assert_eq!(toks("10, 20")[0], (Number, "10"));
        assert_eq!(toks("10-")[0], (Number, "10"));
        assert_eq!(toks("mp3"), vec![(Word, "mp"), (Number, "3")]);
    }

    #[test]
    fn line_and_paragraph_breaks() {
        assert_eq!(toks("a\nb")[1], (LineBreak, "\n"));
        assert_eq!(toks("a\r\nb")[1], (LineBreak, "\r\n"));
        assert_eq!(toks("a\r\n\r\nb")[1], (ParagraphBreak, "\r\n\r\n"));
        assert_eq!(toks("a \n  \n b")[1], (ParagraphBreak, " \n  \n "));
        assert_eq!(toks("a\rb")[1], (LineBreak, "\r"));
        // Newswire style: a line break and an indent start a paragraph.
        assert_eq!(toks("a\n    b")[1], (ParagraphBreak, "\n    "));
        assert_eq!(toks("a\u{2029}b")[1], (ParagraphBreak, "\u{2029}"));
        assert_covers("one\r\ntwo\n\nthree\r\n");
    }

    #[test]
    fn bom_nbsp_and_zero_width() {
        assert_eq!(toks("\u{FEFF}Hi")[0], (Space, "\u{FEFF}"));
        assert_eq!(
            toks("10\u{A0}km"),
            vec![(Number, "10"), (Space, "\u{A0}"), (Word, "km")]
        );
        assert_eq!(
            toks("the\u{200B}the"),
            vec![(Word, "the"), (Space, "\u{200B}"), (Word, "the")]
        );
        // ZERO WIDTH JOINER and SOFT HYPHEN between letters stay in the word.
        assert_eq!(toks("ab\u{200D}cd"), vec![(Word, "ab\u{200D}cd")]);
        assert_eq!(toks("op\u{AD}tion"), vec![(Word, "op\u{AD}tion")]);
        assert_covers("\u{FEFF}x\u{200B}\u{2060}y\u{A0}z");
    }

    #[test]
    fn combining_marks_stay_in_words() {
        assert_eq!(
            toks("cafe\u{301} au"),
            vec![(Word, "cafe\u{301}"), (Space, " "), (Word, "au")]
        );
        // A mark at the very start still makes progress.
        assert_covers("\u{301}abc \u{301}\u{301}");
    }

    #[test]
    fn emoji_sequences_are_one_symbol() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(toks(family), vec![(Symbol, family)]);
        let thumbs = "\u{1F44D}\u{1F3FD}";
        assert_eq!(toks(thumbs), vec![(Symbol, thumbs)]);
        let flag_keycap = "1\u{FE0F}\u{20E3}";
        assert_covers(flag_keycap);
        assert_eq!(toks("£8m")[0], (Symbol, "£"));
        assert_covers("ok 👍🏽 fine ❤️ done");
    }

    #[test]
    fn right_to_left_text() {
        assert_eq!(
            toks("שלום עולם"),
            vec![(Word, "שלום"), (Space, " "), (Word, "עולם")]
        );
        // Arabic with a harakat (combining) mark, and an RLM between words.
        let ar = "كَتب \u{200F}كتب";
        assert_covers(ar);
        assert_eq!(toks(ar)[0], (Word, "كَتب"));
    }

    /// The ASCII fast path agrees with the `nom` parsers on every string
    /// of up to four characters from an alphabet of tricky ones.
    #[test]
    fn ascii_fast_path_matches_nom() {
        let alphabet = [
            'a', 'Z', '\'', '1', ',', '.', '-', ' ', '\n', '\r', '\t', '\u{0C}', '$', '(', 'é',
            '\u{A0}', '–', '½', '\u{2044}', '\u{301}', '’', '\u{200D}', '\u{FE0F}',
        ];
        let n = alphabet.len();
        let mut s = String::new();
        for len in 1..=4u32 {
            for mut k in 0..n.pow(len) {
                s.clear();
                for _ in 0..len {
                    s.push(alphabet[k % n]);
                    k /= n;
                }
                assert_eq!(next_token(&s), next_token_nom(&s), "{s:?}");
                let mut v = Vec::new();
                tokenize_into(&s, &mut v);
                assert_eq!(v, tokenize(&s).collect::<Vec<_>>(), "{s:?}");
            }
        }
    }

    /// Tokens by the `nom` parsers alone: the definition.
    fn by_nom(s: &str) -> Vec<(TokenKind, &str)> {
        let mut v = Vec::new();
        let mut pos = 0;
        while pos < s.len() {
            let (kind, len) = next_token_nom(&s[pos..]);
            v.push((kind, &s[pos..pos + len]));
            pos += len;
        }
        v
    }

    /// `tokenize_words` agrees with the `nom` parsers alone, with the right
    /// ASCII flags and offsets, and the word list made in the same pass
    /// lists exactly the word tokens; so does `tokenize_into`, and so does
    /// `tokenize_words` cut every `limit` tokens, as the engine's chunks
    /// call it.
    fn check_against_nom(s: &str, limit: usize) {
        let expected = by_nom(s);
        let (mut v, mut words) = (Vec::new(), Vec::new());
        let end = tokenize_words(s, 0, &mut v, &mut words, usize::MAX);
        assert_eq!(end, s.len(), "{s:?}");
        let fast: Vec<_> = v.iter().map(|t| (t.kind, t.text)).collect();
        assert_eq!(fast, expected, "{s:?}");
        let mut pos = 0;
        for t in &v {
            assert_eq!(t.start, pos, "{s:?}");
            assert_eq!(t.ascii, t.text.is_ascii(), "{s:?}");
            pos = t.end();
        }
        let expected_words: Vec<u32> = (0..)
            .zip(&v)
            .filter(|(_, t)| t.is_word())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(words, expected_words, "{s:?}");
        let mut all = Vec::new();
        tokenize_into(s, &mut all);
        assert_eq!(all, v, "{s:?}");
        // The windows classified with SSE2 (here AVX2 may be used).
        let (mut sse2, mut sse2_words) = (Vec::new(), Vec::new());
        run_windows_with::<true, false>(s, 0, &mut sse2, &mut sse2_words, usize::MAX);
        assert_eq!((sse2, sse2_words), (v.clone(), words.clone()), "{s:?}");
        // In pieces of `limit` tokens, each appended to the last.
        let (mut cut, mut cut_words, mut pos) = (Vec::new(), Vec::new(), 0);
        while pos < s.len() {
            let before = cut.len();
            pos = tokenize_words(s, pos, &mut cut, &mut cut_words, before + limit);
            assert!(cut.len() <= before + limit, "{s:?}");
            assert!(cut.len() == before + limit || pos == s.len(), "{s:?}");
            assert_eq!(cut.last().map_or(0, |t| t.end()), pos, "{s:?}");
        }
        assert_eq!(cut, v, "{s:?} cut every {limit}");
        assert_eq!(cut_words, words, "{s:?} cut every {limit}");
    }

    /// A deterministic stream of pseudo-random numbers (xorshift).
    fn xorshift(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Longer strings, across several 64-byte windows: the tokenizer
    /// agrees with the `nom` parsers alone, cut into chunks or not.
    #[test]
    fn long_strings_match_nom() {
        let alphabet: Vec<char> =
            "azAZm@[`{\u{7f}'19.,  \n\r\t\u{0B}\u{0C}\0$\"é’\u{301}-\u{A0}(–½\
            \u{2044}\u{200D}\u{FE0F}\u{1F44D}"
                .chars()
                .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut s = String::new();
        for round in 0..6_000 {
            s.clear();
            let len = 1 + (xorshift(&mut seed) % 300) as usize;
            // Some strings mostly letters and spaces (long runs of plain
            // tokens, long words), some with many odd characters.
            let odd = 2 + xorshift(&mut seed) % 12;
            while s.len() < len {
                let r = xorshift(&mut seed);
                let c = if r % 16 < odd {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                } else {
                    ['e', 'T', 'x', ' ', 's'][(r >> 8) as usize % 5]
                };
                s.push(c);
            }
            check_against_nom(&s, 1 + round % 70);
        }
    }

    /// Every tricky token at every offset from a window's start: a run of
    /// plain text of each length before it moves it across the windows'
    /// edges.
    #[test]
    fn window_edges_match_nom() {
        let tricky = [
            "don't",
            "don’t",
            "players' ",
            "a'",
            "'a",
            "café",
            "e\u{301}",
            "x\u{A0}y",
            "  ",
            " \n",
            "\n\n",
            "\r\n",
            "\n  x",
            "\t",
            "1,234.5",
            "10-15",
            "3½",
            "1987–88",
            "$5",
            "👍🏽",
            "a\u{200D}b",
            "x'’y",
            "\u{0C}",
            "\0",
            "ab12cd",
            "e'é",
            "word’",
            "x ’",
        ];
        let mut s = String::new();
        for t in tricky {
            for lead in 0..=130 {
                s.clear();
                for i in 0..lead {
                    // Words of 1 to 7 letters with single spaces.
                    s.push(if i % 8 == 7 { ' ' } else { 'k' });
                }
                s.push_str(t);
                s.push_str(" and then some words, to fill the windows.");
                s.push_str(t);
                check_against_nom(&s, 1 + lead % 67);
            }
        }
        // A word longer than a window, alone and between others.
        let long = "x".repeat(200);
        check_against_nom(&long, 100);
        check_against_nom(&format!("a {long} b {long}’s {long}"), 64);
    }

    /// A `limit` already reached adds nothing, window or not.
    #[test]
    fn limit_reached_adds_nothing() {
        let text = "word ".repeat(100);
        let (mut v, mut words) = (Vec::new(), Vec::new());
        tokenize_words(&text, 0, &mut v, &mut words, 100);
        assert_eq!((v.len(), words.len()), (100, 50));
        for limit in [0, 50, 100] {
            assert_eq!(tokenize_words(&text, 250, &mut v, &mut words, limit), 250);
            assert_eq!((v.len(), words.len()), (100, 50));
        }
    }

    /// The SSE2 byte classes match the portable definition.
    #[test]
    fn classify_matches_portable() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut chunk = [0u8; WINDOW];
        for round in 0..10_000 {
            for b in chunk.iter_mut() {
                let r = xorshift(&mut seed);
                *b = if round % 2 == 0 {
                    r as u8
                } else {
                    // Near the classes' edges.
                    b"@AZ[`az{\x7f\x80\xff\x00 !\x1f'&("[(r >> 8) as usize % 18]
                };
            }
            let portable = classify_portable(&chunk);
            assert_eq!(classify::<false>(&chunk), portable, "{chunk:?}");
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                assert_eq!(classify::<true>(&chunk), portable, "{chunk:?}");
            }
        }
    }

    #[test]
    fn odd_input_always_covered() {
        for s in [
            "",
            "\0",
            "\u{0}\u{1}x",
            "'''",
            "--",
            "a'",
            "’",
            "1,",
            "1⁄",
            "\u{200D}",
            "\u{FE0F}a",
        ] {
            assert_covers(s);
        }
    }
}
