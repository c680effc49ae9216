//! Any text as an answer to any embedded question: grading must never panic
//! and scores stay within 0..=1.

#![no_main]

use libfuzzer_sys::fuzz_target;
use xcdrill::bank::{self, load};
use xcdrill::grade::grade;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, answer)) = data.split_first() else {
        return;
    };
    let loaded = bank::check(&load::embedded());
    let questions = loaded.catalog.questions();
    if questions.is_empty() {
        return;
    }
    let question = &questions[usize::from(selector) % questions.len()];
    let answer = String::from_utf8_lossy(answer);
    let graded = grade(question, &answer);
    assert!((0.0..=1.0).contains(&graded.score));
});
