//! `xcdrill quiz` (and `xcdrill` alone): build the session from the arguments,
//! run it in the terminal or on piped input, then print or write the result.

use std::io::{self, IsTerminal, Write};

use super::load_catalog;
use super::progress_quiz::{self, StoreRecorder};
use crate::bank::Catalog;
use crate::cli::{ModeArg, QuizArgs};
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::output;
use crate::output_file::OutputFile;
use crate::repl::editor::Terminal;
use crate::repl::lines::{LineReader, Piped, PipedUntil};
use crate::repl::quiz::{self, QuizContext};
use crate::score::{PassMark, Score};
use crate::session::result::{QuestionResult, RESULT_FORMAT, SessionResult};
use crate::session::{Mode, Selection, Session, generated, select};
use crate::{Error, Status};

pub fn run(args: &QuizArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let clock = clock::from_env().map_err(Error::Usage)?;
    let mode = mode(args.mode);
    check_topics(&catalog, &args.topic)?;
    if mode != Mode::Exam && (args.time.is_some() || args.pass.is_some()) {
        return Err(Error::Usage(
            "`--time` and `--pass` apply to exams; add `--mode exam`".into(),
        ));
    }
    // A result file that can't be written must be found out before the
    // learner answers anything, not after.
    let output = match &args.output {
        Some(path) => {
            let store = super::progress::store_path(config).ok();
            Some(OutputFile::check(path, store.as_deref())?)
        }
        None => None,
    };
    if mode == Mode::Drill && args.topic.is_empty() {
        return Err(Error::Usage(
            "a drill needs at least one `--topic`; `xcdrill list` shows them".into(),
        ));
    }
    let seed = args.seed.unwrap_or_else(|| draw_seed(clock.as_ref()));
    let count = args
        .count
        .map_or(mode.default_count(), |count| count as usize);
    let mut store = super::progress::open_for_quiz(config)?;
    let now = clock.now().as_second();
    let mut selection = Selection {
        topics: args.topic.clone(),
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
        Mode::Cram if args.topic.is_empty() => {
            selection.first = progress_quiz::weakest(&store, &catalog, now, count)?;
        }
        _ => {}
    }
    let questions = select(&catalog, &selection);
    // The banks' hash, also with generated questions: those follow from the seed.
    let content_hash = catalog.content_hash();
    let (catalog, questions) = match args.generated {
        Some(count) => {
            let extra = generated::generated_questions(seed, count as usize);
            generated::mix_in(&catalog, questions, extra)
        }
        None => (catalog, questions),
    };
    if questions.is_empty() {
        return Err(Error::Usage("no questions to ask; check `--topic`".into()));
    }
    let mut session = Session::new(mode, seed, questions);
    let started = clock.now();
    let deadline = args
        .time
        .filter(|_| mode == Mode::Exam)
        .and_then(|minutes| {
            let limit = jiff::SignedDuration::try_from_secs_f64(minutes * 60.0).ok()?;
            started.checked_add(limit).ok()
        });
    let pass_mark = (mode == Mode::Exam).then(|| args.pass.unwrap_or(PassMark::DEFAULT));
    let mut reader = line_reader(config, clock.as_ref(), deadline)?;
    // With --json the transcript goes to stderr, so stdout is the result alone.
    let mut transcript: Box<dyn Write> = if args.json {
        Box::new(output::stderr(config.color))
    } else {
        Box::new(output::stdout(config.color))
    };
    let width = output::terminal_width().unwrap_or(80).clamp(40, 100);
    header(&mut *transcript, &content_hash, &session, args, width)?;
    if let Some(output) = output.as_ref().filter(|output| output.exists()) {
        writeln!(
            transcript,
            "Note: {} exists and will be replaced by this session's result.",
            output.path().display()
        )?;
    }
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
        clock: clock.as_ref(),
        deadline,
        width,
        pass_mark,
        verbose: args.verbose,
    };
    let mut recorder = StoreRecorder {
        store: &mut store,
        clock: clock.as_ref(),
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
        args,
        started,
        clock.now(),
        pass_mark,
    );
    if outcome.is_ok() {
        next_steps(&mut *transcript, &store, &catalog, &session, width)?;
    }
    if let Some(output) = &output {
        write_result(output, &result)?;
        if outcome.is_ok() {
            writeln!(transcript, "Result written to {}", output.path().display())?;
        }
    }
    outcome?;
    transcript.flush()?;
    if args.json {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &result).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(Status::Success)
}

/// What to do after the session: the reviews due now, and a drill of the
/// session's weakest topic, each as a command to type.
fn next_steps(
    out: &mut dyn Write,
    store: &crate::store::Store,
    catalog: &Catalog,
    session: &Session,
    width: usize,
) -> Result<(), Error> {
    let now = clock::from_env().map_err(Error::Usage)?.now().as_second();
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
        let mut terminal = Terminal::new(history, output::uses_color(config.color))
            .map_err(|error| Error::Output(io::Error::other(error.to_string())))?;
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

fn mode(arg: ModeArg) -> Mode {
    match arg {
        ModeArg::Practice => Mode::Practice,
        ModeArg::Exam => Mode::Exam,
        ModeArg::Review => Mode::Review,
        ModeArg::Drill => Mode::Drill,
        ModeArg::Cram => Mode::Cram,
    }
}

pub(super) fn check_topics(catalog: &Catalog, topics: &[String]) -> Result<(), Error> {
    let known = catalog.topics();
    for topic in topics {
        if !known.contains_key(topic.as_str()) {
            let suggestion = crate::suggest::did_you_mean(topic, known.keys().copied());
            let names: Vec<&str> = known.keys().copied().collect();
            return Err(Error::Usage(format!(
                "no topic `{topic}`; {}",
                if suggestion.is_empty() {
                    format!("the topics are: {}", names.join(", "))
                } else {
                    suggestion
                }
            )));
        }
    }
    Ok(())
}

/// A seed for a session without `--seed`: from the clock and the process id.
pub(super) fn draw_seed(clock: &dyn Clock) -> u64 {
    let nanos = clock.now().as_nanosecond() as u64;
    let mixed = nanos ^ (u64::from(std::process::id()) << 32);
    // Keep it short enough to type back in.
    mixed % 1_000_000
}

fn header(
    out: &mut dyn Write,
    content_hash: &str,
    session: &Session,
    args: &QuizArgs,
    width: usize,
) -> io::Result<()> {
    let mut line = format!(
        "xcdrill · {} · {} question{} · content {} · seed {}",
        session.mode.name(),
        session.planned(),
        if session.planned() == 1 { "" } else { "s" },
        content_hash.get(..8).unwrap_or(content_hash),
        session.seed
    );
    if let Some(minutes) = args.time.filter(|_| session.mode == Mode::Exam) {
        line.push_str(&format!(" · {minutes} min"));
    }
    if session.mode == Mode::Exam {
        let pass = args.pass.unwrap_or(PassMark::DEFAULT);
        line.push_str(&format!(" · pass mark {pass}"));
    }
    let wrapped = textwrap::fill(&line, width.max(20));
    output::styled(out, output::EMPHASIS, &wrapped)?;
    writeln!(out)?;
    let repeat = format!(
        "Repeat this session with --seed {}. Type :help at any prompt.",
        session.seed
    );
    crate::repl::render::wrapped(out, &repeat, width, 0)
}

/// The learner's name in results: `--name`, else the OS user.
pub(super) fn learner_name(name: Option<&str>) -> String {
    name.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        // The OS user's name is not checked like `--name`: one too long for a
        // result file counts as none.
        .filter(|name| {
            !name.trim().is_empty() && name.chars().count() <= crate::report::check::MAX_NAME_CHARS
        })
        .unwrap_or_else(|| "learner".to_string())
}

fn result(
    catalog: &Catalog,
    content_hash: String,
    session: &Session,
    args: &QuizArgs,
    started: jiff::Timestamp,
    ended: jiff::Timestamp,
    pass_mark: Option<PassMark>,
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
        name: learner_name(args.name.as_deref()),
        started: started.to_string(),
        ended: ended.to_string(),
        pass_percent: pass_mark.map(|mark| f64::from(mark.percent())),
        score: score.value(),
        passed: pass_mark.unwrap_or(PassMark::DEFAULT).passes(score),
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
