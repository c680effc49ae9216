//! "Did you mean ...?": the closest known word to a misspelt one.

/// The candidate closest to `word` by Jaro-Winkler similarity, if one is close
/// enough to be a plausible misspelling. Case is ignored.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&word, &candidate.to_lowercase());
            (score, candidate)
        })
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// ", did you mean `x`?" or nothing, for appending to a message or hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match closest(word, candidates) {
        Some(candidate) => format!("did you mean `{candidate}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let kinds = ["choice", "truefalse", "short", "order", "recall"];
        assert_eq!(closest("chioce", kinds), Some("choice"));
        assert_eq!(closest("Recal", kinds), Some("recall"));
        assert_eq!(closest("zebra", kinds), None);
        assert_eq!(did_you_mean("ordr", kinds), "did you mean `order`?");
    }
}
