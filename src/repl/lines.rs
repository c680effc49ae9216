//! Where the quiz's input lines come from: rustyline in a terminal, or plain
//! lines from a pipe (script mode: no prompts, one answer a line).
//!
//! Both give the same three outcomes, so the quiz loop has one shape: a line,
//! Ctrl-C, or the end of input.

use std::io::{self, BufRead};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{DefaultHistory, History};
use rustyline::validate::Validator;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, ExternalPrinter,
    Helper, KeyEvent, Movement, RepeatCount,
};

use super::signals::{self, Alarm, restore_terminal_on_signals};

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

/// The words Tab completes at the quiz prompt.
pub const QUIZ_COMMANDS: &[&str] = &[":help", ":hint", ":skip", ":explain", ":score", ":quit"];

/// rustyline in a terminal, with history kept in the data dir.
pub struct Terminal {
    editor: Editor<QuizHelper, DefaultHistory>,
    history_path: Option<PathBuf>,
    /// The exam's deadline, and the printer that makes rustyline wait on its
    /// signal pipe (kept open: a closed one would wake it for ever).
    alarm: Option<(Alarm, Box<dyn ExternalPrinter>)>,
}

impl Terminal {
    /// The terminal reader; from here on a SIGTERM, SIGHUP or SIGQUIT puts
    /// the terminal back before the process ends.
    pub fn new(history_path: Option<PathBuf>) -> Result<Terminal, ReadlineError> {
        restore_terminal_on_signals();
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
            alarm: None,
        })
    }

    /// Ends input `after` from now (an exam's time limit), even in the middle
    /// of typing: the prompt is interrupted and reads from then on are the end
    /// of input.
    pub fn end_after(&mut self, after: Duration) -> io::Result<()> {
        // With an external printer rustyline waits on its signal pipe as well
        // as on the keyboard, so the alarm's interrupt wakes it from any thread.
        // A terminal rustyline can't drive (TERM=dumb) has none; its session
        // still ends at the first answer after the limit.
        // In the background rustyline is stopped before it reads (SIGTTOU),
        // and SIGINT should keep its default there.
        if !signals::in_foreground() {
            return Ok(());
        }
        if let Ok(printer) = self.editor.create_external_printer() {
            self.alarm = Some((Alarm::start(after)?, Box::new(printer)));
        }
        Ok(())
    }
}

impl LineReader for Terminal {
    fn deadline_passed(&self) -> bool {
        self.alarm.as_ref().is_some_and(|(alarm, _)| alarm.rang())
    }

    fn read(&mut self, prompt: &str) -> io::Result<Line> {
        if self.deadline_passed() {
            return Ok(Line::Eof);
        }
        let read = self.editor.readline(prompt);
        if self.deadline_passed() {
            return Ok(Line::Eof);
        }
        match read {
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
