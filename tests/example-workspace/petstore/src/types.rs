// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

/// The `Pet` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Pet {
    /// The `id` field.
    pub id: uuid::Uuid,
    /// The `name` field.
    pub name: String,
    /// The `tag` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The `status` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PetStatus>,
}

/// The `PetStatus` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PetStatus {
    /// `available`
    Available,
    /// `pending`
    Pending,
    /// `sold`
    Sold,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    PetStatus open { Available = "available", Pending = "pending", Sold = "sold" }
);

/// The `NewPet` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Deserialize))]
pub struct NewPet {
    /// The `name` field.
    pub name: String,
    /// The `tag` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl NewPet {
    /// Checks the constraints of the spec that the client enforces before sending.
    pub(crate) fn validate_at(
        &self,
        at: &runtime::FieldPath<'_>,
    ) -> Result<(), runtime::InvalidRequest> {
        runtime::check_length(&at.field("name"), &self.name, Some(1), None, false)?;
        Ok(())
    }
}

/// The `Error` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Error {
    /// The `message` field.
    pub message: String,
}

/// Query, header and cookie parameters of [`Client::list_pets`](crate::Client::list_pets).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListPetsParams {
    /// How many pets to return at most.
    pub limit: Option<i32>,
}

impl ListPetsParams {
    /// Checks the constraints of the spec that the client enforces before sending.
    pub(crate) fn validate_at(
        &self,
        at: &runtime::FieldPath<'_>,
    ) -> Result<(), runtime::InvalidRequest> {
        if let Some(value) = &self.limit {
            runtime::check_range(
                &at.field("limit"),
                f64::from(*value),
                Some((1f64, false)),
                Some((100f64, false)),
            )?;
        }
        Ok(())
    }
}
