//! The nested `org> ` prompt of a scenario question in a terminal: the learner
//! tries commands one by one on a scratch copy of the question's org, sees each
//! result, and submits with `:done`. The answer graded is the commands entered,
//! joined by `; ` (failed ones too: grading runs them again and counts them).
//!
//! Piped input never gets here: in script mode a scenario answer is one line of
//! commands separated by `;` (README.md, piped input).

use std::io::{self, Write};

use super::lines::{Completing, Line, LineReader};
use super::prompt_command::{self, Prompt, PromptCommand};
use super::render;
use super::reply::{Reply, confirm_skip};
use super::sandbox::UNDO_STEPS;
use super::transcript::Transcript;
use crate::model::question::Scenario;
use crate::org::{Code, Org};

/// What the quiz lends the prompt: the hint, and `:explain`, both refused in
/// exams.
pub(super) struct Aids<'a> {
    /// In an exam, `check` and the "goal reached" note would give the answer
    /// away, so both are held back.
    pub exam: bool,
    /// The hint, or `None` when hints are not allowed.
    pub hint: Option<String>,
    /// Shows the answer and explanation; returns false when not allowed.
    pub explain: &'a mut dyn FnMut(&mut dyn Write) -> io::Result<bool>,
    /// The `:` commands the quiz's own prompt answers alike (`:more`,
    /// `:codes`, `:score`).
    pub common: &'a mut dyn FnMut(PromptCommand, &mut dyn Write) -> io::Result<()>,
}

/// Reads commands until `:done`, `:skip`, `:explain` or `:quit`; returns the
/// reply and the number of hints used.
pub(super) fn ask(
    scenario: &Scenario,
    aids: Aids<'_>,
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
    width: usize,
) -> io::Result<(Reply, u32)> {
    let goal = &scenario.setup.goal;
    let mut org: Org = (*scenario.setup.org).clone();
    // Each line of commands, with the org as it was before the line.
    // Each line's commands (the answer) and the org before it, for `:undo`;
    // only the last [`UNDO_STEPS`] keep their org, so pasting thousands of
    // lines does not keep thousands of copies.
    let mut lines: Vec<(Option<Org>, Vec<String>)> = Vec::new();
    let mut hints = 0;
    let mut reached = false;
    render::wrapped(
        out,
        "Type commands at org> (Tab completes). A command that runs and fails costs 10%; \
         a typo costs nothing. :show shows the org, :undo takes a line back, :done submits.",
        width,
        0,
    )?;
    loop {
        out.flush()?;
        reader.complete(Completing::Scenario(&org));
        let line = match reader.read("org> ")? {
            Line::Eof => return Ok((Reply::Quit, hints)),
            Line::Interrupted => match confirm_skip(reader, out)? {
                None => return Ok((Reply::Quit, hints)),
                Some(true) => return Ok((Reply::Skip, hints)),
                Some(false) => continue,
            },
            Line::Text(line) => line,
        };
        if line.trim().is_empty() {
            continue;
        }
        if line.trim() == "help" {
            // The org commands only: the sandbox's own words are not this prompt's.
            let help = super::sandbox::help(Some(width));
            let commands = help.split("\nSandbox:").next().unwrap_or_default();
            for row in commands.lines() {
                render::indented_line(out, row, width, 0)?;
            }
            writeln!(out, "(:help lists this prompt's own commands)")?;
            continue;
        }
        if aids.exam && names_check(&line) {
            writeln!(
                out,
                "`check` is not available during an exam; find the blockers yourself."
            )?;
            continue;
        }
        let command = match prompt_command::parse(&line, Prompt::Org) {
            Some(Ok(command)) => command,
            Some(Err(word)) => {
                writeln!(out, "{}", prompt_command::unknown(&word))?;
                continue;
            }
            None => {
                let before = org.clone();
                let outcomes = org.run_line(&line);
                let mut transcript =
                    Transcript::new(&mut *out, false, false).with_width(Some(width));
                for outcome in &outcomes {
                    transcript.outcome(lines.len() + 1, outcome)?;
                }
                // A line that does not parse is a typo: it is not part of the
                // answer, so it costs nothing (a command that runs and fails does).
                let commands: Vec<String> = outcomes
                    .into_iter()
                    .filter(|outcome| outcome.code() != Some(Code::ParseError))
                    .map(|outcome| outcome.command_text)
                    .collect();
                if commands.is_empty() {
                    continue;
                }
                lines.push((Some(before), commands));
                if let Some(idx) = lines.len().checked_sub(UNDO_STEPS + 1) {
                    lines[idx].0 = None;
                }
                let holds = goal.holds(&org);
                if holds && !reached && !aids.exam {
                    let reached =
                        format!("Goal reached: {}. Type :done to submit.", goal.describe());
                    render::wrapped(out, &reached, width, 0)?;
                }
                reached = holds;
                continue;
            }
        };
        match command {
            PromptCommand::Done => {
                if lines.is_empty() {
                    writeln!(out, "No commands yet; type some, or :skip.")?;
                    continue;
                }
                let commands: Vec<&str> = lines
                    .iter()
                    .flat_map(|(_, commands)| commands.iter().map(String::as_str))
                    .collect();
                return Ok((Reply::Answer(commands.join("; ")), hints));
            }
            PromptCommand::Skip => return Ok((Reply::Skip, hints)),
            PromptCommand::Quit => return Ok((Reply::Quit, hints)),
            PromptCommand::Help => prompt_command::print_help(out, Prompt::Org, width)?,
            PromptCommand::Show => render::org_view(out, &org, width)?,
            PromptCommand::More | PromptCommand::Codes | PromptCommand::Score => {
                (aids.common)(command, out)?;
            }
            PromptCommand::Hint => match &aids.hint {
                Some(hint) => {
                    hints += 1;
                    render::wrapped(out, &format!("Hint: {hint}"), width, 2)?;
                }
                None => writeln!(out, "No hints during an exam.")?,
            },
            PromptCommand::Explain => {
                if (aids.explain)(out)? {
                    return Ok((Reply::Explained, hints));
                }
                writeln!(
                    out,
                    "No explanations during an exam; the right answers come with the results."
                )?;
            }
            PromptCommand::Undo => match lines.last() {
                Some((None, _)) => writeln!(
                    out,
                    "Nothing more to undo: only the last {UNDO_STEPS} lines can be taken back."
                )?,
                Some((Some(_), _)) => {
                    let Some((Some(before), commands)) = lines.pop() else {
                        continue;
                    };
                    org = before;
                    writeln!(
                        out,
                        "undid `{}`",
                        crate::text::inert_line(&commands.join("; "))
                    )?;
                }
                None => writeln!(out, "Nothing to undo.")?,
            },
        }
    }
}

/// Whether any command of `line` is a `check`.
fn names_check(line: &str) -> bool {
    line.split(';').any(|command| {
        command
            .split_whitespace()
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case("check"))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::io;

    use super::*;
    use crate::model::Kind;

    /// Lines typed at a terminal, one per read.
    struct Typed(VecDeque<&'static str>);

    impl LineReader for Typed {
        fn read(&mut self, _prompt: &str) -> io::Result<Line> {
            Ok(self
                .0
                .pop_front()
                .map_or(Line::Eof, |line| Line::Text(line.to_string())))
        }

        fn is_interactive(&self) -> bool {
            true
        }
    }

    fn scenario() -> Scenario {
        let catalog = crate::bank::check(&crate::bank::load::embedded())
            .into_catalog()
            .unwrap();
        match &catalog
            .question("scenarios.person-account-reactivate")
            .map(|question| question.kind.clone())
        {
            Some(Kind::Scenario(scenario)) => (**scenario).clone(),
            other => panic!("not a scenario: {other:?}"),
        }
    }

    fn run(lines: &[&'static str]) -> (Option<String>, String) {
        run_in(false, lines)
    }

    fn run_in(exam: bool, lines: &[&'static str]) -> (Option<String>, String) {
        let mut reader = Typed(lines.iter().copied().collect());
        let mut out = Vec::new();
        let aids = Aids {
            exam,
            hint: Some("a hint".to_string()),
            explain: &mut |out: &mut dyn Write| writeln!(out, "the answer").map(|()| true),
            common: &mut |command, out: &mut dyn Write| writeln!(out, "common {command:?}"),
        };
        let (reply, _) = ask(&scenario(), aids, &mut reader, &mut out, 80).unwrap();
        let printed = anstream::adapter::strip_str(&String::from_utf8(out).unwrap()).to_string();
        let answer = match reply {
            Reply::Answer(answer) => Some(answer),
            Reply::Skip | Reply::Explained | Reply::Quit => None,
        };
        (answer, printed)
    }

    #[test]
    fn commands_run_one_by_one_and_done_submits_them_joined() {
        let (answer, printed) = run(&[
            "bogus # a typo",
            ":undo",
            "show users # look first",
            "activate user \"Lena Novak\"",
            ":done",
        ]);
        assert_eq!(
            answer.as_deref(),
            Some("show users; activate user \"Lena Novak\""),
            "{printed}"
        );
        assert!(printed.contains("error[PARSE_ERROR]"), "{printed}");
        assert!(
            printed.contains("Nothing to undo"),
            "a typo is not a line of the answer: {printed}"
        );
        assert!(printed.contains("Goal reached"), "{printed}");
    }

    #[test]
    fn explain_gives_up_with_the_answer() {
        let (answer, printed) = run(&["activate user \"Lena Novak\"", ":explain", ":done"]);
        assert_eq!(answer, None);
        assert!(printed.ends_with("the answer\n"), "{printed}");
    }

    #[test]
    fn done_with_nothing_asks_for_commands_and_end_of_input_quits() {
        let (answer, printed) = run(&[":done", ":show", ":hint"]);
        assert_eq!(answer, None);
        assert!(printed.contains("No commands yet"), "{printed}");
        assert!(printed.contains("Lena Novak"), "{printed}");
        assert!(printed.contains("Hint: a hint"), "{printed}");
    }

    #[test]
    fn an_exam_holds_back_check_and_the_goal_note_but_help_is_free() {
        let (_, printed) = run_in(
            true,
            &[
                "help",
                "check \"Lena Novak\" as customer site \"Help Hub\"",
                ":skip",
            ],
        );
        assert!(
            printed.contains("`check` is not available during an exam"),
            "{printed}"
        );
        assert!(
            printed.contains("enable digital experiences"),
            "help lists the commands: {printed}"
        );
        assert!(!printed.contains("reset "), "{printed}");
        assert!(!printed.contains("Goal reached"), "{printed}");
    }

    #[test]
    fn undo_takes_back_only_the_last_100_lines_but_every_line_is_answered() {
        let mut lines = vec!["show users"; UNDO_STEPS + 5];
        lines.extend(vec![":undo"; UNDO_STEPS + 1]);
        lines.push(":done");
        let (answer, printed) = run(&lines);
        assert_eq!(printed.matches("undid `show users`").count(), UNDO_STEPS);
        assert!(
            printed.contains("Nothing more to undo: only the last 100 lines"),
            "{printed}"
        );
        assert_eq!(
            answer.map(|answer| answer.matches("show users").count()),
            Some(5)
        );
    }
}
