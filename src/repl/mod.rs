//! The terminal front ends: the only place rustyline is used. Input comes
//! from `lines` (a pipe) or `editor` (the one rustyline front end, with
//! completion and hints for every prompt); `prompt_command` is the `:` command
//! vocabulary of the quiz's prompts and `reply` what a learner did with a
//! question. The quiz loop (`quiz`), what it prints (`render`) and the nested
//! `org> ` prompt of scenario questions (`scenario_prompt`); the mock interview
//! (`interview`, its debrief in `debrief`); the org sandbox
//! (`sandbox`, org-command completion in `sandbox_helper`, output in
//! `transcript`); `signals` restores the terminal on SIGTERM, SIGHUP and
//! SIGQUIT and interrupts a prompt at an exam's time limit. No grading or rules
//! live here: it calls `session`, `grade` and `org`.

pub mod debrief;
pub mod editor;
pub mod interview;
pub mod lines;
pub mod prompt_command;
pub mod quiz;
pub mod render;
pub mod reply;
pub mod sandbox;
pub mod sandbox_helper;
mod scenario_prompt;
#[cfg_attr(not(unix), path = "signals_portable.rs")]
pub mod signals;
pub mod stop;
pub mod transcript;
