//! The spec's examples of each operation's responses, read from the document
//! itself (as loaded: for a 3.1 document, its normalised form, whose pointers
//! the model's operations carry): the media type's `example`, every named
//! `examples` entry (a `$ref` to `#/components/examples/...` included, and
//! one inside `value`, which Prism follows too), and
//! the schema's own `example` (or a 3.1 schema's first `examples` item).
//! Prism serves one of these when a response has an example; a body the
//! client does not decode that is one of them is the spec's example breaking
//! its own schema.
//!
//! The model keeps one example per response (for the docs), and not those
//! given through a `$ref` (GitHub's are all `$ref`s); the run wants them all.

use conformance_support::ResponseExample;
use serde_json::Value;

/// How many `$ref`s are followed in a row.
const MAX_HOPS: usize = 16;

/// The examples of the responses of the operation at `operation` (a JSON
/// pointer without the `#`), in document order.
pub fn response_examples(doc: &Value, operation: &str) -> Vec<ResponseExample> {
    let mut found = Vec::new();
    let Some(responses) = doc.pointer(operation).and_then(|op| op.get("responses")).and_then(Value::as_object) else {
        return found;
    };
    for (status, response) in responses {
        let Some(content) = resolve(doc, response).and_then(|r| r.get("content")).and_then(Value::as_object) else {
            continue;
        };
        let mut push = |value: &Value| {
            if !found.iter().any(|e: &ResponseExample| e.status == *status && e.value == *value) {
                found.push(ResponseExample { status: status.clone(), value: value.clone() });
            }
        };
        for media in content.values() {
            if let Some(example) = media.get("example") {
                push(example);
            }
            for example in media.get("examples").and_then(Value::as_object).into_iter().flat_map(|e| e.values()) {
                // A `$ref` inside `value` is followed too, as Prism does (GitHub's
                // `value: {$ref: '#/components/examples/issue'}` serves the whole
                // Example object, `{"value": {...}}`).
                if let Some(value) = resolve(doc, example).and_then(|e| e.get("value")).and_then(|v| resolve(doc, v)) {
                    push(value);
                }
            }
            if let Some(schema) = media.get("schema").and_then(|s| resolve(doc, s)) {
                let first = schema.get("examples").and_then(Value::as_array).and_then(|list| list.first());
                if let Some(example) = schema.get("example").or(first) {
                    push(example);
                }
            }
        }
    }
    found
}

/// The object `value` stands for: itself, or what its `$ref` (a pointer into
/// the document) leads to.
fn resolve<'a>(doc: &'a Value, mut value: &'a Value) -> Option<&'a Value> {
    for _ in 0..MAX_HOPS {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else { return Some(value) };
        value = doc.pointer(&percent_decoded(reference.strip_prefix('#')?))?;
    }
    None
}

/// A URI fragment with its `%XX` escapes decoded.
fn percent_decoded(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_example_of_every_response_is_found_through_refs() {
        let doc = json!({
            "paths": {"/x/{id}": {"get": {"responses": {
                "200": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Thing"},
                    "examples": {
                        "default": {"$ref": "#/components/examples/thing%20one"},
                        "other": {"value": {"id": 2}},
                        "inside": {"value": {"$ref": "#/components/examples/thing%20one"}}
                    }
                }}},
                "404": {"$ref": "#/components/responses/NotFound"}
            }}}},
            "components": {
                "schemas": {"Thing": {"type": "object", "example": {"id": 3}}},
                "examples": {"thing one": {"value": {"id": 1}}},
                "responses": {"NotFound": {"content": {"application/json": {"example": {"message": "gone"}}}}}
            }
        });
        let found: Vec<(String, Value)> =
            response_examples(&doc, "/paths/~1x~1{id}/get").into_iter().map(|e| (e.status, e.value)).collect();
        assert_eq!(
            found,
            [
                ("200".to_owned(), json!({"id": 1})),
                ("200".to_owned(), json!({"id": 2})),
                ("200".to_owned(), json!({"value": {"id": 1}})),
                ("200".to_owned(), json!({"id": 3})),
                ("404".to_owned(), json!({"message": "gone"})),
            ]
        );
        assert!(response_examples(&doc, "/paths/~1nothing/get").is_empty());
    }
}
