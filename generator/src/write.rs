//! The I/O edge: the only module of the library that touches the filesystem.
//! The pipeline stages take text and return text; this module reads the spec
//! and the config file, writes a generated crate, and compares one on disk
//! with what would be generated.
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
//!   undoes what was done.
//! - [`check_crate`] writes nothing and returns each file that differs (with
//!   a diff), is missing, is a generated file no longer produced, or is in
//!   the way ([`DriftKind::Conflict`]).
//! - [`find_config`] reads the config file: the one given, else
//!   [`CONFIG_FILE_NAME`] beside the spec when there is one.
//! - [`single_file`] is the crate as one Rust file, for a `build.rs` that
//!   writes it into `OUT_DIR` for an `include!`.
//! - [`Job`] and [`run`] (or [`run_with`], for `--force`) are what the
//!   command line does (the installed `openapi-rust-generator generate` and
//!   this repository's `cargo xtask codegen` both call them): read, generate,
//!   report diagnostics, then write or check. A failed generation writes nothing.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Location, Severity};
use crate::format::{File, GENERATED_MARKER};
use crate::{Generated, Options};

/// The name of the config file looked for beside the spec.
pub const CONFIG_FILE_NAME: &str = config::FILE_NAME;

/// A failure to read or write, or what stands where a generated crate's files
/// go. [`write_crate`] returns it having written nothing.
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
        /// Its diagnostic, as the command line prints it (with line and column).
        message: String,
    },
    /// Paths where the crate's files go hold something the generator did not
    /// write, or lead outside the output directory; nothing was written.
    Conflicts(Vec<Conflict>),
}

impl Error {
    fn io(path: &Path, doing: &str, error: &io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), kind: error.kind(), message: format!("{doing}: {error}") }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message, .. } => write!(f, "{}: {message}", shown(path)),
            Error::Config { message, .. } => f.write_str(message),
            Error::Conflicts(conflicts) => {
                let count = conflicts.len();
                let (noun, verb) = if count == 1 { ("path", "holds") } else { ("paths", "hold") };
                write!(
                    f,
                    "nothing was written: {count} {noun} where the generated crate goes {verb} what the generator did not write"
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

/// A path where a generated file (or a directory of them) goes, holding
/// something the generator must not replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The path: the file, directory or link in the way.
    pub path: PathBuf,
    /// What is there.
    pub kind: ConflictKind,
}

/// What stands where a generated file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConflictKind {
    /// A file without the generated header (see [`is_generated`]): someone
    /// else's. Only this kind may be overwritten ([`Overwrite::HandWritten`]).
    HandWritten,
    /// A directory where a generated file goes.
    Directory,
    /// Something other than a file or directory (a FIFO, a socket, a device).
    NotAFile,
    /// A file (or something else that is not a directory) where a directory
    /// of generated files goes.
    NotADirectory,
    /// A symbolic link that leads outside the output directory: writing
    /// through it would write elsewhere, replacing it would lose the link.
    LinkOutside {
        /// Where it leads (resolved).
        target: PathBuf,
    },
    /// A symbolic link to nothing.
    BrokenLink {
        /// What it names.
        target: PathBuf,
    },
    /// It cannot be inspected or read, so whether it is the generator's is unknown.
    Unreadable {
        /// Why, as the operating system said.
        reason: String,
    },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(&self.path);
        match &self.kind {
            ConflictKind::HandWritten => {
                write!(f, "{path}: a file the generator did not write (it has no generated header)")
            }
            ConflictKind::Directory => write!(f, "{path}: a directory where a generated file goes"),
            ConflictKind::NotAFile => write!(f, "{path}: not a regular file, where a generated file goes"),
            ConflictKind::NotADirectory => write!(f, "{path}: a file where a directory of generated files goes"),
            ConflictKind::LinkOutside { target } => {
                write!(f, "{path}: a symbolic link that leads outside the output directory, to {}", target.display())
            }
            ConflictKind::BrokenLink { target } => {
                write!(f, "{path}: a symbolic link to {}, which does not exist", target.display())
            }
            ConflictKind::Unreadable { reason } => write!(f, "{path}: cannot be read ({reason})"),
        }
    }
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
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read the config file", &e))?;
    let config = Config::parse(&text).map_err(|d| Error::Config {
        message: d.display_with(&shown(&path), Some(&shown(&path))),
        path: path.clone(),
    })?;
    Ok(Some((path, config)))
}

/// Whether [`write_crate_with`] may replace files it did not write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Overwrite {
    /// Never: a file without the generated header where a generated file goes
    /// is a [`ConflictKind::HandWritten`] conflict, and nothing is written.
    #[default]
    Never,
    /// Replace such files (the command's `--force`): their text is lost. The
    /// other conflicts (directories, links leading outside, ...) still stop the write.
    HandWritten,
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
    /// Files without the generated header that were replaced (only with
    /// [`Overwrite::HandWritten`]); each is in `written` too.
    pub replaced: Vec<String>,
}

/// Writes the files of a generated crate under `out`, refusing to replace
/// anything the generator did not write: [`write_crate_with`] and
/// [`Overwrite::Never`].
pub fn write_crate(out: &Path, files: &[File]) -> Result<Written, Error> {
    write_crate_with(out, files, Overwrite::Never)
}

/// Writes the files of a generated crate under `out`: those whose text
/// changed; then removes the generated files under `out` that `files` no
/// longer has. All or nothing:
///
/// - First every path is checked. A file without the generated header (unless
///   `overwrite` allows replacing it), a directory where a file goes, a file
///   where a directory goes, a symbolic link leading outside `out` (or
///   nowhere), or a path that cannot be read is a [`Conflict`], and with any
///   conflict nothing is written ([`Error::Conflicts`], listing them all).
/// - Then every changed file is written to a temporary file beside it (new
///   directories created). A failure there removes the temporary files and the
///   new directories: nothing was written ([`Error::Io`], naming the file).
/// - Then each temporary file is renamed over its file (a reader never sees
///   half a file) and each leftover is moved aside and deleted. Should a
///   rename fail, the files already replaced get their previous text back.
pub fn write_crate_with(out: &Path, files: &[File], overwrite: Overwrite) -> Result<Written, Error> {
    let plan = survey(out, files);
    let mut conflicts = plan.conflicts;
    if overwrite == Overwrite::Never {
        conflicts.extend(
            plan.targets
                .iter()
                .filter(|t| matches!(t.current, Current::HandWritten(_)))
                .map(|t| Conflict { path: t.path.clone(), kind: ConflictKind::HandWritten }),
        );
    }
    if !conflicts.is_empty() {
        conflicts.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(Error::Conflicts(conflicts));
    }
    let mut report = Written::default();
    let mut changes = Transaction::default();
    for target in plan.targets {
        let previous = match target.current {
            Current::Generated(text) if text == target.file.contents => {
                report.unchanged += 1;
                continue;
            }
            Current::Generated(text) => Some(text.into_bytes()),
            Current::HandWritten(bytes) => {
                report.replaced.push(target.file.path.clone());
                Some(bytes)
            }
            Current::Missing => None,
        };
        changes.stage(&target.path, target.file.contents.as_bytes(), previous)?;
        report.written.push(target.file.path.clone());
    }
    changes.commit(&plan.leftovers)?;
    report.removed = plan.leftovers;
    Ok(report)
}

/// Writes `contents` to `path` unless the file already has exactly that text
/// (so its modification time, and what depends on it, stays); through a
/// temporary file in the same directory and a rename. Creates the directories
/// it needs. Returns whether it wrote. For a single file of the caller's own
/// (a `build.rs` writing into `OUT_DIR`): it does not look for a header.
pub fn write_file(path: &Path, contents: &str) -> Result<bool, Error> {
    if fs::read_to_string(path).is_ok_and(|current| current == contents) {
        return Ok(false);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create the directory", &e))?;
    let temp = temporary_file(path, contents.as_bytes()).map_err(|e| Error::io(path, "cannot write it", &e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io(path, "cannot write it", &e)
    })?;
    Ok(true)
}

/// What is where a generated file goes.
enum Current {
    /// Nothing: the file is new.
    Missing,
    /// A file the generator wrote, with this text.
    Generated(String),
    /// A file without the generated header, with these bytes.
    HandWritten(Vec<u8>),
}

/// A generated file and what is at its path now.
struct Target<'a> {
    file: &'a File,
    path: PathBuf,
    current: Current,
}

/// What writing a crate under `out` would meet.
struct Plan<'a> {
    /// The files whose paths are free (or hold a file, which may be the
    /// generator's), in the order given.
    targets: Vec<Target<'a>>,
    /// Everything in the way but hand-written files (which are targets).
    conflicts: Vec<Conflict>,
    /// Generated files of an earlier generation that `files` no longer has.
    leftovers: Vec<PathBuf>,
}

/// Inspects every path the crate's `files` need under `out`, writing nothing.
fn survey<'a>(out: &Path, files: &'a [File]) -> Plan<'a> {
    let mut plan = Plan { targets: Vec::new(), conflicts: Vec::new(), leftovers: Vec::new() };
    // `out` itself may be a link: the user named it. It is what "inside" means.
    let root = match fs::metadata(out) {
        Ok(meta) if meta.is_dir() => match fs::canonicalize(out) {
            Ok(root) => Some(root),
            Err(e) => {
                plan.conflicts.push(Conflict { path: out.to_path_buf(), kind: unreadable(&e) });
                return plan;
            }
        },
        Ok(_) => {
            plan.conflicts.push(Conflict { path: out.to_path_buf(), kind: ConflictKind::NotADirectory });
            return plan;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::read_link(out) {
            Ok(target) => {
                plan.conflicts.push(Conflict { path: out.to_path_buf(), kind: ConflictKind::BrokenLink { target } });
                return plan;
            }
            Err(_) => None,
        },
        Err(e) => {
            plan.conflicts.push(Conflict { path: out.to_path_buf(), kind: unreadable(&e) });
            return plan;
        }
    };
    let Some(root) = root else {
        // A new directory: every file is new, nothing is in the way.
        plan.targets =
            files.iter().map(|file| Target { file, path: out.join(&file.path), current: Current::Missing }).collect();
        return plan;
    };
    // Where each generated file really is (its directory resolved), to tell leftovers from targets.
    let mut produced = HashSet::new();
    for file in files {
        let path = out.join(&file.path);
        match inspect(out, &root, &file.path) {
            Ok(current) => {
                if let Some(real) = path.parent().and_then(|dir| fs::canonicalize(dir).ok()) {
                    produced.insert(real.join(path.file_name().unwrap_or_default()));
                }
                plan.targets.push(Target { file, path, current });
            }
            Err(conflict) => {
                if !plan.conflicts.contains(&conflict) {
                    plan.conflicts.push(conflict);
                }
            }
        }
    }
    plan.leftovers = existing_generated(out)
        .into_iter()
        .filter(|path| {
            let real = path.strip_prefix(out).map(|relative| root.join(relative));
            !real.is_ok_and(|real| produced.contains(&real))
        })
        .collect();
    plan
}

/// What is at `relative` under `out` (whose real path is `root`), or what
/// stands in the way of writing it there.
fn inspect(out: &Path, root: &Path, relative: &str) -> Result<Current, Conflict> {
    let components: Vec<_> = Path::new(relative).components().collect();
    let mut path = out.to_path_buf();
    for (index, component) in components.iter().enumerate() {
        path.push(component);
        let conflict = |kind| Conflict { path: path.clone(), kind };
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Current::Missing),
            Err(e) => return Err(conflict(unreadable(&e))),
        };
        let meta = if meta.file_type().is_symlink() {
            let named = fs::read_link(&path).unwrap_or_default();
            match fs::canonicalize(&path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(conflict(ConflictKind::BrokenLink { target: named }));
                }
                Err(e) => return Err(conflict(unreadable(&e))),
                Ok(target) if !target.starts_with(root) => return Err(conflict(ConflictKind::LinkOutside { target })),
                Ok(_) => fs::metadata(&path).map_err(|e| conflict(unreadable(&e)))?,
            }
        } else {
            meta
        };
        if index + 1 < components.len() {
            if !meta.is_dir() {
                return Err(conflict(ConflictKind::NotADirectory));
            }
            continue;
        }
        if meta.is_dir() {
            return Err(conflict(ConflictKind::Directory));
        }
        if !meta.is_file() {
            return Err(conflict(ConflictKind::NotAFile));
        }
        let bytes = fs::read(&path).map_err(|e| conflict(unreadable(&e)))?;
        return Ok(match String::from_utf8(bytes) {
            Ok(text) if is_generated(&text) => Current::Generated(text),
            Ok(text) => Current::HandWritten(text.into_bytes()),
            Err(e) => Current::HandWritten(e.into_bytes()),
        });
    }
    Ok(Current::Missing)
}

fn unreadable(error: &io::Error) -> ConflictKind {
    ConflictKind::Unreadable { reason: error.to_string() }
}

/// Writes `contents` to a new temporary file beside `path` (a hidden name
/// that no file has yet) and returns its path; removes it again on failure.
fn temporary_file(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut attempt = 0;
    loop {
        let suffix = if attempt == 0 { String::new() } else { format!("-{attempt}") };
        let temp = dir.join(format!(".{name}.{}{suffix}.tmp", std::process::id()));
        match fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(mut file) => {
                let written = file.write_all(contents).and_then(|()| file.sync_all());
                return match written {
                    Ok(()) => Ok(temp),
                    Err(e) => {
                        drop(file);
                        let _ = fs::remove_file(&temp);
                        Err(e)
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The changes of one [`write_crate_with`]: staged as temporary files, then
/// committed by renames, or undone.
#[derive(Default)]
struct Transaction {
    /// Directories created for new files, parents first.
    created: Vec<PathBuf>,
    /// Each file to replace: its temporary file, its path, and its previous bytes (if it existed).
    staged: Vec<(PathBuf, PathBuf, Option<Vec<u8>>)>,
}

impl Transaction {
    /// Writes `contents` to a temporary file beside `path`; on failure, undoes everything staged.
    fn stage(&mut self, path: &Path, contents: &[u8], previous: Option<Vec<u8>>) -> Result<(), Error> {
        let dir = path.parent().unwrap_or(Path::new("."));
        match self.create_dirs(dir).and_then(|()| temporary_file(path, contents)) {
            Ok(temp) => {
                self.staged.push((temp, path.to_path_buf(), previous));
                Ok(())
            }
            Err(e) => {
                self.discard(0);
                Err(Error::io(path, "cannot write it", &e).nothing_written())
            }
        }
    }

    /// Creates `dir` and the directories above it that are missing, remembering each.
    fn create_dirs(&mut self, dir: &Path) -> io::Result<()> {
        let mut missing = Vec::new();
        let mut current = Some(dir);
        while let Some(path) = current.filter(|p| !p.as_os_str().is_empty() && fs::symlink_metadata(p).is_err()) {
            missing.push(path.to_path_buf());
            current = path.parent();
        }
        for path in missing.into_iter().rev() {
            match fs::create_dir(&path) {
                Ok(()) => self.created.push(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Renames every temporary file over its file, then moves each leftover
    /// aside and deletes it. When a rename fails, the files already replaced
    /// get their previous text back and the leftovers moved aside return.
    fn commit(self, leftovers: &[PathBuf]) -> Result<(), Error> {
        for index in 0..self.staged.len() {
            let (temp, path, _) = &self.staged[index];
            if let Err(e) = fs::rename(temp, path) {
                let error = Error::io(path, "cannot write it", &e);
                let unrestored = self.restore(index, &[]);
                self.discard(index);
                return Err(error.undone(&unrestored));
            }
        }
        let mut moved = Vec::new();
        for path in leftovers {
            let aside = path.with_file_name(format!(
                ".{}.{}.removed",
                path.file_name().unwrap_or_default().to_string_lossy(),
                std::process::id()
            ));
            if let Err(e) = fs::rename(path, &aside) {
                let error = Error::io(path, "cannot remove it", &e);
                let unrestored = self.restore(self.staged.len(), &moved);
                self.discard(self.staged.len());
                return Err(error.undone(&unrestored));
            }
            moved.push((path.clone(), aside));
        }
        for (_, aside) in &moved {
            let _ = fs::remove_file(aside);
        }
        Ok(())
    }

    /// Puts back what the first `renamed` files and the `moved` leftovers
    /// were; returns the paths that could not be restored.
    fn restore(&self, renamed: usize, moved: &[(PathBuf, PathBuf)]) -> Vec<PathBuf> {
        let mut failed = Vec::new();
        for (path, aside) in moved.iter().rev() {
            if fs::rename(aside, path).is_err() {
                failed.push(path.clone());
            }
        }
        for (_, path, previous) in self.staged[..renamed].iter().rev() {
            let restored = match previous {
                Some(bytes) => temporary_file(path, bytes).and_then(|temp| {
                    fs::rename(&temp, path).inspect_err(|_| {
                        let _ = fs::remove_file(&temp);
                    })
                }),
                None => fs::remove_file(path),
            };
            if restored.is_err() {
                failed.push(path.clone());
            }
        }
        failed
    }

    /// Removes the temporary files from the `from`th on, and the directories
    /// created (those left empty).
    fn discard(&self, from: usize) {
        for (temp, _, _) in &self.staged[from..] {
            let _ = fs::remove_file(temp);
        }
        for dir in self.created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

impl Error {
    /// An I/O error of a write that was undone before anything changed.
    fn nothing_written(self) -> Self {
        self.undone(&[])
    }

    /// An I/O error of a write that was undone; `unrestored` are the files
    /// whose previous state could not be put back.
    fn undone(self, unrestored: &[PathBuf]) -> Self {
        match self {
            Error::Io { path, kind, message } => {
                let rest = if unrestored.is_empty() {
                    "nothing was written".to_owned()
                } else {
                    let list: Vec<String> = unrestored.iter().map(|p| shown(p)).collect();
                    format!("the other files were restored but for {}", list.join(", "))
                };
                Error::Io { path, kind, message: format!("{message}; {rest}") }
            }
            other => other,
        }
    }
}

/// The generated files under `dir` (their first line carries the marker),
/// sorted; `target` and hidden directories are not searched, and symbolic
/// links are neither followed nor listed (the generator writes none).
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
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && fs::read_to_string(&path).is_ok_and(|text| is_generated(&text)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
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
    /// Something the generator did not write stands where the file (or its
    /// directory) goes: [`write_crate`] would refuse to write.
    Conflict(ConflictKind),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(&self.path);
        match &self.kind {
            DriftKind::Differs(diff) => write!(f, "{path} is stale:\n{diff}"),
            DriftKind::Missing => write!(f, "{path} is missing"),
            DriftKind::Leftover => write!(f, "{path} is a generated file the generator no longer produces"),
            DriftKind::Conflict(kind) => Conflict { path: self.path.clone(), kind: kind.clone() }.fmt(f),
        }
    }
}

/// Compares the crate under `out` with `files`, writing nothing: every file
/// that differs, is missing, or was generated but is no longer produced, and
/// everything in the way ([`DriftKind::Conflict`]: what [`write_crate`]
/// refuses to replace). Empty when the crate is up to date.
pub fn check_crate(out: &Path, files: &[File]) -> Vec<Drift> {
    let plan = survey(out, files);
    let mut drifts: Vec<Drift> =
        plan.conflicts.into_iter().map(|c| Drift { path: c.path, kind: DriftKind::Conflict(c.kind) }).collect();
    for target in plan.targets {
        match target.current {
            Current::Generated(current) if current == target.file.contents => {}
            Current::Generated(current) => {
                let name = shown(&target.path);
                let diff = similar::TextDiff::from_lines(&current, &target.file.contents);
                let mut unified = diff.unified_diff();
                let text = unified.context_radius(2).header(&name, &format!("{name} (generated)")).to_string();
                let lines: Vec<&str> = text.lines().collect();
                let kept = lines.len().min(40);
                let mut diff = lines[..kept].join("\n");
                if lines.len() > kept {
                    diff.push_str(&format!("\n... ({} more diff lines)", lines.len() - kept));
                }
                drifts.push(Drift { path: target.path, kind: DriftKind::Differs(diff) });
            }
            Current::HandWritten(_) => {
                drifts.push(Drift { path: target.path, kind: DriftKind::Conflict(ConflictKind::HandWritten) })
            }
            Current::Missing => drifts.push(Drift { path: target.path, kind: DriftKind::Missing }),
        }
    }
    drifts.extend(plan.leftovers.into_iter().map(|path| Drift { path, kind: DriftKind::Leftover }));
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

/// What [`run_with`] does with the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Write it ([`write_crate_with`]), replacing files without the generated
    /// header only with [`Overwrite::HandWritten`].
    Write(Overwrite),
    /// Write nothing; compare the crate on disk with it ([`check_crate`]).
    Check,
}

/// Writes the crate of a [`Job`] and prints what was done; with `check`,
/// writes nothing and fails, naming each differing file with a diff and the
/// command that updates them, when the crate on disk is not up to date. Never
/// replaces a file the generator did not write: [`run_with`] with
/// [`Overwrite::Never`] (or [`Action::Check`]) and no option to offer.
pub fn run(job: &Job, check: bool) -> Result<(), String> {
    run_with(job, if check { Action::Check } else { Action::Write(Overwrite::Never) }, None)
}

/// Runs a [`Job`]: generates, then writes or checks (see [`run`]). When
/// something is in the way of the crate, the error lists it and says how to
/// proceed; `force_option` is the caller's command-line option for
/// [`Overwrite::HandWritten`] (the command's `--force`), offered there when a
/// file without the generated header is in the way (`None` when the caller has none).
pub fn run_with(job: &Job, action: Action, force_option: Option<&str>) -> Result<(), String> {
    let generated = generate(job)?;
    let overwrite = match action {
        Action::Write(overwrite) => overwrite,
        Action::Check => return check(job, &generated, force_option),
    };
    let written = match write_crate_with(&job.out, &generated.files, overwrite) {
        Ok(written) => written,
        Err(error) => {
            let how = match &error {
                Error::Conflicts(conflicts) => {
                    let kinds: Vec<&ConflictKind> = conflicts.iter().map(|c| &c.kind).collect();
                    format!("\n\n{}", advice(&kinds, force_option))
                }
                _ => String::new(),
            };
            return Err(format!("{error}{how}"));
        }
    };
    for path in &written.replaced {
        println!("replaced {}, which the generator did not write", shown(&job.out.join(path)));
    }
    for path in &written.removed {
        println!("removed {}", shown(path));
    }
    let replaced = match written.replaced.len() {
        0 => String::new(),
        1 => " (1 of them over a file the generator did not write)".to_owned(),
        n => format!(" ({n} of them over files the generator did not write)"),
    };
    println!(
        "{}: {} operations, {} types; {} of {} files written{replaced}, the rest unchanged",
        shown(&job.out),
        generated.operations,
        generated.types,
        written.written.len(),
        generated.files.len()
    );
    Ok(())
}

/// `--check`: nothing written; every drift, and what is in the way.
fn check(job: &Job, generated: &Generated, force_option: Option<&str>) -> Result<(), String> {
    let drifts = check_crate(&job.out, &generated.files);
    if drifts.is_empty() {
        println!("{} is up to date with {}", shown(&job.out), job.spec_display);
        return Ok(());
    }
    let (conflicts, drifts): (Vec<&Drift>, Vec<&Drift>) =
        drifts.iter().partition(|d| matches!(d.kind, DriftKind::Conflict(_)));
    let listed: Vec<String> = drifts.iter().map(ToString::to_string).collect();
    if !conflicts.is_empty() {
        let count = conflicts.len();
        let (noun, verb) = if count == 1 { ("path", "holds") } else { ("paths", "hold") };
        let mut message = listed.join("\n\n");
        if !message.is_empty() {
            message.push_str("\n\n");
        }
        message.push_str(&format!(
            "{count} {noun} where the generated crate goes {verb} what the generator did not write, which it will not replace:"
        ));
        for conflict in &conflicts {
            message.push_str(&format!("\n  {conflict}"));
        }
        let kinds: Vec<&ConflictKind> = conflicts
            .iter()
            .filter_map(|d| match &d.kind {
                DriftKind::Conflict(kind) => Some(kind),
                _ => None,
            })
            .collect();
        message.push_str(&format!("\n\n{}", advice(&kinds, force_option)));
        return Err(message);
    }
    let (options, _) = job.options()?;
    Err(format!("{}\n\nthe generated code is out of date; run `{}` to update it", listed.join("\n\n"), options.command))
}

/// How to proceed when `conflicts` are in the way.
fn advice(conflicts: &[&ConflictKind], force_option: Option<&str>) -> String {
    let hand_written = conflicts.iter().any(|kind| **kind == ConflictKind::HandWritten);
    match force_option {
        Some(option) if hand_written => format!(
            "Move each away or pick another --out; or add {option} to overwrite the files without the generated header (what they hold is lost)."
        ),
        _ => "Move each away or pick another --out.".to_owned(),
    }
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

    /// A fresh directory under the workspace's `target/`.
    fn scratch(name: &str) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-scratch/write").join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        dir
    }

    /// Every path under `dir` with its text (`/` for a directory), sorted.
    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(current) = pending.pop() {
            for entry in fs::read_dir(&current).into_iter().flatten().flatten() {
                let path = entry.path();
                let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
                if path.is_dir() {
                    found.push((name, "/".to_owned()));
                    pending.push(path);
                } else {
                    found.push((name, fs::read_to_string(&path).unwrap_or_default()));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn a_failed_rename_or_removal_puts_back_what_the_commit_had_changed() {
        let dir = scratch("commit-fails");
        fs::write(dir.join("a.rs"), "old a").unwrap_or_else(|e| panic!("{e}"));
        fs::write(dir.join("old.rs"), "old generated").unwrap_or_else(|e| panic!("{e}"));
        let stage = |changes: &mut Transaction| {
            changes.stage(&dir.join("a.rs"), b"new a", Some(b"old a".to_vec()))?;
            changes.stage(&dir.join("new/b.rs"), b"new b", None)?;
            changes.stage(&dir.join("c.rs"), b"new c", None)
        };

        // c.rs's place is taken after staging, by a directory no rename replaces.
        let mut changes = Transaction::default();
        stage(&mut changes).unwrap_or_else(|e| panic!("{e}"));
        fs::create_dir_all(dir.join("c.rs/inside")).unwrap_or_else(|e| panic!("{e}"));
        let before = listing(&dir).into_iter().filter(|(name, _)| !name.starts_with('.') && !name.starts_with("new"));
        let before: Vec<_> = before.collect();
        match changes.commit(&[dir.join("old.rs")]) {
            Err(Error::Io { path, message, .. }) => {
                assert_eq!(path, dir.join("c.rs"));
                assert!(
                    message.starts_with("cannot write it: ") && message.ends_with("; nothing was written"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(listing(&dir), before, "a.rs has its old text, new/ and the temporary files are gone");

        // A leftover gone by the time it is removed: every file renamed is put back.
        fs::remove_dir_all(dir.join("c.rs")).unwrap_or_else(|e| panic!("{e}"));
        let before = listing(&dir);
        let mut changes = Transaction::default();
        stage(&mut changes).unwrap_or_else(|e| panic!("{e}"));
        match changes.commit(&[dir.join("old.rs"), dir.join("gone.rs")]) {
            Err(Error::Io { path, message, .. }) => {
                assert_eq!(path, dir.join("gone.rs"));
                assert!(message.starts_with("cannot remove it: "), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(listing(&dir), before, "old.rs is back, a.rs has its old text, c.rs and new/ are gone");
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
