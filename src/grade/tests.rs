//! Grading behaviour, kind by kind, through one helper: a question written as
//! inline TOML and read by the real loader, an answer, and the range its score
//! must fall in. Each table covers exact, paraphrased, typo'd, partial,
//! contradictory, empty, off-topic, huge and hostile answers where the kind has
//! them; a property test feeds every grader arbitrary text.

use crate::bank::tests::SCENARIO_ORG;
use std::ops::RangeInclusive;

use proptest::prelude::*;

use super::*;
use crate::bank::{self, ContentFiles};
use crate::model::Question;

/// One question of `kind_toml` (its kind and key fields, then any subtables),
/// validated by the real loader.
fn question(kind_toml: &str) -> Question {
    question_in("", kind_toml)
}

/// [`question`] in a bank whose top has `lexicon` (`synonyms`, `confusable`).
fn question_in(lexicon: &str, kind_toml: &str) -> Question {
    let text = format!(
        "format_version = 1\n{lexicon}\n[[fact]]\nid = \"test.fact\"\nstatement = \"A fact.\"\nsource = \"seed: Test\"\n\n\
         [[question]]\nid = \"test.question\"\ntopic = \"test\"\nprompt = \"A prompt?\"\n\
         explanation = \"Because.\"\nfacts = [\"test.fact\"]\n{kind_toml}\n"
    );
    let loaded = bank::check(&ContentFiles::from_texts(&[("test.toml", &text)]));
    assert!(
        !loaded.has_errors(),
        "the test bank is invalid: {:#?}",
        loaded.diagnostics
    );
    loaded.catalog.questions()[0].clone()
}

/// Grades `answer` to the question of `kind_toml` and checks the score's range.
#[track_caller]
fn check(kind_toml: &str, answer: &str, expected: RangeInclusive<f64>) -> Grade {
    check_in("", kind_toml, answer, expected)
}

/// [`check`] in a bank with a lexicon.
#[track_caller]
fn check_in(lexicon: &str, kind_toml: &str, answer: &str, expected: RangeInclusive<f64>) -> Grade {
    let graded = grade(&question_in(lexicon, kind_toml), answer);
    assert!(
        expected.contains(&graded.score),
        "answer {:?} scored {}, expected {expected:?}\nfeedback:\n{}",
        shorten(answer),
        graded.score,
        graded.feedback
    );
    assert_eq!(graded.passed, graded.score + 1e-9 >= DEFAULT_PASS_FOR_TESTS);
    graded
}

/// None of the test banks sets `pass`.
const DEFAULT_PASS_FOR_TESTS: f64 = crate::model::question::DEFAULT_PASS;

fn shorten(text: &str) -> String {
    text.chars().take(80).collect()
}

const FULL: RangeInclusive<f64> = 1.0..=1.0;
const ZERO: RangeInclusive<f64> = 0.0..=0.0;

const SINGLE: &str = r#"kind = "choice"
choices = ["Create a contact", "Enable Digital Experiences", "Buy licenses", "Create a site"]
correct = [2]"#;

const MULTI: &str = r#"kind = "choice"
choices = ["A contact", "A lead", "An account", "A license seat", "A queue"]
correct = [1, 3, 4]"#;

const TRUE: &str = r#"kind = "truefalse"
answer = true"#;

const SHORT: &str = r#"kind = "short"
accept = ["Partner Community", "Partner Community license"]"#;

const ORDER: &str = r#"kind = "order"
items = ["Enable Digital Experiences", "Create the site", "Activate the site", "Create a contact on an account", "Check license seats", "Enable the partner account", "Enable the contact as a user"]"#;

const RECALL: &str = r#"kind = "recall"
model_answer = "Yes: a community user must be enabled from a Contact record linked to an Account, with Digital Experiences enabled, the site created and active, and available license seats. For partner communities, the Account must first be enabled as a partner account. You enable the user from the Contact via Manage External User."

[[question.concept]]
name = "enabled from a contact"
phrases = ["contact record", "from a contact", "contact"]
contradicts = ["no contact", "don't need a contact", "without a contact"]
weight = 2
required = true

[[question.concept]]
name = "linked to an account"
phrases = ["linked to an account", "account"]
contradicts = ["no account", "don't need an account"]
weight = 2
required = true

[[question.concept]]
name = "digital experiences enabled"
phrases = ["digital experiences", "experience cloud enabled", "communities enabled"]

[[question.concept]]
name = "site created and active"
phrases = ["active site", "site active", "site created", "create the site"]

[[question.concept]]
name = "license seats available"
phrases = ["license seats", "licenses available", "available licenses", "seats"]

[[question.concept]]
name = "partner account enabled first"
phrases = ["partner account", "enable the account as a partner"]

[[question.concept]]
name = "manage external user"
phrases = ["manage external user", "enable customer user", "enable partner user"]"#;

#[test]
fn single_choice() {
    for (answer, expected) in [
        ("b", FULL),
        ("B", FULL),
        ("2", FULL),
        (" b) ", FULL),
        ("a", ZERO),
        ("a, b", ZERO),
        ("e", ZERO),
        ("banana", ZERO),
        ("", ZERO),
        ("\u{1b}[2Jb", ZERO),
        // A choice's own text names it.
        ("Enable Digital Experiences", FULL),
        ("  enable digital experiences ", FULL),
        ("Create a contact", ZERO),
    ] {
        check(SINGLE, answer, expected);
    }
    let graded = check(SINGLE, "e", ZERO);
    assert!(graded.feedback.starts_with(
        "there is no choice `e`; answer with one letter or number (a to d or 1 to 4)"
    ));
    assert_eq!(graded.missed, ["Enable Digital Experiences"]);
    assert_eq!(
        check(SINGLE, "b", FULL).feedback,
        "right: b) Enable Digital Experiences"
    );
    assert!(
        check(SINGLE, "a, b", ZERO)
            .feedback
            .starts_with("pick one choice, not 2")
    );
    assert_eq!(
        check(SINGLE, "a", ZERO).feedback,
        "wrong: you picked a) Create a contact; the right answer is b) Enable Digital Experiences"
    );
}

#[test]
fn multi_choice_credits_right_picks_less_wrong_ones() {
    let two_thirds = 0.66..=0.67;
    for (answer, expected) in [
        ("a, c, d", FULL),
        ("1 3 4", FULL),
        ("d;c;a;a", FULL),
        ("a and c", two_thirds.clone()),
        ("a, c, d, b", two_thirds),
        ("b, e", ZERO),
        ("a b e", ZERO),
        ("", ZERO),
    ] {
        check(MULTI, answer, expected);
    }
    let graded = check(MULTI, "a, b", ZERO);
    assert_eq!(graded.missed, ["An account", "A license seat"]);
    assert!(
        graded.feedback.contains("wrong pick: b) A lead"),
        "{}",
        graded.feedback
    );
}

#[test]
fn truefalse() {
    for (answer, expected) in [
        ("true", FULL),
        ("T", FULL),
        ("Yes.", FULL),
        ("false", ZERO),
        ("no", ZERO),
        ("maybe", ZERO),
        ("", ZERO),
    ] {
        check(TRUE, answer, expected);
    }
    assert!(
        check(TRUE, "maybe", ZERO)
            .feedback
            .contains("is not true or false")
    );
}

#[test]
fn short_answers_fold_and_forgive_typos() {
    for (answer, expected) in [
        ("Partner Community", FULL),
        ("partner community", FULL),
        ("  PARTNER-community!! ", FULL),
        ("partner comunity", FULL),
        ("Partnre Community", FULL),
        ("partnercommunity", FULL),
        ("partner community license", FULL),
        ("Customer Community", ZERO),
        ("partner", ZERO),
        ("pratner comunity", FULL),
        ("prtnr cmmnty", ZERO),
        ("", ZERO),
        ("\u{0}\u{1b}]0;x\u{7}", ZERO),
    ] {
        check(SHORT, answer, expected);
    }
    assert!(
        check(SHORT, "partner comunity", FULL)
            .feedback
            .starts_with("right, allowing for spelling")
    );
    assert_eq!(check(SHORT, "partner", ZERO).missed, ["Partner Community"]);
}

#[test]
fn short_answers_never_bend_numbers_or_what_is_not_folded() {
    let row = "kind = \"short\"\naccept = [\"D5.3\"]";
    check(row, "d5.3", FULL);
    check(row, "D5.8", ZERO);
    check(row, "D53", ZERO);
    let number = "kind = \"short\"\naccept = [\"3 seats\"]";
    check(number, "3 seats", FULL);
    check(number, "8 seats", ZERO);
    check(number, "3 saets", FULL);
    let accents = "kind = \"short\"\naccept = [\"Créer\"]";
    check(accents, "creer", FULL);
    let strict = "kind = \"short\"\naccept = [\"Créer\"]\nfold_case = false\nfold_accents = false\ntypos = false";
    check(strict, "Créer", FULL);
    check(strict, "créer", ZERO);
    check(strict, "Creer", ZERO);
    check(strict, "Crére", ZERO);
    let case_kept = "kind = \"short\"\naccept = [\"Contact\"]\nfold_case = false";
    check(case_kept, "contact", ZERO);
    check(case_kept, "Contcat", FULL);
    let punctuation_kept =
        "kind = \"short\"\naccept = [\"Setup → Users\"]\nfold_punctuation = false\ntypos = false";
    check(punctuation_kept, "setup  →   users", FULL);
    check(punctuation_kept, "setup users", ZERO);
}

#[test]
fn order_scores_pairs_in_the_right_relative_order() {
    for (answer, expected) in [
        ("1 2 3 4 5 6 7", FULL),
        ("1,2,3,4,5,6,7", FULL),
        ("2 1 3 4 5 6 7", 20.0 / 21.0..=20.0 / 21.0),
        ("1 2 3 4 5 7 6", 20.0 / 21.0..=20.0 / 21.0),
        ("7 1 2 3 4 5 6", 15.0 / 21.0..=15.0 / 21.0),
        ("7 6 5 4 3 2 1", ZERO),
        ("1 2 3", ZERO),
        ("", ZERO),
    ] {
        check(ORDER, answer, expected);
    }
    let graded = check(ORDER, "2 1 3 4 5 6 7", 0.95..=0.96);
    assert!(graded.passed);
    assert_eq!(
        graded.missed,
        ["1. Enable Digital Experiences", "2. Create the site"]
    );
}

#[test]
fn order_answers_that_are_not_permutations_say_what_is_wrong() {
    for (answer, problem) in [
        ("1 2 3", "items 4, 5, 6 and 7 are missing"),
        (
            "1 1 2 3 4 5 6",
            "item 1 is listed more than once; item 7 is missing",
        ),
        (
            "1 2 3 4 5 6 9",
            "there is no item `9` (the items are 1 to 7); item 7 is missing",
        ),
        ("1 2 3 4 5 6 0", "there is no item `0`"),
        (
            "a b 3 4 5 6 7",
            "`a` and `b` are not numbers; items 1 and 2 are missing",
        ),
        ("1 2 3 4 5 6 7 7", "item 7 is listed more than once"),
    ] {
        let graded = check(ORDER, answer, ZERO);
        assert!(
            graded.feedback.starts_with("not an order of the 7 items: "),
            "{}",
            graded.feedback
        );
        assert!(
            graded.feedback.contains(problem),
            "{answer:?}: {}",
            graded.feedback
        );
    }
}

#[test]
fn recall_grades_concepts_named() {
    let paraphrase = "You need a contact that belongs to an account (the customer's company). Digital \
                      Experiences has to be on, the site must be an active site, there must be free license \
                      seats, and for partners the account is made a partner account first. Then use Manage \
                      External User on the contact.";
    let typos = "a contcat linked to an acount, digital experiances enabled, an active site, license seats, \
                 the partner acount, then manage externl user";
    let contradicting = "You don't need a contact, just an account, digital experiences, an active site, \
                         license seats, a partner account and manage external user.";
    let without_contact = "An account, digital experiences, an active site, license seats, a partner account \
                           and manage external user.";
    let model = question(RECALL);
    let Kind::Recall(rubric) = &model.kind else {
        unreachable!("RECALL is a recall question")
    };
    for (answer, expected) in [
        (&*rubric.model_answer, FULL),
        (paraphrase, FULL),
        (typos, FULL),
        (
            "It has to be a contact on an account.",
            4.0 / 9.0..=4.0 / 9.0,
        ),
        // Mostly a list of terms, so capped at 50% even before the denial.
        (contradicting, 0.5..=0.5),
        (without_contact, 0.5..=0.5),
        ("", ZERO),
        ("I like turtles and sailing on weekends.", ZERO),
        ("contact. account", 4.0 / 9.0..=4.0 / 9.0),
        ("site; active", ZERO),
    ] {
        check(RECALL, answer, expected);
    }
    let graded = check(RECALL, contradicting, 0.5..=0.5);
    assert!(
        graded
            .feedback
            .contains("wrong: enabled from a contact (required): you said `don't need a contact`"),
        "{}",
        graded.feedback
    );
    assert!(
        graded
            .feedback
            .contains("capped at 50%; say it in sentences")
    );
    assert_eq!(graded.missed, ["enabled from a contact"]);
    let partial = check(RECALL, "It has to be a contact on an account.", 0.0..=1.0);
    assert!(
        partial
            .feedback
            .starts_with("found: enabled from a contact; linked to an account\nmissed: digital"),
        "{}",
        partial.feedback
    );
    assert!(
        partial
            .feedback
            .ends_with(&format!("model answer: {}", rubric.model_answer))
    );
    assert_eq!(partial.missed.len(), 5);
}

/// A rubric about two confusable actions, each concept with its subject.
const LIFECYCLE_LEXICON: &str = r#"synonyms = [["seat", "licence", "license"]]
confusable = [["deactivate", "disable"]]"#;

const LIFECYCLE: &str = r#"kind = "recall"
model_answer = "Deactivating keeps the user's link to the contact and frees its seat. Disabling breaks the link for good."

[[question.concept]]
name = "deactivating keeps the link"
subject = "deactivate"
phrases = ["keeps the link", "keeps its link", "link kept"]
weight = 2
required = true

[[question.concept]]
name = "disabling breaks the link for good"
subject = "disable"
phrases = ["for good", "breaks the link", "permanent"]
weight = 2
required = true

[[question.concept]]
name = "the seat is freed"
phrases = ["frees its seat", "seat freed"]
together = ["seat free"]"#;

#[test]
fn claims_inside_a_negation_contradict_their_concept() {
    let denied = check(
        RECALL,
        "A contact isn't required. Digital Experiences must be enabled, the site created and active, license seats available, the account enabled as a partner account, then Manage External User.",
        0.0..=0.69,
    );
    assert!(
        denied.feedback.contains(
            "wrong: enabled from a contact (required): you said `contact isn't required`"
        ),
        "{}",
        denied.feedback
    );
    // A double negation affirms; a requirement said with `without` is right.
    check(
        RECALL,
        "A contact is not optional: it must be linked to an account. Digital Experiences is enabled, the site created and active, license seats available, the account enabled as a partner account, then Manage External User.",
        0.95..=1.0,
    );
    check(
        RECALL,
        "A contact without an account can't be enabled. Digital Experiences is enabled, the site created and active, license seats available, the account enabled as a partner account, then Manage External User.",
        0.95..=1.0,
    );
    // Said right once and denied once, the plain claim counts.
    check(
        RECALL,
        "Not a lead: a contact linked to an account. Digital Experiences enabled, the site created and active, license seats available, the account enabled as a partner account, then Manage External User.",
        0.95..=1.0,
    );
}

/// Where a user is enabled from: the contact, not the account.
const ENABLE_FROM: &str = r#"kind = "recall"
model_answer = "Enable the account as a partner account, then enable the user from the contact with Manage External User."

[[question.concept]]
name = "the account is a partner account first"
phrases = ["partner account"]
required = true

[[question.concept]]
name = "the user is enabled from the contact"
subject = "contact"
phrases = ["manage external user"]
required = true"#;

#[test]
fn the_subject_named_later_in_the_clause_is_whom_the_claim_is_about() {
    let lexicon = r#"confusable = [["account", "contact"]]"#;
    check_in(
        lexicon,
        ENABLE_FROM,
        "Enable the account as a partner account, then use Manage External User on the contact.",
        FULL,
    );
    let swapped = check_in(
        lexicon,
        ENABLE_FROM,
        "Enable the contact as a partner account, then the account gets Manage External User.",
        0.0..=0.69,
    );
    assert!(
        swapped
            .feedback
            .contains("you said `Manage External User` of `account`"),
        "{}",
        swapped.feedback
    );
}

/// Whose role the error is about: the account owner's.
const OWNER_ROLE: &str = r#"kind = "recall"
model_answer = "The account owner has no role: give the owner a role."

[[question.concept]]
name = "the account's owner has no role"
subject = "owner"
phrases = ["has no role"]
required = true"#;

#[test]
fn a_relative_clause_can_name_the_subject_by_what_it_does() {
    let lexicon = r#"confusable = [["owner", "user"]]"#;
    // "the user who owns the account" is its owner...
    check_in(
        lexicon,
        OWNER_ROLE,
        "The internal user who owns the account has no role.",
        FULL,
    );
    check_in(
        lexicon,
        OWNER_ROLE,
        "The user that owns it has no role.",
        FULL,
    );
    // ...but a user whom the relative clause makes no owner is still the
    // wrong subject.
    for wrong in [
        "The user who holds the account has no role.",
        "The new user who is enabled has no role.",
        "The user has no role.",
    ] {
        let graded = check_in(lexicon, OWNER_ROLE, wrong, 0.0..=0.0);
        assert!(
            graded.feedback.contains("you said `has no role` of `user`"),
            "{wrong}: {}",
            graded.feedback
        );
    }
}

#[test]
fn a_claim_made_of_the_wrong_subject_contradicts() {
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Deactivating a user keeps the link to its contact, and frees its seat. Disabling breaks the link for good.",
        FULL,
    );
    let swapped = check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Disabling keeps the link to the contact and frees its seat. Deactivating breaks the link for good.",
        0.0..=0.3,
    );
    assert!(
        swapped.feedback.contains(
            "wrong: deactivating keeps the link (required): you said `keeps the link` of `disable`"
        ),
        "{}",
        swapped.feedback
    );
    // No subject in the clause: the sentence's first term is its subject.
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Disabling, unlike the other action, is the one that breaks the link for good. Deactivating: the link kept, the seat freed.",
        FULL,
    );
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Disabling removes access, and it breaks the link for good. Deactivating, though, keeps the link.",
        0.8..=0.8,
    );
    // When the sentence's first term and the nearest one differ, nobody is judged.
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Disabling also deactivates the user, and breaks the link for good. Deactivating keeps the link; the seat is freed.",
        FULL,
    );
}

#[test]
fn a_term_of_the_bank_is_never_a_misspelling_of_another_word() {
    // `reactivate` is one edit from `deactivate`: the concept about deactivating
    // must not be earned by a rubric phrase `reactivate` matching it.
    let lifecycle = LIFECYCLE.replace(
        r#"phrases = ["keeps the link", "keeps its link", "link kept"]"#,
        r#"phrases = ["keeps the link", "keeps its link", "link kept", "reactivate"]"#,
    );
    let graded = check_in(
        LIFECYCLE_LEXICON,
        &lifecycle,
        "Disabling keeps the link. Deactivating is for good.",
        0.0..=0.3,
    );
    assert!(
        !graded.feedback.contains("found: deactivating"),
        "{}",
        graded.feedback
    );
    check_in(
        LIFECYCLE_LEXICON,
        &lifecycle,
        "You reactivte it later. Disabling breaks the link for good; the seat is freed.",
        FULL,
    );
}

#[test]
fn synonyms_and_word_sets_cover_paraphrases() {
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Deactivating keeps the link; its licence is free again. Disabling is permanent.",
        FULL,
    );
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Deactivating keeps the link. Disabling is permanent.",
        0.8..=0.8,
    );
    // Every word of a set must stand in one clause.
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Deactivating keeps the link; the seat stays. Free for good: disabling.",
        0.8..=0.8,
    );
}

#[test]
fn a_bare_list_of_terms_never_passes() {
    let listed = check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "deactivate, link kept, disable, permanent, seat free",
        0.5..=0.5,
    );
    assert!(
        listed.feedback.contains("say it in sentences"),
        "{}",
        listed.feedback
    );
    check_in(
        LIFECYCLE_LEXICON,
        LIFECYCLE,
        "Deactivate = keeps the link, seat free. Disable = breaks the link for good.",
        FULL,
    );
}

#[test]
fn lint_mutation_tests_find_rubrics_that_reward_words() {
    let Kind::Recall(rubric) = &question_in(LIFECYCLE_LEXICON, LIFECYCLE).kind else {
        unreachable!("LIFECYCLE is a recall question")
    };
    let mutants: Vec<(String, String)> = super::mutation::mutants(rubric)
        .into_iter()
        .map(|mutant| (mutant.what, mutant.answer))
        .collect();
    assert_eq!(
        mutants,
        [
            (
                "required concept `deactivating keeps the link` negated".to_string(),
                "Deactivating not keeps the user's link to the contact and frees its seat. Disabling breaks the link for good.".to_string()
            ),
            (
                "required concept `disabling breaks the link for good` negated".to_string(),
                "Deactivating keeps the user's link to the contact and frees its seat. Disabling not breaks the link for good.".to_string()
            ),
            (
                "`deactivate` and `disable` swapped".to_string(),
                "disable keeps the user's link to the contact and frees its seat. deactivate breaks the link for good.".to_string()
            ),
            (
                "the concepts' phrases listed bare".to_string(),
                "link kept, permanent, seat free".to_string()
            ),
        ]
    );
    assert_eq!(
        self_check(&question_in(LIFECYCLE_LEXICON, LIFECYCLE)),
        Vec::new()
    );
    // Without subjects or required concepts, words earn the marks.
    let weak = LIFECYCLE
        .replace("subject = \"deactivate\"\n", "")
        .replace("subject = \"disable\"\n", "")
        .replace("required = true\n", "");
    let problems: Vec<String> = self_check(&question_in(LIFECYCLE_LEXICON, &weak))
        .into_iter()
        .map(|problem| problem.message)
        .collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "the model answer with `deactivate` and `disable` swapped still passes (100%)"
        ),
        "{problems:#?}"
    );
    // A concept whose every phrase makes a claim has no term to list bare;
    // the others' terms are listed without it.
    let claims_only = LIFECYCLE.replace(
        "phrases = [\"for good\", \"breaks the link\", \"permanent\"]",
        "phrases = [\"is for good\", \"is permanent\"]",
    );
    assert_ne!(claims_only, LIFECYCLE, "the fixture's phrases changed");
    let Kind::Recall(rubric) = &question_in(LIFECYCLE_LEXICON, &claims_only).kind else {
        unreachable!("a recall question")
    };
    let listed: Vec<String> = super::mutation::mutants(rubric)
        .into_iter()
        .filter(|mutant| mutant.kind == super::mutation::MutantKind::Listed)
        .map(|mutant| mutant.answer)
        .collect();
    assert_eq!(listed, ["link kept, seat free"]);
}

#[test]
fn huge_and_hostile_answers_are_capped_not_fatal() {
    let huge_recall = "contact account digital experiences ".repeat(3000);
    let graded = check(RECALL, &huge_recall, 0.0..=1.0);
    assert!(
        graded
            .feedback
            .ends_with("(only the first 16384 bytes of the answer were graded)")
    );
    check(ORDER, &"1 ".repeat(60_000), ZERO);
    check(MULTI, &"a c d ".repeat(20_000), FULL);
    check(SHORT, &"é".repeat(100_000), ZERO);
    let hostile = "\u{1b}[31mcontact\u{1b}[0m\u{0}\u{202e} account\r\n\u{7f}\u{9b}2J";
    for bank in [SINGLE, MULTI, TRUE, SHORT, ORDER, RECALL] {
        check(bank, hostile, 0.0..=1.0);
    }
}

#[test]
fn sound_keys_pass_the_self_check() {
    for bank in [SINGLE, MULTI, TRUE, SHORT, ORDER, RECALL] {
        assert_eq!(self_check(&question(bank)), Vec::new(), "{bank}");
    }
}

#[test]
fn broken_keys_fail_the_self_check() {
    let messages = |bank: &str| -> Vec<String> {
        self_check(&question(bank))
            .into_iter()
            .map(|problem| problem.message)
            .collect()
    };
    assert_eq!(
        messages("kind = \"short\"\naccept = [\"?!\", \"ok\"]"),
        ["the question's own answer `?!` grades 0%, not 100% (missed: ?!)"]
    );
    let thin_model = "kind = \"recall\"\nmodel_answer = \"A contact.\"\n\
                      [[question.concept]]\nname = \"contact\"\nphrases = [\"contact\"]\n\
                      [[question.concept]]\nname = \"account\"\nphrases = [\"account\", \"the\"]\n\
                      [[question.concept]]\nname = \"seats\"\nphrases = [\"seats\", \"no seats\"]\ncontradicts = [\"no seats\"]";
    assert_eq!(
        messages(thin_model),
        [
            "the question's own answer `A contact.` grades 33%, not 95% (missed: account, seats)",
            "phrase `the` of concept `account` does not earn the concept on its own",
            "phrase `no seats` of concept `seats` does not earn the concept on its own",
        ]
    );
}

#[test]
fn percent_rounds_down() {
    assert_eq!(percent(0.699_999), 69);
    assert_eq!(percent(0.29), 29);
    assert_eq!(percent(1.0), 100);
    assert_eq!(percent(f64::NAN), 0);
}

/// One question of every kind, read once for all property cases.
static EVERY_KIND: std::sync::LazyLock<Vec<Question>> = std::sync::LazyLock::new(|| {
    let mut questions: Vec<Question> = [SINGLE, MULTI, TRUE, SHORT, ORDER, RECALL]
        .into_iter()
        .map(question)
        .collect();
    // Hard dependencies of an order.
    questions.push(question(&format!(
        "{ORDER}\nbefore = [[1, 2], [2, 3], [4, 7]]"
    )));
    questions.push(question(&scenario_toml()));
    questions.push(question(&diagnose_toml()));
    // Claims: negation, subjects, synonyms and word sets.
    questions.push(question_in(LIFECYCLE_LEXICON, LIFECYCLE));
    questions
});

#[test]
fn scoring_without_feedback_scores_as_grading_does() {
    let answers = [
        "",
        "1 2 3 4 5 6 7",
        "2 1 3 4 5 6 7",
        "1 3 2 4 5 6 7",
        "1 2 3 7 4 5 6",
        "7 6 5 4 3 2 1",
        "1 2 3",
        "1 1 2 3 4 5 6",
        "b",
        "b, d",
        "b d e",
        "b d e a",
        "a b c d e",
        "A lead",
        "z",
        "true",
        "no",
        "Partner Community",
        "a contact linked to an account",
    ];
    let mut n_partial = 0;
    for question in EVERY_KIND.iter() {
        for answer in key_answers(question)
            .iter()
            .map(String::as_str)
            .chain(answers)
        {
            let graded = grade(question, answer).score;
            assert_eq!(
                super::score(question, answer),
                graded,
                "{} {answer:?}",
                question.id()
            );
            n_partial += usize::from(graded > 0.0 && graded < 1.0);
        }
    }
    // The answers reach partial credit too, not only 0 and 1.
    assert!(n_partial >= 5, "{n_partial}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_answer_makes_a_grader_panic_or_leave_0_to_1(
        answer in prop_oneof![
            any::<String>(),
            "[a-g0-9 ,;()]{0,30}",
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "contact", "account", "no", "don't", "need", "a", "the", "site", "active", ",",
                    ".", "(", "license", "seats", "partner", "3", "D5.3", "é", "\u{1b}[2J", "'", "n't",
                    ";", "\n", "\"", "#", "i", "OWNER_NO_ROLE", "enable", "customer", "user", "Priya",
                    "profile", "assign", "role", "to", "Dana", "login", "deactivating", "disable",
                    "without", "if", "optional", "keeps", "link", "for good", "which", "it", "nothing",
                ]),
                0..60,
            ).prop_map(|words| words.join(" ")),
        ]
    ) {
        for question in EVERY_KIND.iter() {
            let graded = grade(question, &answer);
            prop_assert!((0.0..=1.0).contains(&graded.score), "score {}", graded.score);
            prop_assert!(!graded.feedback.is_empty());
            // `lint`'s score without feedback is the grade's score.
            prop_assert_eq!(super::score(question, &answer), graded.score, "{}", question.id());
        }
    }
}

fn scenario_toml() -> String {
    format!(
        "kind = \"scenario\"\nsolution = \"assign role Boss to Dana; enable customer user Priya profile \\\"Customer Community User\\\"\"\nwrong = [\"enable customer user Priya profile \\\"Customer Community User\\\"\"]\n{SCENARIO_ORG}"
    )
}

fn diagnose_toml() -> String {
    format!("kind = \"diagnose\"\n{SCENARIO_ORG}")
}

const ROLE: &str = "assign role Boss to Dana";
const ENABLE: &str = "enable customer user Priya profile \"Customer Community User\"";

#[test]
fn scenario_answers_run_on_the_org() {
    let scenario = scenario_toml();
    for (answer, expected) in [
        (format!("{ROLE}; {ENABLE}"), FULL),
        (format!("{ROLE}\n{ENABLE}\nlogin Priya site Help"), FULL),
        (
            format!("# fix the owner first\n{ROLE} # a comment\n{ENABLE}"),
            FULL,
        ),
        (format!("{ENABLE}; {ROLE}; {ENABLE}"), 0.9..=0.9),
        // A line that is not a command is a typo: it costs nothing.
        (format!("bogus; {ENABLE}; {ROLE}; {ENABLE}"), 0.9..=0.9),
        (format!("{}{ROLE}; {ENABLE}", "nope; ".repeat(9)), FULL),
        (
            format!("{ENABLE}; {ENABLE}; {ENABLE}; {ENABLE}; {ENABLE}; {ENABLE}; {ROLE}; {ENABLE}"),
            0.5..=0.5,
        ),
        (ENABLE.to_string(), ZERO),
        (ROLE.to_string(), ZERO),
        ("show; check Priya as customer site Help".to_string(), ZERO),
        (String::new(), ZERO),
        ("# only a comment".to_string(), ZERO),
        ("\u{1b}[2J; \"unterminated".to_string(), ZERO),
        ("show\n".repeat(3000), ZERO),
    ] {
        check(&scenario, &answer, expected);
    }
}

#[test]
fn a_scenario_reached_the_wrong_way_is_capped_and_told_why() {
    let scenario = format!(
        "{}\n[[question.avoid]]\ncommand = \"disable user\"\nscore = 0.4\nwhy = \"reactivate instead\"\n",
        scenario_toml()
    );
    check(&scenario, &format!("{ROLE}; {ENABLE}"), FULL);
    let graded = check(
        &scenario,
        &format!("{ROLE}; {ENABLE}; disable user Priya; {ENABLE}"),
        0.4..=0.4,
    );
    assert!(
        graded
            .feedback
            .contains("but the wrong way (`disable user`): reactivate instead"),
        "{}",
        graded.feedback
    );
}

#[test]
fn scenario_feedback_names_blockers_and_failed_commands() {
    let scenario = scenario_toml();
    let graded = check(&scenario, ENABLE, ZERO);
    assert!(
        graded.feedback.contains("still blocking: OWNER_NO_ROLE (fix: `assign role \"Sales Manager\" to \"Dana\"`); NO_EXTERNAL_USER"),
        "{}",
        graded.feedback
    );
    assert!(
        graded.feedback.contains("1 failed command (−10% each): `enable customer user Priya profile \"Customer Community User\"` fails with OWNER_NO_ROLE"),
        "{}",
        graded.feedback
    );
    assert_eq!(graded.missed, ["OWNER_NO_ROLE", "NO_EXTERNAL_USER"]);
    let graded = check(&scenario, &format!("{ENABLE}; {ROLE}; {ENABLE}"), 0.9..=0.9);
    assert!(
        graded
            .feedback
            .starts_with("goal reached: `Priya` can log in to `Help` as a customer user")
    );
    assert!(graded.missed.is_empty());
    let graded = check(
        &scenario,
        &format!("asign role Boss to Dana; {ROLE}; {ENABLE}"),
        FULL,
    );
    assert!(
        graded
            .feedback
            .contains("ignored, not commands (typos cost nothing): `asign role Boss to Dana` fails with PARSE_ERROR"),
        "{}",
        graded.feedback
    );
    let graded = check(&scenario, "", ZERO);
    assert!(
        graded.feedback.starts_with("no commands given"),
        "{}",
        graded.feedback
    );
}

#[test]
fn diagnose_answers_score_the_f1_of_the_named_codes() {
    let diagnose = diagnose_toml();
    for (answer, expected) in [
        ("i n", FULL),
        ("N, I", FULL),
        ("OWNER_NO_ROLE, NO_EXTERNAL_USER", FULL),
        ("owner-no-role; no_external_user", FULL),
        ("OWNER_NO_ROL n", FULL),
        ("i) n)", FULL),
        ("i i n", FULL),
        ("i", 0.66..=0.67),
        ("i n c", 0.8..=0.8),
        ("i c d", 0.4..=0.4),
        ("c", ZERO),
        ("z", ZERO),
        ("", ZERO),
        ("\u{1b}[2J", ZERO),
        ("the owner has no role", ZERO),
    ] {
        check(&diagnose, answer, expected);
    }
    let graded = check(&diagnose, "i c OWNER_NO_ROL", 0.5..=0.5);
    assert_eq!(graded.missed, ["NO_EXTERNAL_USER"]);
    assert!(
        graded
            .feedback
            .contains("read `OWNER_NO_ROL` as OWNER_NO_ROLE"),
        "{}",
        graded.feedback
    );
    assert!(
        graded
            .feedback
            .contains("not blocking here: SITE_NOT_ACTIVE"),
        "{}",
        graded.feedback
    );
    assert!(
        graded.feedback.contains("what blocks it: OWNER_NO_ROLE (fix: `assign role \"Sales Manager\" to \"Dana\"`); NO_EXTERNAL_USER (fix: `enable customer user \"Priya\" profile \"Customer Community User\"`)"),
        "{}",
        graded.feedback
    );
}

#[test]
fn scenario_and_diagnose_keys_pass_the_self_check() {
    for toml in [scenario_toml(), diagnose_toml()] {
        let question = question(&toml);
        assert_eq!(self_check(&question), []);
    }
    assert_eq!(
        key_answers(&question(&diagnose_toml())),
        ["OWNER_NO_ROLE, NO_EXTERNAL_USER"]
    );
}
