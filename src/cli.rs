//! The command line (clap derive), turned into a plain [`Config`] before any
//! work starts. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::score::PassMark;

/// Drill what must be in place before an Experience Cloud external user can be
/// enabled, in what order, and why the Account → Contact → User chain exists.
#[derive(Debug, Parser)]
#[command(
    name = "xcdrill",
    version,
    about,
    after_help = "Examples:\n  xcdrill --count 5                 a practice quiz of 5 questions (`xcdrill quiz --count 5`)\n  xcdrill lint                      check the embedded banks\n  xcdrill lint my-banks/ --coverage  check your own banks and list untested facts\n  xcdrill list --topic setup         list the questions of one topic\n\nEnvironment: XCDRILL_DATA_DIR (as --data-dir), XCDRILL_NOW (RFC 3339 or unix seconds: freezes the clock), NO_COLOR (no colours). `xcdrill man` is the whole manual."
)]
pub struct Cli {
    /// `xcdrill` alone is `xcdrill quiz`, so it takes the quiz's options.
    #[command(flatten, next_help_heading = "Quiz options")]
    pub quiz: QuizArgs,

    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses `args` (the program name first). A quiz option given before a
    /// subcommand (`xcdrill --count 3 list`) is an error rather than ignored.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut command = Cli::command();
        let matches = command.try_get_matches_from_mut(args)?;
        let cli = Cli::from_arg_matches(&matches)?;
        if let Some((name, _)) = matches.subcommand() {
            let misplaced = command.get_arguments().find(|arg| {
                !arg.is_global_set()
                    && matches.value_source(arg.get_id().as_str())
                        == Some(clap::parser::ValueSource::CommandLine)
            });
            if let Some(arg) = misplaced {
                let option = arg.get_long().unwrap_or(arg.get_id().as_str());
                return Err(command.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!("`--{option}` is a quiz option: write it after `xcdrill quiz`, or leave out `{name}`"),
                ));
            }
        }
        Ok(cli)
    }
}

/// The heading of the options every subcommand takes, shown after its own.
pub const GLOBAL_HEADING: &str = "Global options";

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load banks from this folder instead of the embedded ones (repeatable)
    #[arg(
        long,
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath,
        global = true,
        help_heading = GLOBAL_HEADING
    )]
    pub content: Vec<PathBuf>,

    /// Where progress and history are kept [default: `XCDRILL_DATA_DIR`, else
    /// the platform data dir]
    //
    // Not clap's `env`: clap would count the variable as the option given,
    // and show `--data-dir <DIR>` in every usage line of an error.
    #[arg(
        long,
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath,
        value_parser = clap::builder::ValueParser::os_string(),
        global = true,
        help_heading = GLOBAL_HEADING
    )]
    pub data_dir: Option<std::ffi::OsString>,

    /// When to use colours (`NO_COLOR` set means never, unless `always`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = GLOBAL_HEADING)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a quiz (the default command)
    #[command(
        after_help = "Examples:\n  xcdrill quiz                                   10 practice questions\n  xcdrill quiz --mode drill --topic partner      drill one topic until right\n  xcdrill quiz --mode exam --seed 7 --time 20 --pass 80 --name Ana --output ana.json\n\nPiped input (stdin not a terminal): one answer a line, an empty line skips."
    )]
    Quiz(QuizArgs),
    /// A mock interview: open questions, follow-ups on what you missed, a debrief
    #[command(
        after_help = "Examples:\n  xcdrill interview                              5 open questions across topics\n  xcdrill interview --questions 3 --time 15      a 15-minute interview\n  xcdrill interview --seed 7 --name Ana --output ana-interview.json\n\nNo feedback until the debrief. Piped input (stdin not a terminal): one answer a line, an empty line passes."
    )]
    Interview(InterviewArgs),
    /// Check banks for errors: syntax, unknown keys, duplicate ids, broken keys
    #[command(
        after_help = "Exit status: 0 clean (warnings allowed), 1 errors found, 2 a path can't be read."
    )]
    Lint(LintArgs),
    /// List the questions of the active content
    List(ListArgs),
    /// Show progress: reviews, what is due, the streak, mastery by topic, weak spots
    #[command(
        after_help = "Examples:\n  xcdrill stats              progress at a glance\n  xcdrill stats --json       the same as JSON\n  xcdrill stats --optimize   fit the FSRS parameters to your own reviews\n\nSchedules use FSRS's default parameters until `--optimize` fits personal ones to your review log (it needs at least 64 reviews made a day or more after the question's previous one; with fewer it changes nothing). Run it again now and then as reviews accumulate.\n\nXCDRILL_NOW (RFC 3339 or unix seconds) overrides the current time."
    )]
    Stats(StatsArgs),
    /// Write the review log, to move progress to another machine or analyse it
    #[command(
        after_help = "Examples:\n  xcdrill export --output progress.json   then `xcdrill import progress.json` elsewhere\n  xcdrill export --format csv > reviews.csv"
    )]
    Export(ExportArgs),
    /// Merge a review log written by `xcdrill export` (reviews already present are skipped)
    #[command(after_help = "Example:\n  xcdrill import progress.json")]
    Import(ImportArgs),
    /// Summarise a cohort's exam result files: learners, questions, topics
    #[command(
        after_help = "Examples:\n  xcdrill report results/*.json\n  xcdrill report results/*.json --format markdown > report.md\n  xcdrill report results/*.json --format csv --table questions > questions.csv\n  xcdrill report results/*.json --format html --output cohort.html\n\nOnly exam result files are read (a practice session's is refused); files from different exams (seed or content hash) are reported separately, and the same session given twice is counted once. `--format html` is one self-contained page (inline CSS and SVG charts, nothing fetched) to open in a browser, print or send as a mail attachment."
    )]
    Report(ReportArgs),
    /// Try commands on a simulated Salesforce org
    #[command(
        after_help = "Examples:\n  xcdrill sandbox                                 an empty org, interactive (type `help`)\n  xcdrill sandbox --org my-org.toml --script fix.txt\n  xcdrill sandbox --random 42                     a practice org a few blockers from its goal\n  echo 'show accounts' | xcdrill sandbox --org my-org.toml --json\n\nExit status: 0 every command succeeded, 1 a command failed, 2 the org or script file can't be read or the org file is invalid."
    )]
    Sandbox(SandboxArgs),
    /// Grade one answer to one question
    #[command(
        after_help = "Answers: choice `b` or `a, c` (letters or numbers, in bank order); truefalse `true`/`false`; order the item numbers in your order, `2 1 3`; short and recall free text; scenario the org commands separated by `;`; diagnose the blocker codes (`OWNER_NO_ROLE`) or their letters.\n\nExamples:\n  xcdrill grade setup.order --answer \"1 2 4 3 5 6 7\"\n  xcdrill grade interview.prerequisites --answer-file answer.txt --json\n\nExit status: 0 passed, 1 not passed, 2 unknown id or unreadable answer file."
    )]
    Grade(GradeArgs),
    /// Print the JSON Schema of bank files or org files, for editors and Taplo
    #[command(
        after_help = "Examples:\n  xcdrill schema bank > schemas/bank.schema.json\n  xcdrill schema org > schemas/org.schema.json\n\nA file names its schema on its first line: `#:schema ../schemas/bank.schema.json` (FORMAT.md, Editor setup)."
    )]
    Schema {
        /// Which files the schema describes
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Write a starter file for authors
    New(NewArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Clone, Default, Args)]
pub struct QuizArgs {
    /// practice: feedback after each answer; exam: feedback at the end; drill:
    /// missed questions come back; review and cram: from your progress
    #[arg(long, value_enum, default_value_t = ModeArg::Practice)]
    pub mode: ModeArg,

    /// Only questions of this topic (repeatable)
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,

    /// How many questions [default: 10; exam 20; drill 12]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub count: Option<u32>,

    /// Seed for choosing and shuffling: the same seed gives the same session
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Mix in N generated scenario and diagnose questions (from the seed; not recorded in progress)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub generated: Option<u32>,

    /// Time limit in minutes (exam), up to 1440; fractions allowed (`0.5` is 30 seconds).
    /// At the limit the session ends, even at a prompt, with what was answered
    #[arg(long, value_name = "MINUTES", value_parser = parse_minutes)]
    pub time: Option<f64>,

    /// Pass mark in whole percent (exam) [default: 70]
    #[arg(long, value_name = "PERCENT", value_parser = parse_pass_mark)]
    pub pass: Option<PassMark>,

    /// The learner's name in results, up to 200 characters [default: the OS user]
    #[arg(long, value_parser = parse_name)]
    pub name: Option<String>,

    /// Write the session's result as JSON to this file
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print the session's result as JSON on stdout (the transcript goes to stderr)
    #[arg(long)]
    pub json: bool,

    /// Feedback in full after each answer: going deeper and the facts too
    /// (else `:more` shows them)
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub struct InterviewArgs {
    /// How many open questions [default: 5]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub questions: Option<u32>,

    /// Seed for choosing questions and follow-ups: the same seed and answers give the same interview
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Only open questions of this topic (repeatable); follow-ups may come from any
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,

    /// Time limit for the whole interview in minutes, up to 1440; at the limit it
    /// ends, even at a prompt, and goes to the debrief
    #[arg(long, value_name = "MINUTES", value_parser = parse_minutes)]
    pub time: Option<f64>,

    /// The learner's name in results, up to 200 characters [default: the OS user]
    #[arg(long, value_parser = parse_name)]
    pub name: Option<String>,

    /// Write the interview's result as JSON to this file
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print the interview's result as JSON on stdout (the transcript goes to stderr)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    #[default]
    Practice,
    Exam,
    Review,
    Drill,
    Cram,
}

fn parse_pass_mark(text: &str) -> Result<PassMark, String> {
    let value: f64 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    PassMark::from_percent(value)
        .ok_or_else(|| format!("{value} is not a whole percent from 0 to 100"))
}

fn parse_minutes(text: &str) -> Result<f64, String> {
    let minutes: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of minutes"))?;
    if minutes > 0.0 && minutes <= 1440.0 {
        Ok(minutes)
    } else {
        Err("the time limit must be more than 0 and at most 1440 minutes".to_string())
    }
}

fn parse_name(text: &str) -> Result<String, String> {
    let max = crate::report::check::MAX_NAME_CHARS;
    let n_chars = text.chars().count();
    if n_chars > max {
        Err(format!(
            "the name is {n_chars} characters; at most {max} fit in a result file"
        ))
    } else {
        Ok(text.to_string())
    }
}

/// The files `xcdrill schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Bank files (`content/*.toml`)
    Bank,
    /// Org files (`content/orgs/*.toml`)
    Org,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A commented starter bank: one question of each kind and the fact they test
    #[command(
        after_help = "Example:\n  xcdrill new bank my-bank.toml && xcdrill lint my-bank.toml\n\nExit status: 0 written, 2 the file already exists or can't be written."
    )]
    Bank {
        /// The file to write; it must not exist
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Bank files or folders of banks (default: the active content)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,

    /// Also list facts that no question cites
    #[arg(long)]
    pub coverage: bool,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Start from this org file instead of an empty org
    #[arg(long, value_name = "FILE", conflicts_with = "random")]
    pub org: Option<PathBuf>,

    /// Start from a generated practice org (same seed, same org) and print its goal
    #[arg(long, value_name = "SEED")]
    pub random: Option<u64>,

    /// Run the commands in FILE (`-` for stdin), one or more a line, instead of prompting
    #[arg(long, value_name = "FILE")]
    pub script: Option<PathBuf>,

    /// Print one JSON object per command (JSON Lines)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("answer_source").required(true).args(["answer", "answer_file"])))]
pub struct GradeArgs {
    /// The question's id (`xcdrill list` shows them)
    #[arg(value_name = "ID")]
    pub id: String,

    /// The answer, as text
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub answer: Option<String>,

    /// Read the answer from a file, or from standard input with `-`
    #[arg(long, value_name = "FILE")]
    pub answer_file: Option<PathBuf>,

    /// Print the grade as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only questions of this topic (repeatable)
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,

    /// Print the questions as a JSON array, one object per question
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the statistics as JSON
    #[arg(long)]
    pub json: bool,

    /// Fit the FSRS parameters to your own review log, save them in the store and recompute every schedule with them
    #[arg(long)]
    pub optimize: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file format
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,

    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An array of reviews (what `import` reads)
    Json,
    /// One review a row, with a header
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON file written by `xcdrill export` (`-` for standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Result files written by `xcdrill quiz --mode exam --output FILE`
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// The output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Only this table (table and markdown show all three by default; csv
    /// writes one table, learners by default)
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<ReportTable>,

    /// Write the report to FILE (whole or not at all) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Aligned tables for the terminal
    Table,
    /// GitHub Markdown tables
    Markdown,
    /// One table (`--table`) as CSV, numbers as plain numbers
    Csv,
    /// Everything, as one JSON object
    Json,
    /// One self-contained page with charts
    Html,
}

/// The tables of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportTable {
    /// One row a learner: score, verdict, time
    Learners,
    /// One row a question: share right, discrimination, most chosen wrong answer
    Questions,
    /// One row a topic: questions and mean score
    Topics,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
