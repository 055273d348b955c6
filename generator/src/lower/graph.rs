//! Whole-model passes after every type exists: which types requests and
//! responses reach, which identical inline types share one definition, which
//! fields must be boxed to break reference cycles, and which types need
//! checking before a request is sent. All iterative, so a large or deeply
//! nested spec cannot overflow the stack.

use std::collections::HashMap;

use crate::model::{
    Api, BodyKind, Constraints, EnumRepr, EnumValue, EventData, OutcomeType, Presence, Storage, StreamKind, Type,
    TypeId, TypeKind, Usage, Validation, Whitespace,
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
pub(super) fn edges(kind: &TypeKind) -> Vec<Edge> {
    let mut out = Vec::new();
    match kind {
        TypeKind::Struct(s) | TypeKind::Params(s) => {
            for field in &s.fields {
                references(&field.ty, true, &mut out);
            }
        }
        TypeKind::Union(u) => {
            for variant in &u.variants {
                references(&variant.ty, true, &mut out);
            }
        }
        TypeKind::Alias(ty) => references(ty, true, &mut out),
        TypeKind::Outcome(o) => {
            for variant in &o.variants {
                if let Some(ty) = &variant.body {
                    references(ty, true, &mut out);
                }
            }
        }
        TypeKind::Tuple(t) => {
            for item in &t.items {
                references(&item.ty, true, &mut out);
            }
        }
        TypeKind::Enum(_) => {}
    }
    out
}

/// Runs every pass.
pub fn finish(api: &mut Api) {
    mark_usage(api);
    share_identical_enums(api);
    share_identical_structs(api);
    mark_usage(api);
    require_one_way_fields(api);
    mark_boxes(api);
    sizes::box_large_variants(api);
    mark_validated(api);
}

/// The types reachable from `roots` (a table indexed by type).
fn reach(api: &Api, roots: Vec<TypeId>) -> Vec<bool> {
    let mut seen = vec![false; api.types.len()];
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        match seen.get_mut(id.index()) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        stack.extend(edges(&api.types[id].kind).into_iter().map(|edge| edge.to));
    }
    seen
}

fn mark_usage(api: &mut Api) {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &api.operations {
        for param in op.path_params.iter().chain(&op.params) {
            references(&param.ty, true, &mut request_roots);
        }
        if let Some(id) = op.params_type {
            request_roots.push(Edge { to: id, direct: true });
        }
        if let Some(body) = &op.body {
            references(&body.ty, true, &mut request_roots);
        }
        for case in op.responses.success.iter().chain(&op.responses.errors) {
            if let BodyKind::Json(ty) | BodyKind::Events(EventData::Json(ty) | EventData::Keyed(ty)) = &case.body {
                references(ty, true, &mut response_roots);
            }
        }
        // The events of a stream method are read from responses too.
        if let Some(StreamKind::Events { data: EventData::Json(ty) | EventData::Keyed(ty), .. }) =
            op.stream.as_ref().map(|stream| &stream.kind)
        {
            references(ty, true, &mut response_roots);
        }
        for outcome in [&op.responses.success_type, &op.responses.error_type] {
            if let OutcomeType::Enum(id) = outcome {
                response_roots.push(Edge { to: *id, direct: true });
            }
        }
    }
    // Webhook payloads come from the API, as responses do.
    for payload in api.webhooks.iter().filter_map(|webhook| webhook.payload.as_ref()) {
        references(payload, true, &mut response_roots);
    }
    let in_request = reach(api, request_roots.into_iter().map(|edge| edge.to).collect());
    let mut in_response = reach(api, response_roots.into_iter().map(|edge| edge.to).collect());
    // Types no operation uses (such as webhook payloads) are for callers to read:
    // they, and everything they contain, count as responses.
    let unused: Vec<TypeId> =
        api.types.ids().filter(|id| !in_request[id.index()] && !in_response[id.index()]).collect();
    for (index, read) in reach(api, unused).into_iter().enumerate() {
        in_response[index] |= read;
    }
    for (index, def) in api.types.iter_mut().enumerate() {
        def.usage = Usage::reached(in_request[index], in_response[index]);
    }
}

/// A `required` property that is `readOnly` (or `writeOnly`) is required in a
/// type that only responses carry (only requests send): Jira's `writeOnly`
/// `name` of a screen scheme must be sent.
fn require_one_way_fields(api: &mut Api) {
    for def in api.types.iter_mut() {
        let usage = def.usage;
        if let TypeKind::Struct(s) = &mut def.kind {
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
fn components(api: &Api) -> Vec<usize> {
    let n = api.types.len();
    let graph: Vec<Vec<usize>> = api
        .types
        .iter()
        .map(|t| {
            edges(&t.kind)
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

/// Boxes every field and variant that stores inline a type of its own
/// reference cycle, so every type has a finite size.
fn mark_boxes(api: &mut Api) {
    let component = components(api);
    for (index, def) in api.types.iter_mut().enumerate() {
        let own = component[index];
        let storage = |ty: &Type| {
            let cyclic = direct_target(ty).is_some_and(|target| component.get(target.index()) == Some(&own));
            if cyclic { Storage::Boxed } else { Storage::Inline }
        };
        match &mut def.kind {
            TypeKind::Struct(s) | TypeKind::Params(s) => {
                for field in &mut s.fields {
                    field.storage = if field.is_flattened() { Storage::Inline } else { storage(&field.ty) };
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    variant.storage = storage(&variant.ty);
                }
            }
            TypeKind::Tuple(t) => {
                for item in &mut t.items {
                    item.storage = storage(&item.ty);
                }
            }
            _ => {}
        }
    }
}

/// A type needs validation when it can be in a request and it, or a type it
/// contains, has a check ([`Api::checks`]): a checked constraint, an enum
/// that accepts unknown values, or fields that must be present together
/// ([`Struct::checked_required_sets`](crate::model::Struct::checked_required_sets)).
fn mark_validated(api: &mut Api) {
    let no_constraints = Constraints::default();
    loop {
        let mut changed = false;
        for id in api.types.ids() {
            let def = &api.types[id];
            if def.is_validated() || !def.in_request() {
                continue;
            }
            let needs = match &def.kind {
                TypeKind::Enum(_) => def.in_response(),
                TypeKind::Struct(s) | TypeKind::Params(s) => {
                    !s.checked_required_sets().is_empty()
                        || s.fields.iter().any(|f| !api.checks(&f.ty, &f.constraints, f.whitespace).is_empty())
                }
                TypeKind::Union(u) => {
                    // A tagged union read from responses has an `Unknown` variant that requests must not send.
                    (def.in_response() && u.discriminator.is_some())
                        || u.variants.iter().any(|v| !api.checks(&v.ty, &no_constraints, Whitespace::Kept).is_empty())
                }
                TypeKind::Alias(ty) => !api.checks(ty, &no_constraints, Whitespace::Kept).is_empty(),
                TypeKind::Tuple(t) => {
                    t.items.iter().any(|item| !api.checks(&item.ty, &no_constraints, Whitespace::Kept).is_empty())
                }
                TypeKind::Outcome(_) => false,
            };
            if needs {
                api.types[id].validation = Validation::Checked;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Inline enums with the same values and the same use (the `state: open/closed`
/// that a large spec repeats in hundreds of places) share one definition: the
/// first keeps its name and the others become aliases of it. Enums used by
/// requests only stay apart from those responses use, so requests keep a type
/// without an `Unknown` variant. Component enums keep their own definitions.
fn share_identical_enums(api: &mut Api) {
    let mut first: HashMap<(EnumRepr, Usage, Vec<EnumValue>), TypeId> = HashMap::new();
    for id in api.types.ids() {
        let def = &api.types[id];
        let TypeKind::Enum(e) = &def.kind else { continue };
        if def.pointer.component("schemas").is_some() {
            continue;
        }
        let key = (e.repr, def.usage, e.variants.iter().map(|v| v.value.clone()).collect::<Vec<_>>());
        match first.get(&key) {
            Some(&canonical) => api.types[id].kind = TypeKind::Alias(Type::Named(canonical)),
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
fn share_identical_structs(api: &mut Api) {
    let candidate: Vec<bool> = api
        .types
        .iter()
        .map(|t| matches!(t.kind, TypeKind::Struct(_)) && t.pointer.component("schemas").is_none())
        .collect();
    // Each type's representative: itself until it is found identical to an earlier
    // one; an alias (such as a shared enum) is represented by what it names.
    let mut class: Vec<TypeId> = api.types.ids().map(|id| api.resolve(id)).collect();
    // What does not change from one round to the next is written once: the
    // usage and each field's wire name, Rust name, presence, constraints and
    // default; only the field types' representatives do.
    let fixed: Vec<Option<StructSignature>> = api
        .types
        .ids()
        .map(|id| {
            let def = &api.types[id];
            let TypeKind::Struct(s) = &def.kind else { return None };
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
            Some(StructSignature { usage: format!("{:?}|{:?}|", def.usage, s.required_sets), fields })
        })
        .collect();
    loop {
        let mut seen: HashMap<String, TypeId> = HashMap::new();
        let mut changed = false;
        for id in api.types.ids() {
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
    for id in api.types.ids() {
        let representative = class[id.index()];
        if candidate[id.index()] && representative != id {
            api.types[id].kind = TypeKind::Alias(Type::Named(representative));
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
