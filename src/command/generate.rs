//! `xcdrill completions SHELL` and `xcdrill man`: generated from the clap definition.

use std::io;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::{Error, Status};

pub fn completions(shell: clap_complete::Shell) -> Result<Status, Error> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "xcdrill", &mut io::stdout());
    Ok(Status::Success)
}

pub fn man() -> Result<Status, Error> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render(&mut io::stdout())?;
    Ok(Status::Success)
}
