// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The error of an operation, [`Error`], and its parts: each says what went
//! wrong without repeating a credential or the raw text of a response body.

use std::convert::Infallible;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;

use super::StreamError;
use super::{HeaderMap, StatusCode};

/// A request refused before anything was sent: an argument that breaks a
/// constraint of the spec, a path parameter that could change the URL, a header
/// value with bytes HTTP does not allow, or missing credentials.
///
/// It names the offending field; it never repeats a header or credential value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRequest {
    field: String,
    reason: String,
}

impl InvalidRequest {
    pub(crate) fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        InvalidRequest { field: field.into(), reason: reason.into() }
    }

    /// The field, parameter or header at fault, e.g. `body.name` or `path.id`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.reason)
    }
}

impl std::error::Error for InvalidRequest {}

/// The error of an operation. `E` is the typed body of the error statuses the
/// spec documents for it.
///
/// No `Display` or `Debug` output of an error contains a credential, nor the
/// raw text of a response body (read it through the variants' accessors, such
/// as [`UnexpectedStatus::body`]). The `Debug` output of [`Error::Api`] shows
/// the typed error body the spec documents; fields the spec marks secret stay
/// redacted there too.
#[non_exhaustive]
pub enum Error<E> {
    /// The request was refused before anything was sent.
    InvalidRequest(InvalidRequest),
    /// No configured credentials satisfy the operation's security requirement.
    MissingCredentials(MissingCredentials),
    /// The server answered with an error status the spec documents.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// The response body does not match the spec (invalid JSON, wrong shape, not UTF-8).
    Decode(Box<DecodeError>),
    /// The response body is larger than the client's bound.
    BodyTooLarge(BodyTooLarge),
    /// The request did not complete within the timeout.
    Timeout(Timeout),
    /// The connection failed, was reset or closed early.
    Transport(Transport),
    /// A streamed body failed: a response stream stalled, broke off, outgrew its
    /// bound or sent an event that does not decode, or a one-shot request body
    /// could not be sent again for a retry.
    Stream(Box<StreamError>),
}

impl<E> Error<E> {
    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) | Error::MissingCredentials(_) => None,
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyTooLarge(e) => Some(e.status),
            Error::Timeout(e) => e.status,
            Error::Transport(e) => e.status,
            Error::Stream(e) => e.status,
        }
    }

    /// How many attempts were made (0 if the request was refused before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::InvalidRequest(_) | Error::MissingCredentials(_) => 0,
            Error::Api(e) => e.attempts,
            Error::UnexpectedStatus(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::BodyTooLarge(e) => e.attempts,
            Error::Timeout(e) => e.attempts,
            Error::Transport(e) => e.attempts,
            Error::Stream(e) => e.attempts,
        }
    }

    /// The server's request id, when a response arrived and carried one in one of
    /// the client's request-id headers (`x-request-id`, `request-id`, ... by default).
    pub fn request_id(&self) -> Option<&str> {
        let id = match self {
            Error::Api(e) => &e.request_id,
            Error::UnexpectedStatus(e) => &e.request_id,
            Error::Decode(e) => &e.request_id,
            Error::BodyTooLarge(e) => &e.request_id,
            Error::Timeout(e) => &e.request_id,
            Error::Transport(e) => &e.request_id,
            Error::Stream(e) => &e.request_id,
            _ => return None,
        };
        id.as_deref()
    }

    /// The typed body of a documented error status.
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.body),
            _ => None,
        }
    }
}

impl Error<Infallible> {
    /// Converts an error that cannot hold an API error body into any operation's error.
    pub(crate) fn widen<E>(self) -> Error<E> {
        match self {
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
            Error::MissingCredentials(e) => Error::MissingCredentials(e),
            Error::Api(e) => match e.body {},
            Error::UnexpectedStatus(e) => Error::UnexpectedStatus(e),
            Error::Decode(e) => Error::Decode(e),
            Error::BodyTooLarge(e) => Error::BodyTooLarge(e),
            Error::Timeout(e) => Error::Timeout(e),
            Error::Transport(e) => Error::Transport(e),
            Error::Stream(e) => Error::Stream(e),
        }
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<DecodeError> for Error<E> {
    fn from(error: DecodeError) -> Self {
        Error::Decode(Box::new(error))
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => write!(f, "request not sent: {e}"),
            Error::MissingCredentials(e) => fmt::Display::fmt(e, f),
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::UnexpectedStatus(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::BodyTooLarge(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => fmt::Display::fmt(e, f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
            Error::Stream(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => f.debug_tuple("InvalidRequest").field(e).finish(),
            Error::MissingCredentials(e) => f.debug_tuple("MissingCredentials").field(e).finish(),
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::UnexpectedStatus(e) => f.debug_tuple("UnexpectedStatus").field(e).finish(),
            Error::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            Error::BodyTooLarge(e) => f.debug_tuple("BodyTooLarge").field(e).finish(),
            Error::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Stream(e) => f.debug_tuple("Stream").field(e).finish(),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(e) => Some(e),
            Error::Transport(e) => Some(&e.source),
            Error::Stream(e) => e.source.as_ref().map(|source| source as &(dyn std::error::Error + 'static)),
            _ => None,
        }
    }
}

/// No configured credentials satisfy an operation's security requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingCredentials {
    pub(super) required: String,
}

impl MissingCredentials {
    /// The security schemes the operation accepts, e.g. `ApiKey + BearerToken`.
    pub fn required(&self) -> &str {
        &self.required
    }
}

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "request not sent: no credentials for this operation; configure {}", self.required)
    }
}

/// A documented error status and its typed body.
pub struct ApiError<E> {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: E,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl<E> ApiError<E> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The typed error body.
    pub fn body(&self) -> &E {
        &self.body
    }

    /// The typed error body, consuming the error.
    pub fn into_body(self) -> E {
        self.body
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("body", &self.body)
            .field("attempts", &self.attempts)
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the server answered {}", self.status)?;
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}

/// ` (after 3 attempts; request id abc)`, or the part of it that applies.
pub(super) fn attempts_suffix(f: &mut fmt::Formatter<'_>, attempts: u32, request_id: Option<&str>) -> fmt::Result {
    match (attempts > 1, request_id) {
        (true, Some(id)) => write!(f, " (after {attempts} attempts; request id {id})"),
        (true, None) => write!(f, " (after {attempts} attempts)"),
        (false, Some(id)) => write!(f, " (request id {id})"),
        (false, None) => Ok(()),
    }
}

/// A status the spec does not document for the operation.
pub struct UnexpectedStatus {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) body_len: usize,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl UnexpectedStatus {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The start of the body (at most 64 KiB).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The start of the body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Debug for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedStatus")
            .field("status", &self.status)
            .field("body_len", &self.body_len)
            .field("attempts", &self.attempts)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected status {} with a {}-byte body", self.status, self.body_len)?;
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}

/// A response body that does not match the spec.
#[derive(Clone)]
pub struct DecodeError {
    pub(super) status: StatusCode,
    pub(super) content_type: Option<String>,
    pub(super) snippet: String,
    pub(super) message: String,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl DecodeError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's `Content-Type`, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The first bytes of the body (invalid UTF-8 replaced).
    pub fn snippet(&self) -> &str {
        &self.snippet
    }

    /// Why decoding failed.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("message", &self.message)
            .field("attempts", &self.attempts)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the {} response", self.status)?;
        if let Some(content_type) = &self.content_type {
            write!(f, " ({content_type})")?;
        }
        write!(f, ": {}", self.message)?;
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}

/// A response body larger than the client's bound.
#[derive(Clone, Debug)]
pub struct BodyTooLarge {
    pub(super) status: StatusCode,
    pub(super) limit: usize,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl BodyTooLarge {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The bound, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response body exceeds the {}-byte bound", self.status, self.limit)?;
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}

/// The request did not complete within its timeout.
#[derive(Clone, Debug)]
pub struct Timeout {
    pub(super) status: Option<StatusCode>,
    pub(super) elapsed: Duration,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl Timeout {
    /// The status, if the response headers arrived before the timeout.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Time from the first attempt until giving up.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the request timed out after {:.1?}", self.elapsed)?;
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}

/// The connection failed, or was reset or closed before the response was complete.
#[derive(Debug)]
pub struct Transport {
    pub(super) source: reqwest::Error,
    pub(super) status: Option<StatusCode>,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl Transport {
    /// The underlying error.
    pub fn source(&self) -> &reqwest::Error {
        &self.source
    }

    /// The status, if the response headers arrived before the failure.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Whether the connection could not be established (the server never saw the request).
    pub fn is_connect(&self) -> bool {
        self.source.is_connect()
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.source)?;
        let mut source = std::error::Error::source(&self.source);
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}
