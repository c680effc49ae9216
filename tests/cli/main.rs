//! Every CLI test, in one integration test binary: each spawns the built
//! `xcdrill` in a temporary folder with its own data dir, so no test sees
//! another's progress or the user's.

// Kept while the CLI tests that use it are being written.
#[allow(dead_code)]
mod harness;
mod lint;
mod list;
