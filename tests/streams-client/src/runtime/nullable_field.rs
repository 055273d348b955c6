// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Optional nullable fields: absent and `null` are different values.

use serde::{Deserialize, Deserializer};

use super::Nullable;

/// Deserializes a present field of type `Option<Nullable<T>>`: `null` becomes
/// `Some(Nullable::Null)`, not `None` (absence is handled by `#[serde(default)]`).
pub(crate) fn deserialize_present<'de, D, T>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Nullable::deserialize(deserializer).map(Some)
}
