//! Enum values a request may send: only those the spec lists.

use super::{FieldPath, InvalidRequest};

/// Refuses an enum value this client received from the server but the spec does
/// not list: a request may only send listed values.
pub(crate) fn check_known(at: &FieldPath<'_>, known: bool) -> Result<(), InvalidRequest> {
    if known {
        Ok(())
    } else {
        Err(at.invalid("is a value the spec does not list; requests may only send listed values"))
    }
}
