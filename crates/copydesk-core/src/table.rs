//! Static word tables compiled from `rules/` by `build.rs`.

include!("table/hash.rs");

/// A set of lower-case words, built at compile time from a list in
/// `rules/`: a hash table of buckets. The words are stored grouped by the
/// bucket their hash falls in, each as its length (one byte) and its bytes,
/// and a table gives where each bucket starts; two to four words share a
/// bucket. A look-up hashes the word, reads two offsets and compares the
/// few words of one bucket, which lie together: two or three cache lines,
/// where a binary search over a sorted list read a dozen spread over many
/// pages. (For a long run over many words, the pages a look-up may touch
/// matter too: these tables are smaller than the sorted list and its
/// offsets were.) A second table, read only by [`WordSet::get`] and
/// [`WordSet::iter`], lists where the words start in sorted order.
#[derive(Debug)]
pub struct WordSet {
    /// The words, bucket after bucket, each as `[len, bytes...]`.
    blob: &'static str,
    /// Little-endian `u32`s: where bucket `b` starts in `blob` (bucket `b`
    /// ends where `b + 1` starts); a power of two of buckets, plus one.
    buckets: &'static [u8],
    /// Little-endian `u32`s: where each word starts (its length byte) in
    /// `blob`, in sorted order.
    sorted: &'static [u8],
    /// `64 - log2(buckets)`: a word's bucket is its hash's top bits.
    shift: u32,
}

/// The little-endian `u32` at index `i` of `table`; 0 past its end.
#[inline]
fn u32_at(table: &[u8], i: usize) -> usize {
    let Some(bytes) = table.get(4 * i..4 * i + 4) else {
        return 0;
    };
    u32::from_le_bytes(bytes.try_into().unwrap_or([0; 4])) as usize
}

impl WordSet {
    pub const fn new(
        blob: &'static str,
        buckets: &'static [u8],
        sorted: &'static [u8],
        shift: u32,
    ) -> Self {
        WordSet {
            blob,
            buckets,
            sorted,
            shift,
        }
    }

    pub fn len(&self) -> usize {
        self.sorted.len() / 4
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// The `i`-th word in sorted order.
    pub fn get(&self, i: usize) -> &'static str {
        assert!(i < self.len(), "word {i} of {}", self.len());
        let at = u32_at(self.sorted, i);
        let len = usize::from(self.blob.as_bytes()[at]);
        &self.blob[at + 1..at + 1 + len]
    }

    /// Whether `word` (already lower-case) is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// Whether the word spelled by `w` (already lower-case) is in the set;
    /// for callers that fold a word into a byte buffer.
    #[inline]
    pub fn contains_bytes(&self, w: &[u8]) -> bool {
        if w.is_empty() || w.len() > 255 {
            return false; // no such entry: build.rs checks
        }
        let b = (word_hash(w) >> self.shift) as usize;
        let (mut at, end) = (u32_at(self.buckets, b), u32_at(self.buckets, b + 1));
        let blob = self.blob.as_bytes();
        while at < end {
            let len = usize::from(blob[at]);
            if len == w.len() && blob.get(at + 1..at + 1 + len) == Some(w) {
                return true;
            }
            at += 1 + len;
        }
        false
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

    /// The hash table finds every word of every table, in sorted order by
    /// `get`, and no word with one letter changed that the table does not
    /// hold.
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
