// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! `Accept`, for operations whose responses offer several media types.

use super::{HeaderValue, Request};

impl Request {
    /// Asks for the media types the client reads, so that the server answers
    /// with one of them; a value HTTP cannot carry is not sent.
    pub(crate) fn accept(mut self, media_types: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(media_types) {
            self.headers.insert(reqwest::header::ACCEPT, value);
        }
        self
    }
}
