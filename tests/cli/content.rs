//! The shipped content: it loads clean, covers every fact, has the ids the
//! tests and docs rely on, and its recall rubrics credit the seed's wording while failing
//! one-line partial answers.

use std::collections::BTreeMap;

use xcdrill::bank::{self, load};

use xcdrill::grade::grade;
use xcdrill::model::{Catalog, Kind};

fn catalog() -> Catalog {
    let loaded = bank::check(&load::embedded());
    let problems: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "the embedded content has problems:\n{}",
        problems.join("\n")
    );
    loaded.catalog
}

#[test]
fn every_fact_is_taught_and_every_question_cites_one() {
    let catalog = catalog();
    let uncovered: Vec<&str> = catalog
        .uncovered_facts()
        .iter()
        .map(|fact| fact.id.as_str())
        .collect();
    assert!(
        uncovered.is_empty(),
        "facts no question cites: {uncovered:?}"
    );
    assert!(
        catalog
            .questions()
            .iter()
            .all(|question| !question.facts.is_empty())
    );
    for fact in catalog.facts() {
        if fact.is_domain() {
            assert!(
                fact.confidence.is_some(),
                "source-row fact `{}` has no confidence",
                fact.id
            );
        }
    }
}

#[test]
fn there_are_enough_questions_in_enough_topics_of_every_kind() {
    let catalog = catalog();
    assert!(
        catalog.questions().len() >= 90,
        "{} questions",
        catalog.questions().len()
    );
    let topics = catalog.topics();
    assert!(topics.len() >= 8, "{topics:?}");
    assert!(topics.values().all(|&count| count >= 8), "{topics:?}");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for question in catalog.questions() {
        *kinds.entry(question.kind_name()).or_default() += 1;
    }
    for kind in ["choice", "truefalse", "short", "order", "recall"] {
        assert!(kinds.contains_key(kind), "no `{kind}` question: {kinds:?}");
    }
    let multi = catalog
        .questions()
        .iter()
        .filter(|question| matches!(&question.kind, Kind::Choice(choice) if choice.multiple))
        .count();
    assert!(multi > 0, "no select-all-that-apply question");
}

#[test]
fn the_required_ids_exist_with_their_kinds() {
    let catalog = catalog();
    for (id, kind) in [
        ("interview.prerequisites", "recall"),
        ("hierarchy.why", "recall"),
        ("setup.order", "order"),
    ] {
        let question = catalog
            .question(id)
            .unwrap_or_else(|| panic!("`{id}` is missing"));
        assert_eq!(question.kind_name(), kind, "`{id}`");
    }
}

#[test]
fn setup_order_is_the_seeds_seven_steps_in_the_seeds_order() {
    let catalog = catalog();
    let Some(Kind::Order(order)) = catalog
        .question("setup.order")
        .map(|question| &question.kind)
    else {
        panic!("setup.order is not an order question");
    };
    let starts = [
        "Enable Digital Experiences",
        "Create or activate the community site",
        "Enable the community so external users can log in",
        "Configure a Contact record linked to an Account",
        "Verify license availability",
        "(Partner only) Enable the Account as a partner account",
        "Enable the Contact as a community user",
    ];
    assert_eq!(order.items.len(), starts.len());
    for (item, start) in order.items.iter().zip(starts) {
        assert!(
            item.starts_with(start),
            "`{item}` should start with `{start}`"
        );
    }
}

#[test]
fn the_seeds_quick_answer_earns_full_marks_and_a_paraphrase_passes() {
    let catalog = catalog();
    let question = catalog
        .question("interview.prerequisites")
        .expect("required id");
    let seed = "Yes — a community user must be enabled from a Contact record linked to an Account, with \
        Experience Cloud enabled, the community site created and active, and available license seats. For \
        partner communities, the Account must first be enabled as a partner account. You enable the user \
        from the Contact via Manage External User → Enable Customer User or Enable Partner User.";
    assert!(grade(question, seed).score >= 0.95);
    let paraphrase = "You enable it from a contact on an account, with Communities turned on, the site \
        published, and free licenses; partners need the account enabled as partner first, then use Manage \
        External User on the contact.";
    assert!(
        grade(question, paraphrase).passed,
        "{:?}",
        grade(question, paraphrase)
    );
    let denial = "You don't need a contact; just turn on Experience Cloud, activate the site, check the \
        license seats and create the user.";
    let denied = grade(question, denial);
    assert!(
        !denied.passed,
        "an answer denying the contact must not pass: {denied:?}"
    );
}

#[test]
fn every_recall_rubric_passes_its_model_answer_and_fails_a_one_line_partial_answer() {
    let catalog = catalog();
    let mut n_recall = 0;
    for question in catalog.questions() {
        let Kind::Recall(recall) = &question.kind else {
            continue;
        };
        n_recall += 1;
        let full = grade(question, &recall.model_answer);
        assert!(
            full.score >= 0.95,
            "`{}`: its model answer scores {}",
            question.id(),
            full.score
        );
        let concept = &recall.concepts[0];
        let partial = format!(
            "It is about {}.",
            concept.phrases.first().unwrap_or_default()
        );
        let graded = grade(question, &partial);
        assert!(
            !graded.passed,
            "`{}`: the one-line answer `{partial}` passes ({})",
            question.id(),
            graded.score
        );
    }
    assert!(n_recall >= 3);
}

#[test]
fn corrections_from_domain_md_appear_as_going_deeper() {
    let catalog = catalog();
    let deeper_citing = |row: &str| {
        catalog
            .questions()
            .iter()
            .any(|question| question.deeper().is_some_and(|deeper| deeper.contains(row)))
    };
    for row in ["D5.3", "D3.9", "D3.12"] {
        assert!(deeper_citing(row), "no going-deeper note cites {row}");
    }
}

#[test]
fn learners_read_reference_answer_never_the_seed() {
    let catalog = catalog();
    let mut offenders = Vec::new();
    for question in catalog.questions() {
        let mut texts = vec![question.prompt(), question.explanation()];
        texts.extend(question.deeper());
        texts.extend(question.hint());
        match &question.kind {
            Kind::Choice(choice) => texts.extend(choice.choices.iter()),
            Kind::Order(order) => texts.extend(order.items.iter()),
            Kind::Recall(recall) => texts.push(&recall.model_answer),
            _ => {}
        }
        for text in texts {
            let lowered = text.to_lowercase();
            if lowered.contains("the seed") || lowered.contains("seed's") {
                offenders.push(format!("{}: {text}", question.id()));
            }
        }
    }
    for fact in catalog.facts() {
        if fact.statement.to_lowercase().contains("seed") {
            offenders.push(format!("{}: {}", fact.id, fact.statement));
        }
    }
    assert!(
        offenders.is_empty(),
        "learner text says `seed`:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn every_cited_source_row_is_listed_with_a_link() {
    let sources = include_str!("../../docs/SOURCES.md");
    let catalog = catalog();
    let mut missing = Vec::new();
    for fact in catalog.facts() {
        if !fact.is_domain() {
            continue;
        }
        let entry = format!("**{}**", fact.source);
        let listed = sources
            .lines()
            .find(|line| line.starts_with("- ") && line.contains(&entry));
        match listed {
            Some(line) if line.contains("](http") || line.contains("no public address") => {}
            Some(line) => missing.push(format!("{} has no link: {line}", fact.source)),
            None => missing.push(format!(
                "{} (cited by `{}`) is not listed",
                fact.source, fact.id
            )),
        }
    }
    assert!(
        missing.is_empty(),
        "docs/SOURCES.md:\n{}",
        missing.join("\n")
    );
}
