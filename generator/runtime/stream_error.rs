//! [`StreamError`]: the error of a streamed body that breaks off, stalls, grows
//! past its bound or does not decode, or of a one-shot upload that cannot be
//! sent again.

use std::fmt;

use super::StatusCode;
use super::error::attempts_suffix;

/// What went wrong with a streamed body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamErrorKind {
    /// Nothing arrived for the idle timeout; the stream ends.
    Stalled,
    /// The connection failed, or ended in the middle of an event; the stream ends.
    Interrupted,
    /// A line or an event is larger than the bound, or the body than the response bound; the stream ends.
    TooLarge,
    /// An event's data does not match its type. The stream goes on: the next item is the next event.
    Decode,
    /// The request was not retried: its body is a one-shot stream, already sent once.
    NotReplayable,
}

/// A streamed body that failed: a response stream that stalled, broke off,
/// outgrew its bound or sent an event that does not decode, or a request whose
/// one-shot body could not be sent again for a retry.
///
/// Its `Display` and `Debug` output never contain what the server sent; the raw
/// data of an event that does not decode is kept for [`StreamError::data`].
pub struct StreamError {
    pub(super) kind: StreamErrorKind,
    pub(super) status: Option<StatusCode>,
    pub(super) received: u64,
    pub(super) attempts: u32,
    pub(super) message: String,
    pub(super) data: Option<String>,
    pub(super) source: Option<reqwest::Error>,
    pub(super) request_id: Option<Box<str>>,
}

impl StreamError {
    pub(super) fn new(kind: StreamErrorKind, status: Option<StatusCode>, attempts: u32, message: String) -> Self {
        StreamError { kind, status, received: 0, attempts, message, data: None, source: None, request_id: None }
    }

    /// What went wrong.
    pub fn kind(&self) -> StreamErrorKind {
        self.kind
    }

    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// How many events (for an event stream) or bytes (for a byte stream)
    /// arrived before this error.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The server's request id, when the response carried one in one of the
    /// client's request-id headers.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The raw `data` of an event that does not decode ([`StreamErrorKind::Decode`]).
    /// It is what the server sent, so it is not part of the error's `Display` or `Debug` output.
    pub fn data(&self) -> Option<&str> {
        self.data.as_deref()
    }

    /// The connection error behind an [`StreamErrorKind::Interrupted`] stream, if there is one.
    pub fn source(&self) -> Option<&reqwest::Error> {
        self.source.as_ref()
    }
}

impl fmt::Debug for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("received", &self.received)
            .field("attempts", &self.attempts)
            .field("message", &self.message)
            .field("source", &self.source)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for StreamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let mut source = self.source.as_ref().map(|error| error as &(dyn std::error::Error + 'static));
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        attempts_suffix(f, self.attempts, self.request_id.as_deref())
    }
}
