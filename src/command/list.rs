//! `xcdrill list [--topic T]... [--json]`: the questions of the active content.

use std::io::Write;

use serde::Serialize;

use super::load_catalog;
use crate::bank::Question;
use crate::cli::ListArgs;
use crate::config::Config;
use crate::output::{self, styled};
use crate::text::{inert_line, shorten};
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

pub fn run(args: &ListArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let known_topics = catalog.topics();
    for topic in &args.topic {
        if !known_topics.contains_key(topic.as_str()) {
            let suggestion = crate::suggest::did_you_mean(topic, known_topics.keys().copied());
            let topics: Vec<&str> = known_topics.keys().copied().collect();
            return Err(Error::Usage(format!(
                "no topic `{topic}`; {}",
                if suggestion.is_empty() {
                    format!("the topics are: {}", topics.join(", "))
                } else {
                    suggestion
                }
            )));
        }
    }
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
    let mut out = output::stdout(config.color);
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
        serde_json::to_writer_pretty(&mut out, &json).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(Status::Success);
    }
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
        writeln!(
            out,
            "  {:<34} {:<9} {:<6} {}",
            question.id(),
            question.kind_name(),
            question.difficulty.name(),
            shorten(&inert_line(question.prompt()), PROMPT_CHARS)
        )?;
    }
    let n_topics = counts.len();
    writeln!(out)?;
    writeln!(
        out,
        "{} question{} in {} topic{}",
        selected.len(),
        super::lint::plural(selected.len()),
        n_topics,
        super::lint::plural(n_topics)
    )?;
    Ok(Status::Success)
}
