//! Cargo features: each tag of the operations becomes a feature of the
//! generated crate (the operations without a tag share one, `untagged`), and
//! every operation and named type gets the [`Gate`] under which it is compiled.
//!
//! - An operation is compiled when the feature of one of its tags is on.
//! - A named type is compiled when a feature whose operations reach it
//!   (through parameters, bodies, responses, event streams and the types inside
//!   those) is on; a type every feature reaches is always compiled.
//! - Types no operation reaches (component schemas callers read, such as
//!   the webhook payloads of a 3.0 document) compile under one more feature,
//!   `unused-types`, and so does everything they contain; the payloads of
//!   3.1 webhooks are always compiled (the `webhooks` module is).
//! - A validated type's `validate_at` is compiled when a feature whose
//!   requests contain the type is on: only a request calls it.
//!
//! An API whose operations have fewer than two tags gets no features: one
//! feature (with, perhaps, `untagged`) would only add noise. Every gate is
//! then [`Gate::Always`].

use indexmap::IndexMap;

use super::graph;
use crate::model::{Api, Feature, FeatureId, FeatureKind, Gate, Type, TypeId};
use crate::naming;

/// Gives `api` its features (from the operations' tags, described by the
/// spec's `tags`) and every operation and type its gate.
pub(super) fn assign(api: &mut Api, tags: &[openapiv3::Tag]) {
    // The groups, in the order of the spec's `tags`, then of first use; `None`
    // is the operations without a tag.
    let mut groups: IndexMap<Option<String>, usize> = IndexMap::new();
    for tag in tags {
        if api.operations.iter().any(|op| op.tags.contains(&tag.name)) {
            groups.entry(Some(tag.name.clone())).or_default();
        }
    }
    for op in &api.operations {
        if op.tags.is_empty() {
            *groups.entry(None).or_default() += 1;
        }
        for tag in &op.tags {
            *groups.entry(Some(tag.clone())).or_default() += 1;
        }
    }
    if groups.keys().filter(|tag| tag.is_some()).count() < 2 {
        return;
    }
    let mut names = naming::Features::default();
    let features: Vec<Feature> = groups
        .iter()
        .map(|(tag, operations)| Feature {
            name: match tag {
                Some(tag) => names.claim(tag),
                None => "untagged".to_owned(),
            },
            kind: match tag {
                Some(tag) => FeatureKind::Tag(tag.clone()),
                None => FeatureKind::Untagged,
            },
            description: tag
                .as_ref()
                .and_then(|tag| tags.iter().find(|t| t.name == *tag))
                .and_then(|t| t.description.clone())
                .filter(|d| !d.trim().is_empty()),
            operations: *operations,
        })
        .collect();
    for op in &mut api.operations {
        let ids: Vec<FeatureId> = if op.tags.is_empty() {
            groups.get_index_of(&None).map(FeatureId).into_iter().collect()
        } else {
            op.tags.iter().filter_map(|tag| groups.get_index_of(&Some(tag.clone())).map(FeatureId)).collect()
        };
        op.gate = ids.into_iter().fold(Gate::never(), |gate, id| gate.union(&Gate::feature(id)));
    }
    api.features = features;
    gate_types(api);
}

/// The named types in `ty`.
fn named(ty: &Type, out: &mut Vec<TypeId>) {
    match ty {
        Type::Named(id) => out.push(*id),
        Type::Vec(inner) | Type::Map(inner) | Type::Option(inner) => named(inner, out),
        _ => {}
    }
}

/// Marks in `seen` every type reachable from `roots`.
fn mark(api: &Api, roots: Vec<TypeId>, seen: &mut [bool]) {
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        match seen.get_mut(id.index()) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        stack.extend(graph::edges(&api.types[id].kind).into_iter().map(|edge| edge.to));
    }
}

/// The gates of the types, from what each feature's operations reach.
fn gate_types(api: &mut Api) {
    let count = api.types.len();
    let feature_count = api.features.len();
    // For each type, the features that reach it, and those whose requests do.
    let mut reached: Vec<Vec<FeatureId>> = vec![Vec::new(); count];
    let mut requested: Vec<Vec<FeatureId>> = vec![Vec::new(); count];
    for feature in (0..feature_count).map(FeatureId) {
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for op in api.operations.iter().filter(|op| op_in(op, feature)) {
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
        let mut in_request = vec![false; count];
        mark(api, request_roots.clone(), &mut in_request);
        let mut in_any = in_request.clone();
        mark(api, response_roots, &mut in_any);
        for index in 0..count {
            if in_any[index] {
                reached[index].push(feature);
            }
            if in_request[index] {
                requested[index].push(feature);
            }
        }
    }
    // Webhook payloads (the `webhooks` module is always compiled) are always
    // compiled, and so is everything inside them.
    let mut always_roots: Vec<TypeId> = Vec::new();
    for payload in api.webhooks.iter().filter_map(|webhook| webhook.payload.as_ref()) {
        named(payload, &mut always_roots);
    }
    let mut always = vec![false; count];
    mark(api, always_roots, &mut always);
    // The types no operation reaches (GitHub's 327 webhook payload schemas,
    // say), and everything inside them, compile under a feature of their own.
    let unused_roots: Vec<TypeId> =
        api.types.ids().filter(|id| reached[id.index()].is_empty() && !always[id.index()]).collect();
    let mut unused = vec![false; count];
    if !unused_roots.is_empty() {
        mark(api, unused_roots, &mut unused);
        let id = FeatureId(feature_count);
        api.features.push(Feature {
            name: naming::UNUSED_TYPES_FEATURE.to_owned(),
            kind: FeatureKind::UnusedTypes,
            description: None,
            operations: 0,
        });
        for (index, features) in reached.iter_mut().enumerate() {
            if unused[index] {
                features.push(id);
            }
        }
    }
    for (index, def) in api.types.iter_mut().enumerate() {
        let features = std::mem::take(&mut reached[index]);
        // Reached by every tag's operations: compiled whatever the selection.
        let everywhere = features.iter().filter(|id| id.index() < feature_count).count() == feature_count;
        def.gate = if always[index] || everywhere { Gate::Always } else { Gate::Any(features) };
        def.checks_gate = Gate::Any(std::mem::take(&mut requested[index]));
    }
}

/// Whether `op` is one of the operations of `feature`.
fn op_in(op: &crate::model::Operation, feature: FeatureId) -> bool {
    matches!(&op.gate, Gate::Any(features) if features.contains(&feature))
}
