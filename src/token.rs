//! The tokenizer: `&str` in, zero-copy tokens with byte spans out.
//!
//! Built from `nom` parsers, one per token kind, driven by [`Tokens`], an
//! iterator that allocates nothing: every token borrows its text from the
//! input and records where it starts.
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
    tokenize_with(text, pos, out, limit, |_| {})
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
    tokenize_with(text, pos, out, limit, |i| words.push(i as u32))
}

#[inline(always)]
fn tokenize_with<'a>(
    text: &'a str,
    mut pos: usize,
    out: &mut Vec<Token<'a>>,
    limit: usize,
    mut on_word: impl FnMut(usize),
) -> usize {
    // The untokenized rest of the text, split as it goes: one char-boundary
    // check per token, and no re-slicing from the start.
    let mut rest = &text[pos..];
    while out.len() < limit {
        let b = rest.as_bytes();
        let Some(&c) = b.first() else { break };
        // Words and single spaces between them, most tokens of all, first,
        // then the other ASCII tokens; non-ASCII goes to the `nom` parsers.
        let fast = match CLASS[c as usize] {
            // Words with single spaces between them, the commonest run of
            // all, in a loop of their own.
            ALPHA => {
                while let Some(len) = ascii_word(rest.as_bytes()) {
                    let (word, after) = rest.split_at(len);
                    on_word(out.len());
                    out.push(Token {
                        kind: TokenKind::Word,
                        text: word,
                        start: pos,
                        ascii: true,
                    });
                    pos += len;
                    rest = after;
                    // A comma or full stop, one space and a letter: the
                    // comma or stop first, then as below.
                    let mut after = after;
                    if let [b',' | b'.', b' ', next, ..] = after.as_bytes()
                        && CLASS[*next as usize] == ALPHA
                        && out.len() + 2 < limit
                    {
                        let (punct, tail) = after.split_at(1);
                        out.push(Token {
                            kind: TokenKind::Punct,
                            text: punct,
                            start: pos,
                            ascii: true,
                        });
                        pos += 1;
                        rest = tail;
                        after = tail;
                    }
                    // One space, then a letter: the space, and the next word.
                    let [b' ', next, ..] = after.as_bytes() else {
                        break;
                    };
                    if CLASS[*next as usize] != ALPHA || out.len() + 1 >= limit {
                        break;
                    }
                    let (space, after) = after.split_at(1);
                    out.push(Token {
                        kind: TokenKind::Space,
                        text: space,
                        start: pos,
                        ascii: true,
                    });
                    pos += 1;
                    rest = after;
                }
                if rest
                    .as_bytes()
                    .first()
                    .is_some_and(|&c| CLASS[c as usize] == ALPHA)
                {
                    // A word a non-ASCII byte may continue.
                    None
                } else {
                    continue;
                }
            }
            SPACE if c == b' ' && !matches!(class_at(b, 1), SPACE | HIGH) => {
                Some((TokenKind::Space, 1))
            }
            PUNCT => Some((TokenKind::Punct, 1)),
            _ => ascii_token(b),
        };
        let (kind, len, ascii) = match fast {
            Some((kind, len)) => (kind, len, true),
            None => {
                let (kind, len) = next_token_nom(rest);
                (kind, len, rest.as_bytes()[..len].is_ascii())
            }
        };
        let (tok, after) = rest.split_at(len);
        if kind == TokenKind::Word {
            on_word(out.len());
        }
        out.push(Token {
            kind,
            text: tok,
            start: pos,
            ascii,
        });
        pos += len;
        rest = after;
    }
    pos
}

/// The class of byte `i` of `b`; past the end, a class that ends any token.
#[inline(always)]
fn class_at(b: &[u8], i: usize) -> u8 {
    b.get(i).map_or(OTHER, |&c| CLASS[c as usize])
}

/// The length of the ASCII word at the start of `b` (which starts with a
/// letter), or `None` when a non-ASCII byte may continue it.
#[inline(always)]
fn ascii_word(b: &[u8]) -> Option<usize> {
    let mut i = letters_from(b, 1);
    loop {
        match b.get(i) {
            Some(b'\'') => match class_at(b, i + 1) {
                ALPHA => i = letters_from(b, i + 2),
                HIGH => return None,
                _ => return Some(i),
            },
            Some(c) if *c >= 0x80 => return None,
            _ => return Some(i),
        }
    }
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
    ascii_token(input.as_bytes()).unwrap_or_else(|| next_token_nom(input))
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

/// The token at the start of a non-empty `b`, or `None` when a non-ASCII
/// byte makes the general parsers necessary.
#[inline]
fn ascii_token(b: &[u8]) -> Option<(TokenKind, usize)> {
    // The class of the byte at `i`; past the end, a byte that ends any token.
    let class = |i: usize| b.get(i).map_or(OTHER, |&c| CLASS[c as usize]);
    match CLASS[b[0] as usize] {
        ALPHA => ascii_word(b).map(|len| (TokenKind::Word, len)),
        DIGIT => {
            let mut i = 1;
            loop {
                while class(i) == DIGIT {
                    i += 1;
                }
                match b.get(i) {
                    Some(b',' | b'.' | b'-') if class(i + 1) == DIGIT => i += 2,
                    Some(c) if *c >= 0x80 => return None,
                    _ => return Some((TokenKind::Number, i)),
                }
            }
        }
        SPACE => {
            if b[0] == b' ' && class(1) != SPACE {
                return (class(1) != HIGH).then_some((TokenKind::Space, 1));
            }
            let mut i = 1;
            while class(i) == SPACE {
                i += 1;
            }
            if class(i) == HIGH {
                return None;
            }
            Some((space_kind(b[..i].iter().map(|&c| c as char)), i))
        }
        PUNCT => Some((TokenKind::Punct, 1)),
        HIGH => None,
        // A symbol: one character, unless a non-ASCII extender may follow.
        _ => (class(1) != HIGH).then_some((TokenKind::Symbol, 1)),
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
fn is_space_char(c: char) -> bool {
    is_hspace(c) || is_line_break(c)
}

fn whitespace(input: &str) -> IResult<&str, TokenKind> {
    let (rest, run) = take_while1(is_space_char).parse(input)?;
    Ok((rest, space_kind(run.chars())))
}

/// The kind of a run of white space.
fn space_kind(run: impl Iterator<Item = char>) -> TokenKind {
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

    /// Longer strings, where words are scanned eight bytes at a time:
    /// the tokenizer agrees with the `nom` parsers alone, and the word list
    /// made in the same pass lists exactly the word tokens.
    #[test]
    fn long_strings_match_nom() {
        let alphabet = [
            'a', 'z', 'A', 'Z', 'm', '@', '[', '`', '{', '\u{7f}', '\'', '1', '.', ',', ' ', '\n',
            'é', '’', '\u{301}', '-', '\u{A0}', '(',
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut s = String::new();
        for _ in 0..20_000 {
            s.clear();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 40) as usize;
            for k in 0..len {
                // Mostly letters, so that long words occur.
                let r = (seed.rotate_left(k as u32 * 5) >> 3) as usize;
                let c = match r % 3 {
                    0 => alphabet[(r / 3) % alphabet.len()],
                    k => ['e', 'T'][k - 1],
                };
                s.push(c);
            }
            let mut by_nom = Vec::new();
            let mut pos = 0;
            while pos < s.len() {
                let (kind, len) = next_token_nom(&s[pos..]);
                by_nom.push((kind, &s[pos..pos + len]));
                pos += len;
            }
            let (mut v, mut words) = (Vec::new(), Vec::new());
            tokenize_words(&s, 0, &mut v, &mut words, usize::MAX);
            let fast: Vec<_> = v.iter().map(|t| (t.kind, t.text)).collect();
            assert_eq!(fast, by_nom, "{s:?}");
            assert!(v.iter().all(|t| t.ascii == t.text.is_ascii()));
            let expected: Vec<u32> = (0..)
                .zip(&v)
                .filter(|(_, t)| t.is_word())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(words, expected, "{s:?}");
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
