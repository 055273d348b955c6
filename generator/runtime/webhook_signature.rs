//! Verifying webhook requests signed as Standard Webhooks signs them
//! (<https://www.standardwebhooks.com>): the `webhook-signature` header holds
//! one or more space-separated `v1,<base64>` signatures, each an HMAC-SHA256 of
//! `<webhook-id>.<webhook-timestamp>.<body>` under the signing secret (base64,
//! after a `whsec_` prefix); a request is genuine when one of them matches
//! (compared in constant time) and its timestamp is within the tolerance of
//! now, so that a captured request cannot be replayed later. No error repeats
//! the secret or a signature.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use sha2::Sha256;

use super::Secret;

/// How far a request's timestamp may be from now, either way: five minutes, as
/// the Standard Webhooks libraries allow.
pub const SIGNATURE_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// Why a webhook request's signature does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// A header the scheme needs is absent, repeated or not text.
    #[error("the `{0}` header is missing, repeated or not text")]
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not a Unix time in seconds.
    #[error("the `webhook-timestamp` header is not a Unix time in seconds")]
    InvalidTimestamp,
    /// The timestamp is further from now than the tolerance: an old request replayed, or a wrong clock.
    #[error("the request's timestamp is {seconds} s from now, more than the {tolerance} s allowed")]
    OutsideTolerance {
        /// How far the timestamp is from now, in seconds.
        seconds: u64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
    /// The signing secret is not base64 (after its `whsec_` prefix).
    #[error("the signing secret is not base64 after its `whsec_` prefix")]
    InvalidSecret,
    /// No `v1` signature of the header matches the request.
    #[error("no `v1` signature of the `webhook-signature` header matches the request")]
    NoMatch,
}

/// Verifies the Standard Webhooks signature of a request with `headers` and
/// `body` under `secret`, at the time `now`.
pub(crate) fn verify_signature(
    headers: &HeaderMap,
    body: &[u8],
    secret: &Secret,
    now: SystemTime,
) -> Result<(), SignatureError> {
    let id = header(headers, "webhook-id")?;
    let timestamp = header(headers, "webhook-timestamp")?;
    let signatures = header(headers, "webhook-signature")?;
    let seconds: u64 = timestamp.parse().map_err(|_| SignatureError::InvalidTimestamp)?;
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
    let distance = now.abs_diff(seconds);
    if distance > SIGNATURE_TOLERANCE.as_secs() {
        return Err(SignatureError::OutsideTolerance { seconds: distance, tolerance: SIGNATURE_TOLERANCE.as_secs() });
    }
    let encoded = secret.expose();
    let key = STANDARD
        .decode(encoded.strip_prefix("whsec_").unwrap_or(encoded))
        .map_err(|_| SignatureError::InvalidSecret)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|_| SignatureError::InvalidSecret)?;
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    let candidates = signatures.split(' ').filter_map(|entry| entry.strip_prefix("v1,"));
    let mut matched = false;
    for candidate in candidates {
        if let Ok(signature) = STANDARD.decode(candidate) {
            // `verify_slice` compares in constant time.
            matched |= mac.clone().verify_slice(&signature).is_ok();
        }
    }
    if matched { Ok(()) } else { Err(SignatureError::NoMatch) }
}

/// The one value of the header `name`, as text.
fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, SignatureError> {
    let mut values = headers.get_all(name).iter();
    match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().map(str::trim).map_err(|_| SignatureError::MissingHeader(name)),
        _ => Err(SignatureError::MissingHeader(name)),
    }
}
