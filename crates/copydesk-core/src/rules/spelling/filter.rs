// The spelling rules' first test of a word: a bit for each listed spelling,
// from its length and its first and last two bytes. `build.rs` sets the
// bits and the rules test them with this one function, so this file is
// `include!`d by both: the two can never disagree.

/// Bits in the filter: 2^17, a 16 KiB table, about one bit in sixteen set.
pub const FILTER_BITS: u32 = 17;

/// The filter bit of a word of at least two bytes: two loads and a
/// multiply, far cheaper than hashing the whole word.
#[inline(always)]
pub fn filter_bit(w: &[u8]) -> usize {
    let n = w.len();
    let k = u32::from(w[0])
        | u32::from(w[1]) << 8
        | u32::from(w[n - 2]) << 16
        | u32::from(w[n - 1]) << 24;
    ((k ^ (n as u32).wrapping_mul(0x8765_4321)).wrapping_mul(0x9e37_79b1) >> (32 - FILTER_BITS))
        as usize
}
