//! Checks of a result file before it is reported on. Result files travel
//! between people and may be edited by hand, so anything that would print as
//! nonsense or skew the figures is refused, each problem located by entry:
//! texts past the bank limit, numbers out of range, times in the future or
//! out of order, a question listed twice, and (for files made with the active
//! content) a question id the content does not have.

use std::collections::HashMap;
use std::fmt;

use jiff::{SignedDuration, Timestamp};

use crate::model::texts::MAX_TEXT_BYTES as MAX_STRING_BYTES;
use crate::score::PassMark;
use crate::session::generated::GENERATED_PREFIX;
use crate::session::result::{RESULT_FORMAT, SessionResult};

/// A result file larger than this is refused before it is parsed: 64 MiB,
/// room for an exam of 100,000 questions with long answers.
pub const MAX_RESULT_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The longest learner name `quiz --name` takes, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// How far past now a time may be before it counts as in the future: the
/// clocks of a cohort's machines are never quite equal.
pub const CLOCK_SKEW: SignedDuration = SignedDuration::from_mins(10);

/// Question time above this (a week) is not a time someone spent.
const MAX_QUESTION_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// More hints than this were never shown: a question has one hint.
const MAX_HINTS: u32 = 1_000;

/// One problem with a result file: the file as a whole, or one of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The 1-based question entry, with its id cut for display.
    pub entry: Option<(usize, String)>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some((number, id)) => write!(f, "entry {number} (`{id}`): {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What a result file is checked against.
pub struct Context<'a> {
    pub now: Timestamp,
    /// The active content's hash and whether it has a question id; ids are
    /// checked only in files made with that content.
    pub content_hash: &'a str,
    pub has_question: &'a dyn Fn(&str) -> bool,
}

/// Every problem of `result`, in file order; empty when it can be reported on.
pub fn check(result: &SessionResult, context: &Context<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut file = |message: String| {
        problems.push(Problem {
            entry: None,
            message,
        });
    };
    if result.format == 0 {
        file(format!(
            "its format 0 is unknown (this xcdrill reads format {RESULT_FORMAT})"
        ));
    } else if result.format > RESULT_FORMAT {
        file(format!(
            "its format {} is newer than this xcdrill reads ({RESULT_FORMAT}); upgrade xcdrill",
            result.format
        ));
    }
    for (field, text) in [
        ("name", &result.name),
        ("mode", &result.mode),
        ("content_hash", &result.content_hash),
        ("started", &result.started),
        ("ended", &result.ended),
    ] {
        if let Some(message) = too_long(field, text) {
            file(message);
        }
    }
    if result.mode != "exam" {
        // A practice session is over the questions someone chose to answer,
        // scored without a pass mark: mixed in, it would skew the exam's figures.
        file(format!(
            "it is a `{}` session, not an exam; `report` reads the result files of `quiz --mode exam`",
            crate::text::shorten(&result.mode, 20)
        ));
    }
    if !(0.0..=1.0).contains(&result.score) {
        file(format!("its score {} is outside 0 to 1", result.score));
    }
    if let Some(pass) = result.pass_percent
        && PassMark::from_percent(pass).is_none()
    {
        file(format!(
            "its pass mark {pass} is not a whole percent from 0 to 100"
        ));
    }
    let started = time(&result.started);
    let ended = time(&result.ended);
    let latest = context.now.checked_add(CLOCK_SKEW).unwrap_or(context.now);
    for (field, value) in [("started", started), ("ended", ended)] {
        if let Some(value) = value
            && value > latest
        {
            file(format!(
                "its `{field}` time {value} is in the future (now is {})",
                context.now
            ));
        }
    }
    if let (Some(started), Some(ended)) = (started, ended)
        && ended < started
    {
        file(format!("it ended ({ended}) before it started ({started})"));
    }
    let check_ids = result.content_hash == context.content_hash;
    let mut first_entry: HashMap<&str, usize> = HashMap::with_capacity(result.questions.len());
    for (idx, question) in result.questions.iter().enumerate() {
        let number = idx + 1;
        let mut entry = |message: String| {
            problems.push(Problem {
                entry: Some((number, crate::text::shorten(&question.id, 60))),
                message,
            });
        };
        for (field, text) in [
            ("id", &question.id),
            ("topic", &question.topic),
            ("kind", &question.kind),
        ] {
            if let Some(message) = too_long(field, text) {
                entry(message);
            }
        }
        if !(0.0..=1.0).contains(&question.score) {
            entry(format!("its score {} is outside 0 to 1", question.score));
        }
        if !(0.0..=MAX_QUESTION_SECONDS).contains(&question.seconds) {
            entry(format!(
                "its time {} seconds is negative or over a week",
                question.seconds
            ));
        }
        if question.hints > MAX_HINTS {
            entry(format!(
                "its {} hints are more than any question has",
                question.hints
            ));
        }
        match first_entry.get(question.id.as_str()) {
            Some(first) => entry(format!(
                "the question is listed again (first at entry {first})"
            )),
            None => {
                first_entry.insert(&question.id, number);
            }
        }
        if check_ids
            && !question.id.starts_with(GENERATED_PREFIX)
            && !(context.has_question)(&question.id)
        {
            entry("no question of the content it names has this id".to_string());
        }
    }
    problems
}

/// The time `text` means, if it reads as RFC 3339; unreadable times are
/// tolerated (the report then adds up question times instead).
fn time(text: &str) -> Option<Timestamp> {
    text.parse().ok()
}

fn too_long(field: &str, text: &str) -> Option<String> {
    (text.len() > MAX_STRING_BYTES).then(|| {
        format!(
            "its `{field}` is {} bytes, over the limit of {MAX_STRING_BYTES}",
            text.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::result::QuestionResult;

    fn question(id: &str, score: f64) -> QuestionResult {
        QuestionResult {
            id: id.to_string(),
            topic: "setup".to_string(),
            kind: "choice".to_string(),
            answer: Some("a".to_string()),
            score,
            passed: score >= 0.7,
            seconds: 12.0,
            hints: 0,
        }
    }

    fn result(questions: Vec<QuestionResult>) -> SessionResult {
        SessionResult {
            format: RESULT_FORMAT,
            seed: 7,
            mode: "exam".to_string(),
            content_hash: "c0ffee".to_string(),
            name: "ann".to_string(),
            started: "2026-11-27T09:00:00Z".to_string(),
            ended: "2026-11-27T09:10:00Z".to_string(),
            pass_percent: Some(70.0),
            score: 0.5,
            passed: false,
            questions,
        }
    }

    /// Checks `result` at 2026-11-27T12:00Z against content `c0ffee`, which
    /// has the questions `setup.*`; `expected` are the problems as printed.
    #[track_caller]
    fn check_messages(result: &SessionResult, expected: &[&str]) {
        let has_question = |id: &str| id.starts_with("setup.");
        let context = Context {
            now: "2026-11-27T12:00:00Z".parse().unwrap(),
            content_hash: "c0ffee",
            has_question: &has_question,
        };
        let problems: Vec<String> = check(result, &context)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn a_sound_file_has_no_problems() {
        check_messages(
            &result(vec![
                question("setup.a", 1.0),
                question("generated.7-1", 0.0),
            ]),
            &[],
        );
    }

    #[test]
    fn a_practice_session_and_a_pass_mark_between_percents_are_refused() {
        let mut practice = result(vec![question("setup.a", 1.0)]);
        practice.mode = "practice".to_string();
        practice.pass_percent = Some(72.5);
        check_messages(
            &practice,
            &[
                "it is a `practice` session, not an exam; `report` reads the result files of `quiz --mode exam`",
                "its pass mark 72.5 is not a whole percent from 0 to 100",
            ],
        );
    }

    #[test]
    fn future_times_and_times_out_of_order_are_refused() {
        let mut late = result(Vec::new());
        late.started = "2026-11-28T09:00:00Z".to_string();
        check_messages(
            &late,
            &[
                "its `started` time 2026-11-28T09:00:00Z is in the future (now is 2026-11-27T12:00:00Z)",
                "it ended (2026-11-27T09:10:00Z) before it started (2026-11-28T09:00:00Z)",
            ],
        );
        let mut skewed = result(Vec::new());
        skewed.ended = "2026-11-27T12:05:00Z".to_string();
        check_messages(&skewed, &[]);
    }

    #[test]
    fn unknown_and_duplicate_ids_and_numbers_out_of_range_are_located_by_entry() {
        let mut hinted = question("setup.c", 0.5);
        hinted.hints = 5000;
        hinted.seconds = f64::INFINITY;
        let mut file = result(vec![
            question("setup.a", 1.0),
            question("other.b", 1.5),
            question("setup.a", 0.0),
            hinted,
        ]);
        file.score = -0.5;
        file.pass_percent = Some(170.0);
        check_messages(
            &file,
            &[
                "its score -0.5 is outside 0 to 1",
                "its pass mark 170 is not a whole percent from 0 to 100",
                "entry 2 (`other.b`): its score 1.5 is outside 0 to 1",
                "entry 2 (`other.b`): no question of the content it names has this id",
                "entry 3 (`setup.a`): the question is listed again (first at entry 1)",
                "entry 4 (`setup.c`): its time inf seconds is negative or over a week",
                "entry 4 (`setup.c`): its 5000 hints are more than any question has",
            ],
        );
        // Made with other content: ids can't be judged, so are not checked.
        file.content_hash = "beef".to_string();
        file.questions.truncate(2);
        file.questions[1].score = 1.0;
        file.score = 1.0;
        file.pass_percent = None;
        check_messages(&file, &[]);
    }

    #[test]
    fn texts_past_the_bank_limit_are_refused() {
        let long = "x".repeat(70_000);
        let mut file = result(vec![question(&long, 1.0)]);
        file.name = long.clone();
        file.content_hash = "beef".to_string();
        let id_shown = format!("{}…", "x".repeat(59));
        check_messages(
            &file,
            &[
                "its `name` is 70000 bytes, over the limit of 16384",
                &format!(
                    "entry 1 (`{id_shown}`): its `id` is 70000 bytes, over the limit of 16384"
                ),
            ],
        );
    }
}
