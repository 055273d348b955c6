//! Idempotency keys. A call of an operation that carries one (a header
//! parameter named `Idempotency-Key`, or the header the generator's
//! `idempotency-header` setting names) sends a fresh key, a random UUID,
//! unless the caller set that header; every retry of the call sends the same
//! key, so the server applies the request once however often it arrives, and
//! the call is retried as an idempotent one is (on 408, 5xx and failed
//! connections).

use super::{HeaderMap, HeaderName, HeaderValue, Request};

impl Request {
    /// Carries an idempotency key in the header `name` (lower case).
    pub(crate) fn idempotency_key(mut self, name: &'static str) -> Self {
        self.idempotency_key = HeaderName::from_bytes(name.as_bytes()).ok();
        self
    }
}

/// Puts a fresh key in the header `name` unless `headers` has one; whether the
/// request carries a key (and may so be repeated).
pub(super) fn add_idempotency_key(headers: &mut HeaderMap, name: Option<HeaderName>) -> bool {
    let Some(name) = name else { return false };
    if !headers.contains_key(&name) {
        let mut text = uuid::Uuid::encode_buffer();
        let key = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text);
        match HeaderValue::from_str(key) {
            Ok(value) => headers.insert(name, value),
            Err(_) => return false,
        };
    }
    true
}
