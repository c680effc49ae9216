//! Budget: load and validate a synthetic bank of 50,000 questions (about 18 MB of
//! TOML, in three files under the 8 MiB file limit) in under 200 ms, with peak
//! memory under 3× its size on disk. Also the embedded banks, which every start
//! of the trainer loads.
//!
//! Run with `cargo bench --bench bank`. The peak-memory figure comes from a child
//! process that loads the bank once and reports its high-water RSS growth (Linux).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use xcdrill::bank::{self, load};

const N_QUESTIONS: usize = 50_000;
const N_FILES: usize = 3;
const PEAK_ENV: &str = "XCDRILL_BENCH_PEAK_DIR";

fn main() {
    if let Some(dir) = std::env::var_os(PEAK_ENV) {
        report_peak(Path::new(&dir));
        return;
    }
    let dir = bank_dir();
    let bytes: u64 = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|entry| entry.metadata().ok())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0);
    eprintln!(
        "synthetic bank: {N_QUESTIONS} questions, {bytes} bytes in {N_FILES} files at {}",
        dir.display()
    );
    measure_peak_in_child(&dir, bytes);
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn load_and_validate_50k(bencher: divan::Bencher) {
    let dir = bank_dir();
    bencher.bench(|| {
        let files = load::from_paths(std::slice::from_ref(&dir)).expect("bank readable");
        let loaded = bank::check(&files);
        assert_eq!(loaded.catalog.questions().len(), N_QUESTIONS);
        assert!(!loaded.has_errors());
        loaded
    });
}

/// What `xcdrill lint` does with the 50,000 questions beyond reading files:
/// load and validate, then grade every question's key and, for recall
/// questions, the mutants of its model answer (on both cores).
#[divan::bench(sample_count = 20)]
fn lint_50k_with_mutation_tests(bencher: divan::Bencher) {
    let dir = bank_dir();
    bencher.bench(|| {
        let files = load::from_paths(std::slice::from_ref(&dir)).expect("bank readable");
        let loaded = bank::check(&files);
        let problems = xcdrill::grade::key_diagnostics(&loaded.catalog);
        assert!(problems.is_empty(), "{:?}", problems.first());
        problems.len()
    });
}

#[divan::bench]
fn load_embedded_banks() -> usize {
    let loaded = bank::check(&load::embedded());
    loaded.catalog.questions().len()
}

/// The synthetic bank, generated once per machine into the target folder.
fn bank_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xcdrill-bench-bank-{N_QUESTIONS}-v4"));
    if !dir.join("facts.toml").exists() {
        std::fs::create_dir_all(&dir).expect("temp dir writable");
        for (name, text) in generate() {
            std::fs::write(dir.join(name), text).expect("temp dir writable");
        }
    }
    dir
}

/// Bank files with `N_QUESTIONS` questions of mixed kinds, plus facts.
fn generate() -> Vec<(String, String)> {
    let mut facts = String::from("format_version = 1\n");
    for fact_idx in 0..50 {
        let _ = write!(
            facts,
            "\n[[fact]]\nid = \"bench.fact-{fact_idx}\"\nstatement = \"Synthetic fact number {fact_idx}.\"\nsource = \"seed: Quick interview answer\"\n"
        );
    }
    let mut files = vec![("facts.toml".to_string(), facts)];
    let per_file = N_QUESTIONS / N_FILES + 1;
    let mut text = String::new();
    for idx in 0..N_QUESTIONS {
        if idx % per_file == 0 {
            if !text.is_empty() {
                files.push((
                    format!("bank-{}.toml", files.len()),
                    std::mem::take(&mut text),
                ));
            }
            text.push_str("format_version = 1\n");
        }
        write_question(&mut text, idx);
    }
    files.push((format!("bank-{}.toml", files.len()), text));
    files
}

fn write_question(out: &mut String, idx: usize) {
    let topic = ["setup", "hierarchy", "partner", "licenses", "sites"][idx % 5];
    let _ = write!(
        out,
        "\n[[question]]\nid = \"{topic}.q{idx}\"\ntopic = \"{topic}\"\nprompt = \"Synthetic question {idx}: which prerequisite must hold before an external user is enabled?\"\nexplanation = \"Because the contact must be linked to an account whose owner has a role.\"\nfacts = [\"bench.fact-{}\"]\n",
        idx % 50
    );
    match idx % 5 {
        0 => out.push_str("kind = \"choice\"\nchoices = [\"A contact linked to an account\", \"A lead\", \"A campaign member\", \"A case\"]\ncorrect = [1]\n"),
        1 => out.push_str("kind = \"truefalse\"\nanswer = true\n"),
        2 => out.push_str("kind = \"short\"\naccept = [\"Digital Experiences\", \"Experience Cloud\"]\n"),
        3 => out.push_str("kind = \"order\"\nitems = [\"Enable Digital Experiences\", \"Create the site\", \"Activate the site\", \"Create the contact\"]\n"),
        _ => {
            // Required concepts name the facts behind them, as `lint` asks.
            let fact = format!("facts = [\"bench.fact-{}\"]\n", idx % 50);
            let _ = write!(
                out,
                "kind = \"recall\"\nmodel_answer = \"From a contact linked to an account.\"\n\n[[question.concept]]\nname = \"contact\"\n{fact}phrases = [\"contact\"]\nrequired = true\n\n[[question.concept]]\nname = \"account\"\n{fact}phrases = [\"linked to an account\"]\ntogether = [\"contact account\"]\nrequired = true\n"
            );
        }
    }
}

/// Runs this benchmark binary again to load the bank once, so the child's
/// high-water mark measures loading alone.
fn measure_peak_in_child(dir: &Path, bytes: u64) {
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let output = std::process::Command::new(exe).env(PEAK_ENV, dir).output();
    match output {
        Ok(output) if output.status.success() => {
            let text = String::from_utf8_lossy(&output.stdout);
            if let Ok(grown_kib) = text.trim().parse::<u64>() {
                let ratio = (grown_kib * 1024) as f64 / bytes as f64;
                eprintln!(
                    "peak memory while loading: {grown_kib} KiB, {ratio:.2}× the bank's size on disk"
                );
            }
        }
        _ => eprintln!("peak memory: not measured (needs /proc)"),
    }
}

fn report_peak(dir: &Path) {
    let before = proc_status_kib("VmRSS:");
    let files = load::from_paths(&[dir.to_path_buf()]).expect("bank readable");
    let loaded = bank::check(&files);
    let peak = proc_status_kib("VmHWM:");
    assert_eq!(loaded.catalog.questions().len(), N_QUESTIONS);
    if let (Some(before), Some(peak)) = (before, peak) {
        println!("{}", peak.saturating_sub(before));
    }
}

fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
