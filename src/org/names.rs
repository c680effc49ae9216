//! How names are compared and written. Names match case-insensitively and print
//! as defined; in the command language a name is one bare word or a
//! "double-quoted string" with `\"` and `\\` escapes.

/// Whether two names are the same name, ignoring case (Unicode-aware, no allocation).
pub fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// `name` as the command language writes it: always double-quoted, so a fix or
/// a saved command reads the same whatever the name holds.
pub fn quoted(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push('"');
    for ch in name.chars() {
        if matches!(ch, '"' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// A placeholder email address made from a contact's name, for `check`'s fix.
pub fn placeholder_email(name: &str) -> String {
    let local: String = name
        .chars()
        .filter_map(|ch| match ch {
            'a'..='z' | '0'..='9' => Some(ch),
            'A'..='Z' => Some(ch.to_ascii_lowercase()),
            ' ' | '.' | '-' | '_' => Some('.'),
            _ => None,
        })
        .collect();
    let local = local.trim_matches('.');
    if local.is_empty() {
        "user@example.com".to_string()
    } else {
        format!("{local}@example.com")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_ignoring_case() {
        assert!(same_name("Acme Reseller", "acme RESELLER"));
        assert!(same_name("Ölwerk", "ölwerk"));
        assert!(!same_name("Acme", "Acme Reseller"));
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quoted(r#"say "hi"\"#), r#""say \"hi\"\\""#);
        assert_eq!(placeholder_email("Priya Shah"), "priya.shah@example.com");
        assert_eq!(placeholder_email("!!"), "user@example.com");
    }
}
