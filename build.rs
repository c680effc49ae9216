//! Compiles the banks of `content/` (and its `orgs/`) into the binary, so
//! xcdrill works with no files beside it. Writes `$OUT_DIR/embedded_content.rs`: a sorted list of
//! (relative path, text) pairs, bank files and org files alike.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let content_dir = manifest_dir.join("content");
    println!("cargo::rerun-if-changed=content");
    let mut files = Vec::new();
    collect(&content_dir, &content_dir, &mut files);
    files.sort();
    let mut out = String::from(
        "/// Every `.toml` under `content/`, by path relative to it.\npub static EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for relative in &files {
        let absolute = content_dir.join(relative);
        println!("cargo::rerun-if-changed={}", absolute.display());
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            relative,
            absolute.display().to_string()
        ));
    }
    out.push_str("];\n");
    let out_path = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_content.rs");
    fs::write(out_path, out).expect("OUT_DIR is writable");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // Only what the disk loader reads too: banks at the top, org files in
        // `orgs/` (see `bank::load`).
        if path.is_dir() {
            if dir == root && path.file_name().is_some_and(|name| name == "orgs") {
                println!("cargo::rerun-if-changed={}", path.display());
                collect(root, &path, files);
            }
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let relative = path.strip_prefix(root).expect("walked from root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}
