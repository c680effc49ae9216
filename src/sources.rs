//! Short names for the rows facts cite (`D5.3`), so that feedback shows where a
//! fact comes from: `[D5.3 · Help: Create Site Users]`. `docs/SOURCES.md` lists
//! the same rows with what each says, its confidence and a link; keep the two
//! together. A row that is not listed prints its bare code.

/// Each cited row and the short name of the page behind it.
const ROWS: &[(&str, &str)] = &[
    ("D2.2", "Help: Enable Digital Experiences"),
    ("D2.3", "Help: Enhanced Domains"),
    ("D2.4", "Legacy domain names"),
    ("D2.5", "a setup guide, unconfirmed"),
    ("D2.6", "Digital Experiences Settings page"),
    ("D2.7", "Help: Digital Experiences Settings"),
    ("D2.8", "Help: Digital Experiences Settings"),
    ("D2.9", "Trailhead: Account Roles"),
    ("D2.10", "Spring '20 release notes"),
    ("D2.11", "Winter '19 release notes"),
    ("D2.12", "Help: Optimize Account Roles"),
    ("D3.2", "Help: Add Site Members"),
    ("D3.3", "site limit, secondary sources"),
    ("D3.4", "site status values"),
    ("D3.5", "Help: Welcome Emails"),
    ("D3.6", "Help: Service Not Available"),
    ("D3.7", "KB 005135020"),
    ("D3.8", "recall, unconfirmed"),
    ("D3.9", "Help: Add Site Members"),
    ("D3.10", "KB 000387741"),
    ("D3.11", "Help: External Member Login"),
    ("D3.12", "Help: Create Communities Users"),
    ("D4", "Help: License Limitations"),
    ("D5.2", "Help: Contact Sharing"),
    ("D5.3", "Help: Create Site Users"),
    ("D5.4", "partner account owners"),
    ("D5.5", "Help: Create Partner Accounts"),
    ("D5.6", "Help: Create Partner Accounts"),
    ("D5.7", "Help: Create Partner Accounts"),
    ("D5.8", "developer forum"),
    ("D5.9", "Help: Customer Community User"),
    ("D5.10", "KB 000212274"),
    ("D6", "Help: Create Site Users"),
    ("D6.1", "Help: Create Site Users"),
    ("D6.2", "Help: Enable Contacts"),
    ("D6.3", "Help: Enable Contacts"),
    ("D6.4", "KB 000240603"),
    ("D6.8", "developer forum, old Help"),
    ("D7.1", "KB 000240603"),
    ("D7.2", "KB 005167124"),
    ("D7.3", "Help: Partner User Roles"),
    ("D7.4", "Trailhead: Account Roles"),
    ("D7.5", "Help: Optimize Account Roles"),
    ("D7.6", "Help: License Limitations"),
    ("D8.1", "Apex: Site class"),
    ("D8.2", "KB 000220285"),
    ("D8.3", "Help: Deactivate Users"),
    ("D8.4", "Help restated: Disable Users"),
    ("D8.5", "Help restated: Disable Users"),
    ("D8.7", "KB 000205350"),
    ("D10.1", "Help: Create Communities Users"),
    ("D10.2", "Help: Add Site Members"),
    ("D10.3", "KB 000389462"),
    ("D10.4", "Help: Partner User Roles"),
    ("D10.5", "developer forum, old Help"),
    ("D10.6", "Spring '20 release notes"),
];

/// The short name of the page behind row `code`, if the row is listed.
pub fn name(code: &str) -> Option<&'static str> {
    ROWS.iter()
        .find(|(row, _)| *row == code)
        .map(|&(_, name)| name)
}

/// A row code as learners read it: `D5.3 · Help: Create Site Users`, or the bare
/// code when the row is not listed.
pub fn label(code: &str) -> String {
    match name(code) {
        Some(name) => format!("{code} · {name}"),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_the_embedded_content_cites_has_a_name() {
        let catalog = crate::bank::check(&crate::bank::load::embedded())
            .into_catalog()
            .unwrap();
        let mut missing: Vec<&str> = catalog
            .facts()
            .iter()
            .map(|fact| fact.source.as_str())
            .filter(|source| !source.starts_with("seed:") && name(source).is_none())
            .collect();
        missing.dedup();
        assert!(missing.is_empty(), "rows without a name: {missing:?}");
    }

    #[test]
    fn rows_are_listed_once_and_names_stay_short() {
        for (index, (row, name)) in ROWS.iter().enumerate() {
            assert!(crate::model::fact::is_valid_source(row), "{row}");
            assert!(
                ROWS[..index].iter().all(|(earlier, _)| earlier != row),
                "{row} twice"
            );
            assert!(name.chars().count() <= 34, "{row}: {name} is too long");
        }
    }

    #[test]
    fn labels_put_the_name_after_the_code() {
        assert_eq!(label("D5.3"), "D5.3 · Help: Create Site Users");
        assert_eq!(label("D9.9"), "D9.9");
    }
}
