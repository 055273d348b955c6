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

use super::draft::{Drafts, OperationDraft};
use super::graph;
use crate::model::{Feature, FeatureId, FeatureKind, Gate, TypeId, Webhook};
use crate::naming;

/// The cargo features of the generated crate, and when each of its parts is compiled.
#[derive(Debug)]
pub(super) struct Gating {
    /// The features, in the order of [`crate::model::Api::features`].
    pub features: Vec<Feature>,
    /// Each operation's gate, in order.
    pub operations: Vec<Gate>,
    /// Each type's gate, and the gate of its `validate_at`, by index.
    pub types: Vec<(Gate, Gate)>,
}

impl Gating {
    /// No features: every part always compiled.
    pub(super) fn none(types: usize, operations: usize) -> Gating {
        Gating {
            features: Vec::new(),
            operations: vec![Gate::Always; operations],
            types: vec![(Gate::Always, Gate::Always); types],
        }
    }
}

/// The features of the crate of `operations` (from their tags, described by
/// the spec's `tags`) and every operation's and type's gate; `None` when
/// the operations have fewer than two tags.
pub(super) fn assign(
    types: &Drafts,
    operations: &[OperationDraft],
    webhooks: &[Webhook],
    tags: &[openapiv3::Tag],
) -> Option<Gating> {
    // The groups, in the order of the spec's `tags`, then of first use; `None`
    // is the operations without a tag.
    let mut groups: IndexMap<Option<String>, usize> = IndexMap::new();
    for tag in tags {
        if operations.iter().any(|op| op.tags.contains(&tag.name)) {
            groups.entry(Some(tag.name.clone())).or_default();
        }
    }
    for op in operations {
        if op.tags.is_empty() {
            *groups.entry(None).or_default() += 1;
        }
        for tag in &op.tags {
            *groups.entry(Some(tag.clone())).or_default() += 1;
        }
    }
    if groups.keys().filter(|tag| tag.is_some()).count() < 2 {
        return None;
    }
    let mut names = naming::Features::default();
    let mut features: Vec<Feature> = groups
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
    let op_gates: Vec<Gate> = operations
        .iter()
        .map(|op| {
            let ids: Vec<FeatureId> = if op.tags.is_empty() {
                groups.get_index_of(&None).map(FeatureId).into_iter().collect()
            } else {
                op.tags.iter().filter_map(|tag| groups.get_index_of(&Some(tag.clone())).map(FeatureId)).collect()
            };
            ids.into_iter().fold(Gate::never(), |gate, id| gate.union(&Gate::feature(id)))
        })
        .collect();
    let type_gates = gate_types(types, operations, &op_gates, webhooks, &mut features);
    Some(Gating { features, operations: op_gates, types: type_gates })
}

/// Marks in `seen` every type reachable from `roots`.
fn mark(types: &Drafts, roots: Vec<TypeId>, seen: &mut [bool]) {
    let mut stack = roots;
    while let Some(id) = stack.pop() {
        match seen.get_mut(id.index()) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        stack.extend(graph::edges(&types[id].shape).into_iter().map(|edge| edge.to));
    }
}

/// The gates of the types (and of their checks), from what each feature's
/// operations reach; adds the `unused-types` feature when some type is
/// reached by none.
fn gate_types(
    types: &Drafts,
    operations: &[OperationDraft],
    op_gates: &[Gate],
    webhooks: &[Webhook],
    features: &mut Vec<Feature>,
) -> Vec<(Gate, Gate)> {
    let count = types.len();
    let feature_count = features.len();
    // For each type, the features that reach it, and those whose requests do.
    let mut reached: Vec<Vec<FeatureId>> = vec![Vec::new(); count];
    let mut requested: Vec<Vec<FeatureId>> = vec![Vec::new(); count];
    for feature in (0..feature_count).map(FeatureId) {
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for (op, _) in operations.iter().zip(op_gates).filter(|(_, gate)| in_feature(gate, feature)) {
            let (request, request_ids, response, response_ids) = op.roots();
            for ty in request {
                graph::named(ty, &mut request_roots);
            }
            request_roots.extend(request_ids);
            for ty in response {
                graph::named(ty, &mut response_roots);
            }
            response_roots.extend(response_ids);
        }
        let mut in_request = vec![false; count];
        mark(types, request_roots.clone(), &mut in_request);
        let mut in_any = in_request.clone();
        mark(types, response_roots, &mut in_any);
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
    for payload in webhooks.iter().filter_map(|webhook| webhook.payload.as_ref()) {
        graph::named(payload, &mut always_roots);
    }
    let mut always = vec![false; count];
    mark(types, always_roots, &mut always);
    // The types no operation reaches (GitHub's 327 webhook payload schemas,
    // say), and everything inside them, compile under a feature of their own.
    let unused_roots: Vec<TypeId> =
        types.ids().filter(|id| reached[id.index()].is_empty() && !always[id.index()]).collect();
    let mut unused = vec![false; count];
    if !unused_roots.is_empty() {
        mark(types, unused_roots, &mut unused);
        let id = FeatureId(feature_count);
        features.push(Feature {
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
    (0..count)
        .map(|index| {
            let features = std::mem::take(&mut reached[index]);
            // Reached by every tag's operations: compiled whatever the selection.
            let everywhere = features.iter().filter(|id| id.index() < feature_count).count() == feature_count;
            let gate = if always[index] || everywhere { Gate::Always } else { Gate::Any(features) };
            (gate, Gate::Any(std::mem::take(&mut requested[index])))
        })
        .collect()
}

/// Whether an operation of this gate is one of the operations of `feature`.
fn in_feature(gate: &Gate, feature: FeatureId) -> bool {
    matches!(gate, Gate::Any(features) if features.contains(&feature))
}
