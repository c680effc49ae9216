//! `xcdrill report` on hostile result files: absurd fields, numbers out of
//! range, future times, unknown or repeated ids, oversized files and FIFOs
//! are refused with the file and entry named, never a panic; and
//! `--format html`, checked against `--format json` for the same files.

use serde_json::{Value, json};

use crate::harness::{Run, Workspace};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bank");
const NOW: &str = "2026-11-27T12:00:00Z";

/// A result file of one learner with entries (id, score) of topic `t`.
fn result_file(name: &str, entries: &[(&str, f64)]) -> Value {
    let questions: Vec<Value> = entries
        .iter()
        .map(|&(id, score)| {
            json!({"id": id, "topic": "t", "kind": "choice", "answer": "a", "score": score,
                   "passed": score >= 0.7, "seconds": 30.0})
        })
        .collect();
    json!({
        "format": 1, "seed": 3, "mode": "exam", "content_hash": "c0ffee", "name": name,
        "started": "2026-11-27T09:00:00Z", "ended": "2026-11-27T09:10:00Z",
        "pass_percent": 70.0, "score": 0.5, "passed": false, "questions": questions,
    })
}

/// `xcdrill report ARGS` at [`NOW`].
fn report(workspace: &Workspace, args: &[&str]) -> Run {
    let mut full = vec!["report"];
    full.extend_from_slice(args);
    workspace.run_with(&full, "", &[("XCDRILL_NOW", NOW)])
}

#[test]
fn report_of_a_65536_character_name_or_id_is_refused_with_the_entry_not_a_panic() {
    let workspace = Workspace::new();
    let long = "n".repeat(65_536);
    let file = result_file(&long, &[("q.one", 1.0), (&long, 0.0)]);
    workspace.write("huge.json", file.to_string());
    // The entry is named by the start of its id.
    let start = "n".repeat(59);
    report(&workspace, &["huge.json"])
        .fails_with(
            2,
            &format!(
                "error: huge.json: its `name` is 65536 bytes, over the limit of 16384\n\
                 error: huge.json: entry 2 (`{start}…`): its `id` is 65536 bytes, over the limit of 16384\n\
                 error: 1 of 1 result file has problems (above); nothing was reported\n"
            ),
        )
        .stdout_is("");
}

#[test]
fn report_of_long_names_within_the_limits_cuts_them_for_reading() {
    let workspace = Workspace::new();
    let name = "é".repeat(5_000);
    workspace.write(
        "long.json",
        result_file(&name, &[("q.one", 1.0)]).to_string(),
    );
    for format in ["table", "markdown"] {
        let run = report(&workspace, &["long.json", "--format", format]);
        run.succeeds();
        assert!(run.stdout.contains("éé…"), "{}", run.stdout);
        assert!(!run.stdout.contains(&name), "{format} is cut");
    }
    let csv = report(&workspace, &["long.json", "--format", "csv"]);
    assert!(csv.stdout.contains(&name), "CSV keeps the data whole");
}

#[test]
fn quiz_name_over_200_characters_is_a_usage_error() {
    let workspace = Workspace::new();
    let long = "n".repeat(65_536);
    workspace
        .run(&["--content", FIXTURE, "quiz", "--name", &long])
        .fails_with(
            2,
            &format!(
                "error: invalid value '{long}' for '--name <NAME>': \
                 the name is 65536 characters; at most 200 fit in a result file\n\n\
                 For more information, try '--help'.\n"
            ),
        );
    let fits = "n".repeat(200);
    let run = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--count",
            "1",
            "--name",
            &fits,
            "--output",
            "r.json",
        ],
        "a\n",
        &[("XCDRILL_NOW", NOW)],
    );
    run.succeeds();
    // What quiz writes, report reads.
    workspace
        .run_with(
            &["--content", FIXTURE, "report", "r.json"],
            "",
            &[("XCDRILL_NOW", NOW)],
        )
        .succeeds();
}

#[test]
fn report_refuses_future_times_duplicate_ids_and_numbers_out_of_range_per_entry() {
    let workspace = Workspace::new();
    let mut file = result_file("ann", &[("q.one", 1.0), ("q.two", 7.0), ("q.one", 0.0)]);
    file["ended"] = json!("2027-01-01T00:00:00Z");
    file["questions"][1]["seconds"] = json!(-4.0);
    workspace.write("ann.json", file.to_string());
    workspace.write(
        "bob.json",
        result_file("bob", &[("q.one", 1.0)]).to_string(),
    );
    // bob.json is fine and is not named.
    report(&workspace, &["bob.json", "ann.json"])
        .fails_with(
            2,
            "error: ann.json: its `ended` time 2027-01-01T00:00:00Z is in the future \
             (now is 2026-11-27T12:00:00Z)\n\
             error: ann.json: entry 2 (`q.two`): its score 7 is outside 0 to 1\n\
             error: ann.json: entry 2 (`q.two`): its time -4 seconds is negative or over a week\n\
             error: ann.json: entry 3 (`q.one`): the question is listed again (first at entry 1)\n\
             error: 1 of 2 result files has problems (above); nothing was reported\n",
        )
        .stdout_is("");
}

#[test]
fn report_refuses_ids_the_content_it_names_does_not_have() {
    let workspace = Workspace::new();
    let exam = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--count",
            "2",
            "--output",
            "r.json",
        ],
        "a\na\n",
        &[("XCDRILL_NOW", NOW)],
    );
    exam.succeeds();
    let text = std::fs::read_to_string(workspace.path("r.json")).expect("result written");
    let mut file: Value = serde_json::from_str(&text).expect("json");
    file["questions"][1]["id"] = json!("no.such.question");
    workspace.write("r.json", file.to_string());
    workspace
        .run_with(
            &["--content", FIXTURE, "report", "r.json"],
            "",
            &[("XCDRILL_NOW", NOW)],
        )
        .fails_with(
            2,
            "error: r.json: entry 2 (`no.such.question`): \
             no question of the content it names has this id\n\
             error: 1 of 1 result file has problems (above); nothing was reported\n",
        );
    // With other content active the ids can't be judged: it says so.
    let other = report(&workspace, &["r.json"]);
    other.succeeds();
    assert_eq!(
        other.stderr,
        "warning: 1 result file was made with other content than the active one, so its \
         question ids were not checked (`--content DIR` checks them against those banks)\n"
    );
}

#[test]
fn report_refuses_a_file_over_64_mib() {
    let workspace = Workspace::new();
    let big = std::fs::File::create(workspace.path("big.json")).expect("create");
    big.set_len(65 * 1024 * 1024).expect("a sparse file");
    report(&workspace, &["big.json"]).fails_with(
        2,
        "error: `big.json` is not a valid result file: \
         it is over the limit of 67108864 bytes (64 MiB)\n\
         error: 1 of 1 result file has problems (above); nothing was reported\n",
    );
}

#[test]
fn report_counts_the_same_session_given_twice_once_with_a_warning() {
    let workspace = Workspace::new();
    let file = result_file("ann", &[("q.one", 1.0)]);
    workspace.write("ann.json", file.to_string());
    // A copy with other spacing is still the same session.
    workspace.write(
        "copy.json",
        serde_json::to_string_pretty(&file).expect("json"),
    );
    let mut bob = result_file("bob", &[("q.one", 0.0)]);
    bob["score"] = json!(0.0);
    workspace.write("bob.json", bob.to_string());
    let run = report(
        &workspace,
        &[
            "ann.json",
            "copy.json",
            "bob.json",
            "ann.json",
            "--format",
            "json",
        ],
    );
    run.succeeds();
    assert_eq!(
        run.stderr,
        "warning: `copy.json` is the same session as `ann.json` \
         (learner, seed, content and times); it is counted once\n\
         warning: `ann.json` is given more than once; it is counted once\n\
         warning: 2 result files were made with other content than the active one, so their \
         question ids were not checked (`--content DIR` checks them against those banks)\n"
    );
    let names: Vec<Value> = run.json()["groups"][0]["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .map(|learner| learner["name"].clone())
        .collect();
    assert_eq!(names, [json!("ann"), json!("bob")]);
}

#[test]
fn report_skips_a_report_among_the_files_and_never_writes_over_one_it_reads() {
    let workspace = Workspace::new();
    workspace.write(
        "r/ann.json",
        result_file("ann", &[("q.one", 1.0)]).to_string(),
    );
    workspace.write(
        "r/bob.json",
        result_file("bob", &[("q.one", 0.0)]).to_string(),
    );
    report(
        &workspace,
        &[
            "r/ann.json",
            "r/bob.json",
            "--format",
            "json",
            "--output",
            "r/summary.json",
        ],
    )
    .succeeds()
    .stdout_is("");
    let summary = std::fs::read_to_string(workspace.path("r/summary.json")).expect("written");
    // Saved beside the result files, the report is picked up by the next glob.
    let run = report(
        &workspace,
        &[
            "r/summary.json",
            "r/ann.json",
            "r/bob.json",
            "--format",
            "json",
        ],
    );
    run.succeeds();
    assert!(
        run.stderr.starts_with(
            "warning: `r/summary.json` is a report written by `xcdrill report`, not a result file; it is skipped\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.json()["groups"][0]["learners"].as_array().map(Vec::len),
        Some(2)
    );
    // Writing the new report over the old one is what a trainer does daily...
    std::fs::write(workspace.path("r/summary.json"), format!("{summary}\n\n")).expect("write");
    report(
        &workspace,
        &[
            "r/ann.json",
            "r/bob.json",
            "r/summary.json",
            "--format",
            "json",
            "--output",
            "r/summary.json",
        ],
    )
    .succeeds();
    assert_eq!(
        std::fs::read_to_string(workspace.path("r/summary.json")).expect("written"),
        summary
    );
    // A report alone is no result file to report.
    report(&workspace, &["r/summary.json"]).fails_with(
        2,
        "warning: `r/summary.json` is a report written by `xcdrill report`, not a result file; it is skipped\n\
         error: no result files to report: every file given is a report\n",
    );
    // Over a result file it reads, though, the report would destroy it.
    let ann = std::fs::read_to_string(workspace.path("r/ann.json")).expect("ann");
    report(&workspace, &["r/ann.json", "r/bob.json", "--output", "r/./ann.json"]).fails_with(
        2,
        "error: `r/./ann.json` is one of the result files to report; nothing was written: choose another output file\n",
    );
    assert_eq!(
        std::fs::read_to_string(workspace.path("r/ann.json")).expect("ann"),
        ann
    );
}

#[test]
fn report_refuses_a_practice_session_naming_the_file() {
    let workspace = Workspace::new();
    let mut practice = result_file("ann", &[("q.one", 1.0)]);
    practice["mode"] = json!("practice");
    workspace.write("practice.json", practice.to_string());
    workspace.write(
        "exam.json",
        result_file("bob", &[("q.one", 1.0)]).to_string(),
    );
    report(&workspace, &["exam.json", "practice.json"])
        .fails_with(
            2,
            "error: practice.json: it is a `practice` session, not an exam; \
             `report` reads the result files of `quiz --mode exam`\n\
             error: 1 of 2 result files has problems (above); nothing was reported\n",
        )
        .stdout_is("");
}

/// Four learners of one exam: `q.one` (everyone right), `q.two` (the strong
/// half right) and `q.three` (the weak half right), one named like a script.
fn html_cohort(workspace: &Workspace) -> Vec<String> {
    let learners = [
        ("ann", [1.0, 1.0, 0.0]),
        ("<script>alert(1)</script>", [1.0, 1.0, 0.0]),
        ("cy", [1.0, 0.0, 1.0]),
        ("dee", [1.0, 0.0, 1.0]),
    ];
    learners
        .iter()
        .enumerate()
        .map(|(idx, (name, scores))| {
            let mut file = result_file(
                name,
                &[
                    ("q.one", scores[0]),
                    ("q.two", scores[1]),
                    ("q.three", scores[2]),
                ],
            );
            let score = scores.iter().sum::<f64>() / 3.0 - idx as f64 * 0.01;
            file["score"] = json!(score);
            file["passed"] = json!(score >= 0.7);
            file["questions"][2]["topic"] = json!("u");
            let path = format!("r{idx}.json");
            workspace.write(&path, file.to_string());
            path
        })
        .collect()
}

/// Every opened element is closed in order (void and self-closed ones aside),
/// so the page is well-formed enough for a browser to read it as meant.
#[track_caller]
fn assert_balanced(html: &str) {
    const VOID: &[&str] = &["meta", "br"];
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = start + rest[start..].find('>').expect("a tag ends");
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name = tag
            .trim_start_matches('/')
            .split(|ch: char| ch.is_whitespace())
            .next()
            .unwrap_or_default();
        if let Some(closed) = tag.strip_prefix('/') {
            assert_eq!(
                open.pop(),
                Some(closed),
                "</{closed}> closes the wrong element"
            );
        } else if !VOID.contains(&name) {
            open.push(name);
            if name == "style" {
                rest = &rest[rest.find("</style>").expect("style ends")..];
            }
        }
    }
    assert!(open.is_empty(), "never closed: {open:?}");
}

#[test]
fn report_html_has_every_section_and_the_figures_of_report_json() {
    let workspace = Workspace::new();
    let files = html_cohort(&workspace);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let json = report(&workspace, &[&files[..], &["--format", "json"]].concat());
    let json = json.succeeds().json();
    let exam = &json["groups"][0];
    let run = report(&workspace, &[&files[..], &["--format", "html"]].concat());
    run.succeeds();
    let html = run.stdout;
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{html}"
    );
    assert_balanced(&html);

    for section in [
        "<h3>At a glance</h3>",
        "<h3>Score distribution</h3>",
        "<h3>Mastery by topic</h3>",
        "<h3>Learners</h3>",
        "<h3>Item analysis</h3>",
        "<caption>Learners, highest score first</caption>",
        "<th scope=\"col\">Weakest topic</th>",
        "@media print",
    ] {
        assert!(html.contains(section), "{section} in {html}");
    }
    assert_eq!(html.matches("<svg ").count(), 2, "two charts");
    assert_eq!(html.matches("role=\"img\" aria-label=\"").count(), 2);
    assert!(html.contains("pass mark 70%"), "the pass line is drawn");

    let learners = exam["learners"].as_array().expect("learners");
    let n_passed = learners.iter().filter(|row| row["passed"] == true).count();
    assert!(html.contains(&format!("<dt>Learners</dt><dd>{}</dd>", learners.len())));
    assert!(
        html.contains(&format!(
            "<dt>Passed</dt><dd>{n_passed} of {} ",
            learners.len()
        )),
        "{html}"
    );
    for question in exam["questions"].as_array().expect("questions") {
        let id = question["id"].as_str().expect("id");
        let row_start = html
            .find(&format!("<code>{id}</code>"))
            .unwrap_or_else(|| panic!("a row for {id}"));
        let row = &html[row_start..row_start + html[row_start..].find("</tr>").expect("row ends")];
        let share = question["mean_score"].as_f64().expect("mean score") * 100.0;
        assert!(
            row.contains(&format!(">{share:.0}%<")),
            "{id}: {share} in {row}"
        );
    }
    let row_of = |id: &str| {
        let start = html.find(&format!("<code>{id}</code>")).expect("row");
        html[start..start + html[start..].find("</tr>").expect("row ends")].to_string()
    };
    assert!(row_of("q.one").contains("too easy"), "{}", row_of("q.one"));
    assert!(row_of("q.two").contains("1.00: strong learners got it right more often"));
    assert!(row_of("q.three").contains("-1.00: negative: check the key"));
    assert!(row_of("q.three").contains("negative discrimination"));

    assert!(html.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th>"));
    for absent in [
        "http://", "https://", "src=", "<script", "<link", "@import", "url(http",
    ] {
        assert!(!html.contains(absent), "{absent} in {html}");
    }
}

#[test]
fn report_html_output_writes_the_page_to_a_file_and_nothing_to_stdout() {
    let workspace = Workspace::new();
    let files = html_cohort(&workspace);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let printed = report(&workspace, &[&files[..], &["--format", "html"]].concat());
    let run = report(
        &workspace,
        &[&files[..], &["--format", "html", "--output", "cohort.html"]].concat(),
    );
    run.succeeds().stdout_is("");
    let written = std::fs::read_to_string(workspace.path("cohort.html")).expect("written");
    assert_eq!(written, printed.stdout);

    report(
        &workspace,
        &[&files[..], &["--format", "html", "--output", "."]].concat(),
    )
    .fails_with(2, "error: cannot write `.`\ncaused by: it is a folder\n");
}

#[test]
fn report_html_warns_on_the_page_when_exams_are_mixed() {
    let workspace = Workspace::new();
    let mut files = html_cohort(&workspace);
    let mut other = result_file("zed", &[("q.one", 1.0)]);
    other["seed"] = json!(4);
    workspace.write("zed.json", other.to_string());
    files.push("zed.json".to_string());
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let run = report(&workspace, &[&files[..], &["--format", "html"]].concat());
    run.succeeds();
    assert!(
        run.stdout
            .contains("<strong>Warning:</strong> the files come from 2 different exams"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("<section ").count(), 2);
    assert_balanced(&run.stdout);
}

#[test]
fn report_html_shows_the_prompts_of_the_content_that_made_the_exam() {
    let workspace = Workspace::new();
    let exam = workspace.run_with(
        &[
            "--content",
            FIXTURE,
            "quiz",
            "--mode",
            "exam",
            "--seed",
            "5",
            "--count",
            "8",
            "--output",
            "r.json",
        ],
        "a\n",
        &[("XCDRILL_NOW", NOW)],
    );
    exam.succeeds();
    let run = workspace.run_with(
        &["--content", FIXTURE, "report", "r.json", "--format", "html"],
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    run.succeeds();
    assert!(
        run.stdout
            .contains("<span class=\"prompt\">What do you turn on first?</span>"),
        "{}",
        run.stdout
    );
    // The learner's `a` was the shuffled third choice: named in its words.
    assert!(
        run.stdout.contains("<td>“Territory management” (1×)</td>"),
        "{}",
        run.stdout
    );
    // With other content active, the ids may mean other questions: no prompts.
    let other = report(&workspace, &["r.json", "--format", "html"]);
    other.succeeds();
    assert!(!other.stdout.contains("class=\"prompt\""));
    assert!(!other.stdout.contains("“Territory management”"));
}

/// Four learners take the fixture exam (seed 5, three questions, pass mark
/// 67%): Ann all right, Bob two of three (66.67%), Cy and Dee none, both
/// picking the same wrong choice: the report a trainer reads, in every table
/// format.
#[test]
fn report_of_a_real_exam_reads_for_a_trainer() {
    let workspace = Workspace::new();
    let learners = [
        (
            "Ann",
            "c\na contact record linked to an account\nDigital Experiences\n",
        ),
        ("Bob", "c\nno idea\nDigital Experiences\n"),
        ("Cy", "a\nno idea\nno idea\n"),
        ("Dee", "a\n\nSetup\n"),
    ];
    let mut files = Vec::new();
    for (name, answers) in learners {
        let file = format!("{name}.json");
        let quiz = workspace.run_with(
            &[
                "--content",
                FIXTURE,
                "quiz",
                "--mode",
                "exam",
                "--seed",
                "5",
                "--count",
                "3",
                "--pass",
                "67",
                "--name",
                name,
                "--output",
                &file,
            ],
            answers,
            &[("XCDRILL_NOW", NOW)],
        );
        quiz.succeeds();
        if name == "Bob" {
            // The quiz and the report say the same score and verdict.
            assert!(
                quiz.stdout.contains("Score: 66% over 3 questions")
                    && quiz.stdout.contains("NOT PASSED (pass mark 67%)"),
                "{}",
                quiz.stdout
            );
        }
        files.push(file);
    }
    let mut shown = String::new();
    for extra in [
        &[][..],
        &["--format", "markdown", "--table", "questions"],
        &["--format", "csv"],
        &["--format", "csv", "--table", "questions"],
        &["--format", "csv", "--table", "topics"],
    ] {
        let mut args = vec!["--content", FIXTURE, "report"];
        args.extend(files.iter().map(String::as_str));
        args.extend_from_slice(extra);
        let run = workspace.run_with(&args, "", &[("XCDRILL_NOW", NOW)]);
        run.succeeds();
        assert_eq!(run.stderr, "");
        shown.push_str(&format!(
            "$ xcdrill report *.json {}\n{}\n",
            extra.join(" "),
            run.stdout
        ));
    }
    insta::assert_snapshot!("report_seed_5", shown);

    let json = workspace.run_with(
        &[
            &["--content", FIXTURE, "report", "--format", "json"][..],
            &files.iter().map(String::as_str).collect::<Vec<_>>(),
        ]
        .concat(),
        "",
        &[("XCDRILL_NOW", NOW)],
    );
    let exam = &json.json()["groups"][0];
    assert_eq!(exam["pass_marks"], json!([67]));
    assert_eq!(
        exam["learners"][1],
        json!({"name": "Bob", "file": "Bob.json", "score": 2.0 / 3.0, "score_percent": 66,
               "passed": false, "seconds": 0.0})
    );
    assert_eq!(
        exam["questions"][0]["wrong_answer"],
        json!({"answer": "c", "count": 2, "words": "“Territory management”"})
    );
    workspace
        .run(&[
            "report", "Ann.json", "--format", "json", "--table", "topics",
        ])
        .fails_with(
            2,
            "error: `--table` chooses a table of `--format table`, `markdown` or `csv`; \
             json and html hold them all\n",
        );
}

#[test]
fn a_pass_mark_between_whole_percents_is_a_usage_error() {
    Workspace::new()
        .run(&["quiz", "--mode", "exam", "--pass", "72.5"])
        .fails_with(
            2,
            "error: invalid value '72.5' for '--pass <PERCENT>': \
             72.5 is not a whole percent from 0 to 100\n\n\
             For more information, try '--help'.\n",
        );
}
