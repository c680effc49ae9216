//! Store budgets (BENCHMARKS.md): recording an answer under 2 ms, and the
//! work of `xcdrill stats` over 100,000 reviews under 100 ms.

use divan::Bencher;
use jiff::tz::TimeZone;
use tempfile::TempDir;
use xcdrill::report::stats::{Stats, StatsInput};
use xcdrill::session::rating::Rating;
use xcdrill::store::{Answer, DAY_SECONDS, Mode, Review, Store};

const T0: i64 = 1_790_000_000;
const N_QUESTIONS: usize = 1_000;

fn main() {
    divan::main();
}

/// The `idx`th synthetic answer: questions in turn, one every 10 minutes.
fn review(idx: usize) -> Review {
    let question = idx % N_QUESTIONS;
    Review::from(Answer {
        question_id: format!("topic{}.q{question}", question % 10),
        content_hash: "0123456789abcdef".to_string(),
        reviewed_at: T0 + idx as i64 * 600,
        mode: if idx % 10 == 9 {
            Mode::Cram
        } else {
            Mode::Review
        },
        score: (idx % 5) as f64 / 4.0,
        rating: Rating::ALL[idx % 4],
        seconds: 12.0,
        hints: 0,
        session: (idx / 20).to_string(),
    })
}

/// A store in a temporary folder holding `n_reviews` reviews.
fn filled_store(n_reviews: usize) -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_in(dir.path()).expect("store opens");
    let reviews: Vec<Review> = (0..n_reviews).map(review).collect();
    store.import(&reviews).expect("import");
    (dir, store)
}

#[divan::bench(sample_count = 200)]
fn record_an_answer(bencher: Bencher) {
    let (_dir, mut store) = filled_store(10_000);
    let mut idx = 10_000;
    bencher.bench_local(|| {
        idx += 1;
        store.record(&review(idx)).expect("recorded");
    });
}

#[divan::bench(sample_count = 50)]
fn open_the_store(bencher: Bencher) {
    let (dir, store) = filled_store(10_000);
    drop(store);
    bencher.bench_local(|| Store::open_in(dir.path()).expect("opens"));
}

#[divan::bench(sample_count = 20)]
fn stats_over_100_000_reviews(bencher: Bencher) {
    let (_dir, store) = filled_store(100_000);
    let ids: Vec<(String, String)> = (0..N_QUESTIONS)
        .map(|question| {
            (
                format!("topic{}.q{question}", question % 10),
                format!("topic{}", question % 10),
            )
        })
        .collect();
    let questions: Vec<(&str, &str)> = ids
        .iter()
        .map(|(id, topic)| (id.as_str(), topic.as_str()))
        .collect();
    let time_zone = TimeZone::UTC;
    let now = T0 + 100_000 * 600 + DAY_SECONDS;
    bencher.bench_local(|| {
        let states = store.question_states().expect("states");
        let answer_times = store.answer_times().expect("times");
        Stats::compute(&StatsInput {
            now,
            time_zone: &time_zone,
            questions: &questions,
            states: &states,
            answer_times: &answer_times,
            parameters: store.parameters(),
        })
    });
}
