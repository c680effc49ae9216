//! `xcdrill lint [PATH]... [--json] [--coverage]`: check banks and report every problem.

use std::fmt::Write as _;
use std::io::{BufWriter, Stdout, Write};

use anstream::AutoStream;

use serde::Serialize;

use crate::bank::{self, Loaded, load};
use crate::cli::LintArgs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{self, styled};
use crate::text::plural;
use crate::{Error, Status};

/// One problem in `lint --json`: C4's `file`, `line`, `column` and `message`,
/// then what the text output also shows, so nothing is lost in JSON.
fn problem(diagnostic: &Diagnostic) -> JsonProblem<'_> {
    JsonProblem {
        file: &diagnostic.path,
        line: diagnostic.line,
        column: diagnostic.column,
        message: &diagnostic.message,
        severity: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        hint: diagnostic.hint.as_deref(),
    }
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    /// `error` or `warning`, as the list it is in says.
    severity: &'static str,
    /// What to do about it; `null` when there is no hint.
    hint: Option<&'a str>,
}

/// `lint --json` (C4).
#[derive(Serialize)]
struct JsonReport<'a> {
    questions: usize,
    errors: Vec<JsonProblem<'a>>,
    warnings: Vec<JsonProblem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncovered_facts: Option<Vec<&'a str>>,
}

pub fn run(args: &LintArgs, config: &Config) -> Result<Status, Error> {
    let files = if args.paths.is_empty() {
        super::content_files(config)?
    } else {
        load::from_paths(&args.paths)?
    };
    let mut loaded = bank::check(&files);
    // A question whose own key its grader rejects must not ship.
    loaded
        .diagnostics
        .extend(crate::grade::key_diagnostics(&loaded.catalog));
    let mut out = output::stdout_buffered(config.color);
    if args.json {
        let uncovered = loaded.catalog.uncovered_facts();
        let report = JsonReport {
            questions: loaded.catalog.questions().len(),
            errors: loaded.errors().map(problem).collect(),
            warnings: loaded.warnings().map(problem).collect(),
            uncovered_facts: args
                .coverage
                .then(|| uncovered.iter().map(|fact| fact.id.as_str()).collect()),
        };
        super::write_json(&mut out, &report, true)?;
    } else {
        print_human(
            &mut out,
            &loaded,
            files.banks.len(),
            args.coverage,
            config.uses_color,
            config.width,
        )?;
    }
    out.flush()?;
    let status = if loaded.has_errors() {
        Status::Failed
    } else {
        Status::Success
    };
    // The process ends after `lint`: freeing a large catalog question by
    // question (84 M instructions, about 20 ms, for 50,000) would only delay
    // its end.
    std::mem::forget(loaded);
    Ok(status)
}

/// `problems` as `lint` prints them, each followed by a blank line; the label
/// in colour when `color`.
fn render(problems: &[Diagnostic], color: bool, width: Option<usize>) -> String {
    let mut text = String::new();
    for problem in problems {
        let label = problem.label();
        if color {
            let style = match problem.severity {
                Severity::Error => output::ERROR,
                Severity::Warning => output::WARNING,
            };
            let _ = write!(text, "{style}{label}{style:#}");
        } else {
            text.push_str(label);
        }
        // Writing to a `String` cannot fail.
        let _ = problem.fmt_after_label(&mut text, width);
        text.push('\n');
    }
    text
}

fn print_human(
    out: &mut BufWriter<AutoStream<Stdout>>,
    loaded: &Loaded,
    n_files: usize,
    coverage: bool,
    color: bool,
    // A terminal's: messages and hints wrap to it; a pipe gets a line each.
    width: Option<usize>,
) -> std::io::Result<()> {
    // A large bank can have thousands of problems: they are rendered on both
    // cores into a few long texts, which go out in a few writes and, without
    // colours, unread by anstream (nothing in them is an escape sequence:
    // `Diagnostic` prints content inert).
    const PROBLEMS_PER_TASK: usize = 1024;
    let tasks: Vec<&[Diagnostic]> = loaded.diagnostics.chunks(PROBLEMS_PER_TASK).collect();
    let parallel = tasks.len() > 1;
    for text in crate::parallel::run(tasks, parallel, |problems| render(problems, color, width)) {
        if color {
            out.write_all(text.as_bytes())?;
        } else {
            output::write_past_styling(out, &text)?;
        }
    }
    let catalog = &loaded.catalog;
    if coverage {
        let uncovered = catalog.uncovered_facts();
        if catalog.facts().is_empty() {
            writeln!(out, "coverage: no facts loaded")?;
        } else if uncovered.is_empty() {
            writeln!(out, "coverage: every fact is cited by a question")?;
        } else {
            writeln!(
                out,
                "coverage: {} fact{} cited by no question:",
                uncovered.len(),
                plural(uncovered.len())
            )?;
            for fact in uncovered {
                writeln!(
                    out,
                    "  {} ({}): {}",
                    fact.id,
                    fact.source,
                    crate::text::inert(&fact.statement)
                )?;
            }
        }
    }
    let n_errors = loaded.errors().count();
    let n_warnings = loaded.warnings().count();
    let summary = format!(
        "{} question{} and {} fact{} in {} file{}: {} error{}, {} warning{}",
        catalog.questions().len(),
        plural(catalog.questions().len()),
        catalog.facts().len(),
        plural(catalog.facts().len()),
        n_files,
        plural(n_files),
        n_errors,
        plural(n_errors),
        n_warnings,
        plural(n_warnings),
    );
    let style = if n_errors > 0 {
        output::ERROR
    } else {
        output::GOOD
    };
    styled(out, style, &summary)?;
    writeln!(out)
}
