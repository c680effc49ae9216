//! The sandbox session: an org to try commands on, with `undo`, `reset`,
//! `save FILE`, `help` and `quit`, read through rustyline.
//!
//! The loop is dumb: read a line, [`Session::handle`] it, print what came back.
//! The session is plain data, so scripts, piped stdin and the terminal all go
//! through the same code; only the terminal gets a prompt, completion and
//! history (the quiz's editor). Ctrl-C clears the line; Ctrl-D (or the end of
//! input) ends.

use std::collections::VecDeque;
use std::io::{self, Write};

use super::lines::{Completing, Line, LineReader};
use super::transcript::Transcript;
use crate::org::{Goal, Org, to_toml};
use crate::output_file::OutputFile;
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
  help       this list
  undo       take back the last line that changed the org (up to 100)
  reset      back to the start
  save FILE  write the org as an org file
  quit       leave (or Ctrl-D); Ctrl-C clears the line"#;

/// [`HELP`] for a terminal `width` columns wide: where its two columns don't
/// fit, each example goes under its command.
pub fn help(width: Option<usize>) -> String {
    let Some(width) = width.filter(|&width| HELP.lines().any(|row| row.chars().count() > width))
    else {
        return HELP.to_string();
    };
    let mut text = String::new();
    let mut in_commands = true;
    for row in HELP.lines() {
        // The sandbox's own words are one column of short rows: they wrap.
        in_commands &= row != "Sandbox:";
        let example_at = row
            .get(2..)
            .and_then(|rest| rest.find("  "))
            .map(|idx| idx + 2)
            .filter(|_| in_commands);
        match example_at {
            _ if row.chars().count() <= width => text.push_str(row),
            // A row that is an example alone, under the command before it.
            Some(2) => text.push_str(&format!("      {}", row.trim())),
            Some(idx) => text.push_str(&format!(
                "{}\n      {}",
                row[..idx].trim_end(),
                row[idx..].trim()
            )),
            None => text.push_str(row),
        }
        text.push('\n');
    }
    text.pop();
    text
}

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

/// How many lines `undo` can take back. The history keeps the lines, not
/// copies of the org: `undo` replays all but the last on the org as it was
/// before the oldest, so memory and the work per line stay flat however large
/// the org grows.
pub const UNDO_STEPS: usize = 100;

/// An org being tried out, with what `undo` and `reset` need.
#[derive(Debug, Clone)]
pub struct Session {
    org: Org,
    /// What `undo` and `reset` need; `None` in a script, which has neither.
    history: Option<History>,
    goal: Option<Goal>,
    goal_reached: bool,
    /// Whether `help`, `undo`, `reset`, `save` and `quit` are understood (not in `--script`).
    session_words: bool,
    any_failed: bool,
    /// The progress store, which `save` must never overwrite.
    store: Option<std::path::PathBuf>,
}

/// The lines `undo` can take back, and the orgs to replay them from.
#[derive(Debug, Clone)]
struct History {
    /// The org as it started, for `reset`.
    start: Org,
    /// The org before the oldest step kept.
    base: Org,
    /// The lines that changed the org since `base`, oldest first, each with
    /// what was typed; at most [`UNDO_STEPS`].
    steps: VecDeque<(Step, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// A line of org commands.
    Line,
    /// `reset`.
    Reset,
}

impl History {
    fn apply(&self, org: &mut Org, (step, line): &(Step, String)) {
        match step {
            Step::Line => {
                org.run_line(line);
            }
            Step::Reset => *org = self.start.clone(),
        }
    }

    fn remember(&mut self, step: Step, line: &str) {
        if self.steps.len() == UNDO_STEPS
            && let Some(oldest) = self.steps.pop_front()
        {
            let mut base = std::mem::take(&mut self.base);
            self.apply(&mut base, &oldest);
            self.base = base;
        }
        self.steps.push_back((step, line.to_string()));
    }

    /// The org without the last step that changed `current`, and that
    /// step's line. Steps after it that changed nothing ("Digital
    /// Experiences is already enabled") go with it: the history records a
    /// line without copying the org to compare, and `undo` compares instead.
    fn undo(&mut self, current: &Org) -> Option<(Org, String)> {
        loop {
            let (_, line) = self.steps.pop_back()?;
            let mut org = self.base.clone();
            for step in &self.steps {
                self.apply(&mut org, step);
            }
            if org != *current {
                return Some((org, line));
            }
        }
    }
}

/// Whether a command only looks at the org (`show`, `check`, `login`).
fn only_looks(command_text: &str) -> bool {
    let verb = command_text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(verb.as_str(), "show" | "check" | "login")
}

impl Session {
    pub fn new(org: Org, goal: Option<Goal>, session_words: bool) -> Session {
        let goal_reached = goal.as_ref().is_some_and(|goal| goal.holds(&org));
        Session {
            history: session_words.then(|| History {
                start: org.clone(),
                base: org.clone(),
                steps: VecDeque::new(),
            }),
            org,
            goal,
            goal_reached,
            session_words,
            any_failed: false,
            store: None,
        }
    }

    /// The same session, refusing to `save` over the progress store at `store`.
    pub fn with_store(self, store: Option<std::path::PathBuf>) -> Session {
        Session { store, ..self }
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
            Input::Help => out.note(line_no, command, &Ok(help(out.width())))?,
            Input::Quit => return Ok(Flow::Quit),
            Input::Undo => {
                let current = &self.org;
                let result = match self
                    .history
                    .as_mut()
                    .and_then(|history| history.undo(current))
                {
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
                if let Some(history) = &mut self.history
                    && self.org != history.start
                {
                    self.org = history.start.clone();
                    history.remember(Step::Reset, command);
                }
                out.note(
                    line_no,
                    command,
                    &Ok("the org is back as it started".to_string()),
                )?;
            }
            Input::Save(path) => {
                let result = save(&self.org, path, self.store.as_deref());
                out.note(line_no, command, &result)?;
            }
            Input::Commands(text) => {
                let mut changing = false;
                for outcome in self.org.run_line(text) {
                    self.any_failed |= !outcome.is_ok();
                    changing |= outcome.is_ok()
                        && !only_looks(&outcome.command_text)
                        && !outcome.found_it_so();
                    out.outcome(line_no, &outcome)?;
                }
                // A failed command changes nothing, nor does one that looks
                // or finds its effect already there: a line with any other
                // command is a step to undo (and `undo` passes over one
                // that changed nothing after all).
                if changing && let Some(history) = &mut self.history {
                    history.remember(Step::Line, command);
                }
            }
        }
        self.report_goal(out)?;
        Ok(Flow::Continue)
    }

    /// How many lines `undo` can take back now.
    pub fn undo_steps(&self) -> usize {
        self.history
            .as_ref()
            .map_or(0, |history| history.steps.len())
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

/// Writes the org as an org file, whole or not at all (`OutputFile`): never
/// over the progress store, a folder, or a pipe nobody reads.
fn save(org: &Org, path: &str, store: Option<&std::path::Path>) -> Result<String, String> {
    if path.is_empty() {
        return Err("`save` needs a file name, e.g. `save my-org.toml`".to_string());
    }
    let describe = |error: crate::error::Error| {
        let mut message = error.to_string();
        if let Some(source) = std::error::Error::source(&error) {
            message.push_str(": ");
            message.push_str(&source.to_string());
        }
        message
    };
    let output = OutputFile::check(std::path::Path::new(path), store).map_err(describe)?;
    output
        .write(to_toml(org).as_bytes())
        .map(|()| format!("saved the org to `{path}`; load it with `xcdrill sandbox --org {path}`"))
        .map_err(describe)
}

/// Reads lines until `quit` or the end of input, handling each; a terminal
/// (see [`super::editor::Terminal`]) completes commands and the org's names.
pub fn run<W: Write>(
    mut session: Session,
    reader: &mut dyn LineReader,
    out: &mut Transcript<W>,
) -> Result<Status, Error> {
    if reader.is_interactive() {
        out.text(
            "xcdrill sandbox: type `help` for the commands, Tab to complete, `quit` to leave",
        )?;
    }
    reader.complete(Completing::Sandbox(session.org()));
    let mut line_no = 0;
    loop {
        match reader.read("org> ")? {
            Line::Text(line) => {
                line_no += 1;
                if session.handle(line_no, &line, out)? == Flow::Quit {
                    break;
                }
                // Completion is for a person at a terminal; refreshing its
                // names for every piped line would cost a pass over the org each.
                if reader.is_interactive() {
                    reader.complete(Completing::Sandbox(session.org()));
                }
            }
            Line::Interrupted => out.text("(Ctrl-C clears a line; `quit` or Ctrl-D leaves)")?,
            Line::Eof => break,
        }
    }
    Ok(session.status())
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
                // Already so: a line that changes nothing is no step.
                "enable digital experiences",
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
    fn lines_that_change_nothing_do_not_push_changes_out_of_undo() {
        let mut session = Session::new(Org::new(), None, true);
        let mut lines = vec!["enable digital experiences"];
        lines.extend(std::iter::repeat_n(
            "enable digital experiences",
            UNDO_STEPS,
        ));
        transcript_of(&mut session, &lines);
        assert_eq!(session.undo_steps(), 1);
        let printed = transcript_of(&mut session, &["undo"]);
        assert!(
            printed.contains("ok: undid `enable digital experiences`"),
            "{printed}"
        );
        assert_eq!(session.org(), &Org::new());
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
        assert!(script.history.is_none());
    }

    #[test]
    fn undo_replays_the_steps_kept_from_the_org_before_them() {
        let mut lines = vec![
            "enable digital experiences".to_string(),
            "reset".to_string(),
            "enable digital experiences".to_string(),
        ];
        lines.extend((0..UNDO_STEPS).map(|idx| format!("create internal user U{idx}")));
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let mut session = Session::new(Org::new(), None, true);
        transcript_of(&mut session, &lines);
        let printed = transcript_of(&mut session, &vec!["undo"; UNDO_STEPS - 1]);
        assert!(
            printed.contains("undid `create internal user U1`"),
            "{printed}"
        );
        assert!(session.org().find_internal_user("U0").is_some());
        assert!(session.org().find_internal_user("U1").is_none());
        assert!(session.org().settings().digital_experiences);
        let printed = transcript_of(&mut session, &["undo", "undo"]);
        assert!(printed.ends_with("ok: nothing to undo\n"), "{printed}");
        assert!(
            session.org().settings().digital_experiences,
            "the steps dropped stay applied"
        );
    }

    #[test]
    fn help_puts_examples_under_their_commands_when_the_columns_do_not_fit() {
        assert_eq!(help(None), HELP);
        assert_eq!(help(Some(200)), HELP);
        let narrow = help(Some(60));
        assert!(
            narrow.contains("  activate site NAME\n      activate site \"Partner Hub\""),
            "{narrow}"
        );
        assert!(
            narrow.contains("  undo       take back"),
            "the sandbox's words stay rows: {narrow}"
        );
    }

    #[test]
    fn replies_wrap_to_the_terminal_under_their_label() {
        let mut session = Session::new(Org::new(), None, true);
        let mut out = Transcript::new(Vec::new(), false, false).with_width(Some(40));
        session
            .handle(1, "create site X template Nope", &mut out)
            .unwrap();
        let raw = String::from_utf8(out.buffer_mut().clone()).unwrap();
        let printed = anstream::adapter::strip_str(&raw).to_string();
        assert!(
            printed.starts_with("error[DX_NOT_ENABLED]: Digital\n    Experiences is not enabled"),
            "{printed}"
        );
        assert!(
            printed.lines().all(|line| line.chars().count() <= 40),
            "{printed}"
        );
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

    #[test]
    fn save_never_writes_over_the_progress_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("progress.sqlite3");
        std::fs::write(&store, b"SQLite format 3\0 stand-in").unwrap();
        let mut session =
            Session::new(crate::org::generate(9).org, None, true).with_store(Some(store.clone()));
        for target in [store.clone(), dir.path().join("progress.sqlite3-wal")] {
            let line = format!("save \"{}\"", target.display());
            let printed = transcript_of(&mut session, &[&line]);
            assert!(printed.starts_with("error:"), "{printed}");
            assert!(printed.contains("progress store"), "{printed}");
        }
        assert_eq!(
            std::fs::read(&store).unwrap(),
            b"SQLite format 3\0 stand-in"
        );
    }
}
