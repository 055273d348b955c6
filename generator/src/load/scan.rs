//! The first pass over a spec, before the typed parse. It rejects keys that
//! appear twice in one object or mapping: besides being invalid YAML (and
//! ambiguous JSON), they make `openapiv3` panic ("somehow this parsed
//! successfully the second time") where a `$ref`-or-item fails to parse, as it
//! re-reads the item through a `serde_json::Value`, which keeps only the last
//! of the duplicates. For YAML it also builds the document as JSON with every
//! key a string (YAML keys such as `200:` are numbers), so the typed parse
//! reads the same shapes from YAML as from JSON. Nesting is bounded by the
//! parsers' recursion limit (128), so this recursion is too.

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
            let value = match map.next_value_seed(Scan { build: keep, top: false, found: self.found, schema_depth }) {
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
