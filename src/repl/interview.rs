//! The interview loop: put each open question, read the answer, grade it
//! without a word of feedback, follow up on what it missed, and end with the
//! debrief (`repl::debrief`). Like the quiz loop it is dumb on purpose: the
//! choices are `session::interview`, grading is `grade`, and what is recorded
//! after each answer is the caller's [`Recorder`].

use std::collections::HashSet;
use std::io::Write;

use jiff::Timestamp;

use super::lines::{Completing, Line, LineReader};
use super::prompt_command::{self, Prompt, PromptCommand};
use super::quiz::{ECHO_CHARS, read_paragraph};
use super::render::{self, duration, wrapped};
use super::stop::{LoopError, RecordError};
use crate::clock::{Clock, seconds_between};
use crate::grade;
use crate::model::{Catalog, Kind, Question};
use crate::output::{self, styled};
use crate::session::input::to_grader_answer;
use crate::session::interview::{self, Asked, MainAnswer};
use crate::session::select::Presented;
use crate::text::{inert, inert_line, shorten};

/// Called with every graded answer (open question or follow-up) as soon as
/// it is given, before the next question.
pub trait Recorder {
    fn record(&mut self, catalog: &Catalog, asked: &Asked) -> Result<(), RecordError>;
}

/// What the interview needs besides its questions.
pub struct InterviewContext<'a> {
    pub catalog: &'a Catalog,
    pub clock: &'a dyn Clock,
    pub seed: u64,
    /// The end of the interview's time, if it has a limit.
    pub deadline: Option<Timestamp>,
    pub width: usize,
}

/// How an interview ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Finished,
    /// `:quit`, Ctrl-D or the end of input.
    Quit,
    TimeUp,
}

/// What was asked and answered, and the open questions not reached.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    pub answers: Vec<MainAnswer>,
    pub unreached: Vec<usize>,
}

const HELP: &str = "At any prompt:
  :skip     pass on this question (an empty line or Ctrl-C also passes)
  :quit     end the interview and go to the debrief (Ctrl-D too)
  :help     this list
No hints and no feedback until the debrief, as in a real interview.";

/// Runs the interview over `plan` (catalog indices of the open questions).
pub fn run(
    context: &InterviewContext<'_>,
    plan: &[usize],
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
    recorder: &mut dyn Recorder,
) -> Result<(Ending, Transcript), LoopError> {
    let mut transcript = Transcript::default();
    let mut asked: HashSet<usize> = plan.iter().copied().collect();
    let mut ending = Ending::Finished;
    for (idx, &main_idx) in plan.iter().enumerate() {
        let number = idx + 1;
        if time_is_up(context, reader) {
            ending = Ending::TimeUp;
            transcript.unreached.extend(&plan[idx..]);
            break;
        }
        let question = &context.catalog.questions()[main_idx];
        let header = format!("Question {number}/{} · {}", plan.len(), question.topic);
        let presented = Presented {
            question_idx: main_idx,
            shown: Vec::new(),
        };
        put(context, out, &header, question, &presented, reader)?;
        let (reply, seconds) = ask(context, question, &presented, reader, out)?;
        if let Some(stop) = stopped(context, reader, out, &reply)? {
            ending = stop;
            transcript.unreached.extend(&plan[idx..]);
            break;
        }
        let main = graded(question, presented, reply, seconds);
        if main.grade.is_some() {
            recorder
                .record(context.catalog, &main)
                .map_err(LoopError::Record)?;
        }
        took(out, seconds)?;
        let outcomes = match (&question.kind, &main.answer) {
            (Kind::Recall(recall), Some(answer)) => grade::concept_outcomes(recall, answer),
            _ => Vec::new(),
        };
        let followups = if main.grade.is_some() {
            interview::followups(
                context.catalog,
                main_idx,
                &outcomes,
                &asked,
                context.seed,
                number,
            )
        } else {
            Vec::new()
        };
        transcript.answers.push(MainAnswer {
            asked: main,
            outcomes,
            followups: Vec::new(),
        });
        for (followup_number, followup) in followups.into_iter().enumerate() {
            if time_is_up(context, reader) {
                ending = Ending::TimeUp;
                break;
            }
            asked.insert(followup.presented.question_idx);
            let answer = transcript.answers.last();
            let contradicted = answer
                .and_then(|answer| answer.outcomes.get(followup.concept_idx))
                .is_some_and(|outcome| matches!(outcome, grade::Outcome::Contradicted(_)));
            let intro = if contradicted {
                interview::CHALLENGE
            } else {
                interview::introduce(context.seed, number, followup_number)
            };
            writeln!(out)?;
            wrapped(out, intro, context.width, 0)?;
            let followup_question = &context.catalog.questions()[followup.presented.question_idx];
            let header = format!(
                "Follow-up {number}.{} · {} · {}",
                followup_number + 1,
                followup_question.topic,
                followup_question.kind_name()
            );
            put(
                context,
                out,
                &header,
                followup_question,
                &followup.presented,
                reader,
            )?;
            let (reply, seconds) =
                ask(context, followup_question, &followup.presented, reader, out)?;
            if let Some(stop) = stopped(context, reader, out, &reply)? {
                ending = stop;
                break;
            }
            let asked_followup = graded(followup_question, followup.presented, reply, seconds);
            if asked_followup.grade.is_some() {
                recorder
                    .record(context.catalog, &asked_followup)
                    .map_err(LoopError::Record)?;
            }
            took(out, seconds)?;
            if let Some(answer) = transcript.answers.last_mut() {
                answer
                    .followups
                    .push((followup.concept_idx, asked_followup));
            }
        }
        if ending != Ending::Finished {
            transcript.unreached.extend(&plan[idx + 1..]);
            break;
        }
    }
    Ok((ending, transcript))
}

/// What the learner did with a question.
enum Reply {
    Answer(String),
    Skip,
    Quit,
}

/// A question's header, prompt, options and the line saying what to type.
fn put(
    context: &InterviewContext<'_>,
    out: &mut dyn Write,
    header: &str,
    question: &Question,
    presented: &Presented,
    reader: &dyn LineReader,
) -> Result<(), LoopError> {
    let mut header = header.to_string();
    if let Some(deadline) = context.deadline {
        let left = seconds_between(context.clock.now(), deadline);
        header.push_str(&format!(" · {} left", duration(left)));
    }
    writeln!(out)?;
    styled(out, output::EMPHASIS, &inert(&header))?;
    writeln!(out)?;
    render::prompt_and_options(out, question, presented, context.width)?;
    render::answer_line(out, question, reader.is_interactive(), context.width)?;
    Ok(())
}

/// Reads until the learner answers, passes or quits; returns the reply and
/// the seconds it took.
fn ask(
    context: &InterviewContext<'_>,
    question: &Question,
    presented: &Presented,
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
) -> Result<(Reply, f64), LoopError> {
    let asked_at = context.clock.now();
    reader.complete(Completing::Interview);
    let reply = loop {
        out.flush()?;
        let line = match reader.read("answer> ")? {
            Line::Eof => break Reply::Quit,
            Line::Interrupted => break Reply::Skip,
            Line::Text(line) => line,
        };
        if !reader.is_interactive() {
            writeln!(out, "> {}", inert_line(&shorten(&line, ECHO_CHARS)))?;
        }
        if line.trim().is_empty() {
            if !reader.is_interactive() {
                break Reply::Skip;
            }
            writeln!(
                out,
                "Take your time; :skip passes on this one (:help for more)."
            )?;
            continue;
        }
        match prompt_command::parse(&line, Prompt::Interview) {
            Some(Ok(PromptCommand::Skip)) => break Reply::Skip,
            Some(Ok(PromptCommand::Quit)) => break Reply::Quit,
            Some(Ok(_)) => prompt_command::print_rows(out, HELP, context.width)?,
            // The quiz's other commands are not offered in an interview.
            Some(Err(word))
                if matches!(prompt_command::parse(&word, Prompt::Answer), Some(Ok(_))) =>
            {
                writeln!(
                    out,
                    "Not in an interview: everything comes with the debrief."
                )?;
            }
            Some(Err(word)) => {
                writeln!(out, "{}", prompt_command::unknown(&word))?;
            }
            None => {
                let text = if matches!(question.kind, Kind::Recall(_)) && reader.is_interactive() {
                    read_paragraph(reader, line)?
                } else {
                    line
                };
                match to_grader_answer(question, presented, &text) {
                    Ok(answer) => break Reply::Answer(answer),
                    // Piped, one answer a line: a line that is no answer passes,
                    // so the next line still answers the next question.
                    Err(message) if !reader.is_interactive() => {
                        writeln!(out, "{}; passed", inert_line(&message))?;
                        break Reply::Skip;
                    }
                    Err(message) => writeln!(out, "{}", inert_line(&message))?,
                }
            }
        }
    };
    Ok((reply, seconds_between(asked_at, context.clock.now())))
}

/// Whether the interview stops at this reply: the learner quit, or the time
/// ran out (an answer given after the limit does not count).
fn stopped(
    context: &InterviewContext<'_>,
    reader: &dyn LineReader,
    out: &mut dyn Write,
    reply: &Reply,
) -> Result<Option<Ending>, LoopError> {
    if time_is_up(context, reader) {
        if matches!(reply, Reply::Answer(_)) {
            writeln!(out, "Time was up before this answer; it is not counted.")?;
        } else {
            writeln!(out, "\nTime is up.")?;
        }
        return Ok(Some(Ending::TimeUp));
    }
    Ok(matches!(reply, Reply::Quit).then_some(Ending::Quit))
}

fn graded(question: &Question, presented: Presented, reply: Reply, seconds: f64) -> Asked {
    let answer = match reply {
        Reply::Answer(answer) => Some(answer),
        Reply::Skip | Reply::Quit => None,
    };
    let grade = answer
        .as_deref()
        .map(|answer| grade::grade(question, answer));
    Asked {
        presented,
        answer,
        grade,
        seconds,
    }
}

/// The time an answer took, dimmed, and nothing about how it went.
fn took(out: &mut dyn Write, seconds: f64) -> std::io::Result<()> {
    styled(out, output::DIM, &format!("(took {})", duration(seconds)))?;
    writeln!(out)
}

/// Whether the interview's time is up: by the clock, or by the reader, which
/// ends input at the limit even while it waits at a prompt.
fn time_is_up(context: &InterviewContext<'_>, reader: &dyn LineReader) -> bool {
    reader.deadline_passed()
        || context
            .deadline
            .is_some_and(|deadline| context.clock.now() >= deadline)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::bank::{self, ContentFiles};
    use crate::repl::lines::Piped;

    const BANK: &str = r#"format_version = 1
[[fact]]
id = "f.a"
statement = "A."
source = "seed: Quick interview answer"
[[question]]
id = "t.open"
kind = "recall"
topic = "t"
prompt = "Open?"
model_answer = "alpha"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
facts = ["f.a"]
phrases = ["alpha"]
required = true
[[question]]
id = "u.open"
kind = "recall"
topic = "u"
prompt = "Other?"
model_answer = "alpha"
explanation = "x"
facts = ["f.a"]
[[question.concept]]
name = "A"
phrases = ["alpha"]
[[question]]
id = "t.tf"
kind = "truefalse"
topic = "t"
prompt = "True?"
answer = true
explanation = "x"
facts = ["f.a"]
"#;

    /// A clock that moves 40 seconds every time it is read.
    struct SteppingClock(Cell<i64>);

    impl Clock for SteppingClock {
        fn now(&self) -> Timestamp {
            let seconds = self.0.get();
            self.0.set(seconds + 40);
            Timestamp::from_second(seconds).unwrap_or(Timestamp::UNIX_EPOCH)
        }
    }

    /// The ids recorded, in order.
    struct Ids(Vec<String>);

    impl Recorder for Ids {
        fn record(&mut self, catalog: &Catalog, asked: &Asked) -> Result<(), RecordError> {
            let id = catalog.questions()[asked.presented.question_idx].id();
            self.0.push(id.to_string());
            Ok(())
        }
    }

    /// Runs the interview of `t.open` then `u.open` on `stdin`.
    fn interview(
        clock: &dyn Clock,
        deadline: Option<Timestamp>,
        stdin: &str,
    ) -> (Ending, Transcript, Vec<String>, String) {
        let catalog = bank::check(&ContentFiles::from_texts(&[("t.toml", BANK)]))
            .into_catalog()
            .expect("valid bank");
        let plan: Vec<usize> = ["t.open", "u.open"]
            .iter()
            .filter_map(|id| catalog.question_idx(id))
            .collect();
        let context = InterviewContext {
            catalog: &catalog,
            clock,
            seed: 1,
            deadline,
            width: 80,
        };
        let mut recorder = Ids(Vec::new());
        let mut out = Vec::new();
        let (ending, transcript) = run(
            &context,
            &plan,
            &mut Piped::new(stdin.as_bytes()),
            &mut out,
            &mut recorder,
        )
        .expect("runs");
        let out = String::from_utf8(out).expect("utf-8");
        (ending, transcript, recorder.0, out)
    }

    #[test]
    fn every_graded_answer_is_recorded_and_a_follow_up_comes_before_the_next_question() {
        let clock = crate::clock::FixedClock(Timestamp::UNIX_EPOCH);
        let (ending, transcript, recorded, out) =
            interview(&clock, None, "nothing\n:hint\ntrue\nalpha\n");
        assert_eq!(ending, Ending::Finished, "{out}");
        assert_eq!(recorded, ["t.open", "t.tf", "u.open"], "{out}");
        assert_eq!(transcript.answers[0].followups.len(), 1);
        assert!(out.contains("Not in an interview"), "no hints: {out}");
        assert!(!out.contains("Right answer"), "no feedback: {out}");
    }

    #[test]
    fn the_time_limit_is_shown_and_an_answer_after_it_does_not_count() {
        let clock = SteppingClock(Cell::new(0));
        let deadline = Timestamp::from_second(60).ok();
        let (ending, transcript, recorded, out) = interview(&clock, deadline, "alpha\nalpha\n");
        assert_eq!(ending, Ending::TimeUp, "{out}");
        assert!(out.contains("left"), "the time left is shown: {out}");
        assert!(out.contains("it is not counted"), "{out}");
        assert!(recorded.is_empty(), "{recorded:?}");
        assert!(transcript.answers.is_empty());
        assert_eq!(transcript.unreached.len(), 2);
    }

    #[test]
    fn quitting_keeps_what_was_answered_and_lists_the_rest_as_not_reached() {
        let clock = crate::clock::FixedClock(Timestamp::UNIX_EPOCH);
        let (ending, transcript, recorded, _) = interview(&clock, None, "alpha\n:quit\n");
        assert_eq!(ending, Ending::Quit);
        assert_eq!(recorded, ["t.open"]);
        assert_eq!(transcript.answers.len(), 1);
        assert_eq!(transcript.unreached.len(), 1);
    }
}
