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

// Credentials settled as each attempt is sent: tokens, renewal after a `401`, signatures.
#[cfg(feature = "auth")]
mod auth;
#[cfg(feature = "auth")]
pub use auth::*;

// Bearer tokens from a token source, cached and renewed.
#[cfg(feature = "token")]
mod token;
#[cfg(feature = "token")]
pub use token::*;

// The OAuth 2 client credentials flow.
#[cfg(feature = "token")]
mod oauth2;
#[cfg(feature = "token")]
pub use oauth2::*;

// Signing hooks for schemes the spec cannot describe.
#[cfg(feature = "sign")]
mod sign;
#[cfg(feature = "sign")]
pub use sign::*;

// A request under construction: method, path, query, headers, body.
mod request;
pub(crate) use request::*;

// Calls that return a documented redirect instead of following it.
#[cfg(feature = "redirect")]
mod redirect;

// Idempotency keys: a fresh one per call, the same on every retry.
#[cfg(feature = "idempotency")]
mod idempotency;
#[cfg(feature = "idempotency")]
use idempotency::*;

// Methods without a constant of their own (`QUERY`, ...).
mod method;
pub(crate) use method::*;

// `Accept`, when a response offers several media types.
mod accept;

// Parameter styles and values as text, shared by the parameters and form bodies.
mod encode;
pub(crate) use encode::*;

// Path parameters.
mod path;
pub(crate) use path::*;

// Query parameters and form fields in their style.
mod style;

// Query parameters.
mod query;

// Header parameters.
mod header;
pub(crate) use header::*;

// Cookie parameters.
mod cookie;
pub(crate) use cookie::*;

// Request bodies.
mod body;

// JSON request bodies.
mod json_body;
pub(crate) use json_body::*;

// `application/x-www-form-urlencoded` request bodies.
mod form;
pub(crate) use form::*;

// `multipart/form-data` request bodies.
#[cfg(feature = "multipart")]
mod multipart;
#[cfg(feature = "multipart")]
pub(crate) use multipart::*;

// `multipart/form-data` bodies whose parts the caller names.
#[cfg(feature = "multipart")]
mod multipart_form;
#[cfg(feature = "multipart")]
pub use multipart_form::*;

// Error messages without the values of a body.
mod redact;
pub(crate) use redact::*;

// Request bodies sent as they are read: bytes, files and streams.
#[cfg(feature = "upload")]
mod upload;
#[cfg(feature = "upload")]
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
#[cfg(feature = "stream")]
mod stream;
#[cfg(feature = "stream")]
use stream::*;

// Server-sent events: the bounded parser and the typed event stream.
#[cfg(feature = "sse")]
mod sse;
#[cfg(feature = "sse")]
pub use sse::*;

// Binary response bodies as a stream of bytes.
#[cfg(feature = "byte_stream")]
mod byte_stream;
#[cfg(feature = "byte_stream")]
pub use byte_stream::*;

// The error type and its parts.
mod error;
pub use error::*;

// The error of a streamed body.
#[cfg(feature = "stream_error")]
mod stream_error;
#[cfg(feature = "stream_error")]
pub use stream_error::*;

// Standard Webhooks signatures of incoming webhook requests.
mod webhook_signature;
pub use webhook_signature::*;

// Secret strings: credentials and fields the spec marks secret.
mod secret;
pub use secret::*;

// Values the spec marks `nullable`.
mod nullable;
pub use nullable::*;

// Optional nullable fields, where `null` and absent differ.
mod nullable_field;
pub(crate) use nullable_field::*;

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

// Enums of integer values.
mod integer_enum;
pub(crate) use integer_enum::*;

// The location of a value inside a request, for validation errors.
mod validate;
pub(crate) use validate::*;

// `minLength` and `maxLength`.
mod check_length;
pub(crate) use check_length::*;

// `format: uri`: an absolute URI as RFC 3986 defines it.
mod check_uri;
pub(crate) use check_uri::*;

// `minItems` and `maxItems`.
mod check_items;
pub(crate) use check_items::*;

// `minimum` and `maximum`.
mod check_range;
pub(crate) use check_range::*;

// Enum values a request may send.
mod check_known;
pub(crate) use check_known::*;

// Walking a paginated list, page after page.
mod paginate;
pub(crate) use paginate::*;

// Page numbers and offsets of paginated lists.
mod page_offset;
pub(crate) use page_offset::*;

// Following the URL of a list's next page.
mod page_url;
pub(crate) use page_url::*;

// The `Link` response header.
mod link_header;
pub(crate) use link_header::*;
