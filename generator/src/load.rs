//! Stage 1, load: spec text (JSON or YAML) to an `openapiv3` document, with the
//! location of any error. The `openapi` version field is checked here, because
//! the parser does not check it.

use std::cell::OnceCell;

use serde::Deserialize;
use serde_json::Value;

use crate::diag::{Diagnostic, Location, Pointer, Severity};

/// The syntax of a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// A parsed spec: the typed document, and the raw text for resolving `$ref`s
/// that point anywhere (parsed into a JSON value only when one is needed).
#[derive(Debug)]
pub struct Document {
    /// The typed document.
    pub api: openapiv3::OpenAPI,
    text: String,
    syntax: Syntax,
    raw: OnceCell<Option<Value>>,
}

impl Document {
    /// The syntax the spec was written in.
    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    /// The whole document as a JSON value, parsed on first use.
    pub fn raw(&self) -> Option<&Value> {
        self.raw
            .get_or_init(|| match self.syntax {
                Syntax::Json => serde_json::from_str(&self.text).ok(),
                Syntax::Yaml => serde_yaml::from_str(&self.text).ok(),
            })
            .as_ref()
    }
}

fn syntax_error(line: usize, column: usize, message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Error, location: Location::LineColumn(line, column), message }
}

fn root_error(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(&Pointer::root(), message)
}

/// The fields that say which specification a document follows.
#[derive(Deserialize)]
struct Head {
    openapi: Option<Value>,
    swagger: Option<Value>,
}

/// Parses spec text. Errors name the line and column of a syntax error, or
/// the JSON pointer of a value that is not what OpenAPI 3.0 allows there.
pub fn load(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![root_error("the spec is empty")]);
    }
    let syntax = if text.trim_start().starts_with('{') { Syntax::Json } else { Syntax::Yaml };

    let head: Result<Head, Diagnostic> = match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => root_error("the document is not an object"),
            _ => syntax_error(e.line(), e.column(), format!("invalid JSON: {}", strip_position(&e.to_string()))),
        }),
        Syntax::Yaml => serde_yaml::from_str(text).map_err(|e| match e.location() {
            Some(at) => {
                syntax_error(at.line(), at.column(), format!("invalid YAML: {}", strip_position(&e.to_string())))
            }
            None => root_error(format!("the document is not a mapping: {e}")),
        }),
    };
    let head = head.map_err(|d| vec![d])?;
    check_version(&head).map_err(|d| vec![d])?;

    let api: Result<openapiv3::OpenAPI, (String, String)> = match syntax {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| (pointer_of(e.path()), strip_position(&e.inner().to_string())))
        }
        Syntax::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de)
                .map_err(|e| (pointer_of(e.path()), strip_position(&e.inner().to_string())))
        }
    };
    match api {
        Ok(api) => Ok(Document { api, text: text.to_owned(), syntax, raw: OnceCell::new() }),
        Err((pointer, message)) => {
            // Objects with extensions are read through `#[serde(flatten)]`, which hides
            // where inside them an error is: look for the smallest part that fails.
            let raw: Option<Value> = match syntax {
                Syntax::Json => serde_json::from_str(text).ok(),
                Syntax::Yaml => serde_yaml::from_str(text).ok(),
            };
            let (pointer, message) = raw.as_ref().and_then(narrow::document).unwrap_or((pointer, message));
            Err(vec![Diagnostic {
                severity: Severity::Error,
                location: Location::Pointer(pointer),
                message: format!("not valid OpenAPI 3.0: {message}"),
            }])
        }
    }
}

/// Finds the smallest part of a document that does not deserialize.
mod narrow {
    use openapiv3::{Header, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use super::pointer_of;
    use crate::diag::Pointer;

    type Found = Option<(String, String)>;

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
        let sections: [(&str, fn(&Value, &Pointer) -> Found); 6] = [
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
}

fn check_version(head: &Head) -> Result<(), Diagnostic> {
    let at = Pointer::root().push("openapi");
    match (&head.openapi, &head.swagger) {
        (None, Some(swagger)) => Err(Diagnostic::error(
            &Pointer::root().push("swagger"),
            format!(
                "this is a Swagger {} document; the generator reads OpenAPI 3.0.x (convert it first, e.g. with swagger2openapi)",
                version_text(swagger)
            ),
        )),
        (None, None) => Err(root_error("not an OpenAPI document: the `openapi` field is missing")),
        (Some(Value::String(version)), _) => {
            if version == "3.0" || version.starts_with("3.0.") {
                Ok(())
            } else if version.starts_with("3.1") {
                Err(Diagnostic::error(
                    &at,
                    format!(
                        "this is an OpenAPI {version} document; the generator reads OpenAPI 3.0.x, and 3.1 is not supported yet"
                    ),
                ))
            } else {
                Err(Diagnostic::error(
                    &at,
                    format!("unsupported OpenAPI version `{version}`; the generator reads OpenAPI 3.0.x"),
                ))
            }
        }
        (Some(other), _) => Err(Diagnostic::error(
            &at,
            format!("the `openapi` field must be a string such as \"3.0.3\", found {}", version_text(other)),
        )),
    }
}

fn version_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Removes the " at line L column C" suffix that the parsers add, since the
/// diagnostic carries the location itself.
fn strip_position(message: &str) -> String {
    let Some(at) = message.find(" at line ") else {
        return message.to_owned();
    };
    // " at line L column C" may be followed by more text (YAML adds context).
    let rest = &message[at + " at line ".len()..];
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest =
        rest.strip_prefix(" column ").map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit())).unwrap_or(rest);
    format!("{}{rest}", &message[..at])
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push(index.to_string()),
            serde_path_to_error::Segment::Map { key } => pointer.push(key),
            serde_path_to_error::Segment::Enum { variant } => pointer.push(variant),
            serde_path_to_error::Segment::Unknown => break,
        };
    }
    pointer.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> String {
        match load(text) {
            Ok(_) => "loaded".to_owned(),
            Err(diags) => diags[0].display_for("spec"),
        }
    }

    #[test]
    fn version_checks() {
        assert_eq!(
            first_error("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n"),
            "spec#/openapi: this is an OpenAPI 3.1.0 document; the generator reads OpenAPI 3.0.x, and 3.1 is not supported yet"
        );
        assert_eq!(
            first_error("swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}\n"),
            "spec#/swagger: this is a Swagger 2.0 document; the generator reads OpenAPI 3.0.x (convert it first, e.g. with swagger2openapi)"
        );
        assert_eq!(
            first_error("openapi: 3.0\n"),
            "spec#/openapi: the `openapi` field must be a string such as \"3.0.3\", found 3.0"
        );
        assert_eq!(first_error("info: {}\n"), "spec#: not an OpenAPI document: the `openapi` field is missing");
        assert_eq!(first_error("openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\n"), "loaded");
        assert_eq!(first_error(""), "spec#: the spec is empty");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        assert_eq!(first_error("{\"openapi\": \"3.0.0\",\n  \"info\": }"), "spec:2:11: invalid JSON: expected value");
        let yaml = first_error("openapi: 3.0.0\ninfo:\n  title: [unclosed\n");
        assert!(yaml.starts_with("spec:"), "{yaml}");
        assert!(yaml.contains("invalid YAML"), "{yaml}");
    }

    #[test]
    fn shape_errors_have_a_pointer() {
        let text = "openapi: 3.0.0\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        assert_eq!(
            first_error(text),
            "spec#/paths/~1a/get/responses: not valid OpenAPI 3.0: invalid type: integer `7`, expected struct Responses"
        );
    }
}
