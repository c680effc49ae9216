//! The quiz loop: ask each question, read and check the answer, grade it, show
//! feedback, and end with the summary. The loop is dumb on purpose: reading is a
//! [`LineReader`], grading is `grade`, the session's rules are `session`, and
//! what is recorded after each answer is the caller's [`Recorder`].

use std::io::{self, Write};

use jiff::Timestamp;

use super::lines::{Completing, Line, LineReader};
use super::prompt_command::{self, Prompt, PromptCommand};
use super::render;
use super::reply::{Reply, confirm_skip};
use super::scenario_prompt;
use super::stop::{LoopError, RecordError};
use crate::clock::{Clock, seconds_between};
use crate::grade;
use crate::model::{Catalog, Kind};
use crate::score::PassMark;
use crate::session::input::to_grader_answer;
use crate::session::{Attempt, Presented, Session};
use crate::text::plural;

/// Called with every attempt as soon as it is made, before the next question.
pub trait Recorder {
    fn record(
        &mut self,
        catalog: &Catalog,
        session: &Session,
        attempt: &Attempt,
    ) -> Result<(), RecordError>;
}

/// Records nothing.
pub struct NoRecorder;

impl Recorder for NoRecorder {
    fn record(&mut self, _: &Catalog, _: &Session, _: &Attempt) -> Result<(), RecordError> {
        Ok(())
    }
}

/// What the quiz needs besides the session.
pub struct QuizContext<'a> {
    pub catalog: &'a Catalog,
    pub clock: &'a dyn Clock,
    /// The end of the exam's time, if it has a limit.
    pub deadline: Option<Timestamp>,
    pub width: usize,
    /// The exam's pass mark, for the summary.
    pub pass_mark: Option<PassMark>,
    /// Feedback whole (going deeper and the facts), not only what `:more` adds to.
    pub verbose: bool,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Every question was asked.
    Finished,
    /// The learner quit (`:quit`, Ctrl-D, end of input).
    Quit,
    /// The exam's time ran out.
    TimeUp,
}

/// Runs the session to its end and prints the summary.
pub fn run(
    context: &QuizContext<'_>,
    session: &mut Session,
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
    recorder: &mut dyn Recorder,
) -> Result<Ending, LoopError> {
    let started = context.clock.now();
    let mut number = 0;
    // The last question answered with feedback, for `:more`.
    let mut last_answered: Option<usize> = None;
    let mut codes_shown = false;
    let ending = loop {
        if time_is_up(context, reader) {
            writeln!(out, "\nTime is up.")?;
            break Ending::TimeUp;
        }
        let Some(presented) = session.next_question() else {
            break Ending::Finished;
        };
        number += 1;
        let question = &context.catalog.questions()[presented.question_idx];
        let time_left = context
            .deadline
            .map(|deadline| seconds_between(context.clock.now(), deadline));
        let total = number + session.remaining();
        // A diagnose question's codes are the same every time: listed with the
        // first one, and on `:codes`.
        let show_codes = matches!(question.kind, Kind::Diagnose(_)) && !codes_shown;
        codes_shown |= show_codes;
        render::question(
            out,
            question,
            &presented,
            number,
            total,
            time_left,
            show_codes,
            context.width,
        )?;
        render::answer_line(out, question, reader.is_interactive(), context.width)?;
        let asked_at = context.clock.now();
        let (reply, hints) = ask(context, session, &presented, last_answered, reader, out)?;
        let seconds = seconds_between(asked_at, context.clock.now());
        let explained = matches!(reply, Reply::Explained);
        let (answer, quit) = match reply {
            Reply::Answer(answer) => (Some(answer), false),
            Reply::Skip | Reply::Explained => (None, false),
            Reply::Quit => (None, true),
        };
        // An answer or skip after the limit does not count, and the question
        // goes back to the queue so the summary lists it as not reached; so
        // does the one in front of a learner who quits.
        if time_is_up(context, reader) {
            if answer.is_some() {
                writeln!(out, "Time was up before this answer; it is not counted.")?;
            } else {
                writeln!(out, "\nTime is up.")?;
            }
            session.push_front(presented);
            break Ending::TimeUp;
        }
        if quit {
            session.push_front(presented);
            break Ending::Quit;
        }
        let grade = answer
            .as_deref()
            .map(|answer| grade::grade(question, answer));
        let attempt = Attempt {
            presented: presented.clone(),
            answer,
            grade,
            seconds,
            hints,
        };
        // Record first: once graded, an answer must survive whatever happens to
        // the output (a closed pipe, a killed terminal) while feedback prints.
        session.record(attempt);
        let Some(attempt) = session.attempts().last() else {
            continue;
        };
        recorder
            .record(context.catalog, session, attempt)
            .map_err(LoopError::Record)?;
        if attempt.grade.is_none() {
            writeln!(out, "Skipped.")?;
        }
        if session.mode.shows_feedback() {
            last_answered = Some(presented.question_idx);
        }
        if session.mode.shows_feedback() && !explained {
            match &attempt.grade {
                Some(grade) => render::feedback(
                    out,
                    context.catalog,
                    question,
                    &presented,
                    grade,
                    context.width,
                    context.verbose,
                )?,
                None => {
                    render::wrapped(
                        out,
                        &format!(
                            "Right answer: {}",
                            render::right_answer(question, &presented)
                        ),
                        context.width,
                        2,
                    )?;
                }
            }
        }
    };
    let seconds = seconds_between(started, context.clock.now());
    render::summary(
        out,
        context.catalog,
        session,
        seconds,
        context.pass_mark,
        context.width,
    )?;
    Ok(ending)
}

/// Whether the exam's time is up: by the clock, or by the reader, which ends
/// input at the limit even while it waits at a prompt.
fn time_is_up(context: &QuizContext<'_>, reader: &dyn LineReader) -> bool {
    reader.deadline_passed()
        || context
            .deadline
            .is_some_and(|deadline| context.clock.now() >= deadline)
}

/// The longest piped answer echoed in full; longer ones are cut in the echo
/// (they are still graded whole).
pub(super) const ECHO_CHARS: usize = 200;

/// Reads until the learner gives an answer, skips or quits; `:` commands and
/// input that is not an answer get a reply and the prompt again.
fn ask(
    context: &QuizContext<'_>,
    session: &Session,
    presented: &Presented,
    last_answered: Option<usize>,
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
) -> Result<(Reply, u32), LoopError> {
    let question = &context.catalog.questions()[presented.question_idx];
    let feedback = session.mode.shows_feedback();
    if let Kind::Scenario(scenario) = &question.kind
        && reader.is_interactive()
    {
        let aids = scenario_prompt::Aids {
            exam: !feedback,
            hint: feedback.then(|| hint(question)),
            explain: &mut |out: &mut dyn Write| {
                if feedback {
                    explain(context, presented, out)?;
                }
                Ok(feedback)
            },
            common: &mut |command, out: &mut dyn Write| {
                common(context, session, last_answered, command, out)
            },
        };
        let asked = scenario_prompt::ask(scenario, aids, reader, out, context.width);
        reader.complete(Completing::Answer);
        return Ok(asked?);
    }
    reader.complete(Completing::Answer);
    let mut hints = 0;
    loop {
        out.flush()?;
        let line = match reader.read("answer> ")? {
            Line::Eof => return Ok((Reply::Quit, hints)),
            Line::Interrupted => match confirm_skip(reader, out)? {
                None => return Ok((Reply::Quit, hints)),
                Some(true) => return Ok((Reply::Skip, hints)),
                Some(false) => continue,
            },
            Line::Text(line) => line,
        };
        if !reader.is_interactive() {
            // Piped answers are not echoed by a terminal; show them so the
            // transcript reads as a conversation.
            writeln!(
                out,
                "> {}",
                crate::text::inert_line(&crate::text::shorten(&line, ECHO_CHARS))
            )?;
        }
        if line.trim().is_empty() {
            if !reader.is_interactive() {
                return Ok((Reply::Skip, hints));
            }
            writeln!(out, "Type an answer, or :skip to skip (:help for more).")?;
            continue;
        }
        let command = match prompt_command::parse(&line, Prompt::Answer) {
            Some(Ok(command)) => command,
            Some(Err(word)) => {
                writeln!(out, "{}", prompt_command::unknown(&word))?;
                continue;
            }
            None => {
                let text = if matches!(question.kind, Kind::Recall(_)) && reader.is_interactive() {
                    read_paragraph(reader, line)?
                } else {
                    line
                };
                match to_grader_answer(question, presented, &text) {
                    Ok(answer) => return Ok((Reply::Answer(answer), hints)),
                    // Piped input is one answer a line (C1): a line that is not an
                    // answer skips the question rather than eating the next line,
                    // which belongs to the next question.
                    Err(message) if !reader.is_interactive() => {
                        render::wrapped(out, &crate::text::inert_line(&message), context.width, 0)?;
                        return Ok((Reply::Skip, hints));
                    }
                    Err(message) => {
                        render::wrapped(out, &crate::text::inert_line(&message), context.width, 0)?
                    }
                }
                continue;
            }
        };
        match command {
            PromptCommand::Skip => return Ok((Reply::Skip, hints)),
            PromptCommand::Quit => return Ok((Reply::Quit, hints)),
            PromptCommand::Help => prompt_command::print_help(out, Prompt::Answer, context.width)?,
            PromptCommand::Hint if !feedback => writeln!(out, "No hints during an exam.")?,
            PromptCommand::Hint => {
                hints += 1;
                render::wrapped(out, &format!("Hint: {}", hint(question)), context.width, 2)?;
            }
            PromptCommand::Explain if feedback => {
                explain(context, presented, out)?;
                return Ok((Reply::Explained, hints));
            }
            PromptCommand::Explain => writeln!(
                out,
                "No explanations during an exam; the right answers come with the results."
            )?,
            PromptCommand::More | PromptCommand::Codes | PromptCommand::Score => {
                common(context, session, last_answered, command, out)?;
            }
            // Only `org> ` knows these; `parse` never gives them here.
            PromptCommand::Show | PromptCommand::Undo | PromptCommand::Done => {
                writeln!(out, "That works at a scenario's org> prompt.")?;
            }
        }
    }
}

/// The `:` commands both prompts answer alike: `:more` on the last answer,
/// `:codes` and `:score`.
fn common(
    context: &QuizContext<'_>,
    session: &Session,
    last_answered: Option<usize>,
    command: PromptCommand,
    out: &mut dyn Write,
) -> io::Result<()> {
    match command {
        PromptCommand::More => match last_answered {
            Some(question_idx) => {
                let question = &context.catalog.questions()[question_idx];
                writeln!(out, "More on {}:", crate::text::inert_line(question.id()))?;
                render::more(out, context.catalog, question, context.width)
            }
            None if !session.mode.shows_feedback() => writeln!(
                out,
                "No feedback during an exam; the right answers come with the results."
            ),
            None => writeln!(
                out,
                "Nothing answered yet; :more tells more about the last answer."
            ),
        },
        PromptCommand::Codes => render::codes(out, context.width),
        _ => {
            let n_asked = session.first_attempts().len();
            writeln!(
                out,
                "Score so far: {}% over {n_asked} question{}",
                crate::grade::percent(session.score_so_far()),
                plural(n_asked)
            )
        }
    }
}

/// `:explain`: the right answer and the explanation.
fn explain(
    context: &QuizContext<'_>,
    presented: &Presented,
    out: &mut dyn Write,
) -> io::Result<()> {
    let question = &context.catalog.questions()[presented.question_idx];
    render::wrapped(
        out,
        &format!(
            "Right answer: {}",
            render::right_answer(question, presented)
        ),
        context.width,
        2,
    )?;
    render::explanation(out, context.catalog, question, context.width)
}

/// A recall answer in a terminal may span lines; an empty line ends it (the
/// prompt says so).
pub(super) fn read_paragraph(reader: &mut dyn LineReader, first: String) -> io::Result<String> {
    let mut text = first;
    loop {
        match reader.read("(empty line submits) ... ")? {
            Line::Text(line) if !line.trim().is_empty() => {
                text.push(' ');
                text.push_str(&line);
            }
            _ => return Ok(text),
        }
    }
}

/// The hint: the bank's own, else the explanation's first sentence; for a
/// recall question the first concept of its rubric.
fn hint(question: &crate::model::Question) -> String {
    if question.hint().is_none()
        && let Kind::Recall(recall) = &question.kind
        && let Some(concept) = recall.concepts.first()
    {
        return format!("start with {}", concept.name);
    }
    question.hint_text().to_string()
}

#[cfg(test)]
mod tests {

    use std::cell::Cell;
    use std::io;

    use super::*;
    use crate::bank::{self, ContentFiles};
    use crate::repl::lines::Piped;
    use crate::session::{Mode, Selection, select};

    const BANK: &str = r#"format_version = 1
[[fact]]
id = "t.fact"
statement = "A fact."
source = "seed: Quick interview answer"
[[question]]
id = "t.one"
kind = "truefalse"
topic = "t"
prompt = "One?"
answer = true
explanation = "Yes."
facts = ["t.fact"]
[[question]]
id = "t.two"
kind = "truefalse"
topic = "t"
prompt = "Two?"
answer = false
explanation = "No."
facts = ["t.fact"]
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

    fn catalog() -> Catalog {
        bank::check(&ContentFiles::from_texts(&[("t.toml", BANK)]))
            .into_catalog()
            .expect("valid bank")
    }

    /// A practice session of `count` questions from `catalog`, seed 1.
    fn practice(catalog: &Catalog, count: usize) -> Session {
        session(catalog, Mode::Practice, count)
    }

    /// A session of `mode` with `count` questions from `catalog`, seed 1.
    fn session(catalog: &Catalog, mode: Mode, count: usize) -> Session {
        let selection = Selection {
            count,
            seed: 1,
            ..Selection::default()
        };
        Session::new(mode, 1, select(catalog, &selection))
    }

    /// A timed exam's context: the deadline at 60 s, pass mark 70%.
    fn exam_context<'a>(catalog: &'a Catalog, clock: &'a dyn Clock) -> QuizContext<'a> {
        QuizContext {
            catalog,
            clock,
            deadline: Timestamp::from_second(60).ok(),
            width: 80,
            pass_mark: Some(PassMark::DEFAULT),
            verbose: false,
        }
    }

    fn practice_context<'a>(catalog: &'a Catalog, clock: &'a dyn Clock) -> QuizContext<'a> {
        QuizContext {
            catalog,
            clock,
            deadline: None,
            width: 80,
            pass_mark: None,
            verbose: false,
        }
    }

    #[test]
    fn an_exam_ends_when_its_time_is_up_and_a_late_answer_does_not_count() {
        let catalog = catalog();
        let clock = SteppingClock(Cell::new(0));
        let mut session = session(&catalog, Mode::Exam, 2);
        let context = exam_context(&catalog, &clock);
        let mut reader = Piped::new("true\nfalse\n".as_bytes());
        let mut out = Vec::new();
        let ending = run(
            &context,
            &mut session,
            &mut reader,
            &mut out,
            &mut NoRecorder,
        )
        .unwrap();
        let transcript = String::from_utf8(out).unwrap();
        assert_eq!(ending, Ending::TimeUp, "{transcript}");
        assert!(session.attempts().len() < 2, "{transcript}");
        assert!(
            transcript.contains("left"),
            "the remaining time is shown:\n{transcript}"
        );
        assert!(transcript.contains("NOT PASSED"), "{transcript}");
    }

    #[test]
    fn every_attempt_is_recorded_before_the_next_question() {
        struct Counting(Vec<usize>);
        impl Recorder for Counting {
            fn record(
                &mut self,
                _: &Catalog,
                session: &Session,
                attempt: &Attempt,
            ) -> Result<(), RecordError> {
                assert_eq!(session.attempts().last(), Some(attempt));
                self.0.push(session.attempts().len());
                Ok(())
            }
        }
        let catalog = catalog();
        let clock = crate::clock::FixedClock(Timestamp::UNIX_EPOCH);
        let mut session = practice(&catalog, 2);
        let context = practice_context(&catalog, &clock);
        let mut recorder = Counting(Vec::new());
        let mut reader = Piped::new("true\n\n".as_bytes());
        run(
            &context,
            &mut session,
            &mut reader,
            &mut Vec::new(),
            &mut recorder,
        )
        .unwrap();
        assert_eq!(recorder.0, [1, 2]);
    }

    /// Accepts output until the echo of the first answer, then fails like a
    /// closed pipe.
    struct ClosesAfterEcho {
        written: Vec<u8>,
    }

    impl Write for ClosesAfterEcho {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if String::from_utf8_lossy(&self.written).contains("> true\n") {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.written.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct AnswerCount(usize);

    impl Recorder for AnswerCount {
        fn record(&mut self, _: &Catalog, _: &Session, _: &Attempt) -> Result<(), RecordError> {
            self.0 += 1;
            Ok(())
        }
    }

    #[test]
    fn an_answer_is_recorded_even_when_its_feedback_cannot_be_printed() {
        let catalog = catalog();
        let clock = crate::clock::FixedClock(Timestamp::UNIX_EPOCH);
        let mut session = practice(&catalog, 1);
        let context = practice_context(&catalog, &clock);
        let mut out = ClosesAfterEcho {
            written: Vec::new(),
        };
        let mut recorder = AnswerCount(0);
        let result = run(
            &context,
            &mut session,
            &mut Piped::new("true\n".as_bytes()),
            &mut out,
            &mut recorder,
        );
        assert!(result.is_err(), "the closed output ends the session");
        assert_eq!(recorder.0, 1, "the answer was recorded before its feedback");
    }

    /// A terminal whose exam deadline passes while the learner sits at the
    /// first prompt: the read comes back as the end of input.
    struct AlarmAtPrompt {
        rang: bool,
    }

    impl LineReader for AlarmAtPrompt {
        fn read(&mut self, _prompt: &str) -> io::Result<Line> {
            self.rang = true;
            Ok(Line::Eof)
        }

        fn is_interactive(&self) -> bool {
            true
        }

        fn deadline_passed(&self) -> bool {
            self.rang
        }
    }

    #[test]
    fn an_exam_ends_at_its_time_limit_while_the_learner_sits_at_a_prompt() {
        let catalog = catalog();
        // The clock is frozen before the deadline: only the reader knows.
        let clock = crate::clock::FixedClock(Timestamp::UNIX_EPOCH);
        let mut session = session(&catalog, Mode::Exam, 2);
        let context = exam_context(&catalog, &clock);
        let mut out = Vec::new();
        let mut recorder = AnswerCount(0);
        let ending = run(
            &context,
            &mut session,
            &mut AlarmAtPrompt { rang: false },
            &mut out,
            &mut recorder,
        )
        .unwrap();
        let transcript = String::from_utf8(out).unwrap();
        assert_eq!(ending, Ending::TimeUp, "{transcript}");
        assert_eq!(recorder.0, 0, "nothing was answered");
        assert_eq!(session.unreached().len(), 2, "{transcript}");
        assert!(transcript.contains("Time is up."), "{transcript}");
        assert!(transcript.contains("NOT PASSED"), "{transcript}");
    }
}
