//! `xcdrill stats`, `export`, `import` and `report`: progress in a temporary
//! data dir with a pinned clock (`XCDRILL_NOW`, `TZ=UTC`), and a synthetic
//! cohort of result files.

use serde_json::{Value, json};
use xcdrill::session::rating::Rating;
use xcdrill::store::{Answer, DAY_SECONDS, Mode, Review};

use super::harness::{Run, Workspace, assert_line, content_dir};

/// 2026-11-27T12:00:00Z.
pub(super) const NOW: i64 = 1_795_780_800;

/// The bank the progress and durability tests answer.
pub(super) const BANK: &str = r#"format_version = 1

[[fact]]
id = "chain.contact-needs-account"
statement = "An external user is enabled from a contact linked to an account."
source = "seed: Quick interview answer"

[[question]]
id = "alpha.one"
kind = "truefalse"
topic = "alpha"
prompt = "A contact needs an account first."
answer = true
explanation = "The user is enabled from a contact of an account."
facts = ["chain.contact-needs-account"]

[[question]]
id = "alpha.two"
kind = "truefalse"
topic = "alpha"
prompt = "A private contact can be enabled."
answer = false
explanation = "A private contact has no account."
facts = ["chain.contact-needs-account"]

[[question]]
id = "beta.one"
kind = "truefalse"
topic = "beta"
prompt = "The account comes before the contact."
answer = true
explanation = "The contact belongs to the account."
facts = ["chain.contact-needs-account"]
"#;

fn review(question_id: &str, days_ago: i64, score: f64, rating: Rating) -> Review {
    Review::from(Answer {
        question_id: question_id.to_string(),
        content_hash: "hash-1".to_string(),
        reviewed_at: NOW - days_ago * DAY_SECONDS - 3600,
        mode: Mode::Review,
        score,
        rating,
        seconds: 8.0,
        hints: 0,
        session: "1".to_string(),
    })
}

/// A workspace with the test bank in `bank/`.
fn workspace() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("bank/questions.toml", BANK);
    workspace
}

/// Runs `xcdrill --content bank ARGS` at [`NOW`] in UTC.
fn run(workspace: &Workspace, args: &[&str]) -> Run {
    let mut all = vec!["--content", "bank"];
    all.extend_from_slice(args);
    workspace.run_with(
        &all,
        "",
        &[("XCDRILL_NOW", &NOW.to_string()), ("TZ", "UTC")],
    )
}

/// Three reviews on three days (yesterday twice counts one day), imported.
fn workspace_with_progress() -> Workspace {
    let workspace = workspace();
    let reviews = [
        review("alpha.one", 2, 1.0, Rating::Good),
        review("alpha.one", 1, 1.0, Rating::Good),
        review("beta.one", 1, 0.4, Rating::Again),
        review("alpha.one", 0, 0.9, Rating::Good),
    ];
    workspace.write(
        "reviews.json",
        serde_json::to_string(&reviews).expect("json"),
    );
    run(&workspace, &["import", "reviews.json"])
        .succeeds()
        .stdout_is("imported 4 reviews from `reviews.json`; skipped 0 already present\n");
    workspace
}

#[test]
fn stats_on_a_new_store_lists_every_topic_at_zero() {
    let workspace = workspace();
    let json = run(&workspace, &["stats", "--json"]).succeeds().json();
    assert_eq!(
        (json["reviews"].clone(), json["due"].clone()),
        (json!(0), json!(0))
    );
    assert_eq!(
        json["topics"],
        json!([
            {"topic": "alpha", "mastery": 0.0, "questions": 2, "reviewed": 0},
            {"topic": "beta", "mastery": 0.0, "questions": 1, "reviewed": 0},
        ])
    );
    run(&workspace, &["stats"]).succeeds().stdout_is(
        "Reviews  0 in total, 0 today\n\
         Due      0 today, 0 this week\n\
         Streak   0 days\n\
         FSRS     default parameters (`xcdrill stats --optimize` fits your own)\n\n\
         No reviews yet: `xcdrill quiz` starts a session.\n\n\
         Mastery by topic\n  \
         alpha  --------------------    0%  0/2 reviewed\n  \
         beta   --------------------    0%  0/1 reviewed\n\n\
         Last 30 days (at most 0 a day)\n  \
         2026-10-29 |                              | 2026-11-27\n",
    );
}

#[test]
fn stats_read_the_repository_content() {
    let workspace = Workspace::new();
    let content = content_dir().display().to_string();
    let stats = workspace.run(&["--content", &content, "stats", "--json"]);
    assert!(stats.succeeds().json()["topics"].is_array());
}

#[test]
fn stats_count_reviews_days_streak_and_weak_questions() {
    let workspace = workspace_with_progress();
    let json = run(&workspace, &["stats", "--json"]).json();
    assert_eq!(json["reviews"], 4);
    assert_eq!(json["reviews_today"], 1);
    assert_eq!(json["streak"], 3);
    // beta.one was forgotten yesterday: due again by today.
    assert_eq!(json["due"], 1);
    let days = json["days"].as_array().expect("days");
    assert_eq!(days.len(), 30);
    assert_eq!(days[29], json!({"date": "2026-11-27", "reviews": 1}));
    assert_eq!(days[28], json!({"date": "2026-11-26", "reviews": 2}));
    assert_eq!(json["weakest"][0]["id"], "beta.one");
    assert_eq!(json["topics"][0]["reviewed"], 1);
    let alpha = json["topics"][0]["mastery"].as_f64().expect("mastery");
    assert!(alpha > 0.4 && alpha <= 0.45, "{alpha}");
}

#[test]
fn stats_draw_ascii_when_piped_and_unicode_with_colour() {
    let workspace = workspace_with_progress();
    let piped = run(&workspace, &["stats"]);
    piped.succeeds().stdout_is(
        "Reviews  4 in total, 1 today\n\
         Due      1 today, 1 this week\n\
         Streak   3 days\n\
         FSRS     default parameters (`xcdrill stats --optimize` fits your own)\n\n\
         Mastery by topic\n  \
         alpha  #########-----------   44%  1/2 reviewed\n  \
         beta   ######--------------   30%  1/1 reviewed\n\n\
         Last 30 days (at most 2 a day)\n  \
         2026-10-29 |                           =@=| 2026-11-27\n\n\
         Weakest questions\n  \
         beta.one    30%  last score 40%\n  \
         alpha.one   89%  last score 90%\n",
    );
    assert!(piped.stdout.is_ascii(), "{}", piped.stdout);
    let coloured = run(&workspace, &["--color", "always", "stats"]);
    assert!(
        coloured.stdout.contains('█') && coloured.stdout.contains('░'),
        "{}",
        coloured.stdout
    );
}

/// A bank of `n` true/false questions, `drill.q00` on.
fn drill_bank(n: usize) -> String {
    let mut bank = String::from(
        "format_version = 1\n\n[[fact]]\nid = \"chain.contact-needs-account\"\n\
         statement = \"An external user is enabled from a contact linked to an account.\"\n\
         source = \"seed: Quick interview answer\"\n",
    );
    for question in 0..n {
        bank.push_str(&format!(
            "\n[[question]]\nid = \"drill.q{question:02}\"\nkind = \"truefalse\"\n\
             topic = \"drill\"\nprompt = \"Statement number {question} is true.\"\n\
             answer = true\nexplanation = \"It is.\"\nfacts = [\"chain.contact-needs-account\"]\n"
        ));
    }
    bank
}

/// A learner's log over 100 days: each of `questions` questions first
/// answered Good, then again 3, 7, 15 and 30 days later with a fixed mix of
/// ratings. Every review after the first counts for optimising.
fn learner_log(questions: usize) -> Vec<Review> {
    let mut log = Vec::new();
    for question in 0..questions {
        let id = format!("drill.q{question:02}");
        let mut days_ago = 100 - (question as i64 % 5);
        for (round, gap) in [0, 3, 7, 15, 30].into_iter().enumerate() {
            days_ago -= gap;
            let rating = match (question * 7 + round * 3) % 10 {
                _ if round == 0 => Rating::Good,
                0 | 5 => Rating::Again,
                1 => Rating::Hard,
                9 => Rating::Easy,
                _ => Rating::Good,
            };
            let score = if rating == Rating::Again { 0.0 } else { 1.0 };
            log.push(review(&id, days_ago, score, rating));
        }
    }
    log
}

/// A workspace whose store holds [`learner_log`] of 30 questions.
fn workspace_with_a_long_log() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("bank/questions.toml", drill_bank(30));
    workspace.write(
        "reviews.json",
        serde_json::to_string(&learner_log(30)).expect("json"),
    );
    run(&workspace, &["import", "reviews.json"])
        .succeeds()
        .stdout_is("imported 150 reviews from `reviews.json`; skipped 0 already present\n");
    workspace
}

/// The bytes of every file in the data dir, by name.
fn data_files(workspace: &Workspace) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(workspace.path("data")) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let entry = entry.expect("entry");
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn optimize_fits_personal_parameters_that_stats_then_uses() {
    let workspace = workspace_with_a_long_log();
    let before = run(&workspace, &["stats", "--json"]).succeeds().json();
    let defaults = before["fsrs"]["values"].clone();
    assert_eq!(before["fsrs"]["parameters"], "default");
    assert_eq!(defaults.as_array().map(Vec::len), Some(21));

    let optimized = run(&workspace, &["stats", "--optimize", "--json"])
        .succeeds()
        .json();
    assert_eq!(optimized["optimized"], true);
    assert_eq!(
        (
            &optimized["reviews"],
            &optimized["questions"],
            &optimized["minimum"]
        ),
        (&json!(120), &json!(30), &json!(64))
    );
    let fsrs = &optimized["fsrs"];
    assert_eq!(fsrs["parameters"], "personal");
    assert_eq!(
        (&fsrs["optimized_at"], &fsrs["reviews"], &fsrs["questions"]),
        (&json!(NOW), &json!(120), &json!(30))
    );
    let values = fsrs["values"].as_array().expect("values");
    assert_eq!(values.len(), 21);
    assert!(
        values
            .iter()
            .all(|value| value.as_f64().is_some_and(f64::is_finite))
    );
    assert_ne!(fsrs["values"], defaults);
    let rescheduled = &optimized["rescheduled"];
    assert_eq!(rescheduled["scheduled"], 30);
    let moved = rescheduled["moved"].as_u64().expect("moved");
    let (earlier, later) = (
        rescheduled["earlier"].as_u64().expect("earlier"),
        rescheduled["later"].as_u64().expect("later"),
    );
    assert!(moved > 0 && moved == earlier + later, "{rescheduled}");

    // `stats` says which parameters are in use, and uses them.
    let after = run(&workspace, &["stats", "--json"]).succeeds().json();
    assert_eq!(&after["fsrs"], fsrs);
    assert_eq!(after["reviews"], before["reviews"]);
    assert_line(
        &run(&workspace, &["stats"]).succeeds().stdout,
        "FSRS     personal parameters, optimised 2026-11-27 from 120 reviews of 30 questions",
    );

    // The same log elsewhere, in words: the same fit (the optimiser is
    // deterministic).
    let other = workspace_with_a_long_log();
    run(&other, &["stats", "--optimize"])
        .succeeds()
        .stdout_is(&format!(
            "Optimised the FSRS parameters from 120 reviews of 30 questions.\n\
         Schedules recomputed: {moved} of 30 due dates moved ({earlier} earlier, {later} later).\n\
         Every schedule now uses these personal parameters; `xcdrill stats --optimize` again \
         refits them as reviews accumulate.\n"
        ));
    assert_eq!(
        run(&other, &["stats", "--json"]).succeeds().json()["fsrs"],
        *fsrs
    );
}

#[test]
fn optimize_with_too_little_data_says_so_and_changes_nothing() {
    let workspace = workspace_with_progress();
    let files = data_files(&workspace);
    run(&workspace, &["stats", "--optimize"])
        .succeeds()
        .stdout_is(
            "Not enough reviews to optimise the FSRS parameters: 2 reviews of 1 question count, \
         and at least 64 are needed (a review counts when it comes a day or more after the \
         question's previous one).\n\
         Nothing changed: schedules keep the default parameters.\n",
        );
    let json = run(&workspace, &["stats", "--optimize", "--json"])
        .succeeds()
        .json();
    assert_eq!(
        (
            &json["optimized"],
            &json["reviews"],
            &json["questions"],
            &json["minimum"],
            &json["fsrs"]["parameters"]
        ),
        (
            &json!(false),
            &json!(2),
            &json!(1),
            &json!(64),
            &json!("default")
        )
    );
    assert!(
        json["reason"]
            .as_str()
            .is_some_and(|reason| reason.contains("at least 64"))
    );
    assert_eq!(data_files(&workspace), files);
    assert_eq!(
        run(&workspace, &["stats", "--json"]).json()["fsrs"]["parameters"],
        "default"
    );

    // No store at all: nothing to learn from, and no store is created.
    let empty = Workspace::new();
    empty.write("bank/questions.toml", BANK);
    run(&empty, &["stats", "--optimize"]).succeeds().stdout_is(
        "Not enough reviews to optimise the FSRS parameters: 0 reviews of 0 questions count, \
         and at least 64 are needed (a review counts when it comes a day or more after the \
         question's previous one).\n\
         Nothing changed: schedules keep the default parameters.\n",
    );
    assert!(!empty.path("data").join("progress.sqlite3").exists());
}

#[test]
fn export_then_import_elsewhere_round_trips_and_twice_adds_nothing() {
    let workspace = workspace_with_progress();
    run(&workspace, &["export", "--output", "export.json"]).succeeds();
    let other = ["--data-dir", "other"];
    run(
        &workspace,
        &[&other[..], &["import", "export.json"]].concat(),
    )
    .succeeds()
    .stdout_is("imported 4 reviews from `export.json`; skipped 0 already present\n");
    let second = run(
        &workspace,
        &[&other[..], &["import", "export.json"]].concat(),
    );
    assert_eq!(
        second.stdout,
        "imported 0 reviews from `export.json`; skipped 4 already present\n"
    );
    let here = run(&workspace, &["export"]).json();
    let there = run(&workspace, &[&other[..], &["export"]].concat()).json();
    assert_eq!(here, there);
    assert_eq!(here[0]["question_id"], "alpha.one");
    assert_eq!(here[0]["mode"], "review");
    assert_eq!(here[0]["rating"], "good");

    let csv = run(&workspace, &["export", "--format", "csv"]);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "id,question_id,content_hash,reviewed_at,mode,score,rating,seconds,hints,session"
    );
    assert_eq!(lines.len(), 5);
    assert!(lines[1].contains(",alpha.one,hash-1,"), "{}", lines[1]);
}

#[test]
fn an_invalid_import_exits_2_naming_the_file() {
    let workspace = workspace();
    workspace.write("bad.json", "{\"not\": \"reviews\"}");
    run(&workspace, &["import", "bad.json"]).fails_with(
        2,
        "error: `bad.json` is not a valid review export: \
         invalid type: map, expected a sequence at line 1 column 0\n",
    );
}

#[test]
fn importing_a_csv_export_says_that_import_reads_json() {
    let workspace = workspace();
    run(&workspace, &["quiz", "--count", "1", "--seed", "1"]).succeeds();
    run(
        &workspace,
        &["export", "--format", "csv", "--output", "reviews.csv"],
    )
    .succeeds();
    run(&workspace, &["import", "reviews.csv"]).fails_with(
        2,
        "error: `reviews.csv` is not a valid review export: it is the CSV of `xcdrill export --format csv`; `import` reads the JSON that `xcdrill export` writes (its default `--format json`)\n",
    );
    workspace.write("notes.txt", "my notes");
    run(&workspace, &["import", "notes.txt"]).fails_with(
        2,
        "error: `notes.txt` is not a valid review export: it is not JSON; \
         `import` reads the JSON that `xcdrill export` writes (its default `--format json`)\n",
    );
}

#[test]
fn a_corrupt_store_stops_stats_and_is_left_unchanged() {
    let workspace = workspace();
    let garbage = b"not a database at all, just words".repeat(200);
    let path = workspace.write("data/progress.sqlite3", &garbage);
    run(&workspace, &["stats"]).fails_with(
        2,
        &format!(
            "error: `{}` is not a readable xcdrill progress store (file is not a database); \
             it was left unchanged: restore it from a backup, or move it aside to start with \
             empty progress\n",
            path.display()
        ),
    );
    assert_eq!(std::fs::read(path).expect("still there"), garbage);
}

/// A result file: `answers` maps each question to (answer, score).
fn result_file(name: &str, seed: u64, answers: &[(&str, &str, &str, Option<&str>, f64)]) -> Value {
    let questions: Vec<Value> = answers
        .iter()
        .map(|&(id, topic, kind, answer, score)| {
            json!({"id": id, "topic": topic, "kind": kind, "answer": answer, "score": score,
                   "passed": score >= 0.7, "seconds": 30.0})
        })
        .collect();
    let score = answers.iter().map(|answer| answer.4).sum::<f64>() / answers.len() as f64;
    json!({
        "format": 1, "seed": seed, "mode": "exam", "content_hash": "c0ffee", "name": name,
        "started": "2026-11-27T09:00:00Z", "ended": "2026-11-27T09:10:00Z",
        "pass_percent": 70.0, "score": score, "passed": score >= 0.7, "questions": questions,
    })
}

/// Four learners; `q.choice`'s right answer is `a`.
fn cohort(workspace: &Workspace) -> Vec<String> {
    let learners = [
        ("ann", Some("a"), 1.0),
        ("bob", Some("a"), 0.5),
        ("cy", Some("c"), 0.5),
        ("dee", Some("c"), 0.0),
    ];
    learners
        .iter()
        .map(|&(name, choice, recall)| {
            let choice_score = if choice == Some("a") { 1.0 } else { 0.0 };
            let file = result_file(
                name,
                42,
                &[
                    ("q.choice", "alpha", "choice", choice, choice_score),
                    ("q.recall", "beta", "recall", Some("words"), recall),
                ],
            );
            let path = format!("results/{name}.json");
            workspace.write(&path, file.to_string());
            path
        })
        .collect()
}

#[test]
fn report_over_a_known_cohort_gives_the_known_figures() {
    let workspace = Workspace::new();
    let files = cohort(&workspace);
    let args: Vec<&str> = ["report", "--format", "json"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let json = workspace.run(&args).succeeds().json();
    let exam = &json["groups"][0];
    assert_eq!(json["warnings"], json!([]));
    assert_eq!(
        exam["learners"][0],
        json!({"name": "ann", "file": "results/ann.json", "score": 1.0, "score_percent": 100, "passed": true, "seconds": 600.0})
    );
    // Ranked ann (100%), bob (75%) | cy (25%), dee (0%).
    let choice = &exam["questions"][0];
    assert_eq!(choice["mean_score"], 0.5);
    assert_eq!(choice["discrimination"], 1.0);
    // Made with other content than the active one: no words for the letter.
    assert_eq!(
        choice["wrong_answer"],
        json!({"answer": "c", "count": 2, "words": null})
    );
    let recall = &exam["questions"][1];
    assert_eq!(recall["mean_score"], 0.5);
    assert_eq!(recall["discrimination"], 0.5);
    assert_eq!(
        exam["topics"],
        json!([
            {"topic": "alpha", "questions": 1, "mean_score": 0.5},
            {"topic": "beta", "questions": 1, "mean_score": 0.5},
        ])
    );

    let table = workspace.run(&[&["report"][..], &args[3..]].concat());
    assert_line(&table.succeeds().stdout, "Seed 42, content c0ffee");
    assert_line(
        &table.stdout,
        "ann       100%  yes     10:00  results/ann.json",
    );
    let markdown = workspace.run(&[&["report", "--format", "markdown"][..], &args[3..]].concat());
    assert_line(
        &markdown.succeeds().stdout,
        "| q.choice | alpha | 4 | 4 | 50% | 1.00 | choice c (2×) |",
    );
    let csv = workspace.run(&[&["report", "--format", "csv"][..], &args[3..]].concat());
    assert!(
        csv.stdout.starts_with(
            "seed,content_hash,learner,score_percent,passed,seconds,file\n42,c0ffee,ann,100,true,600,results/ann.json\n"
        ),
        "{}",
        csv.stdout
    );
}

#[test]
fn report_separates_exams_with_a_warning() {
    let workspace = Workspace::new();
    let mut files = cohort(&workspace);
    let stranger = result_file("zed", 7, &[("q.choice", "alpha", "choice", Some("b"), 0.0)]);
    files.push(
        workspace
            .write("results/zed.json", stranger.to_string())
            .display()
            .to_string(),
    );
    let args: Vec<&str> = ["report", "--format", "json"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let report = workspace.run(&args);
    report.succeeds();
    assert_eq!(
        report.stderr,
        "warning: 5 result files were made with other content than the active one, so their \
         question ids were not checked (`--content DIR` checks them against those banks)\n\
         warning: the files come from 2 different exams (seed and content hash); \
         each is reported separately\n"
    );
    let json = report.json();
    assert_eq!(json["groups"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["groups"][1]["seed"], 7);
}

#[test]
fn report_exits_2_naming_an_unreadable_or_invalid_file() {
    let workspace = Workspace::new();
    let files = cohort(&workspace);
    workspace.write("results/broken.json", "{\"format\": 1");
    // Every bad file is named in one run, the good ones not.
    workspace
        .run(&[
            "report",
            "results/broken.json",
            &files[0],
            "results/missing.json",
        ])
        .fails_with(
            2,
            &format!(
                "error: `results/broken.json` is not a valid result file: \
                 EOF while parsing an object at line 1 column 12\n\
                 error: cannot read `results/missing.json`\ncaused by: {}\n\
                 error: 2 of 3 result files have problems (above); nothing was reported\n",
                workspace.read_error("results/missing.json")
            ),
        );
    let newer = result_file("ann", 1, &[("q", "t", "choice", Some("a"), 1.0)]);
    let mut newer = newer;
    newer["format"] = json!(99);
    workspace.write("results/newer.json", newer.to_string());
    workspace.run(&["report", "results/newer.json"]).fails_with(
        2,
        "error: results/newer.json: its format 99 is newer than this xcdrill reads (1); \
             upgrade xcdrill\n\
             error: 1 of 1 result file has problems (above); nothing was reported\n",
    );
}

#[test]
fn two_processes_importing_at_once_lose_nothing() {
    let workspace = workspace();
    let n_files = 6;
    for writer in 0..2 {
        for file in 0..n_files {
            let reviews: Vec<Review> = (0..50)
                .map(|idx| {
                    // Import takes only questions of the active content.
                    let question = ["alpha.one", "alpha.two", "beta.one"][idx % 3];
                    let mut review = review(question, 0, 1.0, Rating::Good);
                    review.id = format!("w{writer}-f{file}-r{idx}");
                    review
                })
                .collect();
            let name = format!("w{writer}-{file}.json");
            workspace.write(&name, serde_json::to_string(&reviews).expect("json"));
        }
    }
    // Two threads, each running its imports one after another as separate
    // processes, so the two writers' transactions interleave.
    std::thread::scope(|scope| {
        for writer in 0..2 {
            let workspace = &workspace;
            scope.spawn(move || {
                for file in 0..n_files {
                    let name = format!("w{writer}-{file}.json");
                    run(workspace, &["import", &name]).succeeds();
                }
            });
        }
    });
    let exported = run(&workspace, &["export"]).json();
    assert_eq!(exported.as_array().map(Vec::len), Some(2 * n_files * 50));
}

#[test]
fn report_refuses_a_result_file_with_out_of_range_numbers() {
    let workspace = workspace();
    let mut bad = result_file("ann", 1, &[("q", "t", "choice", Some("a"), 1.0)]);
    bad["score"] = json!(5.0);
    workspace.write("results/bad.json", bad.to_string());
    workspace
        .run(&["report", "results/bad.json"])
        .fails_with(
            2,
            "error: results/bad.json: its score 5 is outside 0 to 1\n\
             error: 1 of 1 result file has problems (above); nothing was reported\n",
        )
        .stdout_is("");
}

#[test]
fn stats_help_and_the_manual_give_optimize_and_its_minimum() {
    // Words apart from wrapping, and the manual's apostrophe as one.
    let words = |text: &str| {
        text.replace("\\*(Aq", "'")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let minimum = format!(
        "at least {} reviews made a day or more after the question's previous one",
        xcdrill::store::MIN_REVIEWS
    );
    for args in [&["stats", "--help"][..], &["man"]] {
        let text = words(&Workspace::new().run(args).succeeds().stdout);
        assert!(text.contains(&minimum), "{args:?}: {text}");
        assert!(
            text.contains("Fit the FSRS parameters to your own review log"),
            "{args:?}"
        );
    }
}
