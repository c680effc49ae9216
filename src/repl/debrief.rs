//! How the interview's debrief looks: the verdict in the interviewer's words,
//! then each open question with the answer's strong points and gaps, the model
//! answer and the follow-ups; the gaps as facts; the study plan as commands.
//! The data comes from `session::debrief`; text goes through `text::inert`.

use std::io::{self, Write};

use super::interview::{Ending, Transcript};
use super::render::{duration, right_answer, wrapped, wrapped_hanging};
use crate::grade::{Outcome, percent};
use crate::model::{Catalog, Kind};
use crate::output::{self, styled};
use crate::session::debrief::InterviewResult;
use crate::session::interview::{Asked, MainAnswer, Verdict};
use crate::text::plural;

/// Prints the debrief of `transcript`, whose result is `result`; `seconds` is
/// the whole interview's time.
pub fn debrief(
    out: &mut dyn Write,
    catalog: &Catalog,
    transcript: &Transcript,
    result: &InterviewResult,
    ending: Ending,
    seconds: f64,
    width: usize,
) -> io::Result<()> {
    writeln!(out)?;
    styled(out, output::EMPHASIS, "Debrief")?;
    writeln!(out)?;
    let n_asked = transcript.answers.len();
    let n_planned = n_asked + transcript.unreached.len();
    let n_followups: usize = transcript
        .answers
        .iter()
        .map(|answer| answer.followups.len())
        .sum();
    let ended = match ending {
        Ending::Finished => "",
        Ending::Quit => " (ended early)",
        Ending::TimeUp => " (time ran out)",
    };
    writeln!(
        out,
        "{n_asked} of {n_planned} question{} and {n_followups} follow-up{} in {}{ended}",
        plural(n_planned),
        plural(n_followups),
        duration(seconds),
    )?;
    let verdict = Verdict::of(&transcript.answers, n_planned);
    let style = match verdict {
        Verdict::Strong => output::GOOD,
        Verdict::Acceptable => output::WARNING,
        Verdict::NeedsWork => output::ERROR,
    };
    styled(out, style, &format!("Verdict: {}", verdict.name()))?;
    writeln!(out)?;
    wrapped(out, verdict.words(), width, 2)?;
    for (idx, answer) in transcript.answers.iter().enumerate() {
        main_answer(out, catalog, idx + 1, answer, width)?;
    }
    for &question_idx in &transcript.unreached {
        let question = &catalog.questions()[question_idx];
        writeln!(out)?;
        wrapped_hanging(
            out,
            &format!("{} (not reached): {}", question.id(), question.prompt()),
            width,
            0,
            2,
        )?;
    }
    if !result.gaps.is_empty() {
        writeln!(out)?;
        styled(out, output::EMPHASIS, "Gaps")?;
        writeln!(out)?;
        for fact_id in &result.gaps {
            let line = match catalog.fact(fact_id) {
                Some(fact) => format!("- {fact_id}: {} [{}]", fact.statement, fact.source_label()),
                None => format!("- {fact_id}"),
            };
            wrapped_hanging(out, &line, width, 2, 4)?;
        }
    }
    if !result.study.is_empty() {
        writeln!(out)?;
        styled(out, output::EMPHASIS, "Study plan")?;
        writeln!(out)?;
        for command in &result.study {
            wrapped_hanging(out, command, width, 2, 4)?;
        }
    }
    Ok(())
}

/// One open question: score, time, strong points, gaps, model answer and the
/// follow-ups.
fn main_answer(
    out: &mut dyn Write,
    catalog: &Catalog,
    number: usize,
    answer: &MainAnswer,
    width: usize,
) -> io::Result<()> {
    let question = &catalog.questions()[answer.asked.presented.question_idx];
    writeln!(out)?;
    styled(
        out,
        output::EMPHASIS,
        &format!(
            "{number}. {} · {} · {}",
            question.id(),
            outcome_word(&answer.asked),
            duration(answer.asked.seconds)
        ),
    )?;
    writeln!(out)?;
    wrapped(out, question.prompt(), width, 2)?;
    if let Kind::Recall(recall) = &question.kind
        && answer.asked.grade.is_some()
    {
        let names = |wanted: fn(&Outcome) -> bool| -> Vec<String> {
            recall
                .concepts
                .iter()
                .zip(&answer.outcomes)
                .filter(|(_, outcome)| wanted(outcome))
                .map(|(concept, _)| {
                    let required = if concept.required { " (required)" } else { "" };
                    format!("{}{required}", concept.name)
                })
                .collect()
        };
        let found = names(|outcome| outcome.is_found());
        let missed = names(|outcome| *outcome == Outcome::Missed);
        let wrong = names(|outcome| matches!(outcome, Outcome::Contradicted(_)));
        for (label, items) in [
            ("Strong points", found),
            ("Missed", missed),
            ("Got wrong", wrong),
        ] {
            if !items.is_empty() {
                wrapped_hanging(out, &format!("{label}: {}", items.join("; ")), width, 2, 4)?;
            }
        }
        wrapped_hanging(
            out,
            &format!("Model answer: {}", recall.model_answer),
            width,
            2,
            4,
        )?;
    }
    for (concept_idx, asked) in &answer.followups {
        let followup = &catalog.questions()[asked.presented.question_idx];
        let concept = match &question.kind {
            Kind::Recall(recall) => recall
                .concepts
                .get(*concept_idx)
                .map_or("", |concept| &*concept.name),
            _ => "",
        };
        wrapped_hanging(
            out,
            &format!(
                "Follow-up on {concept}: {} · {} · {}",
                followup.id(),
                outcome_word(asked),
                duration(asked.seconds)
            ),
            width,
            2,
            4,
        )?;
        wrapped_hanging(out, followup.prompt(), width, 4, 4)?;
        if !asked.passed() {
            wrapped_hanging(
                out,
                &format!("Right answer: {}", right_answer(followup, &asked.presented)),
                width,
                4,
                6,
            )?;
        }
    }
    Ok(())
}

/// `passed · 85%`, `not passed · 40%` or `skipped`.
fn outcome_word(asked: &Asked) -> String {
    match &asked.grade {
        None => "skipped".to_string(),
        Some(grade) if grade.passed => format!("passed · {}%", percent(grade.score)),
        Some(grade) => format!("not passed · {}%", percent(grade.score)),
    }
}
