// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Reading a response body as it arrives, chunk by chunk: the timeout that
//! covers a whole buffered request would end a long stream, so once the
//! response has started, a bound on the silence between two chunks (the idle
//! timeout) applies instead.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::Body as _;

/// A response body read chunk by chunk, failing when no chunk arrives within the idle timeout.
pub(super) struct BodyReader {
    body: reqwest::Body,
    idle: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
}

/// Why reading a body chunk by chunk stopped early.
pub(super) enum ReadFailure {
    /// Nothing arrived within the idle timeout.
    Stalled(Duration),
    /// The connection failed (reset, closed before the declared length, ...).
    Transport(reqwest::Error),
}

impl BodyReader {
    pub(super) fn new(response: reqwest::Response, idle: Duration) -> Self {
        BodyReader { body: reqwest::Body::from(response), idle, deadline: Box::pin(tokio::time::sleep(idle)) }
    }

    /// The next chunk of the body; `None` at its end.
    pub(super) fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Result<Option<Bytes>, ReadFailure>> {
        loop {
            match Pin::new(&mut self.body).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                    Ok(data) if !data.is_empty() => {
                        let next = tokio::time::Instant::now() + self.idle;
                        self.deadline.as_mut().reset(next);
                        return Poll::Ready(Ok(Some(data)));
                    }
                    // Empty chunks and trailers carry nothing to read.
                    _ => continue,
                },
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Err(ReadFailure::Transport(error.without_url()))),
                Poll::Ready(None) => return Poll::Ready(Ok(None)),
                Poll::Pending => {
                    return match self.deadline.as_mut().poll(cx) {
                        Poll::Ready(()) => Poll::Ready(Err(ReadFailure::Stalled(self.idle))),
                        Poll::Pending => Poll::Pending,
                    };
                }
            }
        }
    }
}

/// "1 event", "3 events", "1 byte".
pub(super) fn count(n: u64, unit: &str) -> String {
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}
