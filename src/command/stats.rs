//! `xcdrill stats [--json]`: progress at a glance, from the store and the
//! active content's topics. The store is only read (never changed). Bars are Unicode in a terminal, ASCII otherwise.
//!
//! `xcdrill stats --optimize [--json]`: personal FSRS parameters fitted to the
//! review log. The log is read through a private copy; only when there is
//! enough to learn from is the store opened for writing, to save the
//! parameters and recompute every schedule with them.

use std::io::Write;

use super::load_catalog;
use super::progress::{now, open_store, read_store, time_zone};
use crate::cli::StatsArgs;
use crate::config::Config;
use crate::output::{self, styled};
use crate::report::chart::{bar, sparkline};
use crate::report::stats::{Stats, StatsInput, local_date};
use crate::score::Score;
use crate::store::{MIN_REVIEWS, Parameters, Rescheduled};
use crate::text::inert_line;
use crate::text::plural;
use crate::{Error, Status};

/// Cells in a mastery bar.
const BAR_WIDTH: usize = 20;

pub fn run(args: &StatsArgs, config: &Config) -> Result<Status, Error> {
    if args.optimize {
        return optimize(args, config);
    }
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
        parameters: store.parameters(),
    });
    let mut out = output::stdout(config.color);
    if args.json {
        super::write_json(&mut out, &stats, true)?;
    } else {
        print(
            &mut out,
            &stats,
            &time_zone,
            config.uses_color,
            config.width,
        )?;
    }
    Ok(Status::Success)
}

fn percent(fraction: f64) -> String {
    Score::new(fraction).to_string()
}

fn print(
    out: &mut impl Write,
    stats: &Stats,
    time_zone: &jiff::tz::TimeZone,
    unicode: bool,
    width: Option<usize>,
) -> std::io::Result<()> {
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
    let fsrs = format!("FSRS     {}", describe(&stats.fsrs, time_zone));
    match width {
        // Under its label, as the lines above.
        Some(width) => crate::repl::render::wrapped_hanging(out, &fsrs, width, 0, 9)?,
        None => writeln!(out, "{fsrs}")?,
    }
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

/// Which FSRS parameters are in use, in words.
fn describe(parameters: &Parameters, time_zone: &jiff::tz::TimeZone) -> String {
    match (
        parameters.optimized_at,
        parameters.reviews,
        parameters.questions,
    ) {
        (Some(at), Some(reviews), Some(questions)) if parameters.is_personal() => format!(
            "personal parameters, optimised {} from {reviews} review{} of {questions} question{}",
            local_date(time_zone, at),
            plural(reviews),
            plural(questions)
        ),
        _ => "default parameters (`xcdrill stats --optimize` fits your own)".to_string(),
    }
}

/// What `stats --optimize --json` prints.
#[derive(serde::Serialize)]
struct Optimization<'a> {
    optimized: bool,
    /// Reviews made a day or more after the question's previous one.
    reviews: usize,
    questions: usize,
    minimum: usize,
    /// Why nothing changed, when nothing did.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The parameters now in use (the new ones when optimised).
    fsrs: &'a Parameters,
    #[serde(skip_serializing_if = "Option::is_none")]
    rescheduled: Option<Rescheduled>,
}

/// `stats --optimize`: fits, saves and reschedules, or says why not and
/// changes nothing.
fn optimize(args: &StatsArgs, config: &Config) -> Result<Status, Error> {
    let now = now(config)?;
    let reader = read_store(config)?;
    let training = reader.training_set()?;
    let fitted = training.optimize()?;
    let mut out = output::stdout(config.color);
    let Some(values) = fitted else {
        let reason = if training.is_enough() {
            format!(
                "FSRS found too little to learn from in {} review{} of {} question{}: it needs \
                 the first reviews of more questions (20 or more with the same first rating)",
                training.reviews,
                plural(training.reviews),
                training.questions,
                plural(training.questions)
            )
        } else {
            format!(
                "{} review{} of {} question{} {}, and at least {MIN_REVIEWS} are needed \
                 (a review counts when it comes a day or more after the question's previous one)",
                training.reviews,
                plural(training.reviews),
                training.questions,
                plural(training.questions),
                if training.reviews == 1 {
                    "counts"
                } else {
                    "count"
                }
            )
        };
        let kept = reader.parameters();
        if args.json {
            let report = Optimization {
                optimized: false,
                reviews: training.reviews,
                questions: training.questions,
                minimum: MIN_REVIEWS,
                reason: Some(reason),
                fsrs: kept,
                rescheduled: None,
            };
            super::write_json(&mut out, &report, true)?;
        } else {
            let which = if kept.is_personal() {
                "personal"
            } else {
                "default"
            };
            writeln!(
                out,
                "Not enough reviews to optimise the FSRS parameters: {reason}.\n\
                 Nothing changed: schedules keep the {which} parameters."
            )?;
        }
        return Ok(Status::Success);
    };
    drop(reader);
    let mut store = open_store(config)?;
    let parameters = Parameters::personal(values, now, training.reviews, training.questions);
    let rescheduled = store.use_parameters(parameters)?;
    if args.json {
        let report = Optimization {
            optimized: true,
            reviews: training.reviews,
            questions: training.questions,
            minimum: MIN_REVIEWS,
            reason: None,
            fsrs: store.parameters(),
            rescheduled: Some(rescheduled),
        };
        super::write_json(&mut out, &report, true)?;
    } else {
        writeln!(
            out,
            "Optimised the FSRS parameters from {} review{} of {} question{}.",
            training.reviews,
            plural(training.reviews),
            training.questions,
            plural(training.questions)
        )?;
        writeln!(
            out,
            "Schedules recomputed: {} of {} due date{} moved ({} earlier, {} later).",
            rescheduled.moved,
            rescheduled.scheduled,
            plural(rescheduled.scheduled),
            rescheduled.earlier,
            rescheduled.later
        )?;
        writeln!(
            out,
            "Every schedule now uses these personal parameters; `xcdrill stats --optimize` again \
             refits them as reviews accumulate."
        )?;
    }
    Ok(Status::Success)
}
