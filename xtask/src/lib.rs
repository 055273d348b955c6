//! Project tasks as a library, so tests can run the drift check in-process.
//!
//! - `cli.rs`: the command line, and every task's usage text;
//! - `codegen.rs` (`cargo xtask codegen`), `corpus.rs` (`cargo xtask
//!   corpus`), `conformance/` (`cargo xtask conformance`), `deps.rs` (`cargo
//!   xtask deps`), `test_task.rs` (`cargo xtask test`), with `prism.rs`
//!   (starting Prism);
//! - `tidy.rs`: the tidy checks of the repository's own sources (a test).

pub mod cli;
pub mod codegen;
pub mod conformance;
pub mod corpus;
pub mod deps;
pub mod prism;
pub mod test_task;
#[cfg(test)]
mod tidy;

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
