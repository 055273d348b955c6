//! The constraints of a value (`minimum`, `maxLength`, `pattern`, ...) and
//! the checks made before sending that the lowering derives from them.

use super::types::MAX_ALIAS_HOPS;
use super::{Type, TypeId, TypeKind, Whitespace};

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

/// One check the client makes on a value before sending a request (see [`checks`]).
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

/// What the client checks on a value of type `ty` with `constraints` before
/// sending it, where `named` gives each named type's shape and whether it is
/// validated (the model's types, through [`Api::checks`](super::Api::checks);
/// lower's, while it decides which types are validated). Empty when nothing
/// is checked.
pub fn checks<'t>(
    named: &dyn Fn(TypeId) -> Option<(&'t TypeKind, bool)>,
    ty: &Type,
    constraints: &Constraints,
    whitespace: Whitespace,
) -> Vec<Check> {
    checks_within(named, ty, constraints, whitespace, 0)
}

fn checks_within<'t>(
    named: &dyn Fn(TypeId) -> Option<(&'t TypeKind, bool)>,
    ty: &Type,
    constraints: &Constraints,
    whitespace: Whitespace,
    hops: usize,
) -> Vec<Check> {
    let mut out = Vec::new();
    match ty {
        Type::String | Type::Secret => {
            let secret = *ty == Type::Secret;
            if constraints.min_length.is_some() || constraints.max_length.is_some() {
                out.push(Check::Length { min: constraints.min_length, max: constraints.max_length, secret, whitespace });
            }
            if constraints.uri {
                out.push(Check::Uri { secret });
            }
        }
        Type::I32 | Type::I64 | Type::U32 | Type::U64 | Type::F32 | Type::F64 => {
            if constraints.minimum.is_some() || constraints.maximum.is_some() {
                out.push(Check::Range { number: ty.clone(), min: constraints.minimum, max: constraints.maximum });
            }
        }
        Type::Vec(inner) => {
            if constraints.min_items.is_some() || constraints.max_items.is_some() {
                out.push(Check::Items { min: constraints.min_items, max: constraints.max_items });
            }
            let items = constraints.items.as_deref().cloned().unwrap_or_default();
            let each = checks_within(named, inner, &items, Whitespace::Kept, hops);
            if !each.is_empty() {
                out.push(Check::EachItem(each));
            }
        }
        Type::Map(inner) => {
            let each = checks_within(named, inner, &Constraints::default(), Whitespace::Kept, hops);
            if !each.is_empty() {
                out.push(Check::EachValue(each));
            }
        }
        Type::Option(inner) => {
            let inside = checks_within(named, inner, constraints, whitespace, hops);
            if !inside.is_empty() {
                out.push(Check::IfSome(inside));
            }
        }
        Type::Named(id) => match named(*id) {
            Some((TypeKind::Alias(target), _)) if hops < MAX_ALIAS_HOPS => {
                out = checks_within(named, target, constraints, whitespace, hops + 1);
            }
            Some((TypeKind::Enum(_), true)) => out.push(Check::Known(*id)),
            Some((kind, true)) if !matches!(kind, TypeKind::Alias(_)) => out.push(Check::Nested),
            _ => {}
        },
        Type::Bool
        | Type::DateTime
        | Type::Date
        | Type::Uuid
        | Type::Bytes
        | Type::Upload
        | Type::Json
        | Type::External(_) => {}
    }
    out
}
