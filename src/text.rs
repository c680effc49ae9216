//! Text from banks, org files and answers, made safe to print.
//!
//! Banks are shared between people, so a prompt must not be able to move the
//! cursor, clear the screen or hide text. [`inert`] shows control characters as
//! visible symbols instead of obeying them; line breaks and tabs stay.

use std::borrow::Cow;

/// `text` with every control character, escape sequence introducer and
/// bidirectional override replaced by a visible stand-in. Newlines and tabs stay.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(stand_in).collect())
}

/// Like [`inert`], for one line: newlines and tabs become visible too.
pub fn inert_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|ch| is_unsafe(ch) || ch == '\n' || ch == '\t') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|ch| match ch {
                '\n' => '\u{2424}',
                '\t' => ' ',
                other => stand_in(other),
            })
            .collect(),
    )
}

fn is_unsafe(ch: char) -> bool {
    (ch.is_control() && ch != '\n' && ch != '\t')
        || matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn stand_in(ch: char) -> char {
    if !is_unsafe(ch) {
        return ch;
    }
    match ch as u32 {
        // C0 controls have visible "control pictures" at U+2400.
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}'),
        0x7F => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(inert("x\u{7}\u{9b}y"), "x\u{2407}\u{FFFD}y");
        assert_eq!(inert("rtl\u{202E}txt"), "rtl\u{FFFD}txt");
    }

    #[test]
    fn plain_text_is_borrowed_and_keeps_newlines() {
        assert!(matches!(inert("line one\n\tline two"), Cow::Borrowed(_)));
        assert_eq!(inert_line("a\nb\tc"), "a\u{2424}b c");
    }
}
