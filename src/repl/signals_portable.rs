//! Signals at a terminal prompt where there are no Unix signals (Windows):
//! the same interface as `signals.rs` with what can be kept. The terminal
//! needs no restoring (the console is not left raw), and [`Alarm`] only rings:
//! a prompt in progress is not interrupted, so an exam's time limit ends the
//! exam at the next line the learner enters instead of at the prompt.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// Nothing to restore here.
pub fn restore_terminal_on_signals() {}

/// Without process groups, this process is taken to own its console.
pub fn in_foreground() -> bool {
    true
}

/// A deadline for a terminal prompt: once it has passed, [`Alarm::rang`] is
/// true. Dropping it stops it.
pub struct Alarm {
    rang: Arc<AtomicBool>,
    _stop: Sender<()>,
}

impl Alarm {
    /// Rings `after` from now.
    pub fn start(after: Duration) -> io::Result<Alarm> {
        let rang = Arc::new(AtomicBool::new(false));
        let (stop, stopped) = mpsc::channel::<()>();
        let ring = Arc::clone(&rang);
        std::thread::Builder::new()
            .name("xcdrill-alarm".to_string())
            .spawn(move || {
                if stopped.recv_timeout(after) == Err(RecvTimeoutError::Timeout) {
                    ring.store(true, Ordering::SeqCst);
                }
            })?;
        Ok(Alarm { rang, _stop: stop })
    }

    /// Whether the deadline has passed.
    pub fn rang(&self) -> bool {
        self.rang.load(Ordering::SeqCst)
    }
}
