//! What `xcdrill stats` shows, computed from the store's question states and
//! answer times, the catalog's questions, a time zone and "now". Days are
//! calendar days in that time zone.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::store::{DAY_SECONDS, Parameters, QuestionState, weakest_first};

/// Days in the activity chart, ending today.
pub const CHART_DAYS: usize = 30;

/// How many of the weakest questions are listed.
pub const N_WEAKEST: usize = 5;

/// The progress summary (`stats --json` prints it as is).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Answers in the log, every mode.
    pub reviews: usize,
    /// Answers since the start of today.
    pub reviews_today: usize,
    /// Scheduled questions due by the end of today (overdue included).
    pub due: usize,
    /// Scheduled questions due by the end of the sixth day after today.
    pub due_week: usize,
    /// Consecutive days with answers, ending today, or yesterday if none today.
    pub streak: u32,
    /// Every topic of the content, by name.
    pub topics: Vec<TopicMastery>,
    /// Answers per day, oldest first, the last entry today.
    pub days: Vec<DayCount>,
    /// The reviewed questions of the content with the lowest mastery, weakest first.
    pub weakest: Vec<WeakQuestion>,
    /// The FSRS parameters schedules are computed with: `default` or
    /// `personal` (`stats --optimize`).
    pub fsrs: Parameters,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicMastery {
    pub topic: String,
    /// Mean mastery of the topic's questions, 0..=1; unanswered ones count 0.
    pub mastery: f64,
    pub questions: usize,
    /// Questions of the topic answered at least once (since any reset).
    pub reviewed: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCount {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reviews: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakQuestion {
    pub id: String,
    pub topic: String,
    pub mastery: f64,
    pub last_score: f64,
}

/// What the stats are computed from.
#[derive(Debug, Clone, Copy)]
pub struct StatsInput<'a> {
    /// Unix seconds.
    pub now: i64,
    pub time_zone: &'a TimeZone,
    /// (question id, topic) of every question of the content.
    pub questions: &'a [(&'a str, &'a str)],
    /// [`crate::store::Store::question_states`].
    pub states: &'a [QuestionState],
    /// [`crate::store::Store::answer_times`].
    pub answer_times: &'a [i64],
    /// [`crate::store::Store::parameters`].
    pub parameters: &'a Parameters,
}

/// The local calendar day of `time`, as days since 1970-01-01.
fn local_day(time_zone: &TimeZone, time: i64) -> i64 {
    (time + utc_offset(time_zone, time)).div_euclid(DAY_SECONDS)
}

/// The first second (unix) of local day `day`, found from its UTC midnight.
fn day_start(time_zone: &TimeZone, day: i64) -> i64 {
    let utc_midnight = day * DAY_SECONDS;
    let guess = utc_midnight - utc_offset(time_zone, utc_midnight);
    // Offsets can differ across midnight (DST); one correction settles it.
    utc_midnight - utc_offset(time_zone, guess)
}

/// The zone's offset from UTC at `time`, in seconds (0 out of jiff's range).
fn utc_offset(time_zone: &TimeZone, time: i64) -> i64 {
    Timestamp::from_second(time)
        .map(|timestamp| i64::from(time_zone.to_offset(timestamp).seconds()))
        .unwrap_or(0)
}

/// `YYYY-MM-DD` of the local day of `time` (unix seconds) in `time_zone`.
pub fn local_date(time_zone: &TimeZone, time: i64) -> String {
    date_name(local_day(time_zone, time))
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01.
fn date_name(day: i64) -> String {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day))
        .map_or_else(|_| format!("day {day}"), |date| date.to_string())
}

impl Stats {
    pub fn compute(input: &StatsInput<'_>) -> Stats {
        let zone = input.time_zone;
        let today = local_day(zone, input.now);
        let end_of_today = day_start(zone, today + 1);
        let end_of_week = day_start(zone, today + 7);

        let mut per_day: BTreeMap<i64, usize> = BTreeMap::new();
        for &time in input.answer_times {
            *per_day.entry(local_day(zone, time)).or_insert(0) += 1;
        }
        let reviews_today = per_day.get(&today).copied().unwrap_or(0);
        let days = (0..CHART_DAYS as i64)
            .rev()
            .map(|back| DayCount {
                date: date_name(today - back),
                reviews: per_day.get(&(today - back)).copied().unwrap_or(0),
            })
            .collect();
        let last_day = if per_day.contains_key(&today) {
            today
        } else {
            today - 1
        };
        let streak = (0..)
            .take_while(|back| per_day.contains_key(&(last_day - back)))
            .count();

        let scheduled = input
            .states
            .iter()
            .filter_map(|state| state.schedule.as_ref());
        let (mut due, mut due_week) = (0, 0);
        for schedule in scheduled {
            due += usize::from(schedule.due_at < end_of_today);
            due_week += usize::from(schedule.due_at < end_of_week);
        }

        let states: HashMap<&str, &QuestionState> = input
            .states
            .iter()
            .map(|state| (state.question_id.as_str(), state))
            .collect();
        let mut topics: BTreeMap<&str, TopicMastery> = BTreeMap::new();
        for &(id, topic) in input.questions {
            let entry = topics.entry(topic).or_insert_with(|| TopicMastery {
                topic: topic.to_string(),
                mastery: 0.0,
                questions: 0,
                reviewed: 0,
            });
            entry.questions += 1;
            let Some(state) = states.get(id).filter(|state| state.last_score.is_some()) else {
                continue;
            };
            entry.reviewed += 1;
            entry.mastery += state.mastery(input.now);
        }
        let topics = topics
            .into_values()
            .map(|mut topic| {
                topic.mastery /= topic.questions.max(1) as f64;
                topic
            })
            .collect();
        let topic_of: HashMap<&str, &str> = input.questions.iter().copied().collect();
        let weakest = weakest_first(input.states, input.now)
            .into_iter()
            .filter_map(|(state, mastery)| {
                let topic = topic_of.get(state.question_id.as_str())?;
                Some(WeakQuestion {
                    id: state.question_id.clone(),
                    topic: (*topic).to_string(),
                    mastery,
                    last_score: state.last_score.unwrap_or(0.0),
                })
            })
            .take(N_WEAKEST)
            .collect();

        Stats {
            reviews: input.answer_times.len(),
            reviews_today,
            due,
            due_week,
            streak: u32::try_from(streak).unwrap_or(u32::MAX),
            topics,
            days,
            weakest,
            fsrs: input.parameters.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Schedule;

    /// 2026-11-27T12:00:00Z.
    const NOW: i64 = 1_795_780_800;

    fn state(id: &str, score: Option<f64>, due_in_days: Option<i64>) -> QuestionState {
        QuestionState {
            question_id: id.to_string(),
            content_hash: "h".to_string(),
            last_at: NOW - 60,
            last_score: score,
            answers: 1,
            schedule: due_in_days.map(|days| Schedule {
                stability: 10.0,
                difficulty: 5.0,
                last_reviewed_at: NOW - 60,
                due_at: NOW + days * DAY_SECONDS,
                interval_days: days.max(1),
                reviews: 1,
                decay: Parameters::default_fsrs().values[20],
            }),
        }
    }

    fn compute(states: &[QuestionState], times: &[i64]) -> Stats {
        let questions = [
            ("a1", "alpha"),
            ("a2", "alpha"),
            ("b1", "beta"),
            ("c1", "gamma"),
        ];
        Stats::compute(&StatsInput {
            now: NOW,
            time_zone: &TimeZone::UTC,
            questions: &questions,
            states,
            answer_times: times,
            parameters: &Parameters::default_fsrs(),
        })
    }

    #[test]
    fn counts_days_streaks_and_due_questions() {
        let day = DAY_SECONDS;
        // Yesterday twice, the day before, then a gap, then a month ago.
        let times = [
            NOW - 40 * day,
            NOW - 3 * day,
            NOW - 2 * day,
            NOW - day,
            NOW - day + 5,
        ];
        let states = [
            state("a1", Some(1.0), Some(0)),
            state("b1", Some(0.5), Some(3)),
            state("x", Some(0.1), Some(30)),
        ];
        let stats = compute(&states, &times);
        assert_eq!(stats.reviews, 5);
        assert_eq!(stats.reviews_today, 0);
        assert_eq!(stats.streak, 3);
        assert_eq!(stats.due, 1);
        assert_eq!(stats.due_week, 2);
        assert_eq!(stats.days.len(), CHART_DAYS);
        assert_eq!(
            stats.days[CHART_DAYS - 1],
            DayCount {
                date: "2026-11-27".to_string(),
                reviews: 0
            }
        );
        assert_eq!(
            stats.days[CHART_DAYS - 2],
            DayCount {
                date: "2026-11-26".to_string(),
                reviews: 2
            }
        );
    }

    #[test]
    fn mastery_counts_unanswered_questions_as_zero() {
        let states = [
            state("a1", Some(1.0), None),
            state("b1", Some(0.5), None),
            state("c1", None, None),
        ];
        let stats = compute(&states, &[]);
        let alpha = &stats.topics[0];
        assert_eq!(
            (alpha.topic.as_str(), alpha.questions, alpha.reviewed),
            ("alpha", 2, 1)
        );
        assert_eq!(alpha.mastery, 0.5);
        assert_eq!(stats.topics[1].mastery, 0.5);
        assert_eq!(stats.topics[2].reviewed, 0);
        let weakest: Vec<&str> = stats.weakest.iter().map(|weak| weak.id.as_str()).collect();
        assert_eq!(weakest, ["b1", "a1"]);
        assert_eq!(stats.streak, 0);
    }

    #[test]
    fn today_follows_the_time_zone() {
        let zone = TimeZone::fixed(jiff::tz::Offset::constant(-14));
        // 12:00Z is 22:00 the day before at UTC-14.
        assert_eq!(local_day(&zone, NOW), local_day(&TimeZone::UTC, NOW) - 1);
        assert_eq!(day_start(&TimeZone::UTC, 10), 10 * DAY_SECONDS);
        assert_eq!(day_start(&zone, 10), 10 * DAY_SECONDS + 14 * 3600);
    }
}
