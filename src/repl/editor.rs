//! The one terminal front end of the quiz, a scenario's `org> ` prompt and the
//! sandbox: rustyline with history kept in the data dir, Tab completion and
//! dimmed hints ([`EditorHelper`]), and one Ctrl-C rule: it clears the line
//! being typed, and only on an empty line does it reach the caller.

use std::borrow::Cow;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use rustyline::completion::{Completer, Pair};
use rustyline::config::{Behavior, ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{DefaultHistory, History};
use rustyline::validate::Validator;
use rustyline::{
    Cmd, ConditionalEventHandler, Context, Editor, Event, EventContext, EventHandler,
    ExternalPrinter, Helper, KeyEvent, Movement, RepeatCount,
};

use super::lines::{Completing, Line, LineReader};
use super::prompt_command::{self, Prompt};
use super::sandbox_helper::{SESSION_WORDS, SandboxHelper};
use super::signals::{self, Alarm, restore_terminal_on_signals};

/// rustyline in a terminal, with history kept in the data dir.
pub struct Terminal {
    editor: Editor<EditorHelper, DefaultHistory>,
    history_path: Option<PathBuf>,
    /// The exam's deadline, and the printer that makes rustyline wait on its
    /// signal pipe (kept open: a closed one would wake it for ever).
    alarm: Option<(Alarm, Box<dyn ExternalPrinter>)>,
}

impl Terminal {
    /// The terminal reader (hints dimmed when `color`); from here on a
    /// SIGTERM, SIGHUP or SIGQUIT puts the terminal back before the process ends.
    pub fn new(history_path: Option<PathBuf>, color: bool) -> Result<Terminal, ReadlineError> {
        restore_terminal_on_signals();
        let config = Config::builder()
            // Edit on the terminal itself, so that a piped stdout
            // (`xcdrill sandbox | tee log`) gets results but no prompt or escape codes.
            .behavior(Behavior::PreferTerm)
            .completion_type(CompletionType::List)
            .color_mode(if color {
                ColorMode::Enabled
            } else {
                ColorMode::Disabled
            })
            .build();
        let mut editor = Editor::with_config(config)?;
        editor.set_helper(Some(EditorHelper {
            words: Vec::new(),
            org: None,
            dim_hints: color,
        }));
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

    fn complete(&mut self, what: Completing<'_>) {
        if let Some(helper) = self.editor.helper_mut() {
            helper.set(what);
        }
    }
}

/// Ctrl-C clears a line being typed; on an empty line it interrupts.
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

/// Tab completion and hints for whichever prompt is being read: the `:`
/// commands of the quiz's prompts, and org commands with the names in the
/// org (the sandbox's, or a scenario's scratch copy).
pub struct EditorHelper {
    /// The `:` words this prompt understands.
    words: Vec<&'static str>,
    org: Option<SandboxHelper>,
    dim_hints: bool,
}

impl EditorHelper {
    fn set(&mut self, what: Completing<'_>) {
        let (words, org, session_words): (Vec<&'static str>, _, &'static [&'static str]) =
            match what {
                Completing::Answer => (prompt_command::names(Prompt::Answer).collect(), None, &[]),
                Completing::Interview => (
                    prompt_command::names(Prompt::Interview).collect(),
                    None,
                    &[],
                ),
                Completing::Scenario(org) => (
                    prompt_command::names(Prompt::Org).collect(),
                    Some(org),
                    &["help"],
                ),
                Completing::Sandbox(org) => (Vec::new(), Some(org), SESSION_WORDS),
            };
        self.words = words;
        self.org = org.map(|org| {
            let mut helper = SandboxHelper::new(org, self.dim_hints);
            helper.session_words = session_words;
            helper
        });
    }

    /// Where the word being typed starts, and its completions.
    fn completions(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let typed = line.get(..pos).unwrap_or(line);
        if typed.starts_with(':') && !typed.contains(' ') {
            let pairs = self
                .words
                .iter()
                .filter(|word| word.starts_with(typed))
                .map(|word| Pair {
                    display: word.to_string(),
                    replacement: word.to_string(),
                })
                .collect();
            return (0, pairs);
        }
        match &self.org {
            Some(org) => org.completions(line, pos),
            None => (0, Vec::new()),
        }
    }
}

impl Completer for EditorHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.completions(line, pos))
    }
}

impl Hinter for EditorHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.org
            .as_ref()
            .filter(|_| !line.starts_with(':'))
            .and_then(|org| org.hint(line, pos, ctx))
    }
}

impl Highlighter for EditorHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.dim_hints {
            Cow::Owned(format!("\u{1b}[2m{hint}\u{1b}[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

impl Validator for EditorHelper {}

impl Helper for EditorHelper {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Org;

    fn replacements(helper: &EditorHelper, line: &str) -> Vec<String> {
        let (_, pairs) = helper.completions(line, line.len());
        pairs.into_iter().map(|pair| pair.replacement).collect()
    }

    #[test]
    fn the_scenario_prompt_completes_colon_commands_and_org_commands() {
        let mut org = Org::new();
        org.run_line("create internal user Dana role Boss");
        let mut helper = EditorHelper {
            words: Vec::new(),
            org: None,
            dim_hints: false,
        };
        helper.set(Completing::Answer);
        assert_eq!(replacements(&helper, ":mo"), [":more"]);
        assert!(replacements(&helper, "ena").is_empty());
        helper.set(Completing::Scenario(&org));
        assert_eq!(replacements(&helper, ":un"), [":undo"]);
        assert_eq!(replacements(&helper, "ena"), ["enable "]);
        assert_eq!(replacements(&helper, "assign role Boss to D"), ["Dana "]);
        assert_eq!(replacements(&helper, "he"), ["help "]);
        assert!(replacements(&helper, "re").is_empty(), "no `reset` at org>");
        helper.set(Completing::Sandbox(&org));
        assert!(replacements(&helper, ":un").is_empty());
        assert_eq!(replacements(&helper, "re"), ["reset "]);
    }
}
