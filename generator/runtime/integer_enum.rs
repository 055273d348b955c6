//! Enums of integer values: the types module declares each enum and invokes
//! `integer_enum!` for its methods and serde implementations.

/// Implements `value`, `Display`, `Serialize` and `Deserialize` for an enum of
/// integer values; `open` adds decoding of unlisted values into `Unknown(i64)`.
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

pub(crate) use integer_enum;
