//! Any text as an org file: loading must never panic, and a file that loads
//! must save and load back to the same org.

#![no_main]

use libfuzzer_sys::fuzz_target;
use xcdrill::org;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(loaded) = org::load("fuzz.toml", text) {
        let saved = org::to_toml(&loaded);
        assert_eq!(org::load("saved.toml", &saved).ok(), Some(loaded));
    }
});
