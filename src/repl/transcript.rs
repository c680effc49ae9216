//! How sandbox results are printed: readable lines for people, or the JSON
//! Lines of FORMAT.md, Org files and the command language (one object a
//! command). Text from the org and the
//! user's commands is printed inert.

use std::io::{self, Write};

use serde::Serialize;

use super::render;
use crate::org::{Blocker, Code, Outcome};
use crate::output::{self, styled};
use crate::text::{inert, inert_line};

/// Where sandbox results go, and in which form.
pub struct Transcript<W: Write> {
    out: W,
    json: bool,
    /// Show each command before its result (scripts), or not (the prompt did).
    echo: bool,
    /// The terminal's width to wrap replies to; `None` (piped, JSON) wraps nothing.
    width: Option<usize>,
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    line: usize,
    command: &'a str,
    ok: bool,
    code: Option<&'static str>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    blockers: Option<Vec<JsonBlocker<'a>>>,
}

#[derive(Serialize)]
struct JsonBlocker<'a> {
    code: &'static str,
    fix: Option<&'a str>,
}

impl<W: Write> Transcript<W> {
    pub fn new(out: W, json: bool, echo: bool) -> Transcript<W> {
        Transcript {
            out,
            json,
            echo,
            width: None,
        }
    }

    /// The same transcript, wrapping what people read to `width` columns.
    pub fn with_width(self, width: Option<usize>) -> Transcript<W> {
        Transcript { width, ..self }
    }

    /// The width replies are wrapped to, if any.
    pub fn width(&self) -> Option<usize> {
        self.width
    }

    /// One org command's result.
    pub fn outcome(&mut self, line: usize, outcome: &Outcome) -> io::Result<()> {
        let (ok, code, message, blockers) = match &outcome.result {
            Ok(reply) => (
                true,
                None,
                reply.message.as_str(),
                reply.blockers.as_deref(),
            ),
            Err(failure) => (
                false,
                Some(failure.code.as_str()),
                failure.message.as_str(),
                None,
            ),
        };
        if self.json {
            return self.json_line(&JsonOutcome {
                line,
                command: &outcome.command_text,
                ok,
                code,
                message,
                blockers: blockers.map(|blockers| {
                    blockers
                        .iter()
                        .map(|blocker| JsonBlocker {
                            code: blocker.code.as_str(),
                            fix: blocker.fix.as_deref(),
                        })
                        .collect()
                }),
            });
        }
        let indent = self.echo_command(line, &outcome.command_text)?;
        match code {
            None => self.human_ok(indent, message)?,
            Some(code) => {
                self.labelled(indent, output::ERROR, &format!("error[{code}]"), message)?
            }
        }
        if let Some(blockers) = blockers {
            self.human_blockers(indent, blockers)?;
        }
        Ok(())
    }

    /// The result of a sandbox command (`undo`, `save`, `help`...), which has no code.
    pub fn note(
        &mut self,
        line: usize,
        command: &str,
        result: &Result<String, String>,
    ) -> io::Result<()> {
        let (ok, message) = match result {
            Ok(message) => (true, message.as_str()),
            Err(message) => (false, message.as_str()),
        };
        if self.json {
            return self.json_line(&JsonOutcome {
                line,
                command,
                ok,
                code: None,
                message,
                blockers: None,
            });
        }
        let indent = self.echo_command(line, command)?;
        if ok {
            self.human_ok(indent, message)
        } else {
            self.labelled(indent, output::ERROR, "error", message)
        }
    }

    /// The writer, for tests that read back what was printed.
    pub fn buffer_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Free text for people (a goal, a greeting); JSON output leaves it out.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        if !self.json {
            match self.width {
                Some(width) => render::wrapped(&mut self.out, text, width, 0)?,
                None => writeln!(self.out, "{}", inert(text))?,
            }
        }
        self.out.flush()
    }

    /// `label: message`, the label styled, the message wrapped under itself.
    fn labelled(
        &mut self,
        indent: &str,
        style: anstyle::Style,
        label: &str,
        message: &str,
    ) -> io::Result<()> {
        let message = inert_line(message);
        let Some(width) = self.width else {
            write!(self.out, "{indent}")?;
            styled(&mut self.out, style, label)?;
            return writeln!(self.out, ": {message}");
        };
        // Wrapped with a stand-in for the label, which is then styled.
        let stand_in = "x".repeat(label.chars().count());
        let mut wrapped = Vec::new();
        render::wrapped_hanging(
            &mut wrapped,
            &format!("{stand_in}: {message}"),
            width,
            indent.len(),
            indent.len() + 4,
        )?;
        let text =
            String::from_utf8_lossy(&wrapped).replacen(&format!("{indent}{stand_in}"), "", 1);
        write!(self.out, "{indent}")?;
        styled(&mut self.out, style, label)?;
        write!(self.out, "{text}")
    }

    fn json_line(&mut self, value: &JsonOutcome<'_>) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value).map_err(io::Error::from)?;
        writeln!(self.out)?;
        self.out.flush()
    }

    /// Prints `line | command` when echoing; returns the indent for the result.
    fn echo_command(&mut self, line: usize, command: &str) -> io::Result<&'static str> {
        if !self.echo {
            return Ok("");
        }
        styled(&mut self.out, output::DIM, &format!("{line} |"))?;
        writeln!(self.out, " {}", inert_line(command))?;
        Ok("    ")
    }

    /// `ok: message`, or a listing (several lines) as it is, wrapped.
    fn human_ok(&mut self, indent: &str, message: &str) -> io::Result<()> {
        if message.contains('\n') {
            for row in message.lines() {
                match self.width {
                    _ if row.is_empty() => writeln!(self.out)?,
                    Some(width) => render::indented_line(&mut self.out, row, width, indent.len())?,
                    None => writeln!(self.out, "{indent}{}", inert_line(row))?,
                }
            }
            return Ok(());
        }
        self.labelled(indent, output::GOOD, "ok", message)
    }

    fn human_blockers(&mut self, indent: &str, blockers: &[Blocker]) -> io::Result<()> {
        for (idx, blocker) in blockers.iter().enumerate() {
            write!(self.out, "{indent}  {}. ", idx + 1)?;
            styled(&mut self.out, output::EMPHASIS, blocker.code.as_str())?;
            let fix = match &blocker.fix {
                Some(fix) => format!("fix: {}", inert_line(fix)),
                // The account is the user's to choose, so no fix is run on
                // the scratch org, but the command is named.
                None if blocker.code == Code::ContactNoAccount => {
                    "(put the contact on an account: `set contact NAME account ACCOUNT`)"
                        .to_string()
                }
                None => "(no command fixes this)".to_string(),
            };
            // The fix goes on its own line when the row would not fit.
            let row_chars =
                indent.len() + 6 + blocker.code.as_str().len() + 2 + fix.chars().count();
            match self.width {
                Some(width) if row_chars > width => {
                    writeln!(self.out)?;
                    render::wrapped_hanging(
                        &mut self.out,
                        &fix,
                        width,
                        indent.len() + 5,
                        indent.len() + 7,
                    )?;
                }
                _ => writeln!(self.out, "  {fix}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Org;

    fn printed(json: bool, echo: bool, script: &str) -> String {
        let mut org = Org::new();
        let mut transcript = Transcript::new(Vec::new(), json, echo);
        for step in org.run_script(script) {
            transcript.outcome(step.line, &step.outcome).unwrap();
        }
        let raw = String::from_utf8(transcript.out).unwrap();
        anstream::adapter::strip_str(&raw).to_string()
    }

    #[test]
    fn json_lines_follow_c2() {
        assert_eq!(
            printed(
                true,
                false,
                "enable digital experiences; login Ghost site X\ncheck Ghost as partner site X"
            ),
            concat!(
                r#"{"line":1,"command":"enable digital experiences","ok":true,"code":null,"message":"enabled Digital Experiences (this can't be undone)"}"#,
                "\n",
                r#"{"line":1,"command":"login Ghost site X","ok":false,"code":"NOT_FOUND","message":"no contact named `Ghost`"}"#,
                "\n",
                r#"{"line":2,"command":"check Ghost as partner site X","ok":false,"code":"NOT_FOUND","message":"no contact named `Ghost`"}"#,
                "\n",
            )
        );
    }

    #[test]
    fn check_adds_blockers_with_null_fixes() {
        let text = printed(
            true,
            false,
            "create contact Solo\ncheck Solo as customer site X",
        );
        let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert_eq!(
            last["blockers"][0],
            serde_json::json!({"code": "DX_NOT_ENABLED", "fix": "enable digital experiences"})
        );
        let no_account = last["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|blocker| blocker["code"] == "CONTACT_NO_ACCOUNT")
            .unwrap();
        assert_eq!(no_account["fix"], serde_json::Value::Null);
    }

    #[test]
    fn human_output_echoes_script_lines_and_shows_codes() {
        assert_eq!(
            printed(
                false,
                true,
                "disable digital experiences\ncreate site X template Nope\n"
            ),
            "1 | disable digital experiences\n    ok: Digital Experiences is already off\n2 | create site X template Nope\n    error[DX_NOT_ENABLED]: Digital Experiences is not enabled; run `enable digital experiences` first\n"
        );
    }

    #[test]
    fn control_characters_in_commands_are_printed_inert() {
        let text = printed(false, true, "login \"\u{1b}[2J\" site X");
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("\u{241b}[2J"));
    }
}
