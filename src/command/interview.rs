//! `xcdrill interview`: choose the open questions from the arguments and the
//! seed, run the interview in the terminal or on piped input, record every
//! graded answer in the store, then print the debrief and print or write the
//! result.

use std::io::{self, Write};

use super::load_catalog;
use super::plan::InterviewPlan;
use super::progress_quiz::{Graded, record_graded};
use super::quiz::{line_reader, write_result};
use crate::cli::InterviewArgs;
use crate::clock::{self, Clock};
use crate::config::Config;
use crate::model::Catalog;
use crate::repl::debrief::debrief;
use crate::repl::interview::{self, InterviewContext, Recorder};
use crate::repl::render::wrapped;
use crate::repl::stop::RecordError;
use crate::session::debrief::{self as model, Header};
use crate::session::interview::{Asked, choose};
use crate::store::{self, Store};
use crate::text::plural;
use crate::{Error, Status};

pub fn run(args: &InterviewArgs, config: &Config) -> Result<Status, Error> {
    let catalog = load_catalog(config)?;
    let clock = config.clock()?;
    let plan = InterviewPlan::new(args, config, &catalog, clock)?;
    let seed = plan.session.seed;
    let questions = choose(&catalog, &plan.session.topics, plan.count, seed);
    if questions.is_empty() {
        return Err(Error::NothingToAsk {
            what: "open (recall) questions",
        });
    }
    let mut store = super::progress::open_for_quiz(config)?;
    let content_hash = catalog.content_hash();
    let started = clock.now();
    let deadline = plan.session.deadline(started);
    let mut reader = line_reader(config, clock, deadline)?;
    let mut transcript = plan.session.transcript(config);
    let width = config.session_width();
    header(
        &mut *transcript,
        &content_hash,
        questions.len(),
        seed,
        plan.session.time_limit,
        width,
    )?;
    plan.session.note_replaced(&mut *transcript, "interview")?;
    let context = InterviewContext {
        catalog: &catalog,
        clock,
        seed,
        deadline,
        width,
    };
    let mut recorder = StoreRecorder {
        store: &mut store,
        clock,
        session: format!("interview-{seed}"),
    };
    let (ending, answers) = interview::run(
        &context,
        &questions,
        reader.as_mut(),
        &mut *transcript,
        &mut recorder,
    )?;
    let program = program(config);
    let result = model::result(
        &catalog,
        &Header {
            seed,
            content_hash: &content_hash,
            name: &plan.session.name,
            program: &program,
        },
        &answers.answers,
        &answers.unreached,
    );
    // The result file is written before the debrief prints: what was
    // answered is not lost to a closed terminal.
    if let Some(output) = &plan.session.output {
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
    if let Some(output) = &plan.session.output {
        writeln!(transcript, "Result written to {}", output.path().display())?;
    }
    transcript.flush()?;
    plan.session.print_json(&result)?;
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
    fn record(&mut self, catalog: &Catalog, asked: &Asked) -> Result<(), RecordError> {
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
        )?;
        Ok(())
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
    let mut parts = vec![
        "xcdrill".to_string(),
        "interview".to_string(),
        format!("{n_questions} question{}", plural(n_questions)),
        format!("content {}", content_hash.get(..8).unwrap_or(content_hash)),
        format!("seed {seed}"),
    ];
    if let Some(minutes) = minutes {
        parts.push(format!("{minutes} min"));
    }
    crate::repl::render::header(out, &parts, width)?;
    let intro = format!(
        "Answer as you would out loud; I'll follow up on what you leave out, and \
         you get my feedback at the end. Repeat this interview with --seed {seed}. \
         :help lists the commands."
    );
    wrapped(out, &intro, width, 0)
}
