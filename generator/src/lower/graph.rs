//! Whole-model passes on lower's drafts after every type is built: which
//! types requests and responses reach, which identical inline types share one
//! definition, which fields required in one direction are required, which
//! values must be boxed to break reference cycles (and, in `sizes.rs`, to keep
//! a union small); and, on the model's shapes once they are built, which types
//! need checking before a request is sent. All iterative, so a large or deeply
//! nested spec cannot overflow the stack.

use std::collections::HashMap;

use super::draft::{Drafts, OperationDraft, Shape};
use crate::model::{
    Constraints, EnumRepr, EnumValue, Presence, Storage, Type, TypeId, TypeKind, Usage, Validation, Webhook,
    Whitespace, checks,
};

/// A reference from one named type to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Edge {
    pub(super) to: TypeId,
    /// Whether the value is stored inline (so a cycle through it needs a box),
    /// rather than behind a `Vec` or map.
    direct: bool,
}

/// The named types `ty` refers to.
fn references(ty: &Type, direct: bool, out: &mut Vec<Edge>) {
    match ty {
        Type::Named(id) => out.push(Edge { to: *id, direct }),
        Type::Option(inner) => references(inner, direct, out),
        Type::Vec(inner) | Type::Map(inner) => references(inner, false, out),
        _ => {}
    }
}

/// The references of a named type's shape.
pub(super) fn edges(shape: &Shape) -> Vec<Edge> {
    let mut out = Vec::new();
    match shape {
        Shape::Struct(s) | Shape::Params(s) => {
            for field in &s.fields {
                references(&field.ty, true, &mut out);
            }
        }
        Shape::Union(u) => {
            for variant in &u.variants {
                references(&variant.ty, true, &mut out);
            }
        }
        Shape::Alias(ty) => references(ty, true, &mut out),
        Shape::Outcome(variants) => {
            for variant in variants {
                if let Some(ty) = &variant.body {
                    references(ty, true, &mut out);
                }
            }
        }
        Shape::Tuple(items) => {
            for item in items {
                references(item, true, &mut out);
            }
        }
        Shape::Enum(_) | Shape::Queued | Shape::Building => {}
    }
    out
}

/// What the passes decide about the types beside their shapes.
#[derive(Debug)]
pub(super) struct Layout {
    /// Each type's usage, by index.
    pub usage: Vec<Usage>,
    /// Which values are boxed.
    pub boxes: Boxes,
    /// The outcome enums whose largest variant is far larger than the next, by index.
    pub lopsided: Vec<bool>,
}

/// Which values of each type (its fields, union variants or tuple items, by
/// position) are stored in a `Box`.
#[derive(Debug, Default)]
pub(super) struct Boxes(Vec<Vec<bool>>);

impl Boxes {
    /// How the value at `position` of the type `id` is stored.
    pub(super) fn storage(&self, id: TypeId, position: usize) -> Storage {
        match self.0.get(id.index()).and_then(|positions| positions.get(position)) {
            Some(true) => Storage::Boxed,
            _ => Storage::Inline,
        }
    }

    /// Boxes the value at `position` of the type `id`.
    pub(super) fn insert(&mut self, id: TypeId, position: usize) {
        if self.0.len() <= id.index() {
            self.0.resize_with(id.index() + 1, Vec::new);
        }
        let positions = &mut self.0[id.index()];
        if positions.len() <= position {
            positions.resize(position + 1, false);
        }
        positions[position] = true;
    }
}

/// Runs the passes on the drafts: shares identical types, requires the fields
/// required in the one direction their type travels, and decides each
/// type's usage and which values are boxed.
pub(super) fn finish(types: &mut Drafts, operations: &[OperationDraft], webhooks: &[Webhook]) -> Layout {
    let usage = mark_usage(types, operations, webhooks);
    share_identical_enums(types, &usage);
    share_identical_structs(types, &usage);
    let usage = mark_usage(types, operations, webhooks);
    require_one_way_fields(types, &usage);
    let mut boxes = mark_boxes(types);
    let lopsided = sizes::box_large_variants(types, &usage, &mut boxes);
    Layout { usage, boxes, lopsided }
}

/// The types reachable from `roots` (a table indexed by type).
pub(super) fn reach(types: &Drafts, roots: Vec<TypeId>) -> Vec<bool> {
    let mut seen = vec![false; types.len()];
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        match seen.get_mut(id.index()) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        stack.extend(edges(&types[id].shape).into_iter().map(|edge| edge.to));
    }
    seen
}

/// The named types in `ty`.
pub(super) fn named(ty: &Type, out: &mut Vec<TypeId>) {
    match ty {
        Type::Named(id) => out.push(*id),
        Type::Vec(inner) | Type::Map(inner) | Type::Option(inner) => named(inner, out),
        _ => {}
    }
}

/// Each type's usage: which of the operations' requests and responses reach it.
fn mark_usage(types: &Drafts, operations: &[OperationDraft], webhooks: &[Webhook]) -> Vec<Usage> {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in operations {
        // What a call sends and reads (the events of a stream method are read too).
        let (request, request_ids, response, response_ids) = op.roots();
        for ty in request {
            named(ty, &mut request_roots);
        }
        request_roots.extend(request_ids);
        for ty in response {
            named(ty, &mut response_roots);
        }
        response_roots.extend(response_ids);
    }
    // Webhook payloads come from the API, as responses do.
    for payload in webhooks.iter().filter_map(|webhook| webhook.payload.as_ref()) {
        named(payload, &mut response_roots);
    }
    let in_request = reach(types, request_roots);
    let mut in_response = reach(types, response_roots);
    // Types no operation uses (such as webhook payloads) are for callers to read:
    // they, and everything they contain, count as responses.
    let unused: Vec<TypeId> = types.ids().filter(|id| !in_request[id.index()] && !in_response[id.index()]).collect();
    for (index, read) in reach(types, unused).into_iter().enumerate() {
        in_response[index] |= read;
    }
    in_request.iter().zip(&in_response).map(|(request, response)| Usage::reached(*request, *response)).collect()
}

/// A `required` property that is `readOnly` (or `writeOnly`) is required in a
/// type that only responses carry (only requests send): Jira's `writeOnly`
/// `name` of a screen scheme must be sent.
fn require_one_way_fields(types: &mut Drafts, usage: &[Usage]) {
    for (def, usage) in types.iter_mut().zip(usage) {
        let usage = *usage;
        if let Shape::Struct(s) = &mut def.shape {
            for field in s.fields.iter_mut().filter(|field| field.required_in == Some(usage)) {
                field.presence = match field.presence {
                    Presence::Optional => Presence::Required,
                    Presence::OptionalNullable => Presence::RequiredNullable,
                    presence => presence,
                };
            }
        }
    }
}

/// Strongly connected components over direct references (Tarjan's algorithm,
/// iterative). Returns each type's component number.
fn components(types: &Drafts) -> Vec<usize> {
    let n = types.len();
    let graph: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            edges(&t.shape)
                .into_iter()
                .filter(|edge| edge.direct)
                .map(|edge| edge.to.index())
                .filter(|&i| i < n)
                .collect()
        })
        .collect();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_index = 0usize;
    let mut next_component = 0usize;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // Each frame: node and position in its edge list.
        let mut frames: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut position)) = frames.last_mut() {
            if let Some(&next) = graph[node].get(*position) {
                *position += 1;
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    frames.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
            } else {
                frames.pop();
                if let Some(&(parent, _)) = frames.last() {
                    low[parent] = low[parent].min(low[node]);
                }
                if low[node] == index[node] {
                    while let Some(member) = stack.pop() {
                        on_stack[member] = false;
                        component[member] = next_component;
                        if member == node {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
    }
    component
}

/// The named type a value of `ty` stores inline, if any.
fn direct_target(ty: &Type) -> Option<TypeId> {
    match ty {
        Type::Named(id) => Some(*id),
        Type::Option(inner) => direct_target(inner),
        _ => None,
    }
}

/// Boxes every field, variant and tuple item that stores inline a type of
/// its own reference cycle, so every type has a finite size.
fn mark_boxes(types: &Drafts) -> Boxes {
    let component = components(types);
    let mut boxes = Boxes::default();
    for (id, def) in types.ids().zip(types.iter()) {
        let own = component[id.index()];
        let cyclic = |ty: &Type| direct_target(ty).is_some_and(|target| component.get(target.index()) == Some(&own));
        let values: Vec<bool> = match &def.shape {
            Shape::Struct(s) | Shape::Params(s) => {
                s.fields.iter().map(|field| !field.is_flattened() && cyclic(&field.ty)).collect()
            }
            Shape::Union(u) => u.variants.iter().map(|variant| cyclic(&variant.ty)).collect(),
            Shape::Tuple(items) => items.iter().map(cyclic).collect(),
            _ => Vec::new(),
        };
        for (position, _) in values.iter().enumerate().filter(|(_, boxed)| **boxed) {
            boxes.insert(id, position);
        }
    }
    boxes
}

/// Whether each type needs validation, by index, given the model's shapes
/// (`kinds`) and the types' usage. A type needs validation when it can be in
/// a request and it, or a type it contains, has a check
/// ([`checks`](crate::model::checks())): a checked constraint, an enum that
/// accepts unknown values, or fields that must be present together
/// ([`Struct::checked_required_sets`](crate::model::Struct::checked_required_sets)).
pub(super) fn validation(kinds: &[TypeKind], usage: &[Usage]) -> Vec<Validation> {
    let no_constraints = Constraints::default();
    let in_request = |index: usize| matches!(usage[index], Usage::Request | Usage::Both);
    let in_response = |index: usize| matches!(usage[index], Usage::Response | Usage::Both);
    let mut validated = vec![false; kinds.len()];
    loop {
        let mut changed = false;
        for (index, kind) in kinds.iter().enumerate() {
            if validated[index] || !in_request(index) {
                continue;
            }
            let named = |id: TypeId| Some((kinds.get(id.index())?, validated[id.index()]));
            let has_checks = |ty: &Type, constraints: &Constraints, whitespace: Whitespace| {
                !checks(&named, ty, constraints, whitespace).is_empty()
            };
            let needs = match kind {
                TypeKind::Enum(_) => in_response(index),
                TypeKind::Struct(s) | TypeKind::Params(s) => {
                    !s.checked_required_sets().is_empty()
                        || s.fields.iter().any(|f| has_checks(&f.ty, &f.constraints, f.whitespace))
                }
                TypeKind::Union(u) => {
                    // A tagged union read from responses has an `Unknown` variant that requests must not send.
                    (in_response(index) && u.discriminator.is_some())
                        || u.variants.iter().any(|v| has_checks(&v.ty, &no_constraints, Whitespace::Kept))
                }
                TypeKind::Alias(ty) => has_checks(ty, &no_constraints, Whitespace::Kept),
                TypeKind::Tuple(t) => t.items.iter().any(|item| has_checks(&item.ty, &no_constraints, Whitespace::Kept)),
                TypeKind::Outcome(_) => false,
            };
            if needs {
                validated[index] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    validated.into_iter().map(|checked| if checked { Validation::Checked } else { Validation::Unchecked }).collect()
}

/// Inline enums with the same values and the same use (the `state: open/closed`
/// that a large spec repeats in hundreds of places) share one definition: the
/// first keeps its name and the others become aliases of it. Enums used by
/// requests only stay apart from those responses use, so requests keep a type
/// without an `Unknown` variant. Component enums keep their own definitions.
fn share_identical_enums(types: &mut Drafts, usage: &[Usage]) {
    let mut first: HashMap<(EnumRepr, Usage, Vec<EnumValue>), TypeId> = HashMap::new();
    for id in types.ids() {
        let def = &types[id];
        let Shape::Enum(e) = &def.shape else { continue };
        if def.pointer.component("schemas").is_some() {
            continue;
        }
        let key = (e.repr, usage[id.index()], e.variants.iter().map(|v| v.value.clone()).collect::<Vec<_>>());
        match first.get(&key) {
            Some(&canonical) => types[id].shape = Shape::Alias(Type::Named(canonical)),
            None => {
                first.insert(key, id);
            }
        }
    }
}

/// Inline object schemas that are written out identically in many places (a
/// large spec repeats the same small object in hundreds of responses) share one
/// struct: the first keeps its name and the others become aliases of it. Two
/// structs are identical when their fields have the same wire names, Rust
/// names, presence, constraints and types, where field types count as the
/// same once they have been found identical; the search runs bottom-up until
/// nothing more merges. Component schemas keep their own structs, and structs
/// of different use (requests only, responses only, both) stay apart.
fn share_identical_structs(types: &mut Drafts, usage: &[Usage]) {
    let candidate: Vec<bool> = types
        .iter()
        .map(|t| matches!(t.shape, Shape::Struct(_)) && t.pointer.component("schemas").is_none())
        .collect();
    // Each type's representative: itself until it is found identical to an earlier
    // one; an alias (such as a shared enum) is represented by what it names.
    let mut class: Vec<TypeId> = types.ids().map(|id| types.resolve(id)).collect();
    // What does not change from one round to the next is written once: the
    // usage and each field's wire name, Rust name, presence, constraints and
    // default; only the field types' representatives do.
    let fixed: Vec<Option<StructSignature>> = types
        .ids()
        .map(|id| {
            let def = &types[id];
            let Shape::Struct(s) = &def.shape else { return None };
            if !candidate[id.index()] {
                return None;
            }
            let fields = s
                .fields
                .iter()
                .map(|field| {
                    let text = format!(
                        "{:?}\u{1}{}\u{1}{:?}{:?}\u{1}{:?}\u{1}{:?}\u{1}",
                        field.wire, field.name, field.presence, field.whitespace, field.constraints, field.default,
                    );
                    (text, &field.ty)
                })
                .collect();
            Some(StructSignature { usage: format!("{:?}|{:?}|", usage[id.index()], s.required_sets), fields })
        })
        .collect();
    loop {
        let mut seen: HashMap<String, TypeId> = HashMap::new();
        let mut changed = false;
        for id in types.ids() {
            if class[id.index()] != id {
                continue;
            }
            let Some(fixed) = &fixed[id.index()] else { continue };
            let mut signature = fixed.usage.clone();
            for (text, ty) in &fixed.fields {
                signature.push_str(text);
                signature.push_str(&type_signature(ty, &class));
                signature.push('\u{2}');
            }
            match seen.get(&signature) {
                Some(&first) => {
                    class[id.index()] = first;
                    changed = true;
                }
                None => {
                    seen.insert(signature, id);
                }
            }
        }
        if !changed {
            break;
        }
    }
    for id in types.ids() {
        let representative = class[id.index()];
        if candidate[id.index()] && representative != id {
            types[id].shape = Shape::Alias(Type::Named(representative));
        }
    }
}

/// What a struct's signature is written from, apart from its field types'
/// representatives: its usage and required sets, and each field's other
/// parts with its type.
struct StructSignature<'a> {
    usage: String,
    fields: Vec<(String, &'a Type)>,
}

/// A type written with each named type replaced by its representative.
fn type_signature(ty: &Type, class: &[TypeId]) -> String {
    match ty {
        Type::Named(id) => format!("#{}", class.get(id.index()).copied().unwrap_or(*id).index()),
        Type::Vec(inner) => format!("[{}]", type_signature(inner, class)),
        Type::Map(inner) => format!("{{{}}}", type_signature(inner, class)),
        Type::Option(inner) => format!("?{}", type_signature(inner, class)),
        other => format!("{other:?}"),
    }
}

mod sizes;

#[cfg(test)]
mod tests;
