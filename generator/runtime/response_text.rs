//! Text and binary response bodies.

use super::{DecodeError, Error, Raw, Response, snippet};

impl Raw {
    fn utf8(&self) -> Result<String, DecodeError> {
        String::from_utf8(self.body.to_vec()).map_err(|error| DecodeError {
            status: self.status,
            content_type: self.content_type(),
            snippet: snippet(&self.body),
            message: format!("the body is not UTF-8: {error}"),
            attempts: self.attempts,
            request_id: self.request_id.clone(),
        })
    }
}

/// The decoders of operations that document text or binary bodies.
#[allow(dead_code, reason = "which of these an API calls depends on the responses its operations document")]
impl Raw {
    /// A text success body; it must be UTF-8.
    pub(crate) fn text<E>(self) -> Result<Response<String>, Error<E>> {
        let text = self.utf8()?;
        Ok(self.respond(text))
    }

    /// A text success body, as a variant of a response enum.
    pub(crate) fn text_into<U, E>(self, wrap: fn(String) -> U) -> Result<Response<U>, Error<E>> {
        let text = self.utf8()?;
        Ok(self.respond(wrap(text)))
    }

    /// A documented error status with a text body.
    pub(crate) fn text_error<E>(self, wrap: fn(String) -> E) -> Error<E> {
        match self.utf8() {
            Ok(body) => self.api_error(wrap(body)),
            Err(error) => Error::Decode(Box::new(error)),
        }
    }

    /// A binary success body.
    pub(crate) fn bytes<E>(self) -> Result<Response<Vec<u8>>, Error<E>> {
        let body = self.body.to_vec();
        Ok(self.respond(body))
    }

    /// A binary success body, as a variant of a response enum.
    pub(crate) fn bytes_into<U, E>(self, wrap: fn(Vec<u8>) -> U) -> Result<Response<U>, Error<E>> {
        let body = self.body.to_vec();
        Ok(self.respond(wrap(body)))
    }

    /// A documented error status with a binary body.
    pub(crate) fn bytes_error<E>(self, wrap: fn(Vec<u8>) -> E) -> Error<E> {
        let body = self.body.to_vec();
        self.api_error(wrap(body))
    }
}
