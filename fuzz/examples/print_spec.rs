//! Prints the document that the `structured` target builds from an input file
//! (a corpus entry or a crash artifact), to reproduce a finding outside the
//! fuzzer: `cargo run --example print_spec -- fuzz/artifacts/structured/crash-...`.

use arbitrary::{Arbitrary, Unstructured};
use openapi_rust_generator_fuzz::spec::Spec;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: print_spec INPUT");
        std::process::exit(2);
    };
    let data = match std::fs::read(&path) {
        Ok(data) => data,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    // As libfuzzer-sys builds a typed input.
    match Spec::arbitrary_take_rest(Unstructured::new(&data)) {
        Ok(spec) => print!("{}", spec.text()),
        Err(e) => {
            eprintln!("{path}: not a `Spec`: {e}");
            std::process::exit(1);
        }
    }
}
