//! The constraints of a value (`minimum`, `maxLength`, `pattern`, ...) and
//! the checks made before sending that the lowering derives from them.

use super::{Type, TypeId, Whitespace};

/// A numeric bound (`minimum` or `maximum`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The bound.
    pub value: f64,
    /// Whether the bound itself is excluded (`exclusiveMinimum`/`exclusiveMaximum`).
    pub exclusive: bool,
}

/// Constraints on a value that the client checks before sending a request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `format: uri`: an absolute URI.
    pub uri: bool,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `minimum`.
    pub minimum: Option<Bound>,
    /// `maximum`.
    pub maximum: Option<Bound>,
    /// `pattern` (documented, not checked).
    pub pattern: Option<String>,
    /// The `format` of a string (`email`, `hostname`, `byte`, ...), as the spec
    /// writes it; the formats with a type of their own (`date-time`, `uuid`)
    /// are also in the type. Not checked.
    pub format: Option<String>,
    /// `multipleOf` (documented, not checked).
    pub multiple_of: Option<f64>,
    /// Constraints of array items.
    pub items: Option<Box<Constraints>>,
}

/// One check the client makes on a value before sending a request (see [`Api::checks`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Its length in characters is within bounds (`minLength`, `maxLength`).
    Length {
        /// The smallest length allowed.
        min: Option<usize>,
        /// The largest length allowed.
        max: Option<usize>,
        /// Whether the value is a `Secret` (read through `expose`).
        secret: bool,
        /// Whether the length is measured without surrounding whitespace.
        whitespace: Whitespace,
    },
    /// It is an absolute URI (`format: uri`).
    Uri {
        /// Whether the value is a `Secret`.
        secret: bool,
    },
    /// The number is within bounds (`minimum`, `maximum`).
    Range {
        /// The number's type (one of the integer and float types).
        number: Type,
        /// The lower bound.
        min: Option<Bound>,
        /// The upper bound.
        max: Option<Bound>,
    },
    /// The array's length is within bounds (`minItems`, `maxItems`).
    Items {
        /// The fewest items allowed.
        min: Option<usize>,
        /// The most items allowed.
        max: Option<usize>,
    },
    /// These checks hold for every item of the array.
    EachItem(Vec<Check>),
    /// These checks hold for every value of the map.
    EachValue(Vec<Check>),
    /// These checks hold for the value inside the `Option`, when there is one.
    IfSome(Vec<Check>),
    /// The value of this (open) enum is one the spec lists, not `Unknown`.
    Known(TypeId),
    /// The named type's own validation (`validate_at`) passes.
    Nested,
}
