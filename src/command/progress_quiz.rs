//! Where the quiz (and the interview) meets the progress store: recording
//! every answer as it is given, choosing the questions of `review` and `cram` sessions, and flagging
//! questions whose content changed since they were learned.

use std::collections::HashSet;
use std::io::Write;

use crate::grade::Grade;
use crate::model::{Catalog, Question};
use crate::repl::lines::{Line, LineReader};
use crate::repl::quiz::Recorder;
use crate::repl::stop::RecordError;
use crate::session::generated::is_generated;
use crate::session::rating::rating;
use crate::session::{Attempt, Mode, Session};
use crate::store::{self, Answer, Review, Store};
use crate::{Error, clock::Clock};

/// Records each attempt in the store, in its own transaction, before the next
/// question is shown. Skipped questions are not reviews and are not recorded,
/// nor are generated ones, nor anything when the store was opened read-only
/// (the learner was warned before the session).
pub struct StoreRecorder<'a> {
    pub store: &'a mut Store,
    pub clock: &'a dyn Clock,
}

impl Recorder for StoreRecorder<'_> {
    fn record(
        &mut self,
        catalog: &Catalog,
        session: &Session,
        attempt: &Attempt,
    ) -> Result<(), RecordError> {
        let Some(grade) = &attempt.grade else {
            return Ok(());
        };
        let question = &catalog.questions()[attempt.presented.question_idx];
        let graded = Graded {
            question,
            grade,
            hints: attempt.hints,
            seconds: attempt.seconds,
        };
        let session_id = format!("{}-{}", session.mode.name(), session.seed);
        record_graded(
            self.store,
            self.clock,
            &graded,
            store_mode(session.mode),
            session_id,
        )?;
        Ok(())
    }
}

/// One graded answer, as the store takes it.
pub struct Graded<'a> {
    pub question: &'a Question,
    pub grade: &'a Grade,
    pub hints: u32,
    pub seconds: f64,
}

/// Records a graded answer in its own transaction: nothing for a generated
/// question, nor when the store was opened read-only.
pub fn record_graded(
    store: &mut Store,
    clock: &dyn Clock,
    graded: &Graded<'_>,
    mode: store::Mode,
    session: String,
) -> Result<(), Error> {
    let Graded {
        question,
        grade,
        hints,
        seconds,
    } = *graded;
    // Generated questions have no stable content to schedule.
    if !store.is_writable() || is_generated(question.id()) {
        return Ok(());
    }
    let answer = Answer {
        question_id: question.id().to_string(),
        content_hash: question.content_hash(),
        reviewed_at: clock.now().as_second(),
        mode,
        score: grade.score,
        rating: rating(grade.score, hints, seconds, question.pass),
        seconds,
        hints,
        session,
    };
    store.record(&Review::from(answer))?;
    Ok(())
}

/// The store's name for a session mode.
pub fn store_mode(mode: Mode) -> store::Mode {
    match mode {
        Mode::Practice => store::Mode::Practice,
        Mode::Exam => store::Mode::Exam,
        Mode::Review => store::Mode::Review,
        Mode::Drill => store::Mode::Drill,
        Mode::Cram => store::Mode::Cram,
    }
}

/// What a review session asks: due questions first (most overdue first), then
/// questions never reviewed. Returns (due ids, ids to leave out: known but not due).
pub fn review_plan(
    store: &Store,
    catalog: &Catalog,
    now: i64,
    limit: usize,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let due: Vec<String> = store
        .due(now, limit)?
        .into_iter()
        .map(|due| due.question_id)
        .filter(|id| catalog.question(id).is_some())
        .collect();
    let due_set: HashSet<&str> = due.iter().map(String::as_str).collect();
    let known: Vec<String> = store
        .known_questions()?
        .into_iter()
        .filter(|id| !due_set.contains(id.as_str()))
        .collect();
    Ok((due, known))
}

/// What a cram session asks first: the weakest questions answered so far.
pub fn weakest(
    store: &Store,
    catalog: &Catalog,
    now: i64,
    limit: usize,
) -> Result<Vec<String>, Error> {
    let states = store.question_states()?;
    Ok(store::weakest_first(&states, now)
        .into_iter()
        .map(|(state, _)| state.question_id.clone())
        .filter(|id| catalog.question(id).is_some())
        .take(limit)
        .collect())
}

/// Tells the learner about questions whose content changed since their last
/// review, and asks (in a terminal) whether to keep or reset their progress.
/// Piped sessions keep it and say so; nothing is ever reset silently.
pub fn flag_changed(
    store: &mut Store,
    catalog: &Catalog,
    session: &Session,
    question_ids: &[String],
    now: i64,
    reader: &mut dyn LineReader,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let pairs: Vec<(String, String)> = question_ids
        .iter()
        .filter_map(|id| {
            catalog
                .question(id)
                .map(|question| (id.clone(), question.content_hash()))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(id, hash)| (id.as_str(), hash.as_str()))
        .collect();
    for change in store.changed_hashes(&borrowed)? {
        writeln!(
            out,
            "Question `{}` changed since you last reviewed it.",
            change.question_id
        )?;
        let reset = store.is_writable() && reader.is_interactive() && ask_reset(reader, out)?;
        if reset {
            let session_id = format!("{}-{}", session.mode.name(), session.seed);
            store.reset_question(&change.question_id, &change.current_hash, now, &session_id)?;
            writeln!(out, "Its progress starts over.")?;
        } else if store.is_writable() {
            writeln!(
                out,
                "Its progress is kept; your next answer counts for the new version."
            )?;
        } else {
            writeln!(out, "Its progress is kept.")?;
        }
    }
    Ok(())
}

fn ask_reset(reader: &mut dyn LineReader, out: &mut dyn Write) -> Result<bool, Error> {
    loop {
        match reader.read("keep its progress or reset it? [k/r] ")? {
            Line::Text(text) => match text.trim().to_lowercase().as_str() {
                "k" | "keep" | "" => return Ok(false),
                "r" | "reset" => return Ok(true),
                _ => writeln!(out, "Type k to keep or r to reset.")?,
            },
            Line::Interrupted | Line::Eof => return Ok(false),
        }
    }
}
