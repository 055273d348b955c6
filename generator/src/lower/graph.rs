//! Whole-model passes after every type exists: which types requests and
//! responses reach, which fields must be boxed to break reference cycles, and
//! which types need checking before a request is sent. All iterative, so a
//! large or deeply nested spec cannot overflow the stack.

use std::collections::HashMap;

use crate::model::{Api, BodyKind, EnumValue, Outcomes, Type, TypeId, TypeKind};

/// Named types a type refers to, with whether the reference is direct (stored
/// inline, so a cycle through it needs a box) or behind a `Vec`/map.
fn references(ty: &Type, direct: bool, out: &mut Vec<(TypeId, bool)>) {
    match ty {
        Type::Named(id) => out.push((*id, direct)),
        Type::Option(inner) => references(inner, direct, out),
        Type::Vec(inner) | Type::Map(inner) => references(inner, false, out),
        _ => {}
    }
}

fn edges(kind: &TypeKind) -> Vec<(TypeId, bool)> {
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
        TypeKind::Enum(_) => {}
    }
    out
}

fn body_type(kind: &BodyKind) -> Option<&Type> {
    match kind {
        BodyKind::Json(ty) => Some(ty),
        _ => None,
    }
}

/// Runs every pass.
pub fn finish(api: &mut Api) {
    mark_usage(api);
    share_identical_enums(api);
    share_identical_structs(api);
    mark_usage(api);
    mark_boxes(api);
    mark_validated(api);
}

fn mark_usage(api: &mut Api) {
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &api.operations {
        for param in op.path_params.iter().chain(&op.params) {
            references(&param.ty, true, &mut request_roots);
        }
        if let Some(id) = op.params_type {
            request_roots.push((id, true));
        }
        if let Some(body) = &op.body {
            references(&body.ty, true, &mut request_roots);
        }
        for case in op.responses.success.iter().chain(&op.responses.errors) {
            if let Some(ty) = body_type(&case.body) {
                references(ty, true, &mut response_roots);
            }
        }
        for outcome in [&op.responses.success_type, &op.responses.error_type] {
            if let Outcomes::Enum(id) = outcome {
                response_roots.push((*id, true));
            }
        }
    }
    let reach = |api: &Api, roots: Vec<(TypeId, bool)>| {
        let mut seen = vec![false; api.types.len()];
        let mut stack: Vec<TypeId> = roots.into_iter().map(|(id, _)| id).collect();
        while let Some(id) = stack.pop() {
            if id >= seen.len() || seen[id] {
                continue;
            }
            seen[id] = true;
            stack.extend(edges(&api.types[id].kind).into_iter().map(|(next, _)| next));
        }
        seen
    };
    let in_request = reach(api, request_roots);
    let mut in_response = reach(api, response_roots);
    // Types no operation uses (such as webhook payloads) are for callers to read:
    // they, and everything they contain, count as responses.
    let unused: Vec<(TypeId, bool)> =
        (0..api.types.len()).filter(|&id| !in_request[id] && !in_response[id]).map(|id| (id, true)).collect();
    for (id, read) in reach(api, unused).into_iter().enumerate() {
        in_response[id] |= read;
    }
    for (id, ty) in api.types.iter_mut().enumerate() {
        ty.in_request = in_request[id];
        ty.in_response = in_response[id];
    }
}

/// Strongly connected components over direct references (Tarjan's algorithm,
/// iterative). Returns each type's component number.
fn components(api: &Api) -> Vec<usize> {
    let n = api.types.len();
    let graph: Vec<Vec<TypeId>> = api
        .types
        .iter()
        .map(|t| {
            edges(&t.kind).into_iter().filter(|(_, direct)| *direct).map(|(id, _)| id).filter(|&id| id < n).collect()
        })
        .collect();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut stack: Vec<TypeId> = Vec::new();
    let mut next_index = 0usize;
    let mut next_component = 0usize;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // Each frame: node and position in its edge list.
        let mut frames: Vec<(TypeId, usize)> = vec![(start, 0)];
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

fn direct_target(ty: &Type) -> Option<TypeId> {
    match ty {
        Type::Named(id) => Some(*id),
        Type::Option(inner) => direct_target(inner),
        _ => None,
    }
}

fn mark_boxes(api: &mut Api) {
    let component = components(api);
    for id in 0..api.types.len() {
        let own = component[id];
        let same = |ty: &Type| direct_target(ty).is_some_and(|target| component.get(target) == Some(&own));
        match &mut api.types[id].kind {
            TypeKind::Struct(s) | TypeKind::Params(s) => {
                for field in &mut s.fields {
                    field.boxed = !field.flatten && same(&field.ty);
                }
            }
            TypeKind::Union(u) => {
                for variant in &mut u.variants {
                    variant.boxed = same(&variant.ty);
                }
            }
            _ => {}
        }
    }
}

/// A type needs validation when it can be in a request and it, or a type it
/// contains, has a checked constraint or an enum that accepts unknown values.
fn mark_validated(api: &mut Api) {
    loop {
        let mut changed = false;
        for id in 0..api.types.len() {
            if api.types[id].validated || !api.types[id].in_request {
                continue;
            }
            let needs = match &api.types[id].kind {
                TypeKind::Enum(_) => api.types[id].in_response,
                TypeKind::Struct(s) | TypeKind::Params(s) => {
                    s.fields.iter().any(|f| f.constraints.is_checked() || contains_validated(api, &f.ty))
                }
                TypeKind::Union(u) => {
                    // A tagged union read from responses has an `Unknown` variant that requests must not send.
                    (api.types[id].in_response && u.discriminator.is_some())
                        || u.variants.iter().any(|v| contains_validated(api, &v.ty))
                }
                TypeKind::Alias(ty) => contains_validated(api, ty),
                TypeKind::Outcome(_) => false,
            };
            if needs {
                api.types[id].validated = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Whether a type holds a named type that needs validation.
pub fn contains_validated(api: &Api, ty: &Type) -> bool {
    match ty {
        Type::Named(id) => api.types.get(*id).is_some_and(|t| t.validated),
        Type::Option(inner) | Type::Vec(inner) | Type::Map(inner) => contains_validated(api, inner),
        _ => false,
    }
}

/// Inline enums with the same values and the same use (the `state: open/closed`
/// that a large spec repeats in hundreds of places) share one definition: the
/// first keeps its name and the others become aliases of it. Enums used by
/// requests only stay apart from those responses use, so requests keep a type
/// without an `Unknown` variant. Component enums keep their own definitions.
fn share_identical_enums(api: &mut Api) {
    type Key = (bool, bool, bool, Vec<EnumValue>);
    let mut first: HashMap<Key, TypeId> = HashMap::new();
    for id in 0..api.types.len() {
        let def = &api.types[id];
        let TypeKind::Enum(e) = &def.kind else { continue };
        if is_component(&def.pointer) {
            continue;
        }
        let key = (
            e.integer,
            def.in_request,
            def.in_response,
            e.variants.iter().map(|v| v.value.clone()).collect::<Vec<_>>(),
        );
        match first.get(&key) {
            Some(&canonical) => api.types[id].kind = TypeKind::Alias(Type::Named(canonical)),
            None => {
                first.insert(key, id);
            }
        }
    }
}

/// Whether a pointer is exactly `#/components/schemas/<name>`.
fn is_component(pointer: &str) -> bool {
    pointer.strip_prefix("#/components/schemas/").is_some_and(|name| !name.contains('/'))
}

/// Inline object schemas that are written out identically in many places (a
/// large spec repeats the same small object in hundreds of responses) share one
/// struct: the first keeps its name and the others become aliases of it. Two
/// structs are identical when their fields have the same wire names, Rust
/// names, requiredness, constraints and types, where field types count as the
/// same once they have been found identical; the search runs bottom-up until
/// nothing more merges. Component schemas keep their own structs, and structs
/// of different use (requests only, responses only, both) stay apart.
fn share_identical_structs(api: &mut Api) {
    let count = api.types.len();
    let candidate: Vec<bool> =
        api.types.iter().map(|t| matches!(t.kind, TypeKind::Struct(_)) && !is_component(&t.pointer)).collect();
    // Each type's representative: itself until it is found identical to an earlier
    // one; an alias (such as a shared enum) is represented by what it names.
    let mut class: Vec<TypeId> = (0..count).collect();
    for (id, slot) in class.iter_mut().enumerate() {
        let mut target = id;
        for _ in 0..count.min(64) {
            match &api.types[target].kind {
                TypeKind::Alias(Type::Named(next)) if *next < count => target = *next,
                _ => break,
            }
        }
        *slot = target;
    }
    loop {
        let mut seen: HashMap<String, TypeId> = HashMap::new();
        let mut changed = false;
        for id in 0..count {
            if !candidate[id] || class[id] != id {
                continue;
            }
            let TypeKind::Struct(s) = &api.types[id].kind else { continue };
            let def = &api.types[id];
            let mut signature = format!("{}{}|", u8::from(def.in_request), u8::from(def.in_response));
            for field in &s.fields {
                signature.push_str(&format!(
                    "{}\u{1}{}\u{1}{}{}{}{}\u{1}{:?}\u{1}{:?}\u{1}{}\u{2}",
                    field.wire_name,
                    field.name,
                    u8::from(field.required),
                    u8::from(field.nullable),
                    u8::from(field.flatten),
                    u8::from(field.trimmed),
                    field.constraints,
                    field.default,
                    type_signature(&field.ty, &class),
                ));
            }
            match seen.get(&signature) {
                Some(&first) => {
                    class[id] = first;
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
    for (id, &representative) in class.iter().enumerate() {
        if candidate[id] && representative != id {
            api.types[id].kind = TypeKind::Alias(Type::Named(representative));
        }
    }
}

/// A type written with each named type replaced by its representative.
fn type_signature(ty: &Type, class: &[TypeId]) -> String {
    match ty {
        Type::Named(id) => format!("#{}", class.get(*id).copied().unwrap_or(*id)),
        Type::Vec(inner) => format!("[{}]", type_signature(inner, class)),
        Type::Map(inner) => format!("{{{}}}", type_signature(inner, class)),
        Type::Option(inner) => format!("?{}", type_signature(inner, class)),
        other => format!("{other:?}"),
    }
}

/// The spec's response and request-body examples, checked against the types
/// they document: a value an enum does not list would otherwise decode quietly
/// as `Unknown`. Returns a pointer and a message for each disagreement.
pub fn check_examples(api: &Api) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for op in &api.operations {
        for case in op.responses.success.iter().chain(&op.responses.errors) {
            if let (BodyKind::Json(ty), Some(example)) = (&case.body, &case.docs.example) {
                let key = match case.status {
                    crate::model::StatusMatch::Code(code) => code.to_string(),
                    crate::model::StatusMatch::Range(digit) => format!("{digit}XX"),
                    crate::model::StatusMatch::Default => "default".to_owned(),
                };
                let mut problems = Vec::new();
                example_problems(api, ty, example, "", 0, &mut problems);
                let pointer = format!("{}/responses/{key}", op.pointer);
                found.extend(problems.into_iter().map(|p| (pointer.clone(), format!("the example {p}"))));
            }
        }
        if let Some(body) = &op.body {
            if let Some(example) = &body.docs.example {
                let mut problems = Vec::new();
                example_problems(api, &body.ty, example, "", 0, &mut problems);
                let pointer = format!("{}/requestBody", op.pointer);
                found.extend(problems.into_iter().map(|p| (pointer.clone(), format!("the example {p}"))));
            }
        }
    }
    found
}

/// Enum values of `value` that the types of `ty` do not list (bounded depth).
fn example_problems(api: &Api, ty: &Type, value: &serde_json::Value, at: &str, depth: usize, out: &mut Vec<String>) {
    use serde_json::Value;
    if depth > 32 || out.len() >= 8 {
        return;
    }
    match (ty, value) {
        (Type::Option(inner), v) if !v.is_null() => example_problems(api, inner, v, at, depth + 1, out),
        (Type::Vec(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                example_problems(api, inner, item, &format!("{at}/{i}"), depth + 1, out);
            }
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                example_problems(api, inner, item, &format!("{at}/{key}"), depth + 1, out);
            }
        }
        (Type::Named(id), v) => match api.types.get(api.resolve(*id)).map(|t| &t.kind) {
            Some(TypeKind::Enum(e)) => {
                let listed = e.variants.iter().any(|variant| match (&variant.value, v) {
                    (EnumValue::Str(s), Value::String(t)) => s == t,
                    (EnumValue::Int(n), Value::Number(m)) => m.as_i64() == Some(*n),
                    _ => false,
                });
                if !listed && !v.is_null() {
                    let place = if at.is_empty() { String::new() } else { format!(" at `{at}`") };
                    out.push(format!("has {v}{place}, which the enum does not list"));
                }
            }
            Some(TypeKind::Struct(s)) => {
                if let Value::Object(map) = v {
                    for field in s.fields.iter().filter(|f| !f.flatten) {
                        if let Some(item) = map.get(&field.wire_name) {
                            if !(field.nullable && item.is_null()) {
                                example_problems(
                                    api,
                                    &field.ty,
                                    item,
                                    &format!("{at}/{}", field.wire_name),
                                    depth + 1,
                                    out,
                                );
                            }
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
}
