//! Starting Stoplight Prism as an independent mock server of `spec/openapi.yaml`:
//! the xtask's Prism launcher (`xtask::prism`), which `cargo xtask conformance`
//! uses for every spec of the corpus.

pub use xtask::prism::*;
