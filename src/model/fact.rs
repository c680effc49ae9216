//! Facts: the statements the trainer teaches, each with its source.

/// How sure the source row is of a fact: H, M or L (docs/SOURCES.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [Confidence::High, Confidence::Medium, Confidence::Low];

    pub fn parse(text: &str) -> Option<Confidence> {
        match text {
            "H" => Some(Confidence::High),
            "M" => Some(Confidence::Medium),
            "L" => Some(Confidence::Low),
            _ => None,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Confidence::High => "H",
            Confidence::Medium => "M",
            Confidence::Low => "L",
        }
    }
}

/// One validated fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Dotted id (`chain.contact-needs-account`).
    pub id: String,
    /// The fact in one line.
    pub statement: String,
    /// `seed: <section>` or a source row (`D5.3`, listed in docs/SOURCES.md).
    pub source: String,
    /// The source row's confidence; none for seed facts.
    pub confidence: Option<Confidence>,
}

impl Fact {
    /// The source as learners read it: the seed is "the reference answer" (the
    /// text the quiz teaches); a row keeps its code and gets its page's short
    /// name (`D5.3 · Help: Create Site Users`).
    pub fn source_label(&self) -> String {
        match self.source.strip_prefix("seed:") {
            Some(section) => format!("reference answer: {}", section.trim()),
            None => crate::sources::label(&self.source),
        }
    }

    /// Whether the fact comes from a source row rather than the seed.
    pub fn is_domain(&self) -> bool {
        self.source.starts_with('D')
    }
}

/// Whether `source` names the seed (`seed: <section>`) or a source section or
/// row (`D4`, `D5.3`, `D10.2`).
pub fn is_valid_source(source: &str) -> bool {
    if let Some(section) = source.strip_prefix("seed:") {
        return !section.trim().is_empty();
    }
    let Some(row) = source.strip_prefix('D') else {
        return false;
    };
    let mut parts = row.split('.');
    let section_ok = parts
        .next()
        .is_some_and(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    let rest_ok =
        parts.all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit()));
    section_ok && rest_ok && row.split('.').count() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_name_the_seed_or_a_domain_row() {
        for good in ["seed: Quick interview answer", "D5.3", "D4", "D10.1"] {
            assert!(is_valid_source(good), "{good}");
        }
        for bad in ["seed:", "DOMAIN 5.3", "D5.", "D5.3.1", "5.3", ""] {
            assert!(!is_valid_source(bad), "{bad}");
        }
    }
}
