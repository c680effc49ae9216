//! One file per subcommand: each turns its arguments into calls on the core
//! modules and prints the result. No rules or grading live here.

mod export;
mod generate;
mod grade;
mod import;
mod input;
mod interview;
mod lint;
mod list;
mod new;
mod plan;
mod progress;
mod progress_quiz;
mod quiz;
mod report;
mod sandbox;
mod schema;
mod stats;

use crate::bank;
use crate::bank::load::{self, ContentFiles, ReadError};

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::model::Catalog;
use crate::{Error, Status};

/// Runs a parsed subcommand.
pub fn dispatch(cli: Cli, config: &Config) -> Result<Status, Error> {
    match cli.command {
        Some(Command::Quiz(args)) => quiz::run(&args, config),
        Some(Command::Interview(args)) => interview::run(&args, config),
        Some(Command::Lint(args)) => lint::run(&args, config),
        Some(Command::List(args)) => list::run(&args, config),
        Some(Command::Stats(args)) => stats::run(&args, config),
        Some(Command::Export(args)) => export::run(&args, config),
        Some(Command::Import(args)) => import::run(&args, config),
        Some(Command::Report(args)) => report::run(&args, config),
        Some(Command::Sandbox(args)) => sandbox::run(&args, config),
        Some(Command::Grade(args)) => grade::run(&args, config),
        Some(Command::Schema { which }) => schema::run(which),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Completions { shell }) => generate::completions(shell, config),
        Some(Command::Man) => generate::man(),
        None => quiz::run(&cli.quiz, config),
    }
}

/// Writes `value` as JSON and a newline to `out`: pretty, or on one line.
pub(super) fn write_json(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
    pretty: bool,
) -> Result<(), Error> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value).map_err(Error::Json)?;
    } else {
        serde_json::to_writer(&mut *out, value).map_err(Error::Json)?;
    }
    writeln!(out)?;
    Ok(())
}

/// The files of the active content: `--content` folders, else the embedded banks.
pub(super) fn content_files(config: &Config) -> Result<ContentFiles, ReadError> {
    if config.content_dirs.is_empty() {
        Ok(load::embedded())
    } else {
        load::from_paths(&config.content_dirs)
    }
}

/// The active content's catalog; content with errors is refused.
pub fn load_catalog(config: &Config) -> Result<Catalog, Error> {
    let files = content_files(config)?;
    bank::check(&files)
        .into_catalog()
        .map_err(|diagnostics| Error::Content {
            diagnostics,
            lint: lint_command(&config.content_dirs),
        })
}

/// The `lint` command that checks the content of `dirs` (the embedded banks
/// when there are none), as the user would type it.
fn lint_command(dirs: &[std::path::PathBuf]) -> String {
    let mut command = "xcdrill lint".to_string();
    for dir in dirs {
        let dir = crate::text::inert_line(&dir.display().to_string()).into_owned();
        command.push(' ');
        if !dir
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "._/-".contains(ch))
        {
            command.push('\'');
            command.push_str(&dir.replace('\'', "'\\''"));
            command.push('\'');
        } else {
            command.push_str(&dir);
        }
    }
    command
}
