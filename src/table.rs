//! Static word tables compiled from `rules/` by `build.rs`.

/// A sorted set of lower-case words stored as one string and a table of end
/// offsets, with an index by first byte. Built at compile time; a look-up is
/// a binary search among the words that start with the same byte.
#[derive(Debug)]
pub struct WordSet {
    blob: &'static str,
    ends: &'static [u32],
    /// `by_first[b]`: the index of the first word whose first byte is `b`
    /// or more; `by_first[256]` is the number of words.
    by_first: &'static [u32; 257],
}

impl WordSet {
    pub const fn new(
        blob: &'static str,
        ends: &'static [u32],
        by_first: &'static [u32; 257],
    ) -> Self {
        WordSet {
            blob,
            ends,
            by_first,
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
    pub fn contains(&self, word: &str) -> bool {
        let (mut lo, mut hi) = match word.as_bytes().first() {
            Some(&b) => (
                self.by_first[usize::from(b)] as usize,
                self.by_first[usize::from(b) + 1] as usize,
            ),
            None => (0, self.by_first[0] as usize),
        };
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte index finds every word of every table, and no word
    /// with one letter changed that the table does not hold.
    #[test]
    fn index_by_first_byte() {
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
        }
    }
}
