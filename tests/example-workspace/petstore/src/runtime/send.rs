// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Sending a request: assembling its URL and headers, then attempts with a
//! timeout each, retrying as the `retry` module decides. `Core::execute` reads
//! the response in full; `Core::open`, in a client with streamed responses,
//! stops once its head has arrived, so that the body can be read as a stream.
//!
//! Each attempt is bounded by the timeout, from connecting until the response
//! is read (for a stream: until its head has arrived; then the idle timeout
//! bounds each wait for more). A stream is never sent again once its response
//! has started, and a request whose body is a one-shot stream is never retried.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use super::{
    BodyTooLarge, Core, Error, HeaderMap, HeaderValue, InvalidRequest, Raw, ReadError, Request, RequestOptions,
    StatusCode, Timeout, Transport, backoff, find_request_id, is_idempotent, read_bounded, retry_after,
    retryable_status,
};

/// A response whose head has arrived; its body is still to be read.
pub(crate) struct Opened {
    status: StatusCode,
    headers: HeaderMap,
    response: reqwest::Response,
    attempts: u32,
    request_id: Option<Box<str>>,
    /// When the attempt that got it times out (for reading the body in full).
    deadline: tokio::time::Instant,
    started: Instant,
    max_response_bytes: usize,
}

impl Opened {
    /// Reads the body in full, within the size bound and the attempt's timeout.
    pub(crate) async fn read(self) -> Result<Raw, Error<Infallible>> {
        let Opened { status, headers, response, attempts, request_id, deadline, started, max_response_bytes, .. } =
            self;
        match tokio::time::timeout_at(deadline, read_bounded(response, max_response_bytes)).await {
            Ok(Ok(body)) => Ok(Raw { status, headers, body, attempts, request_id }),
            Ok(Err(ReadError::TooLarge)) => {
                Err(Error::BodyTooLarge(BodyTooLarge { status, limit: max_response_bytes, attempts, request_id }))
            }
            Ok(Err(ReadError::Transport(error))) => {
                Err(transport_error(error, attempts, Some((status, request_id)), started))
            }
            Err(_) => {
                let elapsed = started.elapsed();
                Err(Error::Timeout(Timeout { attempts, status: Some(status), elapsed, request_id }))
            }
        }
    }
}

impl Core {
    /// Sends a request with retries, and reads its response body within the
    /// size bound. Errors carry the number of attempts made.
    #[allow(dead_code, reason = "an API whose every operation streams its response never reads one in full")]
    pub(crate) async fn execute(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
        #[cfg(feature = "tracing")]
        let (operation, method) = (request.operation, request.method.clone());
        let call = self.read_in_full(options, request);
        #[cfg(feature = "tracing")]
        let call = super::trace::traced(operation, &method, call, |raw| (raw.status(), raw.attempts));
        call.await
    }

    /// The attempts of a call whose response is read in full.
    async fn read_in_full(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
        let mut attempts = self.attempts(options, request)?;
        loop {
            let opened = attempts.head().await?;
            match opened.read().await {
                Err(error @ (Error::Transport(_) | Error::Timeout(_))) if attempts.may_retry() => {
                    let delay = backoff(self.initial_backoff, self.max_backoff, attempts.count);
                    attempts.retry(Cause::Failed(error), delay).await?;
                }
                read => return read,
            }
        }
    }

    /// The URL and headers of a request, ready for its attempts.
    fn attempts<'a>(&'a self, options: &RequestOptions, request: Request) -> Result<Attempts<'a>, Error<Infallible>> {
        let started = Instant::now();
        let mut url = String::with_capacity(self.base_url.len() + request.path.len() + 16);
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        let mut query = request.query;
        let mut headers = self.headers.clone();
        // A header set for the call replaces the client's default of the same name.
        for name in options.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &options.headers {
            headers.append(name.clone(), value.clone());
        }
        for (name, value) in &request.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut cookies = request.cookies;
        self.apply_credentials(request.security, &mut headers, &mut query, &mut cookies)?;
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies).map_err(|_| {
                Error::InvalidRequest(InvalidRequest::new(
                    "cookie",
                    "contains characters not allowed in an HTTP header",
                ))
            })?;
            value.set_sensitive(true);
            headers.insert(reqwest::header::COOKIE, value);
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.into_string());
        }
        let url =
            reqwest::Url::parse(&url).map_err(|e| Error::InvalidRequest(InvalidRequest::new("url", e.to_string())))?;
        #[cfg(feature = "tracing")]
        super::trace::record_url(&url);
        if let Some(body) = &request.body {
            headers.insert(reqwest::header::CONTENT_TYPE, body.content_type.clone());
        }
        let repeatable = is_idempotent(&request.method) || options.retry_non_idempotent;
        Ok(Attempts {
            core: self,
            repeatable,
            method: request.method,
            url,
            headers,
            body: request.body.map(|body| body.bytes),
            timeout: options.timeout.unwrap_or(self.timeout),
            max_retries: options.max_retries.unwrap_or(self.max_retries),
            count: 0,
            started,
        })
    }
}

/// The attempts of one request: what each sends, and how many were made.
struct Attempts<'a> {
    core: &'a Core,
    method: reqwest::Method,
    url: reqwest::Url,
    headers: HeaderMap,
    body: Option<bytes::Bytes>,
    timeout: Duration,
    max_retries: u32,
    repeatable: bool,
    count: u32,
    started: Instant,
}

impl Attempts<'_> {
    /// Whether a failure may be retried: retries are left and the method may be repeated.
    fn may_retry(&self) -> bool {
        self.count <= self.max_retries && self.repeatable
    }

    /// Waits `delay` before the next attempt; refuses when the body cannot be sent again.
    async fn retry(&mut self, cause: Cause, delay: Duration) -> Result<(), Error<Infallible>> {
        #[cfg(feature = "tracing")]
        super::trace::retrying(&cause.reason(), self.count, delay);
        drop(cause);
        tokio::time::sleep(delay).await;
        Ok(())
    }

    /// Attempts until a response's head arrives (or the retries run out), each within the timeout.
    async fn head(&mut self) -> Result<Opened, Error<Infallible>> {
        let core = self.core;
        let http = &core.http;
        loop {
            self.count += 1;
            let attempts = self.count;
            let retries_left = attempts <= self.max_retries;
            let deadline = tokio::time::Instant::now() + self.timeout;
            let backoff = backoff(core.initial_backoff, core.max_backoff, attempts);
            // Built directly rather than through `RequestBuilder::headers`, which
            // would insert every header again into a new map.
            let mut attempt = reqwest::Request::new(self.method.clone(), self.url.clone());
            *attempt.headers_mut() = self.headers.clone();
            if let Some(body) = &self.body {
                *attempt.body_mut() = Some(body.clone().into());
            }
            // Only the head is awaited here: the body may be a long stream.
            let mut response = match tokio::time::timeout_at(deadline, core.send(http, attempt)).await {
                Ok(Ok(response)) => response,
                Ok(Err(error)) => {
                    // A connection that was never established means the server never saw the request.
                    let never_sent = error.is_connect();
                    let error = transport_error(error, attempts, None, self.started);
                    if retries_left && (self.repeatable || never_sent) {
                        self.retry(Cause::Failed(error), backoff).await?;
                        continue;
                    }
                    return Err(error);
                }
                Err(_) => {
                    let elapsed = self.started.elapsed();
                    let error = Error::Timeout(Timeout { attempts, status: None, elapsed, request_id: None });
                    if self.may_retry() {
                        self.retry(Cause::Failed(error), backoff).await?;
                        continue;
                    }
                    return Err(error);
                }
            };
            let status = response.status();
            if retries_left && retryable_status(status, self.repeatable) {
                let delay = match retry_after(response.headers()) {
                    Some(delay) if delay > core.max_retry_after => None,
                    Some(delay) => Some(delay),
                    None => Some(backoff),
                };
                if let Some(delay) = delay {
                    drop(response);
                    self.retry(Cause::Status(status), delay).await?;
                    continue;
                }
            }
            let request_id = find_request_id(response.headers(), &core.request_id_headers);
            // Reading the body does not need the headers: take them instead of copying.
            let headers = std::mem::take(response.headers_mut());
            return Ok(Opened {
                status,
                headers,
                response,
                attempts,
                request_id,
                deadline,
                started: self.started,
                max_response_bytes: core.max_response_bytes,
            });
        }
    }
}

/// Why an attempt is retried.
#[allow(dead_code, reason = "read only to explain why the retry of a one-shot body is refused")]
enum Cause {
    /// It failed.
    Failed(Error<Infallible>),
    /// The server answered with a status worth retrying.
    Status(StatusCode),
}

#[cfg(feature = "tracing")]
impl Cause {
    /// The reason a retry event gives.
    fn reason(&self) -> String {
        match self {
            Cause::Failed(Error::Timeout(_)) => "timeout".to_owned(),
            Cause::Failed(Error::Transport(_)) => "connection failed".to_owned(),
            Cause::Failed(_) => "failed".to_owned(),
            Cause::Status(status) => status.as_str().to_owned(),
        }
    }
}

/// The error of a failed attempt; `response` is the status and request id of a
/// response whose head had arrived.
fn transport_error(
    error: reqwest::Error,
    attempts: u32,
    response: Option<(StatusCode, Option<Box<str>>)>,
    started: Instant,
) -> Error<Infallible> {
    // The URL may carry an API key in its query: never keep it in an error.
    let error = error.without_url();
    let (status, request_id) = response.map_or((None, None), |(status, id)| (Some(status), id));
    if error.is_timeout() {
        Error::Timeout(Timeout { attempts, status, elapsed: started.elapsed(), request_id })
    } else {
        Error::Transport(Transport { source: error, attempts, status, request_id })
    }
}

