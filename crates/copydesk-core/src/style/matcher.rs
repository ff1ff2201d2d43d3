//! The one pass that matches every phrase of every house rule: a table
//! keyed by a phrase's first word, looked up once per word of the text.
//!
//! A phrase is a list of copydesk tokens (words, numbers, punctuation;
//! `e-mail` is `e`, `-`, `mail`), each marked with whether white space
//! comes before it. It matches the same tokens in the text, compared
//! without case (unless its rule says otherwise) with `’` and `'` alike,
//! with white space where the phrase has it: a line break, or inline
//! markup blanked to spaces, is white space like any other, and a
//! paragraph break ends every match.

use crate::token::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// One token of a phrase.
#[derive(Debug, Clone)]
pub struct PTok {
    /// Folded (lower case, `'` for `’`), or as written for a rule that
    /// matches case.
    pub text: Box<str>,
    /// White space comes before it in the phrase.
    pub spaced: bool,
}

/// What a matched phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// A finding of the rule: for a `prefer`, the index of its target.
    Match { target: Option<u32> },
    /// A longer phrase that protects the rule's matches inside it.
    Except,
    /// A form of a `consistent` group.
    Variant { group: u32, member: u32 },
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub rule: u32,
    pub toks: Box<[PTok]>,
    pub what: What,
    pub match_case: bool,
}

/// Tokens of a phrase; `None` when it does not start with a word (a
/// phrase is looked up by its first word; "24/7" is a `pattern`'s job).
pub fn phrase(text: &str, match_case: bool) -> Option<Box<[PTok]>> {
    let mut out = Vec::new();
    let mut spaced = false;
    let mut buf = String::new();
    for t in crate::token::tokenize(text) {
        if t.is_space() {
            spaced = true;
            continue;
        }
        if out.is_empty() && t.kind != TokenKind::Word {
            return None;
        }
        let folded: Box<str> = if match_case {
            t.text.replace('’', "'").into()
        } else {
            crate::words::with_folded(t.text, &mut buf, |k| Box::<str>::from(k))
        };
        out.push(PTok {
            text: folded,
            spaced: spaced && !out.is_empty(),
        });
        spaced = false;
    }
    (!out.is_empty()).then(|| out.into())
}

/// The table: a trie over the style's words. Every folded token of every
/// phrase gets a number (its id in `vocab`); each step from a node is
/// keyed by the next token's id, in one of two lists by whether white
/// space comes before it; a node lists the entries whose phrase ends
/// there. A word of the text costs one bit read when no phrase has it
/// (most words), one hash when some phrase does, and one more per token
/// for as long as some phrase goes on matching; however many phrases
/// share a first word ("of the ...", "of a ..."), the steps are searches
/// of short sorted lists of numbers.
#[derive(Debug, Default)]
pub struct Matcher {
    entries: Vec<Entry>,
    nodes: Vec<Node>,
    /// Folded tokens of the phrases, numbered: those of up to 8 ASCII
    /// bytes (most English words) by their bytes packed in a `u64`, so a
    /// lookup is a multiply and one compare; the others by their text.
    short: FxHashMap<u64, u32>,
    vocab: FxHashMap<Box<str>, u32>,
    /// A bit for each vocabulary word's [`sketch`]: one bit read from a
    /// table that stays in the L1 cache tells most words of a text that no
    /// phrase has them, before any hashing.
    sketches: Vec<u64>,
    /// The node of each vocabulary word as a phrase's first word
    /// (`NONE` when no phrase starts with it).
    first: Vec<u32>,
    /// Sketches of the first words of one-word phrases, of the first words
    /// of longer ones, and of their first two words together. A common
    /// word that starts some phrase ("of" in "of course") is nearly always
    /// followed by a word no phrase follows it with: the pair's bit says
    /// so, and the word costs no hashing at all.
    single: Vec<u64>,
    multi: Vec<u64>,
    pairs: Vec<u64>,
}

#[inline]
fn bit(set: &[u64], i: usize) -> bool {
    set[i / 64] & (1 << (i % 64)) != 0
}

fn set_bit(set: &mut Vec<u64>, i: usize) {
    if set.is_empty() {
        *set = vec![0; SKETCH_BITS / 64];
    }
    set[i / 64] |= 1 << (i % 64);
}

/// The sketch of two words in a row.
#[inline]
fn pair(a: usize, b: usize) -> usize {
    (((a as u64) << 16 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// The sketch of a folded word, packed or not.
fn key_sketch(k: &str) -> usize {
    pack(k).map_or_else(|| sketch(k), sketch_packed)
}

const NONE: u32 = u32::MAX;

#[derive(Debug, Default)]
struct Node {
    /// (the next token's id, its node), after white space; sorted.
    spaced: Vec<(u32, u32)>,
    /// The same, with nothing between.
    glued: Vec<(u32, u32)>,
    /// Entries whose phrase ends here, in the order added.
    ends: Vec<u32>,
}

fn step(list: &[(u32, u32)], id: u32) -> Option<u32> {
    list.binary_search_by_key(&id, |&(k, _)| k)
        .ok()
        .map(|i| list[i].1)
}

/// Bits in the table of sketches.
const SKETCH_BITS: usize = 1 << 16;

/// A 16-bit sketch of a folded word from its length and three of its
/// bytes: equal words have equal sketches.
#[inline]
fn sketch(k: &str) -> usize {
    sketch_bytes(k.as_bytes(), |b| b)
}

/// [`sketch`] of the text `lower` makes of `b` byte by byte: an ASCII word
/// is sketched as folded without being copied.
#[inline]
fn sketch_bytes(b: &[u8], lower: impl Fn(u8) -> u8) -> usize {
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32).wrapping_mul(0x9E37_79B9)
        ^ (u32::from(lower(b[0])) << 9)
        ^ (u32::from(lower(b[n / 2])) << 4)
        ^ u32::from(lower(b[n - 1])).wrapping_mul(0x45);
    (h ^ (h >> 16)) as usize & (SKETCH_BITS - 1)
}

/// The bytes of a word of up to 8 ASCII bytes in a `u64`, lower-cased:
/// `None` for a longer word or one with other characters.
#[inline]
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 8 || !w.is_ascii() {
        return None;
    }
    let mut x = 0u64;
    for (i, &c) in b.iter().enumerate() {
        x |= u64::from(c.to_ascii_lowercase()) << (8 * i);
    }
    Some(x)
}

/// [`pack`] for a word known to be ASCII and at most 8 bytes: lower-cased
/// eight bytes at a time (a byte of 'A'..='Z' gets 0x20 added; no byte is
/// 0x80 or more, so no sum carries into the next byte).
#[inline]
fn pack_ascii(w: &str) -> u64 {
    let b = w.as_bytes();
    let n = b.len();
    // Two reads that overlap, not a copy (whose length the compiler does
    // not know, so it calls memmove): the bytes they share are the same.
    let x = match n {
        8 => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
        }
        1..=3 => {
            u64::from(b[0])
                | (u64::from(b[n / 2]) << (8 * (n / 2)))
                | (u64::from(b[n - 1]) << (8 * (n - 1)))
        }
        _ => 0,
    };
    const ONES: u64 = 0x0101_0101_0101_0101;
    let upper = x.wrapping_add(ONES * 0x3f) & !x.wrapping_add(ONES * 0x25) & (ONES * 0x80);
    x | (upper >> 2)
}

/// A 16-bit sketch of a packed word.
#[inline]
fn sketch_packed(x: u64) -> usize {
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// One match in the text: the entry, and the byte span matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub start: usize,
    pub end: usize,
}

/// What a scan keeps between words: a buffer for folding, and the id of
/// the token looked up last (a phrase's second word is looked up while
/// matching from the first, and again when the scan gets to it).
#[derive(Debug, Default)]
pub struct Scan {
    buf: String,
    last: Option<(usize, Option<u32>)>,
}

impl Matcher {
    /// The id of a folded token, made if new.
    fn intern(&mut self, k: &str) -> u32 {
        let packed = pack(k);
        let known = match packed {
            Some(x) => self.short.get(&x),
            None => self.vocab.get(k),
        };
        if let Some(&id) = known {
            return id;
        }
        if self.sketches.is_empty() {
            self.sketches = vec![0; SKETCH_BITS / 64];
        }
        let sk = packed.map_or_else(|| sketch(k), sketch_packed);
        self.sketches[sk / 64] |= 1 << (sk % 64);
        let id = self.first.len() as u32;
        match packed {
            Some(x) => self.short.insert(x, id),
            None => self.vocab.insert(k.into(), id),
        };
        self.first.push(NONE);
        id
    }

    pub fn add(&mut self, entry: Entry) {
        let mut buf = String::new();
        let i = self.entries.len() as u32;
        // The trie's keys are folded whatever the rule's case (a rule that
        // matches case checks the text as written afterwards).
        let folded = |t: &PTok, buf: &mut String| -> Option<Box<str>> {
            entry
                .match_case
                .then(|| crate::words::with_folded(&t.text, buf, |k| Box::<str>::from(k)))
        };
        let f0 = folded(&entry.toks[0], &mut buf);
        let k0 = f0.as_deref().unwrap_or(&entry.toks[0].text);
        let s0 = key_sketch(k0);
        match entry.toks.get(1) {
            None => set_bit(&mut self.single, s0),
            Some(t1) => {
                set_bit(&mut self.multi, s0);
                let f1 = folded(t1, &mut buf);
                let s1 = key_sketch(f1.as_deref().unwrap_or(&t1.text));
                set_bit(&mut self.pairs, pair(s0, s1));
            }
        }
        let first = self.intern(k0);
        let mut node = match self.first[first as usize] {
            NONE => {
                self.nodes.push(Node::default());
                let n = self.nodes.len() as u32 - 1;
                self.first[first as usize] = n;
                n
            }
            n => n,
        };
        for t in &entry.toks[1..] {
            let f = folded(t, &mut buf);
            let id = self.intern(f.as_deref().unwrap_or(&t.text));
            let here = &self.nodes[node as usize];
            let list = if t.spaced { &here.spaced } else { &here.glued };
            node = match list.binary_search_by_key(&id, |&(k, _)| k) {
                Ok(at) => list[at].1,
                Err(at) => {
                    let n = self.nodes.len() as u32;
                    self.nodes.push(Node::default());
                    let here = &mut self.nodes[node as usize];
                    let list = if t.spaced {
                        &mut here.spaced
                    } else {
                        &mut here.glued
                    };
                    list.insert(at, (id, n));
                    n
                }
            };
        }
        self.nodes[node as usize].ends.push(i);
        self.entries.push(entry);
    }

    /// Nothing to do: entries end at their nodes in the order added, which
    /// is the order ties go by.
    pub fn finish(&mut self) {}

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The sketch of a token's folded text.
    #[inline]
    fn token_sketch(&self, t: &Token<'_>, scan: &mut Scan) -> usize {
        if t.ascii && t.text.len() <= 8 {
            sketch_packed(pack_ascii(t.text))
        } else if t.ascii {
            sketch_bytes(t.text.as_bytes(), |b| b.to_ascii_lowercase())
        } else {
            crate::words::with_folded(t.text, &mut scan.buf, key_sketch)
        }
    }

    /// The id of token `i`'s folded text, if some phrase has it.
    #[inline]
    fn id(&self, tokens: &[Token<'_>], i: usize, scan: &mut Scan) -> Option<u32> {
        if let Some((at, id)) = scan.last
            && at == i
        {
            return id;
        }
        let t = &tokens[i];
        // Most words: ASCII, up to 8 bytes, folded as they are packed.
        let id = match t.ascii && t.text.len() <= 8 {
            true => self.packed_id(pack_ascii(t.text)),
            false => crate::words::with_folded(t.text, &mut scan.buf, |k| match pack(k) {
                Some(x) => self.packed_id(x),
                None => {
                    let sk = sketch(k);
                    if self.sketches[sk / 64] & (1 << (sk % 64)) == 0 {
                        return None;
                    }
                    self.vocab.get(k).copied()
                }
            }),
        };
        scan.last = Some((i, id));
        id
    }

    #[inline]
    fn packed_id(&self, x: u64) -> Option<u32> {
        let sk = sketch_packed(x);
        if self.sketches[sk / 64] & (1 << (sk % 64)) == 0 {
            return None;
        }
        self.short.get(&x).copied()
    }

    /// Every entry matching at word `w` of `tokens` (an index into
    /// `tokens`), longest first (ties in the order added), passed to `f`.
    #[inline]
    pub fn at(&self, tokens: &[Token<'_>], w: usize, scan: &mut Scan, mut f: impl FnMut(Hit)) {
        if self.entries.is_empty() {
            return;
        }
        let s0 = self.token_sketch(&tokens[w], scan);
        let go = (!self.single.is_empty() && bit(&self.single, s0))
            || (!self.multi.is_empty()
                && bit(&self.multi, s0)
                && next_token(tokens, w).is_some_and(|(j, _)| {
                    bit(&self.pairs, pair(s0, self.token_sketch(&tokens[j], scan)))
                }));
        if !go {
            return;
        }
        let Some(id) = self.id(tokens, w, scan) else {
            return;
        };
        let first = self.first[id as usize];
        if first != NONE {
            self.walk(tokens, w, first, scan, &mut f);
        }
    }

    /// From `node`, reached at token `i`: the longer matches first, then
    /// those that end here.
    fn walk(
        &self,
        tokens: &[Token<'_>],
        i: usize,
        node: u32,
        scan: &mut Scan,
        f: &mut impl FnMut(Hit),
    ) {
        let here = &self.nodes[node as usize];
        if !(here.spaced.is_empty() && here.glued.is_empty())
            && let Some((j, spaced)) = next_token(tokens, i)
        {
            let list = if spaced { &here.spaced } else { &here.glued };
            if !list.is_empty()
                && let Some(id) = self.id(tokens, j, scan)
                && let Some(next) = step(list, id)
            {
                self.walk(tokens, j, next, scan, f);
            }
        }
        if here.ends.is_empty() || ends_inside_compound(tokens, i) {
            return;
        }
        let start = tokens[self.start_of(tokens, i, node)].start;
        for &e in &here.ends {
            let entry = &self.entries[e as usize];
            if entry.match_case && !same_case(tokens, i, entry) {
                continue;
            }
            f(Hit {
                entry: e,
                start,
                end: tokens[i].end(),
            });
        }
    }

    /// The token a match ending at token `i` on `node` started from: as
    /// many tokens back as the phrase has, skipping white space.
    fn start_of(&self, tokens: &[Token<'_>], i: usize, node: u32) -> usize {
        let len = self.entries[self.nodes[node as usize].ends[0] as usize]
            .toks
            .len();
        let mut k = i;
        let mut left = len - 1;
        while left > 0 {
            k -= 1;
            if !tokens[k].is_space() {
                left -= 1;
            }
        }
        k
    }
}

/// The token after token `i` that a phrase may go on with, and whether
/// white space comes before it: none after a paragraph break.
#[inline]
fn next_token(tokens: &[Token<'_>], i: usize) -> Option<(usize, bool)> {
    let mut j = i + 1;
    let mut spaced = false;
    while let Some(t) = tokens.get(j) {
        match t.kind {
            TokenKind::Space | TokenKind::LineBreak => spaced = true,
            TokenKind::ParagraphBreak => return None,
            _ => return Some((j, spaced)),
        }
        j += 1;
    }
    None
}

/// A rule that matches case: the phrase's tokens as written (with `’` for
/// `'` alike), ending at token `i`.
fn same_case(tokens: &[Token<'_>], i: usize, e: &Entry) -> bool {
    let mut k = i + 1;
    for p in e.toks.iter().rev() {
        loop {
            k -= 1;
            if !tokens[k].is_space() {
                break;
            }
        }
        let t = tokens[k].text;
        let same = t == &*p.text || (t.contains('’') && t.replace('’', "'") == *p.text);
        if !same {
            return false;
        }
    }
    true
}

/// Never part of a longer word: a phrase that ends inside a compound
/// ("e-mail" in "e-mail-based").
fn ends_inside_compound(tokens: &[Token<'_>], i: usize) -> bool {
    let last = &tokens[i];
    matches!(
        (tokens.get(i + 1), tokens.get(i + 2)),
        (Some(a), Some(b))
            if a.start == last.end()
                && joins(a)
                && b.start == a.end()
                && matches!(b.kind, TokenKind::Word | TokenKind::Number)
    )
}

/// A hyphen or slash that makes one compound of the words either side.
fn joins(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "-" | "‐" | "/")
}

/// Whether the match at token `w` starts inside a compound: the word
/// before it is joined to it by a hyphen ("re-e-mail").
pub fn inside_compound(tokens: &[Token<'_>], w: usize) -> bool {
    w >= 2 && {
        let (a, b, c) = (&tokens[w - 2], &tokens[w - 1], &tokens[w]);
        joins(b)
            && b.end() == c.start
            && a.end() == b.start
            && matches!(a.kind, TokenKind::Word | TokenKind::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_folds_ascii_case() {
        for w in [
            "e", "Mail", "E-MAIL", "don't", "ABCDEFGH", "a[z]@`{~", "12ab",
        ] {
            assert_eq!(Some(pack_ascii(w)), pack(w), "{w}");
        }
        assert_eq!(pack_ascii("WeB"), pack_ascii("web"));
        assert_eq!(pack("abcdefghi"), None);
        assert_eq!(pack("café"), None);
    }
}
