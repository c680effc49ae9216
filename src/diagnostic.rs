//! Problems found in a text file (a bank, an org file, a script), located by
//! `path:line:col` and rendered with the offending line and a marker.
//!
//! TOML spans are byte offsets; people count characters, so columns here are
//! 1-based character counts. A [`SourceText`] indexes line starts once, on the
//! first span it locates, so locating many spans in one large file stays cheap and
//! a file with nothing to locate costs nothing.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::text::{inert, wrap_after};

/// Whether a problem stops the content from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it (or `<embedded>/name.toml`).
    pub path: Arc<str>,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    pub message: String,
    /// The offending line, empty when there is none.
    pub snippet: String,
    /// How many characters of the snippet the marker underlines (at least 1).
    pub marker_width: usize,
    /// What to do about it, in one line.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (unreadable, too large, not UTF-8).
    pub fn file(
        path: &Arc<str>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: Arc::clone(path),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: String::new(),
            marker_width: 0,
            hint: Some(hint.into()),
        }
    }

    /// A problem with something defined at `path:line:col`, when the text
    /// itself is not at hand (checks that run on validated content).
    pub fn at(
        path: &Arc<str>,
        line: usize,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            line,
            column,
            ..Diagnostic::file(path, message, hint)
        }
    }

    /// Turns this problem into a warning.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// `path:line:col`, or just the path for whole-file problems.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.path.to_string()
        } else {
            format!("{}:{}:{}", self.path, self.line, self.column)
        }
    }
}

impl fmt::Display for Diagnostic {
    /// Renders like a compiler message:
    ///
    /// ```text
    /// error: duplicate question id `setup.order`
    ///   --> content/setup.toml:12:6
    ///    |
    /// 12 | id = "setup.order"
    ///    |      ^^^^^^^^^^^^^
    ///    = hint: ids must be unique across all banks
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.label())?;
        self.fmt_after_label(f, None)
    }
}

impl Diagnostic {
    /// `error` or `warning`: what [`Display`](fmt::Display) starts with, for
    /// callers that style it.
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The rendering after [`label`](Self::label), from its colon on.
    ///
    /// With a `width` (a terminal's), the message and the hint wrap to it;
    /// the location and the snippet never do.
    pub fn fmt_after_label(&self, f: &mut impl fmt::Write, width: Option<usize>) -> fmt::Result {
        let message = inert(&self.message);
        match width {
            Some(width) => {
                let taken = self.label().len() + 2;
                writeln!(f, ": {}", wrap_after(&message, width, taken, 2))?;
            }
            None => writeln!(f, ": {message}")?,
        }
        let gutter = self.line.to_string().len();
        writeln!(f, "{:gutter$}--> {}", "", inert(&self.location()))?;
        if self.line > 0 && !self.snippet.is_empty() {
            let snippet = inert(&self.snippet);
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {snippet}", self.line)?;
            let pad = self.column.saturating_sub(1);
            write!(f, "{:gutter$} | {:pad$}", "", "")?;
            for _ in 0..self.marker_width.max(1) {
                f.write_char('^')?;
            }
            writeln!(f)?;
        }
        if let Some(hint) = &self.hint {
            let hint = inert(hint);
            let hint = match width {
                Some(width) => Cow::Owned(wrap_after(&hint, width, gutter + 9, gutter + 9)),
                None => hint,
            };
            writeln!(f, "{:gutter$} = hint: {hint}", "")?;
        }
        Ok(())
    }
}

/// A line start whose 1-based line number is known, to count lines from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub offset: usize,
    pub line: usize,
}

/// The longest snippet printed; longer lines are cut with an ellipsis.
const MAX_SNIPPET_CHARS: usize = 160;

/// A file's text with its line starts indexed, for turning byte spans into
/// located diagnostics.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    pub path: Arc<str>,
    pub text: &'a str,
    /// Built on first use: loading a large valid bank never needs it.
    /// Byte offsets of line starts, as `u32`: every text located here is
    /// far below 4 GiB (bank files 8 MiB, result files 64 MiB).
    line_starts: OnceLock<Vec<u32>>,
}

impl<'a> SourceText<'a> {
    pub fn new(path: Arc<str>, text: &'a str) -> SourceText<'a> {
        SourceText {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            // memchr's SIMD search indexes a 6 MB bank file in about a
            // millisecond; the breaks are counted first so the index is
            // allocated once, at its size.
            let breaks = || memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|idx| idx + 1);
            let mut line_starts = Vec::with_capacity(breaks().count() + 1);
            line_starts.push(0);
            line_starts.extend(breaks().map(|start| u32::try_from(start).unwrap_or(u32::MAX)));
            line_starts
        })
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        self.locate_from(None, offset)
    }

    /// [`locate`](Self::locate), counting lines from `anchor` when it comes
    /// before `offset`.
    pub fn locate_from(&self, anchor: Option<Anchor>, offset: usize) -> (usize, usize) {
        let (line, column, _) = self.position(offset, anchor);
        (line, column)
    }

    /// Line, column and the byte where the line starts, of a byte offset:
    /// counted from `anchor` when it comes before the offset, else looked up
    /// in the file's line index.
    fn position(&self, offset: usize, anchor: Option<Anchor>) -> (usize, usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let (line, start) = match anchor {
            Some(anchor)
                if anchor.offset <= offset
                    && (anchor.offset == 0
                        || self.text.as_bytes().get(anchor.offset - 1) == Some(&b'\n')) =>
            {
                let between = &self.text.as_bytes()[anchor.offset..offset];
                let breaks = memchr::memchr_iter(b'\n', between).count();
                let start = memchr::memrchr(b'\n', between)
                    .map_or(anchor.offset, |at| anchor.offset + at + 1);
                (anchor.line + breaks, start)
            }
            _ => {
                let line_starts = self.line_starts();
                let key = u32::try_from(offset).unwrap_or(u32::MAX);
                let line_idx = match line_starts.binary_search(&key) {
                    Ok(idx) => idx,
                    Err(idx) => idx - 1,
                };
                (line_idx + 1, line_starts[line_idx] as usize)
            }
        };
        let column = self.text[start..offset].chars().count() + 1;
        (line, column, start)
    }

    /// A diagnostic pointing at `span`.
    pub fn error(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        self.error_from(None, span, message, hint)
    }

    /// [`error`](Self::error), counting lines from `anchor` (a line start
    /// before `span` whose line is known) rather than indexing the whole file:
    /// an entry's checks know where their entry starts.
    pub fn error_from(
        &self,
        anchor: Option<Anchor>,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        let (line, column, line_start) = self.position(span.start, anchor);
        let rest = &self.text[line_start..];
        let line_text = rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())]
            .trim_end_matches('\r');
        let (snippet, shown_chars) = cut_snippet(line_text);
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(self.text, span.end.clamp(start, self.text.len()));
        let span_chars = self.text[start..end]
            .split('\n')
            .next()
            .unwrap_or("")
            .chars()
            .count();
        let room = shown_chars.saturating_sub(column - 1).max(1);
        Diagnostic {
            severity: Severity::Error,
            path: Arc::clone(&self.path),
            line,
            column,
            message: message.into(),
            snippet,
            marker_width: span_chars.clamp(1, room),
            hint: Some(hint.into()),
        }
    }

    /// "path:line" of a byte offset, for naming where something was defined.
    pub fn origin(&self, offset: usize) -> String {
        let (line, column) = self.locate(offset);
        format!("{}:{line}:{column}", self.path)
    }
}

fn cut_snippet(line: &str) -> (String, usize) {
    let n_chars = line.chars().count();
    if n_chars <= MAX_SNIPPET_CHARS {
        (line.to_string(), n_chars)
    } else {
        let cut: String = line.chars().take(MAX_SNIPPET_CHARS).collect();
        (format!("{cut}…"), MAX_SNIPPET_CHARS)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = SourceText::new("a.toml".into(), "x = 1\nnamé = \"é\" # bad\n");
        let offset = source.text.find("# bad").unwrap();
        assert_eq!(source.locate(offset), (2, 12));
        let diagnostic = source.error(offset..offset + 5, "bad thing", "fix it");
        assert_eq!(diagnostic.location(), "a.toml:2:12");
        assert_eq!(diagnostic.snippet, "namé = \"é\" # bad");
        assert_eq!(diagnostic.marker_width, 5);
    }

    #[test]
    fn rendering_shows_snippet_marker_and_hint() {
        let source = SourceText::new("b.toml".into(), "id = \"x\"\n");
        let rendered = source
            .error(5..8, "duplicate id `x`", "rename it")
            .to_string();
        assert_eq!(
            rendered,
            "error: duplicate id `x`\n --> b.toml:1:6\n  |\n1 | id = \"x\"\n  |      ^^^\n  = hint: rename it\n"
        );
    }

    #[test]
    fn at_a_terminal_the_message_and_hint_wrap_but_the_snippet_does_not() {
        let source = SourceText::new(
            "b.toml".into(),
            "phrases = [\"a long phrase of the rubric\"]\n",
        );
        let diagnostic = source.error(
            11..38,
            "the model answer with `owner` and `user` swapped still passes (100%)",
            "give the concept a `subject` from that `confusable` group",
        );
        let mut wrapped = diagnostic.label().to_string();
        diagnostic.fmt_after_label(&mut wrapped, Some(30)).unwrap();
        assert_eq!(
            wrapped,
            "error: the model answer with\n  `owner` and `user` swapped\n  still passes (100%)\n \
             --> b.toml:1:12\n  |\n1 | phrases = [\"a long phrase of the rubric\"]\n  |            \
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  = hint: give the concept a\n          `subject` from that\n          \
             `confusable` group\n"
        );
        // Without a width (a pipe), a line each, as `Display` prints it.
        let mut plain = diagnostic.label().to_string();
        diagnostic.fmt_after_label(&mut plain, None).unwrap();
        assert_eq!(plain, diagnostic.to_string());
        assert_eq!(plain.lines().count(), 6);
    }

    #[test]
    fn offsets_past_the_end_and_inside_characters_are_clamped() {
        let source = SourceText::new("c.toml".into(), "é");
        assert_eq!(source.locate(1), (1, 1));
        assert_eq!(source.locate(99), (1, 2));
    }

    #[test]
    fn counting_from_an_anchor_locates_like_the_line_index() {
        let text = "a = 1\n\n[[question]]\nid = \"é\"\r\nprompt = \"x\"\nlast";
        let source = SourceText::new("d.toml".into(), text);
        let header = text.find("[[question]]").unwrap();
        let anchor = Anchor {
            offset: header,
            line: 3,
        };
        for offset in 0..=text.len() + 1 {
            let indexed = source.locate(offset);
            let wanted = if offset >= header { Some(anchor) } else { None };
            assert_eq!(
                source.locate_from(wanted, offset),
                indexed,
                "offset {offset}"
            );
            let from_anchor = source.error_from(wanted, offset..offset + 1, "m", "h");
            let from_index = source.error(offset..offset + 1, "m", "h");
            assert_eq!(from_anchor, from_index, "offset {offset}");
        }
        // An anchor that is not at a line start is not counted from.
        let mid_line = Anchor {
            offset: header + 2,
            line: 99,
        };
        assert_eq!(source.locate_from(Some(mid_line), header + 4), (3, 5));
    }
}
