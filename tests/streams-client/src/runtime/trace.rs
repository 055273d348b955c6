// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Tracing, with the crate's `tracing` feature: one span per call, named for
//! its operation (`otel.name`), with OpenTelemetry's HTTP client attributes
//! (`http.request.method`, `url.full`, `server.address`, `server.port`,
//! `http.response.status_code`, `http.request.resend_count`), and an event per
//! retry with its reason and delay. `url.full` has no user info and no query
//! values (each is `REDACTED`: a query may carry an API key or a secret
//! parameter); no header, cookie or body is recorded. Without the feature
//! nothing here is compiled, and a call does no tracing work at all.
#![cfg(feature = "tracing")]

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use tracing::Instrument;
use tracing::field::Empty;

use super::{Error, Method};

/// Runs `call` (the attempts of one call) inside a span for the operation
/// `operation`, and records its outcome; `seen` gives the status and the
/// number of attempts of a success.
pub(super) async fn traced<T>(
    operation: &'static str,
    method: &Method,
    call: impl Future<Output = Result<T, Error<Infallible>>>,
    seen: fn(&T) -> (u16, u32),
) -> Result<T, Error<Infallible>> {
    let span = call_span(operation, method);
    let result = call.instrument(span.clone()).await;
    match &result {
        Ok(value) => {
            let (status, attempts) = seen(value);
            // An error status is an error of the call (it becomes one of the operation's).
            let error = (status >= 400).then(|| status.to_string());
            record_outcome(&span, Some(status), attempts, error.as_deref());
        }
        Err(error) => {
            record_outcome(&span, error.status().map(|s| s.as_u16()), error.attempts(), Some(error_type(error)))
        }
    }
    result
}

/// The span of one call of the operation `operation`.
fn call_span(operation: &'static str, method: &Method) -> tracing::Span {
    tracing::info_span!(
        "request",
        otel.name = operation,
        otel.kind = "client",
        http.request.method = method.as_str(),
        url.full = Empty,
        server.address = Empty,
        server.port = Empty,
        http.response.status_code = Empty,
        http.request.resend_count = Empty,
        error.type = Empty,
    )
}

/// Records the URL of the current call's span.
pub(super) fn record_url(url: &reqwest::Url) {
    let span = tracing::Span::current();
    if span.is_disabled() {
        return;
    }
    let mut shown = url.clone();
    // Only fails for URLs that cannot have user info, which then have none.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    if url.query().is_some() {
        let names: Vec<String> = url.query_pairs().map(|(name, _)| format!("{name}=REDACTED")).collect();
        shown.set_query(Some(&names.join("&")));
    }
    span.record("url.full", shown.as_str());
    if let Some(host) = url.host_str() {
        span.record("server.address", host);
    }
    if let Some(port) = url.port_or_known_default() {
        span.record("server.port", port);
    }
}

/// An event for a retry: why, after which attempt, and how long until the next.
pub(super) fn retrying(reason: &str, attempt: u32, delay: Duration) {
    tracing::info!(reason, attempt, delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX), "retrying");
}

/// Records how the call ended on its span: the status, the number of resends
/// and, for a failure, its kind.
fn record_outcome(span: &tracing::Span, status: Option<u16>, attempts: u32, error: Option<&str>) {
    if let Some(status) = status {
        span.record("http.response.status_code", status);
    }
    if attempts > 1 {
        span.record("http.request.resend_count", attempts - 1);
    }
    if let Some(error) = error {
        span.record("error.type", error);
    }
}

/// The `error.type` of an error.
fn error_type<E>(error: &Error<E>) -> &'static str {
    match error {
        Error::Timeout(_) => "timeout",
        Error::Transport(_) => "transport",
        Error::InvalidRequest(_) | Error::MissingCredentials(_) => "invalid_request",
        Error::BodyTooLarge(_) => "body_too_large",
        _ => "response",
    }
}
