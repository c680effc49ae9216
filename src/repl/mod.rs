//! The terminal front ends: the only place rustyline is used. The quiz loop
//! (`quiz`), the mock interview (`interview`, its debrief in `debrief`), its input sources (`lines`), what it prints (`render`) and the
//! nested `org> ` prompt of scenario questions (`scenario_prompt`); the org
//! sandbox (`sandbox`, with completion and hints in `sandbox_helper`, output in
//! `transcript`); `signals` restores the terminal on SIGTERM, SIGHUP and
//! SIGQUIT and interrupts a prompt at an exam's time limit. No grading or rules live here: it calls `session`, `grade`
//! and `org`.

pub mod debrief;
pub mod interview;
pub mod lines;
pub mod quiz;
pub mod render;
pub mod sandbox;
pub mod sandbox_helper;
mod scenario_prompt;
pub mod signals;
pub mod transcript;
