//! Short typed answers, compared with each accepted answer after folding what
//! the question's `Folding` switches say: case, accents, punctuation and
//! spacing (on by default). With typos forgiven (also the default), each word may
//! be off by the allowance of `normalize::typo_allowance`; words with digits
//! must match exactly. A short answer is right or wrong: there is no partial
//! credit for half a name.
//!
//! Both the answer and each accepted answer are reduced to their core words
//! before comparing, so that wording that names the same thing matches:
//!
//! - articles and determiners (`the`, `a`, `this`, `their`, ...) are dropped;
//! - words are compared by their stems, so plurals match (`Person Accounts`);
//! - trailing generic nouns (`record`, `tab`, `button`, `action`, `page`,
//!   `field`, `menu`, `link`, `option`, `role`, `setting`, `dropdown`, `screen`)
//!   are dropped, as is a
//!   leading `Setup` navigation root, as long as a word remains;
//! - list punctuation and connectors (`,` `→` `>` `->` `-` `/`, `then` and
//!   `and`) separate words and nothing more, so `Account, then Contact, then the User`
//!   is `Account → Contact → User` (the order still matters);
//! - with punctuation folded, text in parentheses is an aside and is dropped,
//!   and a leading `label =` or `label:` (`Status = 'Live'`) too.
//!
//! An answer may also go on after the accepted answer with an appositive or a
//! relative clause: a tail that starts with a relative, pronoun or preposition
//! word (`The Contact it's enabled from`, `the email from the contact`), or a
//! comma and a clause with such a word (`Acme Partner User, the only role with a
//! count of 1`). A comma followed by more bare names is a list, not an aside,
//! and is compared whole. Any other extra or different word is a different
//! thing: `Manage External Account` is not `Manage External User`.

use super::normalize::{self, Fold};
use super::{Mark, quote};
use crate::model::question::{Folding, Short};

/// Articles and determiners: dropped wherever they stand.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "your", "my",
    "our",
];

/// Nouns that name the kind of thing rather than the thing (`the Members
/// tab`): dropped at the end of an answer, singular or plural.
const GENERIC_NOUNS: &[&str] = &[
    "record", "tab", "button", "action", "page", "field", "menu", "link", "option", "role",
    "setting", "dropdown", "screen",
];

/// Words that separate the items of a list and nothing more.
const CONNECTORS: &[&str] = &["then", "and"];

/// Words that start a relative clause or an aside after the answer, with no
/// comma before it (`the email from the contact`).
const TAIL_STARTS: &[&str] = &[
    "which", "that", "thats", "who", "whom", "whose", "where", "when", "it", "its", "they",
    "their", "from", "of", "for", "with", "in", "on", "under", "via", "at", "by", "because",
    "since",
];

/// Words that, besides determiners and [`TAIL_STARTS`], make what follows a
/// comma a clause about the answer rather than another item of a list.
const CLAUSE_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "not",
    "no",
    "as",
    "also",
    "only",
    "formerly",
    "previously",
    "now",
    "called",
    "named",
    "known",
    "aka",
    "ie",
    "eg",
    // `i.e.` and `e.g.` reach here as `i e` and `e g`; `I` is a clause's subject.
    "i",
    "e",
    "meaning",
    "so",
    "but",
];

/// Words after a comma that continue a list: `Contact, then Account` is a
/// list, not the Contact with an aside.
const LIST_CONTINUATIONS: &[&str] = &["then", "and", "or"];

/// How an answer compares with one accepted answer, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    Exact,
    WithTypos,
    None,
}

/// One word of an answer.
#[derive(Debug, Clone)]
struct Token {
    /// The folded word, lowercased: what the word lists above are matched on.
    lower: String,
    /// The folded word's stem (`accounts` is `account`), keeping case when
    /// the question does.
    stem: String,
    /// The number of clause breaks (`,` `;` `.` `:`) before the word.
    clause: u32,
}

impl Token {
    fn new(word: &str, clause: u32) -> Token {
        let lower = word.to_lowercase();
        let stem = stem_keeping_case(word, &lower);
        Token {
            lower,
            stem,
            clause,
        }
    }
}

pub fn grade(short: &Short, answer: &str) -> Mark {
    let shown = short.accept.first().unwrap_or("");
    // An accepted answer typed as it is written needs no reading (one with
    // no letter or digit is no answer at all, as below).
    let trimmed = answer.trim();
    if trimmed.chars().any(char::is_alphanumeric)
        && let Some(accepted) = short.accept.iter().find(|accepted| *accepted == trimmed)
    {
        return Mark::new(1.0, format!("right: {}", quote(accepted)), Vec::new());
    }
    let given = tokens(answer, short.folding);
    if given.is_empty() {
        return Mark::new(
            0.0,
            format!("no answer given; the answer is {}", quote(shown)),
            vec![shown.to_string()],
        );
    }
    // The whole answer, then each head that an aside follows; and the same
    // for what follows a leading label, if there is one.
    let mut candidates = Vec::new();
    let unlabelled = short
        .folding
        .punctuation
        .then(|| without_label(&without_asides(answer)).map(|rest| tokens(rest, short.folding)))
        .flatten();
    for words in std::iter::once(&given).chain(unlabelled.iter()) {
        candidates.push(core(words));
        candidates.extend(
            (1..words.len())
                .filter(|&at| starts_aside(words, at))
                .map(|at| core(&words[..at])),
        );
    }
    let mut typo_match: Option<&str> = None;
    for accepted in &short.accept {
        let expected = core(&tokens(accepted, short.folding));
        let best = candidates
            .iter()
            .map(|words| compare(words, &expected, short.folding))
            .min()
            .unwrap_or(Match::None);
        match best {
            Match::Exact => {
                return Mark::new(1.0, format!("right: {}", quote(accepted)), Vec::new());
            }
            Match::WithTypos => {
                typo_match.get_or_insert(accepted);
            }
            Match::None => {}
        }
    }
    match typo_match {
        Some(accepted) => Mark::new(
            1.0,
            format!(
                "right, allowing for spelling: it is written {}",
                quote(accepted)
            ),
            Vec::new(),
        ),
        None => Mark::new(
            0.0,
            format!("not accepted; the answer is {}", quote(shown)),
            vec![shown.to_string()],
        ),
    }
}

/// The words of `text`: with punctuation folded, the words of `normalize::scan`
/// once asides in parentheses are cut; without, the text split at white space,
/// punctuation kept.
fn tokens(text: &str, folding: Folding) -> Vec<Token> {
    let fold = Fold {
        case: folding.case,
        accents: folding.accents,
    };
    let mut found = Vec::new();
    if folding.punctuation {
        normalize::scan(&without_asides(text), fold, |word, _, clause| {
            found.push(Token::new(word, clause))
        });
    } else {
        found.extend(
            text.split_whitespace()
                .map(|word| Token::new(&normalize::fold_word(word, fold), 0)),
        );
    }
    found
}

/// The words that name the answer: without determiners and connectors, a
/// leading `Setup` or trailing generic nouns, as stems.
fn core(tokens: &[Token]) -> Vec<String> {
    let mut kept: Vec<&Token> = tokens
        .iter()
        .filter(|token| {
            !is_one_of(&token.lower, DETERMINERS) && !is_one_of(&token.lower, CONNECTORS)
        })
        .collect();
    if kept.is_empty() {
        kept = tokens.iter().collect();
    }
    if kept.len() > 1 && kept[0].lower == "setup" {
        kept.remove(0);
    }
    while kept.len() > 1
        && kept
            .last()
            .is_some_and(|token| is_generic_noun(&token.lower))
    {
        kept.pop();
    }
    kept.into_iter().map(|token| token.stem.clone()).collect()
}

/// Whether the words from `at` on are an aside about the words before them: a
/// relative clause or prepositional phrase (`which ...`, `from the contact`),
/// or, after a comma, a clause with a function word in its first part (`, the
/// only role with ...`), not another item of a list (`, Account, User`).
fn starts_aside(tokens: &[Token], at: usize) -> bool {
    let first = &tokens[at];
    let after_comma = tokens[at - 1].clause != first.clause;
    if !after_comma {
        return is_one_of(&first.lower, TAIL_STARTS);
    }
    if is_one_of(&first.lower, LIST_CONTINUATIONS) {
        return false;
    }
    tokens[at..]
        .iter()
        .take_while(|token| token.clause == first.clause)
        .any(|token| {
            is_one_of(&token.lower, DETERMINERS)
                || is_one_of(&token.lower, TAIL_STARTS)
                || is_one_of(&token.lower, CLAUSE_WORDS)
        })
}

fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.contains(&word)
}

/// `page` and `pages` (the stem would fold `setting` to `set`, so plurals are
/// taken off by hand).
fn is_generic_noun(word: &str) -> bool {
    is_one_of(word, GENERIC_NOUNS)
        || word
            .strip_suffix('s')
            .is_some_and(|singular| is_one_of(singular, GENERIC_NOUNS))
}

/// The stem of `word` (`lower` is it lowercased), with the case of `word` kept
/// where the stem shares its letters: `Accounts` is `Account`.
fn stem_keeping_case(word: &str, lower: &str) -> String {
    let mut stem = String::new();
    normalize::push_stem(lower, &mut stem);
    if word == lower {
        return stem;
    }
    if stem == lower || !word.is_ascii() || word.len() != lower.len() {
        return word.to_string();
    }
    let shared = stem
        .bytes()
        .zip(lower.bytes())
        .take_while(|(stem_byte, lower_byte)| stem_byte == lower_byte)
        .count();
    format!("{}{}", &word[..shared], &stem[shared..])
}

/// `text` without what stands in parentheses (`Members (Administration →
/// Members)` is `Members`), unless nothing would be left.
fn without_asides(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('(') {
        return text.into();
    }
    let mut kept = String::with_capacity(text.len());
    let mut depth = 0_usize;
    for ch in text.chars() {
        match ch {
            '(' => {
                depth += 1;
                kept.push(' ');
            }
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => kept.push(ch),
            _ => {}
        }
    }
    if kept.chars().any(char::is_alphanumeric) {
        kept.into()
    } else {
        text.into()
    }
}

/// What follows a leading `label =` or `label:` of up to three words
/// (`Status = 'Live'` is `'Live'`), if there is such a label and something
/// follows it. The answer is compared both with and without it, as the label
/// may be the answer itself (`Live: the API value`).
fn without_label(text: &str) -> Option<&str> {
    const MAX_LABEL_WORDS: usize = 3;
    let at = text.find(['=', ':'])?;
    let (label, rest) = (&text[..at], &text[at + 1..]);
    let label_words = label.split_whitespace().count();
    let is_label = (1..=MAX_LABEL_WORDS).contains(&label_words)
        && label.chars().any(char::is_alphabetic)
        && label.chars().all(|ch| {
            ch.is_alphanumeric() || ch.is_whitespace() || matches!(ch, '.' | '_' | '\'' | '"')
        });
    (is_label && rest.chars().any(char::is_alphanumeric)).then_some(rest)
}

fn compare(given: &[String], expected: &[String], folding: Folding) -> Match {
    if expected.is_empty() {
        return Match::None;
    }
    if given == expected {
        return Match::Exact;
    }
    // Folded spacing: `log in`, `log-in` and `login` are one answer.
    let joined = folding
        .punctuation
        .then(|| (given.concat(), expected.concat()));
    if let Some((given_joined, expected_joined)) = &joined
        && given_joined == expected_joined
    {
        return Match::Exact;
    }
    if !folding.typos {
        return Match::None;
    }
    let word_by_word = given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .all(|(given_word, expected_word)| close_enough(given_word, expected_word));
    let joined_with_typos = joined.is_some_and(|(given_joined, expected_joined)| {
        close_enough(&given_joined, &expected_joined)
    });
    if word_by_word || joined_with_typos {
        Match::WithTypos
    } else {
        Match::None
    }
}

/// Whether two words are the same up to a typo. A difference only in case or
/// accents, where the question keeps them, is a real difference, not a typo.
fn close_enough(given: &str, expected: &str) -> bool {
    if given == expected {
        return true;
    }
    if normalize::fold_word(given, Fold::ALL) == normalize::fold_word(expected, Fold::ALL) {
        return false;
    }
    normalize::same_word_with_typos(given, expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::texts::Texts;

    /// Grades `answer` against `accept` with `folding`, and checks whether it is
    /// right and that the feedback starts with `feedback`.
    #[track_caller]
    fn check(accept: &[&str], folding: Folding, answer: &str, right: bool, feedback: &str) {
        let short = Short {
            accept: Texts::pack(accept.iter().copied()),
            folding,
        };
        let mark = grade(&short, answer);
        let expected = if right { 1.0 } else { 0.0 };
        assert_eq!(
            mark.score, expected,
            "{answer:?} against {accept:?}: {}",
            mark.feedback
        );
        assert!(
            mark.feedback.starts_with(feedback),
            "{answer:?}: feedback {:?} should start with {feedback:?}",
            mark.feedback
        );
        assert_eq!(
            mark.missed.is_empty(),
            right,
            "{answer:?}: missed {:?}",
            mark.missed
        );
    }

    const ON: Folding = Folding {
        case: true,
        accents: true,
        punctuation: true,
        typos: true,
    };

    #[track_caller]
    fn right(accept: &[&str], answer: &str) {
        check(accept, ON, answer, true, "right");
    }

    #[track_caller]
    fn wrong(accept: &[&str], answer: &str) {
        check(accept, ON, answer, false, "not accepted; the answer is");
    }

    #[test]
    fn articles_and_determiners_are_ignored() {
        right(&["Contact"], "the Contact");
        right(&["Contact"], "a contact record");
        right(&["Experience Cloud"], "the Experience Cloud");
        right(&["email address"], "their email address");
        right(&["Person Account"], "this person account");
        check(&["Contact"], ON, "the Contact", true, "right: `Contact`");
    }

    #[test]
    fn plurals_compare_by_stem() {
        right(&["Person Account"], "person accounts");
        right(&["Manage External User"], "Manage External Users");
        right(&["Account → Contact → User"], "Accounts, Contacts, Users");
    }

    #[test]
    fn trailing_generic_nouns_are_ignored_only_at_the_end() {
        right(&["Members"], "the Members tab");
        right(&["Enable Customer User"], "the Enable Customer User action");
        right(&["Manage External User"], "the Manage External User button");
        right(&["Acme Partner User"], "the 'Acme Partner User' role");
        right(&["All Sites"], "the All Sites page");
        right(
            &["Digital Experiences"],
            "Digital Experiences settings page",
        );
        right(&["Contact"], "Contact records");
        // Only trailing, and only when something remains.
        wrong(&["Layout"], "Page Layout");
        right(&["Record"], "the record");
        wrong(&["Members"], "Record");
    }

    #[test]
    fn a_leading_setup_root_is_ignored() {
        right(
            &["Digital Experiences"],
            "Setup → Digital Experiences → Settings",
        );
        right(&["All Sites"], "Setup > All Sites");
        right(&["Setup"], "Setup");
        wrong(&["Manage External User"], "Setup → Users → New User");
    }

    #[test]
    fn list_punctuation_and_connectors_only_separate() {
        let chain = ["Account → Contact → User"];
        right(&chain, "Account, then Contact, then the User");
        right(&chain, "the Account, then the Contact, then the User");
        right(&chain, "Account/Contact/User");
        right(&chain, "account -> contact -> user");
        right(&chain, "Account - Contact - User");
        right(&chain, "The Account, the Contact and the User");
        right(
            &["Manage External User > Enable Partner User"],
            "Manage External User, then Enable Partner User",
        );
        // The order is still the answer.
        wrong(&chain, "Contact, Account, User");
        wrong(&chain, "User, Contact, Account");
        wrong(&chain, "Account, Contact");
        wrong(&chain, "Lead, Contact, User");
    }

    #[test]
    fn text_in_parentheses_is_an_aside() {
        right(&["Members"], "Members (Administration → Members)");
        right(
            &["Enable Customer User"],
            "Enable Customer User (for customer communities)",
        );
        right(&["Live"], "Live (Active in the UI)");
        right(&["Live"], "(Live)");
        wrong(&["Live"], "Active (Live)");
    }

    #[test]
    fn a_leading_label_is_ignored() {
        right(&["Live"], "Status = 'Live'");
        right(&["Live"], "Network.Status = Live");
        right(&["Live"], "Status: Live");
        right(&["Live"], "Live: the API value");
        wrong(&["Live"], "Status = Active");
    }

    #[test]
    fn an_appositive_or_relative_clause_may_follow() {
        right(
            &["Acme Partner User"],
            "Acme Partner User, the only role with a count of 1",
        );
        right(&["Contact"], "The Contact it's enabled from");
        right(&["Contact"], "The contact, which is linked to an account");
        right(&["email"], "the email from the contact record");
        right(
            &["Person Account"],
            "A Person Account, which is account and contact in one record",
        );
        right(
            &["Experience Cloud"],
            "Experience Cloud, formerly Communities",
        );
        right(&["Live"], "'Live', i.e. Status = Live");
        right(&["Live"], "Live, e.g. in the API");
        // Anything else after the answer is another thing or another item.
        wrong(&["Contact"], "the Contact's Account");
        wrong(&["Contact"], "Contact, Account, User");
        wrong(&["Contact"], "Contact, then Account");
        wrong(
            &["Acme Partner User"],
            "Acme Partner User, Acme Partner Manager",
        );
        wrong(&["Live"], "Live, Active");
        wrong(&["Live"], "Live or Active");
    }

    #[test]
    fn a_different_real_thing_stays_wrong() {
        wrong(&["Manage External User"], "Manage External Account");
        wrong(&["Live"], "Active");
        wrong(&["Experience Cloud"], "Community Cloud");
        wrong(&["Enable Customer User"], "Enable External User");
        wrong(&["Enable Partner User"], "Enable as Partner");
        wrong(&["Enable Partner User"], "Enable Customer User");
        wrong(&["Acme Partner User"], "Acme Partner Manager");
        wrong(&["Acme Partner User"], "Partner User");
        wrong(
            &["email address", "the contact's email"],
            "the contact's name",
        );
    }

    #[test]
    fn typos_are_forgiven_but_numbers_never_bend() {
        check(
            &["Contact"],
            ON,
            "the Contcat",
            true,
            "right, allowing for spelling: it is written `Contact`",
        );
        right(&["Manage External User"], "Manage Extrenal Users");
        wrong(&["3"], "8");
        wrong(&["D5.3"], "D5.8");
        wrong(&["count of 3"], "counts of 8");
        right(&["count of 3"], "counts of 3");
    }

    #[test]
    fn empty_answers_are_no_answer() {
        check(
            &["Live"],
            ON,
            "  ",
            false,
            "no answer given; the answer is `Live`",
        );
        check(&["Live"], ON, "→ , /", false, "no answer given");
    }

    #[test]
    fn folding_switches_still_hold() {
        let keep_case = Folding { case: false, ..ON };
        check(&["Live"], keep_case, "live", false, "not accepted");
        check(&["Live"], keep_case, "the Lives", true, "right: `Live`");
        let keep_punctuation = Folding {
            punctuation: false,
            ..ON
        };
        check(
            &["Live"],
            keep_punctuation,
            "Status = 'Live'",
            false,
            "not accepted",
        );
        check(&["Live"], keep_punctuation, "the Live", true, "right");
        let no_typos = Folding { typos: false, ..ON };
        check(&["Contact"], no_typos, "Contcat", false, "not accepted");
        check(
            &["Contact"],
            no_typos,
            "the contacts",
            true,
            "right: `Contact`",
        );
    }
}
