//! `xcdrill quiz` (and `xcdrill` alone): build the session from the arguments,
//! run it in the terminal or on piped input, then print or write the result.

use std::io::{self, IsTerminal, Write};

use super::load_catalog;
use super::plan::QuizPlan;
use super::progress_quiz::{self, StoreRecorder};
use crate::cli::QuizArgs;
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::model::Catalog;
use crate::output_file::OutputFile;
use crate::repl::editor::Terminal;
use crate::repl::lines::{LineReader, Piped, PipedUntil};
use crate::repl::quiz::{self, QuizContext};
use crate::score::{PassMark, Score};
use crate::session::result::{QuestionResult, RESULT_FORMAT, SessionResult};
use crate::session::{Mode, Selection, Session, generated, select};
use crate::text::plural;
use crate::{Error, Status};

pub fn run(args: &QuizArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let clock = config.clock()?;
    let plan = QuizPlan::new(args, config, &catalog, clock)?;
    let (mode, seed, count) = (plan.mode, plan.session.seed, plan.count);
    let mut store = super::progress::open_for_quiz(config)?;
    let now = clock.now().as_second();
    let mut selection = Selection {
        topics: plan.session.topics.clone(),
        count,
        seed,
        ..Selection::default()
    };
    match mode {
        Mode::Review => {
            let (due, known) = progress_quiz::review_plan(&store, &catalog, now, count)?;
            selection.first = due;
            selection.exclude = known;
        }
        Mode::Cram if plan.session.topics.is_empty() => {
            selection.first = progress_quiz::weakest(&store, &catalog, now, count)?;
        }
        _ => {}
    }
    let questions = select(&catalog, &selection);
    // The banks' hash, also with generated questions: those follow from the seed.
    let content_hash = catalog.content_hash();
    let (catalog, questions) = match plan.generated {
        Some(count) => {
            let extra = generated::generated_questions(seed, count);
            generated::mix_in(&catalog, questions, extra)
        }
        None => (catalog, questions),
    };
    if questions.is_empty() {
        return Err(Error::NothingToAsk { what: "questions" });
    }
    let mut session = Session::new(mode, seed, questions);
    let started = clock.now();
    let deadline = plan.session.deadline(started);
    let mut reader = line_reader(config, clock, deadline)?;
    let mut transcript = plan.session.transcript(config);
    let width = config.session_width();
    header(&mut *transcript, &content_hash, &session, &plan, width)?;
    plan.session.note_replaced(&mut *transcript, "session")?;
    if mode == Mode::Cram {
        writeln!(
            transcript,
            "Cram: answers are recorded for your stats, but no review schedule moves."
        )?;
    }
    if mode == Mode::Review && selection.first.is_empty() {
        writeln!(
            transcript,
            "Nothing is due; these are questions you have not reviewed yet."
        )?;
    }
    let asked: Vec<String> = session_ids(&catalog, &session);
    progress_quiz::flag_changed(
        &mut store,
        &catalog,
        &session,
        &asked,
        now,
        reader.as_mut(),
        &mut *transcript,
    )?;
    let context = QuizContext {
        catalog: &catalog,
        clock,
        deadline,
        width,
        pass_mark: plan.pass_mark,
        verbose: plan.verbose,
    };
    let mut recorder = StoreRecorder {
        store: &mut store,
        clock,
    };
    let outcome = quiz::run(
        &context,
        &mut session,
        reader.as_mut(),
        &mut *transcript,
        &mut recorder,
    );
    // The result file is written even when the session ended in an error (a
    // closed terminal, say): what was answered is not lost.
    let result = result(
        &catalog,
        content_hash,
        &session,
        &plan,
        started,
        clock.now(),
    );
    if outcome.is_ok() {
        next_steps(
            &mut *transcript,
            &store,
            &catalog,
            &session,
            clock.now().as_second(),
            width,
        )?;
    }
    if let Some(output) = &plan.session.output {
        write_result(output, &result)?;
        if outcome.is_ok() {
            writeln!(transcript, "Result written to {}", output.path().display())?;
        }
    }
    outcome?;
    transcript.flush()?;
    plan.session.print_json(&result)?;
    Ok(Status::Success)
}

/// What to do after the session: the reviews due now, and a drill of the
/// session's weakest topic, each as a command to type.
fn next_steps(
    out: &mut dyn Write,
    store: &crate::store::Store,
    catalog: &Catalog,
    session: &Session,
    now: i64,
    width: usize,
) -> Result<(), Error> {
    let n_due = store
        .due(now, usize::MAX)?
        .iter()
        .filter(|due| catalog.question(&due.question_id).is_some())
        .count();
    let questions = catalog.questions();
    let weakest = session
        .weakest_topic(|idx| &questions[idx].topic)
        .filter(|topic| *topic != generated::GENERATED_TOPIC);
    crate::repl::render::next_steps(out, n_due, weakest, width)?;
    Ok(())
}

/// Where a session's answers come from: the terminal (with history), or
/// stdin piped. With a `deadline` the limit holds even while the learner sits
/// at a prompt or the pipe gives nothing: the reader ends input then.
pub(super) fn line_reader(
    config: &Config,
    clock: &dyn Clock,
    deadline: Option<jiff::Timestamp>,
) -> Result<Box<dyn LineReader>, Error> {
    let time_left = deadline.map(|deadline| {
        std::time::Duration::from_secs_f64(clock::seconds_between(clock.now(), deadline))
    });
    Ok(if io::stdin().is_terminal() {
        let history = config
            .data_dir()
            .ok()
            .map(|dir| dir.join("quiz_history.txt"));
        let mut terminal = Terminal::new(history, config.uses_color)
            .map_err(|error| Error::Terminal(io::Error::other(error)))?;
        if let Some(left) = time_left {
            terminal.end_after(left)?;
        }
        Box::new(terminal)
    } else if let Some(left) = time_left {
        Box::new(PipedUntil::new(io::BufReader::new(io::stdin()), left))
    } else {
        Box::new(Piped::new(io::stdin().lock()))
    })
}

/// The ids of the questions a session is about to ask.
fn session_ids(catalog: &Catalog, session: &Session) -> Vec<String> {
    session
        .unreached()
        .iter()
        .map(|presented| catalog.questions()[presented.question_idx].id().to_string())
        .collect()
}

fn header(
    out: &mut dyn Write,
    content_hash: &str,
    session: &Session,
    plan: &QuizPlan,
    width: usize,
) -> io::Result<()> {
    let mut parts = vec![
        "xcdrill".to_string(),
        session.mode.name().to_string(),
        format!(
            "{} question{}",
            session.planned(),
            plural(session.planned())
        ),
        format!("content {}", content_hash.get(..8).unwrap_or(content_hash)),
        format!("seed {}", session.seed),
    ];
    if let Some(minutes) = plan.session.time_limit {
        parts.push(format!("{minutes} min"));
    }
    if let Some(pass) = plan.pass_mark {
        parts.push(format!("pass mark {pass}"));
    }
    crate::repl::render::header(out, &parts, width)?;
    let repeat = format!(
        "Repeat this session with --seed {}. Type :help at any prompt.",
        session.seed
    );
    crate::repl::render::wrapped(out, &repeat, width, 0)
}

fn result(
    catalog: &Catalog,
    content_hash: String,
    session: &Session,
    plan: &QuizPlan,
    started: jiff::Timestamp,
    ended: jiff::Timestamp,
) -> SessionResult {
    let questions = catalog.questions();
    let mut entries: Vec<QuestionResult> = session
        .first_attempts()
        .into_iter()
        .map(|attempt| {
            let question = &questions[attempt.presented.question_idx];
            QuestionResult {
                id: question.id().to_string(),
                topic: question.topic.to_string(),
                kind: question.kind_name().to_string(),
                answer: attempt.answer.clone(),
                score: attempt.score(),
                passed: attempt.passed(),
                seconds: attempt.seconds,
                hints: attempt.hints,
            }
        })
        .collect();
    for presented in session.unreached() {
        let question = &questions[presented.question_idx];
        entries.push(QuestionResult {
            id: question.id().to_string(),
            topic: question.topic.to_string(),
            kind: question.kind_name().to_string(),
            answer: None,
            score: 0.0,
            passed: false,
            seconds: 0.0,
            hints: 0,
        });
    }
    let score = Score::new(session.score());
    SessionResult {
        format: RESULT_FORMAT,
        seed: session.seed,
        mode: session.mode.name().to_string(),
        content_hash,
        name: plan.session.name.clone(),
        started: started.to_string(),
        ended: ended.to_string(),
        pass_percent: plan.pass_mark.map(|mark| f64::from(mark.percent())),
        score: score.value(),
        passed: plan.pass_mark.unwrap_or(PassMark::DEFAULT).passes(score),
        questions: entries,
    }
}

/// Writes a result object as pretty JSON, whole.
pub(super) fn write_result(
    output: &OutputFile,
    result: &impl serde::Serialize,
) -> Result<(), Error> {
    let json = serde_json::to_string_pretty(result).map_err(|error| Error::Write {
        path: output.path().display().to_string(),
        source: io::Error::from(error),
    })?;
    output.write((json + "\n").as_bytes())
}
