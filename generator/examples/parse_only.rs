//! The floor the generator's speed is measured against: read a JSON OpenAPI
//! 3.0 document and parse it into `openapiv3::OpenAPI`, nothing else, as a
//! whole process (docs/performance.md compares it with `generate`):
//!
//! ```sh
//! cargo build --release -p openapi-rust-generator --example parse_only
//! /usr/bin/time -v target/release/examples/parse_only ../shared/specs/github-api.github.com.json
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_only SPEC.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    match serde_json::from_str::<openapiv3::OpenAPI>(&text) {
        Ok(api) => {
            println!("{} paths", api.paths.paths.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
