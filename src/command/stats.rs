//! `xcdrill stats [--json]`: progress at a glance, from the store and the
//! active content's topics. The store is only read (never changed). Bars are Unicode in a terminal, ASCII otherwise.

use std::io::Write;

use super::load_catalog;
use super::progress::{now, read_store, time_zone};
use crate::cli::StatsArgs;
use crate::config::Config;
use crate::output::{self, styled};
use crate::report::chart::{bar, sparkline};
use crate::report::stats::{Stats, StatsInput};
use crate::score::Score;
use crate::text::inert_line;
use crate::text::plural;
use crate::{Error, Status};

/// Cells in a mastery bar.
const BAR_WIDTH: usize = 20;

pub fn run(args: &StatsArgs, config: &Config) -> Result<Status, Error> {
    let now = now(config)?;
    let catalog = load_catalog(config)?;
    let store = read_store(config)?;
    let states = store.question_states()?;
    let answer_times = store.answer_times()?;
    let questions: Vec<(&str, &str)> = catalog
        .questions()
        .iter()
        .map(|question| (question.id(), &*question.topic))
        .collect();
    let time_zone = time_zone();
    let stats = Stats::compute(&StatsInput {
        now,
        time_zone: &time_zone,
        questions: &questions,
        states: &states,
        answer_times: &answer_times,
    });
    let mut out = output::stdout(config.color);
    if args.json {
        super::write_json(&mut out, &stats, true)?;
    } else {
        print(&mut out, &stats, config.uses_color)?;
    }
    Ok(Status::Success)
}

fn percent(fraction: f64) -> String {
    Score::new(fraction).to_string()
}

fn print(out: &mut impl Write, stats: &Stats, unicode: bool) -> std::io::Result<()> {
    writeln!(
        out,
        "Reviews  {} in total, {} today",
        stats.reviews, stats.reviews_today
    )?;
    writeln!(
        out,
        "Due      {} today, {} this week",
        stats.due, stats.due_week
    )?;
    writeln!(
        out,
        "Streak   {} day{}",
        stats.streak,
        plural(stats.streak as usize)
    )?;
    if stats.reviews == 0 {
        writeln!(out, "\nNo reviews yet: `xcdrill quiz` starts a session.")?;
    }

    writeln!(out)?;
    styled(out, output::EMPHASIS, "Mastery by topic")?;
    writeln!(out)?;
    let names: Vec<String> = stats
        .topics
        .iter()
        .map(|topic| inert_line(&topic.topic).into_owned())
        .collect();
    if names.is_empty() {
        writeln!(out, "  (the content has no questions)")?;
    }
    let name_width = names
        .iter()
        .map(|name| name.chars().count())
        .max()
        .unwrap_or(0);
    for (topic, name) in stats.topics.iter().zip(&names) {
        writeln!(
            out,
            "  {name:<name_width$}  {}  {:>4}  {}/{} reviewed",
            bar(topic.mastery, BAR_WIDTH, unicode),
            percent(topic.mastery),
            topic.reviewed,
            topic.questions
        )?;
    }

    let counts: Vec<usize> = stats.days.iter().map(|day| day.reviews).collect();
    let busiest = counts.iter().copied().max().unwrap_or(0);
    writeln!(out)?;
    styled(
        out,
        output::EMPHASIS,
        &format!("Last {} days", stats.days.len()),
    )?;
    writeln!(out, " (at most {busiest} a day)")?;
    let first = stats.days.first().map_or("", |day| day.date.as_str());
    let last = stats.days.last().map_or("", |day| day.date.as_str());
    writeln!(out, "  {first} |{}| {last}", sparkline(&counts, unicode))?;

    if !stats.weakest.is_empty() {
        writeln!(out)?;
        styled(out, output::EMPHASIS, "Weakest questions")?;
        writeln!(out)?;
        let ids: Vec<String> = stats
            .weakest
            .iter()
            .map(|weak| inert_line(&weak.id).into_owned())
            .collect();
        let id_width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
        for (weak, id) in stats.weakest.iter().zip(&ids) {
            writeln!(
                out,
                "  {id:<id_width$}  {:>4}  last score {}",
                percent(weak.mastery),
                percent(weak.last_score)
            )?;
        }
    }
    Ok(())
}
