//! Project tasks. `cargo xtask codegen` regenerates `generated/` from
//! `spec/openapi.yaml`; this is the only code that writes generated files.

use std::process::ExitCode;

use xtask::{codegen, corpus, test_task};

const USAGE: &str = "\
usage:
  cargo xtask codegen [--check] [--spec PATH --out DIR] [--crate-name NAME]
      Regenerate generated/ from spec/openapi.yaml (or DIR from PATH).
      --check writes nothing and fails when the files on disk differ.
  cargo xtask test
      Install the tools the tests need (Stoplight Prism, with npm) and run the whole test suite.
  cargo xtask corpus DIR [--only NAME]... [--no-compile] [--clippy] [--all-features] [--max-size BYTES] [--work DIR]
      Generate (and check with cargo, or lint with clippy) a crate for every spec in DIR,
      and print a table.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("corpus") => corpus::run(&args[1..]),
        Some("test") => test_task::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing task\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::FAILURE
        }
    }
}
