//! The environment a command runs in, resolved once before any work starts:
//! the content folders, the data dir, the colour choice, the clock
//! (`XCDRILL_NOW`) and the terminal's width. Each subcommand then turns its
//! own arguments into a checked plan (`command/quiz_plan.rs` for the quiz and
//! the interview) with this, so no rule about options is decided twice.

use std::path::PathBuf;
use std::sync::Arc;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::clock::{self, Clock};
use crate::{Error, output};

/// Settings shared by every command.
#[derive(Clone)]
pub struct Config {
    /// `--content` folders; empty means the embedded banks.
    pub content_dirs: Vec<PathBuf>,
    /// `--data-dir`, else `XCDRILL_DATA_DIR`, else the platform's data dir
    /// for xcdrill (`~/.local/share/xcdrill`); why there is none, if none.
    data_dir: Result<PathBuf, String>,
    pub color: ColorChoice,
    /// Whether styled output reaches a terminal with colours on.
    pub uses_color: bool,
    /// The clock: fixed by `XCDRILL_NOW`, else the system's; why
    /// `XCDRILL_NOW` can't be read, if it can't.
    clock: Result<Arc<dyn Clock + Send + Sync>, String>,
    /// The terminal's width in columns, when stdout is a terminal.
    pub width: Option<usize>,
}

impl Config {
    pub fn from_cli(global: &GlobalArgs) -> Config {
        // `--data-dir`, else `XCDRILL_DATA_DIR`; an empty value is none.
        let data_dir = global
            .data_dir
            .clone()
            .or_else(|| std::env::var_os("XCDRILL_DATA_DIR"))
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "xcdrill")
                    .map(|dirs| dirs.data_dir().to_path_buf())
            })
            .ok_or_else(|| {
                "cannot find a data dir for this platform; pass `--data-dir DIR` or set `XCDRILL_DATA_DIR`"
                    .to_string()
            });
        Config {
            content_dirs: global.content.clone(),
            data_dir,
            color: global.color,
            uses_color: output::uses_color(global.color),
            clock: clock::from_env(),
            width: output::terminal_width(),
        }
    }

    /// The data dir, or why there is none.
    pub fn data_dir(&self) -> Result<PathBuf, Error> {
        self.data_dir.clone().map_err(Error::Environment)
    }

    /// The clock, or why `XCDRILL_NOW` can't be read.
    pub fn clock(&self) -> Result<&dyn Clock, Error> {
        match &self.clock {
            Ok(clock) => Ok(clock.as_ref()),
            Err(message) => Err(Error::Environment(message.clone())),
        }
    }

    /// The width to wrap session text to: the terminal's, kept readable.
    pub fn session_width(&self) -> usize {
        self.width.unwrap_or(80).clamp(40, 100)
    }
}
