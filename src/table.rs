//! Static word tables compiled from `rules/` by `build.rs`.

include!("table/hash.rs");

/// A set of lower-case words, built at compile time from a list in
/// `rules/`. The words are stored sorted in one string with a table of end
/// offsets (for [`WordSet::get`] and [`WordSet::iter`]), and hashed into an
/// open-addressing table (linear probing, at most two-thirds full) of
/// four-byte slots, `offset << 8 | length` of a word in the string (0: an
/// empty slot). A look-up hashes the word once and reads one slot, rarely
/// a few neighbours in the same cache line, and the string only where the
/// length matches: a line or two of the binary where a binary search read
/// a dozen, spread over many pages.
#[derive(Debug)]
pub struct WordSet {
    blob: &'static str,
    ends: &'static [u32],
    /// The hash table: little-endian `u32`s, a power of two of them.
    slots: &'static [u8],
    /// `64 - log2(slots)`: the slot of a word is its hash's top bits.
    shift: u32,
}

impl WordSet {
    pub const fn new(
        blob: &'static str,
        ends: &'static [u32],
        slots: &'static [u8],
        shift: u32,
    ) -> Self {
        WordSet {
            blob,
            ends,
            slots,
            shift,
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The `i`-th word in sorted order.
    pub fn get(&self, i: usize) -> &'static str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.blob[start..self.ends[i] as usize]
    }

    /// Whether `word` (already lower-case) is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// Whether the word spelled by `w` (already lower-case) is in the set;
    /// for callers that fold a word into a byte buffer.
    pub fn contains_bytes(&self, w: &[u8]) -> bool {
        if w.is_empty() || w.len() > 255 {
            return false; // no such entry: build.rs checks
        }
        let mask = self.slots.len() / 4 - 1;
        let mut s = (word_hash(w) >> self.shift) as usize;
        loop {
            let Some(bytes) = self.slots.get(4 * s..4 * s + 4) else {
                return false;
            };
            let e = u32::from_le_bytes(bytes.try_into().unwrap_or([0; 4]));
            if e == 0 {
                return false;
            }
            if (e & 0xff) as usize == w.len() {
                let at = (e >> 8) as usize;
                if self.blob.as_bytes().get(at..at + w.len()) == Some(w) {
                    return true;
                }
            }
            s = (s + 1) & mask;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A set of byte strings with a small value each (up to 10 bits), built at
/// compile time from a table in `rules/`, read one byte at a time: for the
/// longest listed prefix of a word ("hon" in "honest") or a key spelled
/// over several tokens ("square" " " "miles"), each step one look-up, and a
/// walk stops as soon as no key starts with what it has read.
///
/// The trie is stored as a hash table of its edges. The node a walk reaches
/// is the slot that holds its last edge; the edge from node `n` by byte `b`
/// is found by hashing `(n, b)` ([`edge_slot`]) and probing on. Each slot is
/// a `u32`: `parent << 18 | byte << 10 | value`, parent [`Trie::EMPTY`] in
/// an empty slot. The table is at most half full.
#[derive(Debug)]
pub struct Trie {
    slots: &'static [u32],
    /// `32 - log2(slots.len())`.
    shift: u32,
}

impl Trie {
    /// The node before any byte is read.
    pub const ROOT: u16 = 0x3fff;
    /// The parent in an empty slot.
    const EMPTY: u32 = 0x3ffe;

    pub const fn new(slots: &'static [u32], shift: u32) -> Self {
        Trie { slots, shift }
    }

    /// The node reached from `node` by `byte`, if any key goes on that way.
    #[inline]
    pub fn child(&self, node: u16, byte: u8) -> Option<u16> {
        self.step(node, byte).map(|(n, _)| n)
    }

    /// [`Trie::child`] and the value of the key that ends there (0: none),
    /// read from the same slot.
    #[inline]
    pub fn step(&self, node: u16, byte: u8) -> Option<(u16, u16)> {
        let mask = self.slots.len() - 1;
        let key = (u32::from(node) << 8) | u32::from(byte);
        let mut s = edge_slot(node, byte, self.shift);
        loop {
            let e = self.slots[s & mask];
            if e >> 10 == key {
                return Some(((s & mask) as u16, (e & 0x3ff) as u16));
            }
            if e >> 18 == Self::EMPTY {
                return None;
            }
            s += 1;
        }
    }

    /// The node reached from `node` by the bytes of `bytes`.
    #[inline]
    pub fn walk(&self, mut node: u16, bytes: &[u8]) -> Option<u16> {
        for &b in bytes {
            node = self.child(node, b)?;
        }
        Some(node)
    }

    /// The value of the key that ends at `node`: 0 if none does.
    #[inline]
    pub fn value(&self, node: u16) -> u16 {
        self.slots
            .get(usize::from(node))
            .map_or(0, |&e| (e & 0x3ff) as u16)
    }

    /// The value of `key`: 0 if it is not listed.
    pub fn get(&self, key: &[u8]) -> u16 {
        self.walk(Self::ROOT, key).map_or(0, |n| self.value(n))
    }
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash table finds every word of every table, and no word with
    /// one letter changed that the table does not hold.
    #[test]
    fn hash_finds_every_word() {
        for set in [
            &ENGLISH_WORDS,
            &GLUED_SHORT,
            &REPEAT_GRAMMATICAL,
            &ARTICLE_LABEL_BEFORE,
            &ARTICLE_NOT_AFTER,
        ] {
            let words: Vec<&str> = set.iter().collect();
            assert!(words.windows(2).all(|w| w[0] < w[1]));
            for w in &words {
                assert!(set.contains(w), "{w}");
                let mut other = w.as_bytes().to_vec();
                other[0] = if other[0] == b'z' { b'a' } else { other[0] + 1 };
                if let Ok(o) = std::str::from_utf8(&other) {
                    assert_eq!(set.contains(o), words.binary_search(&o).is_ok(), "{o}");
                }
            }
            assert!(!set.contains(""));
            assert!(!set.contains("\u{10FFFF}"));
            assert_eq!(set.len(), words.len());
        }
    }
}
