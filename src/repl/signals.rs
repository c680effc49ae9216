//! Signals at a terminal prompt. While rustyline reads a line the terminal is
//! raw (no echo, no line editing); a SIGTERM, SIGHUP or SIGQUIT then used to
//! end the process with the terminal left that way. [`restore_terminal_on_signals`]
//! puts it back first. [`Alarm`] makes a prompt give up at an exam's time
//! limit: at the deadline it interrupts `readline` with SIGINT, which
//! rustyline turns into `Interrupted`, and the reader then reports the end.
//!
//! Answers are committed as they are given, so ending here loses nothing.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use nix::sys::signal::{Signal, kill};
use nix::sys::termios::{SetArg, tcgetattr, tcsetattr};
use nix::unistd::{Pid, getpgrp, tcgetpgrp};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// The signals that end a session at a prompt (besides SIGINT, which
/// rustyline reads as Ctrl-C, and SIGKILL, which nothing can catch).
pub const ENDING_SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGQUIT];

/// From the first call on, a SIGTERM, SIGHUP or SIGQUIT puts the terminal on
/// stdin back as it was at that call, leaves bracketed paste mode, and then
/// ends the process by the same signal (a shell sees status 128 + its number).
/// Calls after the first do nothing, and so does a call from a process that
/// is not in the terminal's foreground.
pub fn restore_terminal_on_signals() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        // In the background (`timeout 3 xcdrill quiz` runs it so) the first
        // change to the terminal stops the process (SIGTTOU) before it is
        // raw; a caught SIGTERM could then never be acted on, while the
        // default action ends the process as it should.
        if !in_foreground() {
            return;
        }
        let Ok(saved) = tcgetattr(io::stdin()) else {
            return;
        };
        let Ok(mut signals) = Signals::new(ENDING_SIGNALS) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("xcdrill-signals".to_string())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Only the foreground can have made the terminal raw, and
                    // a background process that touches it is stopped
                    // (SIGTTOU) instead of ending: `timeout 3 xcdrill quiz`.
                    if in_foreground() {
                        let _ = tcsetattr(io::stdin(), SetArg::TCSANOW, &saved);
                        let mut err = io::stderr();
                        if err.is_terminal() {
                            // rustyline turns bracketed paste on while it reads.
                            let _ = err.write_all(b"\x1b[?2004l\r\n");
                        }
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                }
            });
        drop(spawned);
    });
}

/// Whether this process is the terminal's foreground, the one that reads it.
pub fn in_foreground() -> bool {
    tcgetpgrp(io::stdin()) == Ok(getpgrp())
}

/// How long the alarm waits for the reader to notice, before it interrupts
/// again (a SIGINT that came just before `readline` began is not seen).
const REPEAT: Duration = Duration::from_millis(200);

/// A deadline for a terminal prompt: once it has passed, [`Alarm::rang`] is
/// true and a `readline` in progress is interrupted. Dropping it stops it.
pub struct Alarm {
    rang: Arc<AtomicBool>,
    noticed: Arc<AtomicBool>,
    _stop: Sender<()>,
}

impl Alarm {
    /// Rings `after` from now. A SIGINT outside `readline` is ignored from now
    /// on (rustyline has its own handler while it reads), so the alarm's own
    /// interrupt can't end the process between two prompts.
    pub fn start(after: Duration) -> io::Result<Alarm> {
        let rang = Arc::new(AtomicBool::new(false));
        let noticed = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGINT, Arc::new(AtomicBool::new(false)))?;
        let (stop, stopped) = mpsc::channel::<()>();
        let (ring, seen) = (Arc::clone(&rang), Arc::clone(&noticed));
        std::thread::Builder::new()
            .name("xcdrill-alarm".to_string())
            .spawn(move || {
                if stopped.recv_timeout(after) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                ring.store(true, Ordering::SeqCst);
                while !seen.load(Ordering::SeqCst) {
                    let _ = kill(Pid::this(), Signal::SIGINT);
                    if stopped.recv_timeout(REPEAT) != Err(RecvTimeoutError::Timeout) {
                        return;
                    }
                }
            })?;
        Ok(Alarm {
            rang,
            noticed,
            _stop: stop,
        })
    }

    /// Whether the deadline has passed; asking counts as noticing it, which
    /// stops the interrupts.
    pub fn rang(&self) -> bool {
        let rang = self.rang.load(Ordering::SeqCst);
        if rang {
            self.noticed.store(true, Ordering::SeqCst);
        }
        rang
    }
}
