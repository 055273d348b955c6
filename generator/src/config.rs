//! The config file: a project's generation settings, kept next to its spec as
//! `openapi-rust-generator.toml` ([`FILE_NAME`]). Parsing it is pure (text in,
//! [`ConfigFile`] out), and [`crate::Options::config`] takes its settings;
//! [`crate::write::read_config`] finds and reads it.
//!
//! ```toml
//! crate-name = "petstore"                  # the Cargo package name
//! base-url = "https://staging.example.com" # the client's default base URL
//! only = ["tag:pets", "GET /store/inventory", "createUser"] # the operations to generate
//! regenerate-with = "cargo xtask codegen"  # the command the file headers name
//! tag-features = false                     # no cargo feature per tag (for code a build.rs includes)
//! idempotency-header = "Idempotency-Key"   # a fresh key on each POST and PATCH, retried safely
//! webhook-signatures = "standard-webhooks" # the webhooks are signed: Webhook::verify_and_decode
//!
//! [types]                                  # schemas written as Rust types of your own
//! PetId = "uuid::Uuid"
//! "#/components/schemas/Pet/properties/owner" = "crate::Owner"
//!
//! [dependencies]                           # added to the generated Cargo.toml
//! uuid = { version = "1", features = ["serde"] }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diag::{Diagnostic, Location, Severity};
use crate::model::Dependency;

/// The name of the config file, looked for beside the spec.
pub(crate) const FILE_NAME: &str = "openapi-rust-generator.toml";

/// The settings of a config file, as it writes them. Every key is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConfigFile {
    /// `crate-name`: the Cargo package name of the generated crate.
    pub crate_name: Option<String>,
    /// `base-url`: the base URL the client uses by default (instead of the
    /// spec's first server).
    pub base_url: Option<String>,
    /// `only`: the operations to generate, as selectors (`tag:NAME`, an
    /// `operationId`, `METHOD /path`); all of them when absent.
    #[serde(default)]
    pub only: Vec<String>,
    /// `regenerate-with`: the command the header of every generated file names
    /// as the one that regenerates it (by default, the command that ran).
    pub regenerate_with: Option<String>,
    /// `tag-features`: whether each tag is a cargo feature of the generated
    /// crate (by default it is; `false` for code included into a crate of
    /// one's own).
    pub tag_features: Option<bool>,
    /// `idempotency-header`: the header that carries an idempotency key on the
    /// calls of `POST` and `PATCH` operations (and of operations that declare it).
    pub idempotency_header: Option<String>,
    /// `webhook-signatures`: the scheme that signs the API's webhooks
    /// (`standard-webhooks`).
    pub webhook_signatures: Option<String>,
    /// `[types]`: schemas (a component name or a JSON pointer) written as Rust
    /// types of the caller's own (a type path), with no type generated for them.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// `[dependencies]`: entries added to the generated `Cargo.toml` (a
    /// version, or a table as Cargo takes it); one the generated crate already
    /// has is replaced.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
}

impl ConfigFile {
    /// Parses a config file's text. The error is a diagnostic with the line
    /// and column of the problem (see [`Diagnostic::display_for`] with the file's name).
    pub(crate) fn parse(text: &str) -> Result<ConfigFile, Diagnostic> {
        toml::from_str(text).map_err(|error| {
            let (line, column) = match error.span() {
                Some(span) => line_column(text, span.start),
                None => (1, 1),
            };
            let message = error.message().trim().replace('\n', " ");
            Diagnostic { severity: Severity::Error, location: Location::LineColumn(line, column), message }
        })
    }

    /// The `[dependencies]` entries as `Cargo.toml` lines' names and values
    /// (their names are checked with the other settings: [`crate::Options`]).
    pub(crate) fn dependencies(&self) -> Vec<Dependency> {
        self.dependencies
            .iter()
            .map(|(name, value)| Dependency { name: name.clone(), requirement: inline_value(value) })
            .collect()
    }
}

/// The 1-based line and column of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A TOML value written inline, on one line (tables as `{ key = value, ... }`).
fn inline_value(value: &toml::Value) -> String {
    match value {
        toml::Value::Table(table) => {
            let entries: Vec<String> = table.iter().map(|(k, v)| format!("{} = {}", key(k), inline_value(v))).collect();
            if entries.is_empty() { "{}".to_owned() } else { format!("{{ {} }}", entries.join(", ")) }
        }
        toml::Value::Array(items) => {
            format!("[{}]", items.iter().map(inline_value).collect::<Vec<_>>().join(", "))
        }
        other => other.to_string(),
    }
}

/// A table key, quoted unless it is a bare key.
fn key(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        name.to_owned()
    } else {
        toml::Value::String(name.to_owned()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read() {
        let config = ConfigFile::parse(
            r##"
crate-name = "petstore"
base-url = "https://staging.example.com/v2"
only = ["tag:pets", "GET /pets/{id}"]
regenerate-with = "cargo xtask codegen"
tag-features = false
idempotency-header = "Idempotency-Key"
webhook-signatures = "standard-webhooks"

[types]
PetId = "uuid::Uuid"
"#/components/schemas/Pet/properties/owner" = "crate::Owner"

[dependencies]
uuid = { version = "1", features = ["serde", "v4"] }
my-ids = { path = "../ids" }
time = "0.3"
"##,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.crate_name.as_deref(), Some("petstore"));
        assert_eq!(config.base_url.as_deref(), Some("https://staging.example.com/v2"));
        assert_eq!(config.only, ["tag:pets", "GET /pets/{id}"]);
        assert_eq!(config.regenerate_with.as_deref(), Some("cargo xtask codegen"));
        assert_eq!(config.tag_features, Some(false));
        assert_eq!(config.idempotency_header.as_deref(), Some("Idempotency-Key"));
        assert_eq!(config.webhook_signatures.as_deref(), Some("standard-webhooks"));
        assert_eq!(
            config.types.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
            [("#/components/schemas/Pet/properties/owner", "crate::Owner"), ("PetId", "uuid::Uuid")]
        );
        let lines: Vec<String> =
            config.dependencies().into_iter().map(|d| format!("{} = {}", d.name, d.requirement)).collect();
        assert_eq!(
            lines,
            [
                r#"my-ids = { path = "../ids" }"#,
                r#"time = "0.3""#,
                r#"uuid = { version = "1", features = ["serde", "v4"] }"#,
            ]
        );
        assert_eq!(ConfigFile::parse("").unwrap_or_else(|e| panic!("{e}")), ConfigFile::default());
    }

    #[test]
    fn mistakes_are_reported_with_their_line_and_column() {
        let error = ConfigFile::parse("crate-name = \"a\"\nonly = \"tag:pets\"\n").expect_err("a string is not a list");
        assert_eq!(error.location, Location::LineColumn(2, 8));
        assert!(error.message.contains("expected a sequence"), "{}", error.message);

        let error = ConfigFile::parse("crate_name = \"a\"\n").expect_err("unknown key");
        assert_eq!(error.location, Location::LineColumn(1, 1));
        assert!(error.message.contains("unknown field `crate_name`"), "{}", error.message);
        assert!(error.message.contains("`crate-name`"), "the known keys are listed: {}", error.message);
        assert_eq!(error.display_for("api.toml"), format!("api.toml:1:1: {}", error.message));

        let error = ConfigFile::parse("tag-features = \"off\"\n").expect_err("not a boolean");
        assert_eq!(error.location, Location::LineColumn(1, 16));
        assert!(error.message.contains("expected a boolean"), "{}", error.message);
    }
}
