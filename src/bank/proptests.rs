//! Property tests of the loader (DESIGN.md, Reliability: no input makes it
//! panic): arbitrary bytes, and valid banks with random damage, are loaded
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
