//! A request under construction: method, path, query string, headers,
//! cookies, body and security requirement. The parameter and body modules add
//! the builder methods their operations need.

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

#[cfg(feature = "idempotency")]
use super::HeaderName;
#[cfg(feature = "upload")]
use super::Payload;
use super::{HeaderMap, HeaderValue, Method};

/// Everything but RFC 3986 unreserved characters is percent-encoded, so that a
/// value can never add a path segment, a query or a fragment.
pub(super) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request ready to send.
pub(crate) struct Request {
    /// The operation's name, which names the span of the call.
    #[cfg(feature = "tracing")]
    pub(super) operation: &'static str,
    pub(super) method: Method,
    pub(super) path: String,
    pub(super) query: Query,
    pub(super) headers: HeaderMap,
    pub(super) cookies: String,
    pub(super) body: Option<Body>,
    #[cfg(feature = "upload")]
    pub(super) payload: Option<Payload>,
    pub(super) security: &'static [&'static [usize]],
    /// The scopes its security requirement lists for OAuth 2 schemes, by scheme index.
    #[cfg(feature = "token")]
    pub(super) scopes: &'static [(usize, &'static [&'static str])],
    /// Whether a redirect response is returned rather than followed.
    #[cfg(feature = "redirect")]
    pub(super) returns_redirects: bool,
    /// The header that carries the call's idempotency key.
    #[cfg(feature = "idempotency")]
    pub(super) idempotency_key: Option<HeaderName>,
}

impl Request {
    /// A request of the operation called `operation`.
    pub(crate) fn new(method: Method, path: String, operation: &'static str) -> Self {
        #[cfg(not(feature = "tracing"))]
        let _ = operation;
        Request {
            #[cfg(feature = "tracing")]
            operation,
            method,
            path,
            query: Query::new(),
            headers: HeaderMap::new(),
            cookies: String::new(),
            body: None,
            #[cfg(feature = "upload")]
            payload: None,
            security: &[],
            #[cfg(feature = "token")]
            scopes: &[],
            #[cfg(feature = "redirect")]
            returns_redirects: false,
            #[cfg(feature = "idempotency")]
            idempotency_key: None,
        }
    }
}

/// An `application/x-www-form-urlencoded` string under construction: a query
/// string or a form body.
#[derive(Default)]
pub(crate) struct Query(String);

impl Query {
    pub(crate) fn new() -> Self {
        Query(String::new())
    }

    /// Appends `name=value`, both percent-encoded.
    pub(super) fn pair(&mut self, name: &str, value: &str) {
        self.raw_pair(name, &utf8_percent_encode(value, COMPONENT).to_string());
    }

    /// Appends `name=value`, the name percent-encoded, the value already escaped.
    pub(super) fn raw_pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.extend(utf8_percent_encode(name, COMPONENT));
        self.0.push('=');
        self.0.push_str(value);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(super) fn into_string(self) -> String {
        self.0
    }
}

/// A serialized request body and its media type.
pub(crate) struct Body {
    pub(super) bytes: Bytes,
    pub(super) content_type: HeaderValue,
}
