//! The closed-class words the recall grader reads specially, in one table:
//! negation cues and scope ends (`polarity`), auxiliaries, conditions and
//! pronouns (scope and subject rules), and the function words that make a
//! clause a statement rather than a label (bare lists). A word is looked up
//! once, in a bucket of the few listed words of its length and first letter.

use std::sync::LazyLock;

use super::polarity::{Cue, Role};

/// What the graders know of one folded word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Class {
    pub cue: Cue,
    pub role: Role,
    /// A verb or function word: its clause asserts something.
    pub asserts: bool,
    /// `which`, `who`, `that`, `whose`: a clause starting with it is about the
    /// word before it.
    pub relative: bool,
    /// `it`, `they`, `this`, ...: a sentence starting with it is about
    /// something named before it.
    pub pronoun_start: bool,
    /// `no`: it denies the noun phrase after it.
    pub determiner: bool,
}

const PLAIN: Class = Class {
    cue: Cue::None,
    role: Role::Other,
    asserts: false,
    relative: false,
    pronoun_start: false,
    determiner: false,
};

const CUES: &[(Cue, &[&str])] = &[
    (
        Cue::Before,
        &[
            "not", "no", "never", "neither", "nor", "none", "cannot", "nobody",
        ],
    ),
    // "nothing to add" and "has nothing to do with it" both deny.
    (Cue::Both, &["nothing"]),
    (Cue::Without, &["without"]),
    (
        Cue::After,
        &[
            "optional",
            "optionally",
            "unnecessary",
            "irrelevant",
            "automatic",
            "automatically",
            "needless",
        ],
    ),
    (
        Cue::Need,
        &[
            "required",
            "require",
            "requires",
            "need",
            "needs",
            "needed",
            "necessary",
            "mandatory",
            "matter",
            "matters",
            "essential",
            "prerequisite",
        ],
    ),
    (
        Cue::End,
        &[
            "but",
            "however",
            "although",
            "though",
            "except",
            "unless",
            "until",
            "yet",
            "whereas",
            "instead",
            "otherwise",
        ],
    ),
];

const ROLES: &[(Role, &[&str])] = &[
    (
        Role::Auxiliary,
        &[
            "is", "are", "was", "were", "be", "been", "can", "could", "must", "should", "will",
            "would", "may", "might", "has", "have", "had", "does", "do", "did", "gets", "get",
        ],
    ),
    (Role::Condition, &["if", "when", "whenever", "unless"]),
    (
        Role::Pronoun,
        &["you", "we", "i", "it", "they", "he", "she"],
    ),
];

/// Verbs and function words that make a clause assert something.
const ASSERTING: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
    "did", "must", "need", "needs", "can", "could", "should", "will", "would", "may", "might",
    "shall", "it", "its", "they", "them", "their", "you", "your", "we", "i", "he", "she", "this",
    "that", "these", "those", "which", "who", "whom", "whose", "what", "there", "to", "of", "for",
    "from", "with", "by", "on", "in", "at", "into", "onto", "under", "over", "before", "after",
    "between", "than", "so", "because", "if", "when", "then", "only", "not", "no", "never",
    "first", "via", "per", "through", "without", "while", "once", "every", "each", "get", "gets",
    "got", "let", "lets", "make", "makes", "means", "become", "becomes", "goes", "keeps", "stays",
    "sees", "creates",
];

const RELATIVE: &[&str] = &["which", "who", "that", "whose"];

const PRONOUN_START: &[&str] = &[
    "it", "its", "they", "them", "this", "these", "those", "he", "she",
];

/// Every listed word with its class, in buckets by length and first letter,
/// so a lookup compares a word with at most a handful of others.
static TABLE: LazyLock<Vec<Vec<(&'static str, Class)>>> = LazyLock::new(|| {
    let mut table: Vec<Vec<(&'static str, Class)>> = vec![Vec::new(); N_BUCKETS];
    let mut set = |word: &'static str, update: &dyn Fn(&mut Class)| {
        let Some(bucket) = bucket_of(word) else {
            return;
        };
        let entries = &mut table[bucket];
        let idx = match entries.iter().position(|(known, _)| *known == word) {
            Some(idx) => idx,
            None => {
                entries.push((word, PLAIN));
                entries.len() - 1
            }
        };
        update(&mut entries[idx].1);
    };
    for &(cue, words) in CUES {
        for word in words {
            set(word, &|class| class.cue = cue);
        }
    }
    for &(role, words) in ROLES {
        for word in words {
            set(word, &|class| class.role = role);
        }
    }
    for word in ASSERTING {
        set(word, &|class| class.asserts = true);
    }
    for word in RELATIVE {
        set(word, &|class| class.relative = true);
    }
    for word in PRONOUN_START {
        set(word, &|class| class.pronoun_start = true);
    }
    set("no", &|class| class.determiner = true);
    table
});

/// The longest word of the table: longer words are looked up no further.
const LONGEST: usize = 13;

const N_BUCKETS: usize = (LONGEST + 1) * 26;

/// The bucket of a lowercase ASCII word of at most [`LONGEST`] letters.
fn bucket_of(word: &str) -> Option<usize> {
    let first = *word.as_bytes().first()?;
    (word.len() <= LONGEST && first.is_ascii_lowercase())
        .then(|| word.len() * 26 + usize::from(first - b'a'))
}

/// The class of a folded word. A past participle (`enabled`) asserts too.
pub fn class(word: &str) -> Class {
    let mut class = bucket_of(word)
        .and_then(|bucket| {
            TABLE[bucket]
                .iter()
                .find(|(known, _)| *known == word)
                .map(|&(_, class)| class)
        })
        .unwrap_or(PLAIN);
    class.asserts |= word.len() >= 5 && word.ends_with("ed");
    class
}

/// Whether `word` makes its clause a statement.
pub fn asserts(word: &str) -> bool {
    class(word).asserts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found_with_all_its_classes() {
        assert_eq!(class("not").cue, Cue::Before);
        assert!(class("not").asserts);
        assert_eq!(class("unless").cue, Cue::End);
        assert_eq!(class("unless").role, Role::Condition);
        assert!(class("no").determiner && class("no").asserts);
        assert!(class("that").relative && class("this").pronoun_start);
        assert!(class("it").pronoun_start);
        assert_eq!(class("it").role, Role::Pronoun);
        assert!(class("enabled").asserts);
        assert_eq!(class("contact"), PLAIN);
        assert_eq!(class("automatically").cue, Cue::After);
        let longest = TABLE.iter().flatten().map(|(word, _)| word.len()).max();
        assert_eq!(longest, Some(LONGEST));
    }
}
