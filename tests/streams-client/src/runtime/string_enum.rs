// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Enums of string values: the types module declares each enum and invokes
//! `string_enum!` for its methods and serde implementations.

/// Implements `as_str`, `Display`, `Serialize` and `Deserialize` for an enum of
/// string values. With `open`, the enum has an `Unknown(String)` variant that
/// values the spec does not list decode into; without, such values are errors.
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

pub(crate) use string_enum;
