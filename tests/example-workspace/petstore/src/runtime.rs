// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Runtime support shared by every operation of this client: configuration,
//! credentials, request encoding, retries, timeouts, bounded response reading
//! and the error type.
//!
//! This module is the same in every crate the generator writes; which of its
//! helpers a crate uses depends on its spec, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::convert::Infallible;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
pub use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Default timeout of each attempt: from connecting until the response body is read.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout for establishing a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default delay before the first retry; it doubles on each later retry.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(250);
/// Default upper bound of the exponential backoff.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(8);
/// Default longest `Retry-After` the client waits for; a longer one ends the retries.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Default bound on the size of a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How many bytes of a response body an error keeps for inspection.
const ERROR_BODY_KEEP: usize = 64 * 1024;
/// How many bytes of a body an error's snippet shows.
const SNIPPET_LEN: usize = 256;

// ---------------------------------------------------------------------------
// Secrets

/// A secret string: an API key, a token, a password or a signing secret.
///
/// Its `Debug` output is `Secret("[REDACTED]")`; it has no `Display`. Read the
/// value with [`Secret::expose`]. It serializes as the plain string, because
/// that is what the API expects on the wire.
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(\"[REDACTED]\")")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<&String> for Secret {
    fn from(value: &String) -> Self {
        Secret(value.clone())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

// ---------------------------------------------------------------------------
// Nullable values

/// A value the spec marks `nullable`: either JSON `null` or a value.
///
/// An optional nullable field is an `Option<Nullable<T>>`, which has three
/// states: `None` (absent: not sent, left unchanged), `Some(Nullable::Null)`
/// (sent as `null`) and `Some(Nullable::Value(v))`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// JSON `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, if it is not null.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// A reference to the value, if it is not null.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(value) => Some(value),
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            None => Nullable::Null,
            Some(value) => Nullable::Value(value),
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nullable::from)
    }
}

/// Deserializes a present field of type `Option<Nullable<T>>`: `null` becomes
/// `Some(Nullable::Null)`, not `None` (absence is handled by `#[serde(default)]`).
pub(crate) fn deserialize_present<'de, D, T>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Nullable::deserialize(deserializer).map(Some)
}

// ---------------------------------------------------------------------------
// Enums of listed values

/// Implements `as_str`, `Display`, `Serialize` and `Deserialize` for an enum of
/// string values. With `open`, the enum has an `Unknown(String)` variant that
/// values the spec does not list decode into; without, such values are errors.
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                match value.as_str() {
                    $($value => Ok(Self::$variant),)*
                    other => Err(serde::de::Error::unknown_variant(other, &[$($value),*])),
                }
            }
        }

        $crate::runtime::string_enum!(@common $name);
    };
    ($name:ident open { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Unknown(value),
                })
            }
        }

        $crate::runtime::string_enum!(@common $name);
    };
    (@common $name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// Implements `value`, `Display`, `Serialize` and `Deserialize` for an enum of
/// integer values; `open` adds decoding of unlisted values into `Unknown(i64)`.
#[allow(unused_macros)]
macro_rules! integer_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                match value {
                    $($value => Ok(Self::$variant),)*
                    other => Err(serde::de::Error::custom(format_args!("unknown value `{other}`"))),
                }
            }
        }

        $crate::runtime::integer_enum!(@common $name);
    };
    ($name:ident open { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                Ok(match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                })
            }
        }

        $crate::runtime::integer_enum!(@common $name);
    };
    (@common $name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {integer_enum, string_enum};

// ---------------------------------------------------------------------------
// Trimmed strings (the `x-trimmed` extension: the server trims the value)

/// A string-like value whose surrounding whitespace the server ignores.
pub(crate) trait Trim {
    /// Serializes the value without surrounding whitespace.
    fn serialize_trimmed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Trim for String {
    fn serialize_trimmed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.trim())
    }
}

impl Trim for Secret {
    fn serialize_trimmed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.trim())
    }
}

impl<T: Trim> Trim for Option<T> {
    fn serialize_trimmed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            None => serializer.serialize_none(),
            Some(value) => value.serialize_trimmed(serializer),
        }
    }
}

impl<T: Trim> Trim for Nullable<T> {
    fn serialize_trimmed<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize_trimmed(serializer),
        }
    }
}

/// `serialize_with` helper for fields marked `x-trimmed`.
pub(crate) fn serialize_trimmed<T: Trim, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_trimmed(serializer)
}

// ---------------------------------------------------------------------------
// Request validation

/// A request refused before anything was sent: an argument that breaks a
/// constraint of the spec, a path parameter that could change the URL, a header
/// value with bytes HTTP does not allow, or missing credentials.
///
/// It names the offending field; it never repeats a header or credential value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRequest {
    field: String,
    reason: String,
}

impl InvalidRequest {
    pub(crate) fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        InvalidRequest { field: field.into(), reason: reason.into() }
    }

    /// The field, parameter or header at fault, e.g. `body.name` or `path.id`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.reason)
    }
}

impl std::error::Error for InvalidRequest {}

/// The location of a value inside a request, built on the stack while validating.
#[derive(Clone, Copy)]
pub(crate) enum FieldPath<'a> {
    Root(&'a str),
    Field(&'a FieldPath<'a>, &'a str),
    Index(&'a FieldPath<'a>, usize),
    Key(&'a FieldPath<'a>, &'a str),
}

impl<'a> FieldPath<'a> {
    pub(crate) fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }

    pub(crate) fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index(self, index)
    }

    pub(crate) fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath::Key(self, key)
    }

    pub(crate) fn invalid(&self, reason: impl Into<String>) -> InvalidRequest {
        InvalidRequest::new(self.to_string(), reason)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root(name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}[{index}]"),
            FieldPath::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// Checks a string's length in characters; `trimmed` measures it without
/// surrounding whitespace, as the server will see it.
pub(crate) fn check_length(
    at: &FieldPath<'_>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
    trimmed: bool,
) -> Result<(), InvalidRequest> {
    let measured = if trimmed { value.trim() } else { value };
    let len = measured.chars().count();
    if let Some(min) = min {
        if len < min {
            return Err(at.invalid(match (min, trimmed) {
                (1, true) => "must not be empty or blank".to_owned(),
                (1, false) => "must not be empty".to_owned(),
                (_, true) => {
                    format!("must be at least {min} characters long (without surrounding whitespace), got {len}")
                }
                (_, false) => format!("must be at least {min} characters long, got {len}"),
            }));
        }
    }
    if let Some(max) = max {
        if len > max {
            return Err(at.invalid(format!("must be at most {max} characters long, got {len}")));
        }
    }
    Ok(())
}

/// Checks that a string is an absolute URI (`format: uri`).
pub(crate) fn check_uri(at: &FieldPath<'_>, value: &str) -> Result<(), InvalidRequest> {
    if is_absolute_uri(value) {
        Ok(())
    } else {
        Err(at.invalid("must be an absolute URI (RFC 3986), such as `https://example.com/path`"))
    }
}

/// Whether `text` is an absolute URI as RFC 3986 defines it: a scheme, then
/// only the characters the grammar allows, with valid percent-escapes. (A
/// browser's URL parser is more lenient: it accepts spaces, non-ASCII
/// characters and backslashes, which servers validating `format: uri` refuse.)
fn is_absolute_uri(text: &str) -> bool {
    /// Every byte is in one of the `allowed` classes or is part of a valid percent-escape.
    fn chars(part: &str, allowed: u8) -> bool {
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if URI_CLASSES[usize::from(c)] & allowed != 0 {
                i += 1;
            } else if c == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            {
                i += 3;
            } else {
                return false;
            }
        }
        true
    }
    const PCHAR: u8 = UNRESERVED_OR_SUB_DELIM | COLON | AT;
    let Some((scheme, rest)) = text.split_once(':') else { return false };
    let mut scheme_chars = scheme.bytes();
    if !scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !scheme_chars.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
    {
        return false;
    }
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !chars(fragment, PCHAR | SLASH | QUESTION) || !chars(query, PCHAR | SLASH | QUESTION) {
        return false;
    }
    let Some(after) = rest.strip_prefix("//") else {
        // path-absolute, path-rootless or path-empty.
        return chars(rest, PCHAR | SLASH);
    };
    let (authority, path) = match after.find('/') {
        Some(slash) => after.split_at(slash),
        None => (after, ""),
    };
    if !chars(path, PCHAR | SLASH) {
        return false;
    }
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => {
            if !chars(userinfo, UNRESERVED_OR_SUB_DELIM | COLON) {
                return false;
            }
            host_port
        }
        None => authority,
    };
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else { return false };
        let valid_literal = !inside.is_empty()
            && inside.bytes().all(|c| URI_CLASSES[usize::from(c)] & (UNRESERVED_OR_SUB_DELIM | COLON) != 0);
        if !valid_literal {
            return false;
        }
        match after {
            "" => ("", None),
            _ => match after.strip_prefix(':') {
                Some(port) => ("", Some(port)),
                None => return false,
            },
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    chars(host, UNRESERVED_OR_SUB_DELIM) && port.is_none_or(|p| p.bytes().all(|c| c.is_ascii_digit()))
}

/// Classes of the bytes RFC 3986 allows in the parts of a URI, as bit flags.
const UNRESERVED_OR_SUB_DELIM: u8 = 1;
const COLON: u8 = 2;
const AT: u8 = 4;
const SLASH: u8 = 8;
const QUESTION: u8 = 16;

/// The classes of each byte: one table lookup instead of searching lists of characters.
static URI_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = if c.is_ascii_alphanumeric() {
            UNRESERVED_OR_SUB_DELIM
        } else {
            match c {
                b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';'
                | b'=' => UNRESERVED_OR_SUB_DELIM,
                b':' => COLON,
                b'@' => AT,
                b'/' => SLASH,
                b'?' => QUESTION,
                _ => 0,
            }
        };
        i += 1;
    }
    table
};

/// Checks the number of items of an array.
pub(crate) fn check_items(
    at: &FieldPath<'_>,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), InvalidRequest> {
    if let Some(min) = min {
        if len < min {
            return Err(at.invalid(format!("must have at least {min} items, got {len}")));
        }
    }
    if let Some(max) = max {
        if len > max {
            return Err(at.invalid(format!("must have at most {max} items, got {len}")));
        }
    }
    Ok(())
}

/// Checks a number against inclusive or exclusive bounds.
pub(crate) fn check_range(
    at: &FieldPath<'_>,
    value: f64,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Result<(), InvalidRequest> {
    if let Some((min, exclusive)) = min {
        if value < min || (exclusive && value == min) {
            let op = if exclusive { ">" } else { ">=" };
            return Err(at.invalid(format!("must be {op} {min}, got {value}")));
        }
    }
    if let Some((max, exclusive)) = max {
        if value > max || (exclusive && value == max) {
            let op = if exclusive { "<" } else { "<=" };
            return Err(at.invalid(format!("must be {op} {max}, got {value}")));
        }
    }
    Ok(())
}

/// Refuses an enum value this client received from the server but the spec does
/// not list: a request may only send listed values.
pub(crate) fn check_known(at: &FieldPath<'_>, known: bool) -> Result<(), InvalidRequest> {
    if known {
        Ok(())
    } else {
        Err(at.invalid("is a value the spec does not list; requests may only send listed values"))
    }
}

// ---------------------------------------------------------------------------
// Request encoding: path, query, headers, bodies

/// Everything but RFC 3986 unreserved characters is percent-encoded, so that a
/// value can never add a path segment, a query or a fragment.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Renders a parameter value as the text of a simple-style value: strings as
/// they are, numbers and booleans in JSON notation, arrays joined by commas.
fn simple_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => Some(String::new()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => {
            let parts: Option<Vec<String>> = items.iter().map(simple_text).collect();
            parts.map(|p| p.join(","))
        }
        serde_json::Value::Object(map) => {
            let mut parts = Vec::new();
            for (key, value) in map {
                parts.push(key.clone());
                parts.push(simple_text(value)?);
            }
            Some(parts.join(","))
        }
    }
}

fn to_json_value<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<serde_json::Value, InvalidRequest> {
    serde_json::to_value(value).map_err(|error| InvalidRequest::new(field, format!("cannot be encoded: {error}")))
}

/// Appends a path parameter, percent-encoded as (part of) one path segment.
///
/// When the parameter is a whole segment, an empty value, `.` and `..` are
/// refused: they would address another resource.
pub(crate) fn push_path_param<T: Serialize + ?Sized>(
    path: &mut String,
    name: &str,
    value: &T,
    whole_segment: bool,
) -> Result<(), InvalidRequest> {
    // The field's name is only built for an error.
    let field = || format!("path.{name}");
    let value = serde_json::to_value(value)
        .map_err(|error| InvalidRequest::new(field(), format!("cannot be encoded: {error}")))?;
    let text = match &value {
        serde_json::Value::String(text) => std::borrow::Cow::Borrowed(text.as_str()),
        other => std::borrow::Cow::Owned(simple_text(other).unwrap_or_default()),
    };
    if whole_segment {
        match &*text {
            "" => return Err(InvalidRequest::new(field(), "must not be empty")),
            "." | ".." => return Err(InvalidRequest::new(field(), "must not be `.` or `..`")),
            _ => {}
        }
    } else if text.is_empty() {
        return Err(InvalidRequest::new(field(), "must not be empty"));
    }
    path.extend(utf8_percent_encode(&text, COMPONENT));
    Ok(())
}

/// The style of a query parameter or form field (OpenAPI `style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// An `application/x-www-form-urlencoded` string under construction: a query
/// string or a form body.
#[derive(Default)]
pub(crate) struct Query(String);

impl Query {
    pub(crate) fn new() -> Self {
        Query(String::new())
    }

    fn pair(&mut self, name: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.extend(utf8_percent_encode(name, COMPONENT));
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, COMPONENT));
    }

    /// Appends a parameter in the given style.
    pub(crate) fn push<T: Serialize + ?Sized>(
        &mut self,
        kind: &str,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidRequest> {
        let field = format!("{kind}.{name}");
        let value = to_json_value(&field, value)?;
        self.push_value(&field, name, &value, style, explode)
    }

    fn push_value(
        &mut self,
        field: &str,
        name: &str,
        value: &serde_json::Value,
        style: Style,
        explode: bool,
    ) -> Result<(), InvalidRequest> {
        use serde_json::Value;
        match (value, style) {
            (Value::Null, _) => {}
            (Value::Array(items), Style::DeepObject) => {
                for (index, item) in items.iter().enumerate() {
                    self.push_value(field, &format!("{name}[{index}]"), item, Style::DeepObject, true)?;
                }
            }
            (Value::Object(map), Style::DeepObject) => {
                for (key, item) in map {
                    self.push_value(field, &format!("{name}[{key}]"), item, Style::DeepObject, true)?;
                }
            }
            (Value::Array(items), _) if explode => {
                for item in items {
                    let text = simple_text(item)
                        .ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                    self.pair(name, &text);
                }
            }
            (Value::Array(items), _) => {
                let separator = match style {
                    Style::SpaceDelimited => " ",
                    Style::PipeDelimited => "|",
                    _ => ",",
                };
                let parts: Option<Vec<String>> = items.iter().map(simple_text).collect();
                let parts =
                    parts.ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                self.pair(name, &parts.join(separator));
            }
            (Value::Object(map), _) if explode => {
                for (key, item) in map {
                    let text = simple_text(item)
                        .ok_or_else(|| InvalidRequest::new(field, "nested values cannot be encoded in this style"))?;
                    self.pair(key, &text);
                }
            }
            (scalar, _) => {
                let text = simple_text(scalar).unwrap_or_default();
                self.pair(name, &text);
            }
        }
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

/// Turns a header parameter into a header value, refusing CR, LF and other
/// bytes HTTP does not allow. The error names the header, never the value.
pub(crate) fn header_value<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<HeaderValue, InvalidRequest> {
    let field = format!("header.{name}");
    let value = to_json_value(&field, value)?;
    let text = simple_text(&value).unwrap_or_default();
    HeaderValue::from_str(&text)
        .map_err(|_| InvalidRequest::new(field, "contains characters not allowed in an HTTP header (such as CR or LF)"))
}

/// Builds a `Cookie` header from name/value pairs, percent-encoding values.
pub(crate) fn cookie_pair<T: Serialize + ?Sized>(
    cookies: &mut String,
    name: &str,
    value: &T,
) -> Result<(), InvalidRequest> {
    let field = format!("cookie.{name}");
    let value = to_json_value(&field, value)?;
    let text = simple_text(&value).unwrap_or_default();
    if !cookies.is_empty() {
        cookies.push_str("; ");
    }
    cookies.extend(utf8_percent_encode(name, COMPONENT));
    cookies.push('=');
    cookies.extend(utf8_percent_encode(&text, COMPONENT));
    Ok(())
}

/// Serializes a JSON request body.
pub(crate) fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Body, InvalidRequest> {
    match serde_json::to_vec(value) {
        Ok(bytes) => Ok(Body::raw(bytes, "application/json")),
        Err(error) => Err(InvalidRequest::new("body", format!("cannot be encoded as JSON: {error}"))),
    }
}

/// Serializes an `application/x-www-form-urlencoded` request body. `styles`
/// gives the encoding of properties that the spec's `encoding` object names.
pub(crate) fn form_body<T: Serialize + ?Sized>(
    value: &T,
    styles: &[(&str, Style, bool)],
) -> Result<Body, InvalidRequest> {
    let value = to_json_value("body", value)?;
    let mut form = Query::new();
    match &value {
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let (style, explode) = styles
                    .iter()
                    .find(|(name, _, _)| name == key)
                    .map(|(_, style, explode)| (*style, *explode))
                    .unwrap_or(if item.is_object() { (Style::DeepObject, true) } else { (Style::Form, true) });
                let field = format!("body.{key}");
                form.push_value(&field, key, item, style, explode)?;
            }
        }
        _ => return Err(InvalidRequest::new("body", "a form body must be an object")),
    }
    Ok(Body::raw(form.into_string(), "application/x-www-form-urlencoded"))
}

/// One part of a `multipart/form-data` body.
pub(crate) enum Part<'a> {
    /// A text field.
    Text(&'a str, String),
    /// A file field: name, file name, bytes.
    File(&'a str, &'a str, &'a [u8]),
}

/// Serializes a `multipart/form-data` request body.
pub(crate) fn multipart_body(parts: Vec<Part<'_>>) -> Body {
    let boundary = format!("----boundary{:016x}{:016x}", random_u64(), random_u64());
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\n");
        match part {
            Part::Text(name, text) => {
                out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", quote_disposition(name)).as_bytes(),
                );
                out.extend_from_slice(text.as_bytes());
            }
            Part::File(name, file_name, bytes) => {
                out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                        quote_disposition(name),
                        quote_disposition(file_name)
                    )
                    .as_bytes(),
                );
                out.extend_from_slice(bytes);
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--");
    out.extend_from_slice(boundary.as_bytes());
    out.extend_from_slice(b"--\r\n");
    let content_type = format!("multipart/form-data; boundary={boundary}");
    // The boundary is hex digits, so the value is always a valid header value.
    let content_type = HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("multipart/form-data"));
    Body { bytes: Bytes::from(out), content_type }
}

fn quote_disposition(value: &str) -> String {
    value.chars().map(|c| if c == '"' || c == '\r' || c == '\n' { '_' } else { c }).collect()
}

/// Renders a multipart text field: strings as they are, anything else as JSON.
pub(crate) fn part_text<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<String, InvalidRequest> {
    match to_json_value(field, value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// A serialized request body and its media type.
pub(crate) struct Body {
    bytes: Bytes,
    content_type: HeaderValue,
}

impl Body {
    /// A body of raw bytes with the given media type.
    pub(crate) fn raw(bytes: impl Into<Bytes>, content_type: &'static str) -> Self {
        Body { bytes: bytes.into(), content_type: static_header(content_type) }
    }

    /// The same body with another media type (such as `application/merge-patch+json`).
    pub(crate) fn with_content_type(self, content_type: &'static str) -> Self {
        Body { bytes: self.bytes, content_type: static_header(content_type) }
    }
}

/// A header value from the spec; the generator only emits valid ones, and an
/// invalid one degrades to `application/octet-stream` rather than panicking.
fn static_header(value: &'static str) -> HeaderValue {
    // Checked like `from_str`, but the static bytes are shared instead of copied.
    HeaderValue::from_maybe_shared(Bytes::from_static(value.as_bytes()))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

// ---------------------------------------------------------------------------
// Credentials

/// How a security scheme of the spec sends its credential.
#[derive(Clone, Copy, Debug)]
pub(crate) enum SchemeKind {
    /// An API key in the named header.
    Header(&'static str),
    /// An API key in the named query parameter.
    Query(&'static str),
    /// An API key in the named cookie.
    Cookie(&'static str),
    /// `Authorization: Basic`.
    Basic,
    /// `Authorization: Bearer` (also OAuth 2 and OpenID Connect access tokens).
    Bearer,
}

/// A security scheme of the spec.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scheme {
    pub(crate) name: &'static str,
    pub(crate) kind: SchemeKind,
}

/// A configured credential, ready to send.
#[derive(Clone)]
pub(crate) enum Credential {
    Header(HeaderName, HeaderValue),
    Query(&'static str, Secret),
    Cookie(&'static str, Secret),
}

/// Turns a secret into the credential its scheme sends, refusing values that are
/// not valid in an HTTP header. Header values are marked sensitive.
pub(crate) fn credential(
    scheme: &Scheme,
    secret: &Secret,
    password: Option<&Secret>,
) -> Result<Credential, BuildError> {
    let invalid = || BuildError::InvalidCredential { scheme: scheme.name };
    if secret.expose().is_empty() {
        return Err(invalid());
    }
    let header = |name: HeaderName, text: String| {
        let mut value = HeaderValue::from_str(&text).map_err(|_| invalid())?;
        value.set_sensitive(true);
        Ok(Credential::Header(name, value))
    };
    match scheme.kind {
        SchemeKind::Header(name) => {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            header(name, secret.expose().to_owned())
        }
        SchemeKind::Bearer => header(reqwest::header::AUTHORIZATION, format!("Bearer {}", secret.expose())),
        SchemeKind::Basic => {
            let user_pass = format!("{}:{}", secret.expose(), password.map(Secret::expose).unwrap_or(""));
            header(reqwest::header::AUTHORIZATION, format!("Basic {}", base64_encode(user_pass.as_bytes())))
        }
        SchemeKind::Query(name) => Ok(Credential::Query(name, secret.clone())),
        SchemeKind::Cookie(name) => {
            if secret.expose().bytes().any(|b| b.is_ascii_control() || b == b';') {
                return Err(invalid());
            }
            Ok(Credential::Cookie(name, secret.clone()))
        }
    }
}

fn base64_encode(input: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Client configuration

/// An error building a client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not an absolute `http` or `https` URL.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(String),
    /// No base URL was given and the spec declares no absolute server URL.
    #[error("no base URL: the spec declares no absolute server URL, so set one with `ClientBuilder::base_url`")]
    MissingBaseUrl,
    /// A credential is empty, or contains characters that cannot be sent (such
    /// as CR or LF). The value itself is never shown.
    #[error(
        "the credential for security scheme `{scheme}` is empty or contains characters that cannot be sent in HTTP"
    )]
    InvalidCredential {
        /// The security scheme's name in the spec.
        scheme: &'static str,
    },
    /// The HTTP client could not be built (for example, TLS initialisation failed).
    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

/// Settings shared by every request of a client, set through its builder.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) user_agent: String,
    pub(crate) headers: HeaderMap,
    pub(crate) http: Option<reqwest::Client>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Settings")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            .field("headers", &headers)
            .field("custom_http_client", &self.http.is_some())
            .finish()
    }
}

impl Settings {
    pub(crate) fn new(default_base_url: Option<&str>) -> Self {
        Settings {
            base_url: default_base_url.map(str::to_owned),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            headers: HeaderMap::new(),
            http: None,
        }
    }

    /// Validates the settings and builds the shared core of a client.
    pub(crate) fn build(
        self,
        schemes: &'static [Scheme],
        credentials: Vec<Option<Credential>>,
    ) -> Result<Core, BuildError> {
        let base_url = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        let parsed = reqwest::Url::parse(&base_url).map_err(|e| BuildError::InvalidBaseUrl(e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(BuildError::InvalidBaseUrl(format!("`{}` is not an http or https URL", parsed.scheme())));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::InvalidBaseUrl("a base URL cannot have a query or fragment".to_owned()));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(self.user_agent.clone())
                .redirect(same_origin_redirects())
                .build()
                .map_err(BuildError::Http)?,
        };
        Ok(Core {
            base_url,
            http,
            timeout: self.timeout,
            max_retries: self.max_retries,
            initial_backoff: self.initial_backoff,
            max_backoff: self.max_backoff,
            max_retry_after: self.max_retry_after,
            max_response_bytes: self.max_response_bytes,
            headers: self.headers,
            schemes,
            credentials,
        })
    }
}

/// Follows up to five redirects, and only within the same origin, so that
/// credentials are never sent to another host.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > 5 || !same_origin { attempt.stop() } else { attempt.follow() }
    })
}

/// The shared state of a client: HTTP connection pool, settings, credentials.
pub(crate) struct Core {
    pub(crate) base_url: String,
    http: reqwest::Client,
    timeout: Duration,
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    max_response_bytes: usize,
    headers: HeaderMap,
    schemes: &'static [Scheme],
    credentials: Vec<Option<Credential>>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let configured: Vec<&str> = self
            .schemes
            .iter()
            .zip(&self.credentials)
            .filter(|(_, credential)| credential.is_some())
            .map(|(scheme, _)| scheme.name)
            .collect();
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &configured)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Options for one call, overriding the client's settings without changing it.
/// Apply them with `Client::with_options`.
#[derive(Clone, Default)]
pub struct RequestOptions {
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    retry_non_idempotent: bool,
    headers: HeaderMap,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// The timeout of each attempt of this call, from connecting until the response body is read.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times this call is retried after the first attempt; 0 disables retries.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Allow retrying a non-idempotent request (POST, PATCH) on any retryable
    /// failure, not only when it provably did not reach the server. Use it when
    /// the operation is idempotent in practice (for example, with an idempotency key).
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.retry_non_idempotent = allow;
        self
    }

    /// An extra header sent with this call; it replaces a client default header
    /// of the same name (adding the same name twice sends both values). Build the
    /// value with [`HeaderValue::from_str`], which refuses CR, LF and other invalid bytes.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("headers", &names)
            .finish()
    }
}

// ---------------------------------------------------------------------------
// Executing requests

/// A request ready to send.
pub(crate) struct Request {
    method: Method,
    path: String,
    query: Query,
    headers: HeaderMap,
    cookies: String,
    body: Option<Body>,
    security: &'static [&'static [usize]],
}

impl Request {
    pub(crate) fn new(method: Method, path: String) -> Self {
        Request {
            method,
            path,
            query: Query::new(),
            headers: HeaderMap::new(),
            cookies: String::new(),
            body: None,
            security: &[],
        }
    }

    pub(crate) fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    pub(crate) fn header(mut self, name: &'static str, value: HeaderValue) -> Result<Self, InvalidRequest> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| InvalidRequest::new(format!("header.{name}"), "is not a valid header name"))?;
        self.headers.append(header, value);
        Ok(self)
    }

    pub(crate) fn cookies(mut self, cookies: String) -> Self {
        self.cookies = cookies;
        self
    }

    pub(crate) fn body(mut self, body: Body) -> Self {
        self.body = Some(body);
        self
    }

    pub(crate) fn security(mut self, alternatives: &'static [&'static [usize]]) -> Self {
        self.security = alternatives;
        self
    }
}

fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE)
}

fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    hasher.finish()
}

/// The delay before retry number `retry` (1-based): exponential, capped, with
/// jitter in the upper half so that clients spread out.
fn backoff(initial: Duration, max: Duration, retry: u32) -> Duration {
    let exponent = retry.saturating_sub(1).min(20);
    let full = initial.saturating_mul(1u32 << exponent).min(max);
    let half = full / 2;
    let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
    let jitter = if jitter_nanos == 0 { 0 } else { random_u64() % (jitter_nanos + 1) };
    half + Duration::from_nanos(jitter)
}

/// Parses `Retry-After`: delta seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(text).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// Whether a response status is worth retrying, given whether the request may
/// be repeated safely.
fn retryable_status(status: StatusCode, repeatable: bool) -> bool {
    match status.as_u16() {
        429 | 503 => true,
        408 | 500..=599 => repeatable,
        _ => false,
    }
}

impl Core {
    /// Sends a request with retries, and reads its response body within the
    /// size bound. Errors carry the number of attempts made.
    pub(crate) async fn execute(&self, options: &RequestOptions, request: Request) -> Result<Raw, Error<Infallible>> {
        let started = Instant::now();
        let mut url = String::with_capacity(self.base_url.len() + request.path.len() + 16);
        url.push_str(&self.base_url);
        url.push_str(&request.path);
        let mut query = request.query;
        let mut headers = self.headers.clone();
        // A header set for the call replaces the client's default of the same name.
        for name in options.headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &options.headers {
            headers.append(name.clone(), value.clone());
        }
        for (name, value) in &request.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut cookies = request.cookies;
        self.apply_credentials(request.security, &mut headers, &mut query, &mut cookies)?;
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies).map_err(|_| {
                Error::InvalidRequest(InvalidRequest::new(
                    "cookie",
                    "contains characters not allowed in an HTTP header",
                ))
            })?;
            value.set_sensitive(true);
            headers.insert(reqwest::header::COOKIE, value);
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.into_string());
        }
        let url =
            reqwest::Url::parse(&url).map_err(|e| Error::InvalidRequest(InvalidRequest::new("url", e.to_string())))?;
        if let Some(body) = &request.body {
            headers.insert(reqwest::header::CONTENT_TYPE, body.content_type.clone());
        }
        let timeout = options.timeout.unwrap_or(self.timeout);
        let max_retries = options.max_retries.unwrap_or(self.max_retries);
        let repeatable = is_idempotent(&request.method) || options.retry_non_idempotent;
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let retries_left = attempts <= max_retries;
            // Built directly rather than through `RequestBuilder::headers`, which
            // would insert every header again into a new map.
            let mut attempt = reqwest::Request::new(request.method.clone(), url.clone());
            *attempt.headers_mut() = headers.clone();
            *attempt.timeout_mut() = Some(timeout);
            if let Some(body) = &request.body {
                *attempt.body_mut() = Some(body.bytes.clone().into());
            }
            let mut response = match self.http.execute(attempt).await {
                Ok(response) => response,
                Err(error) => {
                    // A connection that was never established means the server never saw the request.
                    let never_sent = error.is_connect();
                    if retries_left && (repeatable || never_sent) {
                        tokio::time::sleep(backoff(self.initial_backoff, self.max_backoff, attempts)).await;
                        continue;
                    }
                    return Err(transport_error(error, attempts, None, started));
                }
            };
            let status = response.status();
            if retries_left && retryable_status(status, repeatable) {
                let delay = match retry_after(response.headers()) {
                    Some(delay) if delay > self.max_retry_after => None,
                    Some(delay) => Some(delay),
                    None => Some(backoff(self.initial_backoff, self.max_backoff, attempts)),
                };
                if let Some(delay) = delay {
                    drop(response);
                    tokio::time::sleep(delay).await;
                    continue;
                }
            }
            // Reading the body does not need the headers: take them instead of copying.
            let headers = std::mem::take(response.headers_mut());
            match read_bounded(response, self.max_response_bytes).await {
                Ok(body) => return Ok(Raw { status, headers, body, attempts }),
                Err(ReadError::TooLarge) => {
                    return Err(Error::BodyTooLarge(BodyTooLarge { status, limit: self.max_response_bytes, attempts }));
                }
                Err(ReadError::Transport(error)) => {
                    if retries_left && repeatable {
                        tokio::time::sleep(backoff(self.initial_backoff, self.max_backoff, attempts)).await;
                        continue;
                    }
                    return Err(transport_error(error, attempts, Some(status), started));
                }
            }
        }
    }

    fn apply_credentials(
        &self,
        alternatives: &[&[usize]],
        headers: &mut HeaderMap,
        query: &mut Query,
        cookies: &mut String,
    ) -> Result<(), Error<Infallible>> {
        if alternatives.is_empty() {
            return Ok(());
        }
        let chosen = alternatives
            .iter()
            .find(|alternative| alternative.iter().all(|&index| matches!(self.credentials.get(index), Some(Some(_)))));
        let Some(chosen) = chosen else {
            let wanted: Vec<String> = alternatives
                .iter()
                .map(|alternative| {
                    alternative
                        .iter()
                        .filter_map(|&index| self.schemes.get(index))
                        .map(|scheme| scheme.name)
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect();
            return Err(Error::MissingCredentials(MissingCredentials { required: wanted.join(" or ") }));
        };
        for &index in chosen.iter() {
            match self.credentials.get(index) {
                Some(Some(Credential::Header(name, value))) => {
                    headers.insert(name.clone(), value.clone());
                }
                Some(Some(Credential::Query(name, secret))) => query.pair(name, secret.expose()),
                Some(Some(Credential::Cookie(name, secret))) => {
                    if !cookies.is_empty() {
                        cookies.push_str("; ");
                    }
                    cookies.push_str(name);
                    cookies.push('=');
                    cookies.push_str(secret.expose());
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn transport_error(
    error: reqwest::Error,
    attempts: u32,
    status: Option<StatusCode>,
    started: Instant,
) -> Error<Infallible> {
    // The URL may carry an API key in its query: never keep it in an error.
    let error = error.without_url();
    if error.is_timeout() {
        Error::Timeout(Timeout { attempts, status, elapsed: started.elapsed() })
    } else {
        Error::Transport(Transport { source: error, attempts, status })
    }
}

enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

async fn read_bounded(mut response: reqwest::Response, limit: usize) -> Result<Bytes, ReadError> {
    if let Some(length) = response.content_length() {
        if length > limit as u64 {
            return Err(ReadError::TooLarge);
        }
    }
    let mut first: Option<Bytes> = None;
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let total = first.as_ref().map_or(0, Bytes::len) + buffer.len() + chunk.len();
                if total > limit {
                    return Err(ReadError::TooLarge);
                }
                match first.take() {
                    None if buffer.is_empty() => first = Some(chunk),
                    None => buffer.extend_from_slice(&chunk),
                    Some(previous) => {
                        buffer.reserve(previous.len() + chunk.len());
                        buffer.extend_from_slice(&previous);
                        buffer.extend_from_slice(&chunk);
                    }
                }
            }
            Ok(None) => break,
            Err(error) => return Err(ReadError::Transport(error)),
        }
    }
    Ok(match first {
        Some(only) => only,
        None => Bytes::from(buffer),
    })
}

// ---------------------------------------------------------------------------
// Responses

/// A successful response: its status, headers and typed body.
///
/// It dereferences to the body, so fields can be read directly.
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The typed body, consuming the response.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &names)
            .field("body", &self.body)
            .finish()
    }
}

/// A response read in full, before decoding.
pub(crate) struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
}

impl Raw {
    pub(crate) fn status(&self) -> u16 {
        self.status.as_u16()
    }

    fn decode<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        serde_json::from_slice(&self.body).map_err(|error| DecodeError {
            status: self.status,
            content_type: self.content_type(),
            snippet: snippet(&self.body),
            message: redact_values(&error.to_string()),
            attempts: self.attempts,
        })
    }

    fn content_type(&self) -> Option<String> {
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }

    fn respond<T>(self, body: T) -> Response<T> {
        Response { status: self.status, headers: self.headers, body }
    }

    /// Decodes a JSON success body.
    pub(crate) fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        let body = self.decode()?;
        Ok(self.respond(body))
    }

    /// Decodes a JSON success body into one variant of a response enum.
    pub(crate) fn json_into<T: DeserializeOwned, U, E>(self, wrap: fn(T) -> U) -> Result<Response<U>, Error<E>> {
        let body = self.decode()?;
        Ok(self.respond(wrap(body)))
    }

    /// A success without a body (whatever the server sent is ignored).
    pub(crate) fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(self.respond(()))
    }

    /// A success without a body, as a variant of a response enum.
    pub(crate) fn empty_into<U, E>(self, value: U) -> Result<Response<U>, Error<E>> {
        Ok(self.respond(value))
    }

    /// A text success body; it must be UTF-8.
    pub(crate) fn text<E>(self) -> Result<Response<String>, Error<E>> {
        let text = self.utf8()?;
        Ok(self.respond(text))
    }

    /// A text success body, as a variant of a response enum.
    pub(crate) fn text_into<U, E>(self, wrap: fn(String) -> U) -> Result<Response<U>, Error<E>> {
        let text = self.utf8()?;
        Ok(self.respond(wrap(text)))
    }

    /// A binary success body.
    pub(crate) fn bytes<E>(self) -> Result<Response<Vec<u8>>, Error<E>> {
        let body = self.body.to_vec();
        Ok(self.respond(body))
    }

    /// A binary success body, as a variant of a response enum.
    pub(crate) fn bytes_into<U, E>(self, wrap: fn(Vec<u8>) -> U) -> Result<Response<U>, Error<E>> {
        let body = self.body.to_vec();
        Ok(self.respond(wrap(body)))
    }

    fn utf8(&self) -> Result<String, DecodeError> {
        String::from_utf8(self.body.to_vec()).map_err(|error| DecodeError {
            status: self.status,
            content_type: self.content_type(),
            snippet: snippet(&self.body),
            message: format!("the body is not UTF-8: {error}"),
            attempts: self.attempts,
        })
    }

    fn api_error<E>(self, body: E) -> Error<E> {
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body, attempts: self.attempts }))
    }

    /// A documented error status with a JSON body.
    pub(crate) fn json_error<T: DeserializeOwned, E>(self, wrap: fn(T) -> E) -> Error<E> {
        match self.decode::<T>() {
            Ok(body) => self.api_error(wrap(body)),
            Err(error) => Error::Decode(Box::new(error)),
        }
    }

    /// A documented error status with a text body.
    pub(crate) fn text_error<E>(self, wrap: fn(String) -> E) -> Error<E> {
        match self.utf8() {
            Ok(body) => self.api_error(wrap(body)),
            Err(error) => Error::Decode(Box::new(error)),
        }
    }

    /// A documented error status with a binary body.
    pub(crate) fn bytes_error<E>(self, wrap: fn(Vec<u8>) -> E) -> Error<E> {
        let body = self.body.to_vec();
        self.api_error(wrap(body))
    }

    /// A documented error status without a body.
    pub(crate) fn empty_error<E>(self, value: E) -> Error<E> {
        self.api_error(value)
    }

    /// A status the spec does not document for this operation.
    pub(crate) fn unexpected<E>(self) -> Error<E> {
        let keep = self.body.len().min(ERROR_BODY_KEEP);
        Error::UnexpectedStatus(Box::new(UnexpectedStatus {
            status: self.status,
            headers: self.headers,
            body_len: self.body.len(),
            body: self.body.slice(..keep),
            attempts: self.attempts,
        }))
    }
}

/// Removes the values of the body that serde quotes in its messages
/// (`invalid type: string "..."`, ``unknown variant `...` ``), so that an error,
/// which may be logged, never repeats what a server sent (a token, a secret).
/// Field names, types and positions are kept.
fn redact_values(message: &str) -> String {
    const REDACTED: &str = "[REDACTED]";
    let mut text = message.to_owned();
    for prefix in ["unknown variant `", "unknown field `"] {
        if let Some(start) = text.find(prefix).map(|at| at + prefix.len()) {
            let tail = &text[start..];
            let end = tail.rfind("`, expected ").or_else(|| tail.rfind("`, there are no ")).unwrap_or(tail.len());
            text.replace_range(start..start + end, REDACTED);
        }
    }
    // Strings are quoted in `Debug` form: `"` inside them is escaped as `\"`.
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            out.push_str(REDACTED);
            out.push('"');
        }
    }
    out
}

fn snippet(body: &[u8]) -> String {
    let cut = body.len().min(SNIPPET_LEN);
    String::from_utf8_lossy(&body[..cut]).into_owned()
}

// ---------------------------------------------------------------------------
// Errors

/// The error of an operation. `E` is the typed body of the error statuses the
/// spec documents for it.
///
/// No `Display` or `Debug` output of an error contains a credential, nor the
/// raw text of a response body (read it through the variants' accessors, such
/// as [`UnexpectedStatus::body`]). The `Debug` output of [`Error::Api`] shows
/// the typed error body the spec documents; fields the spec marks secret stay
/// redacted there too.
#[non_exhaustive]
pub enum Error<E> {
    /// The request was refused before anything was sent.
    InvalidRequest(InvalidRequest),
    /// No configured credentials satisfy the operation's security requirement.
    MissingCredentials(MissingCredentials),
    /// The server answered with an error status the spec documents.
    Api(Box<ApiError<E>>),
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// The response body does not match the spec (invalid JSON, wrong shape, not UTF-8).
    Decode(Box<DecodeError>),
    /// The response body is larger than the client's bound.
    BodyTooLarge(BodyTooLarge),
    /// The request did not complete within the timeout.
    Timeout(Timeout),
    /// The connection failed, was reset or closed early.
    Transport(Transport),
}

impl<E> Error<E> {
    /// The HTTP status of the response, if one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) | Error::MissingCredentials(_) => None,
            Error::Api(e) => Some(e.status),
            Error::UnexpectedStatus(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::BodyTooLarge(e) => Some(e.status),
            Error::Timeout(e) => e.status,
            Error::Transport(e) => e.status,
        }
    }

    /// How many attempts were made (0 if the request was refused before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::InvalidRequest(_) | Error::MissingCredentials(_) => 0,
            Error::Api(e) => e.attempts,
            Error::UnexpectedStatus(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            Error::BodyTooLarge(e) => e.attempts,
            Error::Timeout(e) => e.attempts,
            Error::Transport(e) => e.attempts,
        }
    }

    /// The typed body of a documented error status.
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api(e) => Some(&e.body),
            _ => None,
        }
    }
}

impl Error<Infallible> {
    /// Converts an error that cannot hold an API error body into any operation's error.
    pub(crate) fn widen<E>(self) -> Error<E> {
        match self {
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
            Error::MissingCredentials(e) => Error::MissingCredentials(e),
            Error::Api(e) => match e.body {},
            Error::UnexpectedStatus(e) => Error::UnexpectedStatus(e),
            Error::Decode(e) => Error::Decode(e),
            Error::BodyTooLarge(e) => Error::BodyTooLarge(e),
            Error::Timeout(e) => Error::Timeout(e),
            Error::Transport(e) => Error::Transport(e),
        }
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<DecodeError> for Error<E> {
    fn from(error: DecodeError) -> Self {
        Error::Decode(Box::new(error))
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => write!(f, "request not sent: {e}"),
            Error::MissingCredentials(e) => fmt::Display::fmt(e, f),
            Error::Api(e) => fmt::Display::fmt(e, f),
            Error::UnexpectedStatus(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
            Error::BodyTooLarge(e) => fmt::Display::fmt(e, f),
            Error::Timeout(e) => fmt::Display::fmt(e, f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => f.debug_tuple("InvalidRequest").field(e).finish(),
            Error::MissingCredentials(e) => f.debug_tuple("MissingCredentials").field(e).finish(),
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::UnexpectedStatus(e) => f.debug_tuple("UnexpectedStatus").field(e).finish(),
            Error::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            Error::BodyTooLarge(e) => f.debug_tuple("BodyTooLarge").field(e).finish(),
            Error::Timeout(e) => f.debug_tuple("Timeout").field(e).finish(),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(e) => Some(e),
            Error::Transport(e) => Some(&e.source),
            _ => None,
        }
    }
}

/// No configured credentials satisfy an operation's security requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingCredentials {
    required: String,
}

impl MissingCredentials {
    /// The security schemes the operation accepts, e.g. `ApiKey + BearerToken`.
    pub fn required(&self) -> &str {
        &self.required
    }
}

impl fmt::Display for MissingCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "request not sent: no credentials for this operation; configure {}", self.required)
    }
}

/// A documented error status and its typed body.
pub struct ApiError<E> {
    status: StatusCode,
    headers: HeaderMap,
    body: E,
    attempts: u32,
}

impl<E> ApiError<E> {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The typed error body.
    pub fn body(&self) -> &E {
        &self.body
    }

    /// The typed error body, consuming the error.
    pub fn into_body(self) -> E {
        self.body
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("body", &self.body)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the server answered {}", self.status)?;
        attempts_suffix(f, self.attempts)
    }
}

fn attempts_suffix(f: &mut fmt::Formatter<'_>, attempts: u32) -> fmt::Result {
    if attempts > 1 { write!(f, " (after {attempts} attempts)") } else { Ok(()) }
}

/// A status the spec does not document for the operation.
pub struct UnexpectedStatus {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    body_len: usize,
    attempts: u32,
}

impl UnexpectedStatus {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The start of the body (at most 64 KiB).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The start of the body as text, with invalid UTF-8 replaced.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Debug for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnexpectedStatus")
            .field("status", &self.status)
            .field("body_len", &self.body_len)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected status {} with a {}-byte body", self.status, self.body_len)?;
        attempts_suffix(f, self.attempts)
    }
}

/// A response body that does not match the spec.
#[derive(Clone)]
pub struct DecodeError {
    status: StatusCode,
    content_type: Option<String>,
    snippet: String,
    message: String,
    attempts: u32,
}

impl DecodeError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's `Content-Type`, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The first bytes of the body (invalid UTF-8 replaced).
    pub fn snippet(&self) -> &str {
        &self.snippet
    }

    /// Why decoding failed.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("message", &self.message)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the {} response", self.status)?;
        if let Some(content_type) = &self.content_type {
            write!(f, " ({content_type})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A response body larger than the client's bound.
#[derive(Clone, Debug)]
pub struct BodyTooLarge {
    status: StatusCode,
    limit: usize,
    attempts: u32,
}

impl BodyTooLarge {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The bound, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response body exceeds the {}-byte bound", self.status, self.limit)?;
        attempts_suffix(f, self.attempts)
    }
}

/// The request did not complete within its timeout.
#[derive(Clone, Debug)]
pub struct Timeout {
    status: Option<StatusCode>,
    elapsed: Duration,
    attempts: u32,
}

impl Timeout {
    /// The status, if the response headers arrived before the timeout.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Time from the first attempt until giving up.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the request timed out after {:.1?}", self.elapsed)?;
        attempts_suffix(f, self.attempts)
    }
}

/// The connection failed, or was reset or closed before the response was complete.
#[derive(Debug)]
pub struct Transport {
    source: reqwest::Error,
    status: Option<StatusCode>,
    attempts: u32,
}

impl Transport {
    /// The underlying error.
    pub fn source(&self) -> &reqwest::Error {
        &self.source
    }

    /// The status, if the response headers arrived before the failure.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Whether the connection could not be established (the server never saw the request).
    pub fn is_connect(&self) -> bool {
        self.source.is_connect()
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.source)?;
        let mut source = std::error::Error::source(&self.source);
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        attempts_suffix(f, self.attempts)
    }
}
