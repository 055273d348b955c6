// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Sending a request: assembling its URL and headers, then attempts with a
//! timeout each, retrying as the `retry` module decides, until a response is
//! read in full or the retries run out.

use std::convert::Infallible;
use std::time::Instant;

use super::{
    BodyTooLarge, Core, Error, HeaderValue, InvalidRequest, Raw, ReadError, Request, RequestOptions, StatusCode,
    Timeout, Transport, backoff, find_request_id, is_idempotent, read_bounded, retry_after, retryable_status,
};

impl Core {
    /// Sends a request with retries, and reads its response body within the
    /// size bound. Errors carry the number of attempts made.
    #[cfg(not(feature = "tracing"))]
    pub(crate) async fn execute(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
        self.attempts(options, request).await
    }

    /// Sends a request with retries, and reads its response body within the
    /// size bound, in a span of its own. Errors carry the number of attempts made.
    #[cfg(feature = "tracing")]
    pub(crate) async fn execute(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
        let (operation, method) = (request.operation, request.method.clone());
        super::trace::traced(operation, &method, self.attempts(options, request), |raw| (raw.status(), raw.attempts)).await
    }

    /// The attempts of a call.
    async fn attempts(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
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
        let timeout = options.timeout.unwrap_or(self.timeout);
        let max_retries = options.max_retries.unwrap_or(self.max_retries);
        let repeatable = is_idempotent(&request.method) || options.retry_non_idempotent;
        let http = &self.http;
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let retries_left = attempts <= max_retries;
            // Built directly rather than through `RequestBuilder::headers`, which
            // would insert every header again into a new map.
            let mut attempt = reqwest::Request::new(request.method.clone(), url.clone());
            *attempt.headers_mut() = headers.clone();
            *attempt.timeout_mut() = Some(timeout);
            if let Some(body) = &request.body {
                *attempt.body_mut() = Some(body.bytes.clone().into());
            }
            let mut response = match self.send(http, attempt).await {
                Ok(response) => response,
                Err(error) => {
                    // A connection that was never established means the server never saw the request.
                    let never_sent = error.is_connect();
                    if retries_left && (repeatable || never_sent) {
                        let delay = backoff(self.initial_backoff, self.max_backoff, attempts);
                        #[cfg(feature = "tracing")]
                        super::trace::retrying(if error.is_timeout() { "timeout" } else { "connection failed" }, attempts, delay);
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(transport_error(error, attempts, None, started));
                }
            };
            let status = response.status();
            if retries_left && retryable_status(status, repeatable) {
                let delay = match retry_after(response.headers()) {
                    Some(delay) if delay > self.max_retry_after => None,
                    Some(delay) => Some(delay),
                    None => Some(backoff(self.initial_backoff, self.max_backoff, attempts)),
                };
                if let Some(delay) = delay {
                    drop(response);
                    #[cfg(feature = "tracing")]
                    super::trace::retrying(status.as_str(), attempts, delay);
                    tokio::time::sleep(delay).await;
                    continue;
                }
            }
            let request_id = find_request_id(response.headers(), &self.request_id_headers);
            // Reading the body does not need the headers: take them instead of copying.
            let headers = std::mem::take(response.headers_mut());
            match read_bounded(response, self.max_response_bytes).await {
                Ok(body) => return Ok(Raw { status, headers, body, attempts, request_id }),
                Err(ReadError::TooLarge) => {
                    let limit = self.max_response_bytes;
                    return Err(Error::BodyTooLarge(BodyTooLarge { status, limit, attempts, request_id }));
                }
                Err(ReadError::Transport(error)) => {
                    if retries_left && repeatable {
                        let delay = backoff(self.initial_backoff, self.max_backoff, attempts);
                        #[cfg(feature = "tracing")]
                        super::trace::retrying("body interrupted", attempts, delay);
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(transport_error(error, attempts, Some((status, request_id)), started));
                }
            }
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
