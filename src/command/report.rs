//! `xcdrill report FILE... [--format table|markdown|csv|json]`: the cohort
//! report over exam result files. A file that can't be read or isn't a result
//! file stops it with exit status 2, naming the file.

use std::io::Write;
use std::path::Path;

use crate::bank::load::ReadError;
use crate::cli::{ReportArgs, ReportFormat};
use crate::config::Config;
use crate::output::{self, styled};
use crate::report::cohort::{CohortReport, Exam};
use crate::report::table::{Table, TableStyle};
use crate::session::result::{RESULT_FORMAT, SessionResult};
use crate::text::inert_line;
use crate::{Error, Status};

pub fn run(args: &ReportArgs, config: &Config) -> Result<Status, Error> {
    let results = args
        .files
        .iter()
        .map(|path| read_result(path))
        .collect::<Result<Vec<_>, _>>()?;
    let report = CohortReport::compute(&results);
    let mut err = output::stderr(config.color);
    for warning in &report.warnings {
        styled(&mut err, output::WARNING, "warning")?;
        writeln!(err, ": {warning}")?;
    }
    let mut out = output::stdout(config.color);
    let style = match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from)?;
            writeln!(out)?;
            return Ok(Status::Success);
        }
        ReportFormat::Table => TableStyle::Plain,
        ReportFormat::Markdown => TableStyle::Markdown,
        ReportFormat::Csv => TableStyle::Csv,
    };
    for (idx, exam) in report.groups.iter().enumerate() {
        if idx > 0 {
            writeln!(out)?;
        }
        write_exam(&mut out, exam, style)?;
    }
    Ok(Status::Success)
}

/// Reads and checks one result file; the name in errors is the path as given.
fn read_result(path: &Path) -> Result<(String, SessionResult), Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ReadError {
        path: name.clone(),
        source,
    })?;
    let invalid = |message: String| Error::Invalid {
        path: name.clone(),
        what: "result file",
        message,
    };
    let result: SessionResult =
        serde_json::from_str(&text).map_err(|error| invalid(error.to_string()))?;
    if result.format > RESULT_FORMAT {
        return Err(invalid(format!(
            "its format {} is newer than this xcdrill reads ({RESULT_FORMAT}); upgrade xcdrill",
            result.format
        )));
    }
    // Result files travel between people: numbers outside their range would
    // print as nonsense ("500%", "inf%"), so they are refused by name.
    let score_ok = |score: f64| (0.0..=1.0).contains(&score);
    if !score_ok(result.score) {
        return Err(invalid(format!(
            "its score {} is outside 0 to 1",
            result.score
        )));
    }
    for question in &result.questions {
        if !(score_ok(question.score) && question.seconds.is_finite() && question.seconds >= 0.0) {
            return Err(invalid(format!(
                "question `{}` has a score outside 0 to 1 or a negative time",
                question.id
            )));
        }
    }
    Ok((name, result))
}

fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

/// One exam's three tables, each under a heading (a comment-free blank line
/// separates them in CSV).
fn write_exam(out: &mut impl Write, exam: &Exam, style: TableStyle) -> std::io::Result<()> {
    let title = format!(
        "Seed {}, content {}",
        exam.seed,
        inert_line(&exam.content_hash)
    );
    let mut learners = Table::new(&["learner", "score", "passed", "minutes", "file"]);
    for learner in &exam.learners {
        learners.push(vec![
            inert_line(&learner.name).into_owned(),
            // `+ 0.0` turns a negative zero into 0, so no "-0%".
            format!("{:.0}%", learner.score_percent + 0.0),
            if learner.passed { "yes" } else { "no" }.to_string(),
            format!("{:.1}", learner.seconds / 60.0),
            inert_line(&learner.file).into_owned(),
        ]);
    }
    let mut questions = Table::new(&[
        "question",
        "topic",
        "answered",
        "asked",
        "mean score",
        "discrimination",
        "most chosen wrong answer",
    ]);
    for question in &exam.questions {
        questions.push(vec![
            inert_line(&question.id).into_owned(),
            inert_line(&question.topic).into_owned(),
            question.answered.to_string(),
            question.asked.to_string(),
            percent(question.mean_score),
            question
                .discrimination
                .map_or_else(String::new, |value| format!("{value:.2}")),
            question
                .wrong_answer
                .as_ref()
                .map_or_else(String::new, |wrong| {
                    format!("{} ({}x)", inert_line(&wrong.answer), wrong.count)
                }),
        ]);
    }
    let mut topics = Table::new(&["topic", "questions", "mean score"]);
    for topic in &exam.topics {
        topics.push(vec![
            inert_line(&topic.topic).into_owned(),
            topic.questions.to_string(),
            percent(topic.mean_score),
        ]);
    }
    let sections = [
        ("Learners", learners),
        ("Questions", questions),
        ("Topics", topics),
    ];
    match style {
        TableStyle::Plain => {
            styled(out, output::EMPHASIS, &title)?;
            writeln!(out)?;
            for (heading, table) in &sections {
                writeln!(out)?;
                styled(out, output::EMPHASIS, heading)?;
                writeln!(out)?;
                write!(out, "{}", table.render(style))?;
            }
        }
        TableStyle::Markdown => {
            writeln!(out, "## {title}")?;
            for (heading, table) in &sections {
                writeln!(out, "\n### {heading}\n")?;
                write!(out, "{}", table.render(style))?;
            }
        }
        TableStyle::Csv => {
            for (idx, (_, table)) in sections.iter().enumerate() {
                if idx > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", with_exam_columns(table, exam).render(style))?;
            }
        }
    }
    Ok(())
}

/// `table` with the exam's seed and content hash as its first two columns, so
/// CSV rows from several exams stay apart.
fn with_exam_columns(table: &Table, exam: &Exam) -> Table {
    let mut headers = vec!["seed".to_string(), "content_hash".to_string()];
    headers.extend(table.headers.iter().cloned());
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![exam.seed.to_string(), exam.content_hash.clone()];
            cells.extend(row.iter().cloned());
            cells
        })
        .collect();
    Table { headers, rows }
}
