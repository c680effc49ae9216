//! Which words of an answer stand inside a negation: the polarity that recall
//! grading reads claims with ("a contact isn't required" denies what "a contact
//! is required" asserts, though both name a contact).
//!
//! A NegEx-style reading over the words of one text, clause by clause:
//!
//! - A cue before (`not`, `n't`, `no`, `never`, `without`, `neither`, `nor`,
//!   `none`, `nothing`) negates up to [`PRE_WINDOW`] words after it in its
//!   clause. `not only` and `not just` are not negations. `without` followed by
//!   another negation in its sentence states a requirement ("a contact without
//!   an account can't be enabled"), so `without` negates nothing there; when
//!   that negation is `no` or `nothing` ("without a contact there's no Enable
//!   button"), neither of the two does.
//! - A cue after (`optional`, `unnecessary`, `irrelevant`, `automatic`,
//!   `automatically`), or a word of need (`required`, `needed`, `necessary`,
//!   `matter`, ...) that is itself negated ("isn't required", "doesn't
//!   matter"), negates up to [`POST_WINDOW`] words before it in its clause. A
//!   cue after that is itself negated ("not optional") negates nothing.
//! - `no` and `without` deny a noun phrase: their scope ends at an auxiliary
//!   or modal verb ("a contact with no account can be enabled" denies only
//!   the account).
//! - A negation after `if`, `when` or `unless` in its clause, before a
//!   pronoun starts the main clause, states a condition, not a denial, and
//!   negates nothing.
//! - `nothing` negates on both sides ("nothing to add", "has nothing to do
//!   with it").
//! - `but`, `however`, `although`, `though`, `except`, `unless`, `until`, `yet`,
//!   `whereas`, `instead` and `otherwise` end every scope.
//!
//! A word negated an even number of times is not negated. Pure: words in,
//! flags out.

/// How many words after a cue it negates.
pub const PRE_WINDOW: usize = 6;
/// How many words before a cue after it negates.
pub const POST_WINDOW: usize = 6;

/// What a word does for polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    None,
    /// Negates the words after it.
    Before,
    /// `without`: negates the words after it unless another negation follows
    /// in its sentence.
    Without,
    /// Negates the words before it.
    After,
    /// Negates the words on both sides.
    Both,
    /// A word of need: negates the words before it when it is negated itself.
    Need,
    /// Ends every scope.
    End,
}

/// One word as polarity sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub cue: Cue,
    pub clause: u32,
    pub sentence: u32,
    /// What else the word is to a scope (`words::class`).
    pub role: Role,
    /// `no`: a negation of the noun phrase after it.
    pub determiner: bool,
}

/// A text's words as polarity reads them, pushed one by one in order.
#[derive(Debug, Default)]
pub struct Words {
    pub words: Vec<Word>,
    previous_not: bool,
}

impl Words {
    /// Forgets every word, keeping the room.
    pub fn clear(&mut self) {
        self.words.clear();
        self.previous_not = false;
    }

    /// Adds `word` (its `text`, folded), reading `not only`, `not just` and
    /// `not merely` as no negation. Returns the cue it was given.
    pub fn push(&mut self, text: &str, mut word: Word) -> Cue {
        if self.previous_not && matches!(text, "only" | "just" | "merely") {
            if let Some(last) = self.words.last_mut() {
                last.cue = Cue::None;
            }
            word.cue = Cue::None;
        }
        self.previous_not = text == "not";
        self.words.push(word);
        word.cue
    }
}

/// What a word that is not a cue does to a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Other,
    /// An auxiliary or modal verb (`is`, `can`, `must`): the noun phrase that
    /// `no` or `without` negates ends before it ("no account can be enabled").
    Auxiliary,
    /// `if`, `when`, `unless`: a negation after it in its clause states a
    /// condition ("if the owner doesn't have a role, saving fails"), not a
    /// denial.
    Condition,
    /// A subject pronoun: after a condition's own subject, one starts the main
    /// clause ("if you enable it again you don't get ..."), whose negations
    /// are claims.
    Pronoun,
}

/// Whether each word is negated. `negated` is cleared and refilled, one flag a
/// word; `counts` is scratch space kept by the caller.
pub fn negations(words: &[Word], counts: &mut Vec<u8>, negated: &mut Vec<bool>) {
    counts.clear();
    counts.resize(words.len(), 0);
    // "Without a contact there's no Enable button" states that the button
    // needs a contact: `without` and the `no` it pairs with deny nothing.
    let mut paired: Option<usize> = None;
    // Cues before, left to right.
    for (cue_idx, word) in words.iter().enumerate() {
        let negates = match word.cue {
            Cue::Before | Cue::Both => paired != Some(cue_idx),
            Cue::Without => match next_negation(words, cue_idx) {
                // "without a contact, no Enable button": neither denies.
                Some(next) if words[next].determiner || words[next].cue == Cue::Both => {
                    paired = Some(next);
                    false
                }
                // "a contact without an account can't be enabled": the
                // requirement stands, and what it denies is still denied.
                Some(_) => false,
                None => true,
            },
            _ => false,
        };
        if !negates || is_conditional(words, cue_idx) {
            continue;
        }
        // `no` and `without` deny a noun phrase, which ends at a verb.
        let noun_phrase = word.cue == Cue::Without || word.determiner;
        for (idx, later) in words.iter().enumerate().skip(cue_idx + 1).take(PRE_WINDOW) {
            if later.clause != word.clause
                || later.cue == Cue::End
                || (noun_phrase && later.role == Role::Auxiliary)
            {
                break;
            }
            counts[idx] = counts[idx].wrapping_add(1);
        }
    }
    // Cues after, which may themselves be negated by a cue before.
    for (cue_idx, word) in words.iter().enumerate() {
        let cue_negated = counts[cue_idx] % 2 == 1;
        let negates = match word.cue {
            Cue::After | Cue::Both => !cue_negated,
            Cue::Need => cue_negated,
            _ => false,
        };
        if !negates {
            continue;
        }
        let first = cue_idx.saturating_sub(POST_WINDOW);
        for idx in (first..cue_idx).rev() {
            let earlier = &words[idx];
            if earlier.clause != word.clause || earlier.cue == Cue::End {
                break;
            }
            if matches!(earlier.cue, Cue::Before | Cue::Both) {
                continue;
            }
            // The words the cue before already negated (between it and this
            // word of need) are the same claim, negated once.
            if word.cue == Cue::Need && counts[idx] % 2 == 1 {
                continue;
            }
            counts[idx] = counts[idx].wrapping_add(1);
        }
    }
    negated.clear();
    negated.extend(counts.iter().map(|count| count % 2 == 1));
}

/// Whether the negation at `idx` stands after `if`, `when` or `unless` in its
/// clause.
fn is_conditional(words: &[Word], idx: usize) -> bool {
    let clause = words[idx].clause;
    let mut pronoun_seen = false;
    for (position, word) in words[..idx].iter().enumerate().rev() {
        if word.clause != clause {
            return false;
        }
        if word.role == Role::Condition {
            // The pronoun right after `if` is the condition's own subject.
            return !pronoun_seen;
        }
        if word.role == Role::Pronoun
            && !(position > 0 && words[position - 1].role == Role::Condition)
        {
            pronoun_seen = true;
        }
    }
    false
}

/// The first negation other than `without` after the word at `idx` in its
/// sentence, before anything ends the scope.
fn next_negation(words: &[Word], idx: usize) -> Option<usize> {
    let sentence = words[idx].sentence;
    words[idx + 1..]
        .iter()
        .take_while(|word| word.sentence == sentence && word.cue != Cue::End)
        .position(|word| matches!(word.cue, Cue::Before | Cue::Both))
        .map(|offset| idx + 1 + offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of `text` that come out negated, `.` ending sentences and `,`
    /// clauses.
    #[track_caller]
    fn check(text: &str, expected: &str) {
        let mut words = Words::default();
        let mut names = Vec::new();
        let (mut clause, mut sentence) = (0, 0);
        for token in text.split_whitespace() {
            let name = token.trim_end_matches([',', '.']);
            let class = crate::grade::words::class(name);
            words.push(
                name,
                Word {
                    cue: class.cue,
                    clause,
                    sentence,
                    role: class.role,
                    determiner: class.determiner,
                },
            );
            names.push(name);
            if token.ends_with(',') {
                clause += 1;
            }
            if token.ends_with('.') {
                clause += 1;
                sentence += 1;
            }
        }
        let mut negated = Vec::new();
        negations(&words.words, &mut Vec::new(), &mut negated);
        let got: Vec<&str> = names
            .iter()
            .zip(&negated)
            .filter(|(_, negated)| **negated)
            .map(|(name, _)| *name)
            .collect();
        assert_eq!(got.join(" "), expected, "in {text:?}");
    }

    #[test]
    fn cues_before_negate_what_follows_in_the_clause() {
        check("you do not need contact", "you do need contact");
        check("no contact needed, account is", "contact needed");
        check("never unlinks contact", "unlinks contact");
        check("not contact, account is required", "contact");
    }

    #[test]
    fn cues_after_negate_what_comes_before() {
        check("contact is optional", "contact is");
        check("account is not needed", "account is needed");
        check("seats do not matter either", "seats do matter either");
        check("user gets created automatically", "user gets created");
    }

    #[test]
    fn double_negations_cancel() {
        check("contact is not optional", "optional");
        check("contact without account can not be enabled", "be enabled");
        check("without contact there is no enable button", "");
        check("without contact, no button, and not site", "site");
    }

    #[test]
    fn noun_phrase_and_conditional_negations() {
        check("contact with no account can be enabled", "account");
        check("no new record is created", "new record");
        check("if owner does not have role, save fails", "");
        check("when site is not active, login fails", "");
        check(
            "if you enable it again you do not get old user",
            "get old user",
        );
    }

    #[test]
    fn pseudo_negations_and_scope_ends() {
        check("not only contact but account", "");
        check("not contact but account is", "contact");
        check("without account, user fails", "account");
    }
}
