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
    /// Try commands on a simulated Salesforce org
    #[command(
        after_help = "Examples:\n  xcdrill sandbox                                 an empty org, interactive (type `help`)\n  xcdrill sandbox --org my-org.toml --script fix.txt\n  xcdrill sandbox --random 42                     a practice org a few blockers from its goal\n  echo 'show accounts' | xcdrill sandbox --org my-org.toml --json\n\nExit status: 0 every command succeeded, 1 a command failed, 2 the org or script file can't be read or the org file is invalid."
    )]
    Sandbox(SandboxArgs),
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
