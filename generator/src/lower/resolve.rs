//! `$ref` resolution. References to `#/components/...` are looked up in the
//! typed document; any other local JSON pointer (into `#/paths/...`, into a
//! schema's properties, ...) is looked up in the raw document and parsed into
//! an arena that lives as long as the lowering, so every resolved object is
//! borrowed with one lifetime.

use std::collections::HashMap;

use openapiv3::{Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};
use serde::de::DeserializeOwned;
use typed_arena::Arena;

use crate::diag::Pointer;
use crate::load::Document;

/// How many `$ref` hops a chain may take before it counts as a cycle.
const MAX_HOPS: usize = 64;

/// Storage for objects parsed from the raw document.
#[derive(Default)]
pub struct Arenas {
    schemas: Arena<ReferenceOr<Schema>>,
    parameters: Arena<ReferenceOr<Parameter>>,
    responses: Arena<ReferenceOr<Response>>,
    bodies: Arena<ReferenceOr<RequestBody>>,
    path_items: Arena<ReferenceOr<PathItem>>,
}

/// OpenAPI 3.0 has no `#/components/pathItems`; path item references always
/// go through the raw document.
static NO_PATH_ITEMS: std::sync::LazyLock<indexmap::IndexMap<String, ReferenceOr<PathItem>>> =
    std::sync::LazyLock::new(indexmap::IndexMap::new);

/// Why a reference cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// The reference cannot be followed: it points to nothing, into another
    /// document, is no JSON pointer, or is part of a cycle.
    Unresolved(String),
    /// It points to something that is not a valid object of the kind it stands for.
    Invalid(String),
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Unresolved(message) | ResolveError::Invalid(message) => f.write_str(message),
        }
    }
}

impl From<ResolveError> for String {
    fn from(error: ResolveError) -> String {
        error.to_string()
    }
}

/// Turns a `$ref` string into a pointer into this document.
pub fn parse_ref(reference: &str) -> Result<Pointer, ResolveError> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(ResolveError::Unresolved(format!(
            "`$ref` `{reference}` points into another document; only references within the spec are supported"
        )));
    };
    let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8().map_err(|_| {
        ResolveError::Unresolved(format!("`$ref` `{reference}` is not valid UTF-8 after percent-decoding"))
    })?;
    if !decoded.is_empty() && !decoded.starts_with('/') {
        return Err(ResolveError::Unresolved(format!(
            "`$ref` `{reference}` is neither a JSON pointer nor the `$anchor` of a schema of this document"
        )));
    }
    Ok(Pointer::parse(&decoded))
}

/// Resolves references for one lowering.
pub struct Resolver<'a> {
    doc: &'a Document,
    arenas: &'a Arenas,
    schemas: HashMap<Pointer, &'a ReferenceOr<Schema>>,
    parameters: HashMap<Pointer, &'a ReferenceOr<Parameter>>,
    responses: HashMap<Pointer, &'a ReferenceOr<Response>>,
    bodies: HashMap<Pointer, &'a ReferenceOr<RequestBody>>,
    path_items: HashMap<Pointer, &'a ReferenceOr<PathItem>>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `doc`, parsing into `arenas`.
    pub fn new(doc: &'a Document, arenas: &'a Arenas) -> Self {
        Resolver {
            doc,
            arenas,
            schemas: HashMap::new(),
            parameters: HashMap::new(),
            responses: HashMap::new(),
            bodies: HashMap::new(),
            path_items: HashMap::new(),
        }
    }

    fn raw<T: DeserializeOwned>(&self, pointer: &Pointer, what: &str) -> Result<T, ResolveError> {
        let raw = self.doc.raw().ok_or_else(|| {
            ResolveError::Unresolved("the document cannot be re-read to resolve a reference".to_owned())
        })?;
        let value = raw
            .pointer(pointer.as_str())
            .ok_or_else(|| ResolveError::Unresolved(format!("`$ref` `{pointer}` points to nothing")))?;
        // The target may be anywhere, even in data the loader did not check (see
        // `crate::load::invalid_deep_schema`).
        if let Some((at, message)) = crate::load::invalid_deep_schema(value, pointer, what == "schema") {
            return Err(ResolveError::Invalid(format!(
                "`$ref` `{pointer}` does not point to a valid {what}: at `{at}`: {message}"
            )));
        }
        serde_json::from_value(value.clone())
            .map_err(|e| ResolveError::Invalid(format!("`$ref` `{pointer}` does not point to a valid {what}: {e}")))
    }

    /// Follows a chain of references to a schema. Returns the pointer where the
    /// schema itself is written, and the schema.
    pub fn schema(&mut self, reference: &str) -> Result<(Pointer, &'a Schema), ResolveError> {
        let mut pointer = parse_ref(reference)?;
        for _ in 0..MAX_HOPS {
            let node = self.schema_node(&pointer)?;
            match node {
                ReferenceOr::Item(schema) => return Ok((pointer, schema)),
                ReferenceOr::Reference { reference } => pointer = parse_ref(reference)?,
            }
        }
        Err(ResolveError::Unresolved(format!(
            "`$ref` `{reference}` is part of a reference cycle, or of a chain of more than {MAX_HOPS} references"
        )))
    }

    fn schema_node(&mut self, pointer: &Pointer) -> Result<&'a ReferenceOr<Schema>, ResolveError> {
        if let Some(node) = self.schemas.get(pointer) {
            return Ok(node);
        }
        let doc: &'a Document = self.doc;
        let node: &'a ReferenceOr<Schema> = match pointer.component("schemas") {
            Some(name) => doc
                .api
                .components
                .as_ref()
                .and_then(|c| c.schemas.get(&name))
                .ok_or_else(|| ResolveError::Unresolved(format!("`$ref` `{pointer}` points to nothing")))?,
            None => {
                let parsed: ReferenceOr<Schema> = self.raw(pointer, "schema")?;
                self.arenas.schemas.alloc(parsed)
            }
        };
        self.schemas.insert(pointer.clone(), node);
        Ok(node)
    }

    /// Follows references to a parameter, response, request body or path item.
    /// Returns the pointer of the last reference followed (if any) and the object.
    pub fn follow<T: Referable>(&mut self, node: &'a ReferenceOr<T>) -> Result<(Option<Pointer>, &'a T), ResolveError> {
        let mut node = node;
        let mut at = None;
        for _ in 0..MAX_HOPS {
            match node {
                ReferenceOr::Item(item) => return Ok((at, item)),
                ReferenceOr::Reference { reference } => {
                    let pointer = parse_ref(reference)?;
                    node = match T::cache(self).get(&pointer) {
                        Some(found) => found,
                        None => {
                            let doc: &'a Document = self.doc;
                            let listed = pointer
                                .component(T::SECTION)
                                .map(|name| doc.api.components.as_ref().and_then(|c| T::components(c).get(&name)));
                            let found: &'a ReferenceOr<T> = match listed {
                                Some(Some(found)) => found,
                                Some(None) => {
                                    return Err(ResolveError::Unresolved(format!(
                                        "`$ref` `{pointer}` points to nothing"
                                    )));
                                }
                                None => T::arena(self.arenas).alloc(self.raw(&pointer, T::WHAT)?),
                            };
                            T::cache(self).insert(pointer.clone(), found);
                            found
                        }
                    };
                    at = Some(pointer);
                }
            }
        }
        Err(ResolveError::Unresolved(format!(
            "a {} `$ref` is part of a reference cycle, or of a chain of more than {MAX_HOPS} references",
            T::WHAT
        )))
    }
}

/// An OpenAPI object that a `$ref` can stand for.
pub trait Referable: DeserializeOwned + Sized + 'static {
    /// Its section under `#/components`.
    const SECTION: &'static str;
    /// What it is called in messages.
    const WHAT: &'static str;
    /// The section's entries.
    fn components(components: &openapiv3::Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>>;
    /// The arena that holds those parsed from the raw document.
    fn arena(arenas: &Arenas) -> &Arena<ReferenceOr<Self>>;
    /// The resolver's cache for this kind.
    fn cache<'r, 'a>(resolver: &'r mut Resolver<'a>) -> &'r mut HashMap<Pointer, &'a ReferenceOr<Self>>;
}

macro_rules! referable {
    ($ty:ty, $section:literal, $what:literal, $field:ident, $c:ident => $entries:expr) => {
        impl Referable for $ty {
            const SECTION: &'static str = $section;
            const WHAT: &'static str = $what;
            fn components($c: &openapiv3::Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>> {
                $entries
            }
            fn arena(arenas: &Arenas) -> &Arena<ReferenceOr<Self>> {
                &arenas.$field
            }
            fn cache<'r, 'a>(resolver: &'r mut Resolver<'a>) -> &'r mut HashMap<Pointer, &'a ReferenceOr<Self>> {
                &mut resolver.$field
            }
        }
    };
}

referable!(Parameter, "parameters", "parameter", parameters, c => &c.parameters);
referable!(Response, "responses", "response", responses, c => &c.responses);
referable!(RequestBody, "requestBodies", "request body", bodies, c => &c.request_bodies);
referable!(PathItem, "pathItems", "path item", path_items, _c => &NO_PATH_ITEMS);

#[cfg(test)]
mod tests {
    use super::*;

    /// A document whose schemas, parameters and paths the tests refer to.
    const SPEC: &str = r##"{
        "openapi": "3.0.3",
        "info": { "title": "Refs", "version": "1" },
        "paths": {
            "/pets/{id}": {
                "get": {
                    "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                    "responses": {
                        "200": {
                            "description": "A pet.",
                            "content": { "application/json": { "schema": { "type": "object", "title": "Inline pet" } } }
                        }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Pet": { "type": "object", "title": "Pet" },
                "Alias": { "$ref": "#/components/schemas/Pet" },
                "Two Words": { "type": "string", "title": "Spaced" },
                "a/b~c": { "type": "integer", "title": "Escaped" },
                "Loop1": { "$ref": "#/components/schemas/Loop2" },
                "Loop2": { "$ref": "#/components/schemas/Loop1" },
                "Nested": { "type": "object", "properties": { "inner": { "type": "boolean", "title": "Inner" } } }
            },
            "parameters": {
                "Id": { "$ref": "#/paths/~1pets~1{id}/get/parameters/0" }
            }
        }
    }"##;

    fn with_resolver(check: impl for<'a> FnOnce(&'a Document, &mut Resolver<'a>)) {
        let doc = crate::load::load(SPEC).unwrap_or_else(|d| panic!("{d:?}"));
        let arenas = Arenas::default();
        let mut resolver = Resolver::new(&doc, &arenas);
        check(&doc, &mut resolver);
    }

    /// The pointer and title of the schema `reference` resolves to.
    fn resolved(resolver: &mut Resolver<'_>, reference: &str) -> Result<(String, Option<String>), String> {
        resolver
            .schema(reference)
            .map(|(pointer, schema)| (pointer.to_string(), schema.schema_data.title.clone()))
            .map_err(String::from)
    }

    #[test]
    fn component_references_follow_chains_to_where_the_schema_is_written() {
        with_resolver(|_, resolver| {
            let pet = Ok(("#/components/schemas/Pet".to_owned(), Some("Pet".to_owned())));
            assert_eq!(resolved(resolver, "#/components/schemas/Pet"), pet);
            assert_eq!(resolved(resolver, "#/components/schemas/Alias"), pet);
        });
    }

    #[test]
    fn references_into_paths_and_properties_are_read_from_the_document() {
        with_resolver(|_, resolver| {
            let inline = "#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema";
            assert_eq!(resolved(resolver, inline), Ok((inline.to_owned(), Some("Inline pet".to_owned()))));
            let inner = "#/components/schemas/Nested/properties/inner";
            assert_eq!(resolved(resolver, inner), Ok((inner.to_owned(), Some("Inner".to_owned()))));
            // Once parsed, the same target comes from the cache.
            assert_eq!(resolved(resolver, inner), Ok((inner.to_owned(), Some("Inner".to_owned()))));
        });
    }

    #[test]
    fn percent_encoded_and_escaped_pointers_are_decoded() {
        with_resolver(|_, resolver| {
            assert_eq!(
                resolved(resolver, "#/components/schemas/Two%20Words"),
                Ok(("#/components/schemas/Two Words".to_owned(), Some("Spaced".to_owned())))
            );
            assert_eq!(
                resolved(resolver, "#/components/schemas/a~1b~0c"),
                Ok(("#/components/schemas/a~1b~0c".to_owned(), Some("Escaped".to_owned())))
            );
            assert_eq!(
                resolved(resolver, "#/components/schemas/a%7E1b%7E0c"),
                Ok(("#/components/schemas/a~1b~0c".to_owned(), Some("Escaped".to_owned())))
            );
        });
    }

    #[test]
    fn a_parameter_reference_into_a_path_is_followed() {
        with_resolver(|doc, resolver| {
            let components = doc.api.components.as_ref().unwrap_or_else(|| panic!("no components"));
            let node = components.parameters.get("Id").unwrap_or_else(|| panic!("no parameter"));
            let (at, parameter) = resolver.follow(node).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(at.map(|p| p.to_string()).as_deref(), Some("#/paths/~1pets~1{id}/get/parameters/0"));
            assert_eq!(parameter.parameter_data_ref().name, "id");
        });
    }

    #[test]
    fn unresolvable_references_say_why() {
        with_resolver(|_, resolver| {
            let error = |resolver: &mut Resolver<'_>, reference: &str| {
                resolved(resolver, reference).err().unwrap_or_else(|| panic!("{reference} resolved"))
            };
            assert_eq!(
                error(resolver, "#/components/schemas/Loop1"),
                "`$ref` `#/components/schemas/Loop1` is part of a reference cycle, or of a chain of more than 64 references"
            );
            assert_eq!(
                error(resolver, "#/components/schemas/Missing"),
                "`$ref` `#/components/schemas/Missing` points to nothing"
            );
            assert_eq!(error(resolver, "#/nowhere/at/all"), "`$ref` `#/nowhere/at/all` points to nothing");
            assert_eq!(
                error(resolver, "other.yaml#/components/schemas/Pet"),
                "`$ref` `other.yaml#/components/schemas/Pet` points into another document; only references within the spec are supported"
            );
            assert_eq!(
                error(resolver, "#components"),
                "`$ref` `#components` is neither a JSON pointer nor the `$anchor` of a schema of this document"
            );
            assert_eq!(
                error(resolver, "#/components/schemas/%FF"),
                "`$ref` `#/components/schemas/%FF` is not valid UTF-8 after percent-decoding"
            );
        });
    }
}
