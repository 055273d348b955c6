//! A client core whose wire is a [`Middleware`] that records every attempt
//! (method, URL, headers, body bytes, when it was sent) and answers it from a
//! script, without a socket: what the runtime puts on the wire, read exactly.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body as _, Frame};

use crate::runtime::{
    Core, Error, HeaderMap, Method, Middleware, MiddlewareFuture, Next, Raw, Request, RequestOptions, Settings,
};

/// The base URL of the scripted server.
pub(super) const BASE: &str = "http://api.test";

/// One attempt as it went out (its method is the request's).
#[derive(Debug)]
pub(super) struct Sent {
    pub(super) url: String,
    pub(super) headers: HeaderMap,
    pub(super) body: Vec<u8>,
    /// When it was sent, on tokio's clock.
    pub(super) at: tokio::time::Instant,
}

impl Sent {
    /// The URL's query, as sent.
    pub(super) fn query(&self) -> &str {
        self.url.split_once('?').map_or("", |(_, query)| query)
    }

    /// A header's value as text.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// The answer to one attempt.
pub(super) type Answer = http::Response<reqwest::Body>;

/// The scripted server: records attempts and answers attempt `n` (0-based).
pub(super) struct Wire {
    sent: Mutex<Vec<Sent>>,
    answer: Box<dyn Fn(usize) -> Answer + Send + Sync>,
}

impl Wire {
    /// A server that answers every attempt with `answer(n)`.
    pub(super) fn new(answer: impl Fn(usize) -> Answer + Send + Sync + 'static) -> Arc<Self> {
        Arc::new(Wire { sent: Mutex::new(Vec::new()), answer: Box::new(answer) })
    }

    /// A server that answers every attempt `200` with an empty body.
    pub(super) fn ok() -> Arc<Self> {
        Wire::new(|_| answer(200, &[], ""))
    }

    /// The attempts sent so far, taken.
    pub(super) fn take(&self) -> Vec<Sent> {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }
}

impl Middleware for Wire {
    fn handle<'a>(&'a self, mut request: reqwest::Request, _next: Next<'a>) -> MiddlewareFuture<'a> {
        Box::pin(async move {
            let at = tokio::time::Instant::now();
            let mut body = Vec::new();
            if let Some(mut stream) = request.body_mut().take() {
                while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_frame(cx)).await {
                    if let Ok(data) = frame?.into_data() {
                        body.extend_from_slice(&data);
                    }
                }
            }
            let sent = Sent { url: request.url().to_string(), headers: request.headers().clone(), body, at };
            let n = {
                let mut all = self.sent.lock().unwrap();
                all.push(sent);
                all.len() - 1
            };
            Ok(reqwest::Response::from((self.answer)(n)))
        })
    }
}

/// A response with a status, headers and a body.
pub(super) fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(reqwest::Body::from(body.to_owned())).unwrap()
}

/// A response whose body arrives in these chunks, then fails with `failure` if given.
pub(super) fn chunked(status: u16, content_type: &str, chunks: &[&[u8]], failure: Option<&str>) -> Answer {
    let body = Chunks {
        chunks: chunks.iter().map(|chunk| Bytes::copy_from_slice(chunk)).collect(),
        failure: failure.map(str::to_owned),
    };
    http::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(reqwest::Body::wrap(body))
        .unwrap()
}

/// A body of given chunks.
struct Chunks {
    chunks: VecDeque<Bytes>,
    failure: Option<String>,
}

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        match this.chunks.pop_front() {
            Some(chunk) => Poll::Ready(Some(Ok(Frame::data(chunk)))),
            None => Poll::Ready(this.failure.take().map(|message| Err(io::Error::other(message)))),
        }
    }
}

/// A client core that sends through `wire`, with the settings `configure` sets.
pub(super) fn core(wire: &Arc<Wire>, configure: impl FnOnce(&mut Settings)) -> Core {
    let mut settings = Settings::new(Some(BASE));
    settings.middleware.push(wire.clone());
    configure(&mut settings);
    settings.build(&[], Vec::new()).unwrap()
}

/// Sends `request` through a core without retries and returns what went out.
pub(super) async fn send(request: Request) -> Result<Sent, Error<Infallible>> {
    let wire = Wire::ok();
    let core = core(&wire, |settings| settings.max_retries = 0);
    core.execute(&RequestOptions::new(), request).await?;
    Ok(wire.take().pop().unwrap())
}

/// A `GET /items` request.
pub(super) fn get() -> Request {
    Request::new(Method::GET, "/items".to_owned(), "list")
}

/// Calls `request` through `core` and returns its response.
pub(super) async fn call(core: &Core, options: &RequestOptions, request: Request) -> Raw {
    core.execute(options, request).await.unwrap()
}
