//! The command line (clap derive), turned into a plain [`Config`] before any
//! work starts. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Drill what must be in place before an Experience Cloud external user can be
/// enabled, in what order, and why the Account → Contact → User chain exists.
#[derive(Debug, Parser)]
#[command(
    name = "xcdrill",
    version,
    about,
    after_help = "Examples:\n  xcdrill lint                      check the embedded banks\n  xcdrill lint my-banks/ --coverage  check your own banks and list untested facts\n  xcdrill list --topic setup         list the questions of one topic"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Load banks from this folder instead of the embedded ones (repeatable)
    #[arg(long, value_name = "DIR", global = true)]
    pub content: Vec<PathBuf>,

    /// Where progress and history are kept [env: XCDRILL_DATA_DIR] [default: the platform data dir]
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// When to use colours
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
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
    /// Check banks for errors: syntax, unknown keys, duplicate ids, broken keys
    #[command(after_help = "Exit status: 0 clean (warnings allowed), 1 errors found, 2 a path can't be read.")]
    Lint(LintArgs),
    /// List the questions of the active content
    List(ListArgs),
    /// Grade one answer to one question
    #[command(
        after_help = "Answers: choice `b` or `a, c` (letters or numbers); truefalse `true`/`false`; order the item numbers in your order, `2 1 3`; short and recall free text.\n\nExamples:\n  xcdrill grade setup.order --answer \"1 2 4 3 5 6 7\"\n  xcdrill grade interview.prerequisites --answer-file answer.txt --json\n\nExit status: 0 passed, 1 not passed, 2 unknown id or unreadable answer file."
    )]
    Grade(GradeArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
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

    /// Print one JSON object per question
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
