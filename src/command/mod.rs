//! One file per subcommand: each turns its arguments into calls on the core
//! modules and prints the result. No rules or grading live here.

mod generate;
mod grade;
mod lint;
mod list;

use crate::bank::{self, Catalog};
use crate::cli::Command;
use crate::config::Config;
use crate::{Error, Status};

/// Runs a parsed subcommand.
pub fn dispatch(command: Option<Command>, config: &Config) -> Result<Status, Error> {
    match command {
        Some(Command::Lint(args)) => lint::run(&args, config),
        Some(Command::List(args)) => list::run(&args, config),
        Some(Command::Grade(args)) => grade::run(&args, config),
        Some(Command::Completions { shell }) => generate::completions(shell),
        Some(Command::Man) => generate::man(),
        None => list::run(&crate::cli::ListArgs { topic: Vec::new(), json: false }, config),
    }
}

/// The active content's catalog; content with errors is refused.
pub fn load_catalog(config: &Config) -> Result<Catalog, Error> {
    let files = config.content_files()?;
    bank::check(&files).into_catalog().map_err(Error::Content)
}
