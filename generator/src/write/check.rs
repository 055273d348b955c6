//! `--check`: the crate on disk compared with what generation gives, writing
//! nothing; every file that differs (with a diff), is missing, is left over
//! from an earlier generation, or has something in its way.

use std::fmt;
use std::path::{Path, PathBuf};

use super::shown;
use super::survey::{Conflict, ConflictKind, Current, survey};
use crate::format::File;

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
    /// directory) goes: [`write_crate`](super::write_crate) would refuse to write.
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
/// everything in the way ([`DriftKind::Conflict`]: what [`write_crate`](super::write_crate)
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
