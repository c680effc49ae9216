//! What the learner did with a question, shared by the quiz's `answer> ` and a
//! scenario's `org> ` prompt, and the question Ctrl-C asks before a skip.

use std::io::{self, Write};

use super::lines::{Line, LineReader};

/// What the learner did with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Answer(String),
    Skip,
    /// Skipped after `:explain` showed the answer.
    Explained,
    Quit,
}

/// Ctrl-C on an empty line: asks before skipping, so a key pressed twice never
/// skips two questions. Only `y` or `yes` skips; another Ctrl-C or anything
/// else goes back to the question. `None` is the end of input.
pub fn confirm_skip(reader: &mut dyn LineReader, out: &mut dyn Write) -> io::Result<Option<bool>> {
    out.flush()?;
    let yes = match reader.read("skip this question? [y/N] ")? {
        Line::Eof => return Ok(None),
        Line::Interrupted => false,
        Line::Text(text) => matches!(text.trim().to_lowercase().as_str(), "y" | "yes"),
    };
    if !yes {
        writeln!(out, "Not skipped; back to the question.")?;
    }
    Ok(Some(yes))
}
