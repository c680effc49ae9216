//! Where the quiz's and the sandbox's input lines come from: the terminal
//! ([`super::editor::Terminal`], rustyline), or plain lines from a pipe
//! (script mode: no prompts, one answer a line).
//!
//! Both give the same three outcomes, so the quiz loop has one shape: a line,
//! Ctrl-C, or the end of input.

use std::io::{self, BufRead};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::org::Org;

/// One read from the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// Ctrl-C on an empty line.
    Interrupted,
    /// Ctrl-D, or the end of piped input.
    Eof,
}

/// A source of input lines.
pub trait LineReader {
    fn read(&mut self, prompt: &str) -> io::Result<Line>;

    /// Whether a person is typing (prompts, multi-line recall answers).
    fn is_interactive(&self) -> bool;

    /// Whether the reader's own deadline ([`Terminal::end_after`]) has passed;
    /// once it has, every read is the end of input.
    fn deadline_passed(&self) -> bool {
        false
    }

    /// What Tab completes from now on (a terminal's business; lines from a
    /// pipe ignore it).
    fn complete(&mut self, _what: Completing<'_>) {}
}

/// What the prompt being read completes.
#[derive(Debug, Clone, Copy)]
pub enum Completing<'a> {
    /// The quiz's `answer> `: its `:` commands.
    Answer,
    /// An interview's `answer> `: its few `:` commands.
    Interview,
    /// A scenario's `org> `: its `:` commands, and org commands with the
    /// names in this org.
    Scenario(&'a Org),
    /// `xcdrill sandbox`: org commands with the names in this org, and the
    /// sandbox's own words.
    Sandbox(&'a Org),
}

/// Lines from a pipe or file; invalid UTF-8 is replaced, never fatal.
pub struct Piped<R> {
    input: R,
}

impl<R: BufRead> Piped<R> {
    pub fn new(input: R) -> Piped<R> {
        Piped { input }
    }
}

impl<R: BufRead> LineReader for Piped<R> {
    fn read(&mut self, _prompt: &str) -> io::Result<Line> {
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(Line::Eof);
        }
        let text = String::from_utf8_lossy(&bytes);
        Ok(Line::Text(text.trim_end_matches(['\n', '\r']).to_string()))
    }

    fn is_interactive(&self) -> bool {
        false
    }
}

/// Lines from a pipe with a time limit: they are read on a thread of their
/// own, so an exam ends at its limit even when the pipe gives nothing more
/// (a script that stalls, a person typing into `cat | xcdrill`).
pub struct PipedUntil {
    lines: mpsc::Receiver<io::Result<Line>>,
    deadline: Instant,
    passed: bool,
}

impl PipedUntil {
    /// Reads `input` until `after` from now; from then on, reads are the end of input.
    pub fn new<R: BufRead + Send + 'static>(input: R, after: Duration) -> PipedUntil {
        let (send, lines) = mpsc::sync_channel(1);
        let deadline = Instant::now() + after;
        let spawned = std::thread::Builder::new()
            .name("xcdrill-input".to_string())
            .spawn(move || {
                let mut piped = Piped::new(input);
                loop {
                    let line = piped.read("");
                    let more = matches!(line, Ok(Line::Text(_)));
                    if send.send(line).is_err() || !more {
                        return;
                    }
                }
            });
        // Without the thread no line arrives: the session ends at the limit.
        drop(spawned);
        PipedUntil {
            lines,
            deadline,
            passed: false,
        }
    }
}

impl LineReader for PipedUntil {
    fn read(&mut self, _prompt: &str) -> io::Result<Line> {
        if self.passed {
            return Ok(Line::Eof);
        }
        let left = self.deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(left) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                self.passed = true;
                Ok(Line::Eof)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Ok(Line::Eof),
        }
    }

    fn is_interactive(&self) -> bool {
        false
    }

    fn deadline_passed(&self) -> bool {
        self.passed
    }
}
