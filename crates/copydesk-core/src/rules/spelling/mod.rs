//! What the two spelling rules share (`spelling-mix` and
//! `spelling-variety`; this is not a rule): the table of spellings that
//! one variety of English uses and another does not, compiled from
//! `rules/spelling/` (VarCon's strict pairs), the look-up of a word, the
//! test for a word inside quotation marks, and their `[spelling]` table
//! of `copydesk.toml` ([`settings`]).

pub mod settings;

use crate::rule::Context;
use crate::table::word_hash;
use crate::token::{Token, TokenKind};

include!("filter.rs");

/// One spelling of the table.
#[derive(Debug)]
pub(super) struct Form {
    /// Lower case.
    pub word: &'static str,
    /// The word it spells, as an index: the spellings of one VarCon
    /// cluster ("color", "colour", "colored", "coloured", ...) share it.
    pub cluster: u16,
    /// The varieties that accept it (preferred or a variant), as
    /// [`Variety::bit`]s.
    pub accepted: u8,
    /// The varieties that prefer it.
    pub preferred: u8,
    /// Where its row's other spellings ("colour" for "color") start in
    /// `PARTNERS`, and how many there are.
    pub partners: (u16, u8),
}

include!(concat!(env!("OUT_DIR"), "/spelling.rs"));

/// A variety of English spelling, as VarCon has them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variety {
    /// American.
    EnUs,
    /// British with "-ise" ("organise").
    EnGbIse,
    /// British with "-ize", Oxford spelling ("organize", "colour").
    EnGbIze,
    /// Canadian.
    EnCa,
    /// Australian.
    EnAu,
}

impl Variety {
    pub const ALL: [Variety; 5] = [
        Variety::EnUs,
        Variety::EnGbIse,
        Variety::EnGbIze,
        Variety::EnCa,
        Variety::EnAu,
    ];

    /// The name `copydesk.toml` gives it.
    pub fn code(self) -> &'static str {
        match self {
            Variety::EnUs => "en-US",
            Variety::EnGbIse => "en-GB-ise",
            Variety::EnGbIze => "en-GB-ize",
            Variety::EnCa => "en-CA",
            Variety::EnAu => "en-AU",
        }
    }

    /// The variety named `code`, whatever its case.
    pub fn from_code(code: &str) -> Option<Variety> {
        Variety::ALL
            .into_iter()
            .find(|v| v.code().eq_ignore_ascii_case(code))
    }

    /// Its bit in the table's masks (VarCon's A, B, Z, C and D).
    pub(super) fn bit(self) -> u8 {
        1 << self as u8
    }

    /// In a sentence: "American", "British (-ise)".
    fn adjective(self) -> &'static str {
        match self {
            Variety::EnUs => "American",
            Variety::EnGbIse => "British (-ise)",
            Variety::EnGbIze => "British (-ize)",
            Variety::EnCa => "Canadian",
            Variety::EnAu => "Australian",
        }
    }
}

/// The varieties of `mask` in words: "American", "British and
/// Australian", "British (-ize) and Canadian". British with "-ise" and
/// with "-ize" together are "British".
pub(super) fn varieties(mask: u8) -> String {
    let both = Variety::EnGbIse.bit() | Variety::EnGbIze.bit();
    let mut names: Vec<&str> = Vec::new();
    for v in Variety::ALL {
        if mask & v.bit() == 0 {
            continue;
        }
        match v {
            Variety::EnGbIse if mask & both == both => names.push("British"),
            Variety::EnGbIze if mask & both == both => {}
            _ => names.push(v.adjective()),
        }
    }
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A spelling of the table, by its index.
pub(super) fn form(id: u16) -> &'static Form {
    &FORMS[usize::from(id)]
}

/// The other spellings of `id`'s row.
pub(super) fn partners(id: u16) -> impl Iterator<Item = u16> {
    let (start, len) = form(id).partners;
    let start = usize::from(start);
    PARTNERS[start..start + usize::from(len)].iter().copied()
}

/// Whether two spellings of one word belong to different varieties: each
/// is preferred in a variety where the other is wrong ("color" in
/// American, where "colour" is wrong, and "colour" in British, where
/// "color" is). "colored" and "colour" clash too: one word, two
/// varieties.
pub(super) fn clash(a: u16, b: u16) -> bool {
    let (x, y) = (form(a), form(b));
    x.cluster == y.cluster && x.preferred & !y.accepted != 0 && y.preferred & !x.accepted != 0
}

/// The spelling `w` is, if it is one of the table: lower-case ASCII
/// letters (and apostrophes), compared byte for byte.
pub(super) fn lookup(w: &[u8]) -> Option<u16> {
    if !LEN.contains(&w.len()) || !in_filter(last8(w, w.len()), w.len()) {
        return None;
    }
    find(w)
}

/// Whether the filter has the bits of a word of `len` bytes with these
/// last eight bytes.
#[inline(always)]
fn in_filter(last8: u64, len: usize) -> bool {
    let (slot, bits) = filter_slot(last8, len);
    FILTER[slot] & bits == bits
}

/// The eight bytes of `text` that end at `end`, little-endian; the bytes
/// before the start of `text` read as 0.
#[inline(always)]
fn last8(text: &[u8], end: usize) -> u64 {
    match text.get(end.wrapping_sub(8)..end) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or_default()),
        None => {
            let mut b = [0u8; 8];
            let have = &text[..end.min(text.len())];
            let have = &have[have.len().saturating_sub(8)..];
            b[8 - have.len()..].copy_from_slice(have);
            u64::from_le_bytes(b)
        }
    }
}

/// The spelling `w` is, by the hash table.
fn find(w: &[u8]) -> Option<u16> {
    let mask = SLOTS.len() - 1;
    let mut s = (word_hash(w) >> SLOT_SHIFT) as usize;
    loop {
        let id = SLOTS[s & mask];
        if id == 0 {
            return None;
        }
        if FORMS[usize::from(id - 1)].word.as_bytes() == w {
            return Some(id - 1);
        }
        s += 1;
    }
}

/// Call `f` with each word of `cx.core` that is a spelling of the table,
/// and that spelling, in order. Passed over: a word glued to code-like
/// punctuation ("color.css", "/colour/", "set_colour"), and a word named
/// beside another spelling of itself ("caliber or calibre",
/// "colour/color", "colour (color)"), where the text speaks of the
/// spellings.
///
/// Every word of copy comes through here, so the common case, a word that
/// is no spelling of the table, costs one load from the text, one
/// multiply and one `u64` of a 16 KiB Bloom filter, with no branch on the
/// word's length or case (a word too long is turned away by its length
/// after the filter). About one word in a hundred goes on to the
/// hash table, and fewer than half of those are spellings of it.
pub(super) fn each_spelling<'a>(cx: &Context<'a>, mut f: impl FnMut(&Token<'a>, u16)) {
    let toks = cx.tokens;
    let text = cx.text.as_bytes();
    let in_core = |core: usize| cx.words.partition_point(|&w| toks[w as usize].start < core);
    let words = &cx.words[in_core(cx.core.start)..in_core(cx.core.end)];
    for &w in words {
        let Some(t) = toks.get(w as usize) else {
            continue;
        };
        let n = t.text.len();
        if in_filter(last8(text, t.start + n), n) {
            maybe_spelling(cx, w as usize, &mut f);
        }
    }
}

/// The rest of [`each_spelling`]'s test, for the few words that pass the
/// filter.
#[inline(never)]
fn maybe_spelling<'a>(cx: &Context<'a>, i: usize, f: &mut impl FnMut(&Token<'a>, u16)) {
    let t = &cx.tokens[i];
    if !LEN.contains(&t.text.len()) {
        return;
    }
    if let Some(id) = find(t.text.as_bytes())
        && !code_like(cx.text.as_bytes(), t.start, t.end())
        && !named_beside(cx.tokens, i, id)
    {
        f(t, id);
    }
}

/// Whether the spelling `id` at token `i` stands beside another spelling
/// of its word, joined by "or", "and", a slash, a comma or a bracket:
/// "caliber or calibre", "colour/color", "colour (color)". Looks at most
/// four tokens either way.
fn named_beside(toks: &[Token<'_>], i: usize, id: u16) -> bool {
    let near = |side: &mut dyn Iterator<Item = &Token<'_>>| {
        let mut joined = false;
        for t in side {
            if t.is_word() {
                if matches!(t.text, "or" | "and") {
                    joined = true;
                    continue;
                }
                let mut buf = [0u8; 64];
                return joined
                    && crate::words::ascii_lower(t.text, &mut buf)
                        .and_then(|w| lookup(w.as_bytes()))
                        .is_some_and(|o| clash(id, o));
            }
            if matches!(t.text, "/" | "," | "(" | ")") {
                joined = true;
            } else if t.kind != TokenKind::Space {
                return false;
            }
        }
        false
    };
    near(&mut toks[i + 1..].iter().take(4)) || near(&mut toks[..i].iter().rev().take(4))
}

/// Whether the word at `start..end` of `text` is glued to punctuation
/// that prose does not glue to words: part of a path, a URL, a file or
/// an identifier.
fn code_like(text: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| text[i]);
    let after = text.get(end).copied();
    let glue = |b: Option<u8>| {
        matches!(
            b,
            Some(
                b'/' | b'\\'
                    | b'_'
                    | b'@'
                    | b'#'
                    | b'='
                    | b'<'
                    | b'>'
                    | b'{'
                    | b'}'
                    | b'$'
                    | b'%'
                    | b'|'
                    | b'~'
                    | b'`'
            )
        )
    };
    glue(before)
        || glue(after)
        || before == Some(b'.')
        || (after == Some(b'.') && text.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
}

/// Whether the words of a text lie inside quotation marks, read forward:
/// between an opening mark and its closing one in the same paragraph.
/// Straight double quotes open and close in turn; curly ones say which
/// they are. A paragraph break (a blank line, a line break followed by an
/// indent of two or more columns as in newswire, a PARAGRAPH SEPARATOR)
/// closes any quotation, as a quotation that runs on into the next
/// paragraph opens again there. Single quotes are not read: they are also
/// apostrophes ("the players' union"); nor are guillemets, rare in
/// English. The marks are found with `memchr`, many bytes at a time.
///
/// The cursor only moves forward, so asking for places in order reads the
/// text once; a rule keeps its cursor in `cx.memo` from one chunk to the
/// next, so the answer is the same wherever a file is cut.
#[derive(Debug, Default, Clone)]
pub(super) struct Quotes {
    /// How far the text is read.
    pos: usize,
    open: bool,
}

impl Quotes {
    /// Whether byte `at` (not before the last place asked for) is inside
    /// a quotation.
    pub fn inside(&mut self, text: &str, at: usize) -> bool {
        let bytes = text.as_bytes();
        let at = at.min(bytes.len());
        let mut j = self.pos.min(at);
        while let Some(k) = memchr::memchr3(b'"', b'\n', 0xE2, &bytes[j..at]) {
            j += k;
            match bytes[j] {
                b'"' => self.open = !self.open,
                b'\n' => {
                    let rest = &bytes[j + 1..];
                    let blank = rest
                        .iter()
                        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
                        .count();
                    if rest.get(blank) == Some(&b'\n')
                        || rest[..blank].starts_with(b"  ")
                        || rest.first() == Some(&b'\t')
                    {
                        self.open = false;
                    }
                }
                // “ ” (U+201C, U+201D) and U+2029 PARAGRAPH SEPARATOR.
                _ => match bytes.get(j + 1..j + 3) {
                    Some([0x80, 0x9C]) => self.open = true,
                    Some([0x80, 0x9D] | [0x80, 0xA9]) => self.open = false,
                    _ => {}
                },
            }
            j += 1;
        }
        self.pos = self.pos.max(at);
        self.open
    }
}

#[cfg(test)]
mod tests;
