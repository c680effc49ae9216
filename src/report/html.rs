//! `report --format html`: the cohort report as one self-contained page for a
//! trainer. Inline CSS and SVG only (no script, font, image or stylesheet
//! fetched), so it opens from a mail attachment with no network; semantic
//! tables with captions and `scope`d headers; charts drawn by [`svg`] whose
//! numbers are also listed as text; `@media print` keeps table rows whole.
//!
//! Every text that came from a result file or a bank goes through [`escape`],
//! the one place that makes text safe inside HTML.
//!
//! Sections of each exam, top to bottom: at a glance, score distribution,
//! mastery by topic, learners, item analysis.

use std::collections::HashMap;
use std::fmt::Write;

use super::cohort::{self, CohortReport, Exam, QuestionRow};
use super::escape::escape;
use super::interview::InterviewRow;
use super::svg::{self, Bar, Bin};
use super::table::minutes_seconds;
use crate::score::Score;
use crate::session::result::SessionResult;
use crate::text::plural;

/// A question's words, by (content hash, question id), when the content that
/// made the exam is at hand.
pub type Prompts<'a> = &'a dyn Fn(&str, &str) -> Option<QuestionText>;

/// What the page shows of a question: its prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionText {
    pub prompt: String,
}

/// A question with a mean score above this is flagged too easy.
const TOO_EASY: f64 = 0.9;
/// A question with a mean score below this is flagged too hard.
const TOO_HARD: f64 = 0.3;
/// Discrimination at or above this reads as a clear signal.
const STRONG_SIGNAL: f64 = 0.2;
/// Discrimination within this of zero reads as none (it is shown to 2 decimals).
const NO_SIGNAL: f64 = 0.005;

/// The whole page over `report`, made from `results` (for pass marks and each
/// learner's weakest topic); `prompts` gives question texts where it can.
pub fn page(
    report: &CohortReport,
    results: &[(String, SessionResult)],
    interviews: &[InterviewRow],
    prompts: Prompts,
) -> String {
    let mut html = String::with_capacity(16 * 1024);
    html.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>xcdrill cohort report</title>\n<style>\n",
        include_str!("html.css"),
        "</style>\n</head>\n<body>\n<main>\n<h1>Cohort report</h1>\n",
    ));
    for warning in &report.warnings {
        let _ = writeln!(
            html,
            "<p class=\"warning\" role=\"note\"><strong>Warning:</strong> {}</p>",
            escape(warning)
        );
    }
    for (exam_idx, exam) in report.groups.iter().enumerate() {
        let exam_results: Vec<&(String, SessionResult)> = results
            .iter()
            .filter(|(_, result)| {
                result.seed == exam.seed && result.content_hash == exam.content_hash
            })
            .collect();
        write_exam(&mut html, exam_idx, exam, &exam_results, prompts);
    }
    if !interviews.is_empty() {
        write_interviews(&mut html, interviews);
    }
    html.push_str(
        "<footer><p>Made by <code>xcdrill report --format html</code>. Score: a learner's mean score over the exam's questions, a question not answered (not reached before the end, or skipped) counting 0. Discrimination: the stronger half's mean score on a question minus the weaker half's (by session score).</p></footer>\n</main>\n</body>\n</html>\n",
    );
    html
}

fn write_exam(
    html: &mut String,
    exam_idx: usize,
    exam: &Exam,
    results: &[&(String, SessionResult)],
    prompts: Prompts,
) {
    let id = format!("exam-{}", exam_idx + 1);
    let _ = writeln!(
        html,
        "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">Exam: seed {} · content {}</h2>",
        exam.seed,
        escape(&exam.content_hash)
    );
    write_glance(html, exam);
    let single_pass = match exam.pass_marks.as_slice() {
        [only] => Some(f64::from(*only)),
        _ => None,
    };
    write_distribution(html, &id, exam, single_pass);
    write_topics(html, exam);
    let weakest: HashMap<&str, (String, f64)> = results
        .iter()
        .filter_map(|(file, result)| Some((file.as_str(), cohort::weakest_topic(result)?)))
        .collect();
    write_learners(html, exam, &weakest);
    write_items(html, exam, prompts);
    html.push_str("</section>\n");
}

/// Median, extremes and quartiles of a set of scores.
struct Spread {
    min: f64,
    lower_quartile: f64,
    median: f64,
    upper_quartile: f64,
    max: f64,
}

impl Spread {
    /// `None` for no scores. Quartiles interpolate between neighbours (the
    /// usual spreadsheet `QUARTILE.INC`).
    fn of(scores: &[f64]) -> Option<Spread> {
        let mut sorted = scores.to_vec();
        sorted.sort_by(f64::total_cmp);
        let last = sorted.len().checked_sub(1)?;
        let quantile = |share: f64| {
            let position = share * last as f64;
            let below = position.floor() as usize;
            let above = position.ceil() as usize;
            sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
        };
        Some(Spread {
            min: sorted[0],
            lower_quartile: quantile(0.25),
            median: quantile(0.5),
            upper_quartile: quantile(0.75),
            max: sorted[last],
        })
    }
}

fn write_glance(html: &mut String, exam: &Exam) {
    let n_learners = exam.learners.len();
    let n_passed = exam.n_passed();
    let pass_mark = match exam.pass_marks.as_slice() {
        [] => "none set".to_string(),
        [only] => format!("{only}%"),
        several => format!(
            "{} (the files differ)",
            several
                .iter()
                .map(|mark| format!("{mark}%"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let scores: Vec<f64> = exam.learners.iter().map(|learner| learner.score).collect();
    let mut items = vec![
        ("Learners", n_learners.to_string()),
        ("Pass mark", pass_mark),
        (
            "Passed",
            format!(
                "{n_passed} of {n_learners} ({})",
                percent(n_passed as f64 / n_learners.max(1) as f64)
            ),
        ),
    ];
    if let Some(spread) = Spread::of(&scores) {
        items.push(("Median score", percent(spread.median)));
        items.push((
            "Range",
            format!("{}–{}", percent(spread.min), percent(spread.max)),
        ));
        items.push((
            "Middle half (interquartile)",
            format!(
                "{}–{}",
                percent(spread.lower_quartile),
                percent(spread.upper_quartile)
            ),
        ));
    }
    items.push(("Seed", exam.seed.to_string()));
    items.push((
        "Content hash",
        format!("<code>{}</code>", escape(&exam.content_hash)),
    ));
    html.push_str("<h3>At a glance</h3>\n<dl class=\"glance\">\n");
    for (term, value) in items {
        let _ = writeln!(html, "<div><dt>{term}</dt><dd>{value}</dd></div>");
    }
    html.push_str("</dl>\n");
}

/// Bands of ten points; the last takes 100 as well.
const BANDS: usize = 10;

fn write_distribution(html: &mut String, id: &str, exam: &Exam, pass_percent: Option<f64>) {
    let mut bins: Vec<Bin> = (0..BANDS)
        .map(|band| {
            let low = band * 100 / BANDS;
            let high = if band + 1 == BANDS { 100 } else { low + 9 };
            Bin {
                label: format!("{low}–{high}"),
                count: 0,
                below_pass: pass_percent.is_some_and(|pass| (high as f64) < pass),
            }
        })
        .collect();
    for learner in &exam.learners {
        let band = (learner.score_percent as usize / 10).min(BANDS - 1);
        bins[band].count += 1;
    }
    let pass_words = pass_percent.map_or_else(String::new, |pass| {
        format!("; dashed line: the pass mark, {pass}%; hatched bars: bands wholly below it")
    });
    let title = format!("Score distribution: learners per band of score{pass_words}");
    let _ = writeln!(
        html,
        "<h3>Score distribution</h3>\n<figure>\n{}\n<figcaption>{}.</figcaption>\n</figure>",
        svg::histogram(id, &title, &bins, pass_percent),
        escape(&title),
    );
    html.push_str("<ul class=\"bands\" aria-label=\"Learners per score band\">\n");
    for bin in &bins {
        let _ = writeln!(
            html,
            "<li>{}%: <strong>{}</strong></li>",
            escape(&bin.label),
            bin.count
        );
    }
    html.push_str("</ul>\n");
}

fn write_topics(html: &mut String, exam: &Exam) {
    let bars: Vec<Bar> = exam
        .topics
        .iter()
        .map(|topic| Bar {
            label: topic.topic.clone(),
            fraction: topic.mean_score,
        })
        .collect();
    let _ = writeln!(
        html,
        "<h3>Mastery by topic</h3>\n<figure>\n{}\n<figcaption>Mean score on each topic's questions (table below).</figcaption>\n</figure>",
        svg::bars(
            "Mastery by topic: mean score on each topic's questions",
            &bars
        ),
    );
    html.push_str(
        "<div class=\"scroll\" role=\"region\" aria-label=\"Mastery by topic\" tabindex=\"0\"><table>\n<caption>Topics: questions asked and mean score</caption>\n<thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Questions</th><th scope=\"col\">Mean score</th></tr></thead>\n<tbody>\n",
    );
    for topic in &exam.topics {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&topic.topic),
            topic.questions,
            percent(topic.mean_score)
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
}

fn write_learners(html: &mut String, exam: &Exam, weakest: &HashMap<&str, (String, f64)>) {
    let mut learners: Vec<&cohort::LearnerRow> = exam.learners.iter().collect();
    learners.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.file.cmp(&b.file))
    });
    html.push_str(
        "<h3>Learners</h3>\n<div class=\"scroll\" role=\"region\" aria-label=\"Learners\" tabindex=\"0\"><table>\n<caption>Learners, highest score first</caption>\n<thead><tr><th scope=\"col\">Learner</th><th scope=\"col\">Score</th><th scope=\"col\">Passed</th><th scope=\"col\">Time (min:s)</th><th scope=\"col\">Weakest topic</th></tr></thead>\n<tbody>\n",
    );
    for learner in learners {
        let weakest_topic = weakest
            .get(learner.file.as_str())
            .map_or_else(String::new, |(topic, score)| {
                format!("{} ({})", escape(topic), percent(*score))
            });
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}%</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&learner.name),
            learner.score_percent,
            if learner.passed { "✓ yes" } else { "✗ no" },
            minutes_seconds(learner.seconds),
            weakest_topic,
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
}

/// The mock interviews: per learner the verdict, the answers and follow-ups
/// passed, and the gaps as fact ids.
fn write_interviews(html: &mut String, interviews: &[InterviewRow]) {
    html.push_str(
        "<section aria-labelledby=\"interviews\">\n<h2 id=\"interviews\">Interviews</h2>\n<div class=\"scroll\" role=\"region\" aria-label=\"Interviews\" tabindex=\"0\"><table>\n<caption>Mock interviews, in the order given</caption>\n<thead><tr><th scope=\"col\">Learner</th><th scope=\"col\">Verdict</th><th scope=\"col\">Answers passed</th><th scope=\"col\">Follow-ups right</th><th scope=\"col\">Gaps</th></tr></thead>\n<tbody>\n",
    );
    for row in interviews {
        let gaps: Vec<String> = row
            .gaps
            .iter()
            .map(|gap| format!("<code>{}</code>", escape(gap)))
            .collect();
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{} of {}</td><td class=\"num\">{} of {}</td><td>{}</td></tr>",
            escape(&row.name),
            escape(&row.verdict),
            row.passed,
            row.questions,
            row.followups_passed,
            row.followups,
            if gaps.is_empty() {
                "none".to_string()
            } else {
                gaps.join(", ")
            },
        );
    }
    html.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn write_items(html: &mut String, exam: &Exam, prompts: Prompts) {
    let flags: Vec<Vec<&str>> = exam.questions.iter().map(flags).collect();
    let n_flagged = flags.iter().filter(|flags| !flags.is_empty()).count();
    let _ = writeln!(
        html,
        "<h3>Item analysis</h3>\n<p>{n_flagged} of {} question{} flagged to look at: too easy (over {:.0}% right), too hard (under {:.0}%) or negative discrimination.</p>",
        exam.questions.len(),
        plural(exam.questions.len()),
        TOO_EASY * 100.0,
        TOO_HARD * 100.0,
    );
    html.push_str(
        "<div class=\"scroll\" role=\"region\" aria-label=\"Item analysis\" tabindex=\"0\"><table class=\"items\">\n<caption>Questions in the order asked</caption>\n<thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Right (mean score)</th><th scope=\"col\">Discrimination</th><th scope=\"col\">Most chosen wrong answer</th><th scope=\"col\">Flags</th></tr></thead>\n<tbody>\n",
    );
    for (question, flags) in exam.questions.iter().zip(&flags) {
        let text = prompts(&exam.content_hash, &question.id);
        let prompt = text.as_ref().map_or_else(String::new, |text| {
            format!("<span class=\"prompt\">{}</span><br>", escape(&text.prompt))
        });
        let discrimination = match question.discrimination {
            Some(value) => format!("{:.2}: {}", value + 0.0, discrimination_reading(value)),
            None => "too few learners".to_string(),
        };
        let wrong = question
            .wrong_answer
            .as_ref()
            .map_or_else(String::new, |wrong| {
                format!("{} ({}×)", escape(&wrong.shown()), wrong.count)
            });
        let flag_cells: String = flags
            .iter()
            .map(|flag| format!("<span class=\"flag\">⚑ {flag}</span> "))
            .collect();
        let _ = writeln!(
            html,
            "<tr{}><th scope=\"row\">{prompt}<code>{}</code> · {} · {}</th><td class=\"num\">{}</td><td>{discrimination}</td><td>{wrong}</td><td>{}</td></tr>",
            if flags.is_empty() {
                ""
            } else {
                " class=\"flagged\""
            },
            escape(&question.id),
            escape(&question.topic),
            escape(&question.kind),
            percent(question.mean_score),
            flag_cells.trim_end(),
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
}

/// What a trainer should look at in a question.
fn flags(question: &QuestionRow) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if question.mean_score > TOO_EASY {
        flags.push("too easy");
    }
    if question.mean_score < TOO_HARD {
        flags.push("too hard");
    }
    if question
        .discrimination
        .is_some_and(|value| value <= -NO_SIGNAL)
    {
        flags.push("negative discrimination");
    }
    flags
}

/// A discrimination value in plain words.
fn discrimination_reading(value: f64) -> &'static str {
    if value <= -NO_SIGNAL {
        "negative: check the key"
    } else if value < NO_SIGNAL {
        "no signal"
    } else if value < STRONG_SIGNAL {
        "weak signal"
    } else {
        "strong learners got it right more often"
    }
}

fn percent(fraction: f64) -> String {
    Score::new(fraction).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_and_quotes_text() {
        assert_eq!(
            escape("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
    }

    #[test]
    fn spread_interpolates_quartiles() {
        let spread = Spread::of(&[0.0, 25.0, 75.0, 100.0]).expect("scores");
        assert_eq!(
            (
                spread.min,
                spread.lower_quartile,
                spread.median,
                spread.upper_quartile,
                spread.max
            ),
            (0.0, 18.75, 50.0, 81.25, 100.0)
        );
        assert!(Spread::of(&[]).is_none());
    }

    #[test]
    fn discrimination_reads_in_plain_words() {
        for (value, expected) in [
            (-0.5, "negative: check the key"),
            (0.0, "no signal"),
            (-0.001, "no signal"),
            (0.1, "weak signal"),
            (0.6, "strong learners got it right more often"),
        ] {
            assert_eq!(discrimination_reading(value), expected, "{value}");
        }
    }
}
