//! Tests of the whole-model passes on drafts built by hand.

use super::*;
use crate::diag::Pointer;
use crate::lower::assemble;
use crate::lower::draft::{
    CaseDraft, FieldDraft, ResponsesDraft, StructDraft, TypeDraft, UnionDraft, VariantDraft,
};
use crate::model::{
    BodyKind, Docs, Enum, EnumVariant, FieldWire, Gate, OutcomeType, RequestBody, StatusMatch, Types,
};
use crate::naming::{camel_ident, snake, type_ident};

/// Where an inline schema of the test's operation is written.
fn inline(name: &str) -> Pointer {
    Pointer::parse("#/paths/~1things/post/requestBody/content/application~1json/schema/properties").push(name)
}

fn component(name: &str) -> Pointer {
    Pointer::root().push("components").push("schemas").push(name)
}

fn def(name: &str, pointer: Pointer, shape: Shape) -> TypeDraft {
    TypeDraft { name: type_ident(name.to_owned()), docs: Docs::default(), pointer, shape }
}

fn field(name: &str, ty: Type) -> FieldDraft {
    FieldDraft {
        name: snake(name, "field"),
        wire: FieldWire::Key(name.to_owned()),
        ty,
        presence: Presence::Required,
        whitespace: Whitespace::Kept,
        constraints: Constraints::default(),
        docs: Docs::default(),
        default: None,
        required_in: None,
    }
}

fn structure(fields: Vec<FieldDraft>) -> Shape {
    Shape::Struct(StructDraft { fields, required_sets: Vec::new() })
}

fn strings(values: &[&str]) -> Shape {
    let variants = values
        .iter()
        .map(|v| EnumVariant { name: camel_ident(v, "Value"), value: EnumValue::Str((*v).to_owned()) })
        .collect();
    Shape::Enum(Enum { variants, repr: EnumRepr::String })
}

/// An operation that sends `request` and answers with `response`.
fn operation(request: Option<Type>, response: Option<Type>) -> OperationDraft {
    let case = response.map(|ty| CaseDraft {
        status: StatusMatch::Code(200),
        body: BodyKind::Json(ty.clone()),
        variant: None,
        docs: Docs::default(),
        headers: Vec::new(),
    });
    let success_type = OutcomeType::Single(case.as_ref().map_or(BodyKind::Empty, |c| c.body.clone()));
    OperationDraft {
        name: snake("op", "op"),
        method: crate::model::Method::Post,
        path: "/things".to_owned(),
        path_parts: Vec::new(),
        path_params: Vec::new(),
        params: Vec::new(),
        params_type: None,
        body: request.map(|ty| RequestBody {
            ty,
            encoding: crate::model::BodyEncoding::Json("application/json".to_owned()),
            required: true,
            docs: Docs::default(),
        }),
        responses: ResponsesDraft {
            success: case.into_iter().collect(),
            errors: Vec::new(),
            success_type,
            error_type: OutcomeType::Single(BodyKind::Empty),
            accept: None,
        },
        stream: None,
        security: Vec::new(),
        scopes: Vec::new(),
        idempotency_header: None,
        docs: Docs::default(),
        tags: Vec::new(),
        pointer: Pointer::parse("#/paths/~1things/post"),
    }
}

/// The model's types of `types`, finished for `operations` as lower finishes them.
fn finished(mut types: Drafts, operations: &[OperationDraft]) -> Types {
    let layout = finish(&mut types, operations, &[]);
    let gates = vec![(Gate::Always, Gate::Always); types.len()];
    assemble::types(types, &layout, &gates)
}

/// The storage of each value of the type `id` (its fields, variants or items).
fn storages(boxes: &Boxes, types: &Drafts, id: TypeId) -> Vec<Storage> {
    let count = match &types[id].shape {
        Shape::Struct(s) => s.fields.len(),
        Shape::Union(u) => u.variants.len(),
        other => panic!("{other:?}"),
    };
    (0..count).map(|position| boxes.storage(id, position)).collect()
}

/// The storage of each field of a struct (or variant of a union) of the model.
fn model_storages(types: &Types, id: TypeId) -> Vec<Storage> {
    match &types[id].kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.storage).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| v.storage).collect(),
        other => panic!("{other:?}"),
    }
}

fn named(id: TypeId) -> Type {
    Type::Named(id)
}

/// Adds `extra` to the fields of the struct `id`.
fn add_fields(types: &mut Drafts, id: TypeId, extra: Vec<FieldDraft>) {
    if let Shape::Struct(s) = &mut types[id].shape {
        s.fields.extend(extra);
    }
}

#[test]
fn strongly_connected_components_group_each_cycle() {
    // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0; 5 refers to 0 only through a Vec.
    let mut types = Drafts::default();
    let ids: Vec<TypeId> =
        (0..6).map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new())))).collect();
    let links = [(0, 1), (1, 2), (2, 0), (3, 3), (4, 0)];
    for (from, to) in links {
        add_fields(&mut types, ids[from], vec![field(&format!("f{to}"), named(ids[to]))]);
    }
    add_fields(&mut types, ids[5], vec![field("list", Type::Vec(Box::new(named(ids[0]))))]);
    let component = components(&types);
    assert_eq!(component[0], component[1]);
    assert_eq!(component[1], component[2]);
    let distinct = [component[0], component[3], component[4], component[5]];
    for (i, a) in distinct.iter().enumerate() {
        assert!(distinct[i + 1..].iter().all(|b| a != b), "{component:?}");
    }
}

#[test]
fn references_that_close_a_cycle_are_boxed_and_no_others() {
    let mut types = Drafts::default();
    let a = types.push(def("A", component("A"), structure(Vec::new())));
    let b = types.push(def("B", component("B"), structure(Vec::new())));
    let c = types.push(def("C", component("C"), structure(vec![field("a", named(a))])));
    let node = types.push(def("Node", component("Node"), structure(Vec::new())));
    let tree = types.push(def("Tree", component("Tree"), structure(Vec::new())));
    let shape = types.push(def(
        "Shape",
        component("Shape"),
        union(vec![("Tree", named(tree)), ("Text", Type::String)]),
    ));
    types[a].shape = structure(vec![field("b", named(b))]);
    types[b].shape = structure(vec![
        field("a", Type::Option(Box::new(named(a)))),
        field("many", Type::Vec(Box::new(named(a)))),
        field("by_name", Type::Map(Box::new(named(a)))),
    ]);
    types[node].shape =
        structure(vec![field("next", Type::Option(Box::new(named(node)))), field("text", Type::String)]);
    types[tree].shape = structure(vec![field("shape", named(shape))]);
    let boxes = mark_boxes(&types);
    assert_eq!(storages(&boxes, &types, a), [Storage::Boxed]);
    assert_eq!(storages(&boxes, &types, b), [Storage::Boxed, Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&boxes, &types, c), [Storage::Inline]);
    assert_eq!(storages(&boxes, &types, node), [Storage::Boxed, Storage::Inline]);
    assert_eq!(storages(&boxes, &types, tree), [Storage::Boxed]);
    assert_eq!(storages(&boxes, &types, shape), [Storage::Boxed, Storage::Inline]);
    // The model's types hold their values as decided.
    let model = finished(types, &[]);
    assert_eq!(model_storages(&model, b), [Storage::Boxed, Storage::Inline, Storage::Inline]);
    assert_eq!(model_storages(&model, shape), [Storage::Boxed, Storage::Inline]);
}

#[test]
fn a_cycle_through_every_type_of_a_large_spec_is_boxed_without_recursion() {
    let count = 50_000;
    let mut types = Drafts::default();
    let ids: Vec<TypeId> = (0..count)
        .map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new()))))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        types[*id].shape = structure(vec![field("next", named(ids[(i + 1) % count]))]);
    }
    // On a small stack: a recursive walk of 50,000 types would overflow it.
    let (types, boxes) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let boxes = mark_boxes(&types);
            (types, boxes)
        })
        .and_then(|thread| thread.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(types.ids().all(|id| storages(&boxes, &types, id) == [Storage::Boxed]));
}

#[test]
fn usage_follows_what_requests_and_responses_reach() {
    let mut types = Drafts::default();
    let sent = types.push(def("Sent", component("Sent"), structure(vec![field("x", Type::String)])));
    let read = types.push(def("Read", component("Read"), structure(vec![field("x", Type::String)])));
    let both = types.push(def("Both", component("Both"), structure(vec![field("x", Type::String)])));
    let inner = types.push(def("Inner", component("Inner"), structure(vec![field("x", Type::String)])));
    let unused = types.push(def("Webhook", component("Webhook"), structure(vec![field("inner", named(inner))])));
    let request = types.push(def(
        "Request",
        component("Request"),
        structure(vec![field("sent", named(sent)), field("both", named(both))]),
    ));
    let response = types.push(def(
        "Response",
        component("Response"),
        structure(vec![field("read", named(read)), field("both", named(both))]),
    ));
    let usage = mark_usage(&types, &[operation(Some(named(request)), Some(named(response)))], &[]);
    let usage = |id: TypeId| usage[id.index()];
    assert_eq!(usage(sent), Usage::Request);
    assert_eq!(usage(read), Usage::Response);
    assert_eq!(usage(both), Usage::Both);
    assert_eq!(usage(unused), Usage::Response);
    assert_eq!(usage(inner), Usage::Response);
}

#[test]
fn identical_inline_enums_of_the_same_use_share_one_definition() {
    let mut types = Drafts::default();
    let first = types.push(def("IssueState", inline("a"), strings(&["open", "closed"])));
    let second = types.push(def("PullState", inline("b"), strings(&["open", "closed"])));
    let other = types.push(def("Other", inline("c"), strings(&["open", "merged"])));
    let sent = types.push(def("SentState", inline("d"), strings(&["open", "closed"])));
    let listed = types.push(def("State", component("State"), strings(&["open", "closed"])));
    let response = types.push(def(
        "Response",
        component("Response"),
        structure(vec![
            field("a", named(first)),
            field("b", named(second)),
            field("c", named(other)),
            field("e", named(listed)),
        ]),
    ));
    let request = types.push(def("Request", component("Request"), structure(vec![field("d", named(sent))])));
    let model = finished(types, &[operation(Some(named(request)), Some(named(response)))]);
    let alias_of = |id: TypeId| match &model[id].kind {
        TypeKind::Alias(Type::Named(target)) => Some(*target),
        _ => None,
    };
    assert_eq!(alias_of(first), None);
    assert_eq!(alias_of(second), Some(first));
    assert_eq!(alias_of(other), None, "other values");
    assert_eq!(alias_of(sent), None, "requests only: no `Unknown` variant");
    assert_eq!(alias_of(listed), None, "a component keeps its definition");
}

#[test]
fn identical_inline_structs_share_one_definition_bottom_up() {
    let mut types = Drafts::default();
    let inner1 = types.push(def("AOwner", inline("a1"), structure(vec![field("login", Type::String)])));
    let inner2 = types.push(def("BOwner", inline("b1"), structure(vec![field("login", Type::String)])));
    let outer1 = types.push(def("A", inline("a"), structure(vec![field("owner", named(inner1))])));
    let outer2 = types.push(def("B", inline("b"), structure(vec![field("owner", named(inner2))])));
    let other =
        types.push(def("C", inline("c"), structure(vec![field("owner", named(inner1)), field("x", Type::Bool)])));
    let listed = types.push(def("Owner", component("Owner"), structure(vec![field("login", Type::String)])));
    let response = types.push(def(
        "Response",
        component("Response"),
        structure(vec![
            field("a", named(outer1)),
            field("b", named(outer2)),
            field("c", named(other)),
            field("d", named(listed)),
        ]),
    ));
    let model = finished(types, &[operation(None, Some(named(response)))]);
    let alias_of = |id: TypeId| match &model[id].kind {
        TypeKind::Alias(Type::Named(target)) => Some(*target),
        _ => None,
    };
    assert_eq!(alias_of(inner2), Some(inner1));
    assert_eq!(alias_of(outer2), Some(outer1), "identical once their fields' types are");
    assert_eq!(alias_of(other), None);
    assert_eq!(alias_of(listed), None, "a component keeps its definition");
}

#[test]
fn a_type_is_validated_exactly_when_something_in_it_is_checked() {
    let length = Constraints { max_length: Some(36), ..Constraints::default() };
    let mut types = Drafts::default();
    let unchecked = types.push(def(
        "Stamp",
        component("Stamp"),
        structure(vec![
            FieldDraft { constraints: length.clone(), ..field("id", Type::Uuid) },
            FieldDraft { constraints: length.clone(), ..field("at", Type::DateTime) },
        ]),
    ));
    let checked = types.push(def(
        "Named",
        component("Named"),
        structure(vec![FieldDraft { constraints: length.clone(), ..field("name", Type::String) }]),
    ));
    let state = types.push(def("State", component("State"), strings(&["on", "off"])));
    let sent_state = types.push(def("Mode", component("Mode"), strings(&["a", "b"])));
    let holder = types.push(def(
        "Holder",
        component("Holder"),
        structure(vec![field("stamp", named(unchecked)), field("named", Type::Vec(Box::new(named(checked))))]),
    ));
    let request = types.push(def(
        "Request",
        component("Request"),
        structure(vec![
            field("holder", named(holder)),
            field("state", named(state)),
            field("mode", named(sent_state)),
            field("stamp", named(unchecked)),
        ]),
    ));
    let model = finished(types, &[operation(Some(named(request)), Some(named(state)))]);
    let validated = |id: TypeId| model[id].is_validated();
    assert!(!validated(unchecked), "a length on a UUID or a date-time checks nothing");
    assert!(validated(checked));
    assert!(validated(holder), "through its list of checked items");
    assert!(validated(state), "an open enum sent in a request");
    assert!(!validated(sent_state), "a closed enum needs no check");
    assert!(validated(request));
    assert!(model.checks(&named(unchecked), &Constraints::default(), Whitespace::Kept).is_empty());
}

fn union(variants: Vec<(&str, Type)>) -> Shape {
    Shape::Union(UnionDraft {
        variants: variants
            .into_iter()
            .map(|(name, ty)| VariantDraft { name: camel_ident(name, "V"), ty, tags: Vec::new() })
            .collect(),
        discriminator: None,
        empty: None,
    })
}

/// The values `sizes` boxes in `types`, each of the given usage (responses, by default).
fn sized(types: &Drafts, usage: &[(TypeId, Usage)]) -> Boxes {
    let mut all = vec![Usage::Response; types.len()];
    for (id, used) in usage {
        all[id.index()] = *used;
    }
    let mut boxes = Boxes::default();
    sizes::box_large_variants(types, &all, &mut boxes);
    boxes
}

/// A struct of `count` string fields: 24 bytes each.
fn strings_struct(count: usize) -> Shape {
    structure((0..count).map(|i| field(&format!("f{i}"), Type::String)).collect())
}

#[test]
fn a_union_variant_far_larger_than_the_others_is_boxed() {
    let mut types = Drafts::default();
    let large = types.push(def("Large", component("Large"), strings_struct(12))); // 288 bytes
    let middle = types.push(def("Middle", component("Middle"), strings_struct(6))); // 144 bytes
    let lopsided =
        types.push(def("Lopsided", component("Lopsided"), union(vec![("Id", Type::String), ("Large", named(large))])));
    let even =
        types.push(def("Even", component("Even"), union(vec![("Middle", named(middle)), ("Large", named(large))])));
    let close =
        types.push(def("Close", component("Close"), union(vec![("Id", Type::String), ("Middle", named(middle))])));
    // The holder's size counts the boxed variant as a pointer: its own
    // variants are then close, and nothing of it is boxed.
    let holder = types.push(def(
        "Holder",
        component("Holder"),
        union(vec![("Id", Type::String), ("Lopsided", named(lopsided))]),
    ));
    let boxes = sized(&types, &[]);
    assert_eq!(storages(&boxes, &types, lopsided), [Storage::Inline, Storage::Boxed]);
    assert_eq!(storages(&boxes, &types, even), [Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&boxes, &types, close), [Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&boxes, &types, holder), [Storage::Inline, Storage::Inline]);
}

#[test]
fn several_large_variants_are_boxed_until_the_largest_is_close_to_the_next() {
    let mut types = Drafts::default();
    let large = types.push(def("Large", component("Large"), strings_struct(12)));
    let larger = types.push(def("Larger", component("Larger"), strings_struct(24)));
    let mixed = types.push(def(
        "Mixed",
        component("Mixed"),
        union(vec![("Flag", Type::Bool), ("Larger", named(larger)), ("Large", named(large))]),
    ));
    let boxes = sized(&types, &[]);
    assert_eq!(storages(&boxes, &types, mixed), [Storage::Inline, Storage::Boxed, Storage::Boxed]);
}

#[test]
fn sizes_of_a_long_chain_of_types_are_found_without_recursion() {
    let count = 50_000;
    let mut types = Drafts::default();
    let ids: Vec<TypeId> = (0..count)
        .map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new()))))
        .collect();
    for pair in ids.windows(2) {
        types[pair[0]].shape = structure(vec![field("next", named(pair[1])), field("text", Type::String)]);
    }
    let first =
        types.push(def("First", component("First"), union(vec![("Flag", Type::Bool), ("Chain", named(ids[0]))])));
    let (types, boxes) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let boxes = sized(&types, &[]);
            (types, boxes)
        })
        .and_then(|thread| thread.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(storages(&boxes, &types, first), [Storage::Inline, Storage::Boxed]);
}

#[test]
fn the_unknown_variant_of_an_open_union_counts_against_a_large_variant() {
    let mut types = Drafts::default();
    let large = types.push(def("Large", component("Large"), strings_struct(12)));
    let open = || {
        let mut open = union(vec![("Large", named(large))]);
        if let Shape::Union(u) = &mut open {
            u.discriminator = Some("type".to_owned());
        }
        open
    };
    let event = types.push(def("Event", component("Event"), open()));
    // The same union only sent is closed: one variant, nothing to compare.
    let sent = types.push(def("Sent", component("Sent"), open()));
    let boxes = sized(&types, &[(event, Usage::Response), (sent, Usage::Request)]);
    assert_eq!(storages(&boxes, &types, event), [Storage::Boxed]);
    assert_eq!(storages(&boxes, &types, sent), [Storage::Inline]);
}

#[test]
fn the_empty_string_variant_counts_against_a_large_variant() {
    let mut types = Drafts::default();
    let large = types.push(def("Large", component("Large"), strings_struct(12)));
    let mut unset = union(vec![("Large", named(large))]);
    if let Shape::Union(u) = &mut unset {
        u.empty = Some(crate::naming::camel_ident("Empty", "Empty"));
    }
    let unset = types.push(def("Unset", component("Unset"), unset));
    let boxes = sized(&types, &[(unset, Usage::Request)]);
    assert_eq!(storages(&boxes, &types, unset), [Storage::Boxed]);
}
