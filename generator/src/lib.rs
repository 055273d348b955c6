//! openapi-rust-generator: turns an OpenAPI 3.0, 3.1 or 3.2 document into a Rust client crate.
//!
//! As a library (from a project's `xtask` or `build.rs`), the whole API is
//! small: [`generate`] turns spec text and [`Options`] (built with
//! [`Options::new`], and [`Options::with_config`] for a [`Config`] file) into a
//! [`Generated`] crate, or every [`Diagnostic`] found; [`write`](mod@write) puts it on
//! disk (or checks that the disk is up to date). The `openapi-rust-generator`
//! command (`src/main.rs`) is that API behind a command line.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use std::path::Path;
//!
//! let spec = Path::new("api/openapi.yaml");
//! let mut options = generator::Options::new("api/openapi.yaml", "cargo xtask codegen");
//! if let Some((_, config)) = generator::write::find_config(spec, None)? {
//!     options = options.with_config(&config);
//! }
//! let text = std::fs::read_to_string(spec)?;
//! let generated = generator::generate(&text, &options).map_err(|diagnostics| {
//!     diagnostics.iter().map(|d| d.display_for("api/openapi.yaml")).collect::<Vec<_>>().join("\n")
//! })?;
//! generator::write::write_crate(Path::new("api-client"), &generated.files)?;
//! # Ok(())
//! # }
//! ```
//!
//! The pipeline has one stage per module: [`load`] (text to `openapiv3`, with
//! the location of any error), [`lower`] (OpenAPI to the plain [`model`]: `$ref`
//! resolution, validation, naming through [`naming`]), [`emit`] (model to
//! tokens), [`format`] (tokens to text; [`format::render`] runs emit and format
//! on every core). None of them does I/O: [`write`](mod@write) is the only module that
//! touches the filesystem.

pub mod config;
pub mod diag;
pub mod emit;
pub mod format;
pub mod load;
pub mod lower;
pub mod model;
pub mod naming;
mod stack;
pub mod write;

pub use config::Config;
pub use diag::{Diagnostic, Location, Severity};
pub use format::File;
pub use lower::TagFeatures;
pub use model::Dependency;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// The Cargo package name; by default `info.x-rust-crate-name`, else from `info.title`.
    pub crate_name: Option<String>,
    /// How the spec is named in file headers, e.g. `spec/openapi.yaml`.
    pub spec_name: String,
    /// The command that regenerates the files, named in their headers.
    pub command: String,
    /// The operations to generate, as selectors: `tag:NAME`, an exact
    /// `operationId`, or `METHOD /path`. An operation is generated when any
    /// selector matches it; with a selection, only the types the generated
    /// operations reach are generated. Every operation when empty. A selector
    /// that matches nothing is an error listing the near matches.
    pub only: Vec<String>,
    /// The base URL the client uses by default, instead of the spec's first server.
    pub base_url: Option<String>,
    /// Schemas written as Rust types of the caller's own: (a component schema's
    /// name or a JSON pointer such as `#/components/schemas/Pet/properties/id`,
    /// a Rust type path such as `uuid::Uuid`). Every use of the schema is
    /// that type, and no type is generated for it. The type must implement
    /// `Debug`, `Clone`, `PartialEq` and serde's `Serialize`/`Deserialize`.
    pub types: Vec<(String, String)>,
    /// Entries added to the generated `Cargo.toml`'s `[dependencies]` (the crates
    /// of the [`Options::types`]); one the crate already has is replaced.
    pub dependencies: Vec<Dependency>,
    /// Whether each tag is a cargo feature of the generated crate
    /// ([`TagFeatures::PerTag`], the default). Code included into a crate of
    /// your own from a `build.rs` must use [`TagFeatures::Off`]: that crate
    /// does not declare the features.
    pub tag_features: TagFeatures,
}

impl Options {
    /// The defaults: the whole API, named after `info`. `spec_name` is how
    /// the headers of the generated files name the spec, `command` the
    /// command they name as the one that regenerates them.
    pub fn new(spec_name: impl Into<String>, command: impl Into<String>) -> Self {
        Options {
            crate_name: None,
            spec_name: spec_name.into(),
            command: command.into(),
            only: Vec::new(),
            base_url: None,
            types: Vec::new(),
            dependencies: Vec::new(),
            tag_features: TagFeatures::PerTag,
        }
    }

    /// These options with the settings of a config file: each setting the
    /// file has replaces the option's value.
    pub fn with_config(mut self, config: &Config) -> Self {
        if let Some(name) = &config.crate_name {
            self.crate_name = Some(name.clone());
        }
        if let Some(url) = &config.base_url {
            self.base_url = Some(url.clone());
        }
        if !config.only.is_empty() {
            self.only = config.only.clone();
        }
        if let Some(command) = &config.regenerate_with {
            self.command = command.clone();
        }
        if !config.types.is_empty() {
            self.types = config.types.iter().map(|(schema, rust)| (schema.clone(), rust.clone())).collect();
        }
        if !config.dependencies.is_empty() {
            self.dependencies = config.dependencies();
        }
        self
    }
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
    /// The crate's features, one per tag of its operations (empty when the
    /// operations are all in one group).
    pub features: Vec<String>,
}

/// Runs the whole pipeline on spec text. Errors are every diagnostic found.
pub fn generate(text: &str, options: &Options) -> Result<Generated, Vec<Diagnostic>> {
    let doc = load::load(text)?;
    let lower_options = lower::Options {
        crate_name: options.crate_name.clone(),
        only: options.only.clone(),
        types: options.types.clone(),
        base_url: options.base_url.clone(),
        dependencies: options.dependencies.clone(),
        tag_features: options.tag_features,
    };
    let lowered = lower::lower(&doc, &lower_options)?;
    let files = format::render(&lowered.api, &options.spec_name, &options.command).map_err(|d| vec![d])?;
    Ok(Generated {
        files,
        warnings: lowered.warnings,
        operations: lowered.api.operations.len(),
        types: lowered.api.types.len(),
        skipped_operations: lowered.skipped_operations,
        features: lowered.api.features.iter().map(|feature| feature.name.clone()).collect(),
    })
}
