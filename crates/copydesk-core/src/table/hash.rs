// The hash functions of the compiled tables. `build.rs` lays the tables out
// with them and `src/table.rs` looks them up with them, so this one file is
// `include!`d by both: the two can never hash differently.

/// The hash of a word's bytes, for [`WordSet`](crate::table::WordSet): an
/// FxHash-style multiply over eight bytes at a time. A word of 4 to 8 bytes
/// is read as two overlapping 4-byte halves, a shorter one by its first,
/// middle and last bytes, and the last eight of a longer one overlap the
/// eight before: a few loads, no loop over the bytes. The slot is taken
/// from the top bits, which mix every input bit.
#[inline]
pub fn word_hash(w: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let n = w.len();
    let mut h = n as u64;
    let last = if n > 8 {
        let mut i = 0;
        while i + 8 < n {
            h = (h.rotate_left(26) ^ read_u64(w, i)).wrapping_mul(K);
            i += 8;
        }
        read_u64(w, n - 8)
    } else if n >= 4 {
        read_u32(w, 0) | read_u32(w, n - 4) << 32
    } else if n > 0 {
        u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16
    } else {
        0
    };
    (h.rotate_left(26) ^ last).wrapping_mul(K)
}

/// The eight bytes of `w` from `i`, little-endian (one load).
#[inline(always)]
fn read_u64(w: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&w[i..i + 8]);
    u64::from_le_bytes(b)
}

/// The four bytes of `w` from `i`, little-endian.
#[inline(always)]
fn read_u32(w: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&w[i..i + 4]);
    u64::from(u32::from_le_bytes(b))
}

/// The first slot to probe for the trie edge from `node` by `byte`, in a
/// table of `2^(32 - shift)` slots.
#[inline]
pub fn edge_slot(node: u16, byte: u8, shift: u32) -> usize {
    (((u32::from(node) << 8) | u32::from(byte)).wrapping_mul(0x9e37_79b1) >> shift) as usize
}
