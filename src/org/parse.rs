//! The command-language parser: a line of text into commands.
//!
//! A line holds commands separated by `;`; `#` outside quotes starts a comment.
//! Keywords are bare words matched case-insensitively; a name is one bare word or
//! a "double-quoted string" (`\"` and `\\` escape). A piece that is not a command
//! becomes a [`ParseError`] saying what was expected at which word, with a "did
//! you mean" for a misspelt keyword and a quoting hint for an unquoted name with
//! spaces. The parser never panics, whatever the input.

use std::fmt;
use std::ops::Range;

use super::command::{Command, Listing};
use super::state::UserKind;
use crate::suggest::closest;

/// Why a piece of a line is not a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// What the parser wanted, and at which word (0-based), for completion.
    pub wanted: Option<(usize, Wanted)>,
}

impl ParseError {
    fn new(message: String) -> ParseError {
        ParseError {
            message,
            wanted: None,
        }
    }
}

/// What may come next in a command that is not finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// One of these keywords (the command may also end here when `or_end`).
    Keywords {
        keywords: Vec<&'static str>,
        or_end: bool,
    },
    /// A name of this kind.
    Name(Slot),
}

/// The kinds of name a command takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Site,
    Template,
    Profile,
    Contact,
    Account,
    InternalUser,
    /// A name for a user that does not exist yet.
    NewInternalUser,
    Role,
    License,
    Email,
    Count,
}

impl Slot {
    fn describe(self) -> &'static str {
        match self {
            Slot::Site => "a site name",
            Slot::Template => "a template name",
            Slot::Profile => "a profile name",
            Slot::Contact => "a contact name",
            Slot::Account => "an account name",
            Slot::InternalUser => "an internal user name",
            Slot::NewInternalUser => "a user name",
            Slot::Role => "a role name",
            Slot::License => "a license name",
            Slot::Email => "an email address",
            Slot::Count => "a count",
        }
    }
}

/// What may come after `text`, when `text` is an unfinished command (or
/// nothing, or ends with `;`): the basis of Tab completion.
pub fn wanted_after(text: &str) -> Option<Wanted> {
    let pieces = split_pieces(text);
    let ends_fresh = text.trim_end().ends_with(';') || pieces.is_empty();
    if ends_fresh {
        return Some(Wanted::Keywords {
            keywords: FIRST_WORDS.to_vec(),
            or_end: true,
        });
    }
    let mut tokens = pieces.into_iter().last()?.tokens.ok()?;
    let n_tokens = tokens.len();
    let wanted_at = |result: Result<Command, ParseError>| match result {
        Err(ParseError {
            wanted: Some((pos, wanted)),
            ..
        }) if pos == n_tokens => Some(wanted),
        _ => None,
    };
    match parse_tokens(&tokens) {
        Err(error) => wanted_at(Err(error)),
        Ok(_) => {
            // A finished command may still take options: ask with a word that
            // can't be a keyword.
            tokens.push(Token {
                text: String::new(),
                quoted: true,
            });
            wanted_at(parse_tokens(&tokens))
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// One command's worth of a line: its text and what it parsed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    /// The command as written, trimmed, without separator or comment.
    pub text: &'a str,
    pub command: Result<Command, ParseError>,
}

/// Parses every command on a line. Blank pieces and comments give nothing.
pub fn parse_line(line: &str) -> Vec<Piece<'_>> {
    split_pieces(line)
        .into_iter()
        .map(|raw| Piece {
            text: &line[raw.span.clone()],
            command: raw.tokens.and_then(|tokens| parse_tokens(&tokens)),
        })
        .collect()
}

/// Parses text that must be exactly one command.
pub fn parse_command(text: &str) -> Result<Command, ParseError> {
    let mut pieces = parse_line(text);
    match pieces.len() {
        0 => Err(ParseError::new(
            "expected a command, found nothing".to_string(),
        )),
        1 => pieces.remove(0).command,
        _ => Err(ParseError::new(
            "expected one command, found several separated by `;`".to_string(),
        )),
    }
}

/// The keywords that start a command, for completion and suggestions.
pub const FIRST_WORDS: &[&str] = &[
    "enable",
    "disable",
    "create",
    "activate",
    "deactivate",
    "add",
    "assign",
    "set",
    "login",
    "check",
    "show",
];

/// One word of a command.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    quoted: bool,
}

struct RawPiece {
    span: Range<usize>,
    tokens: Result<Vec<Token>, ParseError>,
}

/// Splits a line into pieces at `;` and `#` outside quotes, tokenising each.
fn split_pieces(line: &str) -> Vec<RawPiece> {
    let mut pieces = Vec::new();
    let mut tokens = Vec::new();
    let mut span: Option<Range<usize>> = None;
    let mut chars = line.char_indices().peekable();
    let finish =
        |pieces: &mut Vec<RawPiece>, tokens: &mut Vec<Token>, span: &mut Option<Range<usize>>| {
            if let Some(span) = span.take() {
                pieces.push(RawPiece {
                    span,
                    tokens: Ok(std::mem::take(tokens)),
                });
            }
        };
    while let Some(&(start, ch)) = chars.peek() {
        match ch {
            ';' => {
                chars.next();
                finish(&mut pieces, &mut tokens, &mut span);
            }
            '#' => break,
            ch if ch.is_whitespace() => {
                chars.next();
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                let mut end = None;
                while let Some((idx, ch)) = chars.next() {
                    match ch {
                        '"' => {
                            end = Some(idx + 1);
                            break;
                        }
                        '\\' => match chars.peek() {
                            Some(&(_, next @ ('"' | '\\'))) => {
                                text.push(next);
                                chars.next();
                            }
                            _ => text.push('\\'),
                        },
                        other => text.push(other),
                    }
                }
                let Some(end) = end else {
                    let piece_start = span.map_or(start, |span| span.start);
                    pieces.push(RawPiece {
                        span: piece_start..line.trim_end().len().max(piece_start),
                        tokens: Err(ParseError::new(format!(
                            "expected a closing `\"` for the name at word {}",
                            tokens.len() + 1
                        ))),
                    });
                    return pieces;
                };
                span = Some(span.map_or(start, |span| span.start)..end);
                tokens.push(Token { text, quoted: true });
            }
            _ => {
                let mut end = start;
                while let Some(&(idx, ch)) = chars.peek() {
                    if ch.is_whitespace() || matches!(ch, ';' | '#' | '"') {
                        break;
                    }
                    end = idx + ch.len_utf8();
                    chars.next();
                }
                span = Some(span.map_or(start, |span| span.start)..end);
                tokens.push(Token {
                    text: line[start..end].to_string(),
                    quoted: false,
                });
            }
        }
    }
    finish(&mut pieces, &mut tokens, &mut span);
    pieces
}

/// A cursor over a command's words.
struct Words<'t> {
    tokens: &'t [Token],
    pos: usize,
    /// The position of the last name read as a bare word, for the quoting hint.
    last_bare_name: Option<usize>,
}

impl<'t> Words<'t> {
    fn peek_keyword(&self, keyword: &str) -> bool {
        self.tokens
            .get(self.pos)
            .is_some_and(|token| !token.quoted && token.text.eq_ignore_ascii_case(keyword))
    }

    fn keyword(&mut self, keyword: &'static str) -> Result<(), ParseError> {
        self.choice(&[keyword]).map(|_| ())
    }

    fn choice(&mut self, options: &[&'static str]) -> Result<&'static str, ParseError> {
        if let Some(&option) = options.iter().find(|option| self.peek_keyword(option)) {
            self.pos += 1;
            return Ok(option);
        }
        let mut error = self.expected(&describe_keywords(options), options);
        error.wanted = Some((
            self.pos,
            Wanted::Keywords {
                keywords: options.to_vec(),
                or_end: false,
            },
        ));
        Err(error)
    }

    fn name(&mut self, slot: Slot) -> Result<String, ParseError> {
        let what = slot.describe();
        let Some(token) = self.tokens.get(self.pos) else {
            let mut error = self.expected(what, &[]);
            error.wanted = Some((self.pos, Wanted::Name(slot)));
            return Err(error);
        };
        if token.text.trim().is_empty() {
            return Err(ParseError::new(format!(
                "{what} at word {} is empty",
                self.pos + 1
            )));
        }
        if !token.quoted {
            self.last_bare_name = Some(self.pos);
        }
        self.pos += 1;
        Ok(token.text.clone())
    }

    fn count(&mut self) -> Result<u32, ParseError> {
        let word = self.pos + 1;
        let text = self.name(Slot::Count)?;
        match text.parse::<u32>() {
            Ok(count) if count >= 1 => Ok(count),
            _ => Err(ParseError::new(format!(
                "expected a count (a whole number from 1 to {}) at word {word}, found `{text}`",
                u32::MAX
            ))),
        }
    }

    /// The command must end here, or go on with one of `optional`.
    fn end(&mut self, optional: &[&'static str]) -> Result<(), ParseError> {
        if self.pos >= self.tokens.len() {
            return Ok(());
        }
        let what = if optional.is_empty() {
            "the end of the command".to_string()
        } else {
            format!("{} or the end of the command", describe_keywords(optional))
        };
        let mut error = self.expected(&what, optional);
        if !optional.is_empty() {
            error.wanted = Some((
                self.pos,
                Wanted::Keywords {
                    keywords: optional.to_vec(),
                    or_end: true,
                },
            ));
        }
        Err(error)
    }

    /// "expected X at word N, found `y`", with a suggestion when one fits.
    fn expected(&self, what: &str, keywords: &[&str]) -> ParseError {
        let word = self.pos + 1;
        let Some(found) = self.tokens.get(self.pos) else {
            return ParseError::new(format!(
                "expected {what} at word {word}, found the end of the command"
            ));
        };
        let mut message = format!("expected {what} at word {word}, found `{}`", found.text);
        if let Some(suggestion) = closest(&found.text, keywords.iter().copied()) {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
        } else if let Some(name_pos) = self.last_bare_name.filter(|&pos| pos + 1 == self.pos) {
            let joined = format!("{} {}", self.tokens[name_pos].text, found.text);
            message.push_str(&format!(
                "; a name with spaces goes in double quotes: \"{joined}\""
            ));
        }
        ParseError::new(message)
    }
}

/// "`a`, `b` or `c`".
fn describe_keywords(options: &[&str]) -> String {
    match options {
        [one] => format!("`{one}`"),
        [init @ .., last] => format!(
            "{} or `{last}`",
            init.iter()
                .map(|option| format!("`{option}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [] => "nothing".to_string(),
    }
}

fn parse_tokens(tokens: &[Token]) -> Result<Command, ParseError> {
    let mut words = Words {
        tokens,
        pos: 0,
        last_bare_name: None,
    };
    let command = parse_command_words(&mut words)?;
    let bare_show = matches!(command, Command::Show(_)) && words.pos == 1;
    words.end(if bare_show {
        SHOW_WORDS
    } else {
        options_after(&command)
    })?;
    Ok(command)
}

/// What `show` may list.
const SHOW_WORDS: &[&str] = &[
    "org", "sites", "accounts", "contacts", "users", "licenses", "roles",
];

/// The optional keywords a complete command may still take.
fn options_after(command: &Command) -> &'static [&'static str] {
    match command {
        Command::CreateInternalUser { role: None, .. } => &["role"],
        Command::CreateAccount { person: false, .. } => &["person"],
        Command::EnableUser { email: None, .. } => &["email"],
        Command::CreateContact { account, email, .. } => match (account, email) {
            (None, None) => &["account", "email"],
            (None, Some(_)) => &["account"],
            (Some(_), None) => &["email"],
            (Some(_), Some(_)) => &[],
        },
        _ => &[],
    }
}

fn parse_command_words(words: &mut Words<'_>) -> Result<Command, ParseError> {
    let command = match words.choice(FIRST_WORDS)? {
        "enable" => match words.choice(&["digital", "partner", "customer"])? {
            "digital" => {
                words.keyword("experiences")?;
                Command::EnableDigitalExperiences
            }
            "partner" => match words.choice(&["account", "user"])? {
                "account" => Command::EnablePartnerAccount {
                    account: words.name(Slot::Account)?,
                },
                _ => enable_user(words, UserKind::Partner)?,
            },
            _ => {
                words.keyword("user")?;
                enable_user(words, UserKind::Customer)?
            }
        },
        "disable" => match words.choice(&["digital", "user"])? {
            "digital" => {
                words.keyword("experiences")?;
                Command::DisableDigitalExperiences
            }
            _ => Command::DisableUser {
                contact: words.name(Slot::Contact)?,
            },
        },
        "create" => match words.choice(&["site", "internal", "account", "contact"])? {
            "site" => {
                let name = words.name(Slot::Site)?;
                words.keyword("template")?;
                Command::CreateSite {
                    name,
                    template: words.name(Slot::Template)?,
                }
            }
            "internal" => {
                words.keyword("user")?;
                let name = words.name(Slot::NewInternalUser)?;
                let role = if words.peek_keyword("role") {
                    words.pos += 1;
                    Some(words.name(Slot::Role)?)
                } else {
                    None
                };
                Command::CreateInternalUser { name, role }
            }
            "account" => {
                let name = words.name(Slot::Account)?;
                words.keyword("owner")?;
                let owner = words.name(Slot::InternalUser)?;
                let person = words.peek_keyword("person");
                if person {
                    words.pos += 1;
                }
                Command::CreateAccount {
                    name,
                    owner,
                    person,
                }
            }
            _ => create_contact(words)?,
        },
        "activate" => match words.choice(&["site", "user"])? {
            "site" => Command::ActivateSite {
                site: words.name(Slot::Site)?,
            },
            _ => Command::ActivateUser {
                contact: words.name(Slot::Contact)?,
            },
        },
        "deactivate" => match words.choice(&["site", "user"])? {
            "site" => Command::DeactivateSite {
                site: words.name(Slot::Site)?,
            },
            _ => Command::DeactivateUser {
                contact: words.name(Slot::Contact)?,
            },
        },
        "add" => match words.choice(&["member", "licenses", "license"])? {
            "member" => {
                let profile = words.name(Slot::Profile)?;
                words.keyword("to")?;
                words.keyword("site")?;
                Command::AddMember {
                    profile,
                    site: words.name(Slot::Site)?,
                }
            }
            _ => {
                let license = words.name(Slot::License)?;
                Command::AddLicenses {
                    license,
                    count: words.count()?,
                }
            }
        },
        "assign" => {
            words.keyword("role")?;
            let role = words.name(Slot::Role)?;
            words.keyword("to")?;
            Command::AssignRole {
                role,
                user: words.name(Slot::InternalUser)?,
            }
        }
        "set" => match words.choice(&["contact", "standard"])? {
            "contact" => {
                let contact = words.name(Slot::Contact)?;
                match words.choice(&["account", "email"])? {
                    "account" => Command::SetContactAccount {
                        contact,
                        account: words.name(Slot::Account)?,
                    },
                    _ => Command::SetContactEmail {
                        contact,
                        email: words.name(Slot::Email)?,
                    },
                }
            }
            _ => {
                words.keyword("external")?;
                words.keyword("profiles")?;
                let on = words.choice(&["on", "off"])? == "on";
                Command::SetStandardExternalProfiles { on }
            }
        },
        "login" => {
            let contact = words.name(Slot::Contact)?;
            words.keyword("site")?;
            Command::Login {
                contact,
                site: words.name(Slot::Site)?,
            }
        }
        "check" => {
            let contact = words.name(Slot::Contact)?;
            words.keyword("as")?;
            let kind = match words.choice(&["customer", "partner"])? {
                "customer" => UserKind::Customer,
                _ => UserKind::Partner,
            };
            words.keyword("site")?;
            Command::Check {
                contact,
                kind,
                site: words.name(Slot::Site)?,
            }
        }
        _ => {
            if words.pos < words.tokens.len() {
                let chosen = words.choice(SHOW_WORDS)?;
                let listing = Listing::ALL
                    .into_iter()
                    .find(|listing| listing.keyword() == chosen)
                    .unwrap_or_default();
                Command::Show(listing)
            } else {
                Command::Show(Listing::Org)
            }
        }
    };
    Ok(command)
}

fn enable_user(words: &mut Words<'_>, kind: UserKind) -> Result<Command, ParseError> {
    let contact = words.name(Slot::Contact)?;
    words.keyword("profile")?;
    let profile = words.name(Slot::Profile)?;
    let email = if words.peek_keyword("email") {
        words.pos += 1;
        Some(words.name(Slot::Email)?)
    } else {
        None
    };
    Ok(Command::EnableUser {
        kind,
        contact,
        profile,
        email,
    })
}

/// `create contact NAME [account ACCOUNT] [email EMAIL]`, the options in either order.
fn create_contact(words: &mut Words<'_>) -> Result<Command, ParseError> {
    let name = words.name(Slot::Contact)?;
    let mut account = None;
    let mut email = None;
    loop {
        if account.is_none() && words.peek_keyword("account") {
            words.pos += 1;
            account = Some(words.name(Slot::Account)?);
        } else if email.is_none() && words.peek_keyword("email") {
            words.pos += 1;
            email = Some(words.name(Slot::Email)?);
        } else {
            break;
        }
    }
    Ok(Command::CreateContact {
        name,
        account,
        email,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_ok(line: &str, expected: &[&str]) {
        let rendered: Vec<String> = parse_line(line)
            .into_iter()
            .map(|piece| match piece.command {
                Ok(command) => command.to_string(),
                Err(error) => panic!("`{}` did not parse: {error}", piece.text),
            })
            .collect();
        assert_eq!(rendered, expected);
    }

    #[track_caller]
    fn check_error(line: &str, expected_message: &str) {
        match parse_command(line) {
            Ok(command) => panic!("`{line}` parsed as `{command}`"),
            Err(error) => assert_eq!(error.message, expected_message),
        }
    }

    #[test]
    fn keywords_ignore_case_and_names_may_be_quoted_or_bare() {
        check_ok(
            "ENABLE Digital experiences; create site \"Partner Hub\" template \"Partner Central\"",
            &[
                "enable digital experiences",
                "create site \"Partner Hub\" template \"Partner Central\"",
            ],
        );
        check_ok(
            "login Priya site Hub # a comment; not a command",
            &["login \"Priya\" site \"Hub\""],
        );
        check_ok(
            r#"create contact "say \"hi\"" email a@b.c account Acme"#,
            &[r#"create contact "say \"hi\"" account "Acme" email "a@b.c""#],
        );
        check_ok("show", &["show org"]);
        check_ok(
            "add licenses \"Partner Community\" 3",
            &["add licenses \"Partner Community\" 3"],
        );
    }

    #[test]
    fn an_unfinished_command_says_what_may_come_next() {
        let keywords = |list: &[&'static str]| {
            Some(Wanted::Keywords {
                keywords: list.to_vec(),
                or_end: false,
            })
        };
        assert_eq!(
            wanted_after("create site \"Partner Hub\""),
            keywords(&["template"])
        );
        assert_eq!(
            wanted_after("create site Hub template"),
            Some(Wanted::Name(Slot::Template))
        );
        assert_eq!(
            wanted_after("show sites; enable"),
            keywords(&["digital", "partner", "customer"])
        );
        assert_eq!(
            wanted_after("login \"Priya Shah\" site"),
            Some(Wanted::Name(Slot::Site))
        );
        assert!(matches!(
            wanted_after("show sites;"),
            Some(Wanted::Keywords { or_end: true, .. })
        ));
        assert_eq!(wanted_after("show sites"), None);
        let optional = |list: &[&'static str]| {
            Some(Wanted::Keywords {
                keywords: list.to_vec(),
                or_end: true,
            })
        };
        assert_eq!(
            wanted_after("create internal user Bob"),
            optional(&["role"])
        );
        assert_eq!(
            wanted_after("create contact Ann email a@b.c"),
            optional(&["account"])
        );
        assert!(
            matches!(wanted_after("show"), Some(Wanted::Keywords { keywords, .. }) if keywords == SHOW_WORDS)
        );
    }

    #[test]
    fn blank_lines_and_comments_give_nothing() {
        assert!(parse_line("   ").is_empty());
        assert!(parse_line("# just a note").is_empty());
        assert!(parse_line(" ; ;").is_empty());
    }

    #[test]
    fn the_text_of_each_piece_is_kept() {
        let pieces = parse_line("  show sites ;login A site B  # c");
        let texts: Vec<&str> = pieces.iter().map(|piece| piece.text).collect();
        assert_eq!(texts, ["show sites", "login A site B"]);
    }

    #[test]
    fn errors_say_what_was_expected_where() {
        check_error(
            "create site Partner Hub template \"Partner Central\"",
            "expected `template` at word 4, found `Hub`; a name with spaces goes in double quotes: \"Partner Hub\"",
        );
        check_error(
            "enabel digital experiences",
            "expected `enable`, `disable`, `create`, `activate`, `deactivate`, `add`, `assign`, `set`, `login`, `check` or `show` at word 1, found `enabel`; did you mean `enable`?",
        );
        check_error(
            "login Priya",
            "expected `site` at word 3, found the end of the command",
        );
        check_error(
            "add licenses X 0",
            "expected a count (a whole number from 1 to 4294967295) at word 4, found `0`",
        );
        check_error(
            "login \"Priya site X",
            "expected a closing `\"` for the name at word 2",
        );
        check_error("login \"\" site X", "a contact name at word 2 is empty");
        check_error(
            "show sites now",
            "expected the end of the command at word 3, found `now`",
        );
        check_error(
            "create internal user Bob Smith",
            "expected `role` or the end of the command at word 5, found `Smith`; a name with spaces goes in double quotes: \"Bob Smith\"",
        );
        check_error(
            "check A as parnter site B",
            "expected `customer` or `partner` at word 4, found `parnter`; did you mean `partner`?",
        );
    }
}
