//! `xcdrill list`: topics, counts and the JSON shape of C4.

use crate::harness::{Workspace, content_dir};

#[test]
fn json_lists_every_question_with_id_topic_kind_and_facts() {
    let run = Workspace::new().run(&["list", "--json"]);
    run.succeeds();
    let json = run.json();
    let questions = json.as_array().expect("an array");
    assert!(!questions.is_empty());
    for question in questions {
        let keys: Vec<&str> = question
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["facts", "id", "kind", "topic"]);
        assert!(!question["facts"].as_array().unwrap().is_empty());
    }
}

#[test]
fn topic_filters_and_unknown_topics_are_usage_errors() {
    let workspace = Workspace::new();
    let all = workspace.run(&["list", "--json"]).json();
    let topic = all[0]["topic"].as_str().unwrap().to_string();
    let filtered = workspace.run(&["list", "--json", "--topic", &topic]).json();
    let filtered = filtered.as_array().unwrap();
    assert!(
        filtered
            .iter()
            .all(|question| question["topic"] == topic.as_str())
    );
    assert!(filtered.len() <= all.as_array().unwrap().len());
    workspace
        .run(&["list", "--topic", "no-such-topic"])
        .fails_with(
            2,
            "error: no topic `no-such-topic`; the topics are: \
             hierarchy, interview, licenses, lifecycle, partner, roles, scenarios, setup, sites\n",
        );
}

#[test]
fn human_listing_groups_by_topic_and_counts() {
    let run = Workspace::new().run(&["list"]);
    run.succeeds();
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.ends_with("topics") || last.ends_with("topic"),
        "{last}"
    );
}

#[test]
fn content_folders_replace_the_embedded_banks() {
    let workspace = Workspace::new();
    let dir = content_dir().to_str().unwrap();
    let embedded = workspace.run(&["list", "--json"]).json();
    let from_disk = workspace.run(&["list", "--json", "--content", dir]).json();
    assert_eq!(embedded, from_disk);
    let broken = workspace.write(
        "broken/bank.toml",
        "format_version = 1\n[[question]]\nid = 1\n",
    );
    let folder = broken.parent().unwrap().to_str().unwrap();
    workspace.run(&["list", "--content", folder]).fails_with(
        2,
        &format!(
            "error: wrong type: the number `1` where a string is expected\n \
             --> {folder}/bank.toml:3:6\n  |\n3 | id = 1\n  |      ^\n  \
             = hint: see FORMAT.md for the fields of a [[question]]\n\
             error: the content has 1 error; run `xcdrill lint {folder}` to see them all\n"
        ),
    );
}

#[test]
fn completions_and_man_page_are_generated() {
    let workspace = Workspace::new();
    let bash = workspace.run(&["completions", "bash"]);
    bash.succeeds();
    assert!(bash.stdout.contains("xcdrill"));
    let man = workspace.run(&["man"]);
    man.succeeds();
    assert!(
        man.stdout.contains(".TH xcdrill"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
}

#[test]
fn the_columns_line_up_whatever_the_length_of_the_ids() {
    // The embedded scenarios topic has an id longer than the usual column.
    let run = Workspace::new().run(&["list", "--topic", "scenarios"]);
    run.succeeds();
    let kind_columns: Vec<usize> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("  scenarios."))
        .map(|line| {
            let id_end = line[2..].find(' ').expect("an id") + 2;
            id_end + line[id_end..].find(|ch: char| ch != ' ').expect("a kind")
        })
        .collect();
    assert!(kind_columns.len() > 1, "{}", run.stdout);
    assert!(
        kind_columns.iter().all(|&column| column == kind_columns[0]),
        "{}",
        run.stdout
    );
}
