//! Every CLI test, in one integration test binary: each spawns the built
//! `xcdrill` in a temporary folder with its own data dir, so no test sees
//! another's progress or the user's.

mod authoring;
mod content;
mod corpus;
mod crash;
mod durability;
mod fifo;
mod grade;
mod harness;
mod interview;
mod lint;
mod list;
mod progress;
mod pty;
mod quiz;
mod report;
mod sandbox;
mod scenario;
