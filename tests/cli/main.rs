//! Every CLI test, in one integration test binary: each spawns the built
//! `xcdrill` in a temporary folder with its own data dir, so no test sees
//! another's progress or the user's.

mod authoring;
mod content;
mod corpus;
// Pseudo-terminals, SIGKILL and FIFOs exist only on Unix.
#[cfg(unix)]
mod crash;
mod durability;
#[cfg(unix)]
mod fifo;
mod grade;
mod harness;
mod help;
mod interview;
mod lint;
mod list;
mod progress;
#[cfg(unix)]
mod pty;
mod quiz;
mod readme;
mod report;
mod sandbox;
mod scenario;
