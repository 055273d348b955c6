//! `cargo xtask codegen [--check]`: generates petstore/ from api/openapi.yaml
//! with openapi-rust-generator as a library; the settings (which operations,
//! which schemas are types of our own) are in api/openapi-rust-generator.toml.
//! `--check` writes nothing and fails when petstore/ is not up to date (for CI).

use std::error::Error;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen"] => false,
        ["codegen", "--check"] => true,
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            return ExitCode::from(2);
        }
    };
    match codegen(check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn codegen(check: bool) -> Result<(), Box<dyn Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().ok_or("the xtask is not in a workspace")?;
    let spec = root.join("api/openapi.yaml");
    let out = root.join("petstore");

    // The defaults (how file headers name the spec, and the command that
    // regenerates them), then the settings of the config file beside the spec.
    let mut options = generator::Options::new("api/openapi.yaml", "cargo xtask codegen");
    generator::write::read_config(&mut options, &spec, None)?;

    let text = std::fs::read_to_string(&spec)?;
    let generated = generator::generate(&text, &options).map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(|d| d.display_for("api/openapi.yaml")).collect();
        lines.join("\n")
    })?;
    for warning in &generated.warnings {
        eprintln!("{}", warning.display_for("api/openapi.yaml"));
    }

    if check {
        let drifts = generator::write::check_crate(&out, &generated.files);
        if !drifts.is_empty() {
            let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
            return Err(format!("{}\n\npetstore/ is out of date: run `cargo xtask codegen`", listed.join("\n\n")).into());
        }
        println!("petstore/ is up to date with api/openapi.yaml");
    } else {
        let written = generator::write::write_crate(&out, &generated.files)?;
        println!("petstore/: {} files written, {} unchanged", written.written.len(), written.unchanged);
    }
    Ok(())
}
