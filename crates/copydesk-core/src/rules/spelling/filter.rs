// The spelling rules' first test of a word: a Bloom filter of the listed
// spellings, keyed by a word's last eight bytes (all of it, if shorter)
// and its length. `build.rs` sets the bits and the rules test them with
// this one function, so this file is `include!`d by both: the two can
// never disagree.

/// Words of the filter: 2^11 `u64`s, 16 KiB.
pub const FILTER_WORDS_LOG2: u32 = 11;

/// The bytes of a word's last eight that are its own, by its length (the
/// top bytes: the last eight end with the word).
const OWN: [u64; 9] = [
    0,
    0xff << 56,
    0xffff << 48,
    0xff_ffff << 40,
    0xffff_ffff << 32,
    0xff_ffff_ffff << 24,
    0xffff_ffff_ffff << 16,
    0xff_ffff_ffff_ffff << 8,
    u64::MAX,
];

/// Where a word of `len` bytes whose last eight bytes are `last8`
/// (little-endian, read from eight bytes before its end: whatever lies
/// before a shorter word is masked off here) lies in the filter: a `u64`
/// of it, and two bits of that `u64` (a blocked Bloom filter: one cache
/// line). One load and one multiply, far cheaper than hashing the whole
/// word; about one word of copy in a hundred has both bits set.
#[inline(always)]
pub fn filter_slot(last8: u64, len: usize) -> (usize, u64) {
    let k = (last8 & OWN[len.min(8)]) ^ len as u64;
    // The folded 128-bit product mixes every bit of the key into both
    // halves.
    let p = u128::from(k) * 0xf135_7aea_2e62_a9c5;
    let h = p as u64 ^ (p >> 64) as u64;
    let bits = 1 << (h & 63) | 1 << ((h >> 6) & 63);
    ((h >> (64 - FILTER_WORDS_LOG2)) as usize, bits)
}
