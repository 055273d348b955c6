// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request bodies: raw bytes with a media type, and adding a body to a request.

use bytes::Bytes;

use super::{Body, HeaderValue, Request};

impl Request {
    /// The request body.
    pub(crate) fn body(mut self, body: Body) -> Self {
        self.body = Some(body);
        self
    }
}

impl Body {
    /// A body of raw bytes with the given media type.
    #[allow(dead_code, reason = "multipart bodies set their own media type: an API with only those never calls it")]
    pub(crate) fn raw(bytes: impl Into<Bytes>, content_type: &'static str) -> Self {
        Body { bytes: bytes.into(), content_type: static_header(content_type) }
    }
}

/// A header value from the spec; the generator only emits valid ones, and an
/// invalid one degrades to `application/octet-stream` rather than panicking.
pub(super) fn static_header(value: &'static str) -> HeaderValue {
    // Checked like `from_str`, but the static bytes are shared instead of copied.
    HeaderValue::from_maybe_shared(Bytes::from_static(value.as_bytes()))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"))
}
