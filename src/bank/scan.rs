//! Looking through text for a few bytes eight at a time: the loader spends much
//! of its time finding the end of lines and strings in large banks.
//!
//! Each test works on a `u64` of eight bytes with the classic bit tricks; the
//! answers are exact for the word as a whole, and callers look at the bytes one
//! by one only in a word that has something to find.

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// Whether any byte of `word` is `byte`.
pub fn has_byte(word: u64, byte: u8) -> bool {
    let diff = word ^ (ONES * u64::from(byte));
    diff.wrapping_sub(ONES) & !diff & HIGHS != 0
}

/// Whether any byte of `word` is below `limit` (at most 0x80).
pub fn has_byte_below(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS != 0
}

/// The first index at or after `from` where `stop` holds for eight bytes at a
/// time as `word_stops` says, then byte by byte.
fn find(
    bytes: &[u8],
    mut from: usize,
    word_stops: impl Fn(u64) -> bool,
    stop: impl Fn(u8) -> bool,
) -> Option<usize> {
    while let Some(word) = bytes.get(from..from + 8) {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        if word_stops(u64::from_le_bytes(word)) {
            break;
        }
        from += 8;
    }
    bytes
        .get(from..)?
        .iter()
        .position(|&byte| stop(byte))
        .map(|offset| from + offset)
}

/// The index of the first line feed at or after `from`.
pub fn find_newline(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'\n', bytes.get(from..)?).map(|at| from + at)
}

/// The index of the first byte at or after `from` that ends the inside of a
/// basic string or is not allowed there: `"`, `\`, or a control character
/// other than tab.
pub fn find_string_end(bytes: &[u8], from: usize) -> Option<usize> {
    // The memchr crate finds the first `"`, `\` or line feed many bytes at a
    // time; the control characters before it (hardly ever any) are looked
    // for in one pass that the compiler also does many bytes at a time.
    let rest = bytes.get(from..)?;
    let candidate = memchr::memchr3(b'"', b'\\', b'\n', rest).unwrap_or(rest.len());
    let controls = rest[..candidate].iter().fold(false, |found, &byte| {
        found | ((byte < 0x20) & (byte != b'\t')) | (byte == 0x7f)
    });
    if !controls {
        return (candidate < rest.len()).then_some(from + candidate);
    }
    find(
        bytes,
        from,
        |word| {
            has_byte(word, b'"')
                || has_byte(word, b'\\')
                || has_byte_below(word, 0x20)
                || has_byte(word, 0x7f)
        },
        |byte| byte == b'"' || byte == b'\\' || (byte < 0x20 && byte != b'\t') || byte == 0x7f,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_tell_exactly_whether_they_hold_a_byte() {
        for word in [
            *b"abcdefgh",
            *b"\"bcdefgh",
            *b"abcdefg\"",
            *b"\x80\xff\x00\"ab\n!",
        ] {
            let value = u64::from_le_bytes(word);
            assert_eq!(has_byte(value, b'"'), word.contains(&b'"'));
            assert_eq!(has_byte(value, b'\n'), word.contains(&b'\n'));
            assert_eq!(
                has_byte_below(value, 0x20),
                word.iter().any(|&byte| byte < 0x20)
            );
        }
        assert!(!has_byte(u64::from_le_bytes(*b"\x80\xff\x00#ab\n!"), b'"'));
        assert!(!has_byte_below(
            u64::from_le_bytes(*b"\x80\xff !~\x7fab"),
            0x20
        ));
    }

    #[test]
    fn finds_match_a_byte_by_byte_search() {
        let text = "a long line of text é\tthat goes on\n\"quoted\\\" \u{7f}\x01 end";
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let newline = bytes[from..].iter().position(|&b| b == b'\n');
            assert_eq!(find_newline(bytes, from), newline.map(|at| from + at));
            let end = bytes[from..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f);
            assert_eq!(find_string_end(bytes, from), end.map(|at| from + at));
        }
        assert_eq!(find_newline(bytes, bytes.len() + 1), None);
    }
}
