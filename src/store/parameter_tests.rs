//! Personal FSRS parameters through the store's public API, on temporary
//! files: optimising from a learner's log, saving, replaying with them, the
//! migration from schema 2, and too little data changing nothing.

use super::*;
use crate::session::rating::Rating;

const T0: i64 = 1_790_000_000;

/// A learner's log: `questions` questions, each answered `rounds` times,
/// each time when the default schedule falls due (later rounds sometimes a
/// day early or late), with a fixed mix of ratings: a first Good (Again for
/// every tenth question), then mostly Good with some Again, Hard and Easy;
/// plus a same-day drill and a cram answer now and then.
///
/// FSRS learns first intervals only from groups of questions that share a
/// first rating and interval, and drops groups under 20 questions as
/// outliers: most questions here share theirs.
fn learner_log(questions: usize, rounds: usize) -> Vec<Review> {
    let scheduler = schedule::Scheduler::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
    let mut log = Vec::new();
    for question in 0..questions {
        let id = format!("topic.q{question:02}");
        let mut at = T0 + (question as i64 % 4) * DAY_SECONDS + question as i64 * 60;
        for round in 0..rounds {
            let rating = match (round, (question * 7 + round * 3) % 10) {
                (0, _) if question % 10 == 0 => Rating::Again,
                (0, _) => Rating::Good,
                (_, 0 | 5) => Rating::Again,
                (_, 1) => Rating::Hard,
                (_, 9) => Rating::Easy,
                _ => Rating::Good,
            };
            log.push(entry(&id, at, Mode::Review, rating));
            let extra = if round == 0 { 1 } else { question + round };
            if extra % 5 == 0 {
                log.push(entry(&id, at + 600, Mode::Drill, Rating::Good));
            }
            if extra % 7 == 0 {
                log.push(entry(&id, at + 1200, Mode::Cram, Rating::Again));
            }
            let state = scheduler.replay(&log_of(&log, &id)).unwrap().unwrap();
            let jitter = if round == 0 {
                0
            } else {
                [0, 1, -1, 0, 2][(question + round) % 5] * DAY_SECONDS
            };
            at = (state.schedule.unwrap().due_at + jitter).max(at + 2 * DAY_SECONDS);
        }
    }
    log
}

fn log_of(log: &[Review], id: &str) -> Vec<Review> {
    log.iter()
        .filter(|review| review.question_id == id)
        .cloned()
        .collect()
}

fn entry(question_id: &str, at: i64, mode: Mode, rating: Rating) -> Review {
    Review::from(Answer {
        question_id: question_id.to_string(),
        content_hash: "hash-1".to_string(),
        reviewed_at: at,
        mode,
        score: if rating == Rating::Again { 0.3 } else { 1.0 },
        rating,
        seconds: 9.0,
        hints: 0,
        session: "s".to_string(),
    })
}

fn store_with(log: &[Review]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    store.import(log).unwrap();
    (dir, store)
}

/// Each question's state replayed from the log with `parameters`.
fn replayed(log: &[Review], parameters: &[f32]) -> Vec<QuestionState> {
    let scheduler = schedule::Scheduler::new(parameters).unwrap();
    let mut ids: Vec<&str> = log
        .iter()
        .map(|review| review.question_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| scheduler.replay(&log_of(log, id)).unwrap())
        .collect()
}

/// Optimises the store's log and saves the result; returns the values.
fn optimize(store: &mut Store, at: i64) -> (Vec<f32>, Rescheduled) {
    let training = store.training_set().unwrap();
    assert!(training.is_enough(), "{} reviews", training.reviews);
    let values = training.optimize().unwrap().expect("enough data");
    let parameters = Parameters::personal(values.clone(), at, training.reviews, training.questions);
    (values, store.use_parameters(parameters).unwrap())
}

#[test]
fn the_test_log_is_above_the_minimum() {
    let set = TrainingSet::from_log(&learner_log(30, 5));
    assert_eq!((set.reviews, set.questions), (120, 30));
    assert!(set.reviews >= MIN_REVIEWS);
}

#[test]
fn optimised_parameters_are_saved_and_every_schedule_uses_them() {
    let log = learner_log(30, 5);
    let (dir, mut store) = store_with(&log);
    assert_eq!(store.parameters(), &Parameters::default_fsrs());
    let defaults = store.question_states().unwrap();
    assert_eq!(defaults, replayed(&log, &fsrs::DEFAULT_PARAMETERS));

    let (values, rescheduled) = optimize(&mut store, T0 + 400 * DAY_SECONDS);
    assert_eq!(values.len(), N_PARAMETERS);
    assert!(values.iter().all(|value| value.is_finite()), "{values:?}");
    assert_ne!(values, fsrs::DEFAULT_PARAMETERS.to_vec());
    assert_eq!(rescheduled.scheduled, 30);
    assert!(rescheduled.moved > 0, "{rescheduled:?}");
    assert_eq!(
        rescheduled.moved,
        rescheduled.earlier + rescheduled.later,
        "{rescheduled:?}"
    );

    // The cache is the log replayed with the personal parameters, which
    // schedule differently from the defaults.
    let personal = replayed(&log, &values);
    assert_ne!(personal, defaults);
    assert_eq!(store.question_states().unwrap(), personal);
    let schedule = personal[0].schedule.unwrap();
    assert_eq!(schedule.decay, values[20]);

    // Saved: a reopened store (for writing or reading) uses them, for new
    // answers and for rebuilding.
    drop(store);
    let expected = Parameters::personal(values.clone(), T0 + 400 * DAY_SECONDS, 120, 30);
    let reader = Store::open_read_only(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(reader.parameters(), &expected);
    assert_eq!(reader.question_states().unwrap(), personal);
    let mut store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.parameters(), &expected);
    store.rebuild_states().unwrap();
    assert_eq!(store.question_states().unwrap(), personal);
    let next = entry(
        "topic.q03",
        T0 + 500 * DAY_SECONDS,
        Mode::Review,
        Rating::Good,
    );
    store.record(&next).unwrap();
    let mut longer = log.clone();
    longer.push(next);
    assert_eq!(
        store.state_of("topic.q03").unwrap(),
        schedule::Scheduler::new(&values)
            .unwrap()
            .replay(&log_of(&longer, "topic.q03"))
            .unwrap()
    );

    // Back to the defaults: the saved row goes and the schedules follow.
    store.use_parameters(Parameters::default_fsrs()).unwrap();
    drop(store);
    let store = Store::open_in(dir.path()).unwrap();
    assert_eq!(store.parameters(), &Parameters::default_fsrs());
    assert_eq!(
        store.question_states().unwrap(),
        replayed(&longer, &fsrs::DEFAULT_PARAMETERS)
    );
}

#[test]
fn optimising_the_same_log_twice_gives_the_same_parameters() {
    let set = TrainingSet::from_log(&learner_log(30, 5));
    assert_eq!(set.optimize().unwrap(), set.optimize().unwrap());
}

#[test]
fn too_little_data_changes_nothing() {
    let log = learner_log(3, 8);
    let (dir, store) = store_with(&log);
    let path = dir.path().join(FILE_NAME);
    let states = store.question_states().unwrap();
    drop(store);
    let before = std::fs::read(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    let training = reader.training_set().unwrap();
    assert_eq!((training.reviews, training.questions), (21, 3));
    assert!(!training.is_enough());
    assert_eq!(training.optimize().unwrap(), None);
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.parameters(), &Parameters::default_fsrs());
    assert_eq!(store.question_states().unwrap(), states);
}

/// What a version-2 xcdrill wrote: the same tables but `fsrs_parameters`.
fn downgrade_to_version_2(path: &std::path::Path) {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .execute_batch("DROP TABLE fsrs_parameters; PRAGMA user_version = 2;")
        .unwrap();
}

fn version_of(path: &std::path::Path) -> i64 {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn a_version_2_store_is_migrated_keeping_its_reviews_and_states() {
    let log = learner_log(4, 5);
    let (dir, store) = store_with(&log);
    let path = dir.path().join(FILE_NAME);
    let reviews = store.reviews().unwrap();
    let states = store.question_states().unwrap();
    drop(store);
    downgrade_to_version_2(&path);
    assert_eq!(version_of(&path), 2);

    // Read only: migrated in the private copy, the file left as it was.
    let before = std::fs::read(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.reviews().unwrap(), reviews);
    assert_eq!(reader.question_states().unwrap(), states);
    assert_eq!(reader.parameters(), &Parameters::default_fsrs());
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.reviews().unwrap(), reviews);
    assert_eq!(store.question_states().unwrap(), states);
    assert_eq!(store.parameters(), &Parameters::default_fsrs());
    // The new table is there: parameters can be saved.
    let values: Vec<f32> = fsrs::DEFAULT_PARAMETERS
        .iter()
        .map(|value| value * 1.01)
        .collect();
    store
        .use_parameters(Parameters::personal(values.clone(), T0, 1, 1))
        .unwrap();
    drop(store);
    assert_eq!(version_of(&path), SCHEMA_VERSION);
    assert_eq!(Store::open(&path).unwrap().parameters().values, values);
}

#[test]
fn saved_parameters_that_are_not_21_numbers_make_the_store_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    drop(Store::open(&path).unwrap());
    for saved in [
        "[1, 2, 3]",
        "not json",
        "[1e999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
    ] {
        {
            let connection = rusqlite::Connection::open(&path).unwrap();
            connection
                .execute(
                    "INSERT OR REPLACE INTO fsrs_parameters VALUES (1, ?1, 0, 0, 0)",
                    [saved],
                )
                .unwrap();
        }
        let error = Store::open(&path).unwrap_err().to_string();
        assert!(
            error.contains("its saved FSRS parameters are not 21 numbers"),
            "{saved}: {error}"
        );
    }
}

#[test]
fn a_version_3_store_without_its_parameters_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    drop(Store::open(&path).unwrap());
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection
            .execute_batch("DROP TABLE fsrs_parameters;")
            .unwrap();
    }
    let error = Store::open(&path).unwrap_err().to_string();
    assert!(error.contains("its tables are missing"), "{error}");
}

#[test]
fn many_reviews_of_few_questions_are_too_little_for_fsrs() {
    let set = TrainingSet::from_log(&learner_log(10, 12));
    assert_eq!((set.reviews, set.questions), (110, 10));
    assert!(set.is_enough());
    assert_eq!(set.optimize().unwrap(), None);
}

#[test]
fn a_store_opened_before_another_process_optimised_records_with_the_new_parameters() {
    let log = learner_log(30, 5);
    let (dir, mut optimiser) = store_with(&log);
    let mut quiz = Store::open_in(dir.path()).unwrap();
    assert_eq!(quiz.parameters(), &Parameters::default_fsrs());
    let (values, _) = optimize(&mut optimiser, T0 + 400 * DAY_SECONDS);
    let next = entry(
        "topic.q07",
        T0 + 500 * DAY_SECONDS,
        Mode::Review,
        Rating::Hard,
    );
    quiz.record(&next).unwrap();
    assert_eq!(quiz.parameters().values, values);
    let mut longer = log.clone();
    longer.push(next);
    assert_eq!(quiz.question_states().unwrap(), replayed(&longer, &values));
}
