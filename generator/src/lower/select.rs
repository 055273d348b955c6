//! Generating part of an API (the `only` setting, `--only` on the command
//! line). A selector is `tag:NAME` (the operations with that tag), `METHOD
//! /path` (one operation, the method in any case, the path as the spec writes
//! it) or an `operationId`; an operation is kept when any selector matches it.
//! Operations are selected before they are lowered; once they are, the named
//! types no kept operation reaches (through its parameters, body and
//! responses, and the types inside those) are dropped, component schemas
//! included. A selector that matches no operation is an error that lists the
//! near matches.

use std::collections::HashSet;

use super::Lowerer;
use super::draft::{Drafts, OperationDraft};
use super::graph;
use super::operation::OperationSite;
use crate::diag::{Diagnostic, Location, Pointer};
use crate::model::{Type, TypeId, Webhook};

/// The key of the setting in diagnostics.
const KEY: &str = "only";

/// What a selector matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector<'s> {
    /// `tag:NAME`.
    Tag(&'s str),
    /// `METHOD /path` (the method upper case).
    Route(String, &'s str),
    /// An `operationId`.
    OperationId(&'s str),
}

impl<'s> Selector<'s> {
    fn parse(text: &'s str) -> Selector<'s> {
        let text = text.trim();
        if let Some(tag) = text.strip_prefix("tag:") {
            return Selector::Tag(tag.trim());
        }
        match text.split_once(char::is_whitespace) {
            Some((method, path))
                if path.trim_start().starts_with('/') && method.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                Selector::Route(method.to_ascii_uppercase(), path.trim())
            }
            _ => Selector::OperationId(text),
        }
    }

    fn matches(&self, site: &OperationSite<'_>) -> bool {
        match self {
            Selector::Tag(tag) => site.op.tags.iter().any(|t| t == tag),
            Selector::Route(method, path) => site.method.as_str().eq_ignore_ascii_case(method) && site.path == *path,
            Selector::OperationId(id) => site.op.operation_id.as_deref() == Some(*id),
        }
    }
}

/// Up to five of `candidates` near `text` (by edit distance, ignoring case,
/// or containing it), nearest first.
pub(super) fn near(text: &str, candidates: &[String]) -> Vec<String> {
    let wanted = text.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &String)> = candidates
        .iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = strsim::damerau_levenshtein(&wanted, &lower);
            let contains = wanted.len() >= 3 && lower.contains(&wanted);
            (distance <= limit || contains).then_some((distance, candidate))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, candidate)| candidate.clone()).collect()
}

impl<'a> Lowerer<'a> {
    /// The operations `only` selects (all when it is empty); a selector that
    /// matches none is reported with its near matches.
    pub(super) fn select(&mut self, sites: Vec<OperationSite<'a>>, only: &[String]) -> Vec<OperationSite<'a>> {
        if only.is_empty() {
            return sites;
        }
        let selectors: Vec<Selector<'_>> = only.iter().map(|text| Selector::parse(text)).collect();
        for (text, selector) in only.iter().zip(&selectors) {
            if !sites.iter().any(|site| selector.matches(site)) {
                let message = unmatched(text, selector, &sites);
                self.diags.push(Diagnostic::setting(KEY, message));
            }
        }
        sites.into_iter().filter(|site| selectors.iter().any(|selector| selector.matches(site))).collect()
    }

    /// Drops the named types that no operation reaches, and the warnings about
    /// component schemas dropped whole.
    pub(super) fn prune(&mut self, operations: &mut [OperationDraft], webhooks: &mut [Webhook]) {
        let keep = reached(&self.types, operations, webhooks);
        let mut kept_components: HashSet<String> = HashSet::new();
        let mut dropped_components: HashSet<String> = HashSet::new();
        for (def, kept) in self.types.iter().zip(&keep) {
            if let Some(component) = component_of(&def.pointer) {
                if *kept {
                    kept_components.insert(component)
                } else {
                    dropped_components.insert(component)
                };
            }
        }
        retain_types(&mut self.types, operations, webhooks, &keep);
        self.diags.retain(|diag| match &diag.location {
            Location::Pointer(pointer) => component_of(&Pointer::parse(pointer))
                .is_none_or(|c| kept_components.contains(&c) || !dropped_components.contains(&c)),
            _ => true,
        });
    }
}

/// The component schema (`/components/schemas/NAME`, escaped) a pointer is in.
fn component_of(pointer: &Pointer) -> Option<String> {
    let text = pointer.as_str();
    let rest = text.strip_prefix("/components/schemas/")?;
    let name = rest.split('/').next()?;
    Some(format!("/components/schemas/{name}"))
}

/// The message for a selector that matches no operation.
fn unmatched(text: &str, selector: &Selector<'_>, sites: &[OperationSite<'_>]) -> String {
    let (what, candidates): (String, Vec<String>) = match selector {
        Selector::Tag(tag) => {
            let mut tags: Vec<String> = Vec::new();
            for site in sites {
                for tag in &site.op.tags {
                    if !tags.contains(tag) {
                        tags.push(tag.clone());
                    }
                }
            }
            (format!("no operation has the tag `{tag}`"), tags.into_iter().map(|t| format!("tag:{t}")).collect())
        }
        Selector::Route(method, path) => (
            format!("the spec has no operation `{method} {path}`"),
            sites.iter().map(|site| format!("{} {}", site.method, site.path)).collect(),
        ),
        Selector::OperationId(id) => (
            format!("no operation has the operationId `{id}`"),
            sites.iter().filter_map(|site| site.op.operation_id.clone()).collect(),
        ),
    };
    let wanted = match selector {
        Selector::Tag(tag) => format!("tag:{tag}"),
        _ => text.trim().to_owned(),
    };
    let help = "a selector is `tag:NAME`, an operationId, or `METHOD /path`";
    match near(&wanted, &candidates).as_slice() {
        [] => format!("`{text}` selects nothing: {what} ({help})"),
        near => format!(
            "`{text}` selects nothing: {what}; did you mean {}?",
            near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Which types (by index) the operations reach, and the webhooks (a selection
/// picks operations; the requests the API sends stay).
fn reached(types: &Drafts, operations: &[OperationDraft], webhooks: &[Webhook]) -> Vec<bool> {
    let mut roots: Vec<TypeId> = Vec::new();
    for op in operations {
        let (request, request_ids, response, response_ids) = op.roots();
        for ty in request.into_iter().chain(response) {
            graph::named(ty, &mut roots);
        }
        roots.extend(request_ids.into_iter().chain(response_ids));
    }
    for payload in webhooks.iter().filter_map(|webhook| webhook.payload.as_ref()) {
        graph::named(payload, &mut roots);
    }
    graph::reach(types, roots)
}

/// Keeps the types `keep` marks, in order, and renumbers every reference to them.
fn retain_types(types: &mut Drafts, operations: &mut [OperationDraft], webhooks: &mut [Webhook], keep: &[bool]) {
    let old = std::mem::take(types);
    let mut new_id: Vec<Option<TypeId>> = Vec::with_capacity(keep.len());
    for (def, kept) in old.into_vec().into_iter().zip(keep) {
        new_id.push(kept.then(|| types.push(def)));
    }
    let renumber = |id: &mut TypeId| {
        if let Some(Some(new)) = new_id.get(id.index()) {
            *id = *new;
        }
    };
    fn renumber_type(ty: &mut Type, renumber: &dyn Fn(&mut TypeId)) {
        match ty {
            Type::Named(id) => renumber(id),
            Type::Vec(inner) | Type::Map(inner) | Type::Option(inner) => renumber_type(inner, renumber),
            _ => {}
        }
    }
    for def in types.iter_mut() {
        for ty in def.shape.types_mut() {
            renumber_type(ty, &renumber);
        }
    }
    for op in operations {
        let (types, ids) = op.types_mut();
        for ty in types {
            renumber_type(ty, &renumber);
        }
        for id in ids {
            renumber(id);
        }
    }
    for payload in webhooks.iter_mut().filter_map(|webhook| webhook.payload.as_mut()) {
        renumber_type(payload, &renumber);
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::lower::{Options, lower};
    use crate::model::{Api, OutcomeType, TypeKind, Types};

    #[test]
    fn selectors_are_told_apart() {
        assert_eq!(Selector::parse("tag:pets"), Selector::Tag("pets"));
        assert_eq!(Selector::parse(" tag: pets "), Selector::Tag("pets"));
        assert_eq!(Selector::parse("get /pets/{id}"), Selector::Route("GET".to_owned(), "/pets/{id}"));
        assert_eq!(Selector::parse("DELETE  /pets"), Selector::Route("DELETE".to_owned(), "/pets"));
        assert_eq!(Selector::parse("listPets"), Selector::OperationId("listPets"));
        // Not a method and a path: an operationId (which may contain spaces).
        assert_eq!(Selector::parse("list pets"), Selector::OperationId("list pets"));
    }

    #[test]
    fn near_matches_are_close_or_contain_the_text_nearest_first() {
        let names: Vec<String> = ["repos", "reactions", "orgs", "users", "Repository"].map(str::to_owned).to_vec();
        assert_eq!(near("repo", &names), ["repos", "Repository"]);
        assert_eq!(near("REPOS", &names), ["repos", "Repository"]);
        assert_eq!(near("usrs", &names), ["users"]);
        assert!(near("billing", &names).is_empty());
    }

    /// The named types a model's type refers to (through arrays, maps and options).
    fn references(kind: &TypeKind) -> Vec<TypeId> {
        let mut out = Vec::new();
        let types: Vec<&Type> = match kind {
            TypeKind::Struct(s) | TypeKind::Params(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Outcome(o) => o.variants.iter().filter_map(|v| v.body.as_ref()).collect(),
            TypeKind::Tuple(t) => t.items.iter().map(|item| &item.ty).collect(),
            TypeKind::Enum(_) => Vec::new(),
        };
        for ty in types {
            graph::named(ty, &mut out);
        }
        out
    }

    /// The named types the operations and webhooks of a model refer to directly.
    fn roots(api: &Api) -> Vec<TypeId> {
        let ids = RefCell::new(Vec::new());
        let operations_only = Api { types: Types::default(), ..api.clone() };
        operations_only.uses(&|ty| {
            graph::named(ty, &mut ids.borrow_mut());
            false
        });
        let mut ids = ids.into_inner();
        for op in &api.operations {
            ids.extend(op.params_type);
            for outcome in [&op.responses.success_type, &op.responses.error_type] {
                if let OutcomeType::Enum(id) = outcome {
                    ids.push(*id);
                }
            }
        }
        ids
    }

    /// Every type reference of the model points at one of its types.
    fn assert_references_are_valid(api: &Api, what: &str) {
        let count = api.types.len();
        let mut ids = roots(api);
        for def in api.types.iter() {
            ids.extend(references(&def.kind));
        }
        assert!(ids.iter().all(|id| id.index() < count), "{what}: a reference past the {count} types");
    }

    /// Whether the operations and webhooks reach every type of the model.
    fn all_reached(api: &Api) -> bool {
        let mut seen = vec![false; api.types.len()];
        let mut stack = roots(api);
        while let Some(id) = stack.pop() {
            match seen.get_mut(id.index()) {
                Some(seen) if !*seen => *seen = true,
                _ => continue,
            }
            stack.extend(references(&api.types[id].kind));
        }
        seen.into_iter().all(|reached| reached)
    }

    /// Each operation of each fixture alone: it is the only operation, every
    /// reference is renumbered into the kept types, every kept type is one of
    /// the whole API's (with the same name), and all are reached.
    #[test]
    fn one_operation_of_each_fixture_keeps_exactly_the_types_it_reaches() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
        let mut specs: Vec<_> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        specs.sort();
        assert!(specs.len() >= 12, "{} fixtures in {}", specs.len(), dir.display());
        let mut checked = 0;
        for spec in specs {
            let text = std::fs::read_to_string(&spec).unwrap_or_default();
            let doc = crate::load::load(&text).unwrap_or_else(|d| panic!("{}: {d:?}", spec.display()));
            let whole = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{}: {d:?}", spec.display()));
            let names: HashSet<String> = whole.api.types.iter().map(|t| t.name.to_string()).collect();
            for op in &whole.api.operations {
                let selector = format!("{} {}", op.method, op.path);
                let what = format!("{}: {selector}", spec.display());
                let options = Options { only: vec![selector.clone()], ..Options::default() };
                let selected = lower(&doc, &options).unwrap_or_else(|d| panic!("{what}: {d:?}")).api;
                assert_eq!(selected.operations.len(), 1, "{what}");
                assert_eq!(selected.operations[0].name, op.name, "{what}: the method keeps its name");
                assert_references_are_valid(&selected, &what);
                for def in selected.types.iter() {
                    assert!(
                        names.contains(&def.name.to_string()),
                        "{what}: {} is not a type of the whole API",
                        def.name
                    );
                }
                assert!(all_reached(&selected), "{what}: an unreached type is kept");
                assert!(selected.types.len() <= whole.api.types.len(), "{what}");
                checked += 1;
            }
        }
        assert!(checked >= 30, "{checked} operations");
    }
}
