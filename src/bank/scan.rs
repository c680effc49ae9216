//! Looking through text for the few bytes that end a line or a string: the
//! loader spends much of its time finding them in large banks, and the
//! `memchr` crate finds them many bytes at a time.

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
    let controls = rest[..candidate]
        .iter()
        .fold(false, |found, &byte| found | is_control(byte));
    let end = if controls {
        rest[..candidate]
            .iter()
            .position(|&byte| is_control(byte))
            .unwrap_or(candidate)
    } else {
        candidate
    };
    (end < rest.len()).then_some(from + end)
}

/// A control character that a basic string may not hold (tab may be there).
fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

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
