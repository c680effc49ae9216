//! How questions, feedback and summaries look on screen. Every piece of text
//! from content or from the learner goes through `text::inert`, and prose is
//! wrapped to the terminal width.

use std::io::{self, Write};

use crate::grade::{Grade, percent};
use crate::grade::{describe_blockers, one_line};
use crate::model::question::Setup;
use crate::model::{Catalog, Kind, Question};
use crate::org::{Code, Listing, Org};
use crate::output::{self, styled};
use crate::score::{PassMark, Score};
use crate::session::input::shown_answer;
use crate::session::select::letter;
use crate::session::{Attempt, Mode, Presented, Session};
use crate::text::inert;
use crate::text::plural;

/// A session's header line: `parts` joined by ` · `, wrapped only between
/// parts (`seed 4` never splits), in bold.
pub fn header(out: &mut dyn Write, parts: &[String], width: usize) -> io::Result<()> {
    let mut line = String::new();
    for part in parts {
        if !line.is_empty() && line.chars().count() + 3 + part.chars().count() > width.max(20) {
            output::styled(out, output::EMPHASIS, &line)?;
            writeln!(out)?;
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(part);
    }
    output::styled(out, output::EMPHASIS, &line)?;
    writeln!(out)
}

/// Writes prose wrapped to `width`, each line indented by `indent` spaces.
pub fn wrapped(out: &mut dyn Write, text: &str, width: usize, indent: usize) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let options = crate::text::wrap_options(width)
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

/// One line of a listing (the org tree, a table row) wrapped to `width` after
/// `indent` spaces: its own leading spaces and tree marks stay, and what wraps
/// hangs two columns in from them, words never broken.
pub fn indented_line(
    out: &mut dyn Write,
    line: &str,
    width: usize,
    indent: usize,
) -> io::Result<()> {
    let line = inert(line);
    let body_start = line
        .find(|ch: char| !ch.is_whitespace() && !matches!(ch, '└' | '├' | '│' | '─'))
        .unwrap_or(line.len());
    let (lead, body) = line.split_at(body_start);
    let first = format!("{}{lead}", " ".repeat(indent));
    // What wraps keeps the tree's lines going past it: a `├─` branch goes
    // on as `│`, a `└─` as spaces.
    let continued: String = lead
        .chars()
        .map(|ch| match ch {
            '├' | '│' => '│',
            _ => ' ',
        })
        .collect();
    let rest = format!("{}{continued}  ", " ".repeat(indent));
    let options = crate::text::wrap_options(width)
        .initial_indent(&first)
        .subsequent_indent(&rest);
    for piece in textwrap::wrap(body, &options) {
        writeln!(out, "{piece}")?;
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
        Kind::Recall(_) if interactive => {
            "answer as you would out loud, on one line or several; an empty line submits"
        }
        Kind::Recall(_) => "answer as you would out loud",
        Kind::Scenario(_) if interactive => "commands at `org>`, one a line; `:done` submits",
        Kind::Scenario(_) => "commands on one line, separated by `;`",
        Kind::Diagnose(_) => "every blocker, by letter or code, e.g. `b i`",
    }
}

/// The question: its number, topic and kind, the prompt, lettered options, and
/// for scenario and diagnose questions the org and the goal (and the codes
/// a diagnose answer names when `show_codes`).
#[allow(clippy::too_many_arguments)]
pub fn question(
    out: &mut dyn Write,
    question: &Question,
    presented: &Presented,
    number: usize,
    total: usize,
    time_left: Option<f64>,
    show_codes: bool,
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
    prompt_and_options(out, question, presented, width)?;
    if let Some(setup) = setup(question) {
        org_view(out, &setup.org, width)?;
        let goal = format!("Goal: {}", setup.goal.describe());
        let goal = inert(&goal);
        let options = crate::text::wrap_options(width);
        styled(out, output::EMPHASIS, &textwrap::fill(&goal, options))?;
        writeln!(out)?;
    }
    if matches!(question.kind, Kind::Diagnose(_)) {
        if show_codes {
            codes(out, width)?;
        }
        wrapped(
            out,
            "What blocks the goal? Name every blocker by letter or code (:codes lists them).",
            width,
            0,
        )?;
    }
    Ok(())
}

/// A question's prompt and its options, lettered in the order shown.
pub fn prompt_and_options(
    out: &mut dyn Write,
    question: &Question,
    presented: &Presented,
    width: usize,
) -> io::Result<()> {
    wrapped(out, question.prompt(), width, 0)?;
    let options: Option<&crate::model::texts::Texts> = match &question.kind {
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
    Ok(())
}

/// The lettered codes a diagnose answer names (once a session, and `:codes`).
pub fn codes(out: &mut dyn Write, width: usize) -> io::Result<()> {
    writeln!(out, "The codes `check` reports:")?;
    for (idx, code) in Code::DIAGNOSABLE.iter().enumerate() {
        let line = format!("{}) {code}: {}", letter(idx), code.summary());
        wrapped_hanging(out, &line, width, 2, 5)?;
    }
    Ok(())
}

/// The line under a question saying what to type.
pub fn answer_line(
    out: &mut dyn Write,
    question: &Question,
    interactive: bool,
    width: usize,
) -> io::Result<()> {
    let hint = format!("({})", answer_hint(question, interactive));
    let options = crate::text::wrap_options(width);
    styled(out, output::DIM, &textwrap::fill(&hint, options))?;
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

/// The org as `show` lists it, indented and wrapped, without the blank lines
/// between sections.
pub fn org_view(out: &mut dyn Write, org: &Org, width: usize) -> io::Result<()> {
    for line in org.show(Listing::Org).lines() {
        if !line.trim().is_empty() {
            indented_line(out, line, width, 2)?;
        }
    }
    Ok(())
}

/// Prose whose first line starts at `indent` and the rest at `hanging`.
pub fn wrapped_hanging(
    out: &mut dyn Write,
    text: &str,
    width: usize,
    indent: usize,
    hanging: usize,
) -> io::Result<()> {
    let text = inert(text).replace('\n', " ");
    writeln!(
        out,
        "{:indent$}{}",
        "",
        crate::text::wrap_after(&text, width, indent, hanging)
    )
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
        Kind::Choice(choice) => {
            // In the order shown, as the learner reads the options.
            let mut correct: Vec<(char, usize)> = choice
                .correct
                .iter()
                .map(|&idx| (shown_letter(idx), idx))
                .collect();
            correct.sort_unstable();
            correct
                .iter()
                .map(|&(shown, idx)| format!("{shown}) {}", choice.choices.get(idx).unwrap_or("")))
                .collect::<Vec<_>>()
                .join("; ")
        }
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

/// Feedback after an answer in practice and drill, short as a flashcard's
/// back: verdict, what was missed, the right answer and one sentence of why.
/// The rest (the whole why, going deeper, the facts) is [`more`]'s, printed
/// here too when `verbose`, else offered in one line.
pub fn feedback(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    presented: &Presented,
    grade: &Grade,
    width: usize,
    verbose: bool,
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
    // An order's first line says what is wrong with it (a step before one it
    // needs, the pairs in order); the right order follows as the right answer.
    if matches!(question.kind, Kind::Order(_)) && grade.score < 0.999 {
        let first_line = grade.feedback.lines().next().unwrap_or("");
        let verdict = first_line
            .strip_suffix("; the right order is:")
            .unwrap_or(first_line);
        if !verdict.is_empty() {
            wrapped(out, verdict, width, 2)?;
        }
    }
    // Recall, scenario and diagnose feedback already shows the right answer,
    // as does a short answer's ("not accepted; the answer is `…`"), unless
    // its first accepted answer is too long to quote whole.
    let shows_key = match &question.kind {
        Kind::Recall(_) | Kind::Scenario(_) | Kind::Diagnose(_) => true,
        Kind::Short(short) => short
            .accept
            .first()
            .is_some_and(|first| first.chars().count() <= crate::grade::MAX_QUOTE_CHARS),
        _ => false,
    };
    if grade.score < 0.999 && !shows_key {
        wrapped(
            out,
            &format!("Right answer: {}", right_answer(question, presented)),
            width,
            2,
        )?;
    }
    if verbose {
        return explanation(out, catalog, question, width);
    }
    wrapped(
        out,
        &format!("Why: {}", first_sentence(question.explanation())),
        width,
        2,
    )?;
    if let Some(offer) = more_offer(catalog, question) {
        styled(out, output::DIM, &format!("  (:more for {offer})"))?;
        writeln!(out)?;
    }
    Ok(())
}

/// What [`more`] would add to the short feedback, in words; `None` for nothing.
fn more_offer(catalog: &Catalog, question: &Question) -> Option<String> {
    let mut parts = Vec::new();
    if first_sentence(question.explanation()).len() < question.explanation().trim().len() {
        parts.push("the rest of the why".to_string());
    }
    if question.deeper().is_some() {
        parts.push("going deeper".to_string());
    }
    let n_facts = question
        .facts
        .iter()
        .filter(|id| catalog.fact(id).is_some())
        .count();
    match n_facts {
        0 => {}
        1 => parts.push("the fact".to_string()),
        n => parts.push(format!("{n} facts")),
    }
    let last = parts.pop()?;
    Some(if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    })
}

/// `:more`: what the short feedback left out: the rest of the why, going
/// deeper and the facts.
pub fn more(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    width: usize,
) -> io::Result<()> {
    if more_offer(catalog, question).is_none() {
        return writeln!(out, "  Nothing more on this one.");
    }
    let why = question.explanation();
    if first_sentence(why).len() < why.trim().len() {
        wrapped(out, &format!("Why: {why}"), width, 2)?;
    }
    behind(out, catalog, question, width)
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` followed by
/// a space and a capital letter (so `e.g. the` and `D5.3` do not end it).
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    for (idx, ch) in text.char_indices() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        let rest = &text[idx + ch.len_utf8()..];
        let mut after = rest.chars();
        if after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase) {
            return &text[..idx + ch.len_utf8()];
        }
    }
    text
}

/// The explanation, the going-deeper note and the facts cited.
pub fn explanation(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    width: usize,
) -> io::Result<()> {
    wrapped(out, &format!("Why: {}", question.explanation()), width, 2)?;
    behind(out, catalog, question, width)
}

/// The going-deeper note and the facts cited.
fn behind(
    out: &mut dyn Write,
    catalog: &Catalog,
    question: &Question,
    width: usize,
) -> io::Result<()> {
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
                    crate::text::wrap_options(width)
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
    let unreached = session.unreached();
    // An exam is scored over every question set; other sessions over the
    // questions asked, the ones not reached left out.
    let exam = session.mode == Mode::Exam;
    let n_scored = if exam {
        session.planned()
    } else {
        firsts.len()
    };
    let time = duration(seconds);
    let counted = format!("{n_scored} question{}", plural(n_scored));
    let line = match (unreached.len(), exam) {
        // Not an exam: scored over the questions asked, so the ones not
        // reached stand apart from that count.
        (n, false) if n_scored == 0 => {
            format!("No question was asked, so there is no score; {n} not reached · time {time}")
        }
        (0, _) => format!("Score: {score} over {counted} ({answered} answered) · time {time}"),
        (n, true) => format!(
            "Score: {score} over {counted} ({answered} answered; {n} not reached, counted as unanswered) · time {time}"
        ),
        (n, false) => format!(
            "Score: {score} over {counted} asked ({answered} answered; {n} not reached) · time {time}"
        ),
    };
    wrapped_hanging(out, &line, width, 0, 2)?;
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
    if !missed.is_empty() || !unreached.is_empty() {
        writeln!(out, "To review:")?;
        for attempt in missed {
            // An exam showed no feedback: its review is where the why comes.
            missed_line(
                out,
                &questions[attempt.presented.question_idx],
                attempt,
                exam,
                width,
            )?;
        }
        // An exam's time can run out with a question on screen: there, each
        // question left is one not answered.
        let left = if exam { "not answered" } else { "not reached" };
        for presented in &unreached {
            let question = &questions[presented.question_idx];
            wrapped_hanging(
                out,
                &format!("- {} ({left}): {}", question.id(), question.prompt()),
                width,
                2,
                4,
            )?;
        }
    }
    Ok(())
}

/// A question missed or skipped: its prompt, the learner's answer in the
/// letters they saw, the right answer, and (`why`) the first sentence of why.
fn missed_line(
    out: &mut dyn Write,
    question: &Question,
    attempt: &Attempt,
    why: bool,
    width: usize,
) -> io::Result<()> {
    let presented = &attempt.presented;
    let note = if attempt.answer.is_none() {
        " (skipped)"
    } else {
        ""
    };
    wrapped_hanging(
        out,
        &format!("- {}{note}: {}", question.id(), question.prompt()),
        width,
        2,
        4,
    )?;
    if let Some(answer) = &attempt.answer {
        wrapped_hanging(
            out,
            &format!(
                "Your answer: {}",
                crate::text::shorten(&shown_answer(question, presented, answer), 200)
            ),
            width,
            4,
            6,
        )?;
    }
    wrapped_hanging(
        out,
        &format!("Right answer: {}", right_answer(question, presented)),
        width,
        4,
        6,
    )?;
    if why {
        wrapped_hanging(
            out,
            &format!("Why: {}", first_sentence(question.explanation())),
            width,
            4,
            6,
        )?;
    }
    Ok(())
}

/// The end of the summary: what to do next, as commands to type.
pub fn next_steps(
    out: &mut dyn Write,
    n_due: usize,
    weakest_topic: Option<&str>,
    width: usize,
) -> io::Result<()> {
    writeln!(out, "Next:")?;
    if n_due > 0 {
        let due = format!(
            "{n_due} review{} due now:",
            if n_due == 1 { " is" } else { "s are" }
        );
        wrapped(out, &due, width, 2)?;
        writeln!(out, "    xcdrill quiz --mode review")?;
    }
    match weakest_topic {
        Some(topic) => {
            wrapped(out, &format!("your weakest topic was {topic}:"), width, 2)?;
            // A command to copy is never wrapped.
            writeln!(
                out,
                "    xcdrill quiz --mode drill --topic {}",
                inert(topic)
            )?;
        }
        None if n_due == 0 => {
            writeln!(out, "  nothing is due now; for more questions:")?;
            writeln!(out, "    xcdrill quiz")?;
        }
        None => {}
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_header_wraps_between_its_parts_only() {
        let parts: Vec<String> = [
            "xcdrill",
            "interview",
            "2 questions",
            "content 86e1610d",
            "seed 4",
        ]
        .iter()
        .map(|part| part.to_string())
        .collect();
        let plain = |width| {
            let printed = printed(|out| header(out, &parts, width));
            anstream::adapter::strip_str(&printed).to_string()
        };
        assert_eq!(
            plain(60),
            "xcdrill · interview · 2 questions · content 86e1610d\nseed 4\n"
        );
        assert_eq!(
            plain(100),
            "xcdrill · interview · 2 questions · content 86e1610d · seed 4\n"
        );
    }

    #[test]
    fn the_first_sentence_ends_at_a_full_stop_before_a_capital() {
        assert_eq!(first_sentence("One, e.g. this. Two."), "One, e.g. this.");
        assert_eq!(first_sentence("See D5.3 for more"), "See D5.3 for more");
        assert_eq!(first_sentence("  Only one.  "), "Only one.");
    }

    #[test]
    fn a_tree_line_wraps_under_itself_keeping_its_branches() {
        let text = printed(|out| {
            indented_line(
                out,
                "├─ Priya Shah: Customer Community Plus User, active, role Acme Reseller",
                40,
                2,
            )
        });
        assert_eq!(
            text,
            "  ├─ Priya Shah: Customer Community Plus\n  │    User, active, role Acme Reseller\n"
        );
        assert!(text.lines().all(|line| line.chars().count() <= 40));
    }

    #[test]
    fn a_command_to_copy_is_not_split_at_its_hyphens() {
        let text = printed(|out| {
            wrapped(
                out,
                "xcdrill grade lifecycle.deactivate-vs-disable --answer-file -",
                58,
                2,
            )
        });
        assert_eq!(
            text,
            "  xcdrill grade lifecycle.deactivate-vs-disable\n  --answer-file -\n"
        );
    }

    #[test]
    fn prose_wraps_without_breaking_words() {
        let text = printed(|out| wrapped(out, "a veryveryveryverylongwordthatdoesnotfit b", 20, 2));
        assert_eq!(text, "  a\n  veryveryveryverylongwordthatdoesnotfit\n  b\n");
    }
}
