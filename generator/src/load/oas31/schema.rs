//! Schemas: JSON Schema 2020-12 (the schema language of OpenAPI 3.1 and 3.2)
//! into the OpenAPI 3.0 schema form, one schema object at a time, outermost
//! first.
//!
//! | 3.1                                   | 3.0 form                                                   |
//! |---------------------------------------|------------------------------------------------------------|
//! | `true`, `false`                       | `{}`, `{not: {}}`                                          |
//! | `type: [T, "null"]`                   | `type: T, nullable: true`                                  |
//! | `type: [T, U, ...]`                   | `anyOf` of one schema per type, each with its keywords     |
//! | `type: "null"`                        | `nullable: true, enum: [null]`                             |
//! | `anyOf`/`oneOf` with a null branch    | the other branches, `nullable: true`                       |
//! | `$ref` with sibling keywords          | the siblings, and `allOf: [..., {$ref}]`                   |
//! | `const: v`                            | `enum: [v]`                                                |
//! | `exclusiveMinimum: n` (a number)      | `minimum: n, exclusiveMinimum: true` (the stricter bound)  |
//! | `examples: [a, ...]`                  | `example: a`                                               |
//! | `contentEncoding: base64`             | `format: byte`                                             |
//! | `contentMediaType` (not text or JSON) | `format: binary`                                           |
//! | `patternProperties`, `propertyNames`  | `additionalProperties` (a map)                             |
//! | `unevaluatedProperties`               | `additionalProperties` where that is exact                 |
//! | `prefixItems`                         | kept, recorded as a tuple in [`super::Extras::tuples`]     |
//!
//! `if`/`then`/`else`, `dependentSchemas`, and `unevaluatedProperties` or
//! `unevaluatedItems` where no exact form exists, are dropped with a warning:
//! the type is the schema without them, which accepts more. `$dynamicRef` is
//! read as any JSON value, with a warning. Validation-only keywords that 3.0
//! also has no client-side check for (`contains`, `dependentRequired`, ...)
//! are left for the parser to ignore, as in 3.0 documents.

use serde_json::{Map, Value, json};

use super::{DIALECTS, Normaliser, Tuple};
use crate::diag::Pointer;

/// Keywords that apply to one JSON type only; when a `type` array is split,
/// each goes to the branch of its type.
const STRING_KEYWORDS: &[&str] = &["minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType"];
const NUMBER_KEYWORDS: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KEYWORDS: &[&str] =
    &["items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains"];
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "discriminator",
];

/// The type-specific keywords of `json_type`.
fn keywords_of(json_type: &str) -> &'static [&'static str] {
    match json_type {
        "string" => STRING_KEYWORDS,
        "number" | "integer" => NUMBER_KEYWORDS,
        "array" => ARRAY_KEYWORDS,
        "object" => OBJECT_KEYWORDS,
        _ => &[],
    }
}

/// Keywords beside a `$ref` that say nothing about the value.
fn is_annotation_only(key: &str) -> bool {
    key.starts_with("x-") || matches!(key, "$comment" | "$id" | "$anchor" | "$defs" | "definitions")
}

/// The JSON type of a value, as `type` names it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(n) if n.as_f64().is_some_and(|f| f.fract() == 0.0) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Whether a union branch admits `null` and nothing else.
fn is_null_only(branch: &Value) -> bool {
    let Some(object) = branch.as_object() else { return false };
    let describes_null = match (object.get("type"), object.get("const"), object.get("enum")) {
        (Some(Value::String(t)), None, None) => t == "null",
        (Some(Value::Array(types)), None, None) => types.len() == 1 && types[0] == "null",
        (None, Some(Value::Null), None) => true,
        (None, None, Some(Value::Array(values))) => values.len() == 1 && values[0].is_null(),
        _ => false,
    };
    describes_null
        && object.keys().all(|k| {
            matches!(k.as_str(), "type" | "const" | "enum" | "title" | "description" | "$comment")
                || k.starts_with("x-")
        })
}

/// The schema that admits only `null`.
fn null_only(object: &mut Map<String, Value>) {
    object.remove("type");
    object.insert("nullable".to_owned(), Value::Bool(true));
    object.insert("enum".to_owned(), json!([null]));
}

impl Normaliser {
    /// Normalises the schema at `at` (a place in the normalised document), and
    /// every schema inside it.
    pub(super) fn schema(&mut self, schema: &mut Value, at: &Pointer) {
        match schema {
            Value::Bool(true) => *schema = json!({}),
            Value::Bool(false) => *schema = json!({"not": {}}),
            Value::Object(object) => {
                self.restructure(object, at);
                self.array(object, at);
                self.children(object, at);
            }
            // Not a schema: the parser reports it, with its location.
            _ => {}
        }
    }

    fn children(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        for key in ["properties", "$defs", "definitions"] {
            if let Some(Value::Object(named)) = object.get_mut(key) {
                for (name, schema) in named.iter_mut() {
                    self.schema(schema, &at.push(key).push(name));
                }
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(schema @ Value::Object(_)) = object.get_mut(key) {
                self.schema(schema, &at.push(key));
            }
        }
        for key in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(Value::Array(list)) = object.get_mut(key) {
                for (i, schema) in list.iter_mut().enumerate() {
                    self.schema(schema, &at.push(key).push(i.to_string()));
                }
            }
        }
    }

    /// The rewrites of one schema object, before its children are visited.
    fn restructure(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        for key in ["$dynamicRef", "$recursiveRef"] {
            if object.contains_key(key) {
                self.warn(
                    &self.map.original(&at.push(key)),
                    format!("`{key}` (a reference resolved at run time by JSON Schema) is not supported; the value is read as any JSON value"),
                );
                object
                    .retain(|k, _| matches!(k.as_str(), "title" | "description" | "deprecated") || k.starts_with("x-"));
                return;
            }
        }
        if let Some(dialect) = object.remove("$schema") {
            if !dialect.as_str().is_some_and(|d| DIALECTS.contains(&d.trim_end_matches('#'))) {
                self.error(
                    &self.map.original(&at.push("$schema")),
                    format!(
                        "the JSON Schema dialect {dialect} is not supported; schemas are read as JSON Schema 2020-12"
                    ),
                );
            }
        }
        for key in ["$comment", "$vocabulary", "$dynamicAnchor", "$recursiveAnchor", "contentSchema"] {
            object.remove(key);
        }
        self.reference_with_siblings(object, at);
        for key in ["anyOf", "oneOf"] {
            self.null_branches(object, key, at);
        }
        if let Some(value) = object.remove("const") {
            if value.is_null() {
                null_only(object);
            } else {
                object.insert("enum".to_owned(), Value::Array(vec![value]));
            }
        }
        for (exclusive, inclusive, stricter) in [
            ("exclusiveMinimum", "minimum", f64::ge as fn(&f64, &f64) -> bool),
            ("exclusiveMaximum", "maximum", f64::le),
        ] {
            if let Some(bound) = object.get(exclusive).and_then(Value::as_f64) {
                let bound_value = object.remove(exclusive).unwrap_or(Value::Null);
                let keep_inclusive =
                    object.get(inclusive).and_then(Value::as_f64).is_some_and(|m| !stricter(&bound, &m));
                if !keep_inclusive {
                    object.insert(inclusive.to_owned(), bound_value);
                    object.insert(exclusive.to_owned(), Value::Bool(true));
                }
            }
        }
        if let Some(Value::Array(examples)) = object.remove("examples") {
            if !object.contains_key("example") {
                if let Some(first) = examples.into_iter().next() {
                    object.insert("example".to_owned(), first);
                    self.map.record(&at.push("example"), &self.map.original(&at.push("examples").push("0")));
                }
            }
        }
        self.content_keywords(object);
        self.maps(object, at);
        for key in ["if", "then", "else", "dependentSchemas"] {
            if object.remove(key).is_some() && key != "then" && key != "else" {
                let what = if key == "if" { "a conditional schema (`if`/`then`/`else`)" } else { "`dependentSchemas`" };
                self.warn(
                    &self.map.original(&at.push(key)),
                    format!("{what} has no Rust type; the value is typed without it, which accepts more than the schema allows"),
                );
            }
        }
        self.types(object, at);
    }

    /// `{$ref, description, ...}` is `{description, ..., allOf: [{$ref}]}`: in
    /// 2020-12 a `$ref` applies beside its siblings, as an `allOf` entry does.
    fn reference_with_siblings(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        if !object.contains_key("$ref") || !object.keys().any(|k| k != "$ref" && !is_annotation_only(k)) {
            return;
        }
        let Some(reference) = object.remove("$ref") else { return };
        let entry = json!({ "$ref": reference });
        let all_of = object.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
        match all_of {
            Value::Array(list) => {
                let index = list.len();
                list.push(entry);
                let original = self.map.original(at);
                self.map.record_origin(&at.push("allOf").push(index.to_string()), &original);
            }
            // An invalid `allOf`: leave the reference for the parser to report.
            _ => {
                object.insert("$ref".to_owned(), reference_of(&entry));
            }
        }
    }

    /// A `{type: "null"}` branch of a union makes the union nullable.
    fn null_branches(&mut self, object: &mut Map<String, Value>, key: &str, at: &Pointer) {
        let Some(Value::Array(branches)) = object.get_mut(key) else { return };
        if !branches.iter().any(is_null_only) {
            return;
        }
        let original = self.map.original(&at.push(key));
        let mut kept = Vec::with_capacity(branches.len());
        for (i, branch) in std::mem::take(branches).into_iter().enumerate() {
            if is_null_only(&branch) {
                continue;
            }
            self.map.record(&at.push(key).push(kept.len().to_string()), &original.push(i.to_string()));
            kept.push(branch);
        }
        if kept.is_empty() {
            object.remove(key);
            null_only(object);
        } else {
            object.insert(key.to_owned(), Value::Array(kept));
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
    }

    /// `contentEncoding` and `contentMediaType`: binary data in a string.
    fn content_keywords(&mut self, object: &mut Map<String, Value>) {
        let encoding = object.remove("contentEncoding");
        let media_type = object.remove("contentMediaType");
        if object.contains_key("format") {
            return;
        }
        let format = match (encoding.as_ref().and_then(Value::as_str), media_type.as_ref().and_then(Value::as_str)) {
            (Some(e), _) if e.eq_ignore_ascii_case("base64") || e.eq_ignore_ascii_case("base64url") => "byte",
            (None, Some(m)) if !is_textual(m) => "binary",
            _ => return,
        };
        object.insert("format".to_owned(), Value::String(format.to_owned()));
        object.entry("type").or_insert_with(|| Value::String("string".to_owned()));
    }

    /// `patternProperties`, `propertyNames` and `unevaluatedProperties`: maps.
    fn maps(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let has_properties = object.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
        let composed = ["allOf", "anyOf", "oneOf"].iter().any(|k| object.contains_key(*k));
        if let Some(unevaluated) = object.remove("unevaluatedProperties") {
            let exact = unevaluated == Value::Bool(false) || (!has_properties && !composed);
            if object.contains_key("additionalProperties") {
                // Every property is evaluated by `additionalProperties` already.
            } else if exact {
                self.map
                    .record(&at.push("additionalProperties"), &self.map.original(&at.push("unevaluatedProperties")));
                object.insert("additionalProperties".to_owned(), unevaluated);
            } else {
                self.warn(
                    &self.map.original(&at.push("unevaluatedProperties")),
                    "`unevaluatedProperties` here has no exact Rust type; properties other than those listed are not typed",
                );
            }
        }
        if let Some(Value::Object(patterns)) = object.remove("patternProperties") {
            let patterns_at = self.map.original(&at.push("patternProperties"));
            if has_properties || object.contains_key("additionalProperties") || patterns.is_empty() {
                self.warn(
                    &patterns_at,
                    "`patternProperties` beside `properties` or `additionalProperties` has no Rust type; those properties are not typed",
                );
            } else {
                let mut schemas: Vec<(String, Value)> = patterns.into_iter().collect();
                schemas.dedup_by(|a, b| a.1 == b.1);
                let value = if schemas.len() == 1 {
                    let (pattern, schema) = schemas.remove(0);
                    self.map.record(&at.push("additionalProperties"), &patterns_at.push(&pattern));
                    schema
                } else {
                    for (i, (pattern, _)) in schemas.iter().enumerate() {
                        self.map.record(
                            &at.push("additionalProperties").push("anyOf").push(i.to_string()),
                            &patterns_at.push(pattern),
                        );
                    }
                    json!({ "anyOf": schemas.into_iter().map(|(_, s)| s).collect::<Vec<_>>() })
                };
                object.insert("additionalProperties".to_owned(), value);
                object.entry("type").or_insert_with(|| Value::String("object".to_owned()));
            }
        }
        if object.remove("propertyNames").is_some() && !has_properties && !object.contains_key("additionalProperties") {
            object.insert("additionalProperties".to_owned(), json!({}));
            object.entry("type").or_insert_with(|| Value::String("object".to_owned()));
        }
    }

    /// `type` as a list, and the `null` type.
    fn types(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let mut types: Vec<String> = match object.get("type") {
            Some(Value::String(t)) if t == "null" => {
                null_only(object);
                return;
            }
            Some(Value::Array(list)) => list.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect(),
            _ => return,
        };
        let mut seen = Vec::new();
        types.retain(|t| {
            let first = !seen.contains(t);
            seen.push(t.clone());
            first
        });
        if types.iter().any(|t| t == "null") {
            types.retain(|t| t != "null");
            object.insert("nullable".to_owned(), Value::Bool(true));
        }
        if types.iter().any(|t| t == "number") {
            // Every integer is a number.
            types.retain(|t| t != "integer");
        }
        match types.len() {
            0 => null_only(object),
            1 => {
                object.insert("type".to_owned(), Value::String(types.remove(0)));
            }
            _ => self.split_types(object, &types, at),
        }
    }

    /// `type: [T, U, ...]` becomes an `anyOf` with one branch per type, each
    /// with the keywords of its type (and the `enum` values of its type).
    fn split_types(&mut self, object: &mut Map<String, Value>, types: &[String], at: &Pointer) {
        object.remove("type");
        let original = self.map.original(at);
        let values = object.remove("enum");
        let format = object.remove("format");
        let mut branches: Vec<(Map<String, Value>, Vec<&'static str>)> = Vec::new();
        for wanted in types {
            let wanted = wanted.as_str();
            let mut branch = Map::new();
            branch.insert("type".to_owned(), Value::String(wanted.to_owned()));
            let mut moved = Vec::new();
            for key in keywords_of(wanted) {
                if let Some(value) = object.get(*key) {
                    branch.insert((*key).to_owned(), value.clone());
                    moved.push(*key);
                }
            }
            if let (Some(format), "string" | "number" | "integer") = (&format, wanted) {
                branch.insert("format".to_owned(), format.clone());
            }
            if let Some(Value::Array(values)) = &values {
                let of_type: Vec<Value> = values
                    .iter()
                    .filter(|v| {
                        let t = json_type(v);
                        t == wanted || (t == "integer" && wanted == "number")
                    })
                    .cloned()
                    .collect();
                if of_type.is_empty() {
                    // The enum lists no value of this type: the branch admits nothing.
                    continue;
                }
                branch.insert("enum".to_owned(), Value::Array(of_type));
            }
            branches.push((branch, moved));
        }
        for json_type in types {
            for key in keywords_of(json_type) {
                object.remove(*key);
            }
        }
        if branches.len() == 1 {
            let (branch, _) = branches.remove(0);
            object.extend(branch);
            return;
        }
        let (key, base) = if object.contains_key("anyOf") {
            // Keep the union the schema already has; the types become an `allOf` entry.
            let all_of = object.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
            let index = all_of.as_array().map_or(0, Vec::len);
            ("allOf", at.push("allOf").push(index.to_string()).push("anyOf"))
        } else {
            ("anyOf", at.push("anyOf"))
        };
        let mut list = Vec::with_capacity(branches.len());
        for (i, (branch, moved)) in branches.into_iter().enumerate() {
            let branch_at = base.push(i.to_string());
            self.map.record_origin(&branch_at, &original);
            for keyword in moved {
                self.map.record(&branch_at.push(keyword), &original.push(keyword));
            }
            list.push(Value::Object(branch));
        }
        if key == "allOf" {
            if let Some(Value::Array(all_of)) = object.get_mut("allOf") {
                all_of.push(json!({ "anyOf": list }));
            }
        } else {
            object.insert("anyOf".to_owned(), Value::Array(list));
        }
    }

    /// `prefixItems` (a tuple) and boolean `items`.
    fn array(&mut self, object: &mut Map<String, Value>, at: &Pointer) {
        let unevaluated = object.remove("unevaluatedItems");
        let items_closed = matches!(object.get("items"), Some(Value::Bool(false)))
            || (matches!(unevaluated, Some(Value::Bool(false))) && !object.contains_key("items"));
        if matches!(object.get("items"), Some(Value::Bool(_))) {
            object.remove("items");
        }
        if let Some(Value::Object(_)) = unevaluated {
            self.warn(
                &self.map.original(&at.push("unevaluatedItems")),
                "`unevaluatedItems` with a schema has no exact Rust type; such items are not typed",
            );
        }
        let len = match object.get("prefixItems") {
            Some(Value::Array(list)) => list.len(),
            _ => {
                if items_closed {
                    // No items at all.
                    object.insert("maxItems".to_owned(), json!(0));
                }
                return;
            }
        };
        let bound =
            |key: &str| object.get(key).and_then(Value::as_u64).map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let closed = items_closed || bound("maxItems").is_some_and(|max| max <= len);
        let min_items = bound("minItems").unwrap_or(0);
        object.entry("type").or_insert_with(|| Value::String("array".to_owned()));
        self.extras.tuples.insert(at.clone(), Tuple { len, closed, min_items });
    }
}

/// Whether a media type is text a string holds as it is (not encoded binary).
fn is_textual(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence.starts_with("text/")
        || essence == "application/json"
        || essence.ends_with("+json")
        || essence == "application/xml"
        || essence.ends_with("+xml")
}

/// The `$ref` of a `{"$ref": ...}` entry.
fn reference_of(entry: &Value) -> Value {
    entry.get("$ref").cloned().unwrap_or(Value::Null)
}
