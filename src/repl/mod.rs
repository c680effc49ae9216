//! The terminal front ends: where rustyline is used. The quiz loop (`quiz`), its
//! input sources (`lines`) and what it prints (`render`). No grading or rules
//! live here: it calls `session` and `grade`.

pub mod lines;
pub mod quiz;
pub mod render;
