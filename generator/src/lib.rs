//! openapi-rust-generator: turns an OpenAPI 3.0 document into a Rust client crate.
//!
//! The pipeline has one stage per module: [`load`] (text to `openapiv3`, with
//! the location of any error), [`lower`] (OpenAPI to the plain [`model`]: `$ref`
//! resolution, validation, naming through [`naming`]), [`emit`] (model to
//! tokens), [`format`] (tokens to text; [`format::render`] runs emit and format
//! on every core). Only the caller writes files.

pub mod diag;
pub mod emit;
pub mod format;
pub mod load;
pub mod lower;
pub mod model;
pub mod naming;
mod stack;

pub use diag::{Diagnostic, Location, Severity};
pub use format::File;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Cargo package name; by default `info.x-rust-crate-name`, else from `info.title`.
    pub crate_name: Option<String>,
    /// How the spec is named in file headers, e.g. `spec/openapi.yaml`.
    pub spec_name: String,
    /// The command that regenerates the files, named in their headers.
    pub command: String,
}

/// A generated crate.
#[derive(Debug)]
pub struct Generated {
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
}

/// Runs the whole pipeline on spec text. Errors are every diagnostic found.
pub fn generate(text: &str, options: &Options) -> Result<Generated, Vec<Diagnostic>> {
    let doc = load::load(text)?;
    let lowered = lower::lower(&doc, &lower::Options { crate_name: options.crate_name.clone() })?;
    let files = format::render(&lowered.api, &options.spec_name, &options.command).map_err(|d| vec![d])?;
    Ok(Generated {
        files,
        warnings: lowered.warnings,
        operations: lowered.api.operations.len(),
        types: lowered.api.types.len(),
        skipped_operations: lowered.skipped_operations,
    })
}
