//! Generated practice (`quiz --generated N`): questions made from the session's
//! seed by `org::generate`, alternating scenario and diagnose, each verified
//! before it is put to the learner.
//!
//! They have ids `generated.<seed>-<n>` (1-based `n`), are graded like authored
//! scenario and diagnose questions, and appear in the session's result, but are
//! not recorded in the progress store: they have no stable content to schedule.
//! The same seed gives the same questions.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::select::Presented;
use crate::grade::describe_blockers;
use crate::model::question::{DEFAULT_PASS, Difficulty, Origin, QuestionTexts, Setup};
use crate::model::texts::Texts;
use crate::model::{Catalog, Diagnose, Kind, Question, Scenario};
use crate::org::{Code, Generated, generate};

/// The start of every generated question's id; the question model reserves
/// it, so no bank's question can be taken for a generated one.
pub use crate::model::question::GENERATED_PREFIX;

/// The topic of generated questions.
pub const GENERATED_TOPIC: &str = "generated";

/// Whether a question id is a generated question's.
pub fn is_generated(id: &str) -> bool {
    id.starts_with(GENERATED_PREFIX)
}

/// `count` verified questions for `seed`: scenario, diagnose, scenario, ...
pub fn generated_questions(seed: u64, count: usize) -> Vec<Question> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut questions = Vec::with_capacity(count);
    while questions.len() < count {
        let number = questions.len() + 1;
        let scenario = number % 2 == 1;
        let generated = generate(rng.next_u64());
        if let Some(question) = question(seed, number, scenario, generated) {
            questions.push(question);
        }
    }
    questions
}

/// The catalog with `extra` questions after its own, and the session's questions
/// with the extra ones spread evenly among `chosen`.
pub fn mix_in(
    catalog: &Catalog,
    chosen: Vec<Presented>,
    extra: Vec<Question>,
) -> (Catalog, Vec<Presented>) {
    let base = catalog.questions().len();
    let n_extra = extra.len();
    let mut questions = catalog.questions().to_vec();
    // Cite only facts the content has (a `--content` folder may have others).
    questions.extend(extra.into_iter().map(|mut question| {
        question.facts = question
            .facts
            .iter()
            .filter(|fact| catalog.fact(fact).is_some())
            .cloned()
            .collect();
        question
    }));
    let mixed_catalog = Catalog::new(questions, catalog.facts().to_vec());
    let n_chosen = chosen.len();
    let mut extra_idx = (0..n_extra).map(|idx| Presented {
        question_idx: base + idx,
        shown: Vec::new(),
    });
    let mut mixed = Vec::with_capacity(n_chosen + n_extra);
    let mut placed = 0;
    for (idx, presented) in chosen.into_iter().enumerate() {
        // Extra question k goes after (k + 1) / (n_extra + 1) of the chosen ones.
        while placed < n_extra && idx * (n_extra + 1) >= (placed + 1) * n_chosen {
            mixed.extend(extra_idx.next());
            placed += 1;
        }
        mixed.push(presented);
    }
    mixed.extend(extra_idx);
    (mixed_catalog, mixed)
}

/// A question from a generated org, or `None` when its fixes, run as a
/// solution, do not reach the goal (the model's own check, run again).
fn question(seed: u64, number: usize, scenario: bool, generated: Generated) -> Option<Question> {
    let Generated {
        org,
        goal,
        blockers,
    } = generated;
    let fixes: Vec<String> = blockers
        .iter()
        .map(|blocker| blocker.fix.clone())
        .collect::<Option<_>>()?;
    let solution = fixes.join("\n");
    let mut solved = org.clone();
    let all_ok = solved
        .run_script(&solution)
        .iter()
        .all(|outcome| outcome.outcome.is_ok());
    if blockers.is_empty() || !all_ok || !goal.holds(&solved) {
        return None;
    }
    let setup = Setup {
        org: Arc::new(org),
        goal,
    };
    let found = describe_blockers(&blockers);
    let mut facts: Vec<Arc<str>> = Vec::new();
    for fact in blockers.iter().filter_map(|blocker| fact_of(blocker.code)) {
        if !facts.iter().any(|known| &**known == fact) {
            facts.push(Arc::from(fact));
        }
    }
    let (prompt, kind) = if scenario {
        (
            "Generated practice: fix this org so that the goal holds.",
            Kind::Scenario(Box::new(Scenario {
                setup,
                solution,
                wrong: Vec::new(),
                avoid: Vec::new(),
            })),
        )
    } else {
        (
            "Generated practice: what blocks the goal in this org? Name every blocker.",
            Kind::Diagnose(Box::new(Diagnose { setup })),
        )
    };
    let id = format!("{GENERATED_PREFIX}{seed}-{number}");
    let explanation = format!(
        "`check` finds, in order: {found}. Running the fixes in that order reaches the goal."
    );
    let hint = "`check` looks at Digital Experiences, then the site, then the contact and its account, then the user.";
    Some(Question {
        texts: QuestionTexts::new(&id, prompt, &explanation, None, Some(hint)),
        topic: Arc::from(GENERATED_TOPIC),
        facts: facts.into_boxed_slice(),
        difficulty: Difficulty::Medium,
        tags: Texts::default(),
        pass: DEFAULT_PASS,
        kind,
        origin: Origin {
            path: Arc::from("<generated>"),
            line: 0,
            column: 0,
        },
    })
}

/// The fact of the embedded content that teaches why a blocker blocks.
fn fact_of(code: Code) -> Option<&'static str> {
    Some(match code {
        Code::DxNotEnabled => "setup.enable-dx",
        Code::NotFound => "setup.create-site",
        Code::SiteNotActive => "setup.enable-community-login",
        Code::NotSiteMember => "sites.membership",
        Code::ContactNoAccount => "chain.private-contact",
        Code::PersonAccountNotPartner => "partner.no-person-accounts",
        Code::UserExistsForContact => "lifecycle.one-user-per-contact",
        Code::AccountNotPartner => "setup.partner-account",
        Code::OwnerNoRole => "chain.owner-role",
        Code::NoLicense | Code::LicenseLimitExceeded => "license.limit-exceeded",
        Code::StandardProfileBlocked => "license.standard-profiles-blocked",
        Code::NoExternalUser => "setup.enable-user",
        Code::UserInactive => "lifecycle.deactivate",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::{grade, key_answers};

    #[test]
    fn the_same_seed_gives_the_same_questions_alternating_kinds() {
        let first = generated_questions(7, 4);
        assert_eq!(first, generated_questions(7, 4));
        let kinds: Vec<&str> = first.iter().map(Question::kind_name).collect();
        assert_eq!(kinds, ["scenario", "diagnose", "scenario", "diagnose"]);
        assert_eq!(first[1].id(), "generated.7-2");
        assert_ne!(first, generated_questions(8, 4));
    }

    #[test]
    fn every_generated_key_grades_full_marks() {
        for seed in 0..40 {
            for question in generated_questions(seed, 2) {
                for key in key_answers(&question) {
                    assert_eq!(
                        grade(&question, &key).score,
                        1.0,
                        "{}: {key}",
                        question.id()
                    );
                }
                assert_eq!(grade(&question, "").score, 0.0);
            }
        }
    }

    #[test]
    fn extra_questions_are_spread_among_the_chosen() {
        let catalog = Catalog::default();
        let chosen: Vec<Presented> = (0..4)
            .map(|question_idx| Presented {
                question_idx,
                shown: Vec::new(),
            })
            .collect();
        let (mixed_catalog, mixed) = mix_in(&catalog, chosen, generated_questions(1, 2));
        let order: Vec<usize> = mixed
            .iter()
            .map(|presented| presented.question_idx)
            .collect();
        assert_eq!(order, [0, 1, 0, 2, 1, 3]);
        assert_eq!(mixed_catalog.questions().len(), 2);
        assert!(
            mixed_catalog
                .questions()
                .iter()
                .all(|question| question.facts.is_empty()),
            "facts the catalog lacks are not cited"
        );
    }

    #[test]
    fn generated_questions_cite_facts_of_the_embedded_content() {
        let catalog = crate::bank::check(&crate::bank::load::embedded())
            .into_catalog()
            .unwrap();
        for code in Code::DIAGNOSABLE {
            if let Some(fact) = fact_of(code) {
                assert!(catalog.fact(fact).is_some(), "{code}: no fact `{fact}`");
            }
        }
        let (mixed, _) = mix_in(&catalog, Vec::new(), generated_questions(3, 2));
        let generated = &mixed.questions()[catalog.questions().len()..];
        assert!(generated.iter().all(|question| !question.facts.is_empty()));
    }
}
