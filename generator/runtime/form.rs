//! `application/x-www-form-urlencoded` request bodies: the fields of an object,
//! each written in its style.

use serde::Serialize;

use super::{Body, InvalidRequest, Query, Style, to_json_value};

/// Serializes an `application/x-www-form-urlencoded` request body. `styles`
/// gives the encoding of properties that the spec's `encoding` object names.
pub(crate) fn form_body<T: Serialize + ?Sized>(
    value: &T,
    styles: &[(&str, Style, bool)],
) -> Result<Body, InvalidRequest> {
    let value = to_json_value(value, || "body".to_owned())?;
    let mut form = Query::new();
    match &value {
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let (style, explode) = styles
                    .iter()
                    .find(|(name, _, _)| name == key)
                    .map(|(_, style, explode)| (*style, *explode))
                    .unwrap_or(if item.is_object() { (Style::DeepObject, true) } else { (Style::Form, true) });
                let field = format!("body.{key}");
                form.push_value(&field, key, item, style, explode)?;
            }
        }
        _ => return Err(InvalidRequest::new("body", "a form body must be an object")),
    }
    Ok(Body::raw(form.into_string(), "application/x-www-form-urlencoded"))
}
