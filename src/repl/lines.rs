//! Where the quiz's input lines come from: rustyline in a terminal, or plain
//! lines from a pipe (script mode: no prompts, one answer a line).
//!
//! Both give the same three outcomes, so the quiz loop has one shape: a line,
//! Ctrl-C, or the end of input.

use std::io::{self, BufRead};
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{DefaultHistory, History};
use rustyline::validate::Validator;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, Helper, KeyEvent,
    Movement, RepeatCount,
};

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

/// The words Tab completes at the quiz prompt.
pub const QUIZ_COMMANDS: &[&str] = &[":help", ":hint", ":skip", ":explain", ":score", ":quit"];

/// rustyline in a terminal, with history kept in the data dir.
pub struct Terminal {
    editor: Editor<QuizHelper, DefaultHistory>,
    history_path: Option<PathBuf>,
}

impl Terminal {
    pub fn new(history_path: Option<PathBuf>) -> Result<Terminal, ReadlineError> {
        let mut editor = Editor::new()?;
        editor.set_helper(Some(QuizHelper));
        editor.bind_sequence(
            KeyEvent::ctrl('C'),
            EventHandler::Conditional(Box::new(ClearOrInterrupt)),
        );
        if let Some(path) = &history_path {
            // A missing history file is the normal first run, not an error.
            let _ = editor.load_history(path);
        }
        Ok(Terminal {
            editor,
            history_path,
        })
    }
}

impl LineReader for Terminal {
    fn read(&mut self, prompt: &str) -> io::Result<Line> {
        match self.editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = self.editor.history_mut().add(&line);
                    if let Some(path) = &self.history_path {
                        if let Some(dir) = path.parent() {
                            let _ = std::fs::create_dir_all(dir);
                        }
                        let _ = self.editor.save_history(path);
                    }
                }
                Ok(Line::Text(line))
            }
            Err(ReadlineError::Interrupted) => Ok(Line::Interrupted),
            Err(ReadlineError::Eof) => Ok(Line::Eof),
            Err(ReadlineError::Io(error)) => Err(error),
            Err(other) => Err(io::Error::other(other.to_string())),
        }
    }

    fn is_interactive(&self) -> bool {
        true
    }
}

/// Ctrl-C clears a line being typed; on an empty line it interrupts (skips).
struct ClearOrInterrupt;

impl ConditionalEventHandler for ClearOrInterrupt {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if ctx.line().is_empty() {
            None
        } else {
            Some(Cmd::Kill(Movement::WholeLine))
        }
    }
}

/// Tab completion of the quiz's `:` commands.
pub struct QuizHelper;

impl Completer for QuizHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let typed = &line[..pos];
        if !typed.starts_with(':') || typed.contains(' ') {
            return Ok((0, Vec::new()));
        }
        let matches = QUIZ_COMMANDS
            .iter()
            .filter(|command| command.starts_with(typed))
            .map(|command| Pair {
                display: command.to_string(),
                replacement: command.to_string(),
            })
            .collect();
        Ok((0, matches))
    }
}

impl Hinter for QuizHelper {
    type Hint = String;
}

impl Highlighter for QuizHelper {}

impl Validator for QuizHelper {}

impl Helper for QuizHelper {}
