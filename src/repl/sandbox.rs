//! The sandbox session: an org to try commands on, with `undo`, `reset`,
//! `save FILE`, `help` and `quit`, read through rustyline.
//!
//! The loop is dumb: read a line, [`Session::handle`] it, print what came back.
//! The session is plain data, so scripts, piped stdin and the terminal all go
//! through the same code; only the terminal gets a prompt, completion and
//! history. Ctrl-C clears the line; Ctrl-D (or the end of input) ends.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rustyline::Editor;
use rustyline::config::{Behavior, ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;

use super::sandbox_helper::SandboxHelper;
use super::transcript::Transcript;
use crate::org::{Goal, Org, to_toml};
use crate::{Error, Status};

/// What `help` prints: every command with an example.
pub const HELP: &str = r#"Commands (keywords in any case; a name is one word or "in double quotes"; `;` separates commands, `#` starts a comment):
  enable digital experiences             enable digital experiences
  disable digital experiences            (it can't be undone once on)
  create site NAME template TEMPLATE     create site "Partner Hub" template "Partner Central"
  activate site NAME                     activate site "Partner Hub"
  deactivate site NAME                   deactivate site "Partner Hub"
  add member PROFILE to site SITE        add member "Partner Community User" to site "Partner Hub"
  create internal user NAME [role ROLE]  create internal user "Dana Owner" role "VP Sales"
  assign role ROLE to USER               assign role "VP Sales" to "Dana Owner"
  create account NAME owner USER [person]  create account "Acme Reseller" owner "Dana Owner"
  create contact NAME [account ACCOUNT] [email EMAIL]
                                         create contact "Priya Shah" account "Acme Reseller" email priya@acme.example
  set contact NAME account ACCOUNT       set contact "Priya Shah" account "Acme Reseller"
  set contact NAME email EMAIL           set contact "Priya Shah" email priya@acme.example
  enable partner account ACCOUNT         enable partner account "Acme Reseller"
  add licenses LICENSE COUNT             add licenses "Partner Community" 5
  set standard external profiles on|off  set standard external profiles on
  enable customer user CONTACT profile PROFILE [email EMAIL]
                                         enable customer user "Priya Shah" profile "Customer Community User"
  enable partner user CONTACT profile PROFILE [email EMAIL]
                                         enable partner user "Priya Shah" profile "Partner Community User"
  deactivate user CONTACT / activate user CONTACT / disable user CONTACT
  login CONTACT site SITE                login "Priya Shah" site "Partner Hub"
  check CONTACT as customer|partner site SITE
                                         check "Priya Shah" as partner site "Partner Hub"
  show [org|sites|accounts|contacts|users|licenses|roles]
Sandbox:
  help   this list          undo   take back the last line that changed the org (up to 100)
  reset  back to the start  save FILE  write the org as an org file
  quit   leave (or Ctrl-D); Ctrl-C clears the line"#;

/// A line of input: one of the sandbox's own words, or org commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input<'a> {
    Help,
    Undo,
    Reset,
    Save(&'a str),
    Quit,
    Commands(&'a str),
}

impl<'a> Input<'a> {
    /// Reads a line; anything that is not a sandbox word is left to the org.
    pub fn parse(line: &'a str) -> Input<'a> {
        let trimmed = line.trim();
        let (first, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        let rest = rest.trim();
        match (first.to_lowercase().as_str(), rest.is_empty()) {
            ("help" | "?", true) => Input::Help,
            ("undo", true) => Input::Undo,
            ("reset", true) => Input::Reset,
            ("quit" | "exit", true) => Input::Quit,
            ("save", _) => Input::Save(unquote(rest)),
            _ => Input::Commands(line),
        }
    }
}

fn unquote(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(text)
}

/// Whether the session goes on after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// How many lines `undo` can take back: each step keeps a copy of the org,
/// so the history is bounded (the oldest step is dropped first).
pub const UNDO_STEPS: usize = 100;

/// An org being tried out, with what `undo` and `reset` need.
#[derive(Debug, Clone)]
pub struct Session {
    org: Org,
    /// The org as it started, for `reset`; `None` in a script, which has no `reset`.
    start: Option<Org>,
    /// Earlier states, each with the line that left it, oldest first; at most
    /// [`UNDO_STEPS`], and none in a script, which has no `undo`.
    undo: VecDeque<(Org, String)>,
    goal: Option<Goal>,
    goal_reached: bool,
    /// Whether `help`, `undo`, `reset`, `save` and `quit` are understood (not in `--script`).
    session_words: bool,
    any_failed: bool,
}

impl Session {
    pub fn new(org: Org, goal: Option<Goal>, session_words: bool) -> Session {
        let goal_reached = goal.as_ref().is_some_and(|goal| goal.holds(&org));
        Session {
            start: session_words.then(|| org.clone()),
            org,
            undo: VecDeque::new(),
            goal,
            goal_reached,
            session_words,
            any_failed: false,
        }
    }

    pub fn org(&self) -> &Org {
        &self.org
    }

    /// Exit status so far: failed once any org command has failed.
    pub fn status(&self) -> Status {
        if self.any_failed {
            Status::Failed
        } else {
            Status::Success
        }
    }

    /// Handles one line of input, printing its results.
    pub fn handle<W: Write>(
        &mut self,
        line_no: usize,
        line: &str,
        out: &mut Transcript<W>,
    ) -> io::Result<Flow> {
        let input = if self.session_words {
            Input::parse(line)
        } else {
            Input::Commands(line)
        };
        let command = line.trim();
        match input {
            Input::Help => out.note(line_no, command, &Ok(HELP.to_string()))?,
            Input::Quit => return Ok(Flow::Quit),
            Input::Undo => {
                let result = match self.undo.pop_back() {
                    Some((org, undone)) => {
                        self.org = org;
                        // Undo is the sandbox's, not Salesforce's: say so where
                        // the real org would refuse.
                        let note = if undone
                            .to_lowercase()
                            .starts_with("enable digital experiences")
                        {
                            " (sandbox only: a real org can't turn Digital Experiences off)"
                        } else {
                            ""
                        };
                        Ok(format!("undid `{undone}`{note}"))
                    }
                    None => Ok("nothing to undo".to_string()),
                };
                out.note(line_no, command, &result)?;
            }
            Input::Reset => {
                if let Some(start) = &self.start
                    && self.org != *start
                {
                    let current = std::mem::replace(&mut self.org, start.clone());
                    self.remember(current, command);
                }
                out.note(
                    line_no,
                    command,
                    &Ok("the org is back as it started".to_string()),
                )?;
            }
            Input::Save(path) => {
                let result = save(&self.org, path);
                out.note(line_no, command, &result)?;
            }
            Input::Commands(text) => {
                // A script can't undo, so it keeps no copies: copying the org
                // for every line made memory and time grow with the square
                // of the script.
                let before = self.session_words.then(|| self.org.clone());
                for outcome in self.org.run_line(text) {
                    self.any_failed |= !outcome.is_ok();
                    out.outcome(line_no, &outcome)?;
                }
                if let Some(before) = before
                    && self.org != before
                {
                    self.remember(before, command);
                }
            }
        }
        self.report_goal(out)?;
        Ok(Flow::Continue)
    }

    /// Keeps `before` for `undo`, dropping the oldest step past [`UNDO_STEPS`].
    fn remember(&mut self, before: Org, line: &str) {
        if self.undo.len() == UNDO_STEPS {
            self.undo.pop_front();
        }
        self.undo.push_back((before, line.to_string()));
    }

    /// How many lines `undo` can take back now.
    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    /// Says so once when the goal is first reached.
    fn report_goal<W: Write>(&mut self, out: &mut Transcript<W>) -> io::Result<()> {
        let Some(goal) = &self.goal else {
            return Ok(());
        };
        let reached = goal.holds(&self.org);
        if reached && !self.goal_reached {
            out.text(&format!("goal reached: {}", goal.describe()))?;
        }
        self.goal_reached = reached;
        Ok(())
    }
}

/// Writes the org as an org file.
fn save(org: &Org, path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Err("`save` needs a file name, e.g. `save my-org.toml`".to_string());
    }
    // Writing to a FIFO or a device would wait for a reader or go nowhere.
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
    {
        return Err(format!("cannot write `{path}`: it is not a regular file"));
    }
    std::fs::write(path, to_toml(org))
        .map(|()| format!("saved the org to `{path}`; load it with `xcdrill sandbox --org {path}`"))
        .map_err(|error| format!("cannot write `{path}`: {error}"))
}

/// How the prompt runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// A terminal on stdin: prompt, completion, hints and history.
    pub interactive: bool,
    /// Colours on (hints are dimmed).
    pub color: bool,
    /// Where history is kept; `None` keeps none.
    pub history: Option<PathBuf>,
}

/// Reads lines until `quit` or the end of input, handling each.
pub fn run<W: Write>(
    mut session: Session,
    options: &Options,
    out: &mut Transcript<W>,
) -> Result<Status, Error> {
    let config = Config::builder()
        .auto_add_history(true)
        .completion_type(CompletionType::List)
        .color_mode(if options.color {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        // At a terminal, edit on the terminal itself, so that a piped stdout
        // (`xcdrill sandbox | tee log`) gets results but no prompt or escape codes.
        .behavior(if options.interactive {
            Behavior::PreferTerm
        } else {
            Behavior::Stdio
        })
        .build();
    let mut editor: Editor<SandboxHelper, DefaultHistory> =
        Editor::with_config(config).map_err(readline_error)?;
    editor.set_helper(Some(SandboxHelper::new(session.org(), options.color)));
    if let Some(history) = &options.history {
        // A missing or unreadable history file only means no history yet.
        let _ = editor.load_history(history);
    }
    if options.interactive {
        super::signals::restore_terminal_on_signals();
        out.text(
            "xcdrill sandbox: type `help` for the commands, Tab to complete, `quit` to leave",
        )?;
    }
    let mut line_no = 0;
    loop {
        match editor.readline("org> ") {
            Ok(line) => {
                line_no += 1;
                if session.handle(line_no, &line, out)? == Flow::Quit {
                    break;
                }
                if let Some(helper) = editor.helper_mut() {
                    helper.refresh(session.org());
                }
            }
            Err(ReadlineError::Interrupted) => {}
            Err(ReadlineError::Eof) => break,
            Err(error) => return Err(readline_error(error)),
        }
    }
    if let Some(history) = &options.history {
        save_history(&mut editor, history);
    }
    Ok(session.status())
}

fn save_history(editor: &mut Editor<SandboxHelper, DefaultHistory>, path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(error) = editor.save_history(path) {
        eprintln!(
            "warning: cannot save history to `{}`: {error}",
            path.display()
        );
    }
}

fn readline_error(error: ReadlineError) -> Error {
    match error {
        ReadlineError::Io(error) => Error::Output(error),
        other => Error::Usage(format!("cannot read input: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcript_of(session: &mut Session, lines: &[&str]) -> String {
        let mut out = Transcript::new(Vec::new(), false, false);
        for (idx, line) in lines.iter().enumerate() {
            if session.handle(idx + 1, line, &mut out).unwrap() == Flow::Quit {
                break;
            }
        }
        let mut bytes = Vec::new();
        std::mem::swap(&mut bytes, out.buffer_mut());
        let raw = String::from_utf8(bytes).unwrap();
        anstream::adapter::strip_str(&raw).to_string()
    }

    #[test]
    fn sandbox_words_are_read_before_org_commands() {
        assert_eq!(Input::parse(" HELP "), Input::Help);
        assert_eq!(
            Input::parse("save \"my org.toml\""),
            Input::Save("my org.toml")
        );
        assert_eq!(Input::parse("undo now"), Input::Commands("undo now"));
        assert_eq!(Input::parse("show"), Input::Commands("show"));
    }

    #[test]
    fn undo_takes_back_the_last_line_that_changed_the_org_and_reset_starts_over() {
        let mut session = Session::new(Org::new(), None, true);
        let printed = transcript_of(
            &mut session,
            &[
                "enable digital experiences",
                "show sites",
                "create site S template \"Help Center\"",
                "undo",
                "undo",
                "undo",
            ],
        );
        assert!(
            printed.contains("ok: undid `create site S template \"Help Center\"`"),
            "{printed}"
        );
        assert!(
            printed.contains("ok: undid `enable digital experiences`"),
            "{printed}"
        );
        assert!(printed.ends_with("ok: nothing to undo\n"), "{printed}");
        assert_eq!(session.org(), &Org::new());
        transcript_of(&mut session, &["enable digital experiences", "reset"]);
        assert_eq!(session.org(), &Org::new());
        transcript_of(&mut session, &["undo"]);
        assert!(
            session.org().settings().digital_experiences,
            "reset can be undone"
        );
    }

    #[test]
    fn quit_stops_and_failures_set_the_status() {
        let mut session = Session::new(Org::new(), None, true);
        let printed = transcript_of(
            &mut session,
            &["show licenses", "quit", "login Ghost site X"],
        );
        assert!(!printed.contains("Ghost"));
        assert_eq!(session.status(), Status::Success);
        transcript_of(&mut session, &["bogus"]);
        assert_eq!(session.status(), Status::Failed);
    }

    #[test]
    fn undo_history_is_bounded_and_a_script_keeps_none() {
        let lines: Vec<String> = std::iter::once("enable digital experiences".to_string())
            .chain((0..UNDO_STEPS + 20).map(|idx| format!("create internal user U{idx}")))
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut interactive = Session::new(Org::new(), None, true);
        transcript_of(&mut interactive, &lines);
        assert_eq!(interactive.undo_steps(), UNDO_STEPS);
        let undos = vec!["undo"; UNDO_STEPS + 1];
        let printed = transcript_of(&mut interactive, &undos);
        assert!(printed.ends_with("ok: nothing to undo\n"), "{printed}");
        assert!(
            interactive.org().find_internal_user("U19").is_some(),
            "the oldest steps were dropped"
        );
        assert!(interactive.org().find_internal_user("U20").is_none());

        let mut script = Session::new(Org::new(), None, false);
        transcript_of(&mut script, &lines);
        assert_eq!(script.undo_steps(), 0);
        assert!(script.start.is_none());
    }

    #[test]
    fn scripts_have_no_sandbox_words() {
        let mut session = Session::new(Org::new(), None, false);
        let printed = transcript_of(&mut session, &["undo"]);
        assert!(printed.starts_with("error[PARSE_ERROR]"), "{printed}");
    }

    #[test]
    fn reaching_the_goal_is_announced_once() {
        let generated = crate::org::generate(3);
        let mut session = Session::new(generated.org, Some(generated.goal), true);
        let fixes: Vec<String> = generated
            .blockers
            .iter()
            .filter_map(|blocker| blocker.fix.clone())
            .collect();
        let mut lines: Vec<&str> = fixes.iter().map(String::as_str).collect();
        lines.push("show");
        let printed = transcript_of(&mut session, &lines);
        assert_eq!(printed.matches("goal reached").count(), 1, "{printed}");
    }

    #[test]
    fn save_writes_an_org_file_that_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("saved.toml");
        let mut session = Session::new(crate::org::generate(9).org, None, true);
        let line = format!("save \"{}\"", path.display());
        let printed = transcript_of(&mut session, &[&line]);
        assert!(printed.starts_with("ok: saved the org"), "{printed}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            crate::org::load("saved.toml", &text).as_ref(),
            Ok(session.org())
        );
    }
}
