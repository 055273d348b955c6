//! The `minItems` and `maxItems` of an array.

use super::{FieldPath, InvalidRequest};

/// Checks the number of items of an array.
pub(crate) fn check_items(
    at: &FieldPath<'_>,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), InvalidRequest> {
    if let Some(min) = min {
        if len < min {
            return Err(at.invalid(format!("must have at least {min} items, got {len}")));
        }
    }
    if let Some(max) = max {
        if len > max {
            return Err(at.invalid(format!("must have at most {max} items, got {len}")));
        }
    }
    Ok(())
}
