//! The `minimum` and `maximum` of a number, inclusive or exclusive.

pub(crate) use std::ops::Bound;

use super::{FieldPath, InvalidRequest};

/// Checks a number against its bounds: `Included` for `minimum` and
/// `maximum`, `Excluded` for their exclusive forms.
pub(crate) fn check_range(
    at: &FieldPath<'_>,
    value: f64,
    min: Bound<f64>,
    max: Bound<f64>,
) -> Result<(), InvalidRequest> {
    match min {
        Bound::Included(min) if value < min => return Err(at.invalid(format!("must be >= {min}, got {value}"))),
        Bound::Excluded(min) if value <= min => return Err(at.invalid(format!("must be > {min}, got {value}"))),
        _ => {}
    }
    match max {
        Bound::Included(max) if value > max => return Err(at.invalid(format!("must be <= {max}, got {value}"))),
        Bound::Excluded(max) if value >= max => return Err(at.invalid(format!("must be < {max}, got {value}"))),
        _ => {}
    }
    Ok(())
}
