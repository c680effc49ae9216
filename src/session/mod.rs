//! Sessions: choosing questions from a seed, modes, scoring. Pure: it takes and
//! returns values and never does IO.

pub mod rating;
pub mod result;
