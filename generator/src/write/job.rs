//! What a command line does: the installed `openapi-rust-generator generate`
//! and this repository's `cargo xtask codegen` both parse their arguments
//! into a [`Job`] (the spec, the crate directory, the config file, the
//! [`Options`] given, each setting option through [`Setting`]), generate it
//! ([`Job::generate`]: the spec and the config file read, the crate
//! generated) and write or check it ([`Job::finish`]). Nothing here prints:
//! each step returns what a command prints ([`Diagnostics`], a [`Report`],
//! an [`Error`] and its [`Error::advice`]).

use std::fmt;
use std::fs;
use std::path::PathBuf;

use super::check::{Drift, check_crate};
use super::staging::{Overwrite, Written, write_crate_with};
use super::{Error, read_config, shown};
use crate::diag::{Diagnostic, Location};
use crate::{Generated, Options, TagFeatures};

/// A command line as a POSIX shell reads it: the words joined by spaces,
/// each in single quotes unless it is plain (letters, digits, `_@%+=:,./-`).
pub fn command_line<S: AsRef<str>>(words: &[S]) -> String {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| {
            let word = word.as_ref();
            let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c));
            if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', "'\\''")) }
        })
        .collect();
    quoted.join(" ")
}

/// A generation setting as both command lines take it: one option, one
/// builder method of [`Options`], one key of the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    /// `--crate-name NAME`: [`Options::crate_name`].
    CrateName,
    /// `--only SELECTOR` (repeatable): [`Options::only`].
    Only,
    /// `--base-url URL`: [`Options::base_url`].
    BaseUrl,
    /// `--type SCHEMA=TYPE` (repeatable): [`Options::external_type`].
    Type,
    /// `--dependency NAME=REQUIREMENT` (repeatable): [`Options::dependency`].
    Dependency,
    /// `--no-tag-features`: [`Options::tag_features`] with [`TagFeatures::Off`].
    NoTagFeatures,
    /// `--regenerate-with COMMAND`: [`Options::regenerate_with`].
    RegenerateWith,
    /// `--idempotency-header NAME`: [`Options::idempotency_header`].
    IdempotencyHeader,
    /// `--webhook-signatures SCHEME`: [`Options::webhook_signatures`].
    WebhookSignatures,
}

impl Setting {
    /// Every setting option.
    pub const ALL: [Setting; 9] = [
        Setting::CrateName,
        Setting::Only,
        Setting::BaseUrl,
        Setting::Type,
        Setting::Dependency,
        Setting::NoTagFeatures,
        Setting::RegenerateWith,
        Setting::IdempotencyHeader,
        Setting::WebhookSignatures,
    ];

    /// The option, as a command line spells it: `--crate-name`.
    pub fn option(self) -> &'static str {
        match self {
            Setting::CrateName => "--crate-name",
            Setting::Only => "--only",
            Setting::BaseUrl => "--base-url",
            Setting::Type => "--type",
            Setting::Dependency => "--dependency",
            Setting::NoTagFeatures => "--no-tag-features",
            Setting::RegenerateWith => "--regenerate-with",
            Setting::IdempotencyHeader => "--idempotency-header",
            Setting::WebhookSignatures => "--webhook-signatures",
        }
    }

    /// The setting of a long option's name (without the dashes): `crate-name`.
    pub fn from_option(name: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|setting| setting.option().strip_prefix("--") == Some(name))
    }

    /// What usage texts call the option's value (`NAME`); `None` for an option without one.
    pub fn value_name(self) -> Option<&'static str> {
        match self {
            Setting::CrateName => Some("NAME"),
            Setting::Only => Some("SELECTOR"),
            Setting::BaseUrl => Some("URL"),
            Setting::Type => Some("SCHEMA=TYPE"),
            Setting::Dependency => Some("NAME=REQUIREMENT"),
            Setting::NoTagFeatures => None,
            Setting::RegenerateWith => Some("COMMAND"),
            Setting::IdempotencyHeader => Some("NAME"),
            Setting::WebhookSignatures => Some("SCHEME"),
        }
    }

    /// The config file's key of the setting (a table's name for `[types]`
    /// and `[dependencies]`), as diagnostics about the setting name it.
    pub fn key(self) -> &'static str {
        match self {
            Setting::CrateName => "crate-name",
            Setting::Only => "only",
            Setting::BaseUrl => "base-url",
            Setting::Type => "types",
            Setting::Dependency => "dependencies",
            Setting::NoTagFeatures => "tag-features",
            Setting::RegenerateWith => "regenerate-with",
            Setting::IdempotencyHeader => "idempotency-header",
            Setting::WebhookSignatures => "webhook-signatures",
        }
    }

    /// Applies the option to `options`, with its value when it takes one
    /// (see [`Setting::value_name`]). The error is a usage error's message.
    pub fn apply(self, options: &mut Options, value: Option<&str>) -> Result<(), String> {
        let option = self.option();
        let value = match (self.value_name(), value) {
            (Some(_), Some(value)) => value,
            (None, None) => "",
            (Some(_), None) => return Err(format!("missing argument for option '{option}'")),
            (None, Some(value)) => return Err(format!("unexpected argument for option '{option}': {value:?}")),
        };
        match self {
            Setting::CrateName => options.crate_name(value),
            Setting::Only => options.only(value),
            Setting::BaseUrl => options.base_url(value),
            Setting::Type => match value.rsplit_once('=') {
                Some((schema, rust_type)) if !schema.is_empty() && !rust_type.is_empty() => {
                    options.external_type(schema, rust_type)
                }
                _ => return Err(format!("{option} takes SCHEMA=TYPE (such as PetId=uuid::Uuid), not {value:?}")),
            },
            Setting::Dependency => match value.split_once('=') {
                Some((name, requirement)) if !name.is_empty() && !requirement.is_empty() => {
                    options.dependency(name, requirement)
                }
                _ => return Err(format!("{option} takes NAME=REQUIREMENT (such as uuid=1), not {value:?}")),
            },
            Setting::NoTagFeatures => options.tag_features(TagFeatures::Off),
            Setting::RegenerateWith => options.regenerate_with(value),
            Setting::IdempotencyHeader => options.idempotency_header(value),
            Setting::WebhookSignatures => options.webhook_signatures(value),
        };
        Ok(())
    }

    /// The option a diagnostic's setting key came from: `--only` for
    /// `only`, `--type PetId` for `types.PetId`.
    fn option_for(key: &str) -> Option<String> {
        let (table, entry) = match key.split_once('.') {
            Some((table, entry)) => (table, Some(entry)),
            None => (key, None),
        };
        let setting = Setting::ALL.into_iter().find(|setting| setting.key() == table)?;
        Some(match entry {
            Some(entry) => format!("{} {entry}", setting.option()),
            None => setting.option().to_owned(),
        })
    }
}

/// The setting options of a command line, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings(Vec<(Setting, Option<String>)>);

impl Settings {
    /// Adds an option given, with its value when it takes one.
    pub fn push(&mut self, setting: Setting, value: Option<String>) {
        self.0.push((setting, value));
    }

    /// Whether none was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The options as a command line writes them, for the command the
    /// generated files' headers name: in the order of [`Setting::ALL`] (each
    /// setting's options in the order given), so that the same options in
    /// another order name the same command.
    pub fn words(&self) -> Vec<String> {
        let mut sorted: Vec<&(Setting, Option<String>)> = self.0.iter().collect();
        sorted.sort_by_key(|(setting, _)| Setting::ALL.iter().position(|s| s == setting));
        let mut words = Vec::new();
        for (setting, value) in sorted {
            words.push(setting.option().to_owned());
            words.extend(value.clone());
        }
        words
    }

    /// Applies each option to `options` ([`Setting::apply`]); the error is
    /// a usage error's message.
    pub fn apply(&self, options: &mut Options) -> Result<(), String> {
        for (setting, value) in &self.0 {
            setting.apply(options, value.as_deref())?;
        }
        Ok(())
    }
}

/// Diagnostics as a command line shows them, one per line: one about the
/// spec names the spec (`SPEC#/json/pointer: message`, `SPEC:3:7: message`),
/// one about a setting names where the setting came from: the option given
/// (`--only: ...`) or the config file (`api/openapi-rust-generator.toml:
/// only: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// The diagnostics, errors first.
    pub list: Vec<Diagnostic>,
    /// How the spec is named.
    spec: String,
    /// How the config file is named, when there is one.
    config: Option<String>,
    /// The keys of the settings given as options (not by the config file).
    given: Vec<String>,
}

impl Diagnostics {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Each diagnostic as it is shown.
    pub fn lines(&self) -> Vec<String> {
        self.list.iter().map(|diagnostic| self.show(diagnostic)).collect()
    }

    fn show(&self, diagnostic: &Diagnostic) -> String {
        match &diagnostic.location {
            Location::Setting(key) if self.given.contains(key) => match Setting::option_for(key) {
                Some(option) => Diagnostic { location: Location::Setting(option), ..diagnostic.clone() }
                    .display_with(&self.spec, None),
                None => diagnostic.display_with(&self.spec, None),
            },
            _ => diagnostic.display_with(&self.spec, self.config.as_deref()),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

/// What a command line asks for: generate a crate from a spec, and write it
/// or check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The spec to read.
    pub spec: PathBuf,
    /// The crate directory to write.
    pub out: PathBuf,
    /// The config file given on the command line; without one, the config
    /// file beside the spec is used when there is one.
    pub config: Option<PathBuf>,
    /// The options given (how the spec is named, the command that ran, and
    /// the setting options): the config file's settings fill in the rest.
    pub options: Options,
}

/// A [`Job`]'s crate, generated: what [`Job::finish`] writes or checks.
#[derive(Debug)]
pub struct Generation {
    /// The crate.
    pub generated: Generated,
    /// Its warnings, as the command line shows them.
    pub warnings: Diagnostics,
    /// The command the generated files' headers name as the one that
    /// regenerates them (what a failed check tells to run).
    pub command: String,
}

/// What [`Job::finish`] does with the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Write it ([`write_crate_with`]), replacing
    /// files without the generated header only with [`Overwrite::HandWritten`].
    Write(Overwrite),
    /// Write nothing; compare the crate on disk with it ([`check_crate`]).
    Check,
}

/// What [`Job::finish`] did; its text is what the command line prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The crate directory.
    pub out: PathBuf,
    /// How the spec is named.
    pub spec: String,
    /// The crate's package name.
    pub crate_name: String,
    /// Operations generated.
    pub operations: usize,
    /// Named types generated.
    pub types: usize,
    /// The crate's files.
    pub files: usize,
    /// Written, or found up to date.
    pub outcome: Outcome,
}

/// What became of the crate on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written ([`Action::Write`]).
    Written(Written),
    /// Found up to date ([`Action::Check`]).
    UpToDate,
}

impl fmt::Display for Report {
    /// `client: crate petstore, 5 operations, 8 types; 2 of 40 files
    /// written, the rest unchanged` after a line for each file replaced or
    /// removed; or `client is up to date with api.yaml`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let out = shown(&self.out);
        let written = match &self.outcome {
            Outcome::UpToDate => return write!(f, "{out} is up to date with {}", self.spec),
            Outcome::Written(written) => written,
        };
        for path in &written.replaced {
            writeln!(f, "replaced {}, which the generator did not write", shown(&self.out.join(path)))?;
        }
        for path in &written.removed {
            writeln!(f, "removed {}", shown(path))?;
        }
        let replaced = match written.replaced.len() {
            0 => String::new(),
            1 => " (1 of them over a file the generator did not write)".to_owned(),
            n => format!(" ({n} of them over files the generator did not write)"),
        };
        write!(
            f,
            "{out}: crate {}, {} operations, {} types; {} of {} files written{replaced}, the rest unchanged",
            self.crate_name,
            self.operations,
            self.types,
            written.written.len(),
            self.files
        )
    }
}

impl Job {
    /// A job without a config file named: the one beside the spec is used
    /// when there is one.
    pub fn new(spec: impl Into<PathBuf>, out: impl Into<PathBuf>, options: Options) -> Self {
        Job { spec: spec.into(), out: out.into(), config: None, options }
    }

    /// Reads the spec and the config file (whose settings fill in those
    /// the job's options do not give) and generates the crate. The error is
    /// why the spec or the config file cannot be read, or every diagnostic
    /// ([`Error::Invalid`]).
    pub fn generate(&self) -> Result<Generation, Error> {
        let text = fs::read_to_string(&self.spec).map_err(|e| Error::io(&self.spec, "cannot read the spec", &e))?;
        let mut options = self.options.clone();
        let config = read_config(&mut options, &self.spec, self.config.as_deref())?;
        let diagnostics = |list: Vec<Diagnostic>| Diagnostics {
            list,
            spec: self.options.spec_name.clone(),
            config: config.as_deref().map(shown),
            given: self.options.keys(),
        };
        match crate::generate(&text, &options) {
            Ok(generated) => Ok(Generation {
                warnings: diagnostics(generated.warnings.clone()),
                command: options.header_command().to_owned(),
                generated,
            }),
            Err(mut list) => {
                list.sort_by_key(|diagnostic| diagnostic.severity);
                Err(Error::Invalid(diagnostics(list)))
            }
        }
    }

    /// Generates, then writes or checks ([`Job::generate`], then
    /// [`Job::finish`]); the warnings, when there are any, are handed to
    /// `warnings` in between, for the caller to show before what follows.
    pub fn run(&self, action: Action, warnings: impl FnOnce(&Diagnostics)) -> Result<Report, Error> {
        let generation = self.generate()?;
        if !generation.warnings.is_empty() {
            warnings(&generation.warnings);
        }
        self.finish(&generation, action)
    }

    /// Writes the generated crate, or with [`Action::Check`] compares the
    /// crate on disk with it. Never replaces a file the generator did not
    /// write unless the action is [`Overwrite::HandWritten`]: anything in the
    /// way is [`Error::Conflicts`] and nothing is written. A check that finds
    /// differences is [`Error::Stale`].
    pub fn finish(&self, generation: &Generation, action: Action) -> Result<Report, Error> {
        let files = &generation.generated.files;
        let outcome = match action {
            Action::Write(overwrite) => Outcome::Written(write_crate_with(&self.out, files, overwrite)?),
            Action::Check => {
                let drifts: Vec<Drift> = check_crate(&self.out, files);
                if !drifts.is_empty() {
                    return Err(Error::Stale { drifts, command: generation.command.clone() });
                }
                Outcome::UpToDate
            }
        };
        Ok(Report {
            out: self.out.clone(),
            spec: self.options.spec_name.clone(),
            crate_name: generation.generated.crate_name.clone(),
            operations: generation.generated.operations,
            types: generation.generated.types,
            files: files.len(),
            outcome,
        })
    }
}
