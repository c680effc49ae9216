//! `xcdrill new bank FILE`: a commented starter bank that lints clean.

use std::fs::OpenOptions;
use std::io::{self, Write};

use crate::cli::{NewArgs, NewCommand};
use crate::{Error, Status};

/// The starter bank: one question of each kind and the fact they test. A test
/// lints it, and CI's Taplo check reads it against the bank schema.
pub const STARTER_BANK: &str = include_str!("starter_bank.toml");

pub fn run(args: &NewArgs) -> Result<Status, Error> {
    let NewCommand::Bank { file } = &args.what;
    let path = file.display().to_string();
    // `create_new` refuses an existing file without a window between checking and writing.
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .and_then(|mut out| out.write_all(STARTER_BANK.as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote `{path}`; check it with `xcdrill lint {path}`");
            Ok(Status::Success)
        }
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(Error::Refused(format!(
            "`{path}` already exists; choose another name or remove it first"
        ))),
        Err(source) => Err(Error::Write { path, source }),
    }
}
