// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The `minLength` and `maxLength` of a string, in characters.

use super::{FieldPath, InvalidRequest};

/// What the server does with the whitespace around a string (`x-trimmed`),
/// and so how its length is measured.
#[allow(dead_code, reason = "a client's checked strings may all keep their whitespace, or all be trimmed")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Whitespace {
    /// It keeps it: the length counts it.
    Kept,
    /// It trims it: the length is measured without it, as the server will see the value.
    Trimmed,
}

/// Checks a string's length in characters, measured as `whitespace` says.
pub(crate) fn check_length(
    at: &FieldPath<'_>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
    whitespace: Whitespace,
) -> Result<(), InvalidRequest> {
    let measured = match whitespace {
        Whitespace::Kept => value,
        Whitespace::Trimmed => value.trim(),
    };
    let len = measured.chars().count();
    if let Some(min) = min {
        if len < min {
            return Err(at.invalid(match (min, whitespace) {
                (1, Whitespace::Trimmed) => "must not be empty or blank".to_owned(),
                (1, Whitespace::Kept) => "must not be empty".to_owned(),
                (_, Whitespace::Trimmed) => {
                    format!("must be at least {min} characters long (without surrounding whitespace), got {len}")
                }
                (_, Whitespace::Kept) => format!("must be at least {min} characters long, got {len}"),
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
