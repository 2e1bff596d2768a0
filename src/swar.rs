//! Eight bytes at a time ("SIMD within a register"): what the byte scanners of the
//! readers and extractors share. Each scanner states its own per-byte test next to it.

/// `0x01` in every byte; `ONES * b` is the byte `b` in all eight lanes.
pub(crate) const ONES: u64 = u64::MAX / 255;

/// The eight bytes of `bytes` from `at` on as one little-endian word (byte `at` in the
/// lowest lane), or `None` when fewer than eight are left.
pub(crate) fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Bit 7 set in each lane of `x` from the first byte that is not printable ASCII on (a
/// byte below `!`, or outside ASCII); the lowest set bit is exact, so
/// `trailing_zeros() / 8` is the length of the printable-ASCII run that opens `x`.
// A subtraction borrows only past a flagged byte: flags above the first may be false.
pub(crate) fn unprintable(x: u64) -> u64 {
    (x.wrapping_sub(ONES * u64::from(b'!')) | x) & (ONES * 0x80)
}
