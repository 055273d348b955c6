// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Query parameters.

use serde::Serialize;

use super::{InvalidRequest, Query, Request, Style, to_json_value};

impl Query {
    /// Appends a parameter in the given style.
    pub(crate) fn push<T: Serialize + ?Sized>(
        &mut self,
        kind: &str,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidRequest> {
        let field = format!("{kind}.{name}");
        let value = to_json_value(value, || field.clone())?;
        self.push_value(&field, name, &value, style, explode)
    }
}

impl Request {
    /// The query string of the request.
    pub(crate) fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }
}
