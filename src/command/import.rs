//! `xcdrill import FILE`: merges a JSON review log from `export` into the store,
//! by review id, so importing the same file twice adds nothing.
//!
//! Every entry is checked before anything is written, and every problem is
//! reported with its entry number: an entry that is not a review, numbers out
//! of range ([`Review::problem`]), a time in the future, a question the active
//! content does not have, an id used by an earlier entry. One problem refuses
//! the whole file, so an import is all or nothing. A file over
//! [`MAX_IMPORT_BYTES`] is refused unread.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use super::load_catalog;
use super::progress::{now, open_store};
use crate::cli::ImportArgs;
use crate::config::Config;
use crate::model::Catalog;
use crate::store::Review;
use crate::text::inert_line;
use crate::text::plural;
use crate::{Error, Status};

/// The largest review export read: about 250,000 reviews.
pub const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// How far past now a review's time may be: clocks of two machines differ.
const CLOCK_SKEW_SECONDS: i64 = 300;

/// The most problems listed; the rest are counted.
const MAX_LISTED: usize = 50;

pub fn run(args: &ImportArgs, config: &Config) -> Result<Status, Error> {
    let (name, text) = read_input(&args.file)?;
    let invalid = |message: String| Error::Invalid {
        path: name.clone(),
        what: "review export",
        message,
    };
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|error| invalid(not_json(&text, &error)))?;
    let catalog = load_catalog(config)?;
    let reviews = check_entries(entries, &catalog, now(config)?).map_err(invalid)?;
    let mut store = open_store(config)?;
    let summary = store.import(&reviews)?;
    let mut out = crate::output::stdout(config.color);
    writeln!(
        out,
        "imported {} review{} from `{name}`; skipped {} already present",
        summary.added,
        plural(summary.added),
        summary.skipped
    )?;
    Ok(Status::Success)
}

/// Why `text` could not be read as a review export, saying what `import`
/// reads when it is not JSON at all (a CSV export, say).
fn not_json(text: &str, error: &serde_json::Error) -> String {
    let start = text.trim_start();
    if start.starts_with('[') || start.starts_with('{') {
        return error.to_string();
    }
    let first_line = start.lines().next().unwrap_or("");
    let what = if first_line.starts_with("id,question_id,") {
        "it is the CSV of `xcdrill export --format csv`"
    } else {
        "it is not JSON"
    };
    format!(
        "{what}; `import` reads the JSON that `xcdrill export` writes (its default `--format json`)"
    )
}

/// The entries as reviews, or every problem found, one line an entry.
fn check_entries(
    entries: Vec<serde_json::Value>,
    catalog: &Catalog,
    now: i64,
) -> Result<Vec<Review>, String> {
    let n_entries = entries.len();
    let mut reviews = Vec::with_capacity(n_entries);
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (idx, entry) in entries.into_iter().enumerate() {
        let label = match entry.get("id").and_then(serde_json::Value::as_str) {
            Some(id) => format!("entry {} (`{}`)", idx + 1, inert_line(id)),
            None => format!("entry {}", idx + 1),
        };
        let review: Review = match serde_json::from_value(entry) {
            Ok(review) => review,
            Err(error) => {
                problems.push(format!("{label}: {error}"));
                continue;
            }
        };
        let mut found = Vec::new();
        found.extend(review.problem());
        if review.reviewed_at > now.saturating_add(CLOCK_SKEW_SECONDS) {
            found.push(format!(
                "its `reviewed_at` ({}) is in the future",
                review.reviewed_at
            ));
        }
        if catalog.question(&review.question_id).is_none() {
            found.push(format!(
                "there is no question `{}` in the active content (import with the `--content` it was answered with)",
                inert_line(&review.question_id)
            ));
        }
        if !seen.insert(review.id.clone()) {
            found.push("its `id` is a duplicate of an earlier entry's".to_string());
        }
        if found.is_empty() {
            reviews.push(review);
        } else {
            problems.push(format!("{label}: {}", found.join("; ")));
        }
    }
    if problems.is_empty() {
        return Ok(reviews);
    }
    let n_problems = problems.len();
    let mut message = format!(
        "{n_problems} of its {n_entries} entries {} refused, so nothing was imported:",
        if n_problems == 1 { "is" } else { "are" }
    );
    for problem in problems.iter().take(MAX_LISTED) {
        message.push_str("\n  ");
        message.push_str(problem);
    }
    if n_problems > MAX_LISTED {
        message.push_str(&format!("\n  and {} more", n_problems - MAX_LISTED));
    }
    Err(message)
}

/// The file's name as shown in messages, and its text (`-` reads standard
/// input); more than [`MAX_IMPORT_BYTES`] is refused.
fn read_input(path: &Path) -> Result<(String, String), Error> {
    let input = super::input::read(path, MAX_IMPORT_BYTES)?;
    if input.over_limit {
        return Err(Error::Invalid {
            path: path.display().to_string(),
            what: "review export",
            message: format!(
                "it is larger than {} MiB; split it, or import it in parts",
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
        });
    }
    Ok((path.display().to_string(), input.text()?))
}
