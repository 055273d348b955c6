//! When to retry and how long to wait: which methods may be repeated, which
//! statuses are worth another attempt, exponential backoff with jitter, and
//! `Retry-After`.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use super::{HeaderMap, Method, StatusCode};

/// Whether a request with this method may be repeated safely.
pub(super) fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE)
        || method.as_str() == "QUERY"
}

/// Whether a response status is worth retrying, given whether the request may
/// be repeated safely.
pub(super) fn retryable_status(status: StatusCode, repeatable: bool) -> bool {
    match status.as_u16() {
        429 | 503 => true,
        408 | 500..=599 => repeatable,
        _ => false,
    }
}

/// The delay before retry number `retry` (1-based): exponential, capped, with
/// jitter in the upper half so that clients spread out.
pub(super) fn backoff(initial: Duration, max: Duration, retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(20);
    let full = initial.saturating_mul(1u32 << exponent).min(max);
    let half = full / 2;
    let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
    let jitter = if jitter_nanos == 0 { 0 } else { random_u64() % (jitter_nanos + 1) };
    half + Duration::from_nanos(jitter)
}

/// Parses `Retry-After`: delta seconds or an HTTP date.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    // Delay-seconds are digits only (RFC 9110 §10.2.3); more of them than a
    // `u64` holds is a wait longer than any bound.
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(text.parse::<u64>().map_or(Duration::MAX, Duration::from_secs));
    }
    let when = httpdate::parse_http_date(text).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A random number for jitter (and multipart boundaries): the standard
/// library's randomly keyed hasher over the current time.
pub(super) fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    hasher.finish()
}
