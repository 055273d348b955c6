// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Query parameters.

use serde::Serialize;

use super::{Encoding, InvalidRequest, Query, Request, serialize};

impl Query {
    /// Appends a parameter in its style.
    pub(crate) fn push<T: Serialize + ?Sized>(
        &mut self,
        kind: &str,
        name: &str,
        value: &T,
        encoding: Encoding,
    ) -> Result<(), InvalidRequest> {
        let field = format!("{kind}.{name}");
        let (json, node) = serialize(value, || field.clone())?;
        self.push_node(&field, name, &json, &node, encoding)
    }
}

impl Request {
    /// The query string of the request.
    pub(crate) fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }
}
