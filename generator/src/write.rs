//! The I/O edge: the only module of the library that touches the filesystem.
//! The pipeline stages take text and return text; this module reads the spec
//! and the config file, writes a generated crate, and compares one on disk
//! with what would be generated.
//!
//! - [`write_crate`] writes only the files whose text changed, each through a
//!   temporary file in the same directory and a rename (a reader never sees
//!   half a file), and removes the files a previous generation wrote that are
//!   no longer generated (they are recognised by the header every generated
//!   file starts with, [`is_generated`]); other files are never touched.
//! - [`check_crate`] writes nothing and returns each file that differs (with
//!   a diff), is missing, or is a generated file no longer produced.
//! - [`find_config`] reads the config file: the one given, else
//!   [`CONFIG_FILE_NAME`] beside the spec when there is one.
//! - [`single_file`] is the crate as one Rust file, for a `build.rs` that
//!   writes it into `OUT_DIR` for an `include!`.
//! - [`Job`] and [`run`] are what the command line does (the installed
//!   `openapi-rust-generator generate` and this repository's
//!   `cargo xtask codegen` both call them): read, generate, report
//!   diagnostics, then write or check. A failed generation writes nothing.

use std::fmt;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Location, Severity};
use crate::format::{File, GENERATED_MARKER};
use crate::{Generated, Options};

/// The name of the config file looked for beside the spec.
pub const CONFIG_FILE_NAME: &str = config::FILE_NAME;

/// A failure to read or write, with the path it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    fn at(path: &Path, error: impl fmt::Display) -> Self {
        Error(format!("{}: {error}", shown(path)))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

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

/// The config file for `spec`: `explicit` when given (it must exist), else
/// [`CONFIG_FILE_NAME`] in the spec's directory when there is one. Returns its
/// path and settings; a file that cannot be parsed is an error with the line
/// and column of the problem.
pub fn find_config(spec: &Path, explicit: Option<&Path>) -> Result<Option<(PathBuf, Config)>, Error> {
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
    let text = fs::read_to_string(&path).map_err(|e| Error::at(&path, format!("cannot read the config file: {e}")))?;
    let config = Config::parse(&text).map_err(|d| Error(d.display_with(&shown(&path), Some(&shown(&path)))))?;
    Ok(Some((path, config)))
}

/// What [`write_crate`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The files written (their text changed, or they were new), relative to the crate.
    pub written: Vec<String>,
    /// How many files already had the generated text.
    pub unchanged: usize,
    /// Generated files of an earlier generation that were removed.
    pub removed: Vec<PathBuf>,
}

/// Writes the files of a generated crate under `out`: those whose text
/// changed, each through a temporary file and a rename; then removes the
/// generated files under `out` that `files` no longer has.
pub fn write_crate(out: &Path, files: &[File]) -> Result<Written, Error> {
    let mut report = Written::default();
    for file in files {
        if write_file(&out.join(&file.path), &file.contents)? {
            report.written.push(file.path.clone());
        } else {
            report.unchanged += 1;
        }
    }
    for path in leftovers(out, files) {
        fs::remove_file(&path).map_err(|e| Error::at(&path, e))?;
        report.removed.push(path);
    }
    Ok(report)
}

/// Writes `contents` to `path` unless the file already has exactly that text
/// (so its modification time, and what depends on it, stays); through a
/// temporary file in the same directory and a rename. Creates the directories
/// it needs. Returns whether it wrote.
pub fn write_file(path: &Path, contents: &str) -> Result<bool, Error> {
    if fs::read_to_string(path).is_ok_and(|current| current == contents) {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        fs::create_dir_all(dir)?;
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map(|()| true).map_err(|e| Error::at(path, e))
}

/// The generated files under `dir` (their first line carries the marker),
/// sorted; `target` and hidden directories are not searched.
fn existing_generated(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == "target" || n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if fs::read_to_string(&path).is_ok_and(|text| is_generated(&text)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Generated files under `out` that `files` does not have.
fn leftovers(out: &Path, files: &[File]) -> Vec<PathBuf> {
    let produced: Vec<PathBuf> = files.iter().map(|f| out.join(&f.path)).collect();
    existing_generated(out).into_iter().filter(|path| !produced.contains(path)).collect()
}

/// A file on disk that is not what generation gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The file.
    pub path: PathBuf,
    /// How it differs.
    pub kind: DriftKind,
}

/// How a file on disk differs from the generated one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriftKind {
    /// Its text differs: a unified diff from the file on disk to the generated
    /// text (at most 40 lines, and how many more there are).
    Differs(String),
    /// It is not there.
    Missing,
    /// It is a generated file that generation no longer produces.
    Leftover,
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(&self.path);
        match &self.kind {
            DriftKind::Differs(diff) => write!(f, "{path} is stale:\n{diff}"),
            DriftKind::Missing => write!(f, "{path} is missing"),
            DriftKind::Leftover => write!(f, "{path} is a generated file the generator no longer produces"),
        }
    }
}

/// Compares the crate under `out` with `files`, writing nothing: every file
/// that differs, is missing, or was generated but is no longer produced.
/// Empty when the crate is up to date.
pub fn check_crate(out: &Path, files: &[File]) -> Vec<Drift> {
    let mut drifts = Vec::new();
    for file in files {
        let path = out.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(current) => {
                let name = shown(&path);
                let diff = similar::TextDiff::from_lines(&current, &file.contents);
                let mut unified = diff.unified_diff();
                let text = unified.context_radius(2).header(&name, &format!("{name} (generated)")).to_string();
                let lines: Vec<&str> = text.lines().collect();
                let kept = lines.len().min(40);
                let mut diff = lines[..kept].join("\n");
                if lines.len() > kept {
                    diff.push_str(&format!("\n... ({} more diff lines)", lines.len() - kept));
                }
                drifts.push(Drift { path, kind: DriftKind::Differs(diff) });
            }
            Err(_) => drifts.push(Drift { path, kind: DriftKind::Missing }),
        }
    }
    drifts.extend(leftovers(out, files).into_iter().map(|path| Drift { path, kind: DriftKind::Leftover }));
    drifts
}

/// The generated crate as one Rust file, for `include!` at the root of a
/// crate (a `build.rs` writes it into `OUT_DIR`): `src/lib.rs` with each
/// `mod name;` replaced by the module's file inline (`mod name { ... }`),
/// without the crate-level documentation and attributes (`//!`, `#![...]`),
/// which `include!` cannot take. The including crate supplies those, and
/// the dependencies of the generated `Cargo.toml`. `None` when `files` has
/// no `src/lib.rs`.
pub fn single_file(files: &[File]) -> Option<String> {
    let lib = files.iter().find(|f| f.path == "src/lib.rs")?;
    let (header, body) = split_header(&lib.contents);
    let mut body_lines = body.lines().peekable();
    let mut kept: Vec<&str> = Vec::new();
    // The crate's inner attributes and documentation come first.
    let mut in_attribute = false;
    while let Some(line) = body_lines.peek() {
        let trimmed = line.trim();
        if in_attribute || trimmed.starts_with("#![") {
            in_attribute = !trimmed.ends_with(']');
        } else if !(trimmed.starts_with("//!") || trimmed.is_empty()) {
            break;
        }
        body_lines.next();
    }
    kept.extend(body_lines);
    let mut out = header.to_owned();
    inline_modules(files, "src", &kept.join("\n"), 0, &mut out);
    out.push('\n');
    Some(out)
}

/// The header comment of a generated file (with the blank line after it), and the rest.
fn split_header(text: &str) -> (&str, &str) {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("// ") || line.starts_with("# ") || (end > 0 && line.trim().is_empty()) {
            end += line.len();
            if line.trim().is_empty() {
                break;
            }
        } else {
            break;
        }
    }
    text.split_at(end)
}

/// Appends `text` (a file of the module whose files are in `dir`) to `out`,
/// with each `mod name;` replaced by the module's own file inline.
fn inline_modules(files: &[File], dir: &str, text: &str, depth: usize, out: &mut String) {
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let declaration = trimmed
            .strip_suffix(';')
            .and_then(|d| {
                d.strip_prefix("pub mod ").map(|n| ("pub mod ", n)).or(d.strip_prefix("mod ").map(|n| ("mod ", n)))
            })
            .filter(|(_, name)| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let module = declaration.and_then(|(keyword, name)| {
            let candidates = [format!("{dir}/{name}.rs"), format!("{dir}/{name}/mod.rs")];
            files.iter().find(|f| candidates.contains(&f.path)).map(|file| (keyword, name, file))
        });
        match module {
            Some((keyword, name, file)) if depth < 16 => {
                out.push_str(&format!("{indent}{keyword}{name} {{\n"));
                let (_, body) = split_header(&file.contents);
                inline_modules(files, &format!("{dir}/{name}"), body.trim_end(), depth + 1, out);
                out.push_str(&format!("\n{indent}}}"));
            }
            _ => out.push_str(line),
        }
    }
}

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

/// What the command line asks for: generate a crate from a spec (or check it).
#[derive(Debug, Clone)]
pub struct Job {
    /// The spec to read.
    pub spec: PathBuf,
    /// How the spec is named in file headers and diagnostics.
    pub spec_display: String,
    /// The crate directory to write.
    pub out: PathBuf,
    /// The config file given on the command line; without one, the config
    /// file beside the spec is used when there is one.
    pub config: Option<PathBuf>,
    /// The command named in the headers of the generated files (unless the
    /// config file names one with `regenerate-with`).
    pub command: String,
    /// The Cargo package name given on the command line (it replaces the config's).
    pub crate_name: Option<String>,
    /// The selectors given on the command line (they replace the config's).
    pub only: Vec<String>,
}

impl Job {
    /// The options: the defaults, then the config file's settings, then the command line's.
    /// Also returns how the config file is named in diagnostics, when there is one.
    pub fn options(&self) -> Result<(Options, Option<String>), String> {
        let mut options = Options::new(self.spec_display.clone(), self.command.clone());
        let mut config_name = None;
        if let Some((path, config)) = find_config(&self.spec, self.config.as_deref()).map_err(|e| e.to_string())? {
            options = options.with_config(&config);
            config_name = Some(shown(&path));
        }
        if let Some(name) = &self.crate_name {
            options.crate_name = Some(name.clone());
        }
        if !self.only.is_empty() {
            options.only = self.only.clone();
        }
        Ok((options, config_name))
    }

    /// A diagnostic as the command line prints it.
    fn render(&self, diagnostic: &Diagnostic, config_name: Option<&str>) -> String {
        match &diagnostic.location {
            // Selectors given on the command line replace the config file's.
            Location::Setting(key) if key == "only" && !self.only.is_empty() => {
                diagnostic.display_with(&self.spec_display, None).replacen("only", "--only", 1)
            }
            _ => diagnostic.display_with(&self.spec_display, config_name),
        }
    }
}

/// Runs the generator for a [`Job`]: reads the spec and the config, and
/// returns the crate, with its warnings printed to stderr. The error is every
/// diagnostic, one per line (errors first), or why a file cannot be read.
pub fn generate(job: &Job) -> Result<Generated, String> {
    let text = fs::read_to_string(&job.spec).map_err(|e| format!("{}: cannot read the spec: {e}", job.spec_display))?;
    let (options, config_name) = job.options()?;
    match crate::generate(&text, &options) {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("{}", job.render(warning, config_name.as_deref()));
            }
            Ok(generated)
        }
        Err(diagnostics) => {
            let lines: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .chain(diagnostics.iter().filter(|d| d.severity == Severity::Warning))
                .map(|d| job.render(d, config_name.as_deref()))
                .collect();
            Err(lines.join("\n"))
        }
    }
}

/// Writes the crate of a [`Job`] and prints what was done; with `check`,
/// writes nothing and fails, naming each differing file with a diff and the
/// command that updates them, when the crate on disk is not up to date.
pub fn run(job: &Job, check: bool) -> Result<(), String> {
    let generated = generate(job)?;
    if check {
        let drifts = check_crate(&job.out, &generated.files);
        if drifts.is_empty() {
            println!("{} is up to date with {}", shown(&job.out), job.spec_display);
            return Ok(());
        }
        let (options, _) = job.options()?;
        let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
        return Err(format!(
            "{}\n\nthe generated code is out of date; run `{}` to update it",
            listed.join("\n\n"),
            options.command
        ));
    }
    let written = write_crate(&job.out, &generated.files).map_err(|e| e.to_string())?;
    for path in &written.removed {
        println!("removed {}", shown(path));
    }
    println!(
        "{}: {} operations, {} types; {} of {} files written, the rest unchanged",
        shown(&job.out),
        generated.operations,
        generated.types,
        written.written.len(),
        generated.files.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_recognised_by_their_first_line() {
        let [first, second] = crate::format::header_lines("spec.yaml", "cargo xtask codegen");
        assert!(first.contains("@generated"), "{first}");
        assert!(is_generated(&format!("// {first}\n// {second}\n\npub fn f() {{}}\n")));
        assert!(is_generated(&format!("# {first}\n# {second}\n\n[package]\n")));
        // The header before `@generated` was added.
        assert!(is_generated(
            "// This file is generated from spec.yaml by openapi-rust-generator. Do not edit it by hand.\n"
        ));
        assert!(!is_generated("pub fn mine() {}\n"));
        assert!(!is_generated(&format!("pub fn mine() {{}}\n// {first}\n")));
        assert!(!is_generated(""));
    }

    #[test]
    fn command_lines_quote_what_the_shell_would_split_or_expand() {
        assert_eq!(command_line(&["cargo", "xtask", "codegen"]), "cargo xtask codegen");
        assert_eq!(
            command_line(&["gen", "api spec.yaml", "--only", "GET /pets/{id}", "--only=tag:pets", "it's", ""]),
            "gen 'api spec.yaml' --only 'GET /pets/{id}' --only=tag:pets 'it'\\''s' ''"
        );
    }

    fn file(path: &str, contents: &str) -> File {
        File { path: path.to_owned(), contents: contents.to_owned() }
    }

    #[test]
    fn a_single_file_inlines_every_module_and_drops_the_crate_attributes() {
        let header = "// This file is @generated from a.yaml by openapi-rust-generator. Do not edit it by hand.\n// Regenerate it with: x\n\n";
        let files = [
            file("Cargo.toml", "# header\n\n[package]\n"),
            file(
                "src/lib.rs",
                &format!(
                    "{header}//! # The API\n//!\n//! Docs.\n#![forbid(unsafe_code)]\n#![warn(\n    missing_docs\n)]\n\nmod client;\npub mod types;\n\npub use client::Client;\n"
                ),
            ),
            file("src/client.rs", &format!("{header}//! The client.\nuse crate::types::Pet;\n\npub struct Client;\n")),
            file("src/types.rs", &format!("{header}//! Types.\nmod inner;\n\npub struct Pet;\n")),
            file("src/types/inner.rs", &format!("{header}pub(crate) struct Inner;\n")),
        ];
        let single = single_file(&files).unwrap_or_default();
        assert_eq!(
            single,
            format!(
                "{header}mod client {{\n//! The client.\nuse crate::types::Pet;\n\npub struct Client;\n}}\npub mod types {{\n//! Types.\nmod inner {{\npub(crate) struct Inner;\n}}\n\npub struct Pet;\n}}\n\npub use client::Client;\n"
            )
        );
        assert_eq!(single_file(&files[..1]), None);
    }
}
