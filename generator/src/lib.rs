//! openapi-rust-generator: turns an OpenAPI 3.0, 3.1 or 3.2 document into a Rust client crate.
//!
//! As a library (from a project's `xtask` or build script), the whole API is
//! small: [`generate`] turns spec text and [`Options`] (built with
//! [`Options::new`] and its builder methods, and [`Options::config`] for the
//! config file's settings) into a [`Generated`] crate, or every [`Diagnostic`]
//! found; [`write`](mod@write) puts it on disk (or checks that the disk is up
//! to date). The `openapi-rust-generator` command (`src/main.rs`) is that API
//! behind a command line.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::path::Path;
//!
//! let spec = Path::new("api/openapi.yaml");
//! let mut options = generator::Options::new("api/openapi.yaml", "cargo xtask codegen");
//! options.only("tag:pets");
//! generator::write::read_config(&mut options, spec, None)?;
//! let text = std::fs::read_to_string(spec)?;
//! let generated = generator::generate(&text, &options).map_err(|diagnostics| {
//!     diagnostics.iter().map(|d| d.display_for("api/openapi.yaml")).collect::<Vec<_>>().join("\n")
//! })?;
//! generator::write::write_crate(Path::new("api-client"), &generated.files)?;
//! # Ok(())
//! # }
//! ```
//!
//! The pipeline has one stage per module: `load` (text to `openapiv3`, with
//! the location of any error), `lower` (OpenAPI to the plain `model`: `$ref`
//! resolution, validation, naming through `naming`), `emit` (model to
//! tokens), `format` (tokens to text; `format::render` runs emit and format
//! on every core). None of them does I/O: [`write`](mod@write) is the only
//! module that touches the filesystem. Beside them: `options.rs` (the
//! settings, one type) with `config.rs` (the config file's format), `diag.rs`
//! (diagnostics and the JSON pointers they name), and `stack.rs` (the pool of
//! large-stack threads that parsing and formatting run on). The stages are
//! not part of the API: they are crate-private, and public (hidden from the documentation, with no
//! promise of stability) only with the `internals` feature, which this
//! repository's xtask, tests, benchmarks and fuzz targets turn on to drive
//! and check one stage at a time.

/// Declares the pipeline's stages: crate-private modules, public (and hidden
/// from the documentation) with the `internals` feature.
macro_rules! stages {
    ($($(#[$attr:meta])* mod $name:ident;)*) => {$(
        $(#[$attr])*
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "internals"))]
        mod $name;
    )*};
}

stages! {
    mod emit;
    mod format;
    mod load;
    mod lower;
    mod model;
    mod naming;
}

mod config;
mod diag;
mod options;
mod stack;
pub mod write;

pub use diag::{Diagnostic, Location, Severity};
pub use format::File;
pub use options::{Options, TagFeatures};

/// A generated crate.
#[derive(Debug)]
pub struct Generated {
    /// The package name: the one given, else the spec's `x-rust-crate-name`,
    /// else the product word of its title (`github`, `openai`).
    pub crate_name: String,
    /// Its files, paths relative to the crate root.
    pub files: Vec<File>,
    /// Warnings: constructs skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// Operations generated.
    pub operations: usize,
    /// Named types generated.
    pub types: usize,
    /// Operations skipped.
    pub skipped_operations: usize,
    /// The crate's features, one per tag of its operations (empty when the
    /// operations are all in one group, or with [`TagFeatures::Off`]).
    pub features: Vec<String>,
}

/// Runs the whole pipeline on spec text. Errors are every diagnostic found:
/// about the settings themselves first (then nothing else is looked at),
/// else about the spec and the settings that name parts of it.
pub fn generate(text: &str, options: &Options) -> Result<Generated, Vec<Diagnostic>> {
    let problems = options.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    let doc = load::load(text)?;
    let lowered = lower::lower(&doc, options)?;
    let files = format::render(&lowered.api, &options.spec_name, options.header_command()).map_err(|d| vec![d])?;
    Ok(Generated {
        crate_name: lowered.api.crate_name.clone(),
        files,
        warnings: lowered.warnings,
        operations: lowered.api.operations.len(),
        types: lowered.api.types.len(),
        skipped_operations: lowered.skipped_operations,
        features: lowered.api.features.iter().map(|feature| feature.name.clone()).collect(),
    })
}
