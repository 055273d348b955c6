//! Responses: reading the body within its size bound, the typed [`Response`],
//! and decoding JSON and empty bodies as the operations' documented statuses
//! say.

use std::fmt;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::{ApiError, DecodeError, Error, HeaderMap, HeaderName, StatusCode, UnexpectedStatus, redact_values};

/// How many bytes of a response body an error keeps for inspection.
const ERROR_BODY_KEEP: usize = 64 * 1024;
/// How many bytes of a body an error's snippet shows.
const SNIPPET_LEN: usize = 256;

/// Why a response body could not be read.
pub(super) enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads a response body, refusing one larger than `limit` bytes (before
/// reading it, when `Content-Length` says so).
pub(super) async fn read_bounded(mut response: reqwest::Response, limit: usize) -> Result<Bytes, ReadError> {
    if let Some(length) = response.content_length() {
        if length > limit as u64 {
            return Err(ReadError::TooLarge);
        }
    }
    let mut first: Option<Bytes> = None;
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let total = first.as_ref().map_or(0, Bytes::len) + buffer.len() + chunk.len();
                if total > limit {
                    return Err(ReadError::TooLarge);
                }
                match first.take() {
                    None if buffer.is_empty() => first = Some(chunk),
                    None => buffer.extend_from_slice(&chunk),
                    Some(previous) => {
                        buffer.reserve(previous.len() + chunk.len());
                        buffer.extend_from_slice(&previous);
                        buffer.extend_from_slice(&chunk);
                    }
                }
            }
            Ok(None) => break,
            Err(error) => return Err(ReadError::Transport(error)),
        }
    }
    Ok(match first {
        Some(only) => only,
        None => Bytes::from(buffer),
    })
}

/// A successful response: its status, headers and typed body.
///
/// It dereferences to the body, so fields can be read directly.
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<Box<str>>,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The server's request id, from the first of the client's request-id headers
    /// (`x-request-id`, `request-id`, ... by default) that the response carries.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The typed body, consuming the response.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &names)
            .field("request_id", &self.request_id)
            .field("body", &self.body)
            .finish()
    }
}

/// A response read in full, before decoding.
pub(crate) struct Raw {
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) attempts: u32,
    pub(super) request_id: Option<Box<str>>,
}

impl Raw {
    pub(crate) fn status(&self) -> u16 {
        self.status.as_u16()
    }

    pub(super) fn content_type(&self) -> Option<String> {
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    pub(super) fn respond<T>(self, body: T) -> Response<T> {
        Response { status: self.status, headers: self.headers, request_id: self.request_id, body }
    }

    pub(super) fn api_error<E>(self, body: E) -> Error<E> {
        Error::Api(Box::new(ApiError {
            status: self.status,
            headers: self.headers,
            body,
            attempts: self.attempts,
            request_id: self.request_id,
        }))
    }

    fn decode<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|error| DecodeError {
            status: self.status,
            content_type: self.content_type(),
            snippet: snippet(&self.body),
            message: redact_values(&error.to_string()),
            attempts: self.attempts,
            request_id: self.request_id.clone(),
        })
    }
}

/// The decoders the operations call: for each documented status, the one for
/// its body, and [`Raw::unexpected`] for the others.
#[allow(dead_code, reason = "which of these an API calls depends on the responses its operations document")]
impl Raw {
    /// Decodes a JSON success body.
    pub(crate) fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = self.decode()?;
        Ok(self.respond(body))
    }

    /// Decodes a JSON success body into one variant of a response enum.
    pub(crate) fn json_into<T: DeserializeOwned, U, E>(self, wrap: fn(T) -> U) -> Result<Response<U>, Error<E>> {
        let body = self.decode()?;
        Ok(self.respond(wrap(body)))
    }

    /// A documented error status with a JSON body.
    pub(crate) fn json_error<T: DeserializeOwned, E>(self, wrap: fn(T) -> E) -> Error<E> {
        match self.decode::<T>() {
            Ok(body) => self.api_error(wrap(body)),
            Err(error) => Error::Decode(Box::new(error)),
        }
    }

    /// A success without a body (whatever the server sent is ignored).
    pub(crate) fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(self.respond(()))
    }

    /// A success without a body, as a variant of a response enum.
    pub(crate) fn empty_into<U, E>(self, value: U) -> Result<Response<U>, Error<E>> {
        Ok(self.respond(value))
    }

    /// A documented error status without a body.
    pub(crate) fn empty_error<E>(self, value: E) -> Error<E> {
        self.api_error(value)
    }

    /// A status the spec does not document for this operation.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        let keep = self.body.len().min(ERROR_BODY_KEEP);
        Error::UnexpectedStatus(Box::new(UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body_len: self.body.len(),
            body: self.body.slice(..keep),
            attempts: self.attempts,
            request_id: self.request_id,
        }))
    }
}

/// The first bytes of a body, for an error message.
pub(super) fn snippet(body: &[u8]) -> String {
    let cut = body.len().min(SNIPPET_LEN);
    String::from_utf8_lossy(&body[..cut]).into_owned()
}
