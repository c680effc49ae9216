//! How questions, feedback and summaries look on screen. Every piece of text
//! from content or from the learner goes through `text::inert`, and prose is
//! wrapped to the terminal width.

use std::io::{self, Write};

use crate::bank::question::Setup;
use crate::bank::{Catalog, Kind, Question};
use crate::grade::{Grade, percent};
use crate::grade::{describe_blockers, one_line};
use crate::org::{Code, Listing, Org};
use crate::output::{self, styled};
use crate::score::{PassMark, Score};
use crate::session::select::letter;
use crate::session::{Attempt, Presented, Session};
use crate::text::inert;

/// Writes prose wrapped to `width`, each line indented by `indent` spaces.
pub fn wrapped(out: &mut dyn Write, text: &str, width: usize, indent: usize) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(&pad)
        .subsequent_indent(&pad);
    for paragraph in inert(text).split('\n') {
        if paragraph.trim().is_empty() {
            writeln!(out)?;
            continue;
        }
        for line in textwrap::wrap(paragraph, &options) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// What the learner is asked to type, by kind; a scenario is answered at its own
/// `org> ` prompt in a terminal (`interactive`), on one line otherwise.
pub fn answer_hint(question: &Question, interactive: bool) -> &'static str {
    match &question.kind {
        Kind::Choice(choice) if choice.multiple => "select all that apply: letters, e.g. `a c`",
        Kind::Choice(_) => "one letter",
        Kind::TrueFalse(_) => "true or false",
        Kind::Short(_) => "a few words",
        Kind::Order(_) => "the letters in the right order, e.g. `c a b`",
        Kind::Recall(_) => "answer as you would out loud",
        Kind::Scenario(_) if interactive => "commands at `org>`, one a line; `:done` submits",
        Kind::Scenario(_) => "commands on one line, separated by `;`",
        Kind::Diagnose(_) => "every blocker, by letter or code, e.g. `b i`",
    }
}

/// The question: its number, topic and kind, the prompt, lettered options, and
/// for scenario and diagnose questions the org and the goal.
pub fn question(
    out: &mut dyn Write,
    question: &Question,
    presented: &Presented,
    number: usize,
    total: usize,
    time_left: Option<f64>,
    width: usize,
) -> io::Result<()> {
    writeln!(out)?;
    let mut header = format!(
        "Question {number}/{total} · {} · {}",
        question.topic,
        question.kind_name()
    );
    if let Some(seconds) = time_left {
        header.push_str(&format!(" · {} left", duration(seconds)));
    }
    styled(out, output::EMPHASIS, &inert(&header))?;
    writeln!(out)?;
    wrapped(out, question.prompt(), width, 0)?;
    let options: Option<&crate::bank::texts::Texts> = match &question.kind {
        Kind::Choice(choice) => Some(&choice.choices),
        Kind::Order(order) => Some(&order.items),
        _ => None,
    };
    if let Some(options) = options {
        for (shown_idx, &bank_idx) in presented.shown.iter().enumerate() {
            let text = format!(
                "{}) {}",
                letter(shown_idx),
                options.get(bank_idx).unwrap_or("")
            );
            wrapped_hanging(out, &text, width, 2, 5)?;
        }
    }
    if let Some(setup) = setup(question) {
        org_view(out, &setup.org)?;
        styled(
            out,
            output::EMPHASIS,
            &inert(&format!("Goal: {}", setup.goal.describe())),
        )?;
        writeln!(out)?;
    }
    if matches!(question.kind, Kind::Diagnose(_)) {
        writeln!(out, "What blocks the goal? The codes `check` reports:")?;
        for (idx, code) in Code::DIAGNOSABLE.iter().enumerate() {
            let line = format!("{}) {code}: {}", letter(idx), code.summary());
            wrapped_hanging(out, &line, width, 2, 5)?;
        }
    }
    Ok(())
}

/// The line under a question saying what to type.
pub fn answer_line(out: &mut dyn Write, question: &Question, interactive: bool) -> io::Result<()> {
    styled(
        out,
        output::DIM,
        &format!("({})", answer_hint(question, interactive)),
    )?;
    writeln!(out)
}

/// The org and goal of a scenario or diagnose question.
pub fn setup(question: &Question) -> Option<&Setup> {
    match &question.kind {
        Kind::Scenario(scenario) => Some(&scenario.setup),
        Kind::Diagnose(diagnose) => Some(&diagnose.setup),
        _ => None,
    }
}

/// The org as `show` lists it, indented, without the blank lines between sections.
pub fn org_view(out: &mut dyn Write, org: &Org) -> io::Result<()> {
    for line in org.show(Listing::Org).lines() {
        if !line.trim().is_empty() {
            writeln!(out, "  {}", inert(line))?;
        }
    }
    Ok(())
}

/// Prose whose first line starts at `indent` and the rest at `hanging`.
fn wrapped_hanging(
    out: &mut dyn Write,
    text: &str,
    width: usize,
    indent: usize,
    hanging: usize,
) -> io::Result<()> {
    let first = " ".repeat(indent);
    let rest = " ".repeat(hanging);
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(&first)
        .subsequent_indent(&rest);
    for line in textwrap::wrap(&inert(text).replace('\n', " "), &options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The right answer, in the letters the learner saw.
pub fn right_answer(question: &Question, presented: &Presented) -> String {
    let shown_letter = |bank_idx: usize| {
        presented
            .shown
            .iter()
            .position(|&idx| idx == bank_idx)
            .map_or('?', letter)
    };
    match &question.kind {
        Kind::Choice(choice) => choice
            .correct
            .iter()
            .map(|&idx| {
                format!(
                    "{}) {}",
                    shown_letter(idx),
                    choice.choices.get(idx).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Kind::TrueFalse(truefalse) => truefalse.answer.to_string(),
        Kind::Short(short) => short.accept.first().unwrap_or_default().to_string(),
        Kind::Order(order) => {
            let letters: Vec<String> = (0..order.items.len())
                .map(|idx| shown_letter(idx).to_string())
                .collect();
            format!(
                "{}: {}",
                letters.join(" "),
                order.items.to_vec().join(" → ")
            )
        }
        Kind::Recall(recall) => recall.model_answer.to_string(),
        Kind::Scenario(scenario) => one_line(&scenario.solution),
        Kind::Diagnose(diagnose) => describe_blockers(
            &diagnose
                .setup
                .goal
                .blockers(&diagnose.setup.org)
                .unwrap_or_default(),
        ),
    }
}

/// A one-word verdict for a score.
pub fn verdict(grade: &Grade) -> &'static str {
    if grade.score >= 0.999 {
        "Right"
    } else if grade.passed {
        "Good"
    } else if grade.score > 0.0 {
        "Partly"
    } else {
        "Wrong"
    }
}

/// Feedback after an answer in practice and drill: verdict, what was missed,
/// the right answer, the explanation, the going-deeper note and the facts.
pub fn feedback(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    presented: &Presented,
    grade: &Grade,
    width: usize,
) -> io::Result<()> {
    let style = if grade.passed {
        output::GOOD
    } else {
        output::ERROR
    };
    styled(
        out,
        style,
        &format!("{} · {}%", verdict(grade), percent(grade.score)),
    )?;
    writeln!(out)?;
    let free_text = matches!(
        question.kind,
        Kind::Short(_) | Kind::Recall(_) | Kind::Scenario(_) | Kind::Diagnose(_)
    );
    if free_text && !grade.feedback.trim().is_empty() {
        wrapped(out, &grade.feedback, width, 2)?;
    }
    // Recall, scenario and diagnose feedback already shows the right answer.
    let shows_key = matches!(
        question.kind,
        Kind::Recall(_) | Kind::Scenario(_) | Kind::Diagnose(_)
    );
    if grade.score < 0.999 && !shows_key {
        wrapped(
            out,
            &format!("Right answer: {}", right_answer(question, presented)),
            width,
            2,
        )?;
    }
    explanation(out, catalog, question, width)
}

/// The explanation, the going-deeper note and the facts cited.
pub fn explanation(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    width: usize,
) -> io::Result<()> {
    wrapped(out, &format!("Why: {}", question.explanation()), width, 2)?;
    if let Some(deeper) = &question.deeper() {
        wrapped(out, &format!("Going deeper: {deeper}"), width, 2)?;
    }
    for fact_id in &question.facts {
        if let Some(fact) = catalog.fact(fact_id) {
            let line = format!("Fact: {} [{}]", fact.statement, fact.source_label());
            styled(
                out,
                output::DIM,
                &textwrap::fill(
                    &inert(&line),
                    textwrap::Options::new(width.max(20))
                        .initial_indent("  ")
                        .subsequent_indent("    "),
                ),
            )?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// The end of a session: score, per-topic table, missed questions, time.
pub fn summary(
    out: &mut dyn Write,
    catalog: &Catalog,
    session: &Session,
    seconds: f64,
    pass_mark: Option<PassMark>,
    width: usize,
) -> io::Result<()> {
    let questions = catalog.questions();
    let firsts = session.first_attempts();
    writeln!(out)?;
    styled(out, output::EMPHASIS, "Summary")?;
    writeln!(out)?;
    let score = Score::new(session.score());
    let answered = firsts
        .iter()
        .filter(|attempt| attempt.answer.is_some())
        .count();
    writeln!(
        out,
        "Score: {score} over {} question{} ({answered} answered) · time {}",
        session.planned(),
        if session.planned() == 1 { "" } else { "s" },
        duration(seconds)
    )?;
    if let Some(pass) = pass_mark {
        let passed = pass.passes(score);
        let style = if passed { output::GOOD } else { output::ERROR };
        styled(
            out,
            style,
            &format!(
                "{} (pass mark {pass})",
                if passed { "PASSED" } else { "NOT PASSED" }
            ),
        )?;
        writeln!(out)?;
    }
    let mut topics: Vec<(&str, usize, f64)> = Vec::new();
    for attempt in &firsts {
        let topic = &*questions[attempt.presented.question_idx].topic;
        match topics.iter_mut().find(|(name, _, _)| *name == topic) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += attempt.score();
            }
            None => topics.push((topic, 1, attempt.score())),
        }
    }
    topics.sort_by(|a, b| a.0.cmp(b.0));
    if !topics.is_empty() {
        writeln!(out, "  {:<16} {:>5} {:>6}", "topic", "asked", "score")?;
        for (topic, asked, total) in &topics {
            writeln!(
                out,
                "  {:<16} {:>5} {:>5}%",
                inert(topic),
                asked,
                percent(total / *asked as f64)
            )?;
        }
    }
    let missed: Vec<&&Attempt> = firsts.iter().filter(|attempt| !attempt.passed()).collect();
    let unreached = session.unreached();
    if !missed.is_empty() || !unreached.is_empty() {
        writeln!(out, "To review:")?;
        for attempt in missed {
            missed_line(
                out,
                &questions[attempt.presented.question_idx],
                &attempt.presented,
                attempt.answer.is_none(),
                width,
            )?;
        }
        for presented in &unreached {
            let question = &questions[presented.question_idx];
            wrapped_hanging(
                out,
                &format!("- {} (not reached): {}", question.id(), question.prompt()),
                width,
                2,
                4,
            )?;
        }
    }
    Ok(())
}

fn missed_line(
    out: &mut dyn Write,
    question: &Question,
    presented: &Presented,
    skipped: bool,
    width: usize,
) -> io::Result<()> {
    let note = if skipped { " (skipped)" } else { "" };
    wrapped_hanging(
        out,
        &format!("- {}{note}: {}", question.id(), question.prompt()),
        width,
        2,
        4,
    )?;
    wrapped_hanging(
        out,
        &format!("Right answer: {}", right_answer(question, presented)),
        width,
        4,
        6,
    )
}

/// `1m 05s`, `42s`, `1h 02m`.
pub fn duration(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (hours, minutes, secs) = (total / 3600, (total / 60) % 60, total % 60);
    if hours > 0 {
        format!("{hours}h {minutes:02}m")
    } else if minutes > 0 {
        format!("{minutes}m {secs:02}s")
    } else {
        format!("{secs}s")
    }
}
