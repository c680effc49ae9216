//! Answers written as lists: `b`, `a, c`, `2 3`, `2;1;3`, `a and c`, `b)`.
//!
//! Choice and order answers are both lists of short entries; this file splits
//! them the same way for both, and reads a 1-based number.

/// The entries of a list answer: separated by commas, semicolons, white space
/// or the word `and`, each without wrapping brackets or a trailing period.
pub fn entries(answer: &str) -> impl Iterator<Item = &str> {
    answer
        .split(|ch: char| ch == ',' || ch == ';' || ch.is_whitespace())
        .map(|entry| entry.trim_matches(|ch| matches!(ch, '(' | ')' | '.' | '[' | ']')))
        .filter(|entry| !entry.is_empty() && !entry.eq_ignore_ascii_case("and") && entry != &"&")
}

/// What a list entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A 1-based number, converted to a 0-based index (`u64::MAX` when too large
    /// to mean anything, so it is out of range like any other large number).
    Index(u64),
    /// A single letter `a`..`z`, as a 0-based index.
    Letter(u64),
    /// Anything else.
    Junk,
}

/// Reads one entry as a number or a letter.
pub fn read(entry: &str) -> Entry {
    if !entry.is_empty() && entry.bytes().all(|byte| byte.is_ascii_digit()) {
        return match entry.parse::<u64>() {
            Ok(0) | Err(_) => Entry::Index(u64::MAX),
            Ok(number) => Entry::Index(number - 1),
        };
    }
    let mut chars = entry.chars();
    match (chars.next(), chars.next()) {
        (Some(letter), None) if letter.is_ascii_alphabetic() => {
            Entry::Letter(u64::from(letter.to_ascii_lowercase() as u8 - b'a'))
        }
        _ => Entry::Junk,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_split_on_commas_spaces_and_and() {
        let split: Vec<&str> = entries(" a, c;d  2 and (b) 3.").collect();
        assert_eq!(split, ["a", "c", "d", "2", "b", "3"]);
    }

    #[test]
    fn numbers_and_letters_are_zero_based() {
        assert_eq!(read("1"), Entry::Index(0));
        assert_eq!(read("0"), Entry::Index(u64::MAX));
        assert_eq!(read("99999999999999999999999"), Entry::Index(u64::MAX));
        assert_eq!(read("C"), Entry::Letter(2));
        assert_eq!(read("é"), Entry::Junk);
        assert_eq!(read("ab"), Entry::Junk);
    }
}
