//! What stands where a generated crate's files go, found before anything is
//! written: each target path inspected (links resolved and kept inside the
//! output directory), the generated files of an earlier generation found,
//! and everything in the way named as a [`Conflict`].

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{is_generated, shown};
use crate::format::File;

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
    /// else's. Only this kind may be overwritten ([`Overwrite::HandWritten`](super::Overwrite::HandWritten)).
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

/// What is where a generated file goes.
pub(super) enum Current {
    /// Nothing: the file is new.
    Missing,
    /// A file the generator wrote, with this text.
    Generated(String),
    /// A file without the generated header, with these bytes.
    HandWritten(Vec<u8>),
}

/// A generated file and what is at its path now.
pub(super) struct Target<'a> {
    pub(super) file: &'a File,
    pub(super) path: PathBuf,
    pub(super) current: Current,
}

/// What writing a crate under `out` would meet.
pub(super) struct Plan<'a> {
    /// The files whose paths are free (or hold a file, which may be the
    /// generator's), in the order given.
    pub(super) targets: Vec<Target<'a>>,
    /// Everything in the way but hand-written files (which are targets).
    pub(super) conflicts: Vec<Conflict>,
    /// Generated files of an earlier generation that `files` no longer has.
    pub(super) leftovers: Vec<PathBuf>,
}

/// Inspects every path the crate's `files` need under `out`, writing nothing.
pub(super) fn survey<'a>(out: &Path, files: &'a [File]) -> Plan<'a> {
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
