//! `xcdrill export [--format json|csv] [--output FILE]`: the review log (C4).
//! The store is only read; `--output` is checked before it is read and written
//! whole or not at all (`output_file`).

use std::io::Write;

use super::progress::{read_store, store_path};
use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Config;
use crate::output_file::OutputFile;
use crate::report::table::{Table, TableStyle};
use crate::store::Review;
use crate::{Error, Status};

/// The CSV columns, named as the JSON fields.
const CSV_HEADERS: [&str; 10] = [
    "id",
    "question_id",
    "content_hash",
    "reviewed_at",
    "mode",
    "score",
    "rating",
    "seconds",
    "hints",
    "session",
];

pub fn run(args: &ExportArgs, config: &Config) -> Result<Status, Error> {
    let output = match &args.output {
        Some(path) => Some(OutputFile::check(path, Some(&store_path(config)?))?),
        None => None,
    };
    let store = read_store(config)?;
    let reviews = store.reviews()?;
    let text = match args.format {
        ExportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&reviews).map_err(Error::Json)?;
            json.push('\n');
            json
        }
        ExportFormat::Csv => csv(&reviews),
    };
    match output {
        Some(output) => output.write(text.as_bytes())?,
        None => {
            let mut out = crate::output::stdout(config.color);
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Status::Success)
}

fn csv(reviews: &[Review]) -> String {
    let mut table = Table::new(&CSV_HEADERS);
    for review in reviews {
        table.push(vec![
            review.id.clone(),
            review.question_id.clone(),
            review.content_hash.clone(),
            review.reviewed_at.to_string(),
            review.mode.name().to_string(),
            review.score.to_string(),
            review.rating.name().to_string(),
            review.seconds.to_string(),
            review.hints.to_string(),
            review.session.clone(),
        ]);
    }
    table.render(TableStyle::Csv)
}
