// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Path parameters.

use serde::Serialize;

use super::{Encoding, InvalidRequest, Style, expand, serialize};

/// How much of its path segment a path parameter fills.
#[allow(dead_code, reason = "a client's path parameters may all fill whole segments, or none")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// The whole segment (`/pets/{id}`): an empty value, `.` and `..` are
    /// refused, since they would address another resource.
    Whole,
    /// Part of a segment it shares with text or other parameters
    /// (`/files/{name}.{ext}`): only an empty value is refused.
    Shared,
}

/// Appends a path parameter in the `simple` style, not exploded (the
/// default), percent-encoded as (part of) one path segment, and refused
/// as its [`Segment`] says.
#[allow(dead_code, reason = "a client whose path parameters all have another style writes none this way")]
pub(crate) fn push_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    segment: Segment,
) -> Result<(), InvalidRequest> {
    push_styled_path_param(path, name, value, Style::Simple.explode(false), segment)
}

/// Appends a path parameter in its style (`simple`, `label`, `matrix`),
/// each name and value percent-encoded as (part of) one path segment, and
/// refused as [`push_path_param`] refuses it.
pub(crate) fn push_styled_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    encoding: Encoding,
    segment: Segment,
) -> Result<(), InvalidRequest> {
    // The field's name is only built for an error.
    let field = || format!("path.{name}");
    let (json, node) = serialize(value, field)?;
    let text = expand(name, &json, &node, encoding, &field(), &|out, text| encoding.escape_into(out, text))?;
    match (segment, &*text) {
        (_, "") => return Err(InvalidRequest::new(field(), "must not be empty")),
        (Segment::Whole, "." | "..") => return Err(InvalidRequest::new(field(), "must not be `.` or `..`")),
        _ => {}
    }
    path.push_str(&text);
    Ok(())
}
