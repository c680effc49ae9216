//! Grading budget (BENCHMARKS.md): a recall answer of about 80 words against
//! a rubric of 8 concepts with their phrases, under 20 µs. The question is read
//! through the real loader once; the benchmark times `grade::grade` alone, which
//! normalises the rubric's phrases on every call. The rubric uses every claim
//! feature: negation, subjects from `confusable` groups, synonyms and word sets.

use xcdrill::bank::{self, ContentFiles};

use xcdrill::grade;
use xcdrill::model::Question;

fn main() {
    divan::main();
}

const BANK: &str = r#"format_version = 1
synonyms = [["license", "licence", "seat"], ["organization", "organisation", "company"]]
confusable = [["account", "contact"], ["customer", "partner"]]

[[fact]]
id = "chain.contact-needs-account"
statement = "An external user is enabled from a contact linked to an account."
source = "seed: Quick interview answer"

[[question]]
id = "interview.prerequisites"
kind = "recall"
topic = "interview"
prompt = "Is there any prerequisite to create a community user?"
explanation = "The seed's quick answer."
facts = ["chain.contact-needs-account"]
model_answer = "Yes: a community user must be enabled from a Contact record linked to an Account, with Experience Cloud enabled, the community site created and active, and available license seats. For partner communities, the Account must first be enabled as a partner account. You enable the user from the Contact via Manage External User, Enable Customer User or Enable Partner User, and pick a community profile, which determines the license."

[[question.concept]]
name = "enabled from a contact"
phrases = ["contact record", "from a contact", "from the contact", "contact"]
contradicts = ["no contact", "don't need a contact", "without a contact"]
weight = 2
required = true

[[question.concept]]
name = "contact linked to an account"
subject = "contact"
phrases = ["linked to an account", "parent account", "belongs to an account"]
together = ["contact account linked"]
contradicts = ["no account", "don't need an account", "without an account"]
weight = 2
required = true

[[question.concept]]
name = "digital experiences enabled"
phrases = ["digital experiences enabled", "experience cloud enabled", "enable digital experiences", "communities enabled"]
contradicts = ["no need to enable digital experiences"]

[[question.concept]]
name = "site created and active"
phrases = ["site created", "active site", "site active", "community site", "create the site"]

[[question.concept]]
name = "license seats available"
phrases = ["license seats", "licenses available", "available licenses", "unused seats", "free seats"]
contradicts = ["no licenses needed"]

[[question.concept]]
name = "partner account enabled first"
subject = "account"
phrases = ["partner account", "enable as partner", "enable the account as a partner"]

[[question.concept]]
name = "manage external user"
phrases = ["manage external user", "enable customer user", "enable partner user"]

[[question.concept]]
name = "profile sets the license"
phrases = ["pick a profile", "choose the profile", "profile determines license", "community profile"]
"#;

/// About 80 words, with a typo, a paraphrase and a few concepts missing.
const ANSWER: &str = "Yes, there are prerequisites. First you turn on Experience Cloud, so it is enabled \
    in Setup, and you need a community site that is created and made active. The person must exist \
    as a Contact record linked to a parent acount, their company. Check that there really are available licenses \
    with unused seats. For a partner company, the account is enabled as a partner account first. Then open \
    the contact and use Manage External User to enable the customer user.";

fn question() -> Question {
    let loaded = bank::check(&ContentFiles::from_texts(&[("bench.toml", BANK)]));
    assert!(
        !loaded.has_errors(),
        "the benchmark bank is invalid: {:?}",
        loaded.diagnostics
    );
    loaded.catalog.questions()[0].clone()
}

#[divan::bench]
fn recall_80_words_8_concepts(bencher: divan::Bencher) {
    let question = question();
    assert_eq!(ANSWER.split_whitespace().count(), 80);
    bencher.bench_local(|| grade::grade(divan::black_box(&question), divan::black_box(ANSWER)));
}
