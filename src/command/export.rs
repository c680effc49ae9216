//! `xcdrill export [--format json|csv] [--output FILE]`: the review log (C4).

use std::io::Write;

use super::progress::open_store;
use crate::cli::{ExportArgs, ExportFormat};
use crate::config::Config;
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
    let store = open_store(config)?;
    let reviews = store.reviews()?;
    let text = match args.format {
        ExportFormat::Json => {
            let mut json = serde_json::to_string_pretty(&reviews).map_err(std::io::Error::from)?;
            json.push('\n');
            json
        }
        ExportFormat::Csv => csv(&reviews),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?,
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
