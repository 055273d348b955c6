//! The integration tests, in one binary (one build, one link). Shared helpers
//! live in the `tests` library (`src/`).
//!
//! - `wire`: the exact bytes the generated SendKit client sends, and how it decodes
//!   every documented response.
//! - `hostile`: the client against servers that misbehave on purpose (a table of cases).
//! - `request_id`: the server's request id on responses and in error messages.
//! - `prism`: conformance against Stoplight Prism, a mock server of the spec.
//! - `snapshots`: the generator's output for each fixture spec, and its diagnostics
//!   for the invalid ones.
//! - `streams`: server-sent events, streamed downloads and uploads on the wire, with
//!   the client of `tests/fixtures/valid/streams.yaml` (`tests/streams-client`).
//! - `codegen`: the xtask's codegen contract (drift check, `--check`), and every
//!   fixture crate compiled clippy-clean with its behaviour tests.
//! - `tls`: real TLS handshakes with a certificate made in the test, on each TLS
//!   feature of the generated crate.

mod codegen;
mod hostile;
mod prism;
mod request_id;
mod snapshots;
mod streams;
mod tls;
mod wire;
