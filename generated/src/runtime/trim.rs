// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Fields the server trims (the `x-trimmed` extension): the client sends them
//! without surrounding whitespace.

use serde::Serializer;

use super::{Nullable, Secret};

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
        serializer.serialize_str(self.expose().trim())
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
