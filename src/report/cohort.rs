//! The cohort report over exam result files: per learner, per question and per
//! topic, for each exam (seed and content hash) separately.
//!
//! Discrimination of a question is the mean score on it of the stronger half of
//! the exam's learners (by session score) minus that of the weaker half; with an
//! odd number of learners the middle one is in neither half. Near 0 or below, the
//! question does not separate those who know from those who don't.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::session::result::SessionResult;

/// Kinds whose answers are picks from a list, so a most chosen wrong answer means something.
pub const CHOICE_KINDS: &[&str] = &["choice", "truefalse", "multi"];

/// The report over every result file given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortReport {
    /// One group per exam, in the order their first file was given.
    pub groups: Vec<Exam>,
    /// Set when the files are from more than one exam.
    pub warnings: Vec<String>,
}

/// The results of one exam: one seed and one content hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exam {
    pub seed: u64,
    pub content_hash: String,
    /// The distinct pass marks of its files in whole percent, lowest first
    /// (one, unless files were edited; none for files without one).
    pub pass_marks: Vec<u8>,
    pub learners: Vec<LearnerRow>,
    pub questions: Vec<QuestionRow>,
    pub topics: Vec<TopicRow>,
}

impl Exam {
    /// How many learners passed.
    pub fn n_passed(&self) -> usize {
        self.learners
            .iter()
            .filter(|learner| learner.passed)
            .count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerRow {
    pub name: String,
    /// The result file it came from.
    pub file: String,
    /// The session's score, 0..=1.
    pub score: f64,
    /// The same as shown: a whole percent, rounded down ([`crate::score::Score`]).
    pub score_percent: u32,
    /// The verdict the result file holds, made once when the exam ended.
    pub passed: bool,
    /// Seconds from start to end (the sum of question times if those are unreadable).
    pub seconds: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionRow {
    pub id: String,
    pub topic: String,
    pub kind: String,
    /// Learners who were asked it.
    pub asked: usize,
    /// Learners who gave an answer (not skipped).
    pub answered: usize,
    /// Mean score over everyone asked, 0..=1.
    pub mean_score: f64,
    /// Stronger half's mean score minus the weaker half's; `None` with fewer than two learners.
    pub discrimination: Option<f64>,
    /// For choice kinds and short answers: the wrong answer given most often
    /// (ties: the first in text order; short answers compared folded).
    pub wrong_answer: Option<WrongAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrongAnswer {
    /// As the result file has it: bank letters (`c`, `a, c`) or `true`/`false`.
    pub answer: String,
    pub count: usize,
    /// The picked choices in their own words, when the content that made the
    /// exam is at hand ([`CohortReport::name_choices`]).
    pub words: Option<String>,
}

impl WrongAnswer {
    /// What a trainer reads: the choice's words, else the answer as given
    /// (a bank letter says so).
    pub fn shown(&self) -> String {
        match &self.words {
            Some(words) => words.clone(),
            None if self.answer.chars().count() == 1 => format!("choice {}", self.answer),
            None => self.answer.clone(),
        }
    }
}

/// A choice question's choices in bank order and which are right.
pub struct ChoiceTexts {
    pub choices: Vec<String>,
    /// 0-based indices of the right choices.
    pub correct: Vec<usize>,
}

/// The choices of a question, by (content hash, question id), when the content
/// that made the exam is at hand.
pub type Choices<'a> = &'a dyn Fn(&str, &str) -> Option<ChoiceTexts>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicRow {
    pub topic: String,
    /// Distinct questions of the topic asked in the exam.
    pub questions: usize,
    /// Mean score over every answer to the topic's questions, 0..=1.
    pub mean_score: f64,
}

impl CohortReport {
    /// The report over `results`: (file name, its parsed result), in the order given.
    pub fn compute(results: &[(String, SessionResult)]) -> CohortReport {
        let mut order: Vec<(u64, &str)> = Vec::new();
        let mut by_exam: HashMap<(u64, &str), Vec<(&str, &SessionResult)>> = HashMap::new();
        for (file, result) in results {
            let key = (result.seed, result.content_hash.as_str());
            if !by_exam.contains_key(&key) {
                order.push(key);
            }
            by_exam
                .entry(key)
                .or_default()
                .push((file.as_str(), result));
        }
        let groups: Vec<Exam> = order
            .iter()
            .map(|key| {
                exam(
                    key.0,
                    key.1,
                    by_exam.get(key).map_or(&[][..], Vec::as_slice),
                )
            })
            .collect();
        let warnings = if groups.len() > 1 {
            vec![format!(
                "the files come from {} different exams (seed and content hash); each is reported separately",
                groups.len()
            )]
        } else {
            Vec::new()
        };
        CohortReport { groups, warnings }
    }

    /// Names every most chosen wrong answer in the words of its choices where
    /// `choices` knows the question.
    pub fn name_choices(&mut self, choices: Choices) {
        for exam in &mut self.groups {
            for question in &mut exam.questions {
                let Some(wrong) = question
                    .wrong_answer
                    .as_mut()
                    .filter(|_| CHOICE_KINDS.contains(&question.kind.as_str()))
                else {
                    continue;
                };
                wrong.words = choices(&exam.content_hash, &question.id).and_then(|texts| {
                    let words = in_words(&wrong.answer, &texts.choices)?;
                    // A multi-select answer of right choices only, but not all
                    // of them, is not wrong in what it picked.
                    Some(if only_some_right(&wrong.answer, &texts.correct) {
                        format!("{words} (right, but not all that is right)")
                    } else {
                        words
                    })
                });
            }
        }
    }
}

/// Whether the bank letters of `answer` are all right choices, yet fewer than
/// all of them.
fn only_some_right(answer: &str, correct: &[usize]) -> bool {
    let picked: Vec<usize> = answer
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter_map(|part| {
            let mut chars = part.chars();
            let (Some(letter), None) = (chars.next(), chars.next()) else {
                return None;
            };
            (letter.to_ascii_lowercase() as usize).checked_sub('a' as usize)
        })
        .collect();
    !picked.is_empty()
        && picked.len() < correct.len()
        && picked.iter().all(|idx| correct.contains(idx))
}

/// A choice answer in bank letters (`c`, `a, c`) in the choices' own words,
/// when every letter names a choice.
fn in_words(answer: &str, choices: &[String]) -> Option<String> {
    let picked: Option<Vec<String>> = answer
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let (Some(letter), None) = (chars.next(), chars.next()) else {
                return None;
            };
            let idx = (letter.to_ascii_lowercase() as usize).checked_sub('a' as usize)?;
            choices.get(idx).map(|choice| format!("“{choice}”"))
        })
        .collect();
    picked
        .filter(|picked| !picked.is_empty())
        .map(|picked| picked.join(" + "))
}

/// A learner's topic with the lowest mean score and that score (ties: the
/// first topic by name); `None` for a session without questions, or one
/// whose every topic scored in full.
pub fn weakest_topic(result: &SessionResult) -> Option<(String, f64)> {
    let mut topics: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    for question in &result.questions {
        add(
            topics.entry(question.topic.as_str()).or_default(),
            question.score,
        );
    }
    topics
        .into_iter()
        .filter_map(|(topic, sum)| Some((topic, sum_mean(sum)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        // Every topic in full: none is weak.
        .filter(|(_, mean)| *mean < 1.0)
        .map(|(topic, mean)| (topic.to_string(), mean))
}

/// Seconds between the RFC 3339 times `started` and `ended`, if both parse.
fn elapsed(started: &str, ended: &str) -> Option<f64> {
    let started: jiff::Timestamp = started.parse().ok()?;
    let ended: jiff::Timestamp = ended.parse().ok()?;
    Some((ended.as_millisecond() - started.as_millisecond()) as f64 / 1000.0)
}

/// The half of an exam's learners (by session score) that one is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    Stronger,
    Weaker,
}

/// A question's row while the answers are added up.
struct QuestionSums {
    row: QuestionRow,
    /// (sum of scores, answers) of the stronger and of the weaker half.
    stronger: (f64, usize),
    weaker: (f64, usize),
    /// Wrong answers by their folded form: how many gave it, and how the
    /// first one wrote it (a short answer is shown as written).
    wrong_counts: BTreeMap<String, (usize, String)>,
}

fn add(sum: &mut (f64, usize), value: f64) {
    sum.0 += value;
    sum.1 += 1;
}

/// The mean of a (sum, count) pair; `None` for no values.
fn sum_mean((sum, count): (f64, usize)) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}

fn exam(seed: u64, content_hash: &str, results: &[(&str, &SessionResult)]) -> Exam {
    let learners = results
        .iter()
        .map(|&(file, result)| LearnerRow {
            name: result.name.clone(),
            file: file.to_string(),
            score: result.score().value(),
            score_percent: result.score().percent(),
            passed: result.passed,
            seconds: elapsed(&result.started, &result.ended).unwrap_or_else(|| {
                result
                    .questions
                    .iter()
                    .map(|question| question.seconds)
                    .sum()
            }),
        })
        .collect();

    // Learner indices, strongest first; ties broken by name then file so the
    // halves never depend on argument order.
    let mut ranked: Vec<usize> = (0..results.len()).collect();
    ranked.sort_by(|&a, &b| {
        let (file_a, a) = results[a];
        let (file_b, b) = results[b];
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| file_a.cmp(file_b))
    });
    let half = results.len() / 2;
    // Which half each learner is in: the stronger, the weaker, or neither
    // (the middle one of an odd number).
    let mut halves: Vec<Option<Half>> = vec![None; results.len()];
    for &idx in &ranked[..half] {
        halves[idx] = Some(Half::Stronger);
    }
    for &idx in &ranked[ranked.len() - half..] {
        halves[idx] = Some(Half::Weaker);
    }

    // One pass over every answer: each sum is kept per question (and per
    // topic) as it goes, so the work grows with the number of answers, not
    // with its square.
    let mut question_order: Vec<&str> = Vec::new();
    let mut question_rows: HashMap<&str, QuestionSums> = HashMap::new();
    let mut topic_scores: BTreeMap<&str, (f64, usize, HashSet<&str>)> = BTreeMap::new();
    for (learner_idx, (_, result)) in results.iter().enumerate() {
        for question in &result.questions {
            let id = question.id.as_str();
            let sums = question_rows.entry(id).or_insert_with(|| {
                question_order.push(id);
                QuestionSums {
                    row: QuestionRow {
                        id: question.id.clone(),
                        topic: question.topic.clone(),
                        kind: question.kind.clone(),
                        asked: 0,
                        answered: 0,
                        mean_score: 0.0,
                        discrimination: None,
                        wrong_answer: None,
                    },
                    stronger: (0.0, 0),
                    weaker: (0.0, 0),
                    wrong_counts: BTreeMap::new(),
                }
            });
            sums.row.asked += 1;
            sums.row.mean_score += question.score;
            match halves[learner_idx] {
                Some(Half::Stronger) => add(&mut sums.stronger, question.score),
                Some(Half::Weaker) => add(&mut sums.weaker, question.score),
                None => {}
            }
            let answer = question
                .answer
                .as_deref()
                .map(str::trim)
                .filter(|answer| !answer.is_empty());
            if let Some(answer) = answer {
                sums.row.answered += 1;
                let kind = question.kind.as_str();
                if !question.passed && (CHOICE_KINDS.contains(&kind) || kind == "short") {
                    let folded = answer
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    sums.wrong_counts
                        .entry(folded)
                        .or_insert_with(|| (0, answer.to_string()))
                        .0 += 1;
                }
            }
            let topic = topic_scores.entry(question.topic.as_str()).or_default();
            topic.0 += question.score;
            topic.1 += 1;
            topic.2.insert(id);
        }
    }

    let questions = question_order
        .iter()
        .filter_map(|id| {
            let QuestionSums {
                mut row,
                stronger,
                weaker,
                wrong_counts,
            } = question_rows.remove(id)?;
            row.mean_score /= row.asked.max(1) as f64;
            row.discrimination = match (sum_mean(stronger), sum_mean(weaker)) {
                (Some(strong), Some(weak)) if half > 0 => Some(strong - weak),
                _ => None,
            };
            // Highest count; among equals the first in text order.
            let is_short = row.kind == "short";
            row.wrong_answer = wrong_counts
                .iter()
                .rev()
                .max_by_key(|(_, (count, _))| *count)
                .map(|(answer, (count, written))| WrongAnswer {
                    answer: answer.clone(),
                    count: *count,
                    words: is_short.then(|| format!("“{written}”")),
                });
            Some(row)
        })
        .collect();
    let topics = topic_scores
        .into_iter()
        .map(|(topic, (sum, count, ids))| TopicRow {
            topic: topic.to_string(),
            questions: ids.len(),
            mean_score: sum_mean((sum, count)).unwrap_or(0.0),
        })
        .collect();
    let mut pass_marks: Vec<u8> = results
        .iter()
        .filter_map(|(_, result)| result.pass_mark())
        .map(|mark| mark.percent())
        .collect();
    pass_marks.sort_unstable();
    pass_marks.dedup();
    Exam {
        seed,
        content_hash: content_hash.to_string(),
        pass_marks,
        learners,
        questions,
        topics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::result::{QuestionResult, RESULT_FORMAT};

    /// A learner's answers to `setup.first` (choice, right answer `b`) and
    /// `hierarchy.why` (recall).
    fn result(name: &str, seed: u64, choice: Option<&str>, recall: f64) -> (String, SessionResult) {
        let choice_score = if choice == Some("b") { 1.0 } else { 0.0 };
        let questions = vec![
            QuestionResult {
                id: "setup.first".to_string(),
                topic: "setup".to_string(),
                kind: "choice".to_string(),
                answer: choice.map(str::to_string),
                score: choice_score,
                passed: choice_score >= 0.7,
                seconds: 10.0,
                hints: 0,
            },
            QuestionResult {
                id: "hierarchy.why".to_string(),
                topic: "hierarchy".to_string(),
                kind: "recall".to_string(),
                answer: Some("because".to_string()),
                score: recall,
                passed: recall >= 0.7,
                seconds: 50.0,
                hints: 0,
            },
        ];
        let score = (choice_score + recall) / 2.0;
        let session = SessionResult {
            format: RESULT_FORMAT,
            seed,
            mode: "exam".to_string(),
            content_hash: "c0ffee".to_string(),
            name: name.to_string(),
            started: "2026-11-27T09:00:00Z".to_string(),
            ended: "2026-11-27T09:02:30Z".to_string(),
            pass_percent: Some(70.0),
            score,
            passed: score >= 0.7,
            questions,
        };
        (format!("{name}.json"), session)
    }

    #[test]
    fn a_known_cohort_gives_the_known_figures() {
        let cohort = [
            result("ann", 7, Some("b"), 1.0), // 100%
            result("bob", 7, Some("b"), 0.6), // 80%
            result("cy", 7, Some("c"), 0.8),  // 40%
            result("dee", 7, Some("c"), 0.0), // 0%
            result("eve", 7, None, 0.4),      // 20%
        ];
        let report = CohortReport::compute(&cohort);
        assert!(report.warnings.is_empty());
        let exam = &report.groups[0];
        let ann = &exam.learners[0];
        assert_eq!(
            (
                ann.name.as_str(),
                ann.score_percent,
                ann.passed,
                ann.seconds
            ),
            ("ann", 100, true, 150.0)
        );

        // Ranked ann, bob | cy (middle) | eve, dee.
        let choice = &exam.questions[0];
        assert_eq!(
            (choice.id.as_str(), choice.asked, choice.answered),
            ("setup.first", 5, 4)
        );
        assert_eq!(choice.mean_score, 0.4);
        assert_eq!(choice.discrimination, Some(1.0));
        assert_eq!(
            choice.wrong_answer,
            Some(WrongAnswer {
                answer: "c".to_string(),
                count: 2,
                words: None,
            })
        );
        assert_eq!(exam.pass_marks, [70]);

        let recall = &exam.questions[1];
        assert!((recall.mean_score - 0.56).abs() < 1e-9);
        assert!(
            (recall.discrimination.unwrap() - 0.6).abs() < 1e-9,
            "{recall:?}"
        );
        assert_eq!(recall.wrong_answer, None);

        let topics: Vec<(&str, usize, f64)> = exam
            .topics
            .iter()
            .map(|topic| (topic.topic.as_str(), topic.questions, topic.mean_score))
            .collect();
        assert_eq!(topics[1], ("setup", 1, 0.4));
        assert_eq!(topics[0].0, "hierarchy");
    }

    /// Two learners of an exam of 100,000 questions: with work growing with
    /// the square of the questions this took minutes.
    #[test]
    fn report_of_100000_questions_is_linear() {
        let learner = |name: &str, score: f64| {
            let (file, mut session) = result(name, 1, Some("b"), 1.0);
            let template = session.questions[0].clone();
            session.score = score;
            session.questions = (0..100_000)
                .map(|idx| QuestionResult {
                    id: format!("q.{idx}"),
                    topic: format!("topic.{}", idx % 3),
                    score,
                    ..template.clone()
                })
                .collect();
            (file, session)
        };
        let report = CohortReport::compute(&[learner("ann", 1.0), learner("bob", 0.0)]);
        let exam = &report.groups[0];
        assert_eq!(exam.questions.len(), 100_000);
        assert!(
            exam.questions
                .iter()
                .all(|row| row.asked == 2 && row.discrimination == Some(1.0))
        );
        let topic_sizes: Vec<usize> = exam.topics.iter().map(|topic| topic.questions).collect();
        assert_eq!(topic_sizes, [33_334, 33_333, 33_333]);
    }

    #[test]
    fn a_wrong_choice_is_named_in_its_own_words() {
        let choices = vec!["Create a lead".to_string(), "Buy seats".to_string()];
        assert_eq!(in_words("b", &choices).as_deref(), Some("“Buy seats”"));
        assert_eq!(
            in_words("a, b", &choices).as_deref(),
            Some("“Create a lead” + “Buy seats”")
        );
        assert_eq!(in_words("d", &choices), None);
        assert_eq!(in_words("1 2", &choices), None);
        assert_eq!(in_words("", &choices), None);

        let mut report = CohortReport::compute(&[result("ann", 7, Some("c"), 1.0)]);
        let texts = |correct: Vec<usize>| ChoiceTexts {
            choices: ["one", "two", "three"].map(str::to_string).to_vec(),
            correct,
        };
        report.name_choices(&|hash, id| {
            (hash == "c0ffee" && id == "setup.first").then(|| texts(vec![0]))
        });
        let wrong = report.groups[0].questions[0].wrong_answer.as_ref().unwrap();
        assert_eq!(wrong.shown(), "“three”");
        // A right choice short of the others is said to be so.
        let mut report = CohortReport::compute(&[result("ann", 7, Some("c"), 0.5)]);
        report.name_choices(&|_, _| Some(texts(vec![1, 2])));
        let partial = report.groups[0].questions[0].wrong_answer.as_ref().unwrap();
        assert_eq!(
            partial.shown(),
            "“three” (right, but not all that is right)"
        );
        let unnamed = |answer: &str| WrongAnswer {
            answer: answer.to_string(),
            count: 1,
            words: None,
        };
        assert_eq!(unnamed("c").shown(), "choice c");
        assert_eq!(unnamed("false").shown(), "false");
    }

    #[test]
    fn a_wrong_short_answer_is_counted_folded_and_shown_as_written() {
        let short = |name: &str, answer: &str, score: f64| {
            let (file, mut session) = result(name, 7, Some("b"), 1.0);
            session.questions[1].kind = "short".to_string();
            session.questions[1].answer = Some(answer.to_string());
            session.questions[1].score = score;
            session.questions[1].passed = score >= 0.7;
            (file, session)
        };
        let mut report = CohortReport::compute(&[
            short("ann", "Acme Partner Manager", 0.0),
            short("bob", "acme  partner manager", 0.0),
            short("cy", "Acme Partner User", 0.0),
            short("dee", "Acme Partner Executive", 1.0),
        ]);
        // Naming choices leaves a short answer's words alone.
        report.name_choices(&|_, _| None);
        let recall = &report.groups[0].questions[1];
        let wrong = recall.wrong_answer.as_ref().expect("a wrong short answer");
        assert_eq!(
            (wrong.shown(), wrong.count),
            ("“Acme Partner Manager”".to_string(), 2)
        );
    }

    #[test]
    fn a_learner_right_on_every_topic_has_no_weakest_topic() {
        let (_, perfect) = result("ann", 7, Some("b"), 1.0);
        assert_eq!(weakest_topic(&perfect), None);
        let (_, weak) = result("bob", 7, Some("b"), 0.5);
        assert_eq!(weakest_topic(&weak), Some(("hierarchy".to_string(), 0.5)));
    }

    #[test]
    fn different_seeds_are_reported_separately_with_a_warning() {
        let report = CohortReport::compute(&[
            result("ann", 1, Some("b"), 1.0),
            result("bob", 2, Some("a"), 0.0),
        ]);
        assert_eq!(report.groups.len(), 2);
        assert_eq!(report.groups[1].seed, 2);
        assert_eq!(report.groups[1].questions[0].discrimination, None);
        assert!(report.warnings[0].contains("2 different exams"));
    }
}
