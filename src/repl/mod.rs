//! The interactive front ends. Only this module touches rustyline; the rules and
//! grading it calls live in `org`, `grade` and `session`.

pub mod sandbox;
pub mod sandbox_helper;
pub mod transcript;
