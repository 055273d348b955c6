// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Fields missing from an object: the value serde's derive gives a field
//! without a default.

use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::Object;

impl<'de, A: MapAccess<'de>> Object<'de, A> {
    /// The value of a field without a default: the one read, or else what `T`
    /// makes of a missing value, as serde's derive does: `None` for an
    /// `Option`, a `missing field` error for the others.
    pub(crate) fn required<T: Deserialize<'de>>(&self, slot: Option<T>, key: &'static str) -> Result<T, A::Error> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(Missing { key, error: PhantomData }),
        }
    }
}

/// The value of a missing field: `None` to an `Option`, a `missing field`
/// error to anything else.
struct Missing<E> {
    key: &'static str,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.key))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
