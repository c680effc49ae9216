//! A small stable hash (64-bit FNV-1a) for content hashes.
//!
//! Content hashes are stored with reviews and written into result files, so they
//! must not change between Rust versions; std's `DefaultHasher` makes no such
//! promise.

/// 64-bit FNV-1a.
#[derive(Debug, Clone)]
pub struct Fnv64(u64);

impl Fnv64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub fn new() -> Fnv64 {
        Fnv64(Self::OFFSET)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    /// Writes a string followed by a separator, so `("ab", "c")` and `("a", "bc")`
    /// hash differently.
    pub fn write_str(&mut self, text: &str) {
        self.write(text.as_bytes());
        self.write(&[0xff]);
    }

    /// The hash as 16 lowercase hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv64 {
    fn default() -> Fnv64 {
        Fnv64::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_vectors_and_separates_fields() {
        let mut empty = Fnv64::new();
        empty.write(b"");
        assert_eq!(empty.hex(), "cbf29ce484222325");
        let mut a = Fnv64::new();
        a.write(b"a");
        assert_eq!(a.hex(), "af63dc4c8601ec8c");
        let (mut left, mut right) = (Fnv64::new(), Fnv64::new());
        left.write_str("ab");
        left.write_str("c");
        right.write_str("a");
        right.write_str("bc");
        assert_ne!(left.hex(), right.hex());
    }
}
