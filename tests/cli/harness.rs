//! A small builder for running `xcdrill` the way a user would.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A temporary workspace: a folder for files and a data dir for the store.
pub struct Workspace {
    pub dir: TempDir,
}

/// What a run printed and how it exited.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create dirs");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// The text of the error the OS gives for reading `relative`, which does
    /// not exist: what `caused by:` says, without guessing the platform's words.
    pub fn read_error(&self, relative: &str) -> String {
        std::fs::read(self.path(relative))
            .expect_err("the path does not exist")
            .to_string()
    }

    /// The command, run in the workspace with its own data dir and no colour.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("xcdrill").expect("binary built");
        command
            .current_dir(self.dir.path())
            .env("XCDRILL_DATA_DIR", self.path("data"))
            .env("NO_COLOR", "1")
            .env_remove("TERM")
            .args(args);
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        self.run_with(args, stdin, &[])
    }

    /// Runs with `stdin` piped in and extra environment variables set.
    pub fn run_with(&self, args: &[&str], stdin: &str, envs: &[(&str, &str)]) -> Run {
        let mut command = self.command(args);
        for &(key, value) in envs {
            command.env(key, value);
        }
        // A run that hangs (a FIFO read, a lost wake-up) fails its test rather
        // than the whole suite: it is killed and exits with code -1.
        command.timeout(std::time::Duration::from_secs(60));
        let output = command
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("xcdrill runs");
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }
}

impl Run {
    /// Asserts the run exited with code 0; returns itself for more checks.
    #[track_caller]
    pub fn succeeds(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected exit code 0, got {}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts the exit code and that stderr is exactly `stderr`, trailing
    /// newline included; returns itself for more checks.
    #[track_caller]
    pub fn fails_with(&self, code: i32, stderr: &str) -> &Run {
        assert!(
            self.code == code && self.stderr == stderr,
            "expected exit code {code} and stderr {stderr:?}\n\
             got exit code {} and stderr {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.stderr,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts stdout is exactly `expected`; returns itself for more checks.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Run {
        assert!(
            self.stdout == expected,
            "expected stdout {expected:?}\ngot stdout {:?}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Parses stdout as one JSON value.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|error| {
            panic!(
                "stdout is not JSON ({error}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Parses stdout as JSON Lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| serde_json::from_str(line).expect("each line is JSON"))
            .collect()
    }
}

/// Asserts that `text` has `line` as one whole line (not part of a longer one).
#[track_caller]
pub fn assert_line(text: &str, line: &str) {
    assert!(
        text.lines().any(|shown| shown == line),
        "no line {line:?} in:\n{text}"
    );
}

/// Makes a FIFO (named pipe) at `path`: reading one blocks until a writer comes.
#[cfg(unix)]
pub fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The repository's own content folder.
pub fn content_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
}
