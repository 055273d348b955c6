// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Path parameters.

use percent_encoding::utf8_percent_encode;
use serde::Serialize;

use super::{COMPONENT, InvalidRequest, simple_text, to_json_value};

/// Appends a path parameter, percent-encoded as (part of) one path segment.
///
/// When the parameter is a whole segment, an empty value, `.` and `..` are
/// refused: they would address another resource.
pub(crate) fn push_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    whole_segment: bool,
) -> Result<(), InvalidRequest> {
    // The field's name is only built for an error.
    let field = || format!("path.{name}");
    let value = to_json_value(value, field)?;
    let text = match &value {
        serde_json::Value::String(text) => std::borrow::Cow::Borrowed(text.as_str()),
        other => std::borrow::Cow::Owned(simple_text(other).unwrap_or_default()),
    };
    if whole_segment {
        match &*text {
            "" => return Err(InvalidRequest::new(field(), "must not be empty")),
            "." | ".." => return Err(InvalidRequest::new(field(), "must not be `.` or `..`")),
            _ => {}
        }
    } else if text.is_empty() {
        return Err(InvalidRequest::new(field(), "must not be empty"));
    }
    path.extend(utf8_percent_encode(&text, COMPONENT));
    Ok(())
}
