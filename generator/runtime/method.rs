//! Methods `Method` has no constant for: OpenAPI 3.2's `QUERY`, and the other
//! methods of `additionalOperations`.

use super::{InvalidRequest, Method};

/// The method called `name`; the generator passes only valid method names (RFC 9110 tokens).
pub(crate) fn extension_method(name: &'static str) -> Result<Method, InvalidRequest> {
    Method::from_bytes(name.as_bytes())
        .map_err(|_| InvalidRequest::new("method", format!("`{name}` is not a valid HTTP method")))
}
