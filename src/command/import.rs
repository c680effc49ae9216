//! `xcdrill import FILE`: merges a JSON review log from `export` into the store,
//! by review id, so importing the same file twice adds nothing.

use std::io::{Read, Write};
use std::path::Path;

use super::progress::open_store;
use crate::bank::load::ReadError;
use crate::cli::ImportArgs;
use crate::config::Config;
use crate::store::Review;
use crate::{Error, Status};

pub fn run(args: &ImportArgs, config: &Config) -> Result<Status, Error> {
    let (name, text) = read_input(&args.file)?;
    let reviews: Vec<Review> = serde_json::from_str(&text).map_err(|error| Error::Invalid {
        path: name.clone(),
        what: "review export",
        message: error.to_string(),
    })?;
    let mut store = open_store(config)?;
    let summary = store.import(&reviews)?;
    let mut out = crate::output::stdout(config.color);
    writeln!(
        out,
        "imported {} review{} from `{name}`; skipped {} already present",
        summary.added,
        if summary.added == 1 { "" } else { "s" },
        summary.skipped
    )?;
    Ok(Status::Success)
}

/// The file's name as shown in messages, and its text (`-` reads standard input).
fn read_input(path: &Path) -> Result<(String, String), Error> {
    let name = path.display().to_string();
    let read_error = |source| ReadError {
        path: name.clone(),
        source,
    };
    let text = if name == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(read_error)?;
        text
    } else {
        std::fs::read_to_string(path).map_err(read_error)?
    };
    Ok((name, text))
}
