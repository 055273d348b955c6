// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Parameter styles (OpenAPI `style` and `explode`), which query parameters
//! and form fields share.

use super::{InvalidRequest, Query, simple_text};

/// The style of a query parameter or form field (OpenAPI `style`).
#[allow(dead_code, reason = "the client constructs the styles its spec's parameters use, rarely all of them")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

impl Query {
    /// Appends a value that has been serialized to JSON, written in `style`.
    pub(super) fn push_value(
        &mut self,
        field: &str,
        name: &str,
        value: &serde_json::Value,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidRequest> {
        use serde_json::Value;
        match (value, style) {
            (Value::Null, _) => {}
            (Value::Array(items), Style::DeepObject) => {
                for (index, item) in items.iter().enumerate() {
                    self.push_value(field, &format!("{name}[{index}]"), item, Style::DeepObject, true)?;
                }
            }
            (Value::Object(map), Style::DeepObject) => {
                for (key, item) in map {
                    self.push_value(field, &format!("{name}[{key}]"), item, Style::DeepObject, true)?;
                }
            }
            (Value::Array(items), _) if explode => {
                for item in items {
                    let text = simple_text(item)
                        .ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                    self.pair(name, &text);
                }
            }
            (Value::Array(items), _) => {
                let separator = match style {
                    Style::SpaceDelimited => " ",
                    Style::PipeDelimited => "|",
                    _ => ",",
                };
                let parts: Option<Vec<String>> = items.iter().map(simple_text).collect();
                let parts =
                    parts.ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                self.pair(name, &parts.join(separator));
            }
            (Value::Object(map), _) if explode => {
                for (key, item) in map {
                    let text = simple_text(item)
                        .ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                    self.pair(key, &text);
                }
            }
            (scalar, _) => {
                let text = simple_text(scalar).unwrap_or_default();
                self.pair(name, &text);
            }
        }
        Ok(())
    }
}
