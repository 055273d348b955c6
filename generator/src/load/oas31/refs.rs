//! References in a normalised 3.1 document. Every `$ref` becomes a JSON pointer
//! into the normalised document:
//!
//! - a pointer to a schema that the normalisation moved points where it went;
//! - a reference by URI, to a schema's `$id` or `$anchor`, resolved against
//!   the base URI of where it is written (RFC 3986; the document's own base is
//!   its `$self`, when it has one), becomes the pointer of that schema;
//! - a reference into another document stays as it is (lowering reports it);
//! - a fragment (`#/components/schemas/Pet`) written inside a schema with an
//!   `$id` resolves against that `$id`; when that finds nothing (documents
//!   write such fragments meaning the document), it is read against the
//!   document instead, with a warning that names the `$ref`.

use std::collections::HashMap;

use fluent_uri::{Uri, UriRef};
use serde_json::Value;

use crate::diag::{Diagnostic, Pointer};
use crate::load::source_map::SourceMap;

/// The base URI of a document that names none: a name no reference outside
/// the document can use (`.invalid` is reserved for that).
pub(super) const DOCUMENT_BASE: &str = "https://openapi-document.invalid/";

/// Keys whose values are data, not OpenAPI objects or schemas.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// The schemas with an `$id` or `$anchor`, by absolute URI (an anchor's URI
/// has its name as the fragment).
#[derive(Default)]
struct Identified {
    ids: HashMap<String, Pointer>,
    anchors: HashMap<String, Pointer>,
}

/// Rewrites every `$ref` of the normalised document `doc` as a pointer into it.
/// `self_uri` is the document's `$self`. Returns the warnings (each `$ref`
/// read against the document because its `$id` held nothing there).
pub(super) fn resolve(doc: &mut Value, map: &SourceMap, self_uri: Option<&str>) -> Vec<Diagnostic> {
    let document_base = self_uri
        .and_then(|uri| Uri::parse(uri.to_owned()).ok())
        .map(|uri| without_fragment(uri.as_str()).to_owned())
        .unwrap_or_else(|| DOCUMENT_BASE.to_owned());
    let mut identified = Identified::default();
    collect(doc, &Pointer::root(), &document_base, false, &mut identified);
    if map.is_empty() && identified.ids.is_empty() && identified.anchors.is_empty() && self_uri.is_none() {
        return Vec::new();
    }
    // What a reference points at is looked up in the document as it was
    // before any `$ref` is rewritten (only needed where an `$id` sets a base).
    let original = (!identified.ids.is_empty()).then(|| doc.clone());
    let context = Context { map, identified: &identified, document_base: &document_base, original: original.as_ref() };
    let mut warnings = Vec::new();
    rewrite(doc, &Pointer::root(), &document_base, false, &context, &mut warnings);
    warnings
}

struct Context<'c> {
    map: &'c SourceMap,
    identified: &'c Identified,
    document_base: &'c str,
    /// The document before its references are rewritten, when an `$id` sets a base.
    original: Option<&'c Value>,
}

pub(super) fn without_fragment(uri: &str) -> &str {
    uri.split_once('#').map_or(uri, |(before, _)| before)
}

/// `reference` resolved against `base` (an absolute URI without fragment).
pub(super) fn absolute(reference: &str, base: &str) -> Option<String> {
    let base = Uri::parse(base.to_owned()).ok()?;
    let reference = UriRef::parse(reference.to_owned()).ok()?;
    reference.resolve_against(&base).ok().map(|uri| uri.as_str().to_owned())
}

/// The base URI inside an object: its `$id` resolved against `base`, or `base`.
fn base_of(object: &serde_json::Map<String, Value>, base: &str) -> String {
    match object.get("$id").and_then(Value::as_str).and_then(|id| absolute(id, base)) {
        Some(id) => without_fragment(&id).to_owned(),
        None => base.to_owned(),
    }
}

fn collect(value: &Value, at: &Pointer, base: &str, names: bool, out: &mut Identified) {
    match value {
        Value::Object(object) => {
            let base = if names { base.to_owned() } else { base_of(object, base) };
            if !names {
                if object.contains_key("$id") {
                    out.ids.entry(base.clone()).or_insert_with(|| at.clone());
                }
                if let Some(anchor) = object.get("$anchor").and_then(Value::as_str) {
                    out.anchors.entry(format!("{base}#{anchor}")).or_insert_with(|| at.clone());
                }
            }
            for (key, inner) in object {
                if !names && is_data(key) {
                    continue;
                }
                let inner_names = !names && crate::load::NAMED_MAPS.contains(&key.as_str());
                collect(inner, &at.push(key), &base, inner_names, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &at.push(i.to_string()), base, false, out);
            }
        }
        _ => {}
    }
}

fn rewrite(value: &mut Value, at: &Pointer, base: &str, names: bool, context: &Context<'_>, warnings: &mut Vec<Diagnostic>) {
    match value {
        Value::Object(object) => {
            let base = if names { base.to_owned() } else { base_of(object, base) };
            if !names {
                if let Some(Value::String(reference)) = object.get_mut("$ref") {
                    let found = target(reference, &base, context);
                    match document_fallback(reference, &base, found.as_ref(), context) {
                        Some(pointer) => {
                            warnings.push(Diagnostic::warning(
                                &context.map.original(&at.push("$ref")),
                                format!(
                                    "`{reference}` resolved against the `$id` `{base}` finds nothing there; it is read as a pointer into this document"
                                ),
                            ));
                            *reference = pointer.to_reference();
                        }
                        None => {
                            if let Some(pointer) = found {
                                *reference = pointer.to_reference();
                            }
                        }
                    }
                }
            }
            for (key, inner) in object.iter_mut() {
                if !names && (is_data(key) || key == "$ref") {
                    continue;
                }
                let inner_names = !names && crate::load::NAMED_MAPS.contains(&key.as_str());
                rewrite(inner, &at.push(key), &base, inner_names, context, warnings);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                rewrite(item, &at.push(i.to_string()), base, false, context, warnings);
            }
        }
        _ => {}
    }
}

/// For a fragment pointer written under the base an `$id` sets, whose strict
/// target `found` is not in the document: the same pointer read against the
/// document, when something is there.
fn document_fallback(reference: &str, base: &str, found: Option<&Pointer>, context: &Context<'_>) -> Option<Pointer> {
    let original = context.original?;
    let fragment = reference.strip_prefix('#')?;
    if base == context.document_base {
        return None;
    }
    let exists = |pointer: &Pointer| original.pointer(pointer.as_str()).is_some();
    if found.is_some_and(exists) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8().ok()?;
    if !decoded.starts_with('/') {
        return None;
    }
    let pointer = context.map.normalised(&Pointer::parse(&decoded));
    exists(&pointer).then_some(pointer)
}

/// Where a reference written under `base` points in the normalised document;
/// `None` to leave it as it is.
fn target(reference: &str, base: &str, context: &Context<'_>) -> Option<Pointer> {
    if let Some(fragment) = reference.strip_prefix('#') {
        if base == context.document_base {
            // The common case, read without URI parsing (pointers into `#/paths/...`
            // hold `{` and `}`, which a URI may not).
            let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8().ok()?;
            if !decoded.is_empty() && !decoded.starts_with('/') {
                return context.identified.anchors.get(&format!("{base}#{decoded}")).cloned();
            }
            let written = Pointer::parse(&decoded);
            let moved = context.map.normalised(&written);
            return (moved != written).then_some(moved);
        }
    }
    let resolved = absolute(reference, base)?;
    let (resource, fragment) = resolved.split_once('#').unwrap_or((resolved.as_str(), ""));
    let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8().ok()?;
    let within =
        if resource == context.document_base { Pointer::root() } else { context.identified.ids.get(resource)?.clone() };
    let written = if fragment.is_empty() {
        within
    } else if fragment.starts_with('/') {
        Pointer::parse(&format!("{}{}", within.as_str(), fragment))
    } else {
        return context.identified.anchors.get(&format!("{resource}#{fragment}")).cloned();
    };
    Some(context.map.normalised(&written))
}
