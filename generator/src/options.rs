//! The settings of a generation: [`Options`], the one type every way of
//! generating fills, as prost-build's `Config` is. Library callers use its
//! builder methods; the config file's text is merged in with
//! [`Options::config`]; both command lines (`openapi-rust-generator generate`
//! and this repository's `cargo xtask codegen`) turn each of their setting
//! options into one builder call through [`crate::write::Setting`]. A setting
//! given through a builder method (or on a command line) wins over the config
//! file's, whatever the order; the config file's wins over the default.
//!
//! | setting | builder | config file | command line |
//! |---|---|---|---|
//! | package name | [`Options::crate_name`] | `crate-name` | `--crate-name NAME` |
//! | operations | [`Options::only`] | `only` | `--only SELECTOR` |
//! | default base URL | [`Options::base_url`] | `base-url` | `--base-url URL` |
//! | your own types | [`Options::external_type`] | `[types]` | `--type SCHEMA=TYPE` |
//! | extra dependencies | [`Options::dependency`] | `[dependencies]` | `--dependency NAME=REQUIREMENT` |
//! | a feature per tag | [`Options::tag_features`] | `tag-features` | `--no-tag-features` |
//! | the headers' command | [`Options::regenerate_with`] | `regenerate-with` | `--regenerate-with COMMAND` |
//! | an idempotency header | [`Options::idempotency_header`] | `idempotency-header` | `--idempotency-header NAME` |
//! | signed webhooks | [`Options::webhook_signatures`] | `webhook-signatures` | `--webhook-signatures SCHEME` |
//!
//! The spec's name in the headers and the command that ran are the two
//! arguments of [`Options::new`]; a command line takes them from its own
//! arguments.

use crate::config::ConfigFile;
use crate::diag::Diagnostic;
use crate::model::Dependency;

/// What to generate: every setting of a generation.
///
/// ```
/// let mut options = generator::Options::new("api/openapi.yaml", "cargo xtask codegen");
/// options
///     .crate_name("petstore")
///     .only("tag:pets")
///     .only("GET /store/inventory")
///     .external_type("PetId", "uuid::Uuid")
///     .dependency("uuid", r#"{ version = "1", features = ["serde"] }"#)
///     .tag_features(generator::TagFeatures::Off);
/// // The config file's settings fill in what was not set above.
/// options.config("crate-name = \"ignored\"\nbase-url = \"https://staging.example.com\"\n")?;
/// # Ok::<(), generator::Diagnostic>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How the spec is named in file headers, e.g. `spec/openapi.yaml`.
    pub(crate) spec_name: String,
    /// The command that ran, named in the headers unless `regenerate_with` is set.
    pub(crate) command: String,
    /// The command the headers name instead of `command`.
    pub(crate) regenerate_with: Option<String>,
    /// The Cargo package name; by default `info.x-rust-crate-name`, else from `info.title`.
    pub(crate) crate_name: Option<String>,
    /// The operations to generate, as selectors; every operation when empty.
    pub(crate) only: Vec<String>,
    /// Whether `only` is the config file's (which a selector given replaces).
    pub(crate) only_from_config: bool,
    /// The base URL the client uses by default, instead of the spec's first server.
    pub(crate) base_url: Option<String>,
    /// Schemas written as Rust types of the caller's own: (a component
    /// schema's name or a JSON pointer, a Rust type path).
    pub(crate) types: Vec<(String, String)>,
    /// Entries added to the generated `Cargo.toml`'s `[dependencies]`.
    pub(crate) dependencies: Vec<Dependency>,
    /// Whether each tag is a cargo feature; [`TagFeatures::PerTag`] when not set.
    pub(crate) tag_features: Option<TagFeatures>,
    /// The header that carries an idempotency key on the calls of operations
    /// that are not idempotent by their method (as Stripe's `Idempotency-Key`).
    pub(crate) idempotency_header: Option<String>,
    /// The scheme that signs every webhook of the API (`standard-webhooks`).
    pub(crate) webhook_signatures: Option<String>,
}

/// Whether the generated crate gets a cargo feature per tag (when its
/// operations have two tags or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TagFeatures {
    /// A feature per tag, all on by default.
    #[default]
    PerTag,
    /// None: everything is always compiled. For code included into a crate
    /// of the caller's own (from a `build.rs`), which has no such features.
    Off,
}

impl Options {
    /// The defaults: the whole API, named after `info`, a feature per tag.
    /// `spec_name` is how the headers of the generated files name the spec,
    /// `command` the command they name as the one that regenerates them
    /// (unless [`Options::regenerate_with`] names another).
    pub fn new(spec_name: impl Into<String>, command: impl Into<String>) -> Self {
        Options {
            spec_name: spec_name.into(),
            command: command.into(),
            regenerate_with: None,
            crate_name: None,
            only: Vec::new(),
            only_from_config: false,
            base_url: None,
            types: Vec::new(),
            dependencies: Vec::new(),
            tag_features: None,
            idempotency_header: None,
            webhook_signatures: None,
        }
    }

    /// The Cargo package name (by default `info.x-rust-crate-name`, else
    /// derived from `info.title`). The config file's `crate-name`.
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Adds an operation to generate, as a selector: `tag:NAME`, an exact
    /// `operationId`, or `METHOD /path`. An operation is generated when any
    /// selector matches it, and only the types the generated operations reach
    /// are generated; every operation when no selector is given. A selector
    /// that matches nothing is an error listing the near matches. The config
    /// file's `only`, which is not used once a selector is given here.
    pub fn only(&mut self, selector: impl Into<String>) -> &mut Self {
        if self.only_from_config {
            self.only.clear();
            self.only_from_config = false;
        }
        self.only.push(selector.into());
        self
    }

    /// The base URL the client uses by default, instead of the spec's first
    /// server: an absolute `http://` or `https://` URL. The config file's `base-url`.
    pub fn base_url(&mut self, url: impl Into<String>) -> &mut Self {
        self.base_url = Some(url.into());
        self
    }

    /// Writes the schema `schema` (a component schema's name, or a JSON
    /// pointer such as `#/components/schemas/Pet/properties/id`) as the Rust
    /// type `rust_type` of the caller's own (a type path such as
    /// `uuid::Uuid`): every use of the schema is that type, and no type is
    /// generated for it. The type must implement `Debug`, `Clone`,
    /// `PartialEq` and serde's `Serialize`/`Deserialize`; add its crate with
    /// [`Options::dependency`]. Replaces an earlier entry for the same
    /// schema. An entry of the config file's `[types]`.
    pub fn external_type(&mut self, schema: impl Into<String>, rust_type: impl Into<String>) -> &mut Self {
        let schema = schema.into();
        self.types.retain(|(known, _)| *known != schema);
        self.types.push((schema, rust_type.into()));
        self
    }

    /// Adds `name` to the generated `Cargo.toml`'s `[dependencies]` (one the
    /// crate already has is replaced): `requirement` is a version
    /// requirement (`1`, `0.3.2`), or a value as `Cargo.toml` writes it
    /// (`"1"`, `{ version = "1", features = ["serde"] }`). Replaces an earlier
    /// entry of the same name. An entry of the config file's `[dependencies]`.
    pub fn dependency(&mut self, name: impl Into<String>, requirement: impl AsRef<str>) -> &mut Self {
        let name = name.into();
        let requirement = requirement.as_ref().trim();
        let requirement = if requirement.starts_with(['{', '"', '\'']) {
            requirement.to_owned()
        } else {
            toml::Value::String(requirement.to_owned()).to_string()
        };
        self.dependencies.retain(|known| known.name != name);
        self.dependencies.push(Dependency { name, requirement });
        self
    }

    /// Whether each tag is a cargo feature of the generated crate
    /// ([`TagFeatures::PerTag`], the default). Code included into a crate of
    /// your own from a `build.rs` must use [`TagFeatures::Off`]: that crate
    /// does not declare the features. The config file's `tag-features`
    /// (`false` for [`TagFeatures::Off`]).
    pub fn tag_features(&mut self, tag_features: TagFeatures) -> &mut Self {
        self.tag_features = Some(tag_features);
        self
    }

    /// The header that carries an idempotency key, for an API that documents
    /// one outside its spec (as Stripe's `Idempotency-Key`): every call of a
    /// `POST` or `PATCH` operation sends a fresh key in it (a UUID, the same on
    /// each retry) unless the caller sets one, and is retried as an idempotent
    /// call is. An operation that declares a header parameter of this name, or
    /// `Idempotency-Key`, is such an operation whatever its method. The config
    /// file's `idempotency-header`.
    pub fn idempotency_header(&mut self, name: impl Into<String>) -> &mut Self {
        self.idempotency_header = Some(name.into());
        self
    }

    /// The scheme that signs the API's webhooks, for an API that documents it
    /// outside its spec: `standard-webhooks` (the only one known), which gives
    /// the crate's `Webhook` its `verify_and_decode`. A webhook that declares a
    /// `webhook-signature` header is signed so without it. The config file's
    /// `webhook-signatures`.
    pub fn webhook_signatures(&mut self, scheme: impl Into<String>) -> &mut Self {
        self.webhook_signatures = Some(scheme.into());
        self
    }

    /// The command the header of every generated file names as the one that
    /// regenerates it, instead of the command given to [`Options::new`] (a
    /// project that regenerates through a task of its own names the task, so
    /// that every way of generating writes the same bytes). The config file's
    /// `regenerate-with`.
    pub fn regenerate_with(&mut self, command: impl Into<String>) -> &mut Self {
        self.regenerate_with = Some(command.into());
        self
    }

    /// Takes the settings of a config file (`openapi-rust-generator.toml`,
    /// TOML; see [`crate::write::read_config`] to find and read it) that are
    /// not set yet: a setting given through a builder method wins over the
    /// file's, an entry of `[types]` or `[dependencies]` over the file's for
    /// the same key. The error is a diagnostic with the line and column of the
    /// problem (see [`Diagnostic::display_for`] with the file's name).
    pub fn config(&mut self, toml: &str) -> Result<&mut Self, Diagnostic> {
        let file = ConfigFile::parse(toml)?;
        let dependencies = file.dependencies();
        if self.crate_name.is_none() {
            self.crate_name = file.crate_name;
        }
        if self.base_url.is_none() {
            self.base_url = file.base_url;
        }
        if self.only.is_empty() {
            self.only_from_config = !file.only.is_empty();
            self.only = file.only;
        }
        if self.regenerate_with.is_none() {
            self.regenerate_with = file.regenerate_with;
        }
        if self.idempotency_header.is_none() {
            self.idempotency_header = file.idempotency_header;
        }
        if self.webhook_signatures.is_none() {
            self.webhook_signatures = file.webhook_signatures;
        }
        if self.tag_features.is_none() {
            self.tag_features = file.tag_features.map(|on| if on { TagFeatures::PerTag } else { TagFeatures::Off });
        }
        for dependency in dependencies {
            if !self.dependencies.iter().any(|known| known.name == dependency.name) {
                self.dependencies.push(dependency);
            }
        }
        for (schema, rust_type) in file.types {
            if !self.types.iter().any(|(known, _)| *known == schema) {
                self.types.push((schema, rust_type));
            }
        }
        Ok(self)
    }

    /// The command the headers name.
    pub(crate) fn header_command(&self) -> &str {
        self.regenerate_with.as_deref().unwrap_or(&self.command)
    }

    /// Whether each tag is a cargo feature.
    pub(crate) fn features(&self) -> TagFeatures {
        self.tag_features.unwrap_or_default()
    }

    /// The keys (as the config file names them, and as diagnostics locate
    /// them) of the settings that are set: those given, when called before
    /// [`Options::config`].
    pub(crate) fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        let single = [
            ("crate-name", self.crate_name.is_some()),
            ("only", !self.only.is_empty()),
            ("base-url", self.base_url.is_some()),
            ("tag-features", self.tag_features.is_some()),
            ("regenerate-with", self.regenerate_with.is_some()),
            ("idempotency-header", self.idempotency_header.is_some()),
            ("webhook-signatures", self.webhook_signatures.is_some()),
        ];
        keys.extend(single.into_iter().filter(|(_, set)| *set).map(|(key, _)| key.to_owned()));
        keys.extend(self.types.iter().map(|(schema, _)| setting_key("types", schema)));
        keys.extend(self.dependencies.iter().map(|d| setting_key("dependencies", &d.name)));
        keys
    }

    /// What is wrong with the settings themselves, before any spec is read:
    /// an unknown webhook signature scheme, an idempotency header that is no header name, dependency names that are
    /// no crate names, requirements that are no `Cargo.toml` values.
    pub(crate) fn problems(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if let Some(scheme) = self.webhook_signatures.as_deref().filter(|scheme| *scheme != "standard-webhooks") {
            problems.push(Diagnostic::setting(
                "webhook-signatures",
                format!("`{scheme}` is not a webhook signature scheme; the one known is `standard-webhooks`"),
            ));
        }
        if let Some(name) = &self.idempotency_header {
            // RFC 9110's token characters.
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if name.is_empty() || !name.chars().all(token) {
                problems.push(Diagnostic::setting(
                    "idempotency-header",
                    format!("`{name}` is not an HTTP header name (letters, digits and `!#$%&'*+-.^_`|~`)"),
                ));
            }
        }
        for Dependency { name, requirement } in &self.dependencies {
            let key = setting_key("dependencies", name);
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                problems.push(Diagnostic::setting(
                    key,
                    "a dependency's name is a crate name (letters, digits, `-` and `_`)",
                ));
            } else if !is_requirement(requirement) {
                problems.push(Diagnostic::setting(
                    key,
                    format!(
                        "`{requirement}` is not a requirement as `Cargo.toml` writes it (a version such as \"1\", or a table such as {{ version = \"1\", features = [\"serde\"] }})"
                    ),
                ));
            }
        }
        problems
    }
}

/// Options for the unit tests of the stages, which name no spec and no command.
#[cfg(test)]
impl Default for Options {
    fn default() -> Self {
        Options::new("spec.yaml", "test")
    }
}

/// Whether `text` is a `Cargo.toml` dependency's value: a string or an inline table.
fn is_requirement(text: &str) -> bool {
    toml::from_str::<toml::Table>(&format!("dependency = {text}"))
        .is_ok_and(|table| matches!(table.get("dependency"), Some(toml::Value::String(_) | toml::Value::Table(_))))
}

/// The key of an entry of a config file's table as diagnostics name it:
/// `types.PetId`, or `types."#/components/schemas/Pet"` for a key that is
/// no bare TOML key.
pub(crate) fn setting_key(table: &str, key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { format!("{table}.{key}") } else { format!("{table}.{key:?}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_settings_win_over_the_config_files_whatever_the_order() {
        let file = "crate-name = \"from-file\"\nbase-url = \"https://file.example.com\"\nonly = [\"tag:file\"]\n\
                    tag-features = false\nregenerate-with = \"make\"\nidempotency-header = \"Idempotency-Key\"\n\n[types]\nA = \"file::A\"\nB = \"file::B\"\n\n\
                    [dependencies]\nfile = \"1\"\nshared = \"1\"\n";
        let mut options = Options::new("spec.yaml", "gen");
        options.crate_name("given").external_type("A", "given::A").dependency("shared", "2");
        options.config(file).unwrap_or_else(|e| panic!("{e}"));
        options.only("tag:given");
        assert_eq!(options.crate_name.as_deref(), Some("given"));
        assert_eq!(options.base_url.as_deref(), Some("https://file.example.com"));
        assert_eq!(options.only, ["tag:given"], "a selector given replaces the file's");
        assert_eq!(options.features(), TagFeatures::Off);
        assert_eq!(options.header_command(), "make");
        assert_eq!(options.idempotency_header.as_deref(), Some("Idempotency-Key"));
        let types: Vec<(&str, &str)> = options.types.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
        assert_eq!(types, [("A", "given::A"), ("B", "file::B")]);
        let dependencies: Vec<String> =
            options.dependencies.iter().map(|d| format!("{} = {}", d.name, d.requirement)).collect();
        assert_eq!(dependencies, ["shared = \"2\"", "file = \"1\""]);

        let mut given = Options::new("spec.yaml", "gen");
        given.only("tag:given").tag_features(TagFeatures::PerTag).regenerate_with("cargo xtask codegen");
        given.config(file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(given.only, ["tag:given"]);
        assert_eq!(given.features(), TagFeatures::PerTag);
        assert_eq!(given.header_command(), "cargo xtask codegen");
        assert_eq!(Options::new("spec.yaml", "gen").header_command(), "gen");
    }

    #[test]
    fn dependencies_take_a_version_or_a_cargo_toml_value_and_are_checked() {
        let mut options = Options::new("spec.yaml", "gen");
        options
            .dependency("time", "0.3")
            .dependency("uuid", r#"{ version = "1", features = ["serde"] }"#)
            .dependency("quoted", "\"2\"")
            .dependency("uuid", r#"{ version = "1.1", features = ["serde"] }"#);
        let lines: Vec<String> =
            options.dependencies.iter().map(|d| format!("{} = {}", d.name, d.requirement)).collect();
        assert_eq!(
            lines,
            ["time = \"0.3\"", "quoted = \"2\"", r#"uuid = { version = "1.1", features = ["serde"] }"#],
            "a later entry replaces an earlier one of the same name"
        );
        assert!(options.problems().is_empty(), "{:?}", options.problems());
        assert_eq!(options.keys(), ["dependencies.time", "dependencies.quoted", "dependencies.uuid"]);

        options.dependency("a b", "1").dependency("broken", "{ version = ");
        let problems: Vec<String> = options.problems().iter().map(|d| d.display_for("spec.yaml")).collect();
        assert_eq!(
            problems,
            [
                "dependencies.\"a b\": a dependency's name is a crate name (letters, digits, `-` and `_`)",
                "dependencies.broken: `{ version =` is not a requirement as `Cargo.toml` writes it (a version such \
                 as \"1\", or a table such as { version = \"1\", features = [\"serde\"] })",
            ]
        );
    }

    #[test]
    fn keys_name_what_is_set_as_diagnostics_locate_it() {
        let mut options = Options::new("spec.yaml", "gen");
        assert!(options.keys().is_empty());
        options
            .crate_name("a")
            .only("x")
            .base_url("https://a.example.com")
            .external_type("#/components/schemas/Pet", "a::Pet")
            .tag_features(TagFeatures::Off)
            .regenerate_with("make")
            .idempotency_header("Idempotency-Key");
        assert_eq!(
            options.keys(),
            [
                "crate-name",
                "only",
                "base-url",
                "tag-features",
                "regenerate-with",
                "idempotency-header",
                "types.\"#/components/schemas/Pet\""
            ]
        );
        assert!(options.problems().is_empty());
        options.webhook_signatures("standard-webhooks");
        assert!(options.problems().is_empty());
        assert!(options.keys().contains(&"webhook-signatures".to_owned()));
        options.webhook_signatures("svix");
        let problems: Vec<String> = options.problems().iter().map(|d| d.display_for("spec.yaml")).collect();
        assert_eq!(
            problems,
            ["webhook-signatures: `svix` is not a webhook signature scheme; the one known is `standard-webhooks`"]
        );
        options.webhook_signatures("standard-webhooks");
        options.idempotency_header("Idempotency Key");
        let problems: Vec<String> = options.problems().iter().map(|d| d.display_for("spec.yaml")).collect();
        assert_eq!(
            problems,
            [
                "idempotency-header: `Idempotency Key` is not an HTTP header name (letters, digits and `!#$%&'*+-.^_`|~`)"
            ]
        );
    }
}
