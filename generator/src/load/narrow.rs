//! Finds the smallest part of a document that does not deserialize, so that an
//! error names the exact place (parsers report the outermost `#[serde(flatten)]`
//! object), and checks schemas innermost first where they nest deeply.

use openapiv3::{Header, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::pointer_of;
use crate::diag::Pointer;

type Found = Option<(String, String)>;
/// Checks one component section's entries.
type Checker = fn(&Value, &Pointer) -> Found;

/// The pointer and message of the first part of `value` that is not a `T`.
fn check<T: DeserializeOwned>(value: &Value, at: &Pointer) -> Found {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(_) => None,
        Err(e) => {
            let inner = pointer_of(e.path());
            let message = super::strip_position(&e.inner().to_string());
            Some((format!("{at}{}", inner.trim_start_matches('#')), message))
        }
    }
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

pub(super) fn document(raw: &Value) -> Found {
    let root = Pointer::root();
    for (path, item) in entries(raw.get("paths")) {
        let at = root.push("paths").push(path);
        for (key, value) in entries(Some(item)) {
            let found = match key.as_str() {
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                    operation(value, &at.push(key))
                }
                "parameters" => list::<ReferenceOr<Parameter>>(value, &at.push(key)),
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        if let found @ Some(_) = check::<ReferenceOr<PathItem>>(item, &at) {
            return found;
        }
    }
    let components = root.push("components");
    let sections: [(&str, Checker); 6] = [
        ("schemas", schema),
        ("parameters", check::<ReferenceOr<Parameter>>),
        ("responses", response),
        ("requestBodies", request_body),
        ("headers", check::<ReferenceOr<Header>>),
        ("securitySchemes", check::<ReferenceOr<SecurityScheme>>),
    ];
    for (section, checker) in sections {
        for (name, value) in entries(raw.get("components").and_then(|c| c.get(section))) {
            if let found @ Some(_) = checker(value, &components.push(section).push(name)) {
                return found;
            }
        }
    }
    None
}

/// Checks every schema of a document on its own, innermost first, each with
/// the schemas inside it already checked and replaced by `{}`, so that each
/// is read once: the first invalid one, with where it is and why.
pub(super) fn schemas_bottom_up(raw: &mut Value) -> Found {
    let root = Pointer::root();
    if let Some(Value::Object(schemas)) = raw.pointer_mut("/components/schemas") {
        let at = root.push("components").push("schemas");
        for (name, schema) in schemas.iter_mut() {
            if let found @ Some(_) = schema_tree(schema, &at.push(name)) {
                return found;
            }
        }
    }
    schema_roots(raw, &root, false)
}

/// Finds the schemas (under `schema` keys) outside `#/components/schemas`,
/// skipping values that are data, not OpenAPI objects. When `names`, the
/// keys of `value` are names, not keywords.
pub(super) fn schema_roots(value: &mut Value, at: &Pointer, names: bool) -> Found {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                let found = if names {
                    schema_roots(inner, &at.push(key), false)
                } else {
                    match key.as_str() {
                        "example" | "examples" | "default" | "enum" => None,
                        key if key.starts_with("x-") => None,
                        // Checked already.
                        "schemas" if at.as_str() == "/components" => None,
                        "schema" => schema_tree(inner, &at.push(key)),
                        _ => schema_roots(inner, &at.push(key), super::NAMED_MAPS.contains(&key.as_str())),
                    }
                };
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        Value::Array(items) => {
            items.iter_mut().enumerate().find_map(|(i, item)| schema_roots(item, &at.push(i.to_string()), false))
        }
        _ => None,
    }
}

/// Checks the schemas inside `schema`, then `schema` itself, and replaces
/// it by `{}` once it is known to be valid.
pub(super) fn schema_tree(schema: &mut Value, at: &Pointer) -> Found {
    let Value::Object(map) = schema else {
        return check::<ReferenceOr<Schema>>(schema, at);
    };
    for (key, inner) in map.iter_mut() {
        let found = match (key.as_str(), inner) {
            ("properties", Value::Object(properties)) => {
                properties.iter_mut().find_map(|(name, property)| schema_tree(property, &at.push(key).push(name)))
            }
            ("items" | "additionalProperties" | "not", inner @ Value::Object(_)) => schema_tree(inner, &at.push(key)),
            ("allOf" | "anyOf" | "oneOf", Value::Array(parts)) => {
                parts.iter_mut().enumerate().find_map(|(i, part)| schema_tree(part, &at.push(key).push(i.to_string())))
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    let found = check::<ReferenceOr<Schema>>(schema, at);
    if found.is_none() {
        *schema = Value::Object(serde_json::Map::new());
    }
    found
}

fn list<T: DeserializeOwned>(value: &Value, at: &Pointer) -> Found {
    value.as_array()?.iter().enumerate().find_map(|(i, item)| check::<T>(item, &at.push(i.to_string())))
}

fn content(value: &Value, at: &Pointer) -> Found {
    for (media, entry) in entries(value.get("content")) {
        if let Some(s) = entry.get("schema") {
            if let found @ Some(_) = schema(s, &at.push("content").push(media).push("schema")) {
                return found;
            }
        }
    }
    None
}

fn operation(value: &Value, at: &Pointer) -> Found {
    if let found @ Some(_) =
        value.get("parameters").and_then(|p| list::<ReferenceOr<Parameter>>(p, &at.push("parameters")))
    {
        return found;
    }
    if let found @ Some(_) = value.get("requestBody").and_then(|b| request_body(b, &at.push("requestBody"))) {
        return found;
    }
    for (code, entry) in entries(value.get("responses")) {
        if let found @ Some(_) = response(entry, &at.push("responses").push(code)) {
            return found;
        }
    }
    check::<openapiv3::Operation>(value, at)
}

fn request_body(value: &Value, at: &Pointer) -> Found {
    content(value, at).or_else(|| check::<ReferenceOr<RequestBody>>(value, at))
}

fn response(value: &Value, at: &Pointer) -> Found {
    content(value, at).or_else(|| check::<ReferenceOr<Response>>(value, at))
}

/// Schemas nest; look inside before blaming the whole schema (iteratively, so
/// deep nesting cannot overflow the stack).
fn schema(value: &Value, at: &Pointer) -> Found {
    let mut pending = vec![(value, at.clone())];
    let mut failing: Found = None;
    while let Some((value, at)) = pending.pop() {
        if let Some(found) = check::<ReferenceOr<Schema>>(value, &at) {
            failing = Some(found);
            let before = pending.len();
            for key in ["items", "additionalProperties", "not"] {
                if let Some(inner) = value.get(key).filter(|v| v.is_object()) {
                    pending.push((inner, at.push(key)));
                }
            }
            for (name, inner) in entries(value.get("properties")) {
                pending.push((inner, at.push("properties").push(name)));
            }
            for key in ["allOf", "oneOf", "anyOf"] {
                for (i, inner) in value.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
                    pending.push((inner, at.push(key).push(i.to_string())));
                }
            }
            if pending.len() == before {
                return failing;
            }
        }
    }
    failing
}
