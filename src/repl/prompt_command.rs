//! The `:` commands of the quiz's prompts, one vocabulary for `answer> ` and a
//! scenario's `org> `: one table gives the parser, the help and the words Tab
//! completes, so the two prompts can't drift apart.

/// A `:` command typed at a quiz prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptCommand {
    Help,
    Hint,
    Skip,
    Explain,
    More,
    Codes,
    Score,
    Show,
    Undo,
    Done,
    Quit,
}

/// Which prompt a command is typed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// `answer> `: any question's answer.
    Answer,
    /// `org> `: a scenario's commands, in a terminal.
    Org,
    /// An interview's `answer> `: no hints or feedback, only passing,
    /// quitting and help.
    Interview,
}

struct Entry {
    command: PromptCommand,
    /// The full name first, then short forms.
    names: &'static [&'static str],
    answer: bool,
    org: bool,
    interview: bool,
    help: &'static str,
}

const ENTRIES: &[Entry] = &[
    Entry {
        command: PromptCommand::Show,
        names: &[":show"],
        answer: false,
        org: true,
        interview: false,
        help: "the org as it is now",
    },
    Entry {
        command: PromptCommand::Undo,
        names: &[":undo"],
        answer: false,
        org: true,
        interview: false,
        help: "take back the last line of commands (the last 100)",
    },
    Entry {
        command: PromptCommand::Done,
        names: &[":done", ":d"],
        answer: false,
        org: true,
        interview: false,
        help: "submit the commands entered so far",
    },
    Entry {
        command: PromptCommand::Hint,
        names: &[":hint"],
        answer: true,
        org: true,
        interview: false,
        help: "a hint (not in exams; the answer then counts as Hard at most for review)",
    },
    Entry {
        command: PromptCommand::Explain,
        names: &[":explain"],
        answer: true,
        org: true,
        interview: false,
        help: "give up and see the explanation (not in exams)",
    },
    Entry {
        command: PromptCommand::More,
        names: &[":more"],
        answer: true,
        org: true,
        interview: false,
        help: "more on the last answer: the whole why, going deeper, the facts",
    },
    Entry {
        command: PromptCommand::Codes,
        names: &[":codes"],
        answer: true,
        org: true,
        interview: false,
        help: "the lettered blocker codes of diagnose questions",
    },
    Entry {
        command: PromptCommand::Skip,
        names: &[":skip"],
        answer: true,
        org: true,
        interview: true,
        help: "skip this question (Ctrl-C on an empty line asks first)",
    },
    Entry {
        command: PromptCommand::Score,
        names: &[":score"],
        answer: true,
        org: true,
        interview: false,
        help: "your score so far",
    },
    Entry {
        command: PromptCommand::Quit,
        names: &[":quit", ":q"],
        answer: true,
        org: true,
        interview: true,
        help: "end the session with its summary (Ctrl-D too)",
    },
    Entry {
        command: PromptCommand::Help,
        names: &[":help", ":h", ":?"],
        answer: true,
        org: true,
        interview: true,
        help: "this list",
    },
];

impl Entry {
    fn at(&self, prompt: Prompt) -> bool {
        match prompt {
            Prompt::Answer => self.answer,
            Prompt::Org => self.org,
            Prompt::Interview => self.interview,
        }
    }
}

/// Reads a line: `None` when it is not a `:` command (an answer, or org
/// commands), `Some(Err(word))` for a `:` word the prompt does not know.
pub fn parse(line: &str, prompt: Prompt) -> Option<Result<PromptCommand, String>> {
    let trimmed = line.trim();
    if !trimmed.starts_with(':') || trimmed.contains(char::is_whitespace) {
        return None;
    }
    let word = trimmed.to_lowercase();
    Some(
        ENTRIES
            .iter()
            .filter(|entry| entry.at(prompt))
            .find(|entry| entry.names.contains(&word.as_str()))
            .map(|entry| entry.command)
            .ok_or_else(|| trimmed.to_string()),
    )
}

/// What a prompt says to a `:` word it does not know.
pub fn unknown(word: &str) -> String {
    format!(
        "Unknown command `{}`; :help lists them.",
        crate::text::inert_line(word)
    )
}

/// The words Tab completes at `prompt`: each command's full name.
pub fn names(prompt: Prompt) -> impl Iterator<Item = &'static str> {
    ENTRIES
        .iter()
        .filter(move |entry| entry.at(prompt))
        .filter_map(|entry| entry.names.first().copied())
}

/// What `:help` prints at `prompt`.
pub fn help(prompt: Prompt) -> String {
    let mut text = match prompt {
        Prompt::Answer | Prompt::Interview => "At any prompt:".to_string(),
        Prompt::Org => "At the org> prompt, type org commands (`help` lists them), one or more \
             a line. A command that runs and fails costs 10% of the score (`:undo` takes \
             its line back); a line that is not a command costs nothing."
            .to_string(),
    };
    for entry in ENTRIES.iter().filter(|entry| entry.at(prompt)) {
        let name = entry.names.first().copied().unwrap_or_default();
        text.push_str(&format!("\n  {name:<9} {}", entry.help));
    }
    text
}

/// Prints [`help`] wrapped to `width`, each command's words hanging under
/// themselves.
pub fn print_help(
    out: &mut dyn std::io::Write,
    prompt: Prompt,
    width: usize,
) -> std::io::Result<()> {
    print_rows(out, &help(prompt), width)
}

/// Prints a help text wrapped to `width`: its `  :word  what` rows with the
/// words hanging under themselves, other lines as prose.
pub fn print_rows(out: &mut dyn std::io::Write, text: &str, width: usize) -> std::io::Result<()> {
    for row in text.lines() {
        match row.strip_prefix("  ") {
            Some(entry) => super::render::wrapped_hanging(out, entry, width, 2, 12)?,
            None => super::render::wrapped(out, row, width, 0)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_vocabulary_with_the_org_words_only_at_the_org_prompt() {
        assert_eq!(
            parse(":more", Prompt::Answer),
            Some(Ok(PromptCommand::More))
        );
        assert_eq!(parse(" :Q ", Prompt::Org), Some(Ok(PromptCommand::Quit)));
        assert_eq!(parse(":done", Prompt::Org), Some(Ok(PromptCommand::Done)));
        assert_eq!(
            parse(":done", Prompt::Answer),
            Some(Err(":done".to_string()))
        );
        assert_eq!(parse("show users", Prompt::Org), None);
        assert_eq!(parse(": not a command", Prompt::Answer), None);
        assert!(
            names(Prompt::Answer)
                .all(|name| !help(Prompt::Org).is_empty() && help(Prompt::Answer).contains(name))
        );
        assert!(names(Prompt::Org).any(|name| name == ":undo"));
        assert!(!help(Prompt::Answer).contains(":undo"));
    }

    #[test]
    fn an_interview_offers_only_passing_quitting_and_help() {
        assert_eq!(
            names(Prompt::Interview).collect::<Vec<_>>(),
            [":skip", ":quit", ":help"]
        );
        assert_eq!(
            parse(":hint", Prompt::Interview),
            Some(Err(":hint".to_string()))
        );
        assert_eq!(
            parse(":q", Prompt::Interview),
            Some(Ok(PromptCommand::Quit))
        );
    }
}
