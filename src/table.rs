//! Static word tables compiled from `rules/` by `build.rs`.

/// A sorted set of lower-case words stored as one string and a table of end
/// offsets. Built at compile time; a look-up is a binary search.
#[derive(Debug)]
pub struct WordSet {
    blob: &'static str,
    ends: &'static [u32],
}

impl WordSet {
    pub const fn new(blob: &'static str, ends: &'static [u32]) -> Self {
        WordSet { blob, ends }
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
        let (mut lo, mut hi) = (0usize, self.ends.len());
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
