//! Lower's working state: the named types and the operations while the stage
//! builds them, before the model exists.
//!
//! A named type is created where it is first used (its name and pointer
//! known, its shape [`Shape::Queued`]) and built later from the work queue;
//! the whole-model passes then share identical types, settle which fields are
//! required in one direction, and decide boxes, usage and gates, all on these
//! drafts (`graph.rs`, `features.rs`). What the model holds that a draft does
//! not (each value's storage, a type's usage, validation and gates, an
//! operation's pagination and gate, whether a response example decodes) is
//! decided before the model is built, and `assemble.rs` builds each model
//! value once, complete.

use std::ops::{Index, IndexMut};

use serde_json::Value;

use crate::diag::Pointer;
use crate::model::{
    BodyKind, Constraints, Docs, Enum, EventData, FieldWire, Method, OutcomeType, OutcomeVariant, Param, PathPart,
    Presence, RequestBody, RequiredSets, ResponseHeader, SchemeId, StatusMatch, StreamKind, StreamMethod, Type, TypeId,
    Usage, Whitespace,
};
use crate::naming::Ident;

/// How many alias hops [`Drafts::resolve`] follows.
const MAX_ALIAS_HOPS: usize = 64;

/// The named types being built, indexed by [`TypeId`] (the ids the model's
/// types keep).
#[derive(Debug, Default)]
pub(super) struct Drafts(Vec<TypeDraft>);

impl Drafts {
    /// Adds a type and returns its id.
    pub(super) fn push(&mut self, draft: TypeDraft) -> TypeId {
        self.0.push(draft);
        TypeId::new(self.0.len() - 1)
    }

    /// How many types there are.
    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// Every id, in order.
    pub(super) fn ids(&self) -> impl Iterator<Item = TypeId> + use<> {
        (0..self.0.len()).map(TypeId::new)
    }

    /// Every type, in order.
    pub(super) fn iter(&self) -> std::slice::Iter<'_, TypeDraft> {
        self.0.iter()
    }

    /// Every type, mutably, in order.
    pub(super) fn iter_mut(&mut self) -> std::slice::IterMut<'_, TypeDraft> {
        self.0.iter_mut()
    }

    /// The type with this id, if there is one.
    pub(super) fn get(&self, id: TypeId) -> Option<&TypeDraft> {
        self.0.get(id.index())
    }

    /// The type an alias chain ends at (the type itself when it is no alias of a named type).
    pub(super) fn resolve(&self, id: TypeId) -> TypeId {
        let mut current = id;
        for _ in 0..self.0.len().min(MAX_ALIAS_HOPS) {
            match self.get(current).map(|t| &t.shape) {
                Some(Shape::Alias(Type::Named(next))) => current = *next,
                _ => break,
            }
        }
        current
    }

    /// The types, in order, for the model to be built from.
    pub(super) fn into_vec(self) -> Vec<TypeDraft> {
        self.0
    }
}

impl Index<TypeId> for Drafts {
    type Output = TypeDraft;

    fn index(&self, id: TypeId) -> &TypeDraft {
        &self.0[id.index()]
    }
}

impl IndexMut<TypeId> for Drafts {
    fn index_mut(&mut self, id: TypeId) -> &mut TypeDraft {
        &mut self.0[id.index()]
    }
}

/// A named type being built.
#[derive(Debug)]
pub(super) struct TypeDraft {
    /// Rust name (UpperCamelCase), unique.
    pub name: Ident,
    /// Documentation from the spec.
    pub docs: Docs,
    /// JSON pointer of the schema it comes from.
    pub pointer: Pointer,
    /// What it is, once built.
    pub shape: Shape,
}

/// The shape of a named type being built.
#[derive(Debug)]
pub(super) enum Shape {
    /// Waiting in the work queue to be built from its schema.
    Queued,
    /// Being built: taken from the queue, or created by the code that builds it next.
    Building,
    /// A struct with named fields.
    Struct(StructDraft),
    /// The query, header and cookie parameters of an operation.
    Params(StructDraft),
    /// An enum of listed values.
    Enum(Enum),
    /// A `oneOf`/`anyOf` union.
    Union(UnionDraft),
    /// Another name for a type.
    Alias(Type),
    /// The several success or error bodies of one operation, one variant per status.
    Outcome(Vec<OutcomeVariant>),
    /// A tuple struct: the type of each position (`prefixItems`).
    Tuple(Vec<Type>),
}

impl Shape {
    /// Every type reference of the shape, mutably.
    pub(super) fn types_mut(&mut self) -> Vec<&mut Type> {
        match self {
            Shape::Struct(s) | Shape::Params(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            Shape::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            Shape::Alias(ty) => vec![ty],
            Shape::Outcome(variants) => variants.iter_mut().filter_map(|v| v.body.as_mut()).collect(),
            Shape::Tuple(items) => items.iter_mut().collect(),
            Shape::Enum(_) | Shape::Queued | Shape::Building => Vec::new(),
        }
    }
}

/// A struct being built.
#[derive(Debug, Default)]
pub(super) struct StructDraft {
    /// Fields in spec order.
    pub fields: Vec<FieldDraft>,
    /// Which optional fields must be present together.
    pub required_sets: Vec<RequiredSets>,
}

impl StructDraft {
    /// The field whose JSON key is `key`.
    pub(super) fn field_by_key(&self, key: &str) -> Option<&FieldDraft> {
        self.fields.iter().find(|f| f.key() == Some(key))
    }
}

/// A struct field being built: the model's field without its storage, and
/// with the direction in which the spec requires it.
#[derive(Debug)]
pub(super) struct FieldDraft {
    /// Rust name (snake_case).
    pub name: Ident,
    /// Where its value sits in the JSON object.
    pub wire: FieldWire,
    /// Its type, without the `Option` that its presence adds.
    pub ty: Type,
    /// Whether it must be there, and whether it may be `null`: as the schema
    /// says, until `graph` requires the fields of `required_in` again.
    pub presence: Presence,
    /// Whether the server trims the value (`x-trimmed`).
    pub whitespace: Whitespace,
    /// Constraints checked before sending.
    pub constraints: Constraints,
    /// Documentation.
    pub docs: Docs,
    /// Default value the spec declares.
    pub default: Option<Value>,
    /// For a property the spec marks `required` and `readOnly` (present in
    /// responses) or `writeOnly` (sent in requests): the direction in which it
    /// is required. Such a field is lowered optional, and required again when
    /// its type travels only in that direction.
    pub required_in: Option<Usage>,
}

impl FieldDraft {
    /// The JSON key of the field; `None` for a flattened part.
    pub(super) fn key(&self) -> Option<&str> {
        match &self.wire {
            FieldWire::Key(key) => Some(key),
            FieldWire::Flattened => None,
        }
    }

    /// Whether the field is a flattened part of an `allOf`.
    pub(super) fn is_flattened(&self) -> bool {
        self.wire == FieldWire::Flattened
    }
}

/// A union being built.
#[derive(Debug)]
pub(super) struct UnionDraft {
    /// Variants in spec order.
    pub variants: Vec<VariantDraft>,
    /// The property whose value selects the variant (the spec's
    /// discriminator, or one every alternative requires with a value of its own).
    pub discriminator: Option<String>,
    /// The name of the unit variant that is the empty string, when an
    /// alternative is `{enum: [""]}`.
    pub empty: Option<Ident>,
}

/// One alternative of a union being built: the model's variant without its storage.
#[derive(Debug)]
pub(super) struct VariantDraft {
    /// Rust variant name.
    pub name: Ident,
    /// The type it holds.
    pub ty: Type,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
}

/// An operation being lowered: the model's operation without what the
/// finished types decide (its pagination, whether each response example
/// decodes) and without its gate.
#[derive(Debug)]
pub(super) struct OperationDraft {
    /// Rust method name (snake_case).
    pub name: Ident,
    /// HTTP method.
    pub method: Method,
    /// Path template as in the spec.
    pub path: String,
    /// The path template split into literals and parameters.
    pub path_parts: Vec<PathPart>,
    /// Path parameters, in template order.
    pub path_params: Vec<Param>,
    /// Query, header and cookie parameters: the fields of `params_type`.
    pub params: Vec<Param>,
    /// The struct holding `params`, when there are any.
    pub params_type: Option<TypeId>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses.
    pub responses: ResponsesDraft,
    /// A second method that answers the same call as a stream.
    pub stream: Option<StreamMethod>,
    /// Security alternatives.
    pub security: Vec<Vec<SchemeId>>,
    /// Scopes for the client credentials flow, by scheme.
    pub scopes: Vec<(SchemeId, Vec<String>)>,
    /// The header that carries an idempotency key.
    pub idempotency_header: Option<String>,
    /// Summary, description and deprecation.
    pub docs: Docs,
    /// Tags.
    pub tags: Vec<String>,
    /// JSON pointer of the operation.
    pub pointer: Pointer,
}

impl OperationDraft {
    /// The type references a call of the operation sends (path parameters, its
    /// parameter struct, the body) and those it reads (response bodies, the
    /// outcome enums, the events of its stream method).
    pub(super) fn roots(&self) -> (Vec<&Type>, Vec<TypeId>, Vec<&Type>, Vec<TypeId>) {
        let mut request: Vec<&Type> = self.path_params.iter().chain(&self.params).map(|param| &param.ty).collect();
        request.extend(self.body.as_ref().map(|body| &body.ty));
        let request_ids: Vec<TypeId> = self.params_type.into_iter().collect();
        let mut response: Vec<&Type> = Vec::new();
        for case in self.responses.success.iter().chain(&self.responses.errors) {
            if let BodyKind::Json(ty) | BodyKind::Events(EventData::Json(ty) | EventData::Keyed(ty)) = &case.body {
                response.push(ty);
            }
        }
        if let Some(StreamKind::Events { data: EventData::Json(ty) | EventData::Keyed(ty), .. }) =
            self.stream.as_ref().map(|stream| &stream.kind)
        {
            response.push(ty);
        }
        let mut response_ids = Vec::new();
        for outcome in [&self.responses.success_type, &self.responses.error_type] {
            match outcome {
                OutcomeType::Enum(id) => response_ids.push(*id),
                OutcomeType::Single(BodyKind::Json(ty)) => response.push(ty),
                OutcomeType::Single(_) => {}
            }
        }
        (request, request_ids, response, response_ids)
    }

    /// Every type reference of the operation, mutably: those of [`roots`](Self::roots).
    pub(super) fn types_mut(&mut self) -> (Vec<&mut Type>, Vec<&mut TypeId>) {
        let mut types: Vec<&mut Type> =
            self.path_params.iter_mut().chain(&mut self.params).map(|param| &mut param.ty).collect();
        types.extend(self.body.as_mut().map(|body| &mut body.ty));
        let responses = &mut self.responses;
        for case in responses.success.iter_mut().chain(&mut responses.errors) {
            if let BodyKind::Json(ty) | BodyKind::Events(EventData::Json(ty) | EventData::Keyed(ty)) = &mut case.body {
                types.push(ty);
            }
        }
        if let Some(StreamKind::Events { data: EventData::Json(ty) | EventData::Keyed(ty), .. }) =
            self.stream.as_mut().map(|stream| &mut stream.kind)
        {
            types.push(ty);
        }
        let mut ids: Vec<&mut TypeId> = self.params_type.as_mut().into_iter().collect();
        for outcome in [&mut responses.success_type, &mut responses.error_type] {
            match outcome {
                OutcomeType::Enum(id) => ids.push(id),
                OutcomeType::Single(BodyKind::Json(ty)) => types.push(ty),
                OutcomeType::Single(_) => {}
            }
        }
        (types, ids)
    }
}

/// The documented responses of an operation being lowered.
#[derive(Debug)]
pub(super) struct ResponsesDraft {
    /// Responses that are successes.
    pub success: Vec<CaseDraft>,
    /// Responses that are errors.
    pub errors: Vec<CaseDraft>,
    /// The `Ok` type.
    pub success_type: OutcomeType,
    /// The error body type.
    pub error_type: OutcomeType,
    /// The `Accept` header, when a response offers several media types.
    pub accept: Option<String>,
}

/// One documented response being lowered: the model's case without whether
/// its example decodes.
#[derive(Debug)]
pub(super) struct CaseDraft {
    /// Statuses it covers.
    pub status: StatusMatch,
    /// Its body.
    pub body: BodyKind,
    /// The variant of the outcome enum, when there is one.
    pub variant: Option<Ident>,
    /// Description and example.
    pub docs: Docs,
    /// Documented response headers.
    pub headers: Vec<ResponseHeader>,
}
