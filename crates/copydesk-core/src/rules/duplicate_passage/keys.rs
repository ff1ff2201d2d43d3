//! Keys of words, and how keys are combined: what the second pass compares
//! passages by.

use crate::token::Token;

/// ASCII words of eight bytes or fewer: their bytes, case folded by
/// setting bit 5 (which changes no other character a word or number holds:
/// digits, `'`, `,`, `-`, `.`), are their key.
const FOLD: u64 = 0x2020_2020_2020_2020;

/// The key of a word or number in `text`: one load for a short ASCII word;
/// see [`long_word_key`] for the rest.
#[inline(always)]
pub(super) fn word_key(text: &[u8], t: &Token<'_>) -> u64 {
    let n = t.text.len();
    if t.ascii
        && n <= 8
        && let Some(b) = text.get(t.start..t.start + 8)
    {
        let x = u64::from_le_bytes(b.try_into().unwrap_or_default());
        return (x | FOLD) & (u64::MAX >> (64 - 8 * n));
    }
    long_word_key(t.text, t.ascii)
}

/// [`word_key`] of a word that is long, not ASCII, or at the end of the
/// text: the same key for the same folded word.
#[cold]
fn long_word_key(w: &str, ascii: bool) -> u64 {
    if ascii {
        let b = w.as_bytes();
        let load = |chunk: &[u8]| {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            (u64::from_le_bytes(buf) | FOLD) & (u64::MAX >> (64 - 8 * chunk.len()))
        };
        if b.len() <= 8 {
            return load(b);
        }
        b.chunks(8)
            .fold(b.len() as u64, |h, chunk| mix(h, load(chunk)))
    } else {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in crate::words::folded_chars(w) {
            h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
        }
        h
    }
}

/// One key into another, order mattering.
#[inline(always)]
pub(super) fn mix(h: u64, k: u64) -> u64 {
    (h.rotate_left(23) ^ k).wrapping_mul(0x9e6c_63d0_676a_9a99)
}

/// The keys are hashes already: a map takes them as they are.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of each word of `s`, as tokenized.
    fn keys(s: &str) -> Vec<u64> {
        crate::token::tokenize(s)
            .filter(|t| t.kind == crate::token::TokenKind::Word)
            .map(|t| word_key(s.as_bytes(), &t))
            .collect()
    }

    #[test]
    fn a_key_folds_case_and_ignores_what_follows() {
        // Near the end of the text (no eight bytes to load) or not.
        assert_eq!(
            keys("Council council"),
            keys("council COUNCIL and more")[..2]
        );
        assert_eq!(keys("a"), keys("A b c d e f g h i")[..1]);
        assert_ne!(keys("council"), keys("councils"));
        assert_ne!(keys("counter"), keys("counted"));
        // Long words and words that are not ASCII.
        assert_eq!(
            keys("Internationalisation"),
            keys("internationalisation x")[..1]
        );
        assert_eq!(keys("Émile"), keys("émile"));
        assert_ne!(keys("Émile"), keys("Emile"));
    }
}
