//! Plans: a quiz's or an interview's arguments turned into what the session
//! runs, every option rule checked once, before the first question (as
//! ripgrep's `LowArgs → HiArgs` and just's `Config::from_arguments` do). The
//! rest of the command takes the plan, never clap's structs.

use std::io::{self, Write};
use std::path::Path;

use jiff::{SignedDuration, Timestamp};

use crate::Error;
use crate::cli::{InterviewArgs, ModeArg, QuizArgs};
use crate::clock::Clock;
use crate::config::Config;
use crate::model::Catalog;
use crate::output;
use crate::output_file::OutputFile;
use crate::score::PassMark;
use crate::session::Mode;
use crate::session::interview::DEFAULT_QUESTIONS;

/// What a quiz and an interview share.
pub struct SessionPlan {
    /// `--topic`s, each a topic of the content.
    pub topics: Vec<String>,
    /// `--seed`, else drawn from the clock.
    pub seed: u64,
    /// `--time`, in minutes.
    pub time_limit: Option<f64>,
    /// `--output`, checked writable before anything is asked.
    pub output: Option<OutputFile>,
    /// `--json`: the result alone on stdout, the transcript on stderr.
    pub json: bool,
    /// `--name`, else the OS user.
    pub name: String,
}

impl SessionPlan {
    #[allow(clippy::too_many_arguments)]
    fn new(
        config: &Config,
        catalog: &Catalog,
        clock: &dyn Clock,
        topics: &[String],
        seed: Option<u64>,
        time_limit: Option<f64>,
        output: Option<&Path>,
        json: bool,
        name: Option<&str>,
    ) -> Result<SessionPlan, Error> {
        check_topics(catalog, topics)?;
        let name = learner_name(name);
        // A result file that can't be written must be found out before the
        // learner answers anything, not after.
        let output = match output {
            Some(path) => {
                let store = super::progress::store_path(config).ok();
                let output = OutputFile::check(path, store.as_deref())?;
                if output.exists() {
                    refuse_another_learners(path, &name)?;
                }
                Some(output)
            }
            None => None,
        };
        Ok(SessionPlan {
            topics: topics.to_vec(),
            seed: seed.unwrap_or_else(|| draw_seed(clock)),
            time_limit,
            output,
            json,
            name,
        })
    }

    /// When the time limit ends a session that started at `started`.
    pub fn deadline(&self, started: Timestamp) -> Option<Timestamp> {
        let minutes = self.time_limit?;
        let limit = SignedDuration::try_from_secs_f64(minutes * 60.0).ok()?;
        started.checked_add(limit).ok()
    }

    /// Tells the learner, before the first question, that `--output` names a
    /// file that this `what`'s result will replace.
    pub fn note_replaced(&self, out: &mut dyn Write, what: &str) -> io::Result<()> {
        match self.output.as_ref().filter(|output| output.exists()) {
            Some(output) => writeln!(
                out,
                "Note: {} exists and will be replaced by this {what}'s result.",
                output.path().display()
            ),
            None => Ok(()),
        }
    }

    /// Where the transcript goes: stdout, or stderr when stdout is the JSON result.
    pub fn transcript(&self, config: &Config) -> Box<dyn Write> {
        if self.json {
            Box::new(output::stderr(config.color))
        } else {
            Box::new(output::stdout(config.color))
        }
    }

    /// Prints `result` as pretty JSON on stdout, with `--json`.
    pub fn print_json(&self, result: &impl serde::Serialize) -> Result<(), Error> {
        if self.json {
            super::write_json(&mut io::stdout().lock(), result, true)?;
        }
        Ok(())
    }
}

/// A quiz: its mode, size and exam settings.
pub struct QuizPlan {
    pub session: SessionPlan,
    pub mode: Mode,
    /// `--count`, else the mode's default.
    pub count: usize,
    /// `--generated`: this many generated scenario and diagnose questions.
    pub generated: Option<usize>,
    /// An exam's pass mark (`--pass`, else the default); none outside exams.
    pub pass_mark: Option<PassMark>,
    /// `--verbose`: the whole feedback after each answer.
    pub verbose: bool,
}

impl QuizPlan {
    pub fn new(
        args: &QuizArgs,
        config: &Config,
        catalog: &Catalog,
        clock: &dyn Clock,
    ) -> Result<QuizPlan, Error> {
        let mode = mode(args.mode);
        if mode != Mode::Exam && (args.time.is_some() || args.pass.is_some()) {
            return Err(Error::Usage(
                "`--time` and `--pass` apply to exams; add `--mode exam`".into(),
            ));
        }
        let session = SessionPlan::new(
            config,
            catalog,
            clock,
            &args.topic,
            args.seed,
            args.time,
            args.output.as_deref(),
            args.json,
            args.name.as_deref(),
        )?;
        if mode == Mode::Drill && args.topic.is_empty() {
            return Err(Error::Usage(
                "a drill needs at least one `--topic`; `xcdrill list` shows them".into(),
            ));
        }
        Ok(QuizPlan {
            session,
            mode,
            count: args
                .count
                .map_or(mode.default_count(), |count| count as usize),
            generated: args.generated.map(|count| count as usize),
            pass_mark: (mode == Mode::Exam).then(|| args.pass.unwrap_or(PassMark::DEFAULT)),
            verbose: args.verbose,
        })
    }
}

/// An interview: how many open questions.
pub struct InterviewPlan {
    pub session: SessionPlan,
    /// `--questions`, else [`DEFAULT_QUESTIONS`].
    pub count: usize,
}

impl InterviewPlan {
    pub fn new(
        args: &InterviewArgs,
        config: &Config,
        catalog: &Catalog,
        clock: &dyn Clock,
    ) -> Result<InterviewPlan, Error> {
        let session = SessionPlan::new(
            config,
            catalog,
            clock,
            &args.topic,
            args.seed,
            args.time,
            args.output.as_deref(),
            args.json,
            args.name.as_deref(),
        )?;
        Ok(InterviewPlan {
            session,
            count: args
                .questions
                .map_or(DEFAULT_QUESTIONS, |count| count as usize),
        })
    }
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

/// Every topic of `topics` is one of the content's, or a usage error naming
/// the nearest one (or all of them).
pub(super) fn check_topics(catalog: &Catalog, topics: &[String]) -> Result<(), Error> {
    let known = catalog.topics();
    for topic in topics {
        if !known.contains_key(topic.as_str()) {
            let suggestion = crate::suggest::did_you_mean(topic, known.keys().copied());
            let names: Vec<&str> = known.keys().copied().collect();
            return Err(Error::Unknown {
                what: "topic",
                name: topic.clone(),
                hint: if suggestion.is_empty() {
                    format!("the topics are: {}", names.join(", "))
                } else {
                    suggestion
                },
            });
        }
    }
    Ok(())
}

/// A seed for a session without `--seed`: from the clock and the process id.
fn draw_seed(clock: &dyn Clock) -> u64 {
    let nanos = clock.now().as_nanosecond() as u64;
    let mixed = nanos ^ (u64::from(std::process::id()) << 32);
    // Keep it short enough to type back in.
    mixed % 1_000_000
}

/// Refuses an output file that holds another learner's result: in a
/// cohort, a learner given a classmate's file name would replace their
/// result. The same learner's result (a retake) and any other file are
/// replaced, with a note before the first question. (Learners are told
/// apart by name: two without `--name` or an OS user are both `learner`; a
/// stored name over the length limit is no result file's.)
fn refuse_another_learners(path: &Path, learner: &str) -> Result<(), Error> {
    /// The learner of a quiz, exam or interview result file.
    #[derive(serde::Deserialize)]
    struct Owner {
        name: String,
        mode: String,
    }
    // Only a regular file, read as a file: `-` is a file name here, not
    // standard input, and a device (`/dev/stdout`) is not read at all.
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file()) {
        return Ok(());
    }
    let mut text = String::new();
    let read = std::fs::File::open(path).and_then(|file| {
        file.take(crate::report::check::MAX_RESULT_FILE_BYTES)
            .read_to_string(&mut text)
    });
    if read.is_err() {
        return Ok(());
    }
    match serde_json::from_str::<Owner>(&text) {
        Ok(owner)
            if owner.name != learner
                && owner.name.chars().count() <= crate::report::check::MAX_NAME_CHARS =>
        {
            Err(Error::Refused(format!(
                "`{}` holds the {} result of {}; nothing was asked: give each learner a file of their own, or remove this one first",
                path.display(),
                crate::text::inert_line(&owner.mode),
                crate::text::inert_line(&owner.name),
            )))
        }
        _ => Ok(()),
    }
}

/// The learner's name in results: `--name`, else the OS user.
fn learner_name(name: Option<&str>) -> String {
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
