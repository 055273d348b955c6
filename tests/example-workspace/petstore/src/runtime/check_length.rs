// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The `minLength` and `maxLength` of a string, in characters.

use super::{FieldPath, InvalidRequest};

/// Checks a string's length in characters; `trimmed` measures it without
/// surrounding whitespace, as the server will see it.
pub(crate) fn check_length(
    at: &FieldPath<'_>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
    trimmed: bool,
) -> Result<(), InvalidRequest> {
    let measured = if trimmed { value.trim() } else { value };
    let len = measured.chars().count();
    if let Some(min) = min {
        if len < min {
            return Err(at.invalid(match (min, trimmed) {
                (1, true) => "must not be empty or blank".to_owned(),
                (1, false) => "must not be empty".to_owned(),
                (_, true) => {
                    format!("must be at least {min} characters long (without surrounding whitespace), got {len}")
                }
                (_, false) => format!("must be at least {min} characters long, got {len}"),
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
