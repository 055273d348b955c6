//! Server-sent events (`text/event-stream`): a parser that follows the WHATWG
//! rules for reading an event stream, and [`EventStream`], the typed stream of
//! events an operation returns.
//!
//! The parser is written here rather than taken from a crate on purpose: the
//! usual one (`eventsource-stream`) keeps a line or an event in memory however
//! large it grows, so a server could make the client allocate without bound.
//! This one refuses a line, or an event's data, larger than the client's bound
//! (`max_event_bytes`, 1 MiB by default) and never holds more than that.
//!
//! The rules (<https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation>):
//! lines end with LF, CR or CRLF (also across chunk boundaries); a leading BOM is
//! ignored; a line starting with `:` is a comment (servers send them as
//! keep-alives); `field: value` drops one space after the colon; a line without a
//! colon is a field with an empty value; `data` lines are joined with `\n`; an
//! empty line dispatches the event, unless it has no data; `id` (without NUL) sets
//! the last event id, which later events keep; `retry` (digits only) sets the
//! reconnection time, which the next event dispatched reports. A `data: [DONE]` event (OpenAI's end marker) ends the stream.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::{
    BodyReader, Error, HeaderMap, ReadFailure, StatusCode, StreamError, StreamErrorKind, count, redact_values,
};

/// The data that ends an OpenAI-style stream.
const DONE: &str = "[DONE]";

/// One server-sent event: its data, decoded, and its `event`, `id` and `retry` fields.
#[derive(Clone, PartialEq)]
pub struct Event<T> {
    event: String,
    id: Option<String>,
    retry: Option<Duration>,
    data: T,
}

impl<T> Event<T> {
    /// The event's type: its `event` field, or `message` when it has none.
    pub fn event(&self) -> &str {
        &self.event
    }

    /// The last event id: the latest `id` field of the stream so far, if any.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The reconnection time the server asked for in a `retry` field since the
    /// previous event (in this event's block, or in a block of its own), if any.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// The decoded data.
    pub fn data(&self) -> &T {
        &self.data
    }

    /// The decoded data, consuming the event.
    pub fn into_data(self) -> T {
        self.data
    }
}

impl<T: fmt::Debug> fmt::Debug for Event<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("event", &self.event)
            .field("id", &self.id)
            .field("retry", &self.retry)
            .field("data", &self.data)
            .finish()
    }
}

/// An event as the parser reads it, before its data is decoded.
struct Frame {
    event: String,
    data: String,
    id: Option<String>,
    retry: Option<Duration>,
}

/// The bound was exceeded.
struct TooLarge;

/// The event-stream parser: bytes in, events out, never holding more than `max`
/// bytes of one line or of one event's data.
struct Parser {
    max: usize,
    /// The current line, when a chunk ended in the middle of it.
    line: Vec<u8>,
    /// The previous chunk ended with CR: an LF that starts the next one belongs to it.
    after_cr: bool,
    /// Whether the first line was seen (a BOM may start it).
    started: bool,
    event: String,
    data: String,
    id: Option<String>,
    retry: Option<Duration>,
    ready: VecDeque<Frame>,
}

impl Parser {
    fn new(max: usize) -> Self {
        Parser {
            max,
            line: Vec::new(),
            after_cr: false,
            started: false,
            event: String::new(),
            data: String::new(),
            id: None,
            retry: None,
            ready: VecDeque::new(),
        }
    }

    /// Reads a chunk; the events it completes wait in `ready`.
    fn feed(&mut self, mut chunk: &[u8]) -> Result<(), TooLarge> {
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            if chunk[0] == b'\n' {
                chunk = &chunk[1..];
            }
        }
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            if self.line.is_empty() {
                self.line_done(&chunk[..end])?;
            } else {
                if self.line.len() + end > self.max {
                    return Err(TooLarge);
                }
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(&chunk[..end]);
                self.line_done(&line)?;
                line.clear();
                self.line = line;
            }
            let mut next = end + 1;
            if chunk[end] == b'\r' {
                match chunk.get(next) {
                    Some(b'\n') => next += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            chunk = &chunk[next..];
        }
        if self.line.len() + chunk.len() > self.max {
            return Err(TooLarge);
        }
        self.line.extend_from_slice(chunk);
        Ok(())
    }

    /// Whether an event was under way: a line without its end, or fields without the empty line.
    fn in_event(&self) -> bool {
        !self.line.is_empty() || !self.data.is_empty() || !self.event.is_empty()
    }

    fn line_done(&mut self, line: &[u8]) -> Result<(), TooLarge> {
        let line = if self.started {
            line
        } else {
            self.started = true;
            line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
        };
        if line.len() > self.max {
            return Err(TooLarge);
        }
        if line.is_empty() {
            self.dispatch();
            return Ok(());
        }
        if line[0] == b':' {
            return Ok(());
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &[][..]),
        };
        match field {
            b"event" => self.event = String::from_utf8_lossy(value).into_owned(),
            b"data" => {
                if self.data.len() + value.len() + 1 > self.max {
                    return Err(TooLarge);
                }
                self.data.push_str(&String::from_utf8_lossy(value));
                self.data.push('\n');
            }
            b"id" if !value.contains(&0) => self.id = Some(String::from_utf8_lossy(value).into_owned()),
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                if let Some(millis) = std::str::from_utf8(value).ok().and_then(|v| v.parse::<u64>().ok()) {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The empty line: the event is complete, unless it has no data.
    fn dispatch(&mut self) {
        let event = std::mem::take(&mut self.event);
        if self.data.is_empty() {
            // A `retry` sent in a block of its own is reported by the next event.
            return;
        }
        let retry = self.retry.take();
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        let event = if event.is_empty() { "message".to_owned() } else { event };
        self.ready.push_back(Frame { event, data, id: self.id.clone(), retry });
    }
}

/// How an operation decodes an event's data (given the event's type and its data).
pub(crate) type Decode<T> = fn(&str, &str) -> Result<T, serde_json::Error>;

/// Decodes an event's data as JSON.
#[allow(dead_code, reason = "which decoder an API uses depends on its event streams")]
pub(crate) fn json_event<T: DeserializeOwned>(_event: &str, data: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(data)
}

/// Decodes an event whose type says what its data is: the spec describes each
/// event as an object of its `event` and its `data` (JSON, or else the text).
#[allow(dead_code, reason = "which decoder an API uses depends on its event streams")]
pub(crate) fn keyed_event<T: DeserializeOwned>(event: &str, data: &str) -> Result<T, serde_json::Error> {
    let data = serde_json::from_str(data).unwrap_or_else(|_| serde_json::Value::String(data.to_owned()));
    let mut object = serde_json::Map::new();
    object.insert("event".to_owned(), serde_json::Value::String(event.to_owned()));
    object.insert("data".to_owned(), data);
    serde_json::from_value(serde_json::Value::Object(object))
}

/// Keeps an event's data as text.
#[allow(dead_code, reason = "which decoder an API uses depends on its event streams")]
pub(crate) fn text_event(_event: &str, data: &str) -> Result<String, serde_json::Error> {
    Ok(data.to_owned())
}

/// The server-sent events of a response, each decoded into a `T`.
///
/// It is a [`Stream`](futures_core::Stream) of `Result<Event<T>, Error<E>>`, and
/// [`EventStream::next_event`] reads it without a stream library. The stream ends
/// after a `[DONE]` event or when the server ends the response between events. An
/// event that does not decode is an [`Error::Stream`] item of kind
/// [`StreamErrorKind::Decode`] holding the raw data, and the stream goes on. A
/// response that stalls for the idle timeout, breaks off in the middle of an event,
/// or sends a line or an event larger than the bound ends with an `Error::Stream`
/// saying so and how many events arrived. It is never sent again: retries happen
/// only before the response starts.
pub struct EventStream<T, E> {
    status: StatusCode,
    headers: HeaderMap,
    reader: BodyReader,
    parser: Parser,
    decode: Decode<T>,
    received: u64,
    attempts: u32,
    request_id: Option<Box<str>>,
    finished: bool,
    error: PhantomData<fn() -> E>,
}

impl<T, E> EventStream<T, E> {
    pub(super) fn new(
        status: StatusCode,
        headers: HeaderMap,
        reader: BodyReader,
        attempts: u32,
        request_id: Option<Box<str>>,
        max_event_bytes: usize,
        decode: Decode<T>,
    ) -> Self {
        EventStream {
            status,
            headers,
            reader,
            parser: Parser::new(max_event_bytes),
            decode,
            received: 0,
            attempts,
            request_id,
            finished: false,
            error: PhantomData,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// How many events arrived so far (the `[DONE]` marker is not one).
    pub fn received(&self) -> u64 {
        self.received
    }

    /// The next event; `None` when the stream has ended.
    pub async fn next_event(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        std::future::poll_fn(|cx| self.poll_event(cx)).await
    }

    fn fail(&mut self, kind: StreamErrorKind, message: String, source: Option<reqwest::Error>) -> Error<E> {
        self.finished = true;
        let mut error = StreamError::new(kind, Some(self.status), self.attempts, message);
        error.received = self.received;
        error.source = source;
        error.request_id = self.request_id.clone();
        Error::Stream(Box::new(error))
    }

    fn poll_event(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Event<T>, Error<E>>>> {
        loop {
            if let Some(frame) = self.parser.ready.pop_front() {
                if frame.data == DONE {
                    self.finished = true;
                    self.parser.ready.clear();
                    return Poll::Ready(None);
                }
                self.received += 1;
                return Poll::Ready(Some(match (self.decode)(&frame.event, &frame.data) {
                    Ok(data) => Ok(Event { event: frame.event, id: frame.id, retry: frame.retry, data }),
                    Err(error) => {
                        let message = format!(
                            "cannot decode event {} (`{}`) of the {} response: {}",
                            self.received,
                            frame.event,
                            self.status,
                            redact_values(&error.to_string())
                        );
                        let mut error =
                            StreamError::new(StreamErrorKind::Decode, Some(self.status), self.attempts, message);
                        error.received = self.received - 1;
                        error.data = Some(frame.data);
                        error.request_id = self.request_id.clone();
                        Err(Error::Stream(Box::new(error)))
                    }
                }));
            }
            if self.finished {
                return Poll::Ready(None);
            }
            let chunk = match self.reader.poll_chunk(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(chunk) => chunk,
            };
            let events = count(self.received, "event");
            match chunk {
                Ok(Some(bytes)) => {
                    if self.parser.feed(&bytes).is_err() {
                        let message = format!(
                            "a line or event of the {} event stream exceeds the {}-byte bound (after {events})",
                            self.status, self.parser.max
                        );
                        return Poll::Ready(Some(Err(self.fail(StreamErrorKind::TooLarge, message, None))));
                    }
                }
                Ok(None) => {
                    // An event without its closing empty line is not complete: it is never dispatched.
                    self.finished = true;
                    // A `[DONE]` without its closing empty line still ends the stream as it should.
                    let done = self.parser.line.is_empty() && self.parser.data.strip_suffix('\n') == Some(DONE);
                    if self.parser.in_event() && !done {
                        let message =
                            format!("the {} event stream ended in the middle of an event, after {events}", self.status);
                        return Poll::Ready(Some(Err(self.fail(StreamErrorKind::Interrupted, message, None))));
                    }
                }
                Err(ReadFailure::Stalled(idle)) => {
                    let message = format!(
                        "the {} event stream stalled: nothing arrived for {idle:.1?}, after {events}",
                        self.status
                    );
                    return Poll::Ready(Some(Err(self.fail(StreamErrorKind::Stalled, message, None))));
                }
                Err(ReadFailure::Transport(error)) => {
                    let message = format!("the {} event stream broke off after {events}", self.status);
                    return Poll::Ready(Some(Err(self.fail(StreamErrorKind::Interrupted, message, Some(error)))));
                }
            }
        }
    }
}

impl<T, E> futures_core::Stream for EventStream<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_event(cx)
    }
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("received", &self.received)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}
