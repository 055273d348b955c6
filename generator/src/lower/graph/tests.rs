//! Tests of the whole-model passes on models built by hand.

use super::*;
use crate::diag::Pointer;
use crate::model::{
    Docs, Enum, EnumVariant, Field, FieldWire, Gate, Operation, Presence, RequestBody, ResponseCase, Responses,
    StatusMatch, Struct, TypeDef, Types, Union, UnionVariant,
};
use crate::naming::{camel_ident, snake, type_ident};

/// Where an inline schema of the test's operation is written.
fn inline(name: &str) -> Pointer {
    Pointer::parse("#/paths/~1things/post/requestBody/content/application~1json/schema/properties").push(name)
}

fn component(name: &str) -> Pointer {
    Pointer::root().push("components").push("schemas").push(name)
}

fn def(name: &str, pointer: Pointer, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: type_ident(name.to_owned()),
        docs: Docs::default(),
        pointer,
        kind,
        usage: Usage::default(),
        validation: Validation::default(),
        gate: Gate::Always,
        checks_gate: Gate::Always,
    }
}

fn field(name: &str, ty: Type) -> Field {
    Field {
        name: snake(name, "field"),
        wire: FieldWire::Key(name.to_owned()),
        ty,
        presence: Presence::Required,
        storage: Storage::Inline,
        whitespace: Whitespace::Kept,
        constraints: Constraints::default(),
        docs: Docs::default(),
        default: None,
        required_in: None,
    }
}

fn structure(fields: Vec<Field>) -> TypeKind {
    TypeKind::Struct(Struct { fields, required_sets: Vec::new() })
}

fn strings(values: &[&str]) -> TypeKind {
    let variants = values
        .iter()
        .map(|v| EnumVariant { name: camel_ident(v, "Value"), value: EnumValue::Str((*v).to_owned()) })
        .collect();
    TypeKind::Enum(Enum { variants, repr: EnumRepr::String })
}

/// An operation that sends `request` and answers with `response`.
fn operation(request: Option<Type>, response: Option<Type>) -> Operation {
    let case = response.map(|ty| ResponseCase {
        status: StatusMatch::Code(200),
        body: BodyKind::Json(ty.clone()),
        variant: None,
        docs: Docs::default(),
        example_decodes: true,
        headers: Vec::new(),
    });
    let success_type = OutcomeType::Single(case.as_ref().map_or(BodyKind::Empty, |c| c.body.clone()));
    Operation {
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
        responses: Responses {
            success: case.into_iter().collect(),
            errors: Vec::new(),
            success_type,
            error_type: OutcomeType::Single(BodyKind::Empty),
            accept: None,
        },
        stream: None,
        security: Vec::new(),
        docs: Docs::default(),
        tags: Vec::new(),
        pointer: Pointer::parse("#/paths/~1things/post"),
        pagination: None,
        gate: Gate::Always,
    }
}

fn api(types: Types, operations: Vec<Operation>) -> Api {
    Api {
        crate_name: "test".to_owned(),
        crate_version: "0.1.0".to_owned(),
        title: "Test".to_owned(),
        api_version: "1".to_owned(),
        summary: None,
        description: None,
        license: None,
        default_base_url: None,
        schemes: Vec::new(),
        required_schemes: Vec::new(),
        types,
        operations,
        webhooks: Vec::new(),
        dependencies: Vec::new(),
        features: Vec::new(),
    }
}

/// The storage of each field of a struct (or variant of a union).
fn storages(api: &Api, id: TypeId) -> Vec<Storage> {
    match &api.types[id].kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.storage).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| v.storage).collect(),
        other => panic!("{other:?}"),
    }
}

fn named(id: TypeId) -> Type {
    Type::Named(id)
}

#[test]
fn strongly_connected_components_group_each_cycle() {
    // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 0; 5 refers to 0 only through a Vec.
    let mut types = Types::new();
    let ids: Vec<TypeId> =
        (0..6).map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new())))).collect();
    let links = [(0, 1), (1, 2), (2, 0), (3, 3), (4, 0)];
    for (from, to) in links {
        if let TypeKind::Struct(s) = &mut types[ids[from]].kind {
            s.fields.push(field(&format!("f{to}"), named(ids[to])));
        }
    }
    if let TypeKind::Struct(s) = &mut types[ids[5]].kind {
        s.fields.push(field("list", Type::Vec(Box::new(named(ids[0])))));
    }
    let component = components(&api(types, Vec::new()));
    assert_eq!(component[0], component[1]);
    assert_eq!(component[1], component[2]);
    let distinct = [component[0], component[3], component[4], component[5]];
    for (i, a) in distinct.iter().enumerate() {
        assert!(distinct[i + 1..].iter().all(|b| a != b), "{component:?}");
    }
}

#[test]
fn references_that_close_a_cycle_are_boxed_and_no_others() {
    let mut types = Types::new();
    let a = types.push(def("A", component("A"), structure(Vec::new())));
    let b = types.push(def("B", component("B"), structure(Vec::new())));
    let c = types.push(def("C", component("C"), structure(vec![field("a", named(a))])));
    let node = types.push(def("Node", component("Node"), structure(Vec::new())));
    let tree = types.push(def("Tree", component("Tree"), structure(Vec::new())));
    let shape = types.push(def(
        "Shape",
        component("Shape"),
        TypeKind::Union(Union {
            variants: vec![
                UnionVariant {
                    name: camel_ident("Tree", "V"),
                    ty: named(tree),
                    tags: Vec::new(),
                    storage: Storage::Inline,
                },
                UnionVariant {
                    name: camel_ident("Text", "V"),
                    ty: Type::String,
                    tags: Vec::new(),
                    storage: Storage::Inline,
                },
            ],
            discriminator: None,
        }),
    ));
    types[a].kind = structure(vec![field("b", named(b))]);
    types[b].kind = structure(vec![
        field("a", Type::Option(Box::new(named(a)))),
        field("many", Type::Vec(Box::new(named(a)))),
        field("by_name", Type::Map(Box::new(named(a)))),
    ]);
    types[node].kind = structure(vec![field("next", Type::Option(Box::new(named(node)))), field("text", Type::String)]);
    types[tree].kind = structure(vec![field("shape", named(shape))]);
    let mut model = api(types, Vec::new());
    mark_boxes(&mut model);
    assert_eq!(storages(&model, a), [Storage::Boxed]);
    assert_eq!(storages(&model, b), [Storage::Boxed, Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&model, c), [Storage::Inline]);
    assert_eq!(storages(&model, node), [Storage::Boxed, Storage::Inline]);
    assert_eq!(storages(&model, tree), [Storage::Boxed]);
    assert_eq!(storages(&model, shape), [Storage::Boxed, Storage::Inline]);
}

#[test]
fn a_cycle_through_every_type_of_a_large_spec_is_boxed_without_recursion() {
    let count = 50_000;
    let mut types = Types::new();
    let ids: Vec<TypeId> = (0..count)
        .map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new()))))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        types[*id].kind = structure(vec![field("next", named(ids[(i + 1) % count]))]);
    }
    let mut model = api(types, Vec::new());
    // On a small stack: a recursive walk of 50,000 types would overflow it.
    let model = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            mark_boxes(&mut model);
            model
        })
        .and_then(|thread| thread.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(model.types.ids().all(|id| storages(&model, id) == [Storage::Boxed]));
}

#[test]
fn usage_follows_what_requests_and_responses_reach() {
    let mut types = Types::new();
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
    let mut model = api(types, vec![operation(Some(named(request)), Some(named(response)))]);
    mark_usage(&mut model);
    let usage = |id: TypeId| model.types[id].usage;
    assert_eq!(usage(sent), Usage::Request);
    assert_eq!(usage(read), Usage::Response);
    assert_eq!(usage(both), Usage::Both);
    assert_eq!(usage(unused), Usage::Response);
    assert_eq!(usage(inner), Usage::Response);
}

#[test]
fn identical_inline_enums_of_the_same_use_share_one_definition() {
    let mut types = Types::new();
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
    let mut model = api(types, vec![operation(Some(named(request)), Some(named(response)))]);
    finish(&mut model);
    let alias_of = |id: TypeId| match &model.types[id].kind {
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
    let mut types = Types::new();
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
    let mut model = api(types, vec![operation(None, Some(named(response)))]);
    finish(&mut model);
    let alias_of = |id: TypeId| match &model.types[id].kind {
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
    let mut types = Types::new();
    let unchecked = types.push(def(
        "Stamp",
        component("Stamp"),
        structure(vec![
            Field { constraints: length.clone(), ..field("id", Type::Uuid) },
            Field { constraints: length.clone(), ..field("at", Type::DateTime) },
        ]),
    ));
    let checked = types.push(def(
        "Named",
        component("Named"),
        structure(vec![Field { constraints: length.clone(), ..field("name", Type::String) }]),
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
    let mut model = api(types, vec![operation(Some(named(request)), Some(named(state)))]);
    finish(&mut model);
    let validated = |id: TypeId| model.types[id].is_validated();
    assert!(!validated(unchecked), "a length on a UUID or a date-time checks nothing");
    assert!(validated(checked));
    assert!(validated(holder), "through its list of checked items");
    assert!(validated(state), "an open enum sent in a request");
    assert!(!validated(sent_state), "a closed enum needs no check");
    assert!(validated(request));
    assert!(model.checks(&named(unchecked), &Constraints::default(), Whitespace::Kept).is_empty());
}

fn union(variants: Vec<(&str, Type)>) -> TypeKind {
    TypeKind::Union(Union {
        variants: variants
            .into_iter()
            .map(|(name, ty)| UnionVariant {
                name: camel_ident(name, "V"),
                ty,
                tags: Vec::new(),
                storage: Storage::Inline,
            })
            .collect(),
        discriminator: None,
    })
}

/// A struct of `count` string fields: 24 bytes each.
fn strings_struct(count: usize) -> TypeKind {
    structure((0..count).map(|i| field(&format!("f{i}"), Type::String)).collect())
}

#[test]
fn a_union_variant_far_larger_than_the_others_is_boxed() {
    let mut types = Types::new();
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
    let mut model = api(types, Vec::new());
    sizes::box_large_variants(&mut model);
    assert_eq!(storages(&model, lopsided), [Storage::Inline, Storage::Boxed]);
    assert_eq!(storages(&model, even), [Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&model, close), [Storage::Inline, Storage::Inline]);
    assert_eq!(storages(&model, holder), [Storage::Inline, Storage::Inline]);
}

#[test]
fn several_large_variants_are_boxed_until_the_largest_is_close_to_the_next() {
    let mut types = Types::new();
    let large = types.push(def("Large", component("Large"), strings_struct(12)));
    let larger = types.push(def("Larger", component("Larger"), strings_struct(24)));
    let mixed = types.push(def(
        "Mixed",
        component("Mixed"),
        union(vec![("Flag", Type::Bool), ("Larger", named(larger)), ("Large", named(large))]),
    ));
    let mut model = api(types, Vec::new());
    sizes::box_large_variants(&mut model);
    assert_eq!(storages(&model, mixed), [Storage::Inline, Storage::Boxed, Storage::Boxed]);
}

#[test]
fn sizes_of_a_long_chain_of_types_are_found_without_recursion() {
    let count = 50_000;
    let mut types = Types::new();
    let ids: Vec<TypeId> = (0..count)
        .map(|i| types.push(def(&format!("T{i}"), component(&format!("T{i}")), structure(Vec::new()))))
        .collect();
    for pair in ids.windows(2) {
        types[pair[0]].kind = structure(vec![field("next", named(pair[1])), field("text", Type::String)]);
    }
    let first =
        types.push(def("First", component("First"), union(vec![("Flag", Type::Bool), ("Chain", named(ids[0]))])));
    let mut model = api(types, Vec::new());
    let model = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            sizes::box_large_variants(&mut model);
            model
        })
        .and_then(|thread| thread.join().map_err(|_| std::io::Error::other("panicked")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(storages(&model, first), [Storage::Inline, Storage::Boxed]);
}

#[test]
fn the_unknown_variant_of_an_open_union_counts_against_a_large_variant() {
    let mut types = Types::new();
    let large = types.push(def("Large", component("Large"), strings_struct(12)));
    let mut open = union(vec![("Large", named(large))]);
    if let TypeKind::Union(u) = &mut open {
        u.discriminator = Some("type".to_owned());
    }
    let event = types.push(def("Event", component("Event"), open.clone()));
    types[event].usage = Usage::Response;
    // The same union only sent is closed: one variant, nothing to compare.
    let sent = types.push(def("Sent", component("Sent"), open));
    types[sent].usage = Usage::Request;
    let mut model = api(types, Vec::new());
    sizes::box_large_variants(&mut model);
    assert_eq!(storages(&model, event), [Storage::Boxed]);
    assert_eq!(storages(&model, sent), [Storage::Inline]);
}
