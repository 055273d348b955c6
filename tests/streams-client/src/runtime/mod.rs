// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Runtime support shared by every operation of this client: configuration,
//! credentials, request encoding, retries, timeouts, bounded response reading
//! and the error type.
//!
//! The generator writes only the modules the API uses: a client without
//! multipart bodies has no `multipart` module, one without validated fields no
//! `check_*` modules, and so on.

pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
pub use reqwest::{Method, StatusCode};

// Client settings and their defaults, the client core, per-call options.
mod settings;
pub use settings::*;

// Sending a request: the attempt loop with timeouts and retries, up to a
// response's head or through its body.
mod send;

// Middleware: code between the client and the wire, which sees every attempt.
mod middleware;
pub use middleware::*;

// Backoff with jitter, `Retry-After`, which statuses and methods are retried.
mod retry;
use retry::*;

// Spans and events of calls, with the `tracing` feature (compiled only with it).
mod trace;

// Security schemes, configured credentials and how requests carry them.
mod security;
pub(crate) use security::*;

// A request under construction: method, path, query, headers, body.
mod request;
pub(crate) use request::*;

// `Accept`, when a response offers several media types.
mod accept;

// Parameter styles and values as text, shared by the parameters and form bodies.
mod encode;
pub(crate) use encode::*;

// Path parameters.
mod path;
pub(crate) use path::*;

// Request bodies.
mod body;

// JSON request bodies.
mod json_body;
pub(crate) use json_body::*;

// `multipart/form-data` request bodies.
mod multipart;
pub(crate) use multipart::*;

// `multipart/form-data` bodies whose parts the caller names.
mod multipart_form;
pub use multipart_form::*;

// Error messages without the values of a body.
mod redact;
pub(crate) use redact::*;

// Request bodies sent as they are read: bytes, files and streams.
mod upload;
pub use upload::*;

// The server's request id, read from the response headers.
mod request_id;
use request_id::*;

// Reading a response within its size bound; decoding JSON and empty bodies.
mod response;
pub use response::*;

// Decoding text and binary response bodies.
mod response_text;

// Reading a response body chunk by chunk, with the idle timeout.
mod stream;
use stream::*;

// Server-sent events: the bounded parser and the typed event stream.
mod sse;
pub use sse::*;

// Binary response bodies as a stream of bytes.
mod byte_stream;
pub use byte_stream::*;

// The error type and its parts.
mod error;
pub use error::*;

// The error of a streamed body.
mod stream_error;
pub use stream_error::*;

// Secret strings: credentials and fields the spec marks secret.
mod secret;
pub use secret::*;

// Values the spec marks `nullable`.
mod nullable;
pub use nullable::*;

// Decoding structs from JSON objects.
mod object;
pub(crate) use object::*;

// Fields missing from a JSON object.
mod missing_field;

// Enums of string values.
mod string_enum;
pub(crate) use string_enum::*;
