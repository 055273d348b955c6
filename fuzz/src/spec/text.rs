//! Strings and JSON: the pools of names and odd texts that `Text` and `Name`
//! draw from, arbitrary JSON (`Json`), and the escaping of JSON pointer tokens.

use arbitrary::Arbitrary;
use serde_json::{Number, Value, json};

/// Names of components, properties and parameters: few, so they collide and
/// references find their targets.
const NAMES: &[&str] = &[
    "Pet", "pet", "PET", "pet_", "Pet1", "1pet", "type", "self", "Self", "crate", "super", "_", "", "Unknown",
    "Client", "Error", "a/b", "a~b", "{x}", "é", "日本", "x y", "%20", "id", "body", "params", "new", "default",
    "r#type", "-1", "Tree", "Node",
];

/// Odd strings for titles, descriptions, enum values, formats, keys.
const TEXTS: &[&str] = &[
    "",
    " ",
    "=",
    "!=",
    ">",
    ">=",
    "~",
    "-1",
    "-",
    "+1",
    "0",
    "1.5",
    "null",
    "true",
    "type",
    "r#type",
    "Self",
    "self",
    "_",
    "__",
    "123abc",
    "é",
    "日本語",
    "\u{3000}\u{3000}x",
    "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}code",
    "    indented\n\n        code",
    "```rust\nfn main() {}\n```",
    "~~~\nunclosed",
    "* list\n  * nested\n1. one\n    four",
    "line\r\nbreak\rcarriage",
    "tab\there",
    "*/ /* //! #![deny]",
    "\"quoted\" 'single' \\ backslash",
    "{id}",
    "{",
    "}",
    "a/b",
    "%ZZ",
    "%E2%82",
    "%7Bid%7D",
    "#",
    "#/",
    "http://",
    "https://{region}.example.com/{version}",
    "date-time",
    "date",
    "uuid",
    "uri",
    "byte",
    "binary",
    "password",
    "int8",
    "uint64",
    "float",
    "double",
    "Unknown",
    "x-rust-crate-name",
    "1.0.0",
    "1.0",
    "01.0.0",
    "1.0.0-beta+é",
    "\u{1f600}",
    "\0nul",
];

/// A string: mostly from the pool, sometimes free.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Text {
    Pool(u8),
    Free(String),
}

impl Text {
    pub(super) fn value(&self) -> String {
        match self {
            Text::Pool(i) => TEXTS[*i as usize % TEXTS.len()].to_owned(),
            Text::Free(s) => s.clone(),
        }
    }
}

/// A name: mostly from the pool, sometimes any text.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Name {
    Pool(u8),
    Text(Text),
}

impl Name {
    pub(super) fn value(&self) -> String {
        match self {
            Name::Pool(i) => NAMES[*i as usize % NAMES.len()].to_owned(),
            Name::Text(t) => t.value(),
        }
    }
}

/// Escapes one JSON pointer token.
pub(super) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Arbitrary JSON.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(Text),
    Array(Vec<Json>),
    Object(Vec<(Text, Json)>),
}

impl Json {
    pub(super) fn value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(n) => json!(n),
            Json::Uint(n) => json!(n),
            Json::Float(f) => Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
            Json::Str(t) => Value::String(t.value()),
            Json::Array(items) => Value::Array(items.iter().map(Json::value).collect()),
            Json::Object(entries) => Value::Object(entries.iter().map(|(k, v)| (k.value(), v.value())).collect()),
        }
    }
}
