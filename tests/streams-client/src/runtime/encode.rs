// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Parameter values as text: serialized through JSON, then written the way
//! the simple and form styles write a value.

use serde::Serialize;

use super::InvalidRequest;

/// Renders a parameter value as the text of a simple-style value: strings as
/// they are, numbers and booleans in JSON notation, arrays joined by commas.
pub(super) fn simple_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => Some(String::new()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(simple_text).collect();
            parts.map(|p| p.join(","))
        }
        serde_json::Value::Object(map) => {
            let mut parts = Vec::new();
            for (key, value) in map {
                parts.push(key.clone());
                parts.push(simple_text(value)?);
            }
            Some(parts.join(","))
        }
    }
}

/// Serializes a parameter value. `field` names the value for the error; it is
/// only called when there is one.
pub(super) fn to_json_value<T: Serialize + ?Sized>(
    value: &T,
    field: impl FnOnce() -> String,
) -> Result<serde_json::Value, InvalidRequest> {
    serde_json::to_value(value).map_err(|error| InvalidRequest::new(field(), format!("cannot be encoded: {error}")))
}
