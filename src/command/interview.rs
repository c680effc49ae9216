//! `xcdrill interview`: choose the open questions from the arguments and the
//! seed, run the interview in the terminal or on piped input, record every
//! graded answer in the store, then print the debrief and print or write the
//! result.

use std::io::{self, Write};

use super::load_catalog;
use super::progress_quiz::{Graded, record_graded};
use super::quiz::{check_topics, draw_seed, learner_name, line_reader, write_result};
use crate::bank::Catalog;
use crate::cli::InterviewArgs;
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::output;
use crate::output_file::OutputFile;
use crate::repl::debrief::debrief;
use crate::repl::interview::{self, InterviewContext, Recorder};
use crate::repl::render::wrapped;
use crate::session::debrief::{self as model, Header};
use crate::session::interview::{Asked, DEFAULT_QUESTIONS, choose};
use crate::store::{self, Store};
use crate::{Error, Status};

pub fn run(args: &InterviewArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let clock = clock::from_env().map_err(Error::Usage)?;
    check_topics(&catalog, &args.topic)?;
    // A result file that can't be written must be found out before the
    // learner answers anything, not after.
    let output = match &args.output {
        Some(path) => {
            let store = super::progress::store_path(config).ok();
            Some(OutputFile::check(path, store.as_deref())?)
        }
        None => None,
    };
    let seed = args.seed.unwrap_or_else(|| draw_seed(clock.as_ref()));
    let count = args
        .questions
        .map_or(DEFAULT_QUESTIONS, |count| count as usize);
    let plan = choose(&catalog, &args.topic, count, seed);
    if plan.is_empty() {
        return Err(Error::Usage(
            "no open (recall) questions to ask; check `--topic`".into(),
        ));
    }
    let mut store = super::progress::open_for_quiz(config)?;
    let content_hash = catalog.content_hash();
    let started = clock.now();
    let deadline = args.time.and_then(|minutes| {
        let limit = jiff::SignedDuration::try_from_secs_f64(minutes * 60.0).ok()?;
        started.checked_add(limit).ok()
    });
    let mut reader = line_reader(config, clock.as_ref(), deadline)?;
    // With --json the transcript goes to stderr, so stdout is the result alone.
    let mut transcript: Box<dyn Write> = if args.json {
        Box::new(output::stderr(config.color))
    } else {
        Box::new(output::stdout(config.color))
    };
    let width = output::terminal_width().unwrap_or(80).clamp(40, 100);
    header(
        &mut *transcript,
        &content_hash,
        plan.len(),
        seed,
        args.time,
        width,
    )?;
    if let Some(output) = output.as_ref().filter(|output| output.exists()) {
        writeln!(
            transcript,
            "Note: {} exists and will be replaced by this interview's result.",
            output.path().display()
        )?;
    }
    let context = InterviewContext {
        catalog: &catalog,
        clock: clock.as_ref(),
        seed,
        deadline,
        width,
    };
    let mut recorder = StoreRecorder {
        store: &mut store,
        clock: clock.as_ref(),
        session: format!("interview-{seed}"),
    };
    let (ending, answers) = interview::run(
        &context,
        &plan,
        reader.as_mut(),
        &mut *transcript,
        &mut recorder,
    )?;
    let name = learner_name(args.name.as_deref());
    let program = program(config);
    let result = model::result(
        &catalog,
        &Header {
            seed,
            content_hash: &content_hash,
            name: &name,
            program: &program,
        },
        &answers.answers,
        &answers.unreached,
    );
    // The result file is written before the debrief prints: what was
    // answered is not lost to a closed terminal.
    if let Some(output) = &output {
        write_result(output, &result)?;
    }
    let seconds = clock::seconds_between(started, clock.now());
    debrief(
        &mut *transcript,
        &catalog,
        &answers,
        &result,
        ending,
        seconds,
        width,
    )?;
    if let Some(output) = &output {
        writeln!(transcript, "Result written to {}", output.path().display())?;
    }
    transcript.flush()?;
    if args.json {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &result).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(Status::Success)
}

/// Records each graded answer, open question or follow-up, in its own
/// transaction before the next question. Interviews are recorded in the
/// exam mode: answered without feedback, they schedule reviews like an exam.
struct StoreRecorder<'a> {
    store: &'a mut Store,
    clock: &'a dyn Clock,
    session: String,
}

impl Recorder for StoreRecorder<'_> {
    fn record(&mut self, catalog: &Catalog, asked: &Asked) -> Result<(), Error> {
        let Some(grade) = &asked.grade else {
            return Ok(());
        };
        let graded = Graded {
            question: &catalog.questions()[asked.presented.question_idx],
            grade,
            hints: 0,
            seconds: asked.seconds,
        };
        record_graded(
            self.store,
            self.clock,
            &graded,
            store::Mode::Exam,
            self.session.clone(),
        )
    }
}

/// `xcdrill`, with the `--content` folders of this run: the study plan's
/// commands must drill the same banks.
fn program(config: &Config) -> String {
    let mut program = "xcdrill".to_string();
    for dir in &config.content_dirs {
        program.push_str(" --content ");
        program.push_str(&shell_word(&dir.display().to_string()));
    }
    program
}

/// `word` as one shell word: as is when it is plain, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "/._-+=:,@".contains(ch));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn header(
    out: &mut dyn Write,
    content_hash: &str,
    n_questions: usize,
    seed: u64,
    minutes: Option<f64>,
    width: usize,
) -> io::Result<()> {
    let mut line = format!(
        "xcdrill · interview · {n_questions} question{} · content {} · seed {seed}",
        if n_questions == 1 { "" } else { "s" },
        content_hash.get(..8).unwrap_or(content_hash),
    );
    if let Some(minutes) = minutes {
        line.push_str(&format!(" · {minutes} min"));
    }
    output::styled(out, output::EMPHASIS, &textwrap::fill(&line, width.max(20)))?;
    writeln!(out)?;
    let intro = format!(
        "Answer as you would out loud; I'll follow up on what you leave out, and \
         you get my feedback at the end. Repeat this interview with --seed {seed}. \
         :help lists the commands."
    );
    wrapped(out, &intro, width, 0)
}
