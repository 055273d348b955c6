// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Binary response bodies read as they arrive, without holding them in memory:
//! unbounded unless the caller sets a bound of their own.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;

use super::{BodyReader, BodyTooLarge, Error, HeaderMap, ReadFailure, StatusCode, StreamError, StreamErrorKind, count};

/// The body of a response as a stream of byte chunks, in the order they arrive.
///
/// It is a [`Stream`](futures_core::Stream) of `Result<Bytes, Error<E>>`, and
/// [`ByteStream::next_chunk`] reads it without a stream library. The client's
/// response size bound (`max_response_bytes`) is for the bodies it holds in
/// memory, and does not apply: a streamed body is as long as the server sends,
/// unless [`ByteStream::max_bytes`] sets a bound, counted as the bytes arrive (a
/// body that passes it ends with [`Error::BodyTooLarge`]). A response that
/// stalls for the idle timeout or breaks off ends with an [`Error::Stream`]
/// saying how many bytes arrived.
pub struct ByteStream<E> {
    status: StatusCode,
    headers: HeaderMap,
    reader: BodyReader,
    limit: Option<usize>,
    received: u64,
    attempts: u32,
    request_id: Option<Box<str>>,
    finished: bool,
    error: PhantomData<fn() -> E>,
}

impl<E> ByteStream<E> {
    pub(super) fn new(
        status: StatusCode,
        headers: HeaderMap,
        reader: BodyReader,
        attempts: u32,
        request_id: Option<Box<str>>,
    ) -> Self {
        ByteStream {
            status,
            headers,
            reader,
            limit: None,
            received: 0,
            attempts,
            request_id,
            finished: false,
            error: PhantomData,
        }
    }

    /// Bounds the body to `bytes`: a larger declared length (`Content-Length`)
    /// fails before anything is read, and a body that passes the bound as it
    /// arrives ends with [`Error::BodyTooLarge`]. Without it, a streamed body is
    /// unbounded.
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.limit = Some(bytes);
        self
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The declared length of the body (`Content-Length`), if the server sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.headers.get(reqwest::header::CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
    }

    /// How many bytes arrived so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, Error<E>>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    fn too_large(&mut self, limit: usize) -> Error<E> {
        self.finished = true;
        Error::BodyTooLarge(BodyTooLarge {
            status: self.status,
            limit,
            attempts: self.attempts,
            request_id: self.request_id.clone(),
        })
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error<E>>>> {
        if self.finished {
            return Poll::Ready(None);
        }
        if let Some(limit) = self.limit {
            if self.received == 0 && self.content_length().is_some_and(|length| length > limit as u64) {
                return Poll::Ready(Some(Err(self.too_large(limit))));
            }
        }
        let chunk = match self.reader.poll_chunk(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(chunk) => chunk,
        };
        let failure = |stream: &mut Self, kind, message: String, source| {
            stream.finished = true;
            let mut error = StreamError::new(kind, Some(stream.status), stream.attempts, message);
            error.received = stream.received;
            error.source = source;
            error.request_id = stream.request_id.clone();
            Error::Stream(Box::new(error))
        };
        Poll::Ready(match chunk {
            Ok(Some(bytes)) => {
                self.received += bytes.len() as u64;
                match self.limit {
                    Some(limit) if self.received > limit as u64 => Some(Err(self.too_large(limit))),
                    _ => Some(Ok(bytes)),
                }
            }
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(ReadFailure::Stalled(idle)) => {
                let message = format!(
                    "the {} response body stalled: nothing arrived for {idle:.1?}, after {}",
                    self.status,
                    count(self.received, "byte")
                );
                Some(Err(failure(self, StreamErrorKind::Stalled, message, None)))
            }
            Err(ReadFailure::Transport(error)) => {
                let message =
                    format!("the {} response body broke off after {}", self.status, count(self.received, "byte"));
                Some(Err(failure(self, StreamErrorKind::Interrupted, message, Some(error))))
            }
        })
    }
}

impl<E> futures_core::Stream for ByteStream<E> {
    type Item = Result<Bytes, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_chunk(cx)
    }
}

impl<E> fmt::Debug for ByteStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("received", &self.received)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}
