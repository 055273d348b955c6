//! Support code shared by the integration tests.

pub mod prism;
pub mod seed;
pub mod server;

/// The README's Rust examples, compiled as doctests so they cannot drift from the
/// generated client's API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
