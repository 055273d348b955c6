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
pub type ResolveError = String;

/// Turns a `$ref` string into a pointer into this document.
pub fn parse_ref(reference: &str) -> Result<Pointer, ResolveError> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(format!(
            "`$ref` `{reference}` points into another document; only references within the spec are supported"
        ));
    };
    let decoded = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map_err(|_| format!("`$ref` `{reference}` is not valid UTF-8 after percent-decoding"))?;
    if !decoded.is_empty() && !decoded.starts_with('/') {
        return Err(format!("`$ref` `{reference}` is not a JSON pointer"));
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
        let raw = self.doc.raw().ok_or_else(|| "the document cannot be re-read to resolve a reference".to_owned())?;
        let value = raw.pointer(pointer.as_str()).ok_or_else(|| format!("`$ref` `{pointer}` points to nothing"))?;
        // The target may be anywhere, even in data the loader did not check (see
        // `crate::load::invalid_deep_schema`).
        if let Some((at, message)) = crate::load::invalid_deep_schema(value, pointer, what == "schema") {
            return Err(format!("`$ref` `{pointer}` does not point to a valid {what}: at `{at}`: {message}"));
        }
        serde_json::from_value(value.clone())
            .map_err(|e| format!("`$ref` `{pointer}` does not point to a valid {what}: {e}"))
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
        Err(format!(
            "`$ref` `{reference}` is part of a reference cycle, or of a chain of more than {MAX_HOPS} references"
        ))
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
                .ok_or_else(|| format!("`$ref` `{pointer}` points to nothing"))?,
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
                                Some(None) => return Err(format!("`$ref` `{pointer}` points to nothing")),
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
        Err(format!(
            "a {} `$ref` is part of a reference cycle, or of a chain of more than {MAX_HOPS} references",
            T::WHAT
        ))
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
