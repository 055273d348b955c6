//! Stage 1, load: spec text (JSON or YAML) to an `openapiv3` document, with the
//! location of any error. The `openapi` version field is checked here, because
//! the parser does not check it.

use std::sync::OnceLock;

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

/// Finds the smallest part of a document that does not deserialize.
mod narrow {
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

    /// Keys whose values are maps of names (paths, media types, status codes,
    /// component names, ...), whose own keys are never keywords.
    const NAMED: &[&str] = &[
        "paths",
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
    ];

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
                            _ => schema_roots(inner, &at.push(key), NAMED.contains(&key.as_str())),
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
                ("items" | "additionalProperties" | "not", inner @ Value::Object(_)) => {
                    schema_tree(inner, &at.push(key))
                }
                ("allOf" | "anyOf" | "oneOf", Value::Array(parts)) => parts
                    .iter_mut()
                    .enumerate()
                    .find_map(|(i, part)| schema_tree(part, &at.push(key).push(i.to_string()))),
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

/// The first pass over a spec, before the typed parse. It rejects keys that
/// appear twice in one object or mapping: besides being invalid YAML (and
/// ambiguous JSON), they make `openapiv3` panic ("somehow this parsed
/// successfully the second time") where a `$ref`-or-item fails to parse, as it
/// re-reads the item through a `serde_json::Value`, which keeps only the last
/// of the duplicates. For YAML it also builds the document as JSON with every
/// key a string (YAML keys such as `200:` are numbers), so the typed parse
/// reads the same shapes from YAML as from JSON. Nesting is bounded by the
/// parsers' recursion limit (128), so this recursion is too.
mod scan {
    use std::borrow::Cow;
    use std::cell::{Cell, RefCell};
    use std::collections::HashSet;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Number, Value};

    use crate::diag::{Diagnostic, Pointer};

    /// The path to a duplicate key once one is found, innermost token first;
    /// and the deepest nesting of schema keywords seen (see `SCHEMA_KEYS`).
    #[derive(Default)]
    pub(super) struct Found(RefCell<Option<Vec<String>>>, Cell<usize>);

    /// Keywords under which schemas nest in schemas. Counting them along a path
    /// gives (at least) how deep schemas nest there.
    pub(super) const SCHEMA_KEYS: &[&str] =
        &["properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf", "not"];

    impl Found {
        /// Adds the token of an enclosing value while a duplicate's error unwinds.
        fn enter(&self, token: impl Into<String>) {
            if let Some(path) = self.0.borrow_mut().as_mut() {
                path.push(token.into());
            }
        }

        /// The deepest nesting of schema keywords in the document.
        pub(super) fn schema_depth(&self) -> usize {
            self.1.get()
        }

        /// The diagnostic for the duplicate key found, if one was.
        pub(super) fn diagnostic(&self) -> Option<Diagnostic> {
            let path = self.0.borrow();
            let path = path.as_ref()?;
            let key = path.first()?;
            let pointer = path.iter().rev().fold(Pointer::root(), |p, token| p.push(token));
            Some(Diagnostic::error(&pointer, format!("the key `{key}` appears more than once in the same object")))
        }
    }

    /// Walks one value; builds it as JSON when `build` (else returns `Null`,
    /// except for the root object, which keeps `openapi` and `swagger`).
    #[derive(Clone, Copy)]
    pub(super) struct Scan<'f> {
        pub build: bool,
        pub top: bool,
        pub found: &'f Found,
        /// Schema keywords on the path here.
        pub schema_depth: usize,
    }

    impl<'de> DeserializeSeed<'de> for Scan<'_> {
        type Value = Value;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl Scan<'_> {
        fn keep(self, value: impl FnOnce() -> Value) -> Value {
            if self.build { value() } else { Value::Null }
        }
    }

    impl<'de> Visitor<'de> for Scan<'_> {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON or YAML value")
        }

        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(self.keep(|| Value::Bool(v)))
        }

        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(self.keep(|| Value::from(v)))
        }

        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(self.keep(|| Value::from(v)))
        }

        fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
            Ok(self.keep(|| i64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64))))
        }

        fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
            Ok(self.keep(|| u64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64))))
        }

        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(self.keep(|| float(v)))
        }

        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(self.keep(|| Value::String(v.to_owned())))
        }

        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(self.keep(|| Value::String(v)))
        }

        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let child = Scan { top: false, ..self };
            let mut items = Vec::new();
            let mut index = 0usize;
            loop {
                match seq.next_element_seed(child) {
                    Ok(Some(item)) => {
                        if self.build {
                            items.push(item);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        self.found.enter(index.to_string());
                        return Err(e);
                    }
                }
                index += 1;
            }
            Ok(self.keep(|| Value::Array(items)))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut seen = Seen::default();
            let mut out = Map::new();
            while let Some(key) = map.next_key_seed(Key)? {
                if seen.contains(&key) {
                    *self.found.0.borrow_mut() = Some(vec![key.clone().into_owned()]);
                    return Err(de::Error::custom(format!("the key `{key}` appears more than once")));
                }
                let keep = self.build || (self.top && (key == "openapi" || key == "swagger"));
                let schema_depth = self.schema_depth + usize::from(SCHEMA_KEYS.contains(&key.as_ref()));
                self.found.1.set(self.found.1.get().max(schema_depth));
                let value = match map.next_value_seed(Scan { build: keep, top: false, found: self.found, schema_depth })
                {
                    Ok(value) => value,
                    Err(e) => {
                        self.found.enter(key.into_owned());
                        return Err(e);
                    }
                };
                if keep {
                    out.insert(key.clone().into_owned(), value);
                }
                seen.insert(key);
            }
            Ok(if self.build || self.top { Value::Object(out) } else { Value::Null })
        }
    }

    /// The keys of one object so far: a list while it is short (most are), a set beyond.
    #[derive(Default)]
    struct Seen<'de> {
        list: Vec<Cow<'de, str>>,
        set: HashSet<Cow<'de, str>>,
    }

    impl<'de> Seen<'de> {
        fn contains(&self, key: &str) -> bool {
            self.list.iter().any(|k| k == key) || self.set.contains(key)
        }

        fn insert(&mut self, key: Cow<'de, str>) {
            if self.list.len() < 16 {
                self.list.push(key);
            } else {
                self.set.insert(key);
            }
        }
    }

    /// A JSON number, or `null` for NaN and the infinities (as `serde_json` does).
    fn float(v: f64) -> Value {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }

    /// A key as a string; YAML's number, boolean and null keys as written in JSON.
    struct Key;

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Cow<'de, str>;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Key {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or number as a key")
        }

        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }

        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }

        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }

        fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_string()))
        }

        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Cow::Owned(float(v).to_string()))
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed("null"))
        }
    }
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
