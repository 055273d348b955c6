//! Project tasks: `cargo xtask codegen`, `cargo xtask corpus DIR`, `cargo xtask test`
//! (`cargo xtask --help` lists them; see [`xtask::cli`]).

use std::process::ExitCode;

fn main() -> ExitCode {
    xtask::cli::main_with(std::env::args_os().skip(1))
}
