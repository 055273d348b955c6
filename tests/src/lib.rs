//! Support code shared by the integration tests (`tests/main.rs`): the SendKit
//! client as the tests configure it and the secret checks (`client.rs`), a
//! scriptable HTTP server (`server.rs`), the seed page's examples (`seed.rs`),
//! Prism (`prism.rs`), and a tracing subscriber that records spans and events
//! (`trace.rs`).

use std::path::{Path, PathBuf};

pub mod client;
pub mod prism;
pub mod seed;
pub mod server;
pub mod trace;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// The README's Rust examples, compiled as doctests so they cannot drift from the
/// generated client's API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
