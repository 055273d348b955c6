// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Decoding the generated structs from JSON objects.
//!
//! Each struct implements [`FromObject`]: its name, its fields' keys, and one
//! `from_map` that keeps a local per field, reads each known key's value into
//! its local and builds the struct (with `Object::required` of `missing_field.rs`
//! for a field without a default). Its `Deserialize` calls
//! [`deserialize_object`]. This decodes exactly as serde's derive would (keys,
//! defaults, `missing field` and `duplicate field` errors, unknown keys
//! skipped), for far less code to compile than the derive's visitor and
//! field enum per struct. Unlike the derive, a JSON array is not accepted in
//! place of an object.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A struct decoded from an object by key.
pub(crate) trait FromObject: Sized {
    /// The struct's name, for errors (`expected struct NAME`).
    const NAME: &'static str;

    /// The keys of its fields, in the order of their indexes.
    const FIELDS: &'static [&'static str];

    /// Reads the struct from the entries of an object.
    fn from_map<'de, A: MapAccess<'de>>(map: Object<'de, A>) -> Result<Self, A::Error>;
}

/// Deserializes `T` from an object (the `Deserialize` of every generated struct).
pub(crate) fn deserialize_object<'de, T: FromObject, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(PhantomData))
}

/// The visitor of [`deserialize_object`]: it accepts only maps.
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: FromObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(Object { map, fields: T::FIELDS, key: "", lifetime: PhantomData })
    }
}

/// The entries of an object being decoded into a struct whose fields have the
/// keys `fields`.
pub(crate) struct Object<'de, A> {
    map: A,
    fields: &'static [&'static str],
    /// The key [`Object::next_field`] returned last.
    key: &'static str,
    lifetime: PhantomData<fn() -> &'de ()>,
}

impl<'de, A: MapAccess<'de>> Object<'de, A> {
    /// The index (in `FIELDS`) of the next key that is a field's, or `None` at
    /// the end of the object. The values of other keys are skipped.
    pub(crate) fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        while let Some(found) = self.map.next_key_seed(FieldIndex(self.fields))? {
            match found {
                Some(index) => {
                    self.key = self.fields.get(index).copied().unwrap_or_default();
                    return Ok(Some(index));
                }
                None => {
                    self.map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(None)
    }

    /// Reads the value of the key `next_field` returned into `slot`; a key that
    /// came before (`slot` already holds a value) is a `duplicate field` error.
    pub(crate) fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(de::Error::duplicate_field(self.key));
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }
}

/// Finds a key among the fields' keys: `Some(index)` for a field's key,
/// `None` for any other.
struct FieldIndex(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|field| *field == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|field| field.as_bytes() == key))
    }

    /// A field by its index, as serde's derive accepts from formats that write one.
    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(index).ok().filter(|index| *index < self.0.len()))
    }
}
