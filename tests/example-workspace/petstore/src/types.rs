// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Pet {
    pub id: uuid::Uuid,
    pub name: String,
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub tag: Option<String>,
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub status: Option<PetStatus>,
}

impl<'de> serde::Deserialize<'de> for Pet {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Pet {
    const NAME: &'static str = "Pet";

    const FIELDS: &'static [&'static str] = &["id", "name", "tag", "status"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut name = None;
        let mut tag = None;
        let mut status = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut name)?,
                2 => map.value(&mut tag)?,
                3 => map.value(&mut status)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
            name: map.required(name, "name")?,
            tag: tag.unwrap_or_default(),
            status: status.unwrap_or_default(),
        })
    }
}

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

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NewPet {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl NewPet {
    /// Creates one from its required fields, with the optional fields `None`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            tag: None,
        }
    }
}

#[cfg(feature = "full-serde")]
impl<'de> serde::Deserialize<'de> for NewPet {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

#[cfg(feature = "full-serde")]
impl runtime::FromObject for NewPet {
    const NAME: &'static str = "NewPet";

    const FIELDS: &'static [&'static str] = &["name", "tag"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut name = None;
        let mut tag = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut name)?,
                1 => map.value(&mut tag)?,
                _ => {}
            }
        }
        Ok(Self {
            name: map.required(name, "name")?,
            tag: tag.unwrap_or_default(),
        })
    }
}

impl NewPet {
    /// Checks the constraints of the spec that the client enforces before sending.
    pub(crate) fn validate_at(
        &self,
        at: &runtime::FieldPath<'_>,
    ) -> Result<(), runtime::InvalidRequest> {
        runtime::check_length(
            &at.field("name"),
            &self.name,
            Some(1),
            None,
            runtime::Whitespace::Kept,
        )?;
        Ok(())
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Error {
    pub message: String,
}

impl<'de> serde::Deserialize<'de> for Error {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Error {
    const NAME: &'static str = "Error";

    const FIELDS: &'static [&'static str] = &["message"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut message = None;
        while let Some(index) = map.next_field()? {
            if index == 0 {
                map.value(&mut message)?;
            }
        }
        Ok(Self {
            message: map.required(message, "message")?,
        })
    }
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
                runtime::Bound::Included(1f64),
                runtime::Bound::Included(100f64),
            )?;
        }
        Ok(())
    }
}
