//! Summaries of progress and results: `stats` over the store's states and
//! review times, and the cohort report over exam result files (checked first by
//! `check`; interview results by `interview`), also as an HTML page (`html`, charts by `svg`). Pure: values in,
//! values out, no IO.

pub mod chart;
pub mod check;
pub mod cohort;
pub mod escape;
pub mod html;
pub mod interview;
pub mod stats;
pub mod svg;
pub mod table;
