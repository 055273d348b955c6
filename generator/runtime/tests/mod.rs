//! Unit tests of the runtime's parts, each against exact outputs: the bytes a
//! request puts on the wire, the events a stream yields, the text an error keeps.
//!
//! - `wire.rs`: a client core whose wire is a middleware that records every
//!   attempt and answers it from a script, on tokio's clock.
//! - `retry.rs`: which statuses and methods are retried, backoff, `Retry-After`.
//! - `query.rs`: query parameters and form bodies in each style, percent-encoded.
//! - `expand.rs`: path, header and cookie parameters (RFC 6570 expansions).
//! - `sse.rs`: the event-stream parser, fed in chunks.
//! - `link_header.rs`: the `next` link of `Link` headers.
//! - `multipart.rs`: the bytes of `multipart/form-data` bodies.
//! - `redact.rs`: what error messages keep of a server's values.

mod expand;
mod link_header;
mod multipart;
mod query;
mod redact;
mod retry;
mod sse;
mod wire;

/// The style table's array value, `["blue", "black", "brown"]`.
const ARRAY: [&str; 3] = ["blue", "black", "brown"];

/// The style table's object value, `{"R": 100, "G": 200, "B": 150}`, in that order.
#[derive(serde::Serialize)]
#[allow(non_snake_case, reason = "the spec table's property names")]
struct Rgb {
    R: u32,
    G: u32,
    B: u32,
}

/// The style table's object value.
const RGB: Rgb = Rgb { R: 100, G: 200, B: 150 };
