//! Writing a generated crate: every changed file staged as a temporary file
//! beside its path, then all renamed into place (a reader never sees half a
//! file) and the leftovers of an earlier generation removed; a failure
//! anywhere undoes what was done.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::survey::{Conflict, ConflictKind, Current, survey};
use super::{Error, shown};
use crate::format::File;

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
pub(super) struct Transaction {
    /// Directories created for new files, parents first.
    created: Vec<PathBuf>,
    /// Each file to replace: its temporary file, its path, and its previous bytes (if it existed).
    staged: Vec<(PathBuf, PathBuf, Option<Vec<u8>>)>,
}

impl Transaction {
    /// Writes `contents` to a temporary file beside `path`; on failure, undoes everything staged.
    pub(super) fn stage(&mut self, path: &Path, contents: &[u8], previous: Option<Vec<u8>>) -> Result<(), Error> {
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
    pub(super) fn commit(self, leftovers: &[PathBuf]) -> Result<(), Error> {
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
