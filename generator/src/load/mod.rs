//! Stage 1, load: spec text (JSON or YAML) to an `openapiv3` document, with the
//! location of any error. The `openapi` version field is checked here, because
//! the parser does not check it. OpenAPI 3.1 and 3.2 documents are first
//! normalised into the 3.0 form ([`oas31`]); what 3.0 has no place for comes
//! beside the typed document, and every location is reported as written
//! (`source_map.rs`). Before any of that, `scan.rs` makes the first pass over
//! the text (duplicate keys, YAML to JSON, nesting depth), and `narrow.rs`
//! finds the smallest part of a document that does not parse.

use std::collections::HashMap;
use std::sync::OnceLock;

use indexmap::IndexMap;
use openapiv3::{PathItem, ReferenceOr};
use serde_json::Value;

use crate::diag::{Diagnostic, Location, Pointer, Severity};

mod narrow;
pub mod oas31;
mod scan;
pub mod source_map;

pub use oas31::{ExtraOperation, Tuple, Version};

/// Keys whose values are maps of names (paths, media types, status codes,
/// component names, properties, ...): their own keys are never keywords, so
/// a walk over a document as JSON does not read them as such.
pub(crate) const NAMED_MAPS: &[&str] = &[
    "paths",
    "webhooks",
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "examples",
    "encoding",
    "content",
    "variables",
    "mapping",
    "scopes",
    "pathItems",
    "additionalOperations",
    "properties",
    "$defs",
    "definitions",
    "patternProperties",
    "dependentSchemas",
];
pub use source_map::SourceMap;

/// The syntax of a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// A parsed spec: the typed document, what it says that OpenAPI 3.0 has no
/// place for, and the raw text for resolving `$ref`s that point anywhere
/// (parsed into a JSON value only when one is needed). For a 3.1 or 3.2
/// document, every pointer is a place in its normalised form; [`Document::original`]
/// gives the place as written.
#[derive(Debug)]
pub struct Document {
    /// The typed document.
    pub api: openapiv3::OpenAPI,
    /// The top-level `webhooks` (3.1), in document order.
    pub webhooks: IndexMap<String, ReferenceOr<PathItem>>,
    /// Operations under methods a 3.0 path item does not list (3.2), in document order.
    pub extra_operations: Vec<(ExtraOperation, openapiv3::Operation)>,
    /// Array schemas with `prefixItems` (3.1), by where they are.
    pub tuples: HashMap<Pointer, Tuple>,
    /// Parameters that cannot be sent (3.2 `querystring`), by where they are, with the reason.
    pub unsupported_parameters: HashMap<Pointer, String>,
    /// `info.summary` (3.1).
    pub summary: Option<String>,
    /// `info.license.identifier` (3.1): an SPDX licence expression.
    pub license_identifier: Option<String>,
    /// Warnings met while loading (constructs read as a looser type), located as written.
    pub warnings: Vec<Diagnostic>,
    source_map: SourceMap,
    text: String,
    syntax: Syntax,
    raw: OnceLock<Option<Value>>,
}

impl Document {
    /// Where `pointer`, a place in the document as loaded, is in the document as written.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        self.source_map.original(pointer)
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
    let version = check_version(&head).map_err(|d| vec![d])?;
    if version != Version::V3_0 {
        let value = match syntax {
            Syntax::Json => serde_json::from_str(text).map_err(|e| {
                vec![syntax_error(e.line(), e.column(), format!("invalid JSON: {}", strip_position(&e.to_string())))]
            })?,
            Syntax::Yaml => scanned,
        };
        return load_normalised(text, syntax, value, version, found.schema_depth());
    }

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
            Ok(Document {
                api,
                webhooks: IndexMap::new(),
                extra_operations: Vec::new(),
                tuples: HashMap::new(),
                unsupported_parameters: HashMap::new(),
                summary: None,
                license_identifier: None,
                warnings: Vec::new(),
                source_map: SourceMap::default(),
                text: text.to_owned(),
                syntax,
                raw,
            })
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

/// Loads a 3.1 or 3.2 document, `value`: normalised into the 3.0 form, then
/// read as 3.0 is; errors are located in the document as written.
fn load_normalised(
    text: &str,
    syntax: Syntax,
    value: Value,
    version: Version,
    schema_depth: usize,
) -> Result<Document, Vec<Diagnostic>> {
    let oas31::Normalised { value, map, extras, diagnostics } = oas31::normalise(value, version);
    let (warnings, mut errors): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.severity == Severity::Warning);
    let invalid = |pointer: &str, message: &str| Diagnostic {
        severity: Severity::Error,
        location: Location::Pointer(map.original(&Pointer::parse(pointer)).to_string()),
        message: format!("not valid OpenAPI {}: {message}", version.name()),
    };
    if schema_depth > MAX_UNCHECKED_SCHEMA_DEPTH {
        if let Some((pointer, message)) = narrow::schemas_bottom_up(&mut value.clone()) {
            errors.push(invalid(&pointer, &message));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let api: openapiv3::OpenAPI = serde_path_to_error::deserialize(&value).map_err(|e| {
        let (pointer, message) =
            narrow::document(&value).unwrap_or_else(|| (pointer_of(e.path()), strip_position(&e.inner().to_string())));
        vec![invalid(&pointer, &message)]
    })?;
    let mut webhooks = IndexMap::new();
    for (name, at) in &extras.webhooks {
        webhooks.insert(
            name.clone(),
            read_part::<ReferenceOr<PathItem>>(&value, at).map_err(|(p, m)| vec![invalid(&p, &m)])?,
        );
    }
    let mut extra_operations = Vec::new();
    for extra in extras.operations {
        let operation = read_part::<openapiv3::Operation>(&value, &extra.at).map_err(|(p, m)| vec![invalid(&p, &m)])?;
        extra_operations.push((extra, operation));
    }
    Ok(Document {
        api,
        webhooks,
        extra_operations,
        tuples: extras.tuples,
        unsupported_parameters: extras.unsupported_parameters,
        summary: extras.summary,
        license_identifier: extras.license_identifier,
        warnings,
        source_map: map,
        text: text.to_owned(),
        syntax,
        raw: OnceLock::from(Some(value)),
    })
}

/// Reads the part of `document` at `at` as a `T`; an error names where, inside it, and why.
fn read_part<T: serde::de::DeserializeOwned>(document: &Value, at: &Pointer) -> Result<T, (String, String)> {
    let part = document.pointer(at.as_str()).unwrap_or(&Value::Null);
    serde_path_to_error::deserialize(part).map_err(|e| {
        let inner = pointer_of(e.path());
        (format!("{at}{}", inner.trim_start_matches('#')), strip_position(&e.inner().to_string()))
    })
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

fn check_version(head: &Head) -> Result<Version, Diagnostic> {
    let at = Pointer::root().push("openapi");
    match (&head.openapi, &head.swagger) {
        (None, Some(swagger)) => Err(Diagnostic::error(
            &Pointer::root().push("swagger"),
            format!(
                "this is a Swagger {} document; the generator reads OpenAPI 3.0, 3.1 and 3.2 (convert it first, e.g. with swagger2openapi)",
                version_text(swagger)
            ),
        )),
        (None, None) => Err(root_error("not an OpenAPI document: the `openapi` field is missing")),
        (Some(Value::String(version)), _) => {
            let mut parts = version.split('.');
            let patch_ok = |rest: Option<&str>| rest.is_none_or(|p| !p.is_empty());
            match (parts.next(), parts.next(), parts.next()) {
                (Some("3"), Some("0"), patch) if patch_ok(patch) => Ok(Version::V3_0),
                (Some("3"), Some("1"), patch) if patch_ok(patch) => Ok(Version::V3_1),
                (Some("3"), Some("2"), patch) if patch_ok(patch) => Ok(Version::V3_2),
                _ => Err(Diagnostic::error(
                    &at,
                    format!("unsupported OpenAPI version `{version}`; the generator reads OpenAPI 3.0, 3.1 and 3.2"),
                )),
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
        assert_eq!(first_error("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n"), "loaded");
        assert_eq!(first_error("openapi: 3.2.0\ninfo: {title: t, version: v}\n"), "loaded");
        assert_eq!(
            first_error("openapi: 3.10.0\ninfo: {title: t, version: v}\npaths: {}\n"),
            "spec#/openapi: unsupported OpenAPI version `3.10.0`; the generator reads OpenAPI 3.0, 3.1 and 3.2"
        );
        assert_eq!(
            first_error("swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}\n"),
            "spec#/swagger: this is a Swagger 2.0 document; the generator reads OpenAPI 3.0, 3.1 and 3.2 (convert it first, e.g. with swagger2openapi)"
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
