//! Reading a file cut at its entries reports exactly what reading it whole does:
//! the same diagnostics in the same order, the same catalog. Each bank here is
//! checked both ways, cut into one task per question on two threads, and whole.

use super::Loaded;
use super::load::ContentFiles;
use super::pipeline::{Tuning, check_tuned};

/// Every file read whole, on this thread: the reference.
const WHOLE: Tuning = Tuning {
    chunk_min_bytes: usize::MAX,
    parallel_min_bytes: usize::MAX,
    task_bytes: usize::MAX,
};

/// Every file cut, one question per task, on two threads.
const CUT: Tuning = Tuning {
    chunk_min_bytes: 0,
    parallel_min_bytes: 0,
    task_bytes: 1,
};

pub(super) const FACTS: &str = r#"format_version = 1

[[fact]]
id = "chain.contact"
statement = "A user comes from a contact."
source = "seed: Quick interview answer"

[[fact]]
id = "chain.account"
statement = "The contact is linked to an account."
source = "D5.1"
confidence = "H"
"#;

/// Three questions of different kinds, the third with a rubric.
pub(super) const BANK: &str = r#"format_version = 1

[[question]]
id = "setup.first"
kind = "choice"
topic = "setup"
prompt = "What comes first?"
choices = ["Enable Digital Experiences", "Create a contact"]
correct = [1]
explanation = "Digital Experiences comes first."
facts = ["chain.contact"]

[[question]] # a comment after the header
id = "setup.truth"
kind = "truefalse"
topic = "setup"
prompt = """
A multi-line prompt that quotes a header:
[[question]]
is it true?"""
answer = true
explanation = "It is."
facts = ["chain.account"]

[[question]]
id = "setup.recall"
kind = "recall"
topic = "setup"
prompt = "Where does a user come from?"
model_answer = "From a contact."
explanation = "A contact."
facts = ["chain.contact"]

[[question.concept]]
name = "contact"
phrases = ["contact"]
"#;

/// Checks `banks` cut and whole, asserts both agree, and returns the cut result.
#[track_caller]
pub(super) fn check_both_ways(banks: &[(&str, &str)]) -> Loaded {
    let files = ContentFiles::from_texts(banks);
    let whole = check_tuned(&files, WHOLE);
    let cut = check_tuned(&files, CUT);
    assert_eq!(cut.diagnostics, whole.diagnostics, "\nbanks:\n{banks:#?}");
    assert_eq!(cut.catalog.questions(), whole.catalog.questions());
    assert_eq!(cut.catalog.facts(), whole.catalog.facts());
    for question in cut.catalog.questions() {
        assert_eq!(cut.catalog.question(question.id()), Some(question));
    }
    cut
}

fn locations(loaded: &Loaded) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{}: {}", diagnostic.location(), diagnostic.message))
        .collect()
}

#[test]
fn a_valid_bank_reads_the_same_cut() {
    let loaded = check_both_ways(&[("bank.toml", BANK), ("facts.toml", FACTS)]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", locations(&loaded));
    let origins: Vec<String> = loaded
        .catalog
        .questions()
        .iter()
        .map(|question| question.origin.to_string())
        .collect();
    assert_eq!(
        origins,
        ["bank.toml:3:1", "bank.toml:13:1", "bank.toml:25:1"]
    );
}

#[test]
fn errors_in_the_third_chunk_point_at_the_whole_file() {
    let bank = BANK
        .replace(
            "model_answer = \"From a contact.\"",
            "model_answer = \"  \"",
        )
        .replace(
            "phrases = [\"contact\"]",
            "phrases = [\"contact\"]\nweight = 0",
        );
    let loaded = check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    assert_eq!(
        locations(&loaded),
        [
            "bank.toml:30:16: `model_answer` is empty",
            "bank.toml:37:10: concept weight must be greater than 0",
        ]
    );
}

#[test]
fn a_question_with_an_error_still_has_its_unknown_facts_named() {
    // One run shows every error: the question fails on its rubric, and its
    // misspelt fact (and its concept's) is named too, read cut or whole.
    let bank = BANK.replace(
        "model_answer = \"From a contact.\"\nexplanation = \"A contact.\"\nfacts = [\"chain.contact\"]",
        "model_answer = \"  \"\nexplanation = \"A contact.\"\nfacts = [\"chain.acount\"]",
    );
    assert_ne!(bank, BANK);
    let loaded = check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    let messages: Vec<String> = locations(&loaded);
    assert!(
        messages
            .iter()
            .any(|line| line.ends_with("`model_answer` is empty")),
        "{messages:#?}"
    );
    assert!(
        messages
            .iter()
            .any(|line| line.contains("unknown fact id `chain.acount`")),
        "{messages:#?}"
    );
}

#[test]
fn cross_file_errors_point_at_the_whole_file() {
    let second = BANK
        .replace("[\"chain.account\"]", "[\"chain.acount\"]")
        .replace("setup.recall", "setup.other");
    let loaded = check_both_ways(&[
        ("a.toml", BANK),
        ("b.toml", &second),
        ("facts.toml", FACTS),
        ("more-facts.toml", FACTS),
    ]);
    assert_eq!(
        locations(&loaded),
        [
            "b.toml:4:6: duplicate question id `setup.first`",
            "b.toml:14:6: duplicate question id `setup.truth`",
            "b.toml:23:10: unknown fact id `chain.acount`",
            "more-facts.toml:4:6: duplicate fact id `chain.contact`",
            "more-facts.toml:9:6: duplicate fact id `chain.account`",
        ]
    );
    assert_eq!(
        loaded.diagnostics[2].hint.as_deref(),
        Some("did you mean `chain.account`?")
    );
    assert_eq!(loaded.catalog.questions().len(), 4);
}

#[test]
fn a_syntax_error_in_one_chunk_reads_the_file_whole() {
    let bank = BANK.replace("answer = true", "answer = tru");
    let loaded = check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(loaded.diagnostics[0].location(), "bank.toml:21:10");
    assert!(loaded.catalog.questions().is_empty());
}

#[test]
fn entries_defined_across_chunks_read_the_file_whole() {
    for bank in [
        // The preamble defines `question` another way.
        BANK.replace("format_version = 1\n", "format_version = 1\nquestion = 3\n"),
        BANK.replace("format_version = 1\n", "format_version = 1\n[question]\n"),
        // A fact chunk adds a concept to the question before it: legal TOML.
        format!(
            "{BANK}\n[[fact]]\nid = \"x.y\"\nstatement = \"s\"\nsource = \"D1\"\nconfidence = \"L\"\n\n[[question.concept]]\nname = \"n\"\nphrases = [\"p\"]\n"
        ),
        // A header written another way is no split point: two entries in a chunk.
        BANK.replace("[[question]] # a comment", "[[\"question\"]] # a comment"),
        // Keys outside the entry's table.
        format!("{BANK}\n[other]\nx = 1\n"),
        format!("{BANK}\n[[questions]]\nid = \"x.y\"\n"),
        format!("{BANK}\n[other]\nx = 1\n[[question]]\nid = \"x.y\"\n[other]\n"),
        // An entry that is redefined as a table.
        format!("{BANK}\n[question]\n"),
        // Headers inside an unclosed array.
        BANK.replace("correct = [1]", "correct = [1,\n[[question]]\n"),
    ] {
        check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    }
}

#[test]
fn preamble_problems_read_the_same_cut() {
    for bank in [
        BANK.replace("format_version = 1\n", ""),
        BANK.replace("format_version = 1\n", "\n"),
        BANK.replace("format_version = 1", "format_version = 2"),
        BANK.replace("format_version = 1\n", "format_version = 1\nquestoin = 1\n"),
        BANK.replace("format_version = 1\n", "zzz = 1\n"),
        BANK.replace("format_version = 1\n\n", "[[question]]\n"),
        BANK.replace("format_version = 1\n\n", ""),
    ] {
        check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    }
}

#[test]
fn entry_problems_read_the_same_cut() {
    let long = "x".repeat(super::limits::MAX_STRING_BYTES + 1);
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    for bank in [
        BANK.replace("prompt = \"What", "promt = \"What"),
        BANK.replace("correct = [1]", "correct = \"a\""),
        BANK.replace("\"What comes first?\"", &format!("\"{long}\"")),
        BANK.replace("answer = true", &format!("answer = true\ntags = {deep}")),
        BANK.replace("setup.truth", "setup.first"),
        BANK.replace("explanation = \"A contact.\"\n", ""),
        BANK.replace("[[question.concept]]", "[question.concept]"),
        BANK.replace(
            "[\"chain.contact\"]",
            "[\"chain.contact\", \"chain.contact\"]",
        ),
    ] {
        check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    }
}

#[test]
fn facts_and_questions_may_share_a_file() {
    let facts_body = FACTS.replace("format_version = 1\n", "");
    let bank = format!("{BANK}{facts_body}");
    let loaded = check_both_ways(&[("bank.toml", &bank)]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", locations(&loaded));
    assert_eq!(loaded.catalog.questions().len(), 3);
    let bank = format!("{}{}", FACTS, BANK.replace("format_version = 1\n", ""));
    check_both_ways(&[("bank.toml", &bank)]);
}

#[test]
fn files_over_the_size_limit_are_refused_either_way() {
    let padding = " ".repeat(super::limits::MAX_FILE_BYTES);
    let bank = format!("{BANK}{padding}");
    let loaded = check_both_ways(&[("bank.toml", &bank), ("facts.toml", FACTS)]);
    assert_eq!(
        locations(&loaded),
        [format!(
            "bank.toml: bank file is {} bytes, over the limit of 8388608 (8 MiB)",
            bank.len()
        )]
    );
}
