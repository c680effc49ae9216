//! Summaries of progress and results: `stats` over the store's states and
//! review times, and the cohort report over exam result files (checked first by
//! `check`). Pure: values in,
//! values out, no IO.

pub mod chart;
pub mod check;
pub mod cohort;
pub mod stats;
pub mod table;
