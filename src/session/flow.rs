//! A session's state: the queue of questions still to ask, what was answered,
//! and the drill rule that brings a missed question back.
//!
//! Pure: the quiz front end asks for the next question, grades the answer with
//! `grade`, and hands the outcome back here.

use std::collections::{HashSet, VecDeque};

use super::mode::Mode;
use super::select::{Presented, reshuffle};
use crate::grade::Grade;

/// How many other questions come between a missed drill question and its return.
const DRILL_GAP: usize = 2;

/// What happened to one question put to the learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub presented: Presented,
    /// The answer in the grader's terms; `None` when skipped.
    pub answer: Option<String>,
    /// `None` when skipped.
    pub grade: Option<Grade>,
    pub seconds: f64,
    pub hints: u32,
}

impl Attempt {
    pub fn score(&self) -> f64 {
        self.grade.as_ref().map_or(0.0, |grade| grade.score)
    }

    pub fn passed(&self) -> bool {
        self.grade.as_ref().is_some_and(|grade| grade.passed)
    }
}

/// One session in progress.
#[derive(Debug, Clone)]
pub struct Session {
    pub mode: Mode,
    pub seed: u64,
    queue: VecDeque<Presented>,
    attempts: Vec<Attempt>,
    /// How many distinct questions the session set out to ask.
    planned: usize,
}

impl Session {
    pub fn new(mode: Mode, seed: u64, questions: Vec<Presented>) -> Session {
        Session {
            mode,
            seed,
            planned: questions.len(),
            queue: questions.into(),
            attempts: Vec::new(),
        }
    }

    /// The next question to ask, if any is left.
    pub fn next_question(&mut self) -> Option<Presented> {
        self.queue.pop_front()
    }

    /// Puts a question back at the front (one that was shown but not answered
    /// when the session ended).
    pub fn push_front(&mut self, presented: Presented) {
        self.queue.push_front(presented);
    }

    /// How many questions are still queued.
    pub fn remaining(&self) -> usize {
        self.queue.len()
    }

    /// Records what happened to `attempt.presented`; in a drill, a question not
    /// passed comes back after a couple of others, its options reshuffled.
    pub fn record(&mut self, attempt: Attempt) {
        if self.mode == Mode::Drill && !attempt.passed() {
            let position = DRILL_GAP.min(self.queue.len());
            let round = self.attempts.len() as u64 + 1;
            let again = reshuffle(&attempt.presented, self.seed, round);
            self.queue.insert(position, again);
        }
        self.attempts.push(attempt);
    }

    /// Every attempt so far, in the order asked (a drilled question may appear
    /// several times).
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// The number of distinct questions planned.
    pub fn planned(&self) -> usize {
        self.planned
    }

    /// How many planned questions were not reached (the session was ended early).
    pub fn unreached(&self) -> Vec<Presented> {
        let mut seen: HashSet<usize> = self
            .attempts
            .iter()
            .map(|attempt| attempt.presented.question_idx)
            .collect();
        self.queue
            .iter()
            .filter(|presented| seen.insert(presented.question_idx))
            .cloned()
            .collect()
    }

    /// Each question's first attempt, in the order asked: what the score counts,
    /// so drilling a question until it is right does not inflate the score.
    pub fn first_attempts(&self) -> Vec<&Attempt> {
        let mut seen = HashSet::new();
        self.attempts
            .iter()
            .filter(|attempt| seen.insert(attempt.presented.question_idx))
            .collect()
    }

    /// The mean score over the questions answered or skipped so far.
    pub fn score_so_far(&self) -> f64 {
        let n_asked = self.first_attempts().len();
        if n_asked == 0 {
            return 0.0;
        }
        self.total_score() / n_asked as f64
    }

    /// The session's score: an exam's is the mean over every planned
    /// question, the ones not reached counting 0; the other modes' is the mean
    /// over the questions asked (answered or skipped), so ending early leaves
    /// the rest out rather than failing them.
    pub fn score(&self) -> f64 {
        if self.mode != Mode::Exam {
            return self.score_so_far();
        }
        if self.planned == 0 {
            return 0.0;
        }
        self.total_score() / self.planned as f64
    }

    /// The topic with the lowest mean first-attempt score, if any question
    /// of it was missed (ties go to the topic named first).
    pub fn weakest_topic<'a>(&self, topic_of: impl Fn(usize) -> &'a str) -> Option<&'a str> {
        let mut topics: Vec<(&str, usize, f64)> = Vec::new();
        for attempt in self.first_attempts() {
            let topic = topic_of(attempt.presented.question_idx);
            match topics.iter_mut().find(|(name, _, _)| *name == topic) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += attempt.score();
                }
                None => topics.push((topic, 1, attempt.score())),
            }
        }
        topics.sort_by(|a, b| a.0.cmp(b.0));
        topics
            .iter()
            .map(|&(name, n_asked, total)| (name, total / n_asked as f64))
            .filter(|&(_, mean)| mean < 0.999)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(name, _)| name)
    }

    fn total_score(&self) -> f64 {
        // A fold from +0.0, not `sum()`, whose empty sum is -0.0 and would print
        // as "-0%".
        self.first_attempts()
            .iter()
            .fold(0.0, |total, attempt| total + attempt.score())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presented(question_idx: usize) -> Presented {
        Presented {
            question_idx,
            shown: Vec::new(),
        }
    }

    fn attempt(question_idx: usize, score: f64) -> Attempt {
        Attempt {
            presented: presented(question_idx),
            answer: Some("x".into()),
            grade: Some(Grade {
                score,
                passed: score >= 0.7,
                feedback: String::new(),
                missed: Vec::new(),
            }),
            seconds: 1.0,
            hints: 0,
        }
    }

    #[test]
    fn a_missed_drill_question_comes_back_until_right() {
        let mut session = Session::new(Mode::Drill, 1, (0..4).map(presented).collect());
        let first = session.next_question().unwrap();
        assert_eq!(first.question_idx, 0);
        session.record(attempt(0, 0.2));
        let order: Vec<usize> = std::iter::from_fn(|| {
            let next = session.next_question()?;
            session.record(attempt(next.question_idx, 1.0));
            Some(next.question_idx)
        })
        .collect();
        assert_eq!(order, [1, 2, 0, 3]);
        assert!((session.score() - (0.2 + 3.0) / 4.0).abs() < 1e-9);
    }

    #[test]
    fn practice_scores_the_questions_asked_and_an_exam_every_question_set() {
        for (mode, expected) in [(Mode::Practice, 0.5), (Mode::Exam, 1.0 / 3.0)] {
            let mut session = Session::new(mode, 1, (0..3).map(presented).collect());
            let first = session.next_question().unwrap();
            session.record(attempt(first.question_idx, 0.0));
            assert_eq!(session.unreached().len(), 2);
            assert_eq!(session.score(), 0.0);
            let second = session.next_question().unwrap();
            session.record(attempt(second.question_idx, 1.0));
            assert_eq!(session.unreached().len(), 1);
            assert!((session.score() - expected).abs() < 1e-9, "{mode:?}");
        }
    }

    #[test]
    fn a_drilled_question_comes_back_with_its_options_reshuffled() {
        let with_options = |question_idx| Presented {
            question_idx,
            shown: vec![2, 0, 1, 3],
        };
        let mut session = Session::new(Mode::Drill, 5, (0..3).map(with_options).collect());
        let first = session.next_question().unwrap();
        let mut missed = attempt(0, 0.0);
        missed.presented = first.clone();
        session.record(missed);
        let again = std::iter::from_fn(|| session.next_question())
            .find(|next| next.question_idx == 0)
            .unwrap();
        assert_ne!(again.shown, first.shown);
    }

    #[test]
    fn the_weakest_topic_is_the_lowest_mean_among_topics_missed() {
        let mut session = Session::new(Mode::Practice, 1, (0..4).map(presented).collect());
        for (idx, score) in [(0, 1.0), (1, 0.5), (2, 0.0), (3, 1.0)] {
            session.record(attempt(idx, score));
        }
        let topics = ["sites", "users", "users", "roles"];
        assert_eq!(session.weakest_topic(|idx| topics[idx]), Some("users"));
        let perfect = ["a", "b", "b", "c"];
        let mut clean = Session::new(Mode::Practice, 1, (0..1).map(presented).collect());
        clean.record(attempt(0, 1.0));
        assert_eq!(clean.weakest_topic(|idx| perfect[idx]), None);
    }
}
