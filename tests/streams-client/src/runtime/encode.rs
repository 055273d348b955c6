// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Parameter values as text: the styles (OpenAPI `style`, `explode`,
//! `allowReserved`, `allowEmptyValue`), the value serialized in the order its
//! fields are declared (a struct's properties go out in the schema's order),
//! and the simple, label and matrix expansions of RFC 6570 that path and header
//! parameters use.

use percent_encoding::{AsciiSet, utf8_percent_encode};
use serde::Serialize;

use super::{COMPONENT, InvalidRequest};

/// The style of a parameter or form field (OpenAPI `style`).
#[allow(dead_code, reason = "the client constructs the styles its spec's parameters use, rarely all of them")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// `form`: `name=value` pairs (query, cookie, form body).
    Form,
    /// `spaceDelimited`: array items joined by spaces.
    SpaceDelimited,
    /// `pipeDelimited`: array items joined by `|`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value`, nested as deep as the value is.
    DeepObject,
    /// `simple`: `blue,black,brown` (path, header).
    Simple,
    /// `label`: `.blue.black.brown` (path).
    Label,
    /// `matrix`: `;color=blue` (path).
    Matrix,
    /// A parameter described by `content` with a JSON media type: the value's JSON text.
    Json,
}

/// How a parameter is written: its style and the flags beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Encoding {
    pub(super) style: Style,
    /// Arrays and objects as one pair (or one `;name=`, one `.`) per item.
    pub(super) explode: bool,
    /// Reserved characters (RFC 3986) sent as they are (`allowReserved`).
    #[allow(dead_code, reason = "read where query, path and cookie parameters are written")]
    pub(super) allow_reserved: bool,
    /// An empty array or object is sent as `name=` rather than left out (`allowEmptyValue`).
    #[allow(dead_code, reason = "read where query and cookie parameters are written")]
    pub(super) allow_empty: bool,
}

impl Style {
    /// The encoding of this style, exploded or not.
    pub(crate) const fn explode(self, explode: bool) -> Encoding {
        Encoding { style: self, explode, allow_reserved: false, allow_empty: false }
    }
}

#[allow(dead_code, reason = "the client sets the flags its spec's parameters have, often none")]
impl Encoding {
    /// With `allowReserved: true`.
    pub(crate) const fn reserved(mut self) -> Self {
        self.allow_reserved = true;
        self
    }

    /// With `allowEmptyValue: true`.
    pub(crate) const fn empty(mut self) -> Self {
        self.allow_empty = true;
        self
    }

    /// Appends `text`, percent-encoded: all but the unreserved characters, or
    /// with `allowReserved` all but the unreserved and reserved ones (`#`, which
    /// would end the URL's query, is encoded all the same).
    #[allow(dead_code, reason = "a client whose parameters are all headers escapes nothing")]
    pub(super) fn escape_into(&self, out: &mut String, text: &str) {
        let set: &AsciiSet = if self.allow_reserved { RESERVED_KEPT } else { COMPONENT };
        out.extend(utf8_percent_encode(text, set));
    }
}

/// Percent-encoded with `allowReserved`: what is neither unreserved nor reserved
/// (RFC 3986), and `#`, `%`.
const RESERVED_KEPT: &AsciiSet = &COMPONENT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// A parameter value, serialized: scalars as text, arrays and objects with
/// their items in order (an object's properties as its type serializes them).
#[derive(Debug, PartialEq)]
pub(super) enum Node {
    /// `null` or absent: the parameter is not sent.
    Null,
    /// A string as it is; a number or boolean in JSON notation.
    Scalar(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The text of a scalar (`null` is empty); `None` for an array or object.
    pub(super) fn scalar(&self) -> Option<&str> {
        match self {
            Node::Null => Some(""),
            Node::Scalar(text) => Some(text),
            Node::Array(_) | Node::Object(_) => None,
        }
    }

    /// Whether it is an empty array or object, or null: RFC 6570's undefined value.
    pub(super) fn is_undefined(&self) -> bool {
        match self {
            Node::Null => true,
            Node::Scalar(_) => false,
            Node::Array(items) => items.is_empty(),
            Node::Object(pairs) => pairs.is_empty(),
        }
    }

    /// The `(name, value)` pairs of an array's items (each under `name`) or an
    /// object's properties, all scalars; nested values cannot be written in a
    /// style but `deepObject`.
    pub(super) fn pairs<'a>(&'a self, name: &'a str, field: &str) -> Result<Vec<(&'a str, &'a str)>, InvalidRequest> {
        let nested = || InvalidRequest::new(field, "nested values cannot be encoded in this style");
        match self {
            Node::Array(items) => items.iter().map(|item| Ok((name, item.scalar().ok_or_else(nested)?))).collect(),
            Node::Object(pairs) => {
                pairs.iter().map(|(key, item)| Ok((key.as_str(), item.scalar().ok_or_else(nested)?))).collect()
            }
            scalar => Ok(vec![(name, scalar.scalar().unwrap_or_default())]),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        // As JSON writes it (`1.0`, not `1`).
        Ok(Node::Scalar(serde_json::Number::from_f64(value).map(|n| n.to_string()).unwrap_or_default()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Scalar(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::Scalar(value))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(Node::Object(pairs))
    }
}

/// Serializes a parameter value: its JSON text, and the value read back from
/// it in the same order. `field` names the value for the error; it is only
/// called when there is one.
pub(super) fn serialize<T: Serialize + ?Sized>(
    value: &T,
    field: impl Fn() -> String,
) -> Result<(String, Node), InvalidRequest> {
    let error = |error: serde_json::Error| InvalidRequest::new(field(), format!("cannot be encoded: {error}"));
    let json = serde_json::to_string(value).map_err(error)?;
    let node = serde_json::from_str(&json).map_err(error)?;
    Ok((json, node))
}

/// The RFC 6570 expansion of a path or header parameter in the `simple`,
/// `label` or `matrix` style (`{color}`, `{.color}`, `{;color}`, with `*` when
/// exploded), or its JSON text; `escape` writes each name and value.
#[allow(dead_code, reason = "written for path and header parameters; a client may have neither")]
pub(super) fn expand(
    name: &str,
    json: &str,
    node: &Node,
    encoding: Encoding,
    field: &str,
    escape: &dyn Fn(&mut String, &str),
) -> Result<String, InvalidRequest> {
    let mut out = String::new();
    if encoding.style == Style::Json {
        escape(&mut out, json);
        return Ok(out);
    }
    if node.is_undefined() {
        return Ok(out);
    }
    let (prefix, separator) = match (encoding.style, encoding.explode) {
        (Style::Label, true) => (".", "."),
        (Style::Label, false) => (".", ","),
        (Style::Matrix, true) => (";", ";"),
        (Style::Matrix, false) => (";", ","),
        _ => ("", ","),
    };
    let matrix = encoding.style == Style::Matrix;
    out.push_str(prefix);
    // `;color=...`: the name once, before the joined items (and alone for an empty string).
    if matrix && !(encoding.explode && matches!(node, Node::Array(_) | Node::Object(_))) {
        escape(&mut out, name);
        if node.scalar() == Some("") {
            return Ok(out);
        }
        out.push('=');
    }
    let object = matches!(node, Node::Object(_));
    for (index, (key, value)) in node.pairs(name, field)?.into_iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        if encoding.explode && (object || matrix && matches!(node, Node::Array(_))) {
            // `R=100`, `;color=blue`, `;R=100` (`;color` for an empty value).
            escape(&mut out, key);
            if matrix && value.is_empty() {
                continue;
            }
            out.push('=');
        } else if object {
            // `R,100`.
            escape(&mut out, key);
            out.push(',');
        }
        escape(&mut out, value);
    }
    Ok(out)
}
