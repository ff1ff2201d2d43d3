// The hash functions of the compiled tables. `build.rs` lays the tables out
// with them and `src/table.rs` looks them up with them, so this one file is
// `include!`d by both: the two can never hash differently.

/// The hash of a word's bytes, for [`WordSet`](crate::table::WordSet): an
/// FxHash-style multiply over eight bytes at a time (most words take one or
/// two steps). The slot is taken from the top bits, which mix every input
/// bit.
#[inline]
pub fn word_hash(w: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(26) ^ x).wrapping_mul(K);
    }
    let mut x = 0u64;
    for (k, &b) in chunks.remainder().iter().enumerate() {
        x |= u64::from(b) << (8 * k);
    }
    (h.rotate_left(26) ^ x).wrapping_mul(K)
}

/// The first slot to probe for the trie edge from `node` by `byte`, in a
/// table of `2^(32 - shift)` slots.
#[inline]
pub fn edge_slot(node: u16, byte: u8, shift: u32) -> usize {
    (((u32::from(node) << 8) | u32::from(byte)).wrapping_mul(0x9e37_79b1) >> shift) as usize
}
