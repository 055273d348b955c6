//! Named types and type references: structs, enums, unions, aliases and the
//! fields in them (their constraints and checks are in `checks.rs`).

use std::ops::Index;

use serde_json::Value;

use super::{Check, Constraints, Gate};
use crate::diag::Pointer;
use crate::naming::Ident;

/// Identifies a named type: an index into [`Types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(usize);

impl TypeId {
    /// The id of the type at `index` of [`Types`].
    pub fn new(index: usize) -> Self {
        TypeId(index)
    }

    /// Its position in [`Types`], for tables that hold one entry per type.
    pub fn index(self) -> usize {
        self.0
    }
}

/// The named types of an API, indexed by [`TypeId`]: built once, complete
/// (lower's `assemble`), in the order of their ids.
#[derive(Debug, Clone, Default)]
pub struct Types(Vec<TypeDef>);

impl FromIterator<TypeDef> for Types {
    fn from_iter<I: IntoIterator<Item = TypeDef>>(defs: I) -> Self {
        Types(defs.into_iter().collect())
    }
}

impl Types {
    /// The type with this id, if there is one.
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.0.get(id.0)
    }

    /// How many types there are.
    #[allow(
        clippy::len_without_is_empty,
        reason = "nothing asks whether there are none; the type is public only with the `internals` feature"
    )]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every type, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, TypeDef> {
        self.0.iter()
    }

    /// The type an alias chain ends at (the type itself when it is no alias of a named type).
    pub fn resolve(&self, id: TypeId) -> TypeId {
        let mut current = id;
        for _ in 0..self.0.len().min(MAX_ALIAS_HOPS) {
            match self.get(current).map(|t| &t.kind) {
                Some(TypeKind::Alias(Type::Named(next))) => current = *next,
                _ => break,
            }
        }
        current
    }

    /// What the client checks on a value of type `ty` with `constraints`
    /// before sending it (the free function [`checks()`](super::checks())).
    pub fn checks(&self, ty: &Type, constraints: &Constraints, whitespace: Whitespace) -> Vec<Check> {
        let named = |id: TypeId| self.get(id).map(|def| (&def.kind, def.is_validated()));
        super::checks::checks(&named, ty, constraints, whitespace)
    }
}

/// How many alias hops the model follows before it stops (aliases form no
/// cycles, but the bound keeps every query finite whatever the input).
pub(super) const MAX_ALIAS_HOPS: usize = 64;

impl Index<TypeId> for Types {
    type Output = TypeDef;

    fn index(&self, id: TypeId) -> &TypeDef {
        &self.0[id.0]
    }
}


/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name (UpperCamelCase).
    pub name: Ident,
    /// Documentation from the spec.
    pub docs: Docs,
    /// What it is.
    pub kind: TypeKind,
    /// Which direction of the API carries it.
    pub usage: Usage,
    /// Whether the client checks it before sending.
    pub validation: Validation,
    /// When it is compiled: when a feature whose operations use it is on.
    pub gate: Gate,
    /// When its `validate_at` is compiled (for a validated type): when a
    /// feature whose requests contain it is on.
    pub checks_gate: Gate,
}

impl TypeDef {
    /// Whether requests can contain it (so it is serialized, and may be validated).
    pub fn in_request(&self) -> bool {
        matches!(self.usage, Usage::Request | Usage::Both)
    }

    /// Whether responses can contain it (so it is deserialized, and its enums
    /// accept values the spec does not list).
    pub fn in_response(&self) -> bool {
        matches!(self.usage, Usage::Response | Usage::Both)
    }

    /// Whether it has a check made before sending.
    pub fn is_validated(&self) -> bool {
        self.validation == Validation::Checked
    }

    /// Whether a type reference of this type matches `pred`, looking inside
    /// arrays, maps and options (but not into other named types).
    pub fn uses(&self, pred: &dyn Fn(&Type) -> bool) -> bool {
        match &self.kind {
            TypeKind::Struct(s) | TypeKind::Params(s) => s.fields.iter().any(|f| f.ty.uses(pred)),
            TypeKind::Union(u) => u.variants.iter().any(|v| v.ty.uses(pred)),
            TypeKind::Alias(ty) => ty.uses(pred),
            TypeKind::Outcome(o) => o.variants.iter().any(|v| v.body.as_ref().is_some_and(|ty| ty.uses(pred))),
            TypeKind::Tuple(t) => t.items.iter().any(|item| item.ty.uses(pred)),
            TypeKind::Enum(_) => false,
        }
    }
}

/// Which direction of the API carries a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Usage {
    /// Only requests send it.
    Request,
    /// Only responses carry it. Types no operation uses count as responses:
    /// callers read them (webhook payloads, for instance).
    Response,
    /// Requests and responses.
    Both,
}

impl Usage {
    /// The usage of a type that requests and responses reach as given; one
    /// neither reaches counts as a response.
    pub fn reached(request: bool, response: bool) -> Self {
        match (request, response) {
            (true, true) => Usage::Both,
            (true, false) => Usage::Request,
            (false, _) => Usage::Response,
        }
    }
}

/// Whether the client checks a type before sending a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// Nothing to check.
    Unchecked,
    /// The type, or a type inside it, has a check ([`Api::checks`] is not
    /// empty for one of its parts); it gets a `validate_at` method.
    Checked,
}

/// Documentation text gathered from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// Short summary or title.
    pub summary: Option<String>,
    /// Long description (CommonMark).
    pub description: Option<String>,
    /// An example value.
    pub example: Option<Value>,
    /// Whether the spec marks it deprecated (`deprecated: true`).
    pub deprecated: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// An enum of string or integer values.
    Enum(Enum),
    /// A `oneOf`/`anyOf` union.
    Union(Union),
    /// Another name for a type.
    Alias(Type),
    /// Query, header and cookie parameters of an operation.
    Params(Struct),
    /// The several success or error bodies of one operation.
    Outcome(Outcome),
    /// A fixed-length array whose positions have types of their own
    /// (`prefixItems`): a tuple struct.
    Tuple(Tuple),
}

/// A tuple: an array with exactly one value per position.
#[derive(Debug, Clone)]
pub struct Tuple {
    /// The positions, in order.
    pub items: Vec<TupleItem>,
}

/// One position of a [`Tuple`].
#[derive(Debug, Clone)]
pub struct TupleItem {
    /// Its type (an `Option` when it may be `null`).
    pub ty: Type,
    /// Whether the value is stored inline or boxed.
    pub storage: Storage,
}

/// A struct.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Which optional fields must be present together: the schema's `anyOf`
    /// or `oneOf` whose alternatives only list `required` properties (and
    /// perhaps constrain the values of the object's own properties, which is
    /// not checked).
    pub required_sets: Vec<RequiredSets>,
}

impl Struct {
    /// Whether every field has a default (`None`), so `Default` is derived.
    pub fn all_optional(&self) -> bool {
        self.fields.iter().all(|f| f.presence != Presence::Required)
    }

    /// The field whose JSON key is `key`.
    pub fn field_by_key(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key() == Some(key))
    }

    /// The required sets the client checks: each alternative reduced to the
    /// fields that may be absent, and without the sets that every value
    /// satisfies (an `anyOf` alternative whose fields are always present).
    pub fn checked_required_sets(&self) -> Vec<RequiredSets> {
        let optional = |key: &String| {
            self.field_by_key(key)
                .is_some_and(|f| matches!(f.presence, Presence::Optional | Presence::OptionalNullable))
        };
        self.required_sets
            .iter()
            .filter_map(|set| {
                let alternatives: Vec<Vec<String>> = set
                    .alternatives
                    .iter()
                    .map(|keys| keys.iter().filter(|key| optional(key)).cloned().collect())
                    .collect();
                let always = alternatives.iter().any(Vec::is_empty);
                (!(always && set.rule == RequiredRule::AnyOf)).then(|| RequiredSets { alternatives, ..set.clone() })
            })
            .collect()
    }
}

/// An `anyOf` or `oneOf` beside an object's properties whose alternatives
/// only list `required` properties (`anyOf: [{required: [state]}, {required:
/// [assignee]}]`): which fields a value must have. The type keeps the fields
/// optional; `validate_at` refuses a value that satisfies no alternative (or,
/// for `oneOf`, more than one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequiredSets {
    /// Where the `anyOf` or `oneOf` is.
    pub pointer: Pointer,
    /// How many alternatives must hold.
    pub rule: RequiredRule,
    /// Each alternative: the JSON keys of the fields it requires.
    pub alternatives: Vec<Vec<String>>,
}

/// How many alternatives of [`RequiredSets`] must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequiredRule {
    /// At least one (`anyOf`).
    AnyOf,
    /// Exactly one (`oneOf`).
    OneOf,
}

impl RequiredSets {
    /// The constraint in words, with each field named as Rust code writes it
    /// (`name`) or the JSON key: "at least one of `state`, `assignee`".
    pub fn describe(&self, name: &dyn Fn(&str) -> String) -> String {
        let alternatives: Vec<String> = self
            .alternatives
            .iter()
            .map(|keys| {
                let names: Vec<String> = keys.iter().map(|key| format!("`{}`", name(key))).collect();
                if names.len() > 1 { format!("({})", names.join(" and ")) } else { names.concat() }
            })
            .collect();
        let rule = match self.rule {
            RequiredRule::AnyOf => "at least one of",
            RequiredRule::OneOf => "exactly one of",
        };
        format!("{rule} {}", alternatives.join(", "))
    }
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name (snake_case).
    pub name: Ident,
    /// Where its value sits in the JSON object.
    pub wire: FieldWire,
    /// Its type, without the `Option` that its presence adds.
    pub ty: Type,
    /// Whether it must be there, and whether it may be `null`.
    pub presence: Presence,
    /// Whether the value is stored inline or boxed.
    pub storage: Storage,
    /// Whether the server trims the value (`x-trimmed`).
    pub whitespace: Whitespace,
    /// Constraints checked before sending.
    pub constraints: Constraints,
    /// Documentation.
    pub docs: Docs,
    /// Default value the spec declares.
    pub default: Option<Value>,
}

impl Field {
    /// The JSON key of the field; `None` for a flattened part.
    pub fn key(&self) -> Option<&str> {
        match &self.wire {
            FieldWire::Key(key) => Some(key),
            FieldWire::Flattened => None,
        }
    }

    /// Whether the field is a flattened part of an `allOf`.
    pub fn is_flattened(&self) -> bool {
        self.wire == FieldWire::Flattened
    }
}

/// Where a field's value sits in the JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldWire {
    /// Under this key.
    Key(String),
    /// Spread into the object itself: a part of an `allOf` that is not a plain
    /// object (`#[serde(flatten)]`).
    Flattened,
}

/// Whether a field must be present, and whether it may be `null`. This decides
/// its Rust type: `T`, `Option<T>` or `Option<Nullable<T>>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Always present, never `null`: `T`.
    Required,
    /// Always present, possibly `null`: `Option<T>`.
    RequiredNullable,
    /// May be absent, never `null`: `Option<T>`, left out when `None`.
    Optional,
    /// May be absent or `null`: `Option<Nullable<T>>`, keeping the three states apart.
    OptionalNullable,
}

impl Presence {
    /// The presence of a field that is `required` and `nullable` as given.
    pub fn new(required: bool, nullable: bool) -> Self {
        match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    /// Whether the value may be `null`.
    pub fn is_nullable(self) -> bool {
        matches!(self, Presence::RequiredNullable | Presence::OptionalNullable)
    }
}

/// How a value is stored in the type that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Storage {
    /// Inline.
    Inline,
    /// In a `Box`: it is part of a reference cycle, or it is a union variant
    /// much larger than the union's other variants.
    Boxed,
}

/// What the server does with the whitespace around a string (`x-trimmed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Whitespace {
    /// It keeps it.
    Kept,
    /// It trims it: the client sends the value trimmed and measures lengths trimmed.
    Trimmed,
}

/// An enum of listed values.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Variants in spec order.
    pub variants: Vec<EnumVariant>,
    /// What the values are.
    pub repr: EnumRepr,
}

/// What the values of an enum are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumRepr {
    /// Strings.
    String,
    /// Integers.
    Integer,
}

/// One listed enum value.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: Ident,
    /// The value on the wire.
    pub value: EnumValue,
}

/// A listed enum value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EnumValue {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
}

impl EnumValue {
    /// Whether the JSON value `value` is this value.
    pub fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (EnumValue::Str(s), Value::String(t)) => s == t,
            (EnumValue::Int(n), Value::Number(m)) => m.as_i64() == Some(*n),
            _ => false,
        }
    }
}

/// A `oneOf` or `anyOf` union.
#[derive(Debug, Clone)]
pub struct Union {
    /// Variants in spec order.
    pub variants: Vec<UnionVariant>,
    /// The property whose value selects the variant: the spec's discriminator,
    /// or a property every alternative requires with one value of its own.
    pub discriminator: Option<String>,
    /// The variant that is the empty string `""` (an alternative `{enum:
    /// [""]}`, Stripe's way to unset a value), when there is one: a unit
    /// variant of this name, sent as `""` and decoded from it before any other
    /// variant is tried.
    pub empty: Option<Ident>,
}

/// One alternative of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: Ident,
    /// The type it holds.
    pub ty: Type,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
    /// Whether the value is stored inline or boxed.
    pub storage: Storage,
}

/// The several bodies one operation may answer with, as an enum.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// One variant per documented status.
    pub variants: Vec<OutcomeVariant>,
    /// Whether one variant is far larger than the others.
    pub sizes: VariantSizes,
}

/// Whether an enum's largest variant is far larger than its next (clippy's
/// `large_enum_variant`); see `lower::graph::sizes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariantSizes {
    /// Within the margin of each other.
    Even,
    /// The largest is far larger than the next. An operation's outcome is
    /// built once per call and moved to the caller, so it stays unboxed and
    /// says so to clippy.
    Lopsided,
}

/// One documented status of an [`Outcome`].
#[derive(Debug, Clone)]
pub struct OutcomeVariant {
    /// Rust variant name.
    pub name: Ident,
    /// The body it holds, if any.
    pub body: Option<Type>,
    /// Documentation (the response's description).
    pub docs: Docs,
}

/// A type reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// A named type.
    Named(TypeId),
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `String`.
    String,
    /// A secret string (redacted in `Debug`).
    Secret,
    /// An RFC 3339 date-time.
    DateTime,
    /// An RFC 3339 full-date.
    Date,
    /// A UUID.
    Uuid,
    /// Raw bytes (binary response bodies).
    Bytes,
    /// Something to upload (binary request bodies and multipart files): bytes, a
    /// file or a stream, sent as it is read.
    Upload,
    /// Any JSON value (a schema without a type).
    Json,
    /// An array.
    Vec(Box<Type>),
    /// A map with string keys: `additionalProperties`, and a free-form object
    /// (`type: object` without properties), a map of JSON values
    /// ([`Type::json_object`]).
    Map(Box<Type>),
    /// A value that may be JSON `null` (inside arrays and maps).
    Option(Box<Type>),
    /// A Rust type of the caller's own that replaces a schema (`uuid::Uuid`,
    /// `crate::ids::UserId`), as its path; lower checks that it parses as one.
    /// It must implement `Debug`, `Clone`, `PartialEq` and the serde traits
    /// the types around it derive.
    External(String),
}

impl Type {
    /// A JSON object of any values, `Map(Json)`: the type of a free-form
    /// object (`type: object` without properties, `additionalProperties`
    /// absent, `true` or `{}`).
    pub fn json_object() -> Type {
        Type::Map(Box::new(Type::Json))
    }

    /// Whether this is [`Type::json_object`].
    pub fn is_json_object(&self) -> bool {
        matches!(self, Type::Map(inner) if **inner == Type::Json)
    }

    /// Whether a method argument of this type is passed by value (small `Copy`
    /// types); every other type is passed by reference.
    pub fn passes_by_value(&self) -> bool {
        matches!(
            self,
            Type::Bool
                | Type::I32
                | Type::I64
                | Type::U32
                | Type::U64
                | Type::F32
                | Type::F64
                | Type::Uuid
                | Type::DateTime
                | Type::Date
        )
    }

    /// This type, as an `Option` when `nullable`.
    pub fn nullable_if(self, nullable: bool) -> Type {
        if nullable { Type::Option(Box::new(self)) } else { self }
    }

    /// Whether this type, or a type inside its arrays, maps and options, matches `pred`.
    pub fn uses(&self, pred: &dyn Fn(&Type) -> bool) -> bool {
        pred(self)
            || match self {
                Type::Vec(inner) | Type::Map(inner) | Type::Option(inner) => inner.uses(pred),
                _ => false,
            }
    }
}
