// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The `minimum` and `maximum` of a number, inclusive or exclusive.

use super::{FieldPath, InvalidRequest};

/// Checks a number against inclusive or exclusive bounds.
pub(crate) fn check_range(
    at: &FieldPath<'_>,
    value: f64,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
) -> Result<(), InvalidRequest> {
    if let Some((min, exclusive)) = min {
        if value < min || (exclusive && value == min) {
            let op = if exclusive { ">" } else { ">=" };
            return Err(at.invalid(format!("must be {op} {min}, got {value}")));
        }
    }
    if let Some((max, exclusive)) = max {
        if value > max || (exclusive && value == max) {
            let op = if exclusive { "<" } else { "<=" };
            return Err(at.invalid(format!("must be {op} {max}, got {value}")));
        }
    }
    Ok(())
}
