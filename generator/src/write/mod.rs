//! The I/O edge: the only module of the library that touches the filesystem.
//! The pipeline stages take text and return text; this module reads the spec
//! and the config file, writes a generated crate, and compares one on disk
//! with what would be generated. It prints nothing: every outcome and every
//! failure is a value ([`Written`], [`Drift`], [`Report`], [`Error`]) whose
//! text is what a command prints.
//!
//! - [`write_crate`] writes only the files whose text changed, each through a
//!   temporary file in the same directory and a rename (a reader never sees
//!   half a file), and removes the files a previous generation wrote that are
//!   no longer generated (they are recognised by the header every generated
//!   file starts with, [`is_generated`]). It never replaces what it did not
//!   write: a file without the header, a directory, a special file or a
//!   symbolic link leading outside the output directory where a generated
//!   file goes is a [`Conflict`], and any conflict stops the whole write
//!   ([`Error::Conflicts`]). [`write_crate_with`] and [`Overwrite::HandWritten`]
//!   replace files without the header (the command's `--force`). The write is
//!   all or nothing: every file is staged before any is renamed, and a failure
//!   undoes what was done (`staging.rs`; what is in the way is found first,
//!   `survey.rs`).
//! - [`check_crate`] writes nothing and returns each file that differs (with
//!   a diff), is missing, is a generated file no longer produced, or is in
//!   the way ([`DriftKind::Conflict`]) (`check.rs`).
//! - [`read_config`] reads the config file into [`Options`]: the one given,
//!   else [`CONFIG_FILE_NAME`] beside the spec when there is one.
//! - [`single_file`] is the crate as one Rust file, for a build script that
//!   writes it into `OUT_DIR` for an `include!` (`single.rs`).
//! - [`Job`] is what a command line does (the installed
//!   `openapi-rust-generator generate` and this repository's `cargo xtask
//!   codegen` both use it, their setting options parsed through
//!   [`Setting`]): [`Job::generate`] reads and generates, [`Job::finish`]
//!   writes or checks (`job.rs`). A failed generation writes nothing.

mod check;
mod job;
mod single;
mod staging;
mod survey;
#[cfg(test)]
mod tests;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use check::{Drift, DriftKind, check_crate};
pub use job::{Action, Diagnostics, Generation, Job, Outcome, Report, Setting, Settings, command_line};
pub use single::single_file;
pub use staging::{Overwrite, Written, write_crate, write_crate_with, write_file};
pub use survey::{Conflict, ConflictKind};

use crate::Options;
use crate::config;
use crate::diag::Diagnostic;
use crate::format::GENERATED_MARKER;

/// The name of the config file looked for beside the spec.
pub const CONFIG_FILE_NAME: &str = config::FILE_NAME;

/// A failure to read, generate or write, or what stands where a generated
/// crate's files go. Whatever the failure, nothing was written (or what was
/// written was undone: see [`Error::Io`]'s message).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing `path` failed.
    Io {
        /// The file (or directory) concerned.
        path: PathBuf,
        /// What failed, as the operating system said.
        kind: io::ErrorKind,
        /// What was being done, why it failed, and what became of the rest.
        message: String,
    },
    /// The config file at `path` is not valid.
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong, with the line and column.
        diagnostic: Diagnostic,
    },
    /// The spec, or a setting, has errors: nothing was generated
    /// ([`Job::generate`]). Every diagnostic, errors first.
    Invalid(Diagnostics),
    /// Paths where the crate's files go hold something the generator did not
    /// write, or lead outside the output directory; nothing was written.
    Conflicts(Vec<Conflict>),
    /// The crate on disk is not what generation gives ([`Action::Check`]):
    /// every file that differs, and everything in the way.
    Stale {
        /// Each difference.
        drifts: Vec<Drift>,
        /// The command that updates the crate (unless something is in the way).
        command: String,
    },
}

impl Error {
    fn io(path: &Path, doing: &str, error: &io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), kind: error.kind(), message: format!("{doing}: {error}") }
    }

    /// The error as a command line prints it: its text, then how to proceed
    /// ([`Error::advice`]) when there is advice.
    pub fn with_advice(&self, force_option: Option<&str>) -> String {
        match self.advice(force_option) {
            Some(advice) => format!("{self}\n\n{advice}"),
            None => self.to_string(),
        }
    }

    /// How to proceed when something is in the way of the crate
    /// ([`Error::Conflicts`], or a [`Error::Stale`] check that found some),
    /// for a command line whose option for [`Overwrite::HandWritten`] is
    /// `force_option` (`--force`; offered when a file without the generated
    /// header is in the way). `None` for the other errors.
    pub fn advice(&self, force_option: Option<&str>) -> Option<String> {
        let kinds: Vec<&ConflictKind> = match self {
            Error::Conflicts(conflicts) => conflicts.iter().map(|c| &c.kind).collect(),
            Error::Stale { drifts, .. } => drifts
                .iter()
                .filter_map(|d| match &d.kind {
                    DriftKind::Conflict(kind) => Some(kind),
                    _ => None,
                })
                .collect(),
            _ => return None,
        };
        let hand_written = kinds.iter().any(|kind| **kind == ConflictKind::HandWritten);
        Some(match force_option {
            _ if kinds.is_empty() => return None,
            Some(option) if hand_written => format!(
                "Move each away or pick another --out; or add {option} to overwrite the files without the generated header (what they hold is lost)."
            ),
            _ => "Move each away or pick another --out.".to_owned(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message, .. } => write!(f, "{}: {message}", shown(path)),
            Error::Config { path, diagnostic } => {
                let name = shown(path);
                f.write_str(&diagnostic.display_with(&name, Some(&name)))
            }
            Error::Invalid(diagnostics) => diagnostics.fmt(f),
            Error::Conflicts(conflicts) => {
                let (noun, verb) = paths_hold(conflicts.len());
                write!(
                    f,
                    "nothing was written: {} {noun} where the generated crate goes {verb} what the generator did not write",
                    conflicts.len()
                )?;
                for conflict in conflicts {
                    write!(f, "\n  {conflict}")?;
                }
                Ok(())
            }
            Error::Stale { drifts, command } => {
                let (conflicts, drifts): (Vec<&Drift>, Vec<&Drift>) =
                    drifts.iter().partition(|d| matches!(d.kind, DriftKind::Conflict(_)));
                let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
                f.write_str(&listed.join("\n\n"))?;
                if conflicts.is_empty() {
                    return write!(f, "\n\nthe generated code is out of date; run `{command}` to update it");
                }
                if !listed.is_empty() {
                    f.write_str("\n\n")?;
                }
                let (noun, verb) = paths_hold(conflicts.len());
                write!(
                    f,
                    "{} {noun} where the generated crate goes {verb} what the generator did not write, which it will not replace:",
                    conflicts.len()
                )?;
                for conflict in conflicts {
                    write!(f, "\n  {conflict}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Error {}

/// `path`/`paths` and `holds`/`hold` for `count` paths.
fn paths_hold(count: usize) -> (&'static str, &'static str) {
    if count == 1 { ("path", "holds") } else { ("paths", "hold") }
}

/// `path` as messages show it: relative to the current directory when it is inside it.
fn shown(path: &Path) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    match relative {
        Some(relative) if !relative.as_os_str().is_empty() => relative.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// Whether `text` is a file this generator wrote: its first line carries the
/// marker of the generated-file header (in the headers of this version, which
/// carry `@generated`, and of earlier ones).
pub fn is_generated(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(GENERATED_MARKER))
}

/// Reads the config file for `spec` into `options` ([`Options::config`]:
/// the settings `options` already has win over the file's): `explicit` when
/// given (it must exist), else [`CONFIG_FILE_NAME`] in the spec's directory
/// when there is one. Returns the file's path (`None` when there is none); a
/// file that cannot be read, or parsed, is an error (with the line and column
/// of the problem).
pub fn read_config(options: &mut Options, spec: &Path, explicit: Option<&Path>) -> Result<Option<PathBuf>, Error> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let beside = spec.parent().unwrap_or(Path::new("")).join(CONFIG_FILE_NAME);
            if !beside.is_file() {
                return Ok(None);
            }
            beside
        }
    };
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read the config file", &e))?;
    options.config(&text).map_err(|diagnostic| Error::Config { path: path.clone(), diagnostic })?;
    Ok(Some(path))
}
