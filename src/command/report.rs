//! `xcdrill report FILE... [--format table|markdown|csv|json|html] [--table T]
//! [--output FILE]`: the cohort report over exam result files. A file that
//! can't be read, isn't an exam's result file or holds nonsense
//! (`report::check`) stops it with exit status 2, naming the file and the
//! entry; the same session given twice (the same file, or a copy) is counted
//! once with a warning. `--output` is checked before any file is read and
//! written whole through [`OutputFile`].

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::cli::{ReportArgs, ReportFormat, ReportTable};
use crate::config::Config;
use crate::output::{self, styled};
use crate::output_file::OutputFile;
use crate::report::cohort::{ChoiceTexts, CohortReport, Exam};
use crate::report::interview::{self, InterviewRow};
use crate::report::table::{Table, TableStyle, minutes_seconds};
use crate::report::{check, html};
use crate::score::Score;
use crate::session::debrief::{INTERVIEW_MODE, InterviewResult};
use crate::session::result::SessionResult;
use crate::text::inert_line;
use crate::text::plural;
use crate::{Error, Status};

pub fn run(args: &ReportArgs, config: &Config) -> Result<Status, Error> {
    if args.table.is_some() && matches!(args.format, ReportFormat::Json | ReportFormat::Html) {
        return Err(Error::Usage(
            "`--table` chooses a table of `--format table`, `markdown` or `csv`; json and html hold them all".into(),
        ));
    }
    let output = match &args.output {
        Some(path) => {
            let store = super::progress::store_path(config).ok();
            Some(OutputFile::check(path, store.as_deref())?)
        }
        None => None,
    };
    let catalog = super::load_catalog(config)?;
    let clock = config.clock()?;
    let content_hash = catalog.content_hash();
    let has_question = |id: &str| catalog.question(id).is_some();
    let context = check::Context {
        now: clock.now(),
        content_hash: &content_hash,
        has_question: &has_question,
    };
    let mut err = output::stderr(config.color);
    // Warnings wrap to the terminal when they go to one.
    let err_width = config
        .width
        .filter(|_| std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let mut results = Vec::with_capacity(args.files.len());
    let mut n_invalid = 0;
    let mut n_unchecked = 0;
    // A session given twice (the same file, or a copy) would count its
    // learner twice: it is counted once.
    let mut sessions: HashMap<(String, u64, String, String, String), String> = HashMap::new();
    let mut interviews: Vec<InterviewRow> = Vec::new();
    let mut interviews_seen: HashMap<String, String> = HashMap::new();
    // Files that can't be read or aren't result files are each named, and the
    // report stops after all are read, so one run shows every file to fix.
    let mut n_files = 0;
    for path in &args.files {
        let read = match read_result(path) {
            Ok(Some(read)) => read,
            Ok(None) => {
                let text = format!(
                    "`{}` is a report written by `xcdrill report`, not a result file; it is skipped",
                    inert_line(&path.display().to_string())
                );
                warn(&mut err, err_width, &text)?;
                continue;
            }
            Err(error) => {
                n_files += 1;
                n_invalid += 1;
                error.write_to(&mut err)?;
                continue;
            }
        };
        if let Some(output) = output.as_ref().filter(|output| output.replaces(path)) {
            return Err(Error::Refused(format!(
                "`{}` is one of the result files to report; nothing was written: choose another output file",
                output.path().display()
            )));
        }
        n_files += 1;
        let (name, result) = match read {
            (name, ResultFile::Session(result)) => (name, result),
            (name, ResultFile::Interview(result)) => {
                // An interview has no times: a copy is the same interview
                // whatever its formatting.
                let key = serde_json::to_string(&result).unwrap_or_default();
                if let Some(first) = interviews_seen.get(&key) {
                    warn_repeated(
                        &mut err,
                        err_width,
                        &name,
                        first,
                        "learner, seed, content and answers",
                    )?;
                    continue;
                }
                interviews_seen.insert(key, name.clone());
                let problems = interview::check(&result);
                n_invalid += usize::from(!problems.is_empty());
                print_problems(&mut err, &name, &problems)?;
                interviews.push(InterviewRow::new(&name, &result));
                continue;
            }
        };
        let problems = check::check(&result, &context);
        let session = (
            result.name.clone(),
            result.seed,
            result.content_hash.clone(),
            result.started.clone(),
            result.ended.clone(),
        );
        if let Some(first) = sessions.get(&session) {
            warn_repeated(
                &mut err,
                err_width,
                &name,
                first,
                "learner, seed, content and times",
            )?;
            continue;
        }
        sessions.insert(session, name.clone());
        n_invalid += usize::from(!problems.is_empty());
        print_problems(&mut err, &name, &problems)?;
        n_unchecked += usize::from(result.content_hash != content_hash);
        results.push((name, result));
    }
    if n_invalid == 0 && results.is_empty() && interviews.is_empty() {
        return Err(Error::Usage(
            "no result files to report: every file given is a report".into(),
        ));
    }
    if n_invalid > 0 {
        return Err(Error::Results {
            invalid: n_invalid,
            files: n_files,
        });
    }
    if n_unchecked > 0 {
        let text = format!(
            "{n_unchecked} result file{} {} made with other content than the active one, so {} question ids were not checked (`--content DIR` checks them against those banks)",
            plural(n_unchecked),
            if n_unchecked == 1 { "was" } else { "were" },
            if n_unchecked == 1 { "its" } else { "their" },
        );
        warn(&mut err, err_width, &text)?;
    }
    let mut report = CohortReport::compute(&results);
    // Choices in their words only from the content that made the exam:
    // another version of a question may order them otherwise.
    report.name_choices(&|exam_hash, id| {
        let question = catalog.question(id).filter(|_| exam_hash == content_hash)?;
        match &question.kind {
            crate::model::Kind::Choice(choice) => Some(ChoiceTexts {
                choices: choice.choices.iter().map(str::to_string).collect(),
                correct: choice.correct.clone(),
            }),
            _ => None,
        }
    });
    for warning in &report.warnings {
        warn(&mut err, err_width, warning)?;
    }
    let text = match args.format {
        ReportFormat::Json => {
            /// The report, and the interviews when there are any.
            #[derive(serde::Serialize)]
            struct Json<'a> {
                #[serde(flatten)]
                report: &'a crate::report::cohort::CohortReport,
                #[serde(skip_serializing_if = "<[InterviewRow]>::is_empty")]
                interviews: &'a [InterviewRow],
            }
            let json = Json {
                report: &report,
                interviews: &interviews,
            };
            let mut json = serde_json::to_string_pretty(&json).map_err(Error::Json)?;
            json.push('\n');
            json.into_bytes()
        }
        ReportFormat::Html => {
            // Prompts only from the content that made the exam: another
            // version of a question may say something else.
            let prompts = |exam_hash: &str, id: &str| {
                (exam_hash == content_hash)
                    .then(|| {
                        catalog.question(id).map(|question| html::QuestionText {
                            prompt: question.prompt().to_string(),
                        })
                    })
                    .flatten()
            };
            html::page(&report, &results, &interviews, &prompts).into_bytes()
        }
        ReportFormat::Table | ReportFormat::Markdown | ReportFormat::Csv => {
            let style = match args.format {
                ReportFormat::Markdown => TableStyle::Markdown,
                ReportFormat::Csv => TableStyle::Csv,
                _ => TableStyle::Plain,
            };
            // Styled for a terminal; a file gets the text without styles. At a
            // terminal, plain tables fit its width; a file or pipe gets them whole.
            let width = config.width.filter(|_| output.is_none());
            let mut out = Vec::new();
            if style == TableStyle::Csv {
                let which = args.table.unwrap_or(ReportTable::Learners);
                write!(out, "{}", csv_table(&report.groups, which).render(style))?;
            }
            for (idx, exam) in report
                .groups
                .iter()
                .enumerate()
                .filter(|_| style != TableStyle::Csv)
            {
                if idx > 0 {
                    writeln!(out)?;
                }
                write_exam(&mut out, exam, style, args.table, width)?;
            }
            if !interviews.is_empty() {
                if !report.groups.is_empty() {
                    writeln!(out)?;
                }
                write_interviews(&mut out, &interviews, style)?;
            }
            out
        }
    };
    match output {
        Some(output) => {
            let mut plain = anstream::StripStream::new(Vec::with_capacity(text.len()));
            plain.write_all(&text)?;
            output.write(&plain.into_inner())?;
        }
        None => {
            let mut out = output::stdout(config.color);
            out.write_all(&text)?;
            out.flush()?;
        }
    }
    Ok(Status::Success)
}

/// Warns that `name` repeats `first` (the same file, or a copy: the same
/// `what`), which is counted once.
fn warn_repeated(
    err: &mut impl Write,
    width: Option<usize>,
    name: &str,
    first: &str,
    what: &str,
) -> std::io::Result<()> {
    let text = if first == name {
        format!(
            "`{}` is given more than once; it is counted once",
            inert_line(name)
        )
    } else {
        format!(
            "`{}` is the same session as `{}` ({what}); it is counted once",
            inert_line(name),
            inert_line(first)
        )
    };
    warn(err, width, &text)
}

/// `warning: text`, wrapped to `width` when stderr is a terminal.
fn warn(err: &mut impl Write, width: Option<usize>, text: &str) -> std::io::Result<()> {
    styled(err, output::WARNING, "warning")?;
    match width {
        Some(width) => writeln!(err, ": {}", crate::text::wrap_after(text, width, 9, 2)),
        None => writeln!(err, ": {text}"),
    }
}

/// Prints every problem of one file (up to [`MAX_PROBLEMS_SHOWN`]), so one
/// run shows all there is to fix.
fn print_problems(
    err: &mut impl Write,
    name: &str,
    problems: &[check::Problem],
) -> std::io::Result<()> {
    for problem in problems.iter().take(MAX_PROBLEMS_SHOWN) {
        styled(err, output::ERROR, "error")?;
        writeln!(
            err,
            ": {}: {}",
            inert_line(name),
            inert_line(&problem.to_string())
        )?;
    }
    if problems.len() > MAX_PROBLEMS_SHOWN {
        writeln!(
            err,
            "  … and {} more in {}",
            problems.len() - MAX_PROBLEMS_SHOWN,
            inert_line(name)
        )?;
    }
    Ok(())
}

/// The interviews' table: per learner, the verdict and the gaps.
fn write_interviews(
    out: &mut impl Write,
    interviews: &[InterviewRow],
    style: TableStyle,
) -> std::io::Result<()> {
    let mut table = Table::new(&[
        "learner",
        "verdict",
        "answers passed",
        "follow-ups right",
        "gaps",
        "file",
    ]);
    for row in interviews {
        table.push(vec![
            inert_line(&row.name).into_owned(),
            inert_line(&row.verdict).into_owned(),
            format!("{}/{}", row.passed, row.questions),
            format!("{}/{}", row.followups_passed, row.followups),
            inert_line(&row.gaps.join(" ")).into_owned(),
            inert_line(&row.file).into_owned(),
        ]);
    }
    match style {
        TableStyle::Plain => {
            styled(out, output::EMPHASIS, "Interviews")?;
            writeln!(out)?;
        }
        TableStyle::Markdown => writeln!(out, "## Interviews\n")?,
        TableStyle::Csv => {}
    }
    write!(out, "{}", table.render(style))
}

/// Problems shown per file; the rest are counted.
const MAX_PROBLEMS_SHOWN: usize = 20;

/// Reads and parses one result file, with the name it is shown by (the path
/// as given); `None` for a report. What it holds is checked by
/// [`check::check`].
fn read_result(path: &Path) -> Result<Option<(String, ResultFile)>, Error> {
    let name = path.display().to_string();
    let input = super::input::read(path, check::MAX_RESULT_FILE_BYTES)?;
    if input.over_limit {
        return Err(Error::Invalid {
            path: name,
            what: "result file",
            message: format!(
                "it is over the limit of {} bytes (64 MiB)",
                check::MAX_RESULT_FILE_BYTES
            ),
        });
    }
    let text = input.text()?;
    let invalid = |error: serde_json::Error| Error::Invalid {
        path: name.clone(),
        what: "result file",
        message: error.to_string(),
    };
    // Only the mode first: an interview's result has a shape of its own.
    // A report (`--format json`) has exams (`groups`) and no mode: saved next
    // to the result files, a glob would pick it up with them.
    #[derive(serde::Deserialize)]
    struct Mode {
        mode: Option<String>,
        groups: Option<serde::de::IgnoredAny>,
    }
    let mode: Mode = serde_json::from_str(&text).map_err(invalid)?;
    if mode.mode.is_none() && mode.groups.is_some() {
        return Ok(None);
    }
    let read = if mode.mode.as_deref() == Some(INTERVIEW_MODE) {
        ResultFile::Interview(serde_json::from_str(&text).map_err(invalid)?)
    } else {
        ResultFile::Session(serde_json::from_str(&text).map_err(invalid)?)
    };
    Ok(Some((name, read)))
}

/// A result file: a quiz or exam session's, or an interview's.
enum ResultFile {
    Session(SessionResult),
    Interview(InterviewResult),
}

fn percent(fraction: f64) -> String {
    Score::new(fraction).to_string()
}

/// The tables of one exam, cells for reading: percents, `m:ss`, choices in
/// their words.
fn tables(exam: &Exam) -> [(ReportTable, &'static str, Table); 3] {
    let mut learners = Table::new(&["learner", "score", "passed", "time", "file"]);
    for learner in &exam.learners {
        learners.push(vec![
            inert_line(&learner.name).into_owned(),
            format!("{}%", learner.score_percent),
            if learner.passed { "yes" } else { "no" }.to_string(),
            minutes_seconds(learner.seconds),
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
                .map_or_else(String::new, |value| format!("{:.2}", value + 0.0)),
            question
                .wrong_answer
                .as_ref()
                .map_or_else(String::new, |wrong| {
                    format!("{} ({}×)", inert_line(&wrong.shown()), wrong.count)
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
    [
        (ReportTable::Learners, "Learners", learners),
        (ReportTable::Questions, "Questions", questions),
        (ReportTable::Topics, "Topics", topics),
    ]
}

/// One exam: a title with its pass mark, then its tables (or only `only`),
/// each under a heading; plain tables fit `width` when there is one.
fn write_exam(
    out: &mut impl Write,
    exam: &Exam,
    style: TableStyle,
    only: Option<ReportTable>,
    width: Option<usize>,
) -> std::io::Result<()> {
    let title = format!(
        "Seed {}, content {}",
        exam.seed,
        inert_line(&exam.content_hash)
    );
    let n_passed = exam.n_passed();
    let pass_mark = match exam.pass_marks.as_slice() {
        [] => "no pass mark".to_string(),
        marks => format!(
            "pass mark {}",
            marks
                .iter()
                .map(|mark| format!("{mark}%"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let glance = format!("{pass_mark} · {n_passed} of {} passed", exam.learners.len());
    let sections = tables(exam);
    let shown = sections
        .iter()
        .filter(|(which, _, _)| only.is_none_or(|only| only == *which));
    if style == TableStyle::Markdown {
        writeln!(out, "## {title}\n\n{glance}")?;
        for (_, heading, table) in shown {
            writeln!(out, "\n### {heading}\n")?;
            write!(out, "{}", table.render(style))?;
        }
        return Ok(());
    }
    styled(out, output::EMPHASIS, &title)?;
    writeln!(out, "\n{glance}")?;
    for (_, heading, table) in shown {
        writeln!(out)?;
        styled(out, output::EMPHASIS, heading)?;
        writeln!(out)?;
        match width {
            Some(width) => write!(out, "{}", table.render_within(width))?,
            None => write!(out, "{}", table.render(style))?,
        }
    }
    Ok(())
}

/// One table over every exam for `--format csv`, numbers as plain numbers
/// (whole percents, seconds, `true`/`false`), each row led by its exam's seed
/// and content hash so rows of several exams stay apart.
fn csv_table(exams: &[Exam], which: ReportTable) -> Table {
    let headers: &[&str] = match which {
        ReportTable::Learners => &["learner", "score_percent", "passed", "seconds", "file"],
        ReportTable::Questions => &[
            "question",
            "topic",
            "kind",
            "answered",
            "asked",
            "mean_score_percent",
            "discrimination",
            "wrong_answer",
            "wrong_answer_count",
        ],
        ReportTable::Topics => &["topic", "questions", "mean_score_percent"],
    };
    let mut table = Table::new(&[&["seed", "content_hash"][..], headers].concat());
    for exam in exams {
        let exam_cells = [exam.seed.to_string(), exam.content_hash.clone()];
        let rows: Vec<Vec<String>> = match which {
            ReportTable::Learners => exam
                .learners
                .iter()
                .map(|learner| {
                    vec![
                        learner.name.clone(),
                        learner.score_percent.to_string(),
                        learner.passed.to_string(),
                        format!("{}", learner.seconds.max(0.0).round()),
                        learner.file.clone(),
                    ]
                })
                .collect(),
            ReportTable::Questions => exam
                .questions
                .iter()
                .map(|question| {
                    let wrong = question.wrong_answer.as_ref();
                    vec![
                        question.id.clone(),
                        question.topic.clone(),
                        question.kind.clone(),
                        question.answered.to_string(),
                        question.asked.to_string(),
                        Score::new(question.mean_score).percent().to_string(),
                        question
                            .discrimination
                            .map_or_else(String::new, |value| format!("{:.2}", value + 0.0)),
                        wrong.map_or_else(String::new, |wrong| wrong.shown()),
                        wrong.map_or_else(String::new, |wrong| wrong.count.to_string()),
                    ]
                })
                .collect(),
            ReportTable::Topics => exam
                .topics
                .iter()
                .map(|topic| {
                    vec![
                        topic.topic.clone(),
                        topic.questions.to_string(),
                        Score::new(topic.mean_score).percent().to_string(),
                    ]
                })
                .collect(),
        };
        for row in rows {
            table.push([&exam_cells[..], &row].concat());
        }
    }
    table
}
