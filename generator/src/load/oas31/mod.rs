//! OpenAPI 3.1 and 3.2 documents, normalised into the OpenAPI 3.0 form that the
//! typed parser (`openapiv3`) reads, so that one lowering serves every version.
//!
//! Most of what 3.1 adds has an exact 3.0 form, and the normalisation writes it
//! (see [`schema`] for schemas): `type: [T, "null"]` is `type: T` with
//! `nullable: true`; a `{type: "null"}` branch of `anyOf`/`oneOf` makes the
//! union nullable; `const` is a one-value `enum`; numeric `exclusiveMinimum` is
//! `minimum` with `exclusiveMinimum: true`; `examples` gives `example`; a `$ref`
//! with sibling keywords is an `allOf` of the reference and the siblings; boolean
//! schemas are `{}` and `{not: {}}`. What 3.0 has no place for is returned
//! beside the document in [`Extras`] (webhooks, operations under other methods,
//! tuples, parameters that cannot be sent), and what has no faithful Rust type
//! is a warning that names where it is. Every schema the normalisation moves is
//! recorded in a [`SourceMap`], so diagnostics name the document as written.
//! References by `$id`, `$anchor` and `$self` become pointers into the
//! normalised document (`refs.rs`). A generic schema (`$dynamicRef`) is
//! written out for each use that binds its `$dynamicAnchor` (`dynamic.rs`).

mod dynamic;
mod refs;
mod schema;

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::source_map::SourceMap;
use crate::diag::{Diagnostic, Pointer};

/// The JSON Schema dialects a 3.1 document may declare: the OpenAPI base
/// dialect (the default) and plain JSON Schema 2020-12, which reads the same here.
const DIALECTS: &[&str] = &[
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
    "https://spec.openapis.org/oas/3.2/dialect/base",
    "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
    "https://json-schema.org/draft/2020-12/schema",
];

/// The HTTP methods OpenAPI 3.0 path items list.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Which OpenAPI version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// OpenAPI 3.0.x.
    V3_0,
    /// OpenAPI 3.1.x.
    V3_1,
    /// OpenAPI 3.2.x.
    V3_2,
}

impl Version {
    /// The version's name, as in messages (`3.1`).
    pub fn name(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0",
            Version::V3_1 => "3.1",
            Version::V3_2 => "3.2",
        }
    }
}

/// What a 3.1 or 3.2 document says that OpenAPI 3.0 has no place for. Pointers
/// are places in the normalised document.
#[derive(Debug, Default)]
pub struct Extras {
    /// The top-level `webhooks`: each name, and where its path item is.
    pub webhooks: Vec<(String, Pointer)>,
    /// Operations under methods a 3.0 path item does not list: 3.2's `query`
    /// and the entries of `additionalOperations`.
    pub operations: Vec<ExtraOperation>,
    /// Array schemas with `prefixItems`, by where they are.
    pub tuples: HashMap<Pointer, Tuple>,
    /// Parameters that cannot be sent, by where they are, with the reason; an
    /// operation that has one is skipped.
    pub unsupported_parameters: HashMap<Pointer, String>,
    /// `info.summary`.
    pub summary: Option<String>,
    /// `info.license.identifier`: an SPDX licence expression.
    pub license_identifier: Option<String>,
}

/// An operation under a method that a 3.0 path item does not list.
#[derive(Debug, Clone)]
pub struct ExtraOperation {
    /// The path template.
    pub path: String,
    /// The HTTP method, upper case (`QUERY`, `LINK`, ...).
    pub method: String,
    /// Where the operation object is.
    pub at: Pointer,
}

/// What `prefixItems` says about an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuple {
    /// How many positions `prefixItems` types.
    pub len: usize,
    /// Whether items beyond them are forbidden (`items: false`, or `maxItems`
    /// at most the number of positions).
    pub closed: bool,
    /// `minItems` (0 when absent): whether every position must be present.
    pub min_items: usize,
}

/// A normalised document.
pub struct Normalised {
    /// The document in OpenAPI 3.0 form.
    pub value: Value,
    /// Where the schemas that moved were.
    pub map: SourceMap,
    /// What 3.0 has no place for.
    pub extras: Extras,
    /// Warnings (and errors) met on the way, located in the document as written.
    pub diagnostics: Vec<Diagnostic>,
}

/// Normalises a 3.1 or 3.2 document (as a JSON value) into the 3.0 form.
pub fn normalise(mut value: Value, version: Version) -> Normalised {
    let mut state = Normaliser { version, map: SourceMap::default(), extras: Extras::default(), diags: Vec::new() };
    let self_uri = value.get("$self").and_then(Value::as_str).map(str::to_owned);
    let document_base = self_uri
        .as_deref()
        .and_then(|uri| refs::absolute(uri, refs::DOCUMENT_BASE))
        .map(|uri| refs::without_fragment(&uri).to_owned())
        .unwrap_or_else(|| refs::DOCUMENT_BASE.to_owned());
    dynamic::bind(&mut value, &document_base);
    state.document(&mut value);
    let warnings = refs::resolve(&mut value, &state.map, self_uri.as_deref());
    state.diags.extend(warnings);
    Normalised { value, map: state.map, extras: state.extras, diagnostics: state.diags }
}

/// State of one normalisation.
struct Normaliser {
    version: Version,
    map: SourceMap,
    extras: Extras,
    diags: Vec<Diagnostic>,
}

/// The entries of an object member, if it is an object.
fn members<'v>(value: &'v mut Value, key: &str) -> impl Iterator<Item = (&'v String, &'v mut Value)> {
    value.get_mut(key).and_then(Value::as_object_mut).into_iter().flatten()
}

impl Normaliser {
    fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(at, message));
    }

    fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(at, message));
    }

    fn document(&mut self, doc: &mut Value) {
        let root = Pointer::root();
        let Some(object) = doc.as_object_mut() else { return };
        object.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
        if let Some(dialect) = object.remove("jsonSchemaDialect") {
            match dialect.as_str() {
                Some(d) if DIALECTS.contains(&d) => {}
                _ => self.error(
                    &root.push("jsonSchemaDialect"),
                    format!(
                        "the JSON Schema dialect {dialect} is not supported; schemas are read as the OpenAPI {} dialect (JSON Schema 2020-12)",
                        self.version.name()
                    ),
                ),
            }
        }
        object.remove("$self");
        if let Some(info) = object.get_mut("info").and_then(Value::as_object_mut) {
            self.extras.summary = info.remove("summary").and_then(|s| s.as_str().map(str::to_owned));
            if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
                self.extras.license_identifier =
                    license.remove("identifier").and_then(|s| s.as_str().map(str::to_owned));
            }
        }
        object.entry("paths").or_insert_with(|| Value::Object(Map::new()));

        let paths = root.push("paths");
        for (path, item) in members(doc, "paths") {
            self.path_item(item, &paths.push(path), Some(path));
        }
        let webhooks = root.push("webhooks");
        for (name, item) in members(doc, "webhooks") {
            let at = webhooks.push(name);
            self.path_item(item, &at, None);
            self.extras.webhooks.push((name.clone(), at));
        }
        let components = root.push("components");
        if let Some(section) = doc.get_mut("components") {
            let schemas = components.push("schemas");
            for (name, schema) in members(section, "schemas") {
                let at = schemas.push(name);
                self.schema(schema, &at);
            }
            for (name, parameter) in members(section, "parameters") {
                self.parameter(parameter, &components.push("parameters").push(name));
            }
            for (name, header) in members(section, "headers") {
                self.parameter(header, &components.push("headers").push(name));
            }
            for (name, response) in members(section, "responses") {
                self.response(response, &components.push("responses").push(name));
            }
            for (name, body) in members(section, "requestBodies") {
                self.content(body, &components.push("requestBodies").push(name));
            }
            for (_, example) in members(section, "examples") {
                example_object(example);
            }
            for (name, item) in members(section, "pathItems") {
                self.path_item(item, &components.push("pathItems").push(name), None);
            }
            for (name, callbacks) in members(section, "callbacks") {
                self.callback(callbacks, &components.push("callbacks").push(name));
            }
            let schemes = components.push("securitySchemes");
            if let Some(map) = section.get_mut("securitySchemes").and_then(Value::as_object_mut) {
                let mutual: Vec<String> = map
                    .iter()
                    .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
                    .map(|(name, _)| name.clone())
                    .collect();
                for name in mutual {
                    map.shift_remove(&name);
                    self.warn(
                        &schemes.push(&name),
                        "a mutualTLS security scheme is not configured by the client; give it a `reqwest::Client` with the client certificate (`ClientBuilder::http_client`)",
                    );
                }
            }
        }
    }

    /// A path item; `path` is its path template when it is one of `paths`.
    fn path_item(&mut self, item: &mut Value, at: &Pointer, path: Option<&str>) {
        for (i, parameter) in item.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten().enumerate()
        {
            self.parameter(parameter, &at.push("parameters").push(i.to_string()));
        }
        for method in METHODS {
            if let Some(operation) = item.get_mut(*method) {
                self.operation(operation, &at.push(method));
            }
        }
        if let Some(operation) = item.get_mut("query") {
            let op_at = at.push("query");
            self.operation(operation, &op_at);
            self.extra_operation(path, "QUERY", op_at);
        }
        let extra_at = at.push("additionalOperations");
        for (method, operation) in members(item, "additionalOperations") {
            let op_at = extra_at.push(method);
            self.operation(operation, &op_at);
            if METHODS.contains(&method.to_ascii_lowercase().as_str()) || method.eq_ignore_ascii_case("query") {
                self.warn(
                    &op_at,
                    format!("`{method}` is a method with a field of its own in a path item; this entry is ignored"),
                );
            } else if !method.is_empty()
                && method.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
            {
                self.extra_operation(path, &method.to_ascii_uppercase(), op_at);
            } else {
                self.error(&op_at, format!("`{method}` is not a valid HTTP method name"));
            }
        }
    }

    fn extra_operation(&mut self, path: Option<&str>, method: &str, at: Pointer) {
        match path {
            Some(path) => {
                self.extras.operations.push(ExtraOperation { path: path.to_owned(), method: method.to_owned(), at })
            }
            None => self.warn(&at, format!("a `{method}` operation outside `paths` is not generated")),
        }
    }

    fn operation(&mut self, operation: &mut Value, at: &Pointer) {
        if let Some(object) = operation.as_object_mut() {
            // 3.1 makes `responses` optional; 3.0's parser requires it.
            object.entry("responses").or_insert_with(|| Value::Object(Map::new()));
        }
        for (i, parameter) in
            operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten().enumerate()
        {
            self.parameter(parameter, &at.push("parameters").push(i.to_string()));
        }
        if let Some(body) = operation.get_mut("requestBody") {
            self.content(body, &at.push("requestBody"));
        }
        let responses = at.push("responses");
        for (status, response) in members(operation, "responses") {
            self.response(response, &responses.push(status));
        }
        for (name, callback) in members(operation, "callbacks") {
            self.callback(callback, &at.push("callbacks").push(name));
        }
    }

    fn callback(&mut self, callback: &mut Value, at: &Pointer) {
        for (expression, item) in callback.as_object_mut().into_iter().flatten() {
            if !expression.starts_with("x-") {
                self.path_item(item, &at.push(expression), None);
            }
        }
    }

    /// A parameter or a header (a header is a parameter without `name` and `in`).
    fn parameter(&mut self, parameter: &mut Value, at: &Pointer) {
        if parameter.get("$ref").is_some() {
            return;
        }
        if parameter.get("in").and_then(Value::as_str) == Some("querystring") {
            // 3.2: the whole query string as one value. Read as an ordinary query
            // parameter so the document parses; operations that use it are skipped.
            if let Some(object) = parameter.as_object_mut() {
                object.insert("in".to_owned(), Value::String("query".to_owned()));
                object.remove("content");
                object.insert("schema".to_owned(), Value::Object(Map::new()));
            }
            self.extras.unsupported_parameters.insert(
                at.clone(),
                "a `querystring` parameter (the whole query string as one value) is not supported".to_owned(),
            );
            return;
        }
        if let Some(schema) = parameter.get_mut("schema") {
            let schema_at = at.push("schema");
            self.schema(schema, &schema_at);
        }
        self.content(parameter, at);
        for (_, example) in members(parameter, "examples") {
            example_object(example);
        }
    }

    fn response(&mut self, response: &mut Value, at: &Pointer) {
        if response.get("$ref").is_some() {
            return;
        }
        if let Some(object) = response.as_object_mut() {
            // 3.2 makes `description` optional; 3.0's parser requires it.
            object.entry("description").or_insert_with(|| Value::String(String::new()));
        }
        for (name, header) in members(response, "headers") {
            self.parameter(header, &at.push("headers").push(name));
        }
        self.content(response, at);
    }

    /// The `content` of a request body, response, parameter or header.
    fn content(&mut self, holder: &mut Value, at: &Pointer) {
        if holder.get("$ref").is_some() {
            return;
        }
        let content = at.push("content");
        for (media_type, media) in members(holder, "content") {
            let media_at = content.push(media_type);
            if let Some(item_schema) = media.as_object_mut().and_then(|m| m.remove("itemSchema")) {
                let _ = item_schema;
                self.warn(
                    &media_at.push("itemSchema"),
                    "`itemSchema` (the schema of each item of a sequential media type) is not supported; the body is read as a whole",
                );
            }
            if let Some(schema) = media.get_mut("schema") {
                let schema_at = media_at.push("schema");
                self.schema(schema, &schema_at);
            }
            for (_, example) in members(media, "examples") {
                example_object(example);
            }
            for (name, encoding) in members(media, "encoding") {
                for (header, value) in members(encoding, "headers") {
                    self.parameter(value, &media_at.push("encoding").push(name).push("headers").push(header));
                }
            }
        }
    }
}

/// An Example Object: 3.2's `dataValue` is the example's value.
fn example_object(example: &mut Value) {
    if let Some(object) = example.as_object_mut() {
        if !object.contains_key("value") {
            if let Some(data) = object.remove("dataValue") {
                object.insert("value".to_owned(), data);
            }
        }
    }
}

#[cfg(test)]
mod tests;
