//! `xcdrill list [--topic T]... [--json]`: the questions of the active content.

use std::io::Write;

use serde::Serialize;

use super::load_catalog;
use crate::cli::ListArgs;
use crate::config::Config;
use crate::model::Question;
use crate::output::{self, styled};
use crate::text::{inert_line, plural, shorten};
use crate::{Error, Status};

/// One question in `list --json` (C4).
#[derive(Serialize)]
struct JsonQuestion<'a> {
    id: &'a str,
    topic: &'a str,
    kind: &'a str,
    facts: Vec<&'a str>,
}

/// The widest a prompt is shown in the human listing.
const PROMPT_CHARS: usize = 60;

/// The columns before a row's prompt but the id's (kind, difficulty).
const ROW_CHARS: usize = 2 + 1 + 9 + 1 + 6 + 1;

/// The id column is as wide as the longest id listed, at least this.
const MIN_ID_CHARS: usize = 34;

/// Less room than this on the row, and the prompt goes under it.
const MIN_PROMPT_CHARS: usize = 24;

/// `text` cut to at most `chars` at a word boundary, with `…` when cut.
fn shorten_words(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let options = textwrap::Options::new(chars.saturating_sub(1).max(1)).break_words(false);
    let first = textwrap::wrap(text, &options)
        .into_iter()
        .next()
        .map(|line| line.into_owned())
        .unwrap_or_default();
    format!("{}…", first.trim_end())
}

pub fn run(args: &ListArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    super::plan::check_topics(&catalog, &args.topic)?;
    let mut selected: Vec<&Question> = catalog
        .questions()
        .iter()
        .filter(|question| {
            args.topic.is_empty() || args.topic.iter().any(|topic| **topic == *question.topic)
        })
        .collect();
    // Stable: within a topic, questions keep their bank order.
    selected.sort_by(|a, b| a.topic.cmp(&b.topic));
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for question in &selected {
        *counts.entry(&question.topic).or_insert(0) += 1;
    }
    let mut out = output::stdout_buffered(config.color);
    if args.json {
        let json: Vec<JsonQuestion<'_>> = selected
            .iter()
            .map(|question| JsonQuestion {
                id: question.id(),
                topic: &question.topic,
                kind: question.kind_name(),
                facts: question.facts.iter().map(|fact| &**fact).collect(),
            })
            .collect();
        super::write_json(&mut out, &json, true)?;
        out.flush()?;
        return Ok(Status::Success);
    }
    // In a terminal the prompt is cut to fit the row, or under it when the
    // row leaves it too little room; piped, every row is the same shape.
    let width = config.width;
    let id_chars = selected
        .iter()
        .map(|question| question.id().chars().count())
        .max()
        .unwrap_or(0)
        .max(MIN_ID_CHARS);
    let prompt_room = width.map_or(PROMPT_CHARS, |width| {
        PROMPT_CHARS.min(width.saturating_sub(ROW_CHARS + id_chars))
    });
    let prompt_below = prompt_room < MIN_PROMPT_CHARS;
    let mut topic = "";
    for question in &selected {
        if *question.topic != *topic {
            topic = &question.topic;
            let count = counts.get(topic).copied().unwrap_or(0);
            if !std::ptr::eq(*question, selected[0]) {
                writeln!(out)?;
            }
            styled(&mut out, output::EMPHASIS, &format!("{topic} ({count})"))?;
            writeln!(out)?;
        }
        let row = format!(
            "  {:<id_chars$} {:<9} {:<6}",
            question.id(),
            question.kind_name(),
            question.difficulty.name(),
        );
        let prompt = inert_line(question.prompt());
        match width {
            Some(width) if prompt_below => writeln!(
                out,
                "{}\n    {}",
                row.trim_end(),
                shorten_words(&prompt, width.saturating_sub(4))
            )?,
            Some(_) => writeln!(out, "{row} {}", shorten_words(&prompt, prompt_room))?,
            None => writeln!(out, "{row} {}", shorten(&prompt, PROMPT_CHARS))?,
        }
    }
    let n_topics = counts.len();
    writeln!(out)?;
    writeln!(
        out,
        "{} question{} in {} topic{}",
        selected.len(),
        plural(selected.len()),
        n_topics,
        plural(n_topics)
    )?;
    out.flush()?;
    Ok(Status::Success)
}
