// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! JSON request bodies.

use serde::Serialize;

use super::body::static_header;
use super::{Body, InvalidRequest};

/// Serializes a JSON request body.
pub(crate) fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Body, InvalidRequest> {
    match serde_json::to_vec(value) {
        Ok(bytes) => Ok(Body::raw(bytes, "application/json")),
        Err(error) => Err(InvalidRequest::new("body", format!("cannot be encoded as JSON: {error}"))),
    }
}

impl Body {
    /// The same body with another media type (such as `application/merge-patch+json`).
    #[allow(dead_code, reason = "called only for JSON bodies whose media type is not `application/json`")]
    pub(crate) fn with_content_type(self, content_type: &'static str) -> Self {
        Body { bytes: self.bytes, content_type: static_header(content_type) }
    }
}
