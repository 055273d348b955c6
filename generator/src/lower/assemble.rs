//! The model built once, complete: each named type from its draft and what
//! the passes decided about it (its values' storage, its usage and gates),
//! its validation decided on the shapes so built; then each operation from
//! its draft, its gate, its pagination and whether its response examples
//! decode, all read against the finished types.

use std::collections::HashSet;

use super::draft::{CaseDraft, Drafts, OperationDraft, ResponsesDraft, Shape, StructDraft};
use super::examples::CaseAt;
use super::graph::{self, Layout};
use crate::model::{
    Field, Gate, Operation, Outcome, Pagination, ResponseCase, Responses, Storage, StreamKind, Struct, Tuple,
    TupleItem, Type, TypeDef, TypeId, TypeKind, Types, Union, UnionVariant, VariantSizes,
};

/// The model's types: one [`TypeDef`] per draft, with the same id, under the
/// gates `gates` gives each (the type's, and its `validate_at`'s).
pub(super) fn types(drafts: Drafts, layout: &Layout, gates: &[(Gate, Gate)]) -> Types {
    let drafts = drafts.into_vec();
    let mut heads = Vec::with_capacity(drafts.len());
    let mut kinds = Vec::with_capacity(drafts.len());
    for (index, draft) in drafts.into_iter().enumerate() {
        kinds.push(kind(draft.shape, TypeId::new(index), layout));
        heads.push((draft.name, draft.docs));
    }
    let validation = graph::validation(&kinds, &layout.usage);
    heads
        .into_iter()
        .zip(kinds)
        .zip(validation)
        .zip(&layout.usage)
        .zip(gates)
        .map(|(((((name, docs), kind), validation), usage), (gate, checks_gate))| TypeDef {
            name,
            docs,
            kind,
            usage: *usage,
            validation,
            gate: gate.clone(),
            checks_gate: checks_gate.clone(),
        })
        .collect()
}

/// The model's shape of the type `id`.
fn kind(shape: Shape, id: TypeId, layout: &Layout) -> TypeKind {
    let storage = |position: usize| layout.boxes.storage(id, position);
    match shape {
        Shape::Struct(draft) => TypeKind::Struct(structure(draft, storage)),
        Shape::Params(draft) => TypeKind::Params(structure(draft, storage)),
        Shape::Enum(e) => TypeKind::Enum(e),
        Shape::Union(union) => TypeKind::Union(Union {
            variants: union
                .variants
                .into_iter()
                .enumerate()
                .map(|(position, v)| UnionVariant { name: v.name, ty: v.ty, tags: v.tags, storage: storage(position) })
                .collect(),
            discriminator: union.discriminator,
            empty: union.empty,
        }),
        Shape::Alias(ty) => TypeKind::Alias(ty),
        Shape::Outcome(variants) => TypeKind::Outcome(Outcome {
            variants,
            sizes: match layout.lopsided.get(id.index()) {
                Some(true) => VariantSizes::Lopsided,
                _ => VariantSizes::Even,
            },
        }),
        Shape::Tuple(items) => TypeKind::Tuple(Tuple {
            items: items.into_iter().enumerate().map(|(position, ty)| TupleItem { ty, storage: storage(position) }).collect(),
        }),
        // Every type is built before the model is (the work queue is drained
        // after each operation, component and webhook); were one not, it
        // would be any JSON value.
        Shape::Queued | Shape::Building => TypeKind::Alias(Type::Json),
    }
}

/// The model's struct of a draft, each field stored as `storage` says.
fn structure(draft: StructDraft, storage: impl Fn(usize) -> Storage) -> Struct {
    let fields = draft
        .fields
        .into_iter()
        .enumerate()
        .map(|(position, f)| Field {
            name: f.name,
            wire: f.wire,
            ty: f.ty,
            presence: f.presence,
            storage: storage(position),
            whitespace: f.whitespace,
            constraints: f.constraints,
            docs: f.docs,
            default: f.default,
        })
        .collect();
    Struct { fields, required_sets: draft.required_sets }
}

/// What an operation is finished with besides its draft.
pub(super) struct Finish<'m> {
    /// The model's types.
    pub types: &'m Types,
    /// The operation's index (of [`CaseAt`]).
    pub index: usize,
    /// When its methods are compiled.
    pub gate: Gate,
    /// Its pagination, when it is a paginated list.
    pub pagination: Option<Pagination>,
    /// The responses whose example cannot decode.
    pub undecodable: &'m HashSet<CaseAt>,
}

/// The model's operation of a draft.
pub(super) fn operation(draft: OperationDraft, finish: Finish<'_>) -> Operation {
    let OperationDraft {
        name,
        method,
        path,
        path_parts,
        path_params,
        params,
        params_type,
        body,
        responses,
        mut stream,
        security,
        scopes,
        idempotency_header,
        docs,
        tags: _,
        pointer,
    } = draft;
    // The body's field that asks for a stream is held as the finished struct holds it.
    if let (Some(StreamKind::Events { switch: Some(switch), .. }), Some(body)) =
        (stream.as_mut().map(|s| &mut s.kind), &body)
    {
        if let Type::Named(id) = body.ty {
            if let Some(TypeKind::Struct(s)) = finish.types.get(finish.types.resolve(id)).map(|def| &def.kind) {
                if let Some(field) = s.fields.iter().find(|field| field.name == switch.field) {
                    switch.presence = field.presence;
                }
            }
        }
    }
    let ResponsesDraft { success, errors, success_type, error_type, accept } = responses;
    let cases = |cases: Vec<CaseDraft>, success: bool| -> Vec<ResponseCase> {
        cases
            .into_iter()
            .enumerate()
            .map(|(within, case)| ResponseCase {
                status: case.status,
                body: case.body,
                variant: case.variant,
                docs: case.docs,
                example_decodes: !finish.undecodable.contains(&(finish.index, success, within)),
                headers: case.headers,
            })
            .collect()
    };
    Operation {
        name,
        method,
        path,
        path_parts,
        path_params,
        params,
        params_type,
        body,
        responses: Responses {
            success: cases(success, true),
            errors: cases(errors, false),
            success_type,
            error_type,
            accept,
        },
        stream,
        security,
        scopes,
        docs,
        pointer,
        pagination: finish.pagination,
        idempotency_header,
        gate: finish.gate,
    }
}
