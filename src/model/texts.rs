//! A list of strings packed into one allocation.
//!
//! A loaded bank holds hundreds of thousands of short strings (choices, accepted
//! answers, phrases); as `Vec<String>` each costs its own allocation, and the
//! allocator's rounding and bookkeeping cost more than the text itself. The
//! budget for loading 50,000 questions (BENCHMARKS.md: under 3× the bank's
//! size in memory) leaves no room for that, so each list is one string in which
//! every item is preceded by its length in bytes and a colon: `5:hello3:abc`.

use std::fmt;

/// The longest text the model holds, and the longest string a bank or a
/// result file may have: 16 KiB.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// Strings in order, in one allocation; see the module documentation.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Texts(Box<str>);

impl Texts {
    /// The items in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { rest: &self.0 }
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The item at `idx`, if there is one.
    pub fn get(&self, idx: usize) -> Option<&str> {
        self.iter().nth(idx)
    }

    /// The first item, if there is one.
    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// The items as a `Vec`, for callers that index or sort them.
    pub fn to_vec(&self) -> Vec<&str> {
        self.iter().collect()
    }
}

impl Texts {
    /// Packs `items`, which are gone through twice: to size the packed string,
    /// so that it is allocated once, then to fill it.
    pub fn pack<'a, I>(items: I) -> Texts
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: Clone,
    {
        let items = items.into_iter();
        let len = items
            .clone()
            .map(|item| item.len() + decimal_digits(item.len()) + 1)
            .sum();
        let mut packed = String::with_capacity(len);
        for item in items {
            push_decimal(&mut packed, item.len());
            packed.push(':');
            packed.push_str(item);
        }
        Texts(packed.into_boxed_str())
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(items: I) -> Texts {
        let items: Vec<S> = items.into_iter().collect();
        Texts::pack(items.iter().map(AsRef::as_ref))
    }
}

/// Appends `number` in decimal (without `write!`, which costs more than the
/// short texts it precedes).
fn push_decimal(packed: &mut String, number: usize) {
    let digits = decimal_digits(number);
    let mut divisor = 10usize.pow(digits as u32 - 1);
    while divisor > 0 {
        let digit = (number / divisor) % 10;
        packed.push(char::from(b'0' + digit as u8));
        divisor /= 10;
    }
}

fn decimal_digits(mut number: usize) -> usize {
    let mut digits = 1;
    while number >= 10 {
        number /= 10;
        digits += 1;
    }
    digits
}

impl<'a> IntoIterator for &'a Texts {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Texts {
    fn eq(&self, other: &[S]) -> bool {
        self.iter().map(Some).chain(std::iter::once(None)).eq(other
            .iter()
            .map(|item| Some(item.as_ref()))
            .chain(std::iter::once(None)))
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Texts {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

/// The items of a [`Texts`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        // Only `FromIterator` builds the packed string, so every step succeeds;
        // a malformed one would simply end the list.
        // The length's digits are read by hand: `split_once` and `parse` cost
        // more than the short items they find (lint iterates them often).
        let bytes = self.rest.as_bytes();
        let mut len: usize = 0;
        let mut digits = 0;
        while let Some(&byte) = bytes.get(digits)
            && byte.is_ascii_digit()
        {
            len = len.checked_mul(10)?.checked_add(usize::from(byte - b'0'))?;
            digits += 1;
        }
        if digits == 0 || bytes.get(digits) != Some(&b':') {
            return None;
        }
        let rest = &self.rest[digits + 1..];
        let item = rest.get(..len)?;
        self.rest = rest.get(len..)?;
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_as_packed() {
        let items = ["", "a:b", "12:x", "été", "line\nbreak"];
        let texts: Texts = items.iter().collect();
        assert_eq!(texts, items);
        assert_eq!(texts.len(), 5);
        assert_eq!(texts.get(3), Some("été"));
        assert_eq!(texts.get(5), None);
        assert_eq!(texts.first(), Some(""));
        assert_eq!(format!("{texts:?}"), format!("{items:?}"));
        let empty = Texts::default();
        assert!(empty.is_empty());
        assert_eq!(empty.len(), 0);
        assert_eq!(empty, [] as [&str; 0]);
        assert_ne!(texts, items[..4]);
        let long = "x".repeat(12_345);
        let texts: Texts = [long.as_str(), "", "123456789"].iter().collect();
        assert_eq!(texts, [long.as_str(), "", "123456789"]);
        assert_eq!(decimal_digits(0), 1);
        assert_eq!(decimal_digits(9), 1);
        assert_eq!(decimal_digits(10), 2);
        assert_eq!(decimal_digits(12_345), 5);
        for number in [0, 7, 10, 99, 100, 16_384, 1_000_001] {
            let mut packed = String::new();
            push_decimal(&mut packed, number);
            assert_eq!(packed, number.to_string());
        }
    }
}
