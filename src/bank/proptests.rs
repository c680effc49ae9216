//! Property tests of the loader (no input makes it panic): arbitrary bytes, and valid banks with random damage, are loaded
//! without panicking, and reading them cut at their entries reports exactly what
//! reading them whole does.

use proptest::prelude::*;

use super::cut_tests::{BANK, FACTS, check_both_ways};

/// One way of damaging a bank's text.
#[derive(Debug, Clone)]
enum Damage {
    /// Sets the byte at (index modulo the length) to a value.
    Flip(usize, u8),
    /// Keeps only the first (index modulo the length) bytes.
    Truncate(usize),
    /// Repeats a line right after itself.
    DuplicateLine(usize),
    /// Removes a line.
    DeleteLine(usize),
    /// Inserts a line that matters to TOML or to the cutting.
    InsertLine(usize, &'static str),
}

/// Lines that open or close what the cutting has to see through.
const TRICKY_LINES: &[&str] = &[
    "[[question]]",
    "[[fact]]",
    "[question]",
    "[[question.concept]]",
    "[[ \"question\" ]]",
    "\"\"\"",
    "'''",
    "x = \"\"\"",
    "x = [",
    "]",
    "x = {",
    "# [[question]]",
    "format_version = 1",
    "question = 1",
    "id = \"setup.first\"",
    "facts = [\"chain.nothing\"]",
];

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(idx, byte)| Damage::Flip(idx, byte)),
        any::<usize>().prop_map(Damage::Truncate),
        any::<usize>().prop_map(Damage::DuplicateLine),
        any::<usize>().prop_map(Damage::DeleteLine),
        (any::<usize>(), prop::sample::select(TRICKY_LINES))
            .prop_map(|(idx, line)| Damage::InsertLine(idx, line)),
    ]
}

fn apply(text: &str, damages: &[Damage]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for damage in damages {
        match *damage {
            Damage::Flip(idx, byte) => {
                if !bytes.is_empty() {
                    let at = idx % bytes.len();
                    bytes[at] = byte;
                }
            }
            Damage::Truncate(idx) => bytes.truncate(idx % (bytes.len() + 1)),
            Damage::DuplicateLine(idx) | Damage::DeleteLine(idx) | Damage::InsertLine(idx, _) => {
                let mut lines: Vec<Vec<u8>> = bytes
                    .split_inclusive(|&byte| byte == b'\n')
                    .map(<[u8]>::to_vec)
                    .collect();
                let at = idx % (lines.len() + 1);
                match *damage {
                    Damage::DuplicateLine(_) if at < lines.len() => {
                        let line = lines[at].clone();
                        lines.insert(at, line);
                    }
                    Damage::DeleteLine(_) if at < lines.len() => {
                        lines.remove(at);
                    }
                    Damage::InsertLine(_, line) => {
                        lines.insert(at, format!("{line}\n").into_bytes());
                    }
                    _ => {}
                }
                bytes = lines.concat();
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #[test]
    fn arbitrary_bytes_load_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        check_both_ways(&[("bank.toml", &text), ("facts.toml", FACTS)]);
    }

    #[test]
    fn arbitrary_text_with_headers_loads_without_panicking(
        pieces in prop::collection::vec(
            prop_oneof![
                prop::sample::select(TRICKY_LINES).prop_map(str::to_string),
                "[ -~\n]{0,40}",
            ],
            0..40,
        )
    ) {
        let text = pieces.join("\n");
        check_both_ways(&[("bank.toml", &text), ("facts.toml", FACTS)]);
    }

    #[test]
    fn damaged_banks_load_without_panicking(
        damages in prop::collection::vec(damage(), 1..6),
        damage_facts in any::<bool>(),
    ) {
        let bank = apply(BANK, &damages);
        let facts = if damage_facts { apply(FACTS, &damages) } else { FACTS.to_string() };
        check_both_ways(&[("bank.toml", &bank), ("facts.toml", &facts)]);
    }
}

/// A value as a bank might write it, right or wrong for its key.
fn toml_value() -> impl Strategy<Value = String> {
    let string = "[ -!#-\\[\\]-~é\t]{0,12}".prop_map(|text| format!("\"{text}\""));
    let item = prop_oneof![
        string.clone(),
        "[0-9]{1,3}".prop_map(String::from),
        Just("true".to_string())
    ];
    prop_oneof![
        string,
        prop::collection::vec(item, 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
        Just("false".to_string()),
        Just("1.5".to_string()),
        Just("'lit'".to_string()),
        Just("\"esc\\\"aped\"".to_string()),
    ]
}

const KEYS: &[&str] = &[
    "id",
    "kind",
    "topic",
    "prompt",
    "explanation",
    "facts",
    "difficulty",
    "tags",
    "deeper",
    "hint",
    "pass",
    "choices",
    "correct",
    "multiple",
    "answer",
    "accept",
    "fold_case",
    "items",
    "model_answer",
    "name",
    "phrases",
    "contradicts",
    "required",
    "weight",
    "other",
];

/// A line of a question's table: a key and value, a comment, a concept header.
fn table_line() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (prop::sample::select(KEYS), "[ \t]{0,2}", toml_value(), "( #[ -~]{0,5})?")
            .prop_map(|(key, blank, value, comment)| format!("{key}{blank}={blank}{value}{comment}")),
        1 => "#[ -~]{0,8}".prop_map(String::from),
        1 => Just(String::new()),
        1 => Just("[[question.concept]]".to_string()),
    ]
}

proptest! {
    #[test]
    fn the_quick_reader_reads_as_toml_does(lines in prop::collection::vec(table_line(), 0..12)) {
        let text = format!("format_version = 1\n\n[[question]]\n{}\n", lines.join("\n"));
        check_both_ways(&[("bank.toml", &text), ("facts.toml", FACTS)]);
        super::quick::tests::agree(&text);
    }
}

/// A value of the type `key` takes, written the plain way the quick reader reads.
fn typed_value(key: &'static str) -> BoxedStrategy<String> {
    let text = "[ -!#-\\[\\]-~é]{0,10}";
    match key {
        "facts" | "tags" | "choices" | "accept" | "items" | "phrases" | "contradicts" => {
            prop::collection::vec(
                prop_oneof![
                    Just("chain.contact".to_string()),
                    text.prop_map(String::from)
                ],
                0..4,
            )
            .prop_map(|items| {
                let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
                format!("[{}]", quoted.join(","))
            })
            .boxed()
        }
        "correct" => prop::collection::vec(0..5u8, 0..3)
            .prop_map(|numbers| {
                let numbers: Vec<String> = numbers.iter().map(u8::to_string).collect();
                format!("[ {} ]", numbers.join(" , "))
            })
            .boxed(),
        "multiple" | "answer" | "fold_case" | "typos" | "required" => {
            any::<bool>().prop_map(|flag| flag.to_string()).boxed()
        }
        "kind" => {
            prop::sample::select(&["choice", "truefalse", "short", "order", "recall", "x"][..])
                .prop_map(|kind| format!("\"{kind}\""))
                .boxed()
        }
        _ => prop_oneof![
            Just("\"setup.first\"".to_string()),
            text.prop_map(|text| format!("\"{text}\""))
        ]
        .boxed(),
    }
}

const QUESTION_KEYS: &[&str] = &[
    "id",
    "kind",
    "topic",
    "prompt",
    "explanation",
    "facts",
    "difficulty",
    "tags",
    "deeper",
    "hint",
    "choices",
    "correct",
    "multiple",
    "answer",
    "accept",
    "fold_case",
    "typos",
    "items",
    "model_answer",
];
const CONCEPT_KEYS: &[&str] = &["name", "phrases", "contradicts", "required"];

/// The lines of a table: some of `keys`, each once, with values of their types.
fn typed_table(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::subsequence(keys, 0..keys.len())
        .prop_shuffle()
        .prop_flat_map(|keys| {
            let lines: Vec<_> = keys
                .into_iter()
                .map(|key| {
                    (typed_value(key), "[ \t]{0,1}", "( # [a-z]{0,3})?").prop_map(
                        move |(value, blank, comment)| format!("{key} ={blank}{value}{comment}"),
                    )
                })
                .collect();
            lines
        })
        .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #[test]
    fn plain_questions_read_quickly_as_toml_does(
        question in typed_table(QUESTION_KEYS),
        concepts in prop::collection::vec(typed_table(CONCEPT_KEYS), 0..3),
    ) {
        let mut text = format!("format_version = 1\n\n[[question]]\n{question}\n");
        for concept in concepts {
            text.push_str(&format!("\n[[question.concept]]\n{concept}\n"));
        }
        check_both_ways(&[("bank.toml", &text), ("facts.toml", FACTS)]);
        prop_assert_eq!(super::quick::tests::agree(&text), 1);
    }
}
