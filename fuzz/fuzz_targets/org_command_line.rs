//! Any line of text, parsed and run on a generated org: must never panic.
//! Run with `cargo fuzz run org_command_line` from the repository root.

#![no_main]

use libfuzzer_sys::fuzz_target;
use xcdrill::org;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = org::parse_line(text);
    let mut generated = org::generate(data.len() as u64).org;
    for line in text.lines() {
        let _ = generated.run_line(line);
    }
});
