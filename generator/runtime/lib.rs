//! The runtime of the generated clients, as one crate with every part turned
//! on. The generator copies `mod.rs` and the module files beside it into each
//! generated crate's `src/runtime/`, keeping only the modules, and the parts of
//! modules, that its API uses; here they are compiled, linted and unit-tested
//! together.
//!
//! - `mod.rs`: the module declarations and re-exports (the generated crate's
//!   `runtime/mod.rs`, less the modules it leaves out).
//! - `tests/`: unit tests of the runtime's parts, never copied.

// The callers of the runtime's crate-visible items are the generated clients:
// each generated crate is checked for dead code on its own, with only the
// modules it uses.
#![allow(
    dead_code,
    unused_imports,
    unused_macros,
    reason = "the generated code calls these and reads the re-exports; each generated crate is checked on its own"
)]

#[path = "mod.rs"]
pub mod runtime;

#[cfg(test)]
mod tests;
