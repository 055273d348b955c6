//! Schemas replaced by Rust types of the caller's own (the `types` setting:
//! `PetId = "uuid::Uuid"`). Every use of a replaced schema, by `$ref` or where
//! it is written, lowers to [`Type::External`], and no named type is made for
//! it. Each setting is checked here: the schema must exist (an unknown name
//! gets the near matches) and the Rust type must be a type path.

use super::Lowerer;
use super::resolve::parse_ref;
use super::select::near;
use crate::diag::{Diagnostic, Pointer};
use crate::model::Type;
use crate::options::setting_key;

/// The last segment of a type path without its generic arguments: `Uuid` for `uuid::Uuid`.
pub(super) fn type_name(path: &str) -> &str {
    let plain = path.split('<').next().unwrap_or(path);
    plain.rsplit("::").next().unwrap_or(plain).trim()
}

impl<'a> Lowerer<'a> {
    /// Records the replacements (schema: a component name or a JSON pointer,
    /// and the Rust type path), reporting each that names no schema or no type.
    pub(super) fn external_types(&mut self, types: &[(String, String)]) {
        for (schema, path) in types {
            let key = setting_key("types", schema);
            if syn::parse_str::<syn::TypePath>(path).is_err() {
                self.diags.push(Diagnostic::setting(
                    &key,
                    format!("`{path}` is not a Rust type path (such as `uuid::Uuid` or `crate::ids::UserId`)"),
                ));
                continue;
            }
            let pointer = if schema.starts_with('#') {
                match parse_ref(schema) {
                    Ok(pointer) => pointer,
                    Err(message) => {
                        self.diags.push(Diagnostic::setting(&key, message));
                        continue;
                    }
                }
            } else {
                Pointer::root().push("components").push("schemas").push(schema)
            };
            if self.resolver.schema(&pointer.to_string()).is_err() {
                let message = self.unknown_schema(schema);
                self.diags.push(Diagnostic::setting(&key, message));
                continue;
            }
            self.external.insert(pointer, path.clone());
        }
    }

    /// What to say about a `types` key that names no schema.
    fn unknown_schema(&self, schema: &str) -> String {
        let components: Vec<String> = self.doc.api.components.iter().flat_map(|c| c.schemas.keys()).cloned().collect();
        let base = Pointer::root().push("components").push("schemas");
        let (what, suggestions): (String, Vec<String>) = match schema.strip_prefix('#') {
            Some(pointer) => {
                // Near matches for a pointer to a component: by the component's name.
                let name = Pointer::parse(pointer).component("schemas");
                let near = name.map(|name| near(&name, &components)).unwrap_or_default();
                (format!("`{schema}` points to no schema"), near.iter().map(|n| base.push(n).to_string()).collect())
            }
            None => (format!("the spec has no component schema `{schema}`"), near(schema, &components)),
        };
        match suggestions.as_slice() {
            [] => format!(
                "{what}; a key is a name in `components/schemas` or a JSON pointer such as `#/components/schemas/Pet`"
            ),
            near => format!(
                "{what}; did you mean {}?",
                near.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// The Rust type that replaces the schema written at `at`, if one does.
    pub(super) fn external_at(&self, at: &Pointer) -> Option<Type> {
        if self.external.is_empty() {
            return None;
        }
        self.external.get(at).map(|path| Type::External(path.clone()))
    }

    /// The Rust type that replaces the schema a `$ref` names (before following
    /// it further), if one does.
    pub(super) fn external_ref(&self, reference: &str) -> Option<Type> {
        if self.external.is_empty() {
            return None;
        }
        parse_ref(reference).ok().and_then(|pointer| self.external_at(&pointer))
    }
}
