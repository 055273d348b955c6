//! How the types of a large crate are split into files a person can open
//! (the head of `types.rs` and of each module are here too):
//! `src/types.rs` declares one module per group and re-exports each
//! (`pub use repos::*;`), so every type keeps its path (`types::Repository`),
//! and `src/types/GROUP.rs` holds the group's types, which name each other
//! through `use super::*;`. A type compiled under one tag's feature goes to
//! that tag's module; a type several tags (or none) use goes to `shared`;
//! a group larger than a file should be is cut into numbered files
//! (`shared_1.rs`, `shared_2.rs`) in the spec's order. A crate with few
//! types keeps them all in `types.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Part, docs};
use crate::model::{Api, FeatureKind, Gate, TypeDef, TypeKind};

/// A crate with at most this many types keeps them in one file.
const TYPES_IN_ONE_FILE: usize = 400;

/// About the most lines one module file holds, as [`estimated_lines`] counts them.
const LINES_PER_FILE: usize = 4_000;

/// The modules of `src/types/`, in order; empty when the types stay in
/// `src/types.rs`.
#[derive(Debug, Default)]
pub struct TypeModules {
    modules: Vec<TypeModule>,
}

/// One module of the types.
#[derive(Debug)]
struct TypeModule {
    /// Its name (a Rust identifier, and the file's stem).
    name: String,
    /// What its types are, for its docs.
    what: String,
    /// Its types: positions in `api.types`, in the spec's order.
    types: Vec<usize>,
}

impl TypeModules {
    /// The modules of `api`'s types.
    pub fn of(api: &Api) -> Self {
        if api.types.len() <= TYPES_IN_ONE_FILE {
            return TypeModules::default();
        }
        // Groups in the order of their first type.
        let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
        for (index, def) in api.types.iter().enumerate() {
            let (group, what) = match &def.gate {
                Gate::Any(ids) if ids.len() == 1 => {
                    let feature = api.feature(ids[0]);
                    let what = match &feature.kind {
                        FeatureKind::Tag(tag) => {
                            format!("The types that only the operations tagged `{}` use.", tag.replace('`', "'"))
                        }
                        FeatureKind::Untagged => "The types that only the operations without a tag use.".to_owned(),
                        FeatureKind::UnusedTypes => "The types that no operation uses.".to_owned(),
                    };
                    (module_name(&feature.name), what)
                }
                _ => ("shared".to_owned(), "The types that the operations of several tags use.".to_owned()),
            };
            match groups.iter_mut().find(|(name, ..)| *name == group) {
                Some((.., types)) => types.push(index),
                None => groups.push((group, what, vec![index])),
            }
        }
        let sizes: Vec<usize> = api.types.iter().map(estimated_lines).collect();
        let mut modules = Vec::new();
        for (name, what, types) in groups {
            // Cut where the next type would take a file over its size.
            let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
            let mut lines = 0;
            for index in types {
                let size = sizes.get(index).copied().unwrap_or(0);
                if lines + size > LINES_PER_FILE && chunks.last().is_some_and(|chunk| !chunk.is_empty()) {
                    chunks.push(Vec::new());
                    lines = 0;
                }
                lines += size;
                if let Some(chunk) = chunks.last_mut() {
                    chunk.push(index);
                }
            }
            let numbered = chunks.len() > 1;
            for (number, types) in chunks.into_iter().enumerate() {
                let name = if numbered { format!("{name}_{}", number + 1) } else { name.clone() };
                modules.push(TypeModule { name, what: what.clone(), types });
            }
        }
        TypeModules { modules }
    }

    /// Whether the types are split into modules.
    pub fn is_split(&self) -> bool {
        !self.modules.is_empty()
    }

    /// How many modules there are.
    pub fn len(&self) -> usize {
        self.modules.len()
    }

    /// The names of the modules, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.modules.iter().map(|module| module.name.as_str())
    }

    /// The name of module `index`.
    pub fn name(&self, index: usize) -> &str {
        self.modules.get(index).map_or("", |module| module.name.as_str())
    }

    /// What the types of module `index` are, for its docs.
    pub fn what(&self, index: usize) -> &str {
        self.modules.get(index).map_or("", |module| module.what.as_str())
    }

    /// The positions in `api.types` of module `index`'s types.
    pub fn types(&self, index: usize) -> &[usize] {
        self.modules.get(index).map_or(&[], |module| module.types.as_slice())
    }
}

/// The head of a split `types` module: its docs, and each module declared
/// and re-exported, so that every type keeps its path.
pub(super) fn split_head(modules: &TypeModules) -> TokenStream {
    let module_docs = docs::inner_attrs(&[
        "Request and response types of the API, one per schema of the spec, with".to_owned(),
        "the exact JSON names of the wire; in one module per tag of the spec".to_owned(),
        "(`shared` for the types several tags use), each re-exported here.".to_owned(),
    ]);
    let names: Vec<proc_macro2::Ident> =
        modules.names().map(|name| proc_macro2::Ident::new(name, proc_macro2::Span::call_site())).collect();
    quote! {
        #module_docs

        #(mod #names;)*

        #(
            #[allow(unused_imports, reason = "with a crate's tag features off, a module's types may all be left out")]
            pub use #names::*;
        )*
    }
}

/// The number of pieces of module `module` of a split `types`: its head and
/// one per type.
pub fn module_pieces(modules: &TypeModules, module: usize) -> usize {
    modules.types(module).len() + 1
}

/// One piece of module `module` of a split `types`.
pub fn module_piece(api: &Api, modules: &TypeModules, module: usize, index: usize, print: bool) -> Vec<Part> {
    let defs = || modules.types(module).iter().filter_map(|&i| api.types.iter().nth(i));
    match index.checked_sub(1).and_then(|i| defs().nth(i)) {
        Some(def) => super::types::type_def(api, def, print),
        None => {
            let module_docs = docs::inner_attrs(&[modules.what(module).to_owned()]);
            let presence = super::types::runtime_gate(defs());
            let runtime = (!presence.is_absent()).then(|| {
                let cfg = presence.cfg(api);
                quote!(
                    #cfg
                    use crate::runtime;
                )
            });
            vec![Part::Tokens(quote! {
                #module_docs
                // The spec's deprecations are for callers; the types themselves refer to each other.
                #![allow(deprecated)]

                // The types of the other modules, which these may name.
                #[allow(unused_imports)]
                use super::*;
                #runtime
            })]
        }
    }
}

/// About how many lines a type takes: its head, and each field (its docs,
/// attributes, decoder and constructor lines) or variant.
fn estimated_lines(def: &TypeDef) -> usize {
    match &def.kind {
        TypeKind::Struct(s) | TypeKind::Params(s) => 35 + 10 * s.fields.len(),
        TypeKind::Enum(e) => 10 + 2 * e.variants.len(),
        TypeKind::Union(u) => 20 + 6 * u.variants.len(),
        TypeKind::Outcome(o) => 10 + 3 * o.variants.len(),
        TypeKind::Tuple(_) | TypeKind::Alias(_) => 10,
    }
}

/// A module name from a feature's name: `code-scanning` is `code_scanning`;
/// one that is no identifier (a keyword) gets `_types`.
fn module_name(feature: &str) -> String {
    let name = feature.replace('-', "_");
    if syn::parse_str::<syn::Ident>(&name).is_ok() && name != "shared" { name } else { format!("{name}_types") }
}

#[cfg(test)]
mod tests {
    use super::module_name;
    use crate::{emit, format};

    /// A spec of 450 types: 200 only `pets` operations use, 200 only
    /// `stores` operations, 50 both.
    fn spec() -> String {
        let mut schemas = String::new();
        let mut refs = [String::new(), String::new()];
        for (prefix, tags) in [("Pet", &[0][..]), ("Store", &[1]), ("Both", &[0, 1])] {
            let count = if prefix == "Both" { 50 } else { 200 };
            for n in 0..count {
                schemas.push_str(&format!(
                    "    {prefix}{n}:\n      type: object\n      required: [id]\n      properties:\n        \
                     id: {{type: string}}\n        note: {{type: string, description: A note.}}\n"
                ));
                for &tag in tags {
                    refs[tag].push_str(&format!("                  - $ref: '#/components/schemas/{prefix}{n}'\n"));
                }
            }
        }
        let operation = |tag: &str, refs: &str| {
            format!(
                "    post:\n      operationId: post{tag}\n      tags: [{tag}]\n      requestBody:\n        content:\n          \
                 application/json:\n            schema:\n              type: array\n              items:\n                \
                 anyOf:\n{refs}      responses:\n        '204': {{description: Done.}}\n"
            )
        };
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /pets:\n{}  /stores:\n{}components:\n  schemas:\n{schemas}",
            operation("pets", &refs[0]),
            operation("stores", &refs[1])
        )
    }

    #[test]
    fn a_large_crates_types_are_split_by_tag_and_reexported() {
        let text = spec();
        let doc = crate::load::load(&text).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = crate::lower::lower(&doc, &crate::Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        let api = &lowered.api;
        let files = format::render(api, "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        let file = |path: &str| files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        let types = file("src/types.rs").unwrap_or_default();
        // A tag's types over a file's size are cut into numbered files.
        for module in ["pets_1", "pets_2", "pets_3", "stores_1", "stores_3", "shared"] {
            assert!(types.contains(&format!("\nmod {module};\n")), "{types}");
            assert!(types.contains(&format!("\npub use {module}::*;\n")), "{types}");
        }
        let pets = file("src/types/pets_1.rs").unwrap_or_default();
        assert!(pets.contains("pub struct Pet0 {") && !pets.contains("pub struct Pet199 {"));
        assert!(pets.contains("//! The types that only the operations tagged `pets` use.\n"));
        assert!(pets.contains("\nuse super::*;\n") && !pets.contains("Store0"));
        assert!(file("src/types/pets_3.rs").unwrap_or_default().contains("pub struct Pet199 {"));
        assert!(pets.lines().count() < 4_500, "{} lines", pets.lines().count());
        let shared = file("src/types/shared.rs").unwrap_or_default();
        assert!(shared.contains("pub struct Both0 {") && shared.contains("pub struct Both49 {"));
        // The same text whether items are printed or formatted from tokens.
        let tokens = emit::context_without_printing(api);
        let formatted = format::format(emit::emit_with(api, &tokens), "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(files, formatted);
        // As one file for a `build.rs`, the modules are inline.
        let single = crate::write::single_file(&files).unwrap_or_default();
        assert!(single.contains("\nmod pets_1 {\n") && single.contains("pub struct Pet199 {"), "{single}");
    }

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(module_name("code-scanning"), "code_scanning");
        assert_eq!(module_name("type"), "type_types");
        assert_eq!(module_name("shared"), "shared_types");
    }
}
