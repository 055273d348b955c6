//! Generic schemas (JSON Schema 2020-12's `$dynamicRef`/`$dynamicAnchor`)
//! bound by each use, written out as one concrete schema per use before the
//! normalisation reads them.
//!
//! A component schema `G` is generic when it declares a `$dynamicAnchor`
//! (`itemType`, usually in its `$defs`) and refers to it with `$dynamicRef:
//! "#itemType"`. A component schema `S` that refers to `G` (`$ref`) and binds
//! the anchor in its own `$defs` (`itemType: {$dynamicAnchor: itemType, $ref:
//! Planet}`) is `G` with each such `$dynamicRef` replaced by the binding:
//! `PaginatedPlanets` is `{data: [Planet], meta}`, not `{data: [any], meta}`.
//! `S` keeps its own keywords (`$id`, `title`, `description`, `$defs`);
//! the references `G` writes keep their meaning (each is made absolute
//! against `G`'s base where `G` holds its target, else it is left as it is,
//! a pointer into the document). `G` itself, used as it is, still reads its
//! `$dynamicRef` as any JSON value (with the normalisation's warning).

use serde_json::{Map, Value};

use super::refs::{absolute, without_fragment};

/// Writes out every use of a generic component schema that binds its
/// dynamic anchors. `document_base` is the base URI of the document.
pub(super) fn bind(doc: &mut Value, document_base: &str) {
    let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) else { return };
    let mut bound: Vec<(String, Value)> = Vec::new();
    for (name, schema) in schemas {
        let Some(object) = schema.as_object() else { continue };
        let Some(reference) = object.get("$ref").and_then(Value::as_str) else { continue };
        let bindings = bindings(object);
        if bindings.is_empty() {
            continue;
        }
        let base = base_of(object, document_base);
        let Some((generic_name, generic)) = generic_target(schemas, reference, &base, document_base) else {
            continue;
        };
        if generic_name == *name {
            continue;
        }
        let anchors = dynamic_anchors(generic);
        if !bindings.iter().any(|(_, anchor, _)| anchors.contains(anchor)) {
            continue;
        }
        let generic_base = base_of(generic, document_base);
        let mut copy = Value::Object(generic.clone());
        let own_pointer = format!("#/components/schemas/{}", escape(name));
        let binding_refs: Vec<(String, Value)> = bindings
            .iter()
            .filter(|(_, anchor, _)| anchors.contains(anchor))
            .map(|(key, anchor, binding)| {
                // A binding that is only a reference is that reference (written
                // where `S` is, under `S`'s base); else a pointer to it in `S`.
                let target = match binding.get("$ref").and_then(Value::as_str) {
                    Some(reference) if binding.keys().all(|k| matches!(k.as_str(), "$ref" | "$dynamicAnchor")) => {
                        reference.to_owned()
                    }
                    _ if base == document_base => format!("{own_pointer}/$defs/{}", escape(key)),
                    _ => format!("{base}#/$defs/{}", escape(key)),
                };
                (format!("#{anchor}"), Value::String(target))
            })
            .collect();
        if let Value::Object(copy) = &mut copy {
            copy.remove("$id");
            copy.remove("$ref");
            if let Some(Value::Object(defs)) = copy.get_mut("$defs") {
                defs.retain(|_, def| {
                    def.get("$dynamicAnchor").and_then(Value::as_str).is_none_or(|a| !anchors.contains(&a.to_owned()))
                });
            }
        }
        let original = Value::Object(generic.clone());
        rewrite(&mut copy, &binding_refs, &original, &generic_base, document_base);
        let Value::Object(mut merged) = copy else { continue };
        for (key, value) in object {
            match (key.as_str(), merged.get_mut("$defs")) {
                ("$ref", _) => {}
                ("$defs", Some(Value::Object(defs))) => {
                    if let Value::Object(own) = value {
                        defs.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
                    }
                }
                _ => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
        bound.push((name.clone(), Value::Object(merged)));
    }
    if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        for (name, schema) in bound {
            schemas.insert(name, schema);
        }
    }
}

/// The entries of a schema's `$defs` that declare a `$dynamicAnchor`: key, anchor, entry.
fn bindings(object: &Map<String, Value>) -> Vec<(String, String, Map<String, Value>)> {
    let Some(Value::Object(defs)) = object.get("$defs") else { return Vec::new() };
    defs.iter()
        .filter_map(|(key, def)| {
            let def = def.as_object()?;
            let anchor = def.get("$dynamicAnchor")?.as_str()?;
            Some((key.clone(), anchor.to_owned(), def.clone()))
        })
        .collect()
}

/// The dynamic anchors a schema declares and refers to (`$dynamicRef: "#name"`).
fn dynamic_anchors(schema: &Map<String, Value>) -> Vec<String> {
    let mut declared = Vec::new();
    let mut referred = Vec::new();
    let mut pending: Vec<&Value> = schema.values().collect();
    if let Some(anchor) = schema.get("$dynamicAnchor").and_then(Value::as_str) {
        declared.push(anchor.to_owned());
    }
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(object) => {
                if let Some(anchor) = object.get("$dynamicAnchor").and_then(Value::as_str) {
                    declared.push(anchor.to_owned());
                }
                if let Some(anchor) = object.get("$dynamicRef").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                    referred.push(anchor.to_owned());
                }
                pending.extend(object.iter().filter(|(k, _)| !is_data(k)).map(|(_, v)| v));
            }
            Value::Array(items) => pending.extend(items),
            _ => {}
        }
    }
    declared.retain(|anchor| referred.contains(anchor));
    declared
}

/// The component schema a reference written under `base` names: a pointer
/// `#/components/schemas/NAME` (read against the document, as the references
/// under an `$id` that holds nothing there are), or the `$id` of a component schema.
fn generic_target<'d>(
    schemas: &'d Map<String, Value>,
    reference: &str,
    base: &str,
    document_base: &str,
) -> Option<(String, &'d Map<String, Value>)> {
    let name = match reference.strip_prefix('#') {
        Some(pointer) => {
            let name = pointer.strip_prefix("/components/schemas/").filter(|name| !name.contains('/'))?;
            name.replace("~1", "/").replace("~0", "~")
        }
        None => {
            let resolved = absolute(reference, base)?;
            let (resource, fragment) = resolved.split_once('#').unwrap_or((resolved.as_str(), ""));
            if !fragment.is_empty() {
                return None;
            }
            let id_of = |schema: &Value| schema.get("$id").and_then(Value::as_str).and_then(|id| absolute(id, document_base));
            schemas.iter().find(|(_, schema)| id_of(schema).as_deref().map(without_fragment) == Some(resource))?.0.clone()
        }
    };
    Some((name.clone(), schemas.get(&name)?.as_object()?))
}

/// The copy of a generic schema, placed where another is: each `$dynamicRef`
/// to a bound anchor becomes a `$ref` to its binding; each fragment `$ref`
/// whose target the generic (`G`, with its own `$id`) holds is made absolute
/// against `G`'s base.
fn rewrite(value: &mut Value, bindings: &[(String, Value)], generic: &Value, generic_base: &str, document_base: &str) {
    match value {
        Value::Object(object) => {
            if let Some(target) =
                object.get("$dynamicRef").and_then(Value::as_str).and_then(|r| bindings.iter().find(|(a, _)| a == r))
            {
                let target = target.1.clone();
                object.remove("$dynamicRef");
                object.insert("$ref".to_owned(), target);
            } else if let Some(Value::String(reference)) = object.get_mut("$ref") {
                if let Some(fragment) = reference.strip_prefix('#') {
                    let held = !fragment.starts_with('/') || generic.pointer(fragment).is_some();
                    if generic_base != document_base && held {
                        *reference = format!("{generic_base}#{fragment}");
                    }
                }
            }
            for (key, inner) in object.iter_mut() {
                if !is_data(key) && key != "$ref" {
                    rewrite(inner, bindings, generic, generic_base, document_base);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, bindings, generic, generic_base, document_base);
            }
        }
        _ => {}
    }
}

/// The base URI inside a schema: its `$id` against the document's base, or that.
fn base_of(object: &Map<String, Value>, document_base: &str) -> String {
    match object.get("$id").and_then(Value::as_str).and_then(|id| absolute(id, document_base)) {
        Some(id) => without_fragment(&id).to_owned(),
        None => document_base.to_owned(),
    }
}

/// Keys whose values are data, not schemas.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "enum" | "const") || key.starts_with("x-")
}

/// A name escaped as a JSON pointer token.
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}
