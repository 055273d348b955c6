//! Support code shared by the integration tests.

pub mod prism;
pub mod server;
