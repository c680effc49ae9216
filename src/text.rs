//! Text from banks, org files and answers, made safe to print.
//!
//! Banks are shared between people, so a prompt must not be able to move the
//! cursor, clear the screen or hide text. [`inert`] shows control characters as
//! visible symbols instead of obeying them; line breaks and tabs stay.

use std::borrow::Cow;

/// `text` with every control character, escape sequence introducer and
/// bidirectional override replaced by a visible stand-in. Newlines and tabs stay.
pub fn inert(text: &str) -> Cow<'_, str> {
    // Printable ASCII, line breaks and tabs (nearly every text) are safe
    // without decoding characters.
    let plain = |byte: &u8| matches!(byte, b' '..=b'~' | b'\n' | b'\t');
    if text.as_bytes().iter().all(plain) || !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(stand_in).collect())
}

/// Like [`inert`], for one line: newlines and tabs become visible too.
pub fn inert_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|ch| is_unsafe(ch) || ch == '\n' || ch == '\t')
    {
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

/// `text` cut to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((cut, _)) if text.chars().count() > max => format!("{}…", text[..cut].trim_end()),
        _ => text.to_string(),
    }
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

/// `"s"` unless `count` is one: `format!("{n} question{}", plural(n))`.
pub fn plural<N: PartialEq + From<u8>>(count: N) -> &'static str {
    if count == N::from(1) { "" } else { "s" }
}

/// How every text is wrapped to a terminal: to `width` (at least 20
/// columns), never inside a word, nor at a hyphen inside one (`--answer-file`,
/// a path: a command to copy must stay whole).
pub fn wrap_options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width.max(20))
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `text` wrapped to `width` as the rest of a line whose first `taken`
/// columns are already written, the lines after it indented by `hanging`
/// spaces; each line but the last ends with a newline.
pub fn wrap_after(text: &str, width: usize, taken: usize, hanging: usize) -> String {
    let first = " ".repeat(taken);
    let rest = " ".repeat(hanging);
    let options = wrap_options(width)
        .initial_indent(&first)
        .subsequent_indent(&rest);
    let mut out = String::with_capacity(text.len() + 16);
    for (idx, line) in textwrap::wrap(text, &options).iter().enumerate() {
        if idx > 0 {
            out.push('\n');
            out.push_str(line);
        } else {
            out.push_str(line.get(taken..).unwrap_or_default());
        }
    }
    out
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
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abcd", 4), "abcd");
        assert_eq!(shorten("ééééé", 3), "éé…");
    }

    #[test]
    fn plain_text_is_borrowed_and_keeps_newlines() {
        assert!(matches!(inert("line one\n\tline two"), Cow::Borrowed(_)));
        assert_eq!(inert_line("a\nb\tc"), "a\u{2424}b c");
    }

    #[test]
    fn plural_is_s_unless_one() {
        assert_eq!(plural(1_usize), "");
        assert_eq!(plural(0_u32), "s");
        assert_eq!(plural(2_i64), "s");
    }
}
