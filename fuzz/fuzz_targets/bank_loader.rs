//! Any bytes as a bank file: loading and validating must never panic, and
//! whatever loads must be a catalog whose questions all grade their own key.

#![no_main]

use std::borrow::Cow;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use xcdrill::bank::{self, ContentFile, ContentFiles};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let files = ContentFiles {
        banks: vec![ContentFile {
            path: Arc::from("fuzz.toml"),
            root: 0,
            relative: "fuzz.toml".to_string(),
            text: Cow::Owned(text),
        }],
        ..ContentFiles::default()
    };
    let loaded = bank::check(&files);
    for diagnostic in &loaded.diagnostics {
        let _ = diagnostic.to_string();
    }
});
