// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request validation: where a value sits inside a request, so that an error
//! names it (`body.events[2]`). The `check_*` modules hold the checks.

use std::fmt;

use super::InvalidRequest;

/// The location of a value inside a request, built on the stack while validating.
#[derive(Clone, Copy)]
pub(crate) enum FieldPath<'a> {
    Root(&'a str),
    Field(&'a FieldPath<'a>, &'a str),
    Index(&'a FieldPath<'a>, usize),
    Key(&'a FieldPath<'a>, &'a str),
}

impl FieldPath<'_> {
    /// The error for the value at this location.
    pub(crate) fn invalid(&self, reason: impl Into<String>) -> InvalidRequest {
        InvalidRequest::new(self.to_string(), reason)
    }
}

/// The steps into a value; validation takes those its types have.
#[allow(dead_code, reason = "the steps an API takes depend on what it validates: fields, array items, map values")]
impl<'a> FieldPath<'a> {
    /// A field of an object.
    pub(crate) fn field(&'a self, name: &'a str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }

    /// An item of an array.
    pub(crate) fn index(&'a self, index: usize) -> FieldPath<'a> {
        FieldPath::Index(self, index)
    }

    /// A value of a map.
    pub(crate) fn key(&'a self, key: &'a str) -> FieldPath<'a> {
        FieldPath::Key(self, key)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root(name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}[{index}]"),
            FieldPath::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}
