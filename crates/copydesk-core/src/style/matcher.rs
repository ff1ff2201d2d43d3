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
struct PTok {
    /// Folded (lower case, `'` for `’`), or as written for a rule that
    /// matches case: a range of [`Matcher::arena`].
    text: std::ops::Range<u32>,
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
    pub what: What,
    pub match_case: bool,
    /// Its tokens: a range of [`Matcher::toks`].
    toks: std::ops::Range<u32>,
    /// The next entry that ends at the same node (`NONE`: none).
    next: u32,
}

/// Whether a phrase starts with a word, as [`Matcher::add`] needs.
pub fn starts_with_word(text: &str) -> bool {
    crate::token::tokenize(text)
        .find(|t| !t.is_space())
        .is_some_and(|t| t.kind == TokenKind::Word)
}

/// The table: a trie over the style's words. Every folded token of every
/// phrase gets a number (its id in `vocab`); each step from a node is
/// keyed by the node, the next token's id and whether white space comes
/// before it; a node links the entries whose phrase ends there. A word of the text costs one bit read when no phrase has it
/// (most words), one hash when some phrase does, and one more per token
/// for as long as some phrase goes on matching; however many phrases
/// share a first word ("of the ...", "of a ..."), the steps are searches
/// of one hash table of steps.
///
/// Nothing here is allocated per phrase: the phrases' tokens are ranges of
/// one string, their steps entries of one hash table, so a style of
/// thousands of phrases loads in a few milliseconds.
#[derive(Debug, Default)]
pub struct Matcher {
    entries: Vec<Entry>,
    toks: Vec<PTok>,
    arena: String,
    nodes: Vec<Node>,
    /// The steps of the trie: (node, white space before, token id) to the
    /// next node.
    steps: FxHashMap<u64, u32>,
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
    /// of longer ones, and of their first two words together (the second
    /// is the phrase's next word, past any numbers and punctuation between:
    /// "e-mail" pairs "e" with "mail"; a phrase with no second word counts
    /// as one word here). A common word that starts some phrase ("of" in
    /// "of course") is nearly always followed by a word no phrase follows
    /// it with: the pair's bit says so, and the word costs no hashing.
    single: Bloom,
    multi: Bloom,
    pairs: Bloom,
}

/// A blocked Bloom filter of 8 KB (it stays in the L1 cache): two bits of
/// one 64-bit word per key, chosen by the top bits of a 64-bit hash. With
/// a few thousand keys, under one word in a hundred gets through unasked.
#[derive(Debug, Clone)]
struct Bloom(Box<[u64; BLOOM_WORDS]>);

/// 64-bit words in a [`Bloom`] filter.
const BLOOM_WORDS: usize = 1 << BLOOM_LOG;
const BLOOM_LOG: u32 = 12;

impl Default for Bloom {
    fn default() -> Self {
        Bloom(Box::new([0; BLOOM_WORDS]))
    }
}

impl Bloom {
    #[inline]
    fn mask(h: u64) -> u64 {
        (1 << ((h >> 40) & 63)) | (1 << ((h >> 34) & 63))
    }

    fn insert(&mut self, h: u64) {
        self.0[(h >> (64 - BLOOM_LOG)) as usize] |= Self::mask(h);
    }

    #[inline]
    fn has(&self, h: u64) -> bool {
        let m = Self::mask(h);
        self.0[(h >> (64 - BLOOM_LOG)) as usize] & m == m
    }
}

/// The sketch of two words in a row.
#[inline]
fn pair(a: u64, b: u64) -> u64 {
    (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The first filter's sketch of a folded word: its length and its first
/// eight bytes. Any word: a longer one, or one with other characters, is
/// sketched by the same bytes, so the filter needs no branch on the kind
/// of word (the id tables below do that, for the few words let through).
#[inline]
fn key_sketch(k: &str) -> u64 {
    let b = k.as_bytes();
    let mut x = [0u8; 8];
    let n = b.len().min(8);
    x[..n].copy_from_slice(&b[..n]);
    front_sketch(u64::from_le_bytes(x), b.len())
}

#[inline]
fn front_sketch(front: u64, len: usize) -> u64 {
    (front ^ (len as u64) << 59).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// ASCII letters in `x` lower-cased, eight bytes at a time (a byte of
/// 'A'..='Z' gets 0x20 added). Only for bytes below 0x80: none carries
/// into the next.
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let upper = x.wrapping_add(ONES * 0x3f) & !x.wrapping_add(ONES * 0x25) & (ONES * 0x80);
    x | (upper >> 2)
}

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The first and last entry whose phrase ends here (`NONE`: none), in
    /// the order added.
    first_end: u32,
    last_end: u32,
    /// Tokens from the phrase's start to here.
    depth: u32,
    /// Some step goes on after white space; some with nothing between.
    spaced: bool,
    glued: bool,
}

impl Node {
    fn new(depth: u32) -> Node {
        Node {
            first_end: NONE,
            last_end: NONE,
            depth,
            spaced: false,
            glued: false,
        }
    }
}

/// The key of a step from `node` to a token `id`.
#[inline]
fn step_key(node: u32, spaced: bool, id: u32) -> u64 {
    u64::from(node) << 33 | u64::from(spaced) << 32 | u64::from(id)
}

/// Bits in the table of sketches.
const SKETCH_BITS: usize = 1 << 16;

/// A 16-bit sketch of a folded word from its length and three of its
/// bytes: equal words have equal sketches.
#[inline]
fn sketch(k: &str) -> usize {
    let b = k.as_bytes();
    let n = b.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32).wrapping_mul(0x9E37_79B9)
        ^ (u32::from(b[0]) << 9)
        ^ (u32::from(b[n / 2]) << 4)
        ^ u32::from(b[n - 1]).wrapping_mul(0x45);
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
    lower8(x)
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
    /// The sketch of each word of a chunk.
    sketches: Vec<u64>,
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

    /// Add the phrase `text` of rule `rule`: false when it does not start
    /// with a word (a phrase is looked up by its first word; "24/7" is a
    /// `pattern`'s job). The phrase is split into copydesk tokens, each
    /// kept folded (lower case, `'` for `’`), or as written for a rule that
    /// matches case; the trie's keys are folded whatever the rule's case
    /// (a rule that matches case checks the text as written afterwards).
    pub fn add(&mut self, text: &str, rule: u32, what: What, match_case: bool) -> bool {
        let tok0 = self.toks.len();
        let mut buf = String::new();
        let mut key = String::new();
        let mut spaced = false;
        let mut node = NONE;
        let (mut s0, mut s1) = (0, None);
        for t in crate::token::tokenize(text) {
            if t.is_space() {
                spaced = true;
                continue;
            }
            let first = self.toks.len() == tok0;
            if first && t.kind != TokenKind::Word {
                return false;
            }
            key.clear();
            crate::words::with_folded(t.text, &mut buf, |k| key.push_str(k));
            let start = self.arena.len() as u32;
            if match_case {
                self.arena
                    .extend(t.text.chars().map(|c| if c == '’' { '\'' } else { c }));
            } else {
                self.arena.push_str(&key);
            }
            let range = start..self.arena.len() as u32;
            let id = self.intern(&key);
            let sk = key_sketch(&key);
            if first {
                s0 = sk;
                node = match self.first[id as usize] {
                    NONE => {
                        self.nodes.push(Node::new(1));
                        let n = self.nodes.len() as u32 - 1;
                        self.first[id as usize] = n;
                        n
                    }
                    n => n,
                };
            } else {
                if s1.is_none() && t.kind == TokenKind::Word {
                    s1 = Some(sk);
                }
                let step = step_key(node, spaced, id);
                node = match self.steps.get(&step) {
                    Some(&n) => n,
                    None => {
                        let n = self.nodes.len() as u32;
                        let here = &mut self.nodes[node as usize];
                        if spaced {
                            here.spaced = true;
                        } else {
                            here.glued = true;
                        }
                        let depth = here.depth + 1;
                        self.nodes.push(Node::new(depth));
                        self.steps.insert(step, n);
                        n
                    }
                };
            }
            self.toks.push(PTok { text: range });
            spaced = false;
        }
        if node == NONE {
            return false;
        }
        match s1 {
            None => self.single.insert(s0),
            Some(s1) => {
                self.multi.insert(s0);
                self.pairs.insert(pair(s0, s1));
            }
        }
        let i = self.entries.len() as u32;
        let here = &mut self.nodes[node as usize];
        match here.last_end {
            NONE => here.first_end = i,
            last => self.entries[last as usize].next = i,
        }
        self.nodes[node as usize].last_end = i;
        self.entries.push(Entry {
            rule,
            what,
            match_case,
            toks: tok0 as u32..self.toks.len() as u32,
            next: NONE,
        });
        true
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The [`key_sketch`] of a token's folded text. `text` is the text
    /// the token's offset is in: an ASCII word is read as the eight bytes
    /// from its start, masked to its length, with no branch on its length.
    #[inline(always)]
    fn token_sketch(&self, text: &[u8], t: &Token<'_>, scan: &mut Scan) -> u64 {
        let n = t.text.len();
        debug_assert!(text.is_empty() || text.get(t.span()) == Some(t.text.as_bytes()));
        if t.ascii
            && let Some(b) = text.get(t.start..t.start + 8)
        {
            let x = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
            // A word is at least one byte: the shift is at most 56.
            let mask = u64::MAX >> (8 * (8 - n.clamp(1, 8)));
            front_sketch(lower8(x & mask), n)
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

    /// Whether a phrase may start at a word with sketch `s0` followed by a
    /// word with sketch `s1`: no branch, three bits read.
    #[inline]
    fn may_start(&self, s0: u64, s1: u64) -> bool {
        self.single.has(s0) | (self.multi.has(s0) & self.pairs.has(pair(s0, s1)))
    }

    /// The positions in `words` (the indices in `tokens` of its words, in
    /// order) where some phrase may start, into `out`: the words before
    /// `end` (a position in `words`; the word at `end`, if any, is only
    /// looked at as the next word). One pass sketches every word once;
    /// a second reads three bits a word. Most words of a text go no
    /// further: [`Matcher::at`] is for the few that do.
    pub fn candidates(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        words: &[u32],
        end: usize,
        scan: &mut Scan,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        if self.entries.is_empty() || end == 0 {
            return;
        }
        let mut sk = std::mem::take(&mut scan.sketches);
        sk.clear();
        for &w in &words[..words.len().min(end + 1)] {
            sk.push(self.token_sketch(text.as_bytes(), &tokens[w as usize], scan));
        }
        // The last word has no next word: any pair bit will do (at worst,
        // one lookup too many).
        sk.push(0);
        for k in 0..end {
            if self.may_start(sk[k], sk[k + 1]) {
                out.push(k as u32);
            }
        }
        scan.sketches = sk;
    }

    /// Every entry matching at word `w` of `tokens` (an index into
    /// `tokens`), longest first (ties in the order added), passed to `f`.
    #[inline]
    pub fn at(&self, tokens: &[Token<'_>], w: usize, scan: &mut Scan, f: impl FnMut(Hit)) {
        if self.entries.is_empty() {
            return;
        }
        // Tokens of their own (offsets into nothing here): sketched by
        // their own bytes.
        let s0 = self.token_sketch(&[], &tokens[w], scan);
        let next = tokens[w + 1..].iter().find(|t| t.is_word());
        let s1 = next.map_or(0, |t| self.token_sketch(&[], t, scan));
        if self.may_start(s0, s1) {
            self.at_candidate(tokens, w, scan, f);
        }
    }

    /// [`Matcher::at`] for a word [`Matcher::candidates`] let through.
    #[inline]
    pub fn at_candidate(
        &self,
        tokens: &[Token<'_>],
        w: usize,
        scan: &mut Scan,
        mut f: impl FnMut(Hit),
    ) {
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
        let here = self.nodes[node as usize];
        if (here.spaced || here.glued)
            && let Some((j, spaced)) = next_token(tokens, i)
            && (if spaced { here.spaced } else { here.glued })
            && let Some(id) = self.id(tokens, j, scan)
            && let Some(&next) = self.steps.get(&step_key(node, spaced, id))
        {
            self.walk(tokens, j, next, scan, f);
        }
        if here.first_end == NONE || ends_inside_compound(tokens, i) {
            return;
        }
        let start = tokens[start_of(tokens, i, here.depth)].start;
        let mut e = here.first_end;
        while e != NONE {
            let entry = &self.entries[e as usize];
            if !entry.match_case || self.same_case(tokens, i, entry) {
                f(Hit {
                    entry: e,
                    start,
                    end: tokens[i].end(),
                });
            }
            e = entry.next;
        }
    }

    /// A rule that matches case: the phrase's tokens as written (with `’`
    /// for `'` alike), ending at token `i`.
    fn same_case(&self, tokens: &[Token<'_>], i: usize, e: &Entry) -> bool {
        let mut k = i + 1;
        for p in self.toks[e.toks.start as usize..e.toks.end as usize]
            .iter()
            .rev()
        {
            loop {
                k -= 1;
                if !tokens[k].is_space() {
                    break;
                }
            }
            let want = &self.arena[p.text.start as usize..p.text.end as usize];
            let t = tokens[k].text;
            let same = t == want || (t.contains('’') && t.replace('’', "'") == want);
            if !same {
                return false;
            }
        }
        true
    }
}

/// The token a match of `len` tokens ending at token `i` started from:
/// as many tokens back as the phrase has, skipping white space.
fn start_of(tokens: &[Token<'_>], i: usize, len: u32) -> usize {
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
