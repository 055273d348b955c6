//! `application/x-www-form-urlencoded` request bodies: the fields of an object,
//! each written in its style.

use serde::Serialize;

use super::{Body, Encoding, InvalidRequest, Node, Query, Style, serialize};

/// Serializes an `application/x-www-form-urlencoded` request body, its fields
/// in the order of the schema's properties. `styles` gives the encoding of the
/// properties the spec's `encoding` object names; the others are `form`,
/// exploded, and objects `deepObject`.
pub(crate) fn form_body<T: Serialize + ?Sized>(value: &T, styles: &[(&str, Encoding)]) -> Result<Body, InvalidRequest> {
    let (_, node) = serialize(value, || "body".to_owned())?;
    let mut form = Query::new();
    match &node {
        Node::Object(pairs) => {
            for (key, item) in pairs {
                let encoding = styles.iter().find(|(name, _)| name == key).map(|(_, encoding)| *encoding).unwrap_or(
                    if matches!(item, Node::Object(_)) { Style::DeepObject } else { Style::Form }.explode(true),
                );
                let field = format!("body.{key}");
                form.push_node(&field, key, "", item, encoding)?;
            }
        }
        _ => return Err(InvalidRequest::new("body", "a form body must be an object")),
    }
    Ok(Body::raw(form.into_string(), "application/x-www-form-urlencoded"))
}
