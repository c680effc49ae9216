//! `xcdrill grade ID (--answer TEXT | --answer-file FILE|-) [--json]`: grades one
//! answer and prints the grade for people or as the JSON of C3. Exit status 0
//! when it passed, 1 when not, 2 for an unknown id or an unreadable answer.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::load_catalog;
use crate::cli::GradeArgs;
use crate::config::Config;
use crate::grade::{self, Grade, percent};
use crate::output::{self, styled};
use crate::suggest::did_you_mean;
use crate::text::inert;
use crate::{Error, Status};

/// An answer file is read this far at most; grading looks at its first 16 KiB.
const MAX_ANSWER_FILE_BYTES: u64 = 1024 * 1024;

/// `grade --json` (C3).
#[derive(Serialize)]
struct JsonGrade<'a> {
    id: &'a str,
    kind: &'a str,
    score: f64,
    passed: bool,
    feedback: &'a str,
    missed: &'a [String],
}

pub fn run(args: &GradeArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let Some(question) = catalog.question(&args.id) else {
        let suggestion = did_you_mean(
            &args.id,
            catalog.questions().iter().map(|question| question.id()),
        );
        let hint = if suggestion.is_empty() {
            "`xcdrill list` shows the ids".to_string()
        } else {
            suggestion
        };
        return Err(Error::Unknown {
            what: "question",
            name: inert(&args.id).into_owned(),
            hint,
        });
    };
    let answer = match (&args.answer, &args.answer_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_answer(path)?,
        (None, None) => {
            return Err(Error::Usage(
                "give the answer with `--answer TEXT` or `--answer-file FILE`".to_string(),
            ));
        }
    };
    let graded = grade::grade(question, &answer);
    // Shown rounded down, like the percentage, so a score below the pass mark
    // never reads as reaching it.
    let shown_score = f64::from(percent(graded.score)) / 100.0;
    let mut out = output::stdout(config.color);
    if args.json {
        let json = JsonGrade {
            id: question.id(),
            kind: question.kind_name(),
            score: shown_score,
            passed: graded.passed,
            feedback: &graded.feedback,
            missed: &graded.missed,
        };
        super::write_json(&mut out, &json, false)?;
    } else {
        print_human(
            &mut out,
            question.id(),
            question.kind_name(),
            &graded,
            config.width,
        )?;
    }
    Ok(if graded.passed {
        Status::Success
    } else {
        Status::Failed
    })
}

fn print_human(
    out: &mut impl Write,
    id: &str,
    kind: &str,
    graded: &Grade,
    width: Option<usize>,
) -> io::Result<()> {
    write!(out, "{} ({kind}): {}% ", inert(id), percent(graded.score))?;
    if graded.passed {
        styled(out, output::GOOD, "passed")?;
    } else {
        styled(out, output::ERROR, "failed")?;
    }
    writeln!(out)?;
    // Wrapped for reading at a terminal; piped, each line stays whole.
    match width {
        Some(width) => crate::repl::render::wrapped(out, &graded.feedback, width.min(100), 0)?,
        None => writeln!(out, "{}", inert(&graded.feedback))?,
    }
    // Feedback usually names what was missed already; list it only when not.
    let named_in_feedback = graded
        .missed
        .iter()
        .all(|part| graded.feedback.contains(part.as_str()));
    if !named_in_feedback {
        styled(out, output::EMPHASIS, "missed:")?;
        writeln!(out)?;
        for part in &graded.missed {
            writeln!(out, "  - {}", inert(part))?;
        }
    }
    Ok(())
}

/// The answer in `path`, or standard input for `-`.
fn read_answer(path: &Path) -> Result<String, Error> {
    use std::io::IsTerminal;
    // Typed at a terminal, the answer ends at Ctrl-D, which nothing says
    // otherwise: the cursor would just wait.
    if path.as_os_str() == "-" && std::io::stdin().is_terminal() {
        let end = if cfg!(windows) {
            "Ctrl-Z and Enter"
        } else {
            "Ctrl-D"
        };
        eprintln!("Type your answer, then press {end} on an empty line to grade it.");
    }
    super::input::read(path, MAX_ANSWER_FILE_BYTES)?.text_cut()
}
