use std::process::ExitCode;

fn main() -> ExitCode {
    xcdrill::run(std::env::args_os())
}
