//! Tab completion and inline hints for org commands (the sandbox and a
//! scenario's `org> `; [`super::editor::EditorHelper`] asks this): keywords
//! where the grammar wants a keyword, and the names that exist in the org right
//! now where it wants a name (quoted when they hold spaces).

use rustyline::Context;
use rustyline::completion::Pair;
use rustyline::hint::Hinter;

use crate::org::{License, Org, Slot, Template, Wanted, quoted, wanted_after};

/// Words the sandbox itself understands at the start of a line.
pub const SESSION_WORDS: &[&str] = &["help", "undo", "reset", "save", "quit"];

/// The names completion offers, refreshed from the org after every line.
#[derive(Debug, Default, Clone)]
pub struct SandboxHelper {
    sites: Vec<String>,
    profiles: Vec<String>,
    contacts: Vec<String>,
    accounts: Vec<String>,
    internal_users: Vec<String>,
    roles: Vec<String>,
    /// Whether to dim hints (colour on and a terminal).
    pub dim_hints: bool,
    /// The prompt's own words a fresh line may also hold.
    pub session_words: &'static [&'static str],
}

impl SandboxHelper {
    pub fn new(org: &Org, dim_hints: bool) -> SandboxHelper {
        let mut helper = SandboxHelper {
            dim_hints,
            session_words: SESSION_WORDS,
            ..SandboxHelper::default()
        };
        helper.refresh(org);
        helper
    }

    /// Takes the names that exist in `org` now.
    pub fn refresh(&mut self, org: &Org) {
        self.roles.clear();
        let mut seen = std::collections::HashSet::new();
        for role in org
            .internal_users()
            .iter()
            .filter_map(|user| user.role.as_ref())
        {
            if seen.insert(role) {
                self.roles.push(role.clone());
            }
        }
        self.sites = org.sites().iter().map(|site| site.name.clone()).collect();
        self.profiles = org
            .profiles()
            .iter()
            .map(|profile| profile.name.to_string())
            .collect();
        self.contacts = org
            .contacts()
            .iter()
            .map(|contact| contact.name.clone())
            .collect();
        self.accounts = org
            .accounts()
            .iter()
            .map(|account| account.name.clone())
            .collect();
        self.internal_users = org
            .internal_users()
            .iter()
            .map(|user| user.name.clone())
            .collect();
    }

    /// Where the word being typed starts, and the completions for it.
    pub fn completions(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = line.get(..pos).unwrap_or(line);
        let start = word_start(before);
        let (head, partial) = before.split_at(start);
        let partial = partial.strip_prefix('"').unwrap_or(partial).to_lowercase();
        let options = self.options(head);
        let pairs = options
            .into_iter()
            .filter(|option| option.text.to_lowercase().starts_with(&partial))
            .map(|option| Pair {
                display: option.text.clone(),
                replacement: option.written(),
            })
            .collect();
        (start, pairs)
    }

    /// What may be typed after `head`.
    fn options(&self, head: &str) -> Vec<Choice> {
        let keyword = |word: &str| Choice {
            text: word.to_string(),
            name: false,
        };
        match wanted_after(head) {
            Some(Wanted::Keywords { keywords, or_end }) => {
                let mut choices: Vec<Choice> = keywords.iter().map(|word| keyword(word)).collect();
                // A fresh line may also hold one of the prompt's own words.
                if or_end && head.trim().is_empty() {
                    choices.extend(self.session_words.iter().map(|word| keyword(word)));
                }
                choices
            }
            Some(Wanted::Name(slot)) => self
                .names(slot)
                .into_iter()
                .map(|text| Choice { text, name: true })
                .collect(),
            None => Vec::new(),
        }
    }

    fn names(&self, slot: Slot) -> Vec<String> {
        match slot {
            Slot::Site => self.sites.clone(),
            Slot::Template => Template::ALL
                .iter()
                .map(|template| template.name().to_string())
                .collect(),
            Slot::Profile => self.profiles.clone(),
            Slot::Contact => self.contacts.clone(),
            Slot::Account => self.accounts.clone(),
            Slot::InternalUser => self.internal_users.clone(),
            Slot::Role => self.roles.clone(),
            Slot::License => License::ALL
                .iter()
                .map(|license| license.name().to_string())
                .collect(),
            Slot::NewInternalUser | Slot::Email | Slot::Count => Vec::new(),
        }
    }
}

/// One completion: a keyword, or a name that may need quotes.
struct Choice {
    text: String,
    name: bool,
}

impl Choice {
    /// The text as typed into the line, with a space after it.
    fn written(&self) -> String {
        let needs_quotes = self.name
            && (self.text.is_empty()
                || self
                    .text
                    .chars()
                    .any(|ch| ch.is_whitespace() || matches!(ch, ';' | '#' | '"' | '\\')));
        if needs_quotes {
            format!("{} ", quoted(&self.text))
        } else {
            format!("{} ", self.text)
        }
    }
}

/// The byte index where the word at the end of `before` starts: after the last
/// space or `;` outside quotes, or at an open quote.
fn word_start(before: &str) -> usize {
    let mut start = 0;
    let mut in_quote = false;
    let mut escaped = false;
    for (idx, ch) in before.char_indices() {
        if in_quote {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    in_quote = false;
                }
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_quote = true;
                start = idx;
            }
            ch if ch.is_whitespace() || ch == ';' => start = idx + ch.len_utf8(),
            _ => {}
        }
    }
    start
}

impl Hinter for SandboxHelper {
    type Hint = String;

    /// The rest of the only completion there is, shown dimmed after the cursor
    /// (without colour a hint would look like typed text, so there is none).
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if !self.dim_hints || pos < line.len() || line.trim().is_empty() {
            return None;
        }
        let (start, pairs) = self.completions(line, pos);
        let [only] = pairs.as_slice() else {
            return None;
        };
        let typed = &line[start..];
        let replacement = only.replacement.trim_end();
        replacement
            .get(typed.len()..)
            .filter(|rest| {
                !rest.is_empty()
                    && replacement
                        .to_lowercase()
                        .starts_with(&typed.to_lowercase())
            })
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Org {
        let mut org = Org::new();
        org.run_script("enable digital experiences\ncreate site \"Partner Hub\" template \"Partner Central\"\ncreate internal user Dana role Boss\ncreate account Acme owner Dana\ncreate contact \"Priya Shah\" account Acme");
        org
    }

    #[track_caller]
    fn check(line: &str, expected: &[&str]) {
        let helper = SandboxHelper::new(&org(), false);
        let (_, pairs) = helper.completions(line, line.len());
        let replacements: Vec<&str> = pairs.iter().map(|pair| pair.replacement.as_str()).collect();
        assert_eq!(replacements, expected);
    }

    #[test]
    fn completes_keywords_where_the_grammar_wants_one() {
        check(
            "",
            &[
                "enable ",
                "disable ",
                "create ",
                "activate ",
                "deactivate ",
                "add ",
                "assign ",
                "set ",
                "login ",
                "check ",
                "show ",
                "help ",
                "undo ",
                "reset ",
                "save ",
                "quit ",
            ],
        );
        check("ena", &["enable "]);
        check("enable p", &["partner "]);
        check("check \"Priya Shah\" as ", &["customer ", "partner "]);
        check("show s", &["sites "]);
        check("show sites; log", &["login "]);
        check("create internal user Bob ", &["role "]);
    }

    #[test]
    fn completes_names_that_exist_now_quoting_spaces() {
        check("login Pr", &["\"Priya Shah\" "]);
        check("login \"priya", &["\"Priya Shah\" "]);
        check("login \"Priya Shah\" site ", &["\"Partner Hub\" "]);
        check("create account X owner ", &["Dana "]);
        check("add licenses \"Partner", &["\"Partner Community\" "]);
    }

    #[test]
    fn hints_the_rest_of_the_only_completion() {
        let helper = SandboxHelper::new(&org(), true);
        let history = rustyline::history::DefaultHistory::new();
        let ctx = Context::new(&history);
        assert_eq!(
            helper.hint("login Pri", 9, &ctx),
            None,
            "a bare word can't grow into a quoted name"
        );
        assert_eq!(
            helper.hint("login \"Pri", 10, &ctx).as_deref(),
            Some("ya Shah\"")
        );
        assert_eq!(helper.hint("enable dig", 10, &ctx).as_deref(), Some("ital"));
        assert_eq!(helper.hint("", 0, &ctx), None);
        let colourless = SandboxHelper::new(&org(), false);
        assert_eq!(colourless.hint("enable dig", 10, &ctx), None);
    }
}
