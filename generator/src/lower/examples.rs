//! The spec's response and request-body examples, checked against the types
//! they document: a value an enum does not list would otherwise decode
//! quietly as `Unknown`, and a value that is no object where the schema asks
//! for one (a map, a free-form object) fails the doctest that decodes it.

use serde_json::Value;

use crate::diag::Pointer;
use crate::model::{Api, BodyKind, Type, TypeKind};

/// How deep into an example the check looks.
const MAX_DEPTH: usize = 32;
/// How many problems one example reports at most.
const MAX_PROBLEMS: usize = 8;

/// A pointer and a message for each disagreement between an example and its type.
pub(super) fn check_examples(api: &Api) -> Vec<(Pointer, String)> {
    let mut found = Vec::new();
    for op in &api.operations {
        for case in op.responses.success.iter().chain(&op.responses.errors) {
            if let (BodyKind::Json(ty), Some(example)) = (&case.body, &case.docs.example) {
                let pointer = op.pointer.push("responses").push(case.status.key());
                found.extend(example_problems(api, ty, example).into_iter().map(|p| (pointer.clone(), p)));
            }
        }
        if let Some(body) = &op.body {
            if let Some(example) = &body.docs.example {
                let pointer = op.pointer.push("requestBody");
                found.extend(example_problems(api, &body.ty, example).into_iter().map(|p| (pointer.clone(), p)));
            }
        }
    }
    found
}

/// What is wrong with `example` as a value of `ty`, one sentence each.
fn example_problems(api: &Api, ty: &Type, example: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    misfits(api, ty, example, "", 0, &mut problems);
    problems.into_iter().map(|p| format!("the example {p}")).collect()
}

/// Enum values of `value` (at `at` within the example) that the types of `ty`
/// do not list, and values that are no object where `ty` is a map.
fn misfits(api: &Api, ty: &Type, value: &Value, at: &str, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH || out.len() >= MAX_PROBLEMS {
        return;
    }
    match (ty, value) {
        (Type::Option(inner), v) if !v.is_null() => misfits(api, inner, v, at, depth + 1, out),
        (Type::Vec(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                misfits(api, inner, item, &format!("{at}/{i}"), depth + 1, out);
            }
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                misfits(api, inner, item, &format!("{at}/{key}"), depth + 1, out);
            }
        }
        (Type::Map(_), v) => {
            out.push(format!("has {}{}, where the schema asks for an object", kind_of(v), place(at)));
        }
        (Type::Named(id), v) => match api.types.get(api.resolve(*id)).map(|t| &t.kind) {
            Some(TypeKind::Enum(e)) if !v.is_null() && !e.variants.iter().any(|variant| variant.value.matches(v)) => {
                out.push(format!("has {v}{}, which the enum does not list", place(at)));
            }
            Some(TypeKind::Struct(s)) => {
                let Value::Object(map) = v else { return };
                for field in &s.fields {
                    let Some(key) = field.key() else { continue };
                    if let Some(item) = map.get(key) {
                        if !(field.presence.is_nullable() && item.is_null()) {
                            misfits(api, &field.ty, item, &format!("{at}/{key}"), depth + 1, out);
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Where in the example a value is, for a message: ` at `/a/0``, or nothing at its top.
fn place(at: &str) -> String {
    if at.is_empty() { String::new() } else { format!(" at `{at}`") }
}

/// What kind of JSON value `value` is, for a message: `a string`.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
