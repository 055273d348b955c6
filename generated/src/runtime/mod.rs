// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
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

// Turning the secrets given to the builder into credentials.
mod credentials;
pub(crate) use credentials::*;

// A request under construction: method, path, query, headers, body.
mod request;
pub(crate) use request::*;

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

// Error messages without the values of a body.
mod redact;
pub(crate) use redact::*;

// The server's request id, read from the response headers.
mod request_id;
use request_id::*;

// Reading a response within its size bound; decoding JSON and empty bodies.
mod response;
pub use response::*;

// The error type and its parts.
mod error;
pub use error::*;

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

// Fields the server trims (`x-trimmed`).
mod trim;
pub(crate) use trim::*;

// Enums of string values.
mod string_enum;
pub(crate) use string_enum::*;

// The location of a value inside a request, for validation errors.
mod validate;
pub(crate) use validate::*;

// `minLength` and `maxLength`.
mod check_length;
pub(crate) use check_length::*;

// `format: uri`: an absolute URI as RFC 3986 defines it.
mod check_uri;
pub(crate) use check_uri::*;
