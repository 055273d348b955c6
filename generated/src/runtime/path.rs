// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Path parameters.

use serde::Serialize;

use super::{Encoding, InvalidRequest, Style, expand, serialize};

/// Appends a path parameter in the `simple` style, not exploded (the
/// default), percent-encoded as (part of) one path segment.
///
/// When the parameter is a whole segment, an empty value, `.` and `..` are
/// refused: they would address another resource.
#[allow(dead_code, reason = "a client whose path parameters all have another style writes none this way")]
pub(crate) fn push_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    whole_segment: bool,
) -> Result<(), InvalidRequest> {
    push_styled_path_param(path, name, value, Style::Simple.explode(false), whole_segment)
}

/// Appends a path parameter in its style (`simple`, `label`, `matrix`),
/// each name and value percent-encoded as (part of) one path segment, and
/// refused as [`push_path_param`] refuses it.
pub(crate) fn push_styled_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    encoding: Encoding,
    whole_segment: bool,
) -> Result<(), InvalidRequest> {
    // The field's name is only built for an error.
    let field = || format!("path.{name}");
    let (json, node) = serialize(value, field)?;
    let text = expand(name, &json, &node, encoding, &field(), &|out, text| encoding.escape_into(out, text))?;
    if whole_segment {
        match &*text {
            "" => return Err(InvalidRequest::new(field(), "must not be empty")),
            "." | ".." => return Err(InvalidRequest::new(field(), "must not be `.` or `..`")),
            _ => {}
        }
    } else if text.is_empty() {
        return Err(InvalidRequest::new(field(), "must not be empty"));
    }
    path.push_str(&text);
    Ok(())
}
