//! Generates the Petstore client into OUT_DIR, as one file that src/lib.rs
//! `include!`s. The options are set here, in code: two operations, and the
//! PetId schema written as this crate's own `PetId` type.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let spec = "../api/openapi.yaml";
    println!("cargo:rerun-if-changed={spec}");

    let mut options = generator::Options::new("api/openapi.yaml", "cargo build (petstore-inline/build.rs)");
    options
        // Documentation examples name the crate the code is in: this one.
        .crate_name(std::env::var("CARGO_PKG_NAME")?)
        .only("getPet")
        .only("GET /store/inventory")
        .external_type("PetId", "crate::PetId")
        // This crate includes the code: it has no feature per tag to turn on.
        .tag_features(generator::TagFeatures::Off);

    let text = std::fs::read_to_string(spec)?;
    let generated = generator::generate(&text, &options).map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics.iter().map(|d| d.display_for(spec)).collect();
        lines.join("\n")
    })?;
    for warning in &generated.warnings {
        println!("cargo:warning={}", warning.display_for(spec));
    }
    let code = generator::write::single_file(&generated.files).ok_or("the generated crate has no src/lib.rs")?;
    generator::write::write_file(&PathBuf::from(std::env::var("OUT_DIR")?).join("petstore.rs"), &code)?;
    Ok(())
}
