//! Stage 1, load: spec text (JSON or YAML) to an `openapiv3` document, with the
//! location of any error. The `openapi` version field is checked here, because
//! the parser does not check it.

use std::sync::OnceLock;

use serde_json::Value;

use crate::diag::{Diagnostic, Location, Pointer, Severity};

mod narrow;
mod scan;

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
    raw: OnceLock<Option<Value>>,
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
struct Head {
    openapi: Option<Value>,
    swagger: Option<Value>,
}

/// Parses spec text. Errors name the line and column of a syntax error, or
/// the JSON pointer of a value that is not what OpenAPI 3.0 allows there.
/// Parsing runs on a thread with a stack of its own (see [`crate::stack`]).
pub fn load(text: &str) -> Result<Document, Vec<Diagnostic>> {
    crate::stack::with_stack(|| load_here(text))
}

fn load_here(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![root_error("the spec is empty")]);
    }
    let syntax = if text.trim_start().starts_with('{') { Syntax::Json } else { Syntax::Yaml };
    if syntax == Syntax::Yaml {
        if let Some((line, column)) = flow_too_deep(text) {
            return Err(vec![syntax_error(
                line,
                column,
                format!(
                    "invalid YAML: recursion limit exceeded: brackets nested more than {MAX_FLOW_NESTING} levels deep"
                ),
            )]);
        }
    }

    // A first pass finds duplicate keys and reads the version fields; for YAML it
    // also builds the document as JSON, which the typed parse then reads.
    let found = scan::Found::default();
    let seed = scan::Scan { build: syntax == Syntax::Yaml, top: true, found: &found, schema_depth: 0 };
    let scanned: Result<Value, Diagnostic> = match syntax {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde::de::DeserializeSeed::deserialize(seed, &mut de).and_then(|value| de.end().map(|()| value)).map_err(
                |e| {
                    found.diagnostic().unwrap_or_else(|| {
                        syntax_error(e.line(), e.column(), format!("invalid JSON: {}", strip_position(&e.to_string())))
                    })
                },
            )
        }
        Syntax::Yaml => serde::de::DeserializeSeed::deserialize(seed, serde_yaml::Deserializer::from_str(text))
            .map_err(|e| {
                found.diagnostic().unwrap_or_else(|| match e.location() {
                    Some(at) => syntax_error(
                        at.line(),
                        at.column(),
                        format!("invalid YAML: {}", strip_position(&e.to_string())),
                    ),
                    None => root_error(format!("the document is not a mapping: {e}")),
                })
            }),
    };
    let scanned = scanned.map_err(|d| vec![d])?;
    let head = match &scanned {
        Value::Object(map) => Head { openapi: map.get("openapi").cloned(), swagger: map.get("swagger").cloned() },
        _ if syntax == Syntax::Json => return Err(vec![root_error("the document is not an object")]),
        _ => return Err(vec![root_error("the document is not a mapping")]),
    };
    check_version(&head).map_err(|d| vec![d])?;

    // openapiv3 reads a `$ref`-or-schema, and a schema's kind, by trying one
    // shape after another; when a nested schema is invalid, every level above it
    // tries again, so the time doubles (or more) with each level of nesting:
    // 22 levels ran for minutes (found by the `structured` fuzz target). Where
    // schemas nest deeper than a real spec needs, every schema is first checked
    // on its own, innermost first, so an invalid one is found in linear time.
    if found.schema_depth() > MAX_UNCHECKED_SCHEMA_DEPTH {
        let raw: Option<Value> = match syntax {
            Syntax::Json => serde_json::from_str(text).ok(),
            Syntax::Yaml => Some(scanned.clone()),
        };
        if let Some((pointer, message)) = raw.and_then(|mut raw| narrow::schemas_bottom_up(&mut raw)) {
            return Err(vec![Diagnostic {
                severity: Severity::Error,
                location: Location::Pointer(pointer),
                message: format!("not valid OpenAPI 3.0: {message}"),
            }]);
        }
    }

    let api: Result<openapiv3::OpenAPI, (String, String)> = match syntax {
        Syntax::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de)
                .map_err(|e| (pointer_of(e.path()), strip_position(&e.inner().to_string())))
        }
        Syntax::Yaml => serde_path_to_error::deserialize(&scanned)
            .map_err(|e| (pointer_of(e.path()), strip_position(&e.inner().to_string()))),
    };
    match api {
        Ok(api) => {
            let raw = match syntax {
                Syntax::Json => OnceLock::new(),
                Syntax::Yaml => OnceLock::from(Some(scanned)),
            };
            Ok(Document { api, text: text.to_owned(), syntax, raw })
        }
        Err((pointer, message)) => {
            // Objects with extensions are read through `#[serde(flatten)]`, which hides
            // where inside them an error is: look for the smallest part that fails.
            let raw: Option<Value> = match syntax {
                Syntax::Json => serde_json::from_str(text).ok(),
                Syntax::Yaml => Some(scanned),
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


/// Deepest nesting of schema keywords (`properties`, `items`, `allOf`, ...)
/// parsed without checking each schema first (see `load_here`). The specs of
/// `shared/specs` nest up to 8 deep, and GitHub's and Stripe's are 8; past
/// this, a spec pays for one more pass over its schemas.
const MAX_UNCHECKED_SCHEMA_DEPTH: usize = 8;

/// The first invalid schema in `value`, found innermost first, where schemas
/// nest deeper than [`MAX_UNCHECKED_SCHEMA_DEPTH`] in it (see `load_here`); for
/// what a `$ref` points to anywhere in a document, as in data the loader does
/// not read as schemas. `value` is a schema when `is_schema`, else an object
/// that holds schemas (a parameter, a response, ...); `at` is where it is.
pub(crate) fn invalid_deep_schema(value: &Value, at: &Pointer, is_schema: bool) -> Option<(String, String)> {
    fn depth(value: &Value) -> usize {
        match value {
            Value::Object(map) => map
                .iter()
                .map(|(key, inner)| depth(inner) + usize::from(scan::SCHEMA_KEYS.contains(&key.as_str())))
                .max()
                .unwrap_or(0),
            Value::Array(items) => items.iter().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }
    if depth(value) <= MAX_UNCHECKED_SCHEMA_DEPTH {
        return None;
    }
    let mut copy = value.clone();
    if is_schema { narrow::schema_tree(&mut copy, at) } else { narrow::schema_roots(&mut copy, at, false) }
}

/// Deepest nesting of brackets (`[`, `{`) let through to the YAML parser.
/// libyaml's scanner does work proportional to the depth of flow collections
/// for every token, so text of nothing but `[` takes quadratic time (seconds
/// for 64 kB) before serde_yaml's recursion limit (128) stops it. Brackets are
/// counted wherever they are, in strings and comments too, so the bound is
/// well above that limit.
const MAX_FLOW_NESTING: usize = 200;

/// The line and column (1-based) where brackets first nest deeper than
/// [`MAX_FLOW_NESTING`], if they do.
fn flow_too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    for byte in text.bytes() {
        if byte & 0xC0 != 0x80 {
            column += 1;
        }
        match byte {
            b'\n' => {
                line += 1;
                column = 0;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_NESTING {
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
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
