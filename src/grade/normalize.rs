//! Text normalisation shared by the free-text graders (`short`, `recall`):
//! folding case and accents, splitting text into words and clauses, light
//! stemming, and the typo allowance.
//!
//! Words are runs of letters and digits. An apostrophe inside a word joins it
//! (`user's` is `users`), and `n't` becomes a word `not` (`don't` is `do not`,
//! `can't` and `cannot` are `can not`), so that contradictions read the same
//! however they are spelt. A `.` or `,` between two digits stays in the word
//! (`3.5`, `D5.3`). Clause punctuation (`, ; . : ( ) ! ? [ ] { }` and line
//! breaks) ends a clause; a phrase never matches across one.
//!
//! Accents are folded by a small table covering Latin-1 and Latin Extended-A
//! (`é` is `e`, `ß` is `ss`, `Æ` is `AE`) plus combining marks; letters of other
//! scripts are kept as they are.

use std::ops::Range;

/// What [`scan`] folds in each word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// Lowercase every letter.
    pub case: bool,
    /// Replace accented Latin letters by their base letters.
    pub accents: bool,
}

impl Fold {
    /// Everything folded: what recall matching uses.
    pub const ALL: Fold = Fold {
        case: true,
        accents: true,
    };
}

/// Calls `each(word, span, clause)` for every word of `text`, in order: the folded
/// word, its byte range in `text`, and the number of clause breaks before it.
pub fn scan(text: &str, fold: Fold, each: impl FnMut(&str, Range<usize>, u32)) {
    scan_with(text, fold, &mut String::new(), each);
}

/// [`scan`], folding words into `word`, a buffer the caller keeps from call to
/// call (recall scans every phrase of a rubric on every grade).
pub fn scan_with(
    text: &str,
    fold: Fold,
    word: &mut String,
    mut each: impl FnMut(&str, Range<usize>, u32),
) {
    word.clear();
    let mut start: Option<usize> = None;
    let mut clause: u32 = 0;
    let mut prev_char: Option<char> = None;
    let mut idx = 0;
    // Indexing by byte and decoding only non-ASCII characters keeps the common
    // case (English text) a tight loop: recall grading scans every phrase of
    // the rubric on every call.
    while let Some(ch) = char_at(text, idx) {
        if ch.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits is taken at once: passed on
            // as it is when it is a whole word with nothing to fold (the common
            // case), else copied and lowercased.
            let bytes = text.as_bytes();
            let run = bytes[idx..]
                .iter()
                .position(|byte| !byte.is_ascii_alphanumeric())
                .unwrap_or(text.len() - idx);
            let run_end = idx + run;
            let last = bytes[run_end - 1];
            prev_char = Some(char::from(last));
            let whole_word = start.is_none()
                && ends_word(bytes, run_end, last)
                && !(fold.case && bytes[idx..run_end].iter().any(u8::is_ascii_uppercase));
            if whole_word {
                flush(&text[idx..run_end], idx..run_end, clause, &mut each);
            } else {
                start.get_or_insert(idx);
                let copied_from = word.len();
                word.push_str(&text[idx..run_end]);
                if fold.case {
                    word[copied_from..].make_ascii_lowercase();
                }
            }
            idx = run_end;
            continue;
        }
        if ch == ' ' {
            end_word(word, &mut start, idx, clause, &mut each);
            prev_char = Some(ch);
            idx += 1;
            continue;
        }
        let after = idx + ch.len_utf8();
        if matches!(ch, '\u{1b}' | '\u{9b}') {
            // Colour codes pasted from a terminal separate words; they are not
            // part of them (`\x1b[31mcontact` is `contact`).
            end_word(word, &mut start, idx, clause, &mut each);
            idx = skip_escape_sequence(text, ch, after);
            prev_char = None;
            continue;
        }
        let in_word = start.is_some();
        if ch.is_alphanumeric() {
            start.get_or_insert(idx);
            push_folded(ch, fold, word);
        } else if in_word && is_combining_mark(ch) {
            if !fold.accents {
                word.push(ch);
            }
        } else if in_word && is_apostrophe(ch) {
            let next = char_at(text, after);
            let ends_in_n = prev_char.is_some_and(|prev| prev.eq_ignore_ascii_case(&'n'));
            let t_ends_word = next.is_some_and(|next| next.eq_ignore_ascii_case(&'t'))
                && !char_at(text, after + 1).is_some_and(char::is_alphanumeric);
            if ends_in_n && t_ends_word {
                // `don't`: the word without its `n`, then `not` spanning `n't`.
                let n_idx = idx - 1;
                word.pop();
                emit_contracted(word, start.unwrap_or(n_idx)..n_idx, clause, &mut each);
                word.clear();
                each("not", n_idx..after + 1, clause);
                start = None;
                prev_char = Some('t');
                idx = after + 1;
                continue;
            }
            if !next.is_some_and(char::is_alphabetic) {
                // A closing quote, not an apostrophe: the word ends here.
                end_word(word, &mut start, idx, clause, &mut each);
            }
            // Otherwise (`user's`) the apostrophe joins the word.
        } else if in_word
            && matches!(ch, '.' | ',')
            && prev_char.is_some_and(|prev| prev.is_ascii_digit())
            && char_at(text, after).is_some_and(|next| next.is_ascii_digit())
        {
            word.push(ch);
        } else {
            end_word(word, &mut start, idx, clause, &mut each);
            if is_clause_break(ch) {
                clause += 1;
            }
        }
        prev_char = Some(ch);
        idx = after;
    }
    end_word(word, &mut start, text.len(), clause, &mut each);
}

/// Emits the word being read, if any, as ending at byte `end`.
fn end_word(
    word: &mut String,
    start: &mut Option<usize>,
    end: usize,
    clause: u32,
    each: &mut impl FnMut(&str, Range<usize>, u32),
) {
    if let Some(word_start) = start.take() {
        flush(word, word_start..end, clause, each);
        word.clear();
    }
}

/// Whether a word whose ASCII run ends at byte `end` (its last byte `last`)
/// surely ends there: the text ends, or an ASCII character follows that can't
/// continue it (not an apostrophe, nor a `.` or `,` between digits).
fn ends_word(bytes: &[u8], end: usize, last: u8) -> bool {
    match bytes.get(end) {
        None => true,
        Some(b'\'') => false,
        Some(b'.' | b',') => {
            !(last.is_ascii_digit() && bytes.get(end + 1).is_some_and(u8::is_ascii_digit))
        }
        Some(&next) => next.is_ascii(),
    }
}

/// The character starting at byte `idx` of `text`, if any.
fn char_at(text: &str, idx: usize) -> Option<char> {
    match text.as_bytes().get(idx) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(idx..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// The byte index just past a terminal escape sequence whose introducer ends
/// at `idx`: CSI (`ESC [` or `\u{9b}`, up to a final byte `@`..`~`), OSC
/// (`ESC ]`, up to BEL or `ESC \\`), or the one character after a lone `ESC`.
fn skip_escape_sequence(text: &str, introducer: char, mut idx: usize) -> usize {
    let kind = if introducer == '\u{9b}' {
        '['
    } else {
        match char_at(text, idx) {
            Some(next @ ('[' | ']')) => {
                idx += 1;
                next
            }
            Some(other) => return idx + other.len_utf8(),
            None => return idx,
        }
    };
    while let Some(ch) = char_at(text, idx) {
        idx += ch.len_utf8();
        let done = match kind {
            '[' => ('@'..='~').contains(&ch),
            _ if ch == '\u{1b}' && char_at(text, idx) == Some('\\') => {
                idx += 1;
                true
            }
            _ => ch == '\u{7}',
        };
        if done {
            break;
        }
    }
    idx
}

/// Emits a finished word; `cannot` is two words.
fn flush(
    word: &str,
    span: Range<usize>,
    clause: u32,
    each: &mut impl FnMut(&str, Range<usize>, u32),
) {
    if word.len() == 6 && word.eq_ignore_ascii_case("cannot") {
        let middle = span.start + 3;
        each(&word[..3], span.start..middle, clause);
        each(&word[3..], middle..span.end, clause);
    } else {
        each(word, span, clause);
    }
}

/// Emits the first half of an `n't` contraction: `do` of `don't`, `can` of
/// `can't`, `will` of `won't`.
fn emit_contracted(
    stem: &str,
    span: Range<usize>,
    clause: u32,
    each: &mut impl FnMut(&str, Range<usize>, u32),
) {
    // `can't` lost its `n` with the others; `won't` and `shan't` change form.
    let restored = if stem.eq_ignore_ascii_case("ca") {
        "can"
    } else if stem.eq_ignore_ascii_case("wo") {
        "will"
    } else if stem.eq_ignore_ascii_case("sha") {
        "shall"
    } else {
        stem
    };
    if !restored.is_empty() {
        each(restored, span, clause);
    }
}

fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}')
}

/// Punctuation that ends a clause: a rubric phrase never matches across it.
pub fn is_clause_break(ch: char) -> bool {
    matches!(
        ch,
        ',' | ';' | '.' | ':' | '(' | ')' | '!' | '?' | '[' | ']' | '{' | '}' | '\n'
    )
}

/// `word` with every character folded as `fold` says.
pub fn fold_word(word: &str, fold: Fold) -> String {
    let mut out = String::with_capacity(word.len());
    word.chars().for_each(|ch| push_folded(ch, fold, &mut out));
    out
}

/// Appends `ch` to `out`, folded as `fold` says.
fn push_folded(ch: char, fold: Fold, out: &mut String) {
    if ch.is_ascii() {
        out.push(if fold.case {
            ch.to_ascii_lowercase()
        } else {
            ch
        });
        return;
    }
    if fold.accents
        && let Some(base) = base_letters(ch)
    {
        if fold.case || !ch.is_uppercase() {
            out.push_str(base);
        } else {
            out.extend(base.chars().map(|base_ch| base_ch.to_ascii_uppercase()));
        }
        return;
    }
    if fold.case {
        out.extend(ch.to_lowercase());
    } else {
        out.push(ch);
    }
}

/// The base letters of an accented Latin letter, in lowercase: `é` and `É` are
/// `e`, `ß` is `ss`. `None` for letters without accents and other scripts.
fn base_letters(ch: char) -> Option<&'static str> {
    let lower = if ch.is_uppercase() {
        let mut lowered = ch.to_lowercase();
        match (lowered.next(), lowered.next()) {
            (Some(single), None) => single,
            _ => return None,
        }
    } else {
        ch
    };
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Words recall matching skips: articles carry no meaning a rubric looks for,
/// and skipping them lets "linked to an account" match "linked to the account".
pub fn is_stop_word(word: &str) -> bool {
    matches!(word, "a" | "an" | "the")
}

/// Appends the light stem of a folded word to `out`: plural `-s`/`-es`/`-ies`,
/// `-ing`, `-ed`, `-ied`, `-ion` after `t` or `s`, `-ly`, a final `e`, a doubled
/// final consonant, and British `-nce` spellings are removed or evened out, so
/// that "licenses", "license", "licensing" and "licensed" all stem to `licens`,
/// and "enable", "enabled", "enabling" to `enabl`. Words with digits, words of
/// three letters or fewer and words outside ASCII are kept as they are.
pub fn push_stem(word: &str, out: &mut String) {
    if word.len() <= 3 || !word.bytes().all(|byte| byte.is_ascii_lowercase()) {
        out.push_str(word);
        return;
    }
    // Only ASCII from here, so every byte index is a character boundary.
    let mut stem = word;
    let mut tail = "";
    if stem.ends_with("ies") && stem.len() > 4 {
        stem = &stem[..stem.len() - 3];
        tail = "y";
    } else if stem.ends_with('s')
        && !(stem.ends_with("ss") || stem.ends_with("us") || stem.ends_with("is"))
    {
        stem = &stem[..stem.len() - 1];
    }
    if tail.is_empty() {
        if stem.ends_with("ied") && stem.len() > 4 {
            stem = &stem[..stem.len() - 3];
            tail = "y";
        } else if stem.ends_with("ing") && stem.len() >= 6 {
            stem = &stem[..stem.len() - 3];
        } else if stem.ends_with("ed") && stem.len() >= 5 {
            stem = &stem[..stem.len() - 2];
        } else if (stem.ends_with("tion") || stem.ends_with("sion")) && stem.len() >= 7 {
            stem = &stem[..stem.len() - 3];
        } else if stem.ends_with("ly") && stem.len() >= 6 {
            stem = &stem[..stem.len() - 2];
        }
    }
    if tail.is_empty() {
        if stem.ends_with('e') && stem.len() > 3 {
            stem = &stem[..stem.len() - 1];
        }
        let bytes = stem.as_bytes();
        let n = bytes.len();
        if n > 3 && bytes[n - 1] == bytes[n - 2] && !is_vowel(bytes[n - 1]) {
            stem = &stem[..n - 1];
        }
        if stem.ends_with("nc") {
            stem = &stem[..stem.len() - 1];
            tail = "s";
        }
    }
    out.push_str(stem);
    if !tail.is_empty() {
        out.push_str(tail);
    }
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// How many edits a word of `n_chars` characters may be off and still count:
/// none up to 3 characters, 1 for 4 to 7, 2 from 8. A swap of neighbouring
/// letters is one edit.
pub fn typo_allowance(n_chars: usize) -> usize {
    match n_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether `a` and `b` are the same word up to typos: equal, or within the
/// allowance of the shorter of the two. Words with digits must be equal
/// ("3" is not "8", "d5.3" is not "d5.8").
pub fn same_word_with_typos(a: &str, b: &str) -> bool {
    let shorter = n_chars(a).min(n_chars(b));
    within_edits(a, b, typo_allowance(shorter))
}

/// Whether `a` and `b` are equal, or at most `allowance` edits apart (a swap of
/// neighbouring letters is one edit) with no digit in either.
pub fn within_edits(a: &str, b: &str, allowance: usize) -> bool {
    if a == b {
        return true;
    }
    if allowance == 0 || has_digit(a) || has_digit(b) {
        return false;
    }
    // What the words share at both ends costs no edits; only the differing
    // middles need comparing, and usually they settle it without a distance.
    let (a_middle, b_middle) = differing_middles(a, b);
    let (a_len, b_len) = (n_chars(a_middle), n_chars(b_middle));
    if a_len.abs_diff(b_len) > allowance {
        return false;
    }
    if a_len.max(b_len) <= 1 {
        return true;
    }
    if allowance == 1 {
        // Past one substitution or insertion, only a swap of two neighbours
        // (`ab` against `ba`) is a single edit.
        let mut reversed = b_middle.chars().rev();
        return a_len == 2 && b_len == 2 && a_middle.chars().all(|ch| reversed.next() == Some(ch));
    }
    strsim::osa_distance(a_middle, b_middle) <= allowance
}

/// `a` and `b` without the longest common prefix and then the longest common
/// suffix of what remains, cut at character boundaries.
fn differing_middles<'x, 'y>(a: &'x str, b: &'y str) -> (&'x str, &'y str) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(a_ch, b_ch)| a_ch == b_ch)
        .map(|(ch, _)| ch.len_utf8())
        .sum();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a_rest
        .chars()
        .rev()
        .zip(b_rest.chars().rev())
        .take_while(|(a_ch, b_ch)| a_ch == b_ch)
        .map(|(ch, _)| ch.len_utf8())
        .sum();
    (
        &a_rest[..a_rest.len() - suffix],
        &b_rest[..b_rest.len() - suffix],
    )
}

/// The number of characters of `word`, without decoding when it is ASCII.
pub fn n_chars(word: &str) -> usize {
    if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    }
}

pub fn has_digit(word: &str) -> bool {
    word.chars().any(|ch| ch.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, u32)> {
        let mut found = Vec::new();
        scan(text, Fold::ALL, |word, _, clause| {
            found.push((word.to_string(), clause))
        });
        found
    }

    fn stem(word: &str) -> String {
        let mut out = String::new();
        push_stem(word, &mut out);
        out
    }

    #[test]
    fn words_are_folded_and_clauses_counted() {
        let found = words("Créez un CONTACT, puis (l'utilisateur): D5.3 et 1,000");
        let texts: Vec<&str> = found.iter().map(|(word, _)| word.as_str()).collect();
        assert_eq!(
            texts,
            [
                "creez",
                "un",
                "contact",
                "puis",
                "lutilisateur",
                "d5.3",
                "et",
                "1,000"
            ]
        );
        let clauses: Vec<u32> = found.iter().map(|&(_, clause)| clause).collect();
        assert_eq!(clauses, [0, 0, 0, 1, 2, 4, 4, 4]);
    }

    #[test]
    fn contractions_become_not() {
        let texts = |text| {
            words(text)
                .into_iter()
                .map(|(word, _)| word)
                .collect::<Vec<_>>()
        };
        assert_eq!(texts("You don't need"), ["you", "do", "not", "need"]);
        assert_eq!(
            texts("can’t, won't, CANNOT"),
            ["can", "not", "will", "not", "can", "not"]
        );
        assert_eq!(texts("the user's profile"), ["the", "users", "profile"]);
        assert_eq!(texts("rock 'n' roll n't"), ["rock", "n", "roll", "not"]);
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Ünïcode don't";
        let mut spans = Vec::new();
        scan(text, Fold::ALL, |_, span, _| {
            spans.push(text[span].to_string())
        });
        assert_eq!(spans, ["Ünïcode", "do", "n't"]);
    }

    #[test]
    fn terminal_escape_sequences_separate_words() {
        let texts = |text| {
            words(text)
                .into_iter()
                .map(|(word, _)| word)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            texts("no\u{1b}[31;1mcontact\u{1b}[0m here"),
            ["no", "contact", "here"]
        );
        assert_eq!(
            texts("a\u{1b}]0;title\u{7}b \u{1b}]2;x\u{1b}\\c"),
            ["a", "b", "c"]
        );
        assert_eq!(texts("x\u{9b}2Jy\u{1b}"), ["x", "y"]);
        assert_eq!(texts("a \u{1b}[12;"), ["a"]);
    }

    #[test]
    fn accents_fold_in_both_cases_and_decomposed() {
        let mut out = String::new();
        for ch in "ÉßæŒ".chars() {
            push_folded(
                ch,
                Fold {
                    case: false,
                    accents: true,
                },
                &mut out,
            );
        }
        assert_eq!(out, "EssaeOE");
        assert_eq!(
            words("Cafe\u{301} Ω"),
            [("cafe".to_string(), 0), ("ω".to_string(), 0)]
        );
    }

    #[test]
    fn stems_join_word_forms() {
        for group in [
            &[
                "license",
                "licenses",
                "license",
                "licenses",
                "licensing",
                "licensed",
            ][..],
            &["enable", "enabled", "enabling", "enables"],
            &["role", "roles"],
            &["activate", "activated", "activation", "activating"],
            &["community", "communities"],
            &["access", "accesses"],
            &["apply", "applies", "applied"],
        ] {
            let stems: Vec<String> = group.iter().map(|word| stem(word)).collect();
            assert!(
                stems.iter().all(|one| one == &stems[0]),
                "{group:?} stem to {stems:?}"
            );
        }
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("d5.3"), "d5.3");
        assert_eq!(stem("need"), "need");
    }

    proptest::proptest! {
        #[test]
        fn plain_ascii_splits_at_every_other_character(text in "[a-zA-Z0-9 ;:()!?\\n/-]{0,60}") {
            let expected: Vec<String> = text
                .split(|ch: char| !ch.is_ascii_alphanumeric())
                .filter(|word| !word.is_empty())
                .flat_map(|word| match word.to_ascii_lowercase().as_str() {
                    "cannot" => vec!["can".to_string(), "not".to_string()],
                    lower => vec![lower.to_string()],
                })
                .collect();
            let found: Vec<String> = words(&text).into_iter().map(|(word, _)| word).collect();
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn trimming_shared_ends_never_changes_the_verdict(
            a in "[abc]{0,7}",
            b in "[abc]{0,7}",
            allowance in 1_usize..=2,
        ) {
            let expected = strsim::osa_distance(&a, &b) <= allowance;
            proptest::prop_assert_eq!(within_edits(&a, &b, allowance), expected);
        }
    }

    #[test]
    fn typos_scale_with_length_and_numbers_never_bend() {
        assert!(same_word_with_typos("contact", "contcat"));
        assert!(same_word_with_typos("experiences", "experainces"));
        assert!(!same_word_with_typos("use", "user"));
        assert!(!same_word_with_typos("cat", "cut"));
        assert!(!same_word_with_typos("3", "8"));
        assert!(!same_word_with_typos("d5.3", "d5.8"));
        assert!(!same_word_with_typos("license", "licenses2"));
    }
}
