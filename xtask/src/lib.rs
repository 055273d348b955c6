//! Project tasks as a library, so tests can run the drift check in-process.

pub mod cli;
pub mod codegen;
pub mod conformance;
pub mod corpus;
pub mod deps;
pub mod prism;
pub mod test_task;

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
