//! `xcdrill sandbox [--org FILE | --random SEED] [--script FILE|-] [--json]`:
//! try commands on a simulated org. With `--script`, run a file of commands;
//! otherwise read commands from the terminal (prompt, completion, history) or,
//! when stdin is piped, line by line with no prompt.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::bank::load::{self, ReadError};
use crate::cli::SandboxArgs;
use crate::config::Config;
use crate::org::{self, Goal, Org};
use crate::output;
use crate::repl::editor::Terminal;
use crate::repl::lines::{LineReader, Piped};
use crate::repl::sandbox::{self, Session};
use crate::repl::transcript::Transcript;
use crate::text::plural;
use crate::{Error, Status};

pub fn run(args: &SandboxArgs, config: &Config) -> Result<Status, Error> {
    let (org, goal) = starting_org(args, config)?;
    let script = args.script.as_deref().map(read_script).transpose()?;
    let interactive = script.is_none() && io::stdin().is_terminal();
    // Replies are wrapped for a person reading a terminal; piped, JSON or
    // not, they stay one line each.
    let width = config.width.filter(|_| !args.json);
    let mut transcript =
        Transcript::new(output::stdout(config.color), args.json, !interactive).with_width(width);
    if let Some(goal) = &goal {
        let text = format!("goal: {}", goal.describe());
        if args.json {
            eprintln!("{text}");
        } else {
            transcript.text(&text)?;
        }
    }
    match script {
        Some(text) => {
            let mut session = Session::new(org, goal, false);
            for (idx, line) in text.lines().enumerate() {
                session.handle(idx + 1, line, &mut transcript)?;
            }
            Ok(session.status())
        }
        None => {
            let mut reader: Box<dyn LineReader> = if interactive {
                let color = config.uses_color;
                let terminal = Terminal::new(history_path(config), color)
                    .map_err(|error| Error::Terminal(io::Error::other(error)))?;
                Box::new(terminal)
            } else {
                Box::new(Piped::new(io::stdin().lock()))
            };
            let store = super::progress::store_path(config).ok();
            let session = Session::new(org, goal, true).with_store(store);
            sandbox::run(session, reader.as_mut(), &mut transcript)
        }
    }
}

/// The org to start from, and the goal when it was generated.
fn starting_org(args: &SandboxArgs, config: &Config) -> Result<(Org, Option<Goal>), Error> {
    if let Some(seed) = args.random {
        let generated = org::generate(seed);
        return Ok((generated.org, Some(generated.goal)));
    }
    let Some(path) = &args.org else {
        return Ok((Org::new(), None));
    };
    load::regular_file(path)?;
    let text = std::fs::read_to_string(path).map_err(|source| read_error(path, source))?;
    let shown = path.display().to_string();
    org::load(&shown, &text)
        .map(|org| (org, None))
        .map_err(|diagnostics| {
            let mut err = output::stderr(config.color);
            for diagnostic in &diagnostics {
                let _ = write!(err, "{diagnostic}");
            }
            let n_errors = diagnostics.len();
            Error::Invalid {
                path: shown.clone(),
                what: "org file",
                message: format!("{n_errors} error{} (above)", plural(n_errors)),
            }
        })
}

/// The script's text, from a file or (for `-`) standard input.
fn read_script(path: &Path) -> Result<String, Error> {
    super::input::read(path, u64::MAX)?.text()
}

fn read_error(path: &Path, source: io::Error) -> Error {
    Error::Read(ReadError {
        path: path.display().to_string(),
        source,
    })
}

/// The sandbox's history file in the data dir.
fn history_path(config: &Config) -> Option<PathBuf> {
    Some(config.data_dir().ok()?.join("sandbox_history.txt"))
}
