//! The validated settings a command runs with, made from the parsed command line
//! and the environment before any work starts.

use std::path::PathBuf;

use crate::bank::load::{self, ContentFiles, ReadError};
use crate::cli::{ColorChoice, GlobalArgs};

/// Settings shared by every command.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--content` folders; empty means the embedded banks.
    pub content_dirs: Vec<PathBuf>,
    /// `--data-dir`, else `XCDRILL_DATA_DIR`; `None` means the platform data dir.
    pub data_dir: Option<PathBuf>,
    pub color: ColorChoice,
}

impl Config {
    pub fn from_cli(global: &GlobalArgs) -> Config {
        Config {
            content_dirs: global.content.clone(),
            // clap reads `XCDRILL_DATA_DIR` (`GlobalArgs::data_dir`).
            data_dir: global
                .data_dir
                .clone()
                .filter(|dir| !dir.is_empty())
                .map(PathBuf::from),
            color: global.color,
        }
    }

    /// The data dir: `--data-dir`, else `XCDRILL_DATA_DIR`, else the platform's
    /// data dir for xcdrill (e.g. `~/.local/share/xcdrill`).
    pub fn data_dir(&self) -> Result<PathBuf, crate::Error> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        directories::ProjectDirs::from("", "", "xcdrill")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .ok_or_else(|| {
                crate::Error::Usage(
                    "cannot find a data dir for this platform; pass `--data-dir DIR` or set `XCDRILL_DATA_DIR`"
                        .to_string(),
                )
            })
    }

    /// The files of the active content: `--content` folders, else the embedded banks.
    pub fn content_files(&self) -> Result<ContentFiles, ReadError> {
        if self.content_dirs.is_empty() {
            Ok(load::embedded())
        } else {
            load::from_paths(&self.content_dirs)
        }
    }
}
