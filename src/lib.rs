//! xcdrill: a terminal trainer for enabling Salesforce Experience Cloud external
//! users. `main.rs` calls [`run`]; everything else lives in the modules below
//! (ARCHITECTURE.md maps them).

pub mod bank;
pub mod cli;
pub mod clock;
pub mod command;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod grade;
pub mod hash;
pub mod model;
pub mod org;
pub mod output;
pub mod output_file;
pub mod parallel;
pub mod read_error;
pub mod repl;
pub mod report;
pub mod score;
pub mod session;
pub mod sources;
pub mod store;
pub mod suggest;
pub mod text;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

pub use error::Error;

/// How a command that ran ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Exit 0.
    Success,
    /// Exit 1: the thing checked failed (lint errors, a failed sandbox command,
    /// a grade below pass).
    Failed,
}

/// Parses `args`, runs the command, prints any error once and picks the exit
/// status: 0 success, 1 the thing checked failed, 2 usage error or unreadable input.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::parse_args(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let config = config::Config::from_cli(&cli.global);
    match command::dispatch(cli, &config) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failed) => ExitCode::from(1),
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            report_error(&error, &config);
            ExitCode::from(2)
        }
    }
}

/// Prints `error: ...` and its causes to stderr, after any content diagnostics.
fn report_error(error: &Error, config: &config::Config) {
    let mut err = output::stderr(config.color);
    if let Error::Content { diagnostics, .. } = error {
        for diagnostic in diagnostics.iter().take(20) {
            let _ = write!(err, "{diagnostic}");
        }
    }
    let _ = error.write_to(&mut err);
}
