//! Splitting a bank file's text at its top-level `[[fact]]` and `[[question]]`
//! header lines, so that each entry can be parsed, checked and dropped on its own
//! instead of holding the whole file's TOML tree in memory (BENCHMARKS.md).
//!
//! The lexer here only needs to know where a line starts outside any value: it
//! skips comments, basic and literal strings (multi-line ones included) and
//! tracks the nesting of arrays and inline tables, which may span lines. A header
//! is a line at nesting depth 0 that reads `[[fact]]` or `[[question]]` with bare
//! keys, optionally surrounded by spaces and followed by a comment. Any other way
//! of writing the same header (`[["question"]]`) is simply not a split point.
//!
//! Splitting is a fast path, not a second TOML parser: a wrong split always leaves
//! an unterminated string, array or table in one of the chunks, and a missed one
//! leaves two entries in one chunk; either way `bank::parse` notices and the file
//! is read whole, the exact way. So where cutting cannot be exact (a preamble that
//! defines `question` another way, keys of other tables between entries, a header
//! inside an unclosed array), the diagnostics are still the whole file's.
//!
//! A large file is lexed in two halves at once ([`halves`], [`join`]): the second
//! half is lexed as if its first line were outside any value, and is kept only if
//! lexing the first half indeed ends there.

use std::ops::Range;

/// Which array of tables a chunk's header opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Fact,
    Question,
}

impl Table {
    /// The key as written in banks.
    pub fn key(self) -> &'static str {
        match self {
            Table::Fact => "fact",
            Table::Question => "question",
        }
    }
}

/// One entry's text: from its header line to the next header line (or the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub table: Table,
    pub span: Range<usize>,
    /// The 1-based line the chunk starts on, so that entries are located without
    /// indexing every line of the file.
    pub line: usize,
}

/// A file's text cut at its header lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// Everything before the first header: `format_version` and any stray keys.
    pub preamble: Range<usize>,
    /// The entries, in file order, covering the rest of the text without gaps.
    pub chunks: Vec<Chunk>,
}

/// Cuts `text` before every top-level `[[fact]]` and `[[question]]` line, in
/// one piece (the loader cuts in parallel pieces; tests compare the two).
#[cfg(test)]
pub fn split(text: &str) -> Split {
    let lexed = lex(text, Lexed::start(0), text.len());
    cut(text, &lexed.headers)
}

/// Where the lexer stands, and the headers it found so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexed {
    /// The byte it stopped at.
    pos: usize,
    depth: usize,
    line_start: bool,
    headers: Vec<(usize, Table)>,
}

impl Lexed {
    /// Before the line starting at `pos`, outside any value.
    fn start(pos: usize) -> Lexed {
        Lexed {
            pos,
            depth: 0,
            line_start: true,
            headers: Vec::new(),
        }
    }

    /// Whether the lexer stands before the line starting at `pos`, outside any
    /// value: where the lexing of a second half started.
    fn is_at_start_of(&self, pos: usize) -> bool {
        self.pos == pos && self.depth == 0 && self.line_start
    }
}

/// The two halves in which a large file is lexed on two cores: the second
/// starts at a line start near the middle.
pub fn halves(text: &str) -> [Range<usize>; 2] {
    let middle = text.len() / 2;
    let second = text.as_bytes()[middle..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(text.len(), |offset| middle + offset + 1);
    [0..second, second..text.len()]
}

/// Lexes one half of [`halves`], as if it started outside any value.
pub fn lex_half(text: &str, half: Range<usize>) -> Lexed {
    lex(text, Lexed::start(half.start), half.end)
}

/// The cut of a text lexed whole by [`lex_half`].
pub fn finish(text: &str, lexed: Lexed) -> Split {
    cut(text, &lexed.headers)
}

/// Joins the lexing of the two halves into the cut of the whole text. When the
/// first half did not end outside any value (the middle is inside a multi-line
/// string or array), the second half's lexing is wrong: it is thrown away and
/// the first half's lexing goes on to the end instead.
pub fn join(text: &str, first: Lexed, second: Lexed, second_start: usize) -> Split {
    let headers = if first.is_at_start_of(second_start) {
        let mut headers = first.headers;
        headers.extend(second.headers);
        headers
    } else {
        lex(text, first, text.len()).headers
    };
    cut(text, &headers)
}

/// Lexes `text` from `lexed` on, until a line start at or after `until` (or the
/// end), collecting headers.
fn lex(text: &str, mut lexed: Lexed, until: usize) -> Lexed {
    let bytes = text.as_bytes();
    let until = until.min(bytes.len());
    let mut idx = lexed.pos;
    let mut depth = lexed.depth;
    let mut line_start = lexed.line_start;
    while idx < until {
        if line_start {
            line_start = false;
            let start = idx;
            while idx < bytes.len() && matches!(bytes[idx], b' ' | b'\t') {
                idx += 1;
            }
            if depth == 0 && bytes.get(idx) == Some(&b'[') {
                // A table header: it ends at its line's end (keys cannot hold a
                // line break), and its brackets are no values.
                if let Some(table) = header_table(&bytes[idx..]) {
                    lexed.headers.push((start, table));
                }
                idx = skip_line(bytes, idx);
                continue;
            }
        }
        // Most of a bank is plain text: skip it a byte at a time without the
        // branches below.
        while idx < bytes.len() && !is_special(bytes[idx], OUTSIDE) {
            idx += 1;
        }
        let Some(&byte) = bytes.get(idx) else {
            break;
        };
        idx = match byte {
            b'\n' => {
                line_start = true;
                idx + 1
            }
            b'#' => skip_comment(bytes, idx),
            b'"' => skip_basic_string(bytes, idx),
            b'\'' => skip_literal_string(bytes, idx),
            b'[' | b'{' => {
                depth += 1;
                idx + 1
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                idx + 1
            }
            _ => idx + 1,
        };
    }
    lexed.pos = idx.min(bytes.len());
    lexed.depth = depth;
    lexed.line_start = line_start;
    lexed
}

/// The chunks that `headers` (offsets of header lines, in order) cut `text` in.
fn cut(text: &str, headers: &[(usize, Table)]) -> Split {
    let bytes = text.as_bytes();
    let preamble_end = headers.first().map_or(text.len(), |&(start, _)| start);
    let mut line = 1;
    let mut counted = 0;
    let chunks = headers
        .iter()
        .enumerate()
        .map(|(n, &(start, table))| {
            let end = headers.get(n + 1).map_or(text.len(), |&(next, _)| next);
            line += count_lines(&bytes[counted..start]);
            counted = start;
            Chunk {
                table,
                span: start..end,
                line,
            }
        })
        .collect();
    Split {
        preamble: 0..preamble_end,
        chunks,
    }
}

/// Classes of bytes the lexer stops at, as bits of [`CLASSES`].
const OUTSIDE: u8 = 1;
const IN_BASIC: u8 = 2;
const IN_LITERAL: u8 = 4;

/// For each byte, the contexts in which the lexer must look at it: outside
/// strings, inside basic strings, inside literal strings.
static CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    classes[b'\n' as usize] = OUTSIDE | IN_BASIC | IN_LITERAL;
    classes[b'#' as usize] = OUTSIDE;
    classes[b'"' as usize] = OUTSIDE | IN_BASIC;
    classes[b'\'' as usize] = OUTSIDE | IN_LITERAL;
    classes[b'\\' as usize] = IN_BASIC;
    classes[b'[' as usize] = OUTSIDE;
    classes[b']' as usize] = OUTSIDE;
    classes[b'{' as usize] = OUTSIDE;
    classes[b'}' as usize] = OUTSIDE;
    classes
};

fn is_special(byte: u8, context: u8) -> bool {
    CLASSES[usize::from(byte)] & context != 0
}

/// The index of the first byte at or after `pos` that matters in `context`.
fn skip_plain(bytes: &[u8], mut pos: usize, context: u8) -> usize {
    // Strings are most of a bank's text: the memchr crate looks through them
    // many bytes at a time for the two or three bytes that matter there.
    let rest = bytes.get(pos..).unwrap_or_default();
    let found = match context {
        IN_BASIC => Some(memchr::memchr3(b'"', b'\\', b'\n', rest)),
        IN_LITERAL => Some(memchr::memchr2(b'\'', b'\n', rest)),
        _ => None,
    };
    if let Some(found) = found {
        return pos + found.unwrap_or(rest.len());
    }
    while pos < bytes.len() && !is_special(bytes[pos], context) {
        pos += 1;
    }
    pos
}

fn count_lines(bytes: &[u8]) -> usize {
    // Counting in `u8` lanes lets the compiler compare many bytes at a time; runs
    // of 255 bytes keep a lane from overflowing.
    bytes
        .chunks(255)
        .map(|run| {
            let n = run.iter().fold(0u8, |n, &byte| n + u8::from(byte == b'\n'));
            usize::from(n)
        })
        .sum()
}

/// The table of a `[[fact]]` or `[[question]]` header line, `line` starting at
/// its first `[`.
fn header_table(line: &[u8]) -> Option<Table> {
    let rest = line.strip_prefix(b"[[")?;
    let rest = trim_blanks(rest);
    let (table, rest) = if let Some(rest) = rest.strip_prefix(b"question") {
        (Table::Question, rest)
    } else if let Some(rest) = rest.strip_prefix(b"fact") {
        (Table::Fact, rest)
    } else {
        return None;
    };
    let rest = trim_blanks(rest).strip_prefix(b"]]")?;
    let rest = trim_blanks(rest);
    match rest.first() {
        None | Some(b'\n' | b'#') => Some(table),
        Some(b'\r') if matches!(rest.get(1), None | Some(b'\n')) => Some(table),
        _ => None,
    }
}

fn trim_blanks(bytes: &[u8]) -> &[u8] {
    let blanks = bytes
        .iter()
        .take_while(|&&byte| matches!(byte, b' ' | b'\t'))
        .count();
    &bytes[blanks..]
}

/// The index of the line break ending the line at `idx` (or the end): the break
/// itself is left for the caller, so that the next line's start is noticed.
fn skip_line(bytes: &[u8], idx: usize) -> usize {
    bytes[idx..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |len| idx + len)
}

fn skip_comment(bytes: &[u8], idx: usize) -> usize {
    skip_line(bytes, idx)
}

/// Past a `"..."` or `"""..."""` string starting at `idx`. A single-line string
/// left open stops at its line's end, as the TOML parser will complain there.
fn skip_basic_string(bytes: &[u8], idx: usize) -> usize {
    if bytes[idx..].starts_with(b"\"\"\"") {
        let mut pos = idx + 3;
        while pos < bytes.len() {
            pos = skip_plain(bytes, pos, IN_BASIC);
            match bytes.get(pos) {
                Some(b'\\') => pos += 2,
                Some(b'"') if bytes[pos..].starts_with(b"\"\"\"") => {
                    return end_of_quotes(bytes, pos + 3, b'"');
                }
                _ => pos += 1,
            }
        }
        return bytes.len();
    }
    let mut pos = idx + 1;
    while pos < bytes.len() {
        pos = skip_plain(bytes, pos, IN_BASIC);
        match bytes.get(pos) {
            Some(b'\\') => pos += 2,
            Some(b'"') => return pos + 1,
            Some(b'\n') => return pos,
            _ => pos += 1,
        }
    }
    bytes.len()
}

/// Past a `'...'` or `'''...'''` string starting at `idx`; no escapes in these.
fn skip_literal_string(bytes: &[u8], idx: usize) -> usize {
    if bytes[idx..].starts_with(b"'''") {
        let mut pos = idx + 3;
        while pos < bytes.len() {
            if bytes[pos] == b'\'' && bytes[pos..].starts_with(b"'''") {
                return end_of_quotes(bytes, pos + 3, b'\'');
            }
            pos += 1;
        }
        return bytes.len();
    }
    let mut pos = idx + 1;
    while pos < bytes.len() {
        pos = skip_plain(bytes, pos, IN_LITERAL);
        match bytes.get(pos) {
            Some(b'\'') => return pos + 1,
            Some(b'\n') => return pos,
            _ => pos += 1,
        }
    }
    bytes.len()
}

/// A multi-line string may end with up to two quotes of its own right before
/// the closing three (`""""" ` is `""` then the delimiter).
fn end_of_quotes(bytes: &[u8], pos: usize, quote: u8) -> usize {
    let extra = bytes[pos..]
        .iter()
        .take(2)
        .take_while(|&&byte| byte == quote)
        .count();
    (pos + extra).min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<(usize, Table)> {
        split(text)
            .chunks
            .iter()
            .map(|chunk| (chunk.span.start, chunk.table))
            .collect()
    }

    fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count() + 1
    }

    #[test]
    fn cuts_at_top_level_headers_only() {
        let text = "format_version = 1\n\n[[fact]]\nid = \"a.b\"\n\n  [[question]] # first\nid = \"x.y\"\n[[question.concept]]\nname = \"n\"\n[[question]]\r\nid = \"x.z\"\n";
        let split = split(text);
        assert_eq!(split.preamble, 0..20);
        let lines: Vec<_> = starts(text)
            .into_iter()
            .map(|(offset, table)| (line_of(text, offset), table))
            .collect();
        let counted: Vec<_> = split
            .chunks
            .iter()
            .map(|chunk| (chunk.line, chunk.table))
            .collect();
        assert_eq!(counted, lines);
        assert_eq!(
            lines,
            [
                (3, Table::Fact),
                (6, Table::Question),
                (10, Table::Question)
            ]
        );
        let covered: usize = split.chunks.iter().map(|chunk| chunk.span.len()).sum();
        assert_eq!(split.preamble.len() + covered, text.len());
    }

    #[test]
    fn headers_inside_multi_line_strings_are_not_split_points() {
        for text in [
            "x = \"\"\"\n[[question]]\n\"\"\"\n[[question]]\n",
            "x = '''\n[[question]]\n'''\n[[question]]\n",
            "x = \"\"\"\\\"\"\"\n[[question]]\n\"\"\"\"\"\n[[question]]\n",
            "x = '''a'''''\n[[question]]\n",
        ] {
            let found: Vec<_> = starts(text)
                .into_iter()
                .map(|(offset, _)| line_of(text, offset))
                .collect();
            let expected = if text.starts_with("x = '''a") {
                vec![2]
            } else {
                vec![4]
            };
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn headers_inside_arrays_comments_and_other_keys_are_not_split_points() {
        let text = "a = [\n[[question]]\n]\nb = { c = [\n[[fact]]\n] }\n# [[question]]\n[[questions]]\n[[question.concept]]\n[[ \"question\" ]]\ns = \"[\" # ]\n[[question]]\n";
        let found: Vec<_> = starts(text)
            .into_iter()
            .map(|(offset, _)| line_of(text, offset))
            .collect();
        assert_eq!(found, [12]);
    }

    #[test]
    fn long_strings_are_skipped_whole() {
        let filler = "x".repeat(37);
        for quote in ["\"", "'", "\"\"\"", "'''"] {
            let text = format!(
                "a = {quote}{filler}\\\\{filler}[[question]]{filler}{quote}\n[[question]]\nb = {quote}{filler}{quote}\n"
            );
            let found: Vec<_> = starts(&text)
                .into_iter()
                .map(|(offset, _)| line_of(&text, offset))
                .collect();
            assert_eq!(found, [2], "{text}");
        }
    }

    #[test]
    fn halves_lexed_apart_cut_like_the_whole() {
        let bank = "format_version = 1\n\n[[question]]\nid = \"a.b\"\n\n".repeat(9);
        for text in [
            bank.clone(),
            format!("{bank}x = \"\"\"\n{bank}\"\"\"\n{bank}"),
            format!("{bank}x = [\n{bank}]\n{bank}"),
            format!("{bank}x = '''\n{bank}\n'''"),
            format!("{bank}x = \"\"\"\n{bank}{bank}\"\"\"\n"),
            String::new(),
            "[[question]]".to_string(),
        ] {
            let [first, second] = halves(&text);
            assert_eq!(first.end, second.start);
            let joined = join(
                &text,
                lex_half(&text, first),
                lex_half(&text, second.clone()),
                second.start,
            );
            assert_eq!(joined, split(&text), "{text}");
        }
    }

    #[test]
    fn lines_are_counted_across_runs() {
        let text = "a\n".repeat(1000);
        assert_eq!(count_lines(text.as_bytes()), 1000);
        assert_eq!(count_lines(&[b'\n'; 600]), 600);
        assert_eq!(count_lines(b""), 0);
    }

    #[test]
    fn a_file_without_headers_is_all_preamble() {
        let text = "format_version = 1\n";
        assert_eq!(
            split(text),
            Split {
                preamble: 0..text.len(),
                chunks: Vec::new()
            }
        );
    }
}
