//! `xcdrill completions SHELL` and `xcdrill man`: generated from the clap
//! definition. Both are made whole in memory and then written, so a reader
//! that stops early (`xcdrill completions bash | head -1`) is a closed pipe,
//! not a panic inside the generator.
//!
//! Completions offer the active content's topics after `--topic` and its
//! question ids where an `ID` is expected (`grade ID`), as they were when
//! the script was made. The manual is one page: the main command, then every
//! subcommand with its synopsis, options and notes, then EXIT STATUS and
//! ENVIRONMENT.

use std::io::{self, Write};

use clap::builder::PossibleValuesParser;
use clap::{Arg, Command, CommandFactory};

use crate::cli::Cli;
use crate::config::Config;
use crate::{Error, Status};

pub fn completions(shell: clap_complete::Shell, config: &Config) -> Result<Status, Error> {
    // Content that does not load completes no topics or ids, but still completes.
    let (topics, ids) = match super::load_catalog(config) {
        Ok(catalog) => (
            catalog
                .topics()
                .keys()
                .map(|topic| topic.to_string())
                .collect(),
            catalog
                .questions()
                .iter()
                .map(|question| question.id().to_string())
                .collect(),
        ),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let mut command = with_content_values(Cli::command(), &topics, &ids);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "xcdrill", &mut script);
    write_stdout(&script)
}

/// `command` with `topics` as the values of every `--topic` and `ids` as the
/// values of every `ID`, in it and its subcommands.
fn with_content_values(command: Command, topics: &[String], ids: &[String]) -> Command {
    let values = |arg: Arg, values: &[String]| {
        if values.is_empty() {
            arg
        } else {
            arg.value_parser(PossibleValuesParser::new(values.to_vec()))
        }
    };
    command
        .mut_args(|arg| {
            let is_id = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|name| name == "ID"));
            match arg.get_id().as_str() {
                "topic" => values(arg, topics),
                _ if is_id => values(arg, ids),
                _ => arg,
            }
        })
        .mut_subcommands(|sub| with_content_values(sub, topics, ids))
}

pub fn man() -> Result<Status, Error> {
    write_stdout(man_page()?.as_bytes())
}

/// The roff that defines the quote string; each rendered part starts with it.
const QUOTE_DEFINITION: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The manual page, its quote string defined once at the top.
fn man_page() -> io::Result<String> {
    let mut page = Vec::new();
    write_man(&mut page)?;
    let page = String::from_utf8_lossy(&page).replace(QUOTE_DEFINITION, "");
    Ok(format!("{QUOTE_DEFINITION}{page}"))
}

/// The whole manual page as roff.
fn write_man(out: &mut Vec<u8>) -> io::Result<()> {
    let mut command = Cli::command();
    // Gives each subcommand its full name (`xcdrill quiz`) for its synopsis.
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    man.render_extra_section(out)?;
    for sub in command.get_subcommands() {
        write_subcommand(out, sub)?;
    }
    out.write_all(EXIT_AND_ENVIRONMENT.as_bytes())?;
    man.render_version_section(out)
}

/// One subcommand (and its own subcommands) as a section of the page: its
/// sections become subsections, its own options only.
fn write_subcommand(out: &mut Vec<u8>, command: &Command) -> io::Result<()> {
    if command.get_name() == "help" {
        return Ok(());
    }
    let name = command
        .get_bin_name()
        .unwrap_or(command.get_name())
        .to_uppercase();
    writeln!(out, ".SH \"{}\"", name.replace('"', ""))?;
    // The global options are listed once, on the main page.
    let own = command.clone().mut_args(|arg| {
        let global = arg.is_global_set();
        arg.hide(global)
    });
    let man = clap_mangen::Man::new(own);
    let mut part = Vec::new();
    man.render_description_section(&mut part)?;
    man.render_synopsis_section(&mut part)?;
    man.render_options_section(&mut part)?;
    if command.get_after_help().is_some() {
        man.render_extra_section(&mut part)?;
    }
    let text = String::from_utf8_lossy(&part)
        .replace(".SH DESCRIPTION\n", "")
        .replace(".SH EXTRA\n", ".SS Notes\n")
        .replace("\n.SH ", "\n.SS ")
        .replace(".SS SYNOPSIS", ".SS Synopsis")
        .replace(".SS OPTIONS", ".SS Options");
    out.write_all(text.as_bytes())?;
    for sub in command.get_subcommands() {
        write_subcommand(out, sub)?;
    }
    Ok(())
}

/// What every command shares: exit status and environment (DESIGN's C1).
const EXIT_AND_ENVIRONMENT: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
The thing checked failed: \fBlint\fR found errors, a \fBsandbox\fR command failed, \fBgrade\fR graded below pass.
.TP
\fB2\fR
A usage error, or input that cannot be read or is not valid (a bank, an org file, a result file, a store).
.SH ENVIRONMENT
.TP
\fBXCDRILL_DATA_DIR\fR
Where progress and history are kept, as \fB\-\-data\-dir\fR (which wins); empty or unset means the platform data dir (\fI~/.local/share/xcdrill\fR on Linux).
.TP
\fBXCDRILL_NOW\fR
Freezes the clock at this time, RFC 3339 (\fI2026\-11\-27T09:00:00Z\fR) or unix seconds, so transcripts, result files and \fBstats\fR are the same on every run.
.TP
\fBNO_COLOR\fR
Set to anything: no colours, unless \fB\-\-color always\fR.
.TP
\fBTERM\fR
\fIdumb\fR: no colours and no line editing.
"#;

/// Writes `bytes` to stdout; a closed pipe is [`Error::Output`] with
/// `BrokenPipe`, which `run` ends quietly with status 0.
fn write_stdout(bytes: &[u8]) -> Result<Status, Error> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Status::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_know_topics_and_ids() {
        let topics = ["setup".to_string(), "roles".to_string()];
        let ids = ["setup.order".to_string()];
        let command = with_content_values(Cli::command(), &topics, &ids);
        let possible = |command: &Command, arg: &str| -> Vec<String> {
            command
                .get_arguments()
                .find(|candidate| candidate.get_id() == arg)
                .map(|arg| {
                    arg.get_possible_values()
                        .iter()
                        .map(|value| value.get_name().to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(possible(&command, "topic"), ["setup", "roles"]);
        let find = |name: &str| command.find_subcommand(name).expect(name);
        assert_eq!(possible(find("quiz"), "topic"), ["setup", "roles"]);
        assert_eq!(possible(find("list"), "topic"), ["setup", "roles"]);
        assert_eq!(possible(find("grade"), "id"), ["setup.order"]);
    }

    #[test]
    fn the_manual_covers_every_subcommand_exit_status_and_environment() {
        let page = man_page().unwrap();
        assert_eq!(page.matches(QUOTE_DEFINITION).count(), 1);
        for section in [
            ".SH \"XCDRILL QUIZ\"",
            ".SH \"XCDRILL REPORT\"",
            ".SH \"XCDRILL NEW BANK\"",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            "XCDRILL_DATA_DIR",
        ] {
            assert!(page.contains(section), "{section} missing:\n{page}");
        }
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|sub| format!(".SH \"XCDRILL {}\"", sub.get_name().to_uppercase()))
            .collect();
        for name in names {
            assert!(page.contains(&name), "{name} missing");
        }
    }
}
