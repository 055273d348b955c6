use serde_json::{Value, json};

use super::{Normalised, Tuple, Version, normalise};
use crate::diag::{Location, Pointer, Severity};

/// A 3.1 document with `schemas` as its component schemas.
fn document(schemas: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": schemas}
    })
}

fn schema_pointer(name: &str) -> Pointer {
    Pointer::root().push("components").push("schemas").push(name)
}

/// Normalises one component schema `S`; returns it and the normalisation.
fn normalised_schema(schema: Value) -> (Value, Normalised) {
    let normalised = normalise(document(json!({ "S": schema })), Version::V3_1);
    let schema = normalised.value.pointer("/components/schemas/S").cloned().unwrap_or(Value::Null);
    (schema, normalised)
}

fn schema_of(schema: Value) -> Value {
    normalised_schema(schema).0
}

/// The diagnostics, as `severity pointer: message`.
fn diagnostics(normalised: &Normalised) -> Vec<String> {
    normalised
        .diagnostics
        .iter()
        .map(|d| {
            let at = match &d.location {
                Location::Pointer(p) => p.clone(),
                Location::LineColumn(l, c) => format!("{l}:{c}"),
                Location::Setting(key) => key.clone(),
            };
            let severity = if d.severity == Severity::Error { "error" } else { "warning" };
            format!("{severity} {at}: {}", d.message)
        })
        .collect()
}

#[test]
fn a_type_list_with_null_is_a_nullable_type() {
    assert_eq!(
        schema_of(json!({"type": ["string", "null"], "minLength": 1})),
        json!({"type": "string", "nullable": true, "minLength": 1})
    );
    assert_eq!(schema_of(json!({"type": ["null", "integer"]})), json!({"type": "integer", "nullable": true}));
    assert_eq!(schema_of(json!({"type": "null"})), json!({"nullable": true, "enum": [null]}));
    assert_eq!(schema_of(json!({"type": ["integer", "number"]})), json!({"type": "number"}));
}

#[test]
fn a_type_list_becomes_a_union_with_each_types_keywords() {
    let (schema, normalised) = normalised_schema(json!({
        "type": ["string", "array", "null"],
        "description": "a name or names",
        "minLength": 1,
        "items": {"type": "string"},
        "maxItems": 3,
        "enum": ["x", ["x", "y"], null]
    }));
    assert_eq!(
        schema,
        json!({
            "description": "a name or names",
            "nullable": true,
            "anyOf": [
                {"type": "string", "minLength": 1, "enum": ["x"]},
                {"type": "array", "items": {"type": "string"}, "maxItems": 3, "enum": [["x", "y"]]}
            ]
        })
    );
    let s = schema_pointer("S");
    assert_eq!(normalised.map.original(&s.push("anyOf").push("1").push("items")), s.push("items"));
    assert_eq!(normalised.map.original(&s.push("anyOf").push("0")), s);
    // A reference to the schema itself still means the whole union.
    assert_eq!(normalised.map.normalised(&s), s);
    assert_eq!(normalised.map.normalised(&s.push("items")), s.push("anyOf").push("1").push("items"));
}

#[test]
fn a_type_whose_enum_lists_no_value_of_it_is_left_out() {
    assert_eq!(
        schema_of(json!({"type": ["string", "integer"], "enum": ["a", "b"]})),
        json!({"type": "string", "enum": ["a", "b"]})
    );
}

#[test]
fn a_null_branch_makes_a_union_nullable() {
    let (schema, normalised) = normalised_schema(json!({
        "oneOf": [{"type": "null", "description": "none"}, {"$ref": "#/components/schemas/A"}, {"type": "string"}]
    }));
    assert_eq!(schema, json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "string"}], "nullable": true}));
    let s = schema_pointer("S");
    assert_eq!(normalised.map.original(&s.push("oneOf").push("1")), s.push("oneOf").push("2"));
    assert_eq!(
        schema_of(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
        json!({"anyOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
    );
    assert_eq!(schema_of(json!({"anyOf": [{"type": "null"}]})), json!({"nullable": true, "enum": [null]}));
}

#[test]
fn a_reference_with_siblings_is_an_all_of() {
    let (schema, normalised) = normalised_schema(json!({
        "$ref": "#/components/schemas/A", "description": "Overrides A's.", "nullable": true
    }));
    assert_eq!(
        schema,
        json!({"description": "Overrides A's.", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
    );
    let s = schema_pointer("S");
    assert_eq!(normalised.map.original(&s.push("allOf").push("0")), s);
    // Extensions and comments say nothing about the value: a plain reference stays one.
    assert_eq!(
        schema_of(json!({"$ref": "#/components/schemas/A", "x-internal": true, "$comment": "c"})),
        json!({"$ref": "#/components/schemas/A", "x-internal": true})
    );
    // Beside an `allOf`, the reference is its last entry.
    assert_eq!(
        schema_of(json!({"$ref": "#/components/schemas/A", "allOf": [{"$ref": "#/components/schemas/B"}]})),
        json!({"allOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/A"}]})
    );
}

#[test]
fn const_is_a_one_value_enum() {
    assert_eq!(schema_of(json!({"const": "card"})), json!({"enum": ["card"]}));
    assert_eq!(schema_of(json!({"type": "integer", "const": 2})), json!({"type": "integer", "enum": [2]}));
    assert_eq!(schema_of(json!({"const": null})), json!({"nullable": true, "enum": [null]}));
}

#[test]
fn numeric_exclusive_bounds_keep_the_stricter_bound() {
    assert_eq!(
        schema_of(json!({"type": "number", "exclusiveMinimum": 0})),
        json!({"type": "number", "minimum": 0, "exclusiveMinimum": true})
    );
    assert_eq!(
        schema_of(json!({"type": "number", "minimum": 10, "exclusiveMinimum": 5})),
        json!({"type": "number", "minimum": 10})
    );
    assert_eq!(
        schema_of(json!({"type": "number", "minimum": 1, "exclusiveMaximum": 5, "maximum": 3})),
        json!({"type": "number", "minimum": 1, "maximum": 3})
    );
    assert_eq!(
        schema_of(json!({"type": "number", "maximum": 9, "exclusiveMaximum": 5})),
        json!({"type": "number", "maximum": 5, "exclusiveMaximum": true})
    );
    // The 3.0 form, which some 3.1 documents still use, is left as it is.
    assert_eq!(
        schema_of(json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})),
        json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
    );
}

#[test]
fn the_first_of_examples_is_the_example() {
    let (schema, normalised) = normalised_schema(json!({"type": "string", "examples": ["a", "b"]}));
    assert_eq!(schema, json!({"type": "string", "example": "a"}));
    let s = schema_pointer("S");
    assert_eq!(normalised.map.original(&s.push("example")), s.push("examples").push("0"));
    assert_eq!(
        schema_of(json!({"type": "string", "example": "c", "examples": ["a"]})),
        json!({"type": "string", "example": "c"})
    );
}

#[test]
fn boolean_schemas_are_empty_and_negated_schemas() {
    assert_eq!(
        schema_of(
            json!({"type": "object", "properties": {"any": true, "never": false}, "additionalProperties": false})
        ),
        json!({"type": "object", "properties": {"any": {}, "never": {"not": {}}}, "additionalProperties": false})
    );
}

#[test]
fn prefix_items_are_recorded_as_a_tuple() {
    let (schema, normalised) = normalised_schema(json!({
        "type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}], "items": false, "minItems": 2
    }));
    assert_eq!(
        schema,
        json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}], "minItems": 2})
    );
    assert_eq!(normalised.extras.tuples.get(&schema_pointer("S")), Some(&Tuple { len: 2, closed: true, min_items: 2 }));
    let (_, open) = normalised_schema(json!({"prefixItems": [{"type": "number"}], "items": {"type": "string"}}));
    assert_eq!(open.extras.tuples.get(&schema_pointer("S")), Some(&Tuple { len: 1, closed: false, min_items: 0 }));
    let (_, bounded) = normalised_schema(json!({"prefixItems": [{}, {}], "maxItems": 2}));
    assert_eq!(bounded.extras.tuples.get(&schema_pointer("S")), Some(&Tuple { len: 2, closed: true, min_items: 0 }));
    assert_eq!(schema_of(json!({"type": "array", "items": false})), json!({"type": "array", "maxItems": 0}));
}

#[test]
fn pattern_properties_and_property_names_are_maps() {
    let (schema, normalised) =
        normalised_schema(json!({"type": "object", "patternProperties": {"^x-": {"type": "integer"}}}));
    assert_eq!(schema, json!({"type": "object", "additionalProperties": {"type": "integer"}}));
    let s = schema_pointer("S");
    assert_eq!(normalised.map.original(&s.push("additionalProperties")), s.push("patternProperties").push("^x-"));
    assert_eq!(
        schema_of(json!({"patternProperties": {"^a": {"type": "integer"}, "^b": {"type": "string"}}})),
        json!({"type": "object", "additionalProperties": {"anyOf": [{"type": "integer"}, {"type": "string"}]}})
    );
    assert_eq!(
        schema_of(json!({"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}})),
        json!({"type": "object", "additionalProperties": {}})
    );
    let (schema, normalised) = normalised_schema(json!({
        "type": "object", "properties": {"a": {"type": "string"}}, "patternProperties": {"^x-": {}}
    }));
    assert_eq!(schema, json!({"type": "object", "properties": {"a": {"type": "string"}}}));
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/S/patternProperties: `patternProperties` beside `properties` or `additionalProperties` has no Rust type; those properties are not typed"
        ]
    );
}

#[test]
fn unevaluated_properties_false_closes_the_object() {
    assert_eq!(
        schema_of(json!({"allOf": [{"$ref": "#/components/schemas/A"}], "unevaluatedProperties": false})),
        json!({"allOf": [{"$ref": "#/components/schemas/A"}], "additionalProperties": false})
    );
    assert_eq!(
        schema_of(json!({"type": "object", "unevaluatedProperties": {"type": "string"}})),
        json!({"type": "object", "additionalProperties": {"type": "string"}})
    );
    let (_, normalised) = normalised_schema(json!({
        "type": "object", "properties": {"a": {}}, "unevaluatedProperties": {"type": "string"}
    }));
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/S/unevaluatedProperties: `unevaluatedProperties` here has no exact Rust type; properties other than those listed are not typed"
        ]
    );
}

#[test]
fn what_has_no_rust_type_is_dropped_with_a_warning_that_names_it() {
    let (schema, normalised) = normalised_schema(json!({
        "type": "object",
        "properties": {"kind": {"type": "string"}, "ref": {"$dynamicRef": "#node", "description": "d"}},
        "if": {"properties": {"kind": {"const": "a"}}},
        "then": {"required": ["a"]},
        "dependentSchemas": {"kind": {"required": ["b"]}}
    }));
    assert_eq!(
        schema,
        json!({"type": "object", "properties": {"kind": {"type": "string"}, "ref": {"description": "d"}}})
    );
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/S/if: a conditional schema (`if`/`then`/`else`) has no Rust type; the value is typed without it, which accepts more than the schema allows",
            "warning #/components/schemas/S/dependentSchemas: `dependentSchemas` has no Rust type; the value is typed without it, which accepts more than the schema allows",
            "warning #/components/schemas/S/properties/ref/$dynamicRef: `$dynamicRef` (a reference resolved at run time by JSON Schema) is not supported; the value is read as any JSON value",
        ]
    );
}

#[test]
fn warnings_below_a_moved_schema_name_the_place_as_written() {
    let (_, normalised) = normalised_schema(json!({
        "type": ["object", "string"],
        "properties": {"a": {"type": "string", "if": {}}}
    }));
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/S/properties/a/if: a conditional schema (`if`/`then`/`else`) has no Rust type; the value is typed without it, which accepts more than the schema allows"
        ]
    );
}

#[test]
fn binary_content_is_a_byte_or_binary_string() {
    assert_eq!(
        schema_of(json!({"type": "string", "contentEncoding": "base64"})),
        json!({"type": "string", "format": "byte"})
    );
    assert_eq!(schema_of(json!({"contentMediaType": "image/png"})), json!({"format": "binary", "type": "string"}));
    assert_eq!(schema_of(json!({"type": "string", "contentMediaType": "application/json"})), json!({"type": "string"}));
}

#[test]
fn dialects_other_than_the_openapi_one_are_located_errors() {
    let mut doc = document(json!({"S": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}}));
    doc["jsonSchemaDialect"] = json!("https://example.com/dialect");
    let normalised = normalise(doc, Version::V3_1);
    assert_eq!(
        diagnostics(&normalised),
        [
            "error #/jsonSchemaDialect: the JSON Schema dialect \"https://example.com/dialect\" is not supported; schemas are read as the OpenAPI 3.1 dialect (JSON Schema 2020-12)",
            "error #/components/schemas/S/$schema: the JSON Schema dialect \"http://json-schema.org/draft-07/schema#\" is not supported; schemas are read as JSON Schema 2020-12",
        ]
    );
    let mut doc = document(json!({"S": {"$schema": "https://json-schema.org/draft/2020-12/schema"}}));
    doc["jsonSchemaDialect"] = json!("https://spec.openapis.org/oas/3.1/dialect/base");
    assert!(normalise(doc, Version::V3_1).diagnostics.is_empty());
}

#[test]
fn references_by_id_and_anchor_become_pointers() {
    let normalised = normalise(
        document(json!({
            "Pet": {
                "$id": "https://example.com/schemas/pet",
                "type": "object",
                "properties": {"tag": {"$ref": "#/$defs/tag"}, "owner": {"$ref": "person"}},
                "$defs": {"tag": {"$anchor": "tag", "type": "string"}}
            },
            "Person": {"$id": "https://example.com/schemas/person", "type": "object"},
            "ByAnchor": {"$ref": "https://example.com/schemas/pet#tag"},
            "ByPointer": {"$ref": "#/components/schemas/Pet/$defs/tag"},
            "Elsewhere": {"$ref": "https://example.org/other.json#/Thing"}
        })),
        Version::V3_1,
    );
    let at = |p: &str| normalised.value.pointer(p).cloned().unwrap_or(Value::Null);
    assert_eq!(at("/components/schemas/Pet/properties/tag/$ref"), json!("#/components/schemas/Pet/$defs/tag"));
    assert_eq!(at("/components/schemas/Pet/properties/owner/$ref"), json!("#/components/schemas/Person"));
    assert_eq!(at("/components/schemas/ByAnchor/$ref"), json!("#/components/schemas/Pet/$defs/tag"));
    assert_eq!(at("/components/schemas/ByPointer/$ref"), json!("#/components/schemas/Pet/$defs/tag"));
    assert_eq!(at("/components/schemas/Elsewhere/$ref"), json!("https://example.org/other.json#/Thing"));
}

#[test]
fn a_document_pointer_under_an_id_that_holds_nothing_there_reads_the_document() {
    let normalised = normalise(
        document(json!({
            "Planet": {
                "$id": "https://api.example.com/schemas/planet",
                "type": "object",
                "properties": {
                    "moon": {"$ref": "#/components/schemas/Moon"},
                    "ring": {"$ref": "#/$defs/ring"}
                },
                "$defs": {"ring": {"type": "string"}}
            },
            "Moon": {"type": "object"}
        })),
        Version::V3_1,
    );
    let at = |p: &str| normalised.value.pointer(p).cloned().unwrap_or(Value::Null);
    // Strictly, `#/components/schemas/Moon` is a pointer into the `$id`'s schema, where nothing is.
    assert_eq!(at("/components/schemas/Planet/properties/moon/$ref"), json!("#/components/schemas/Moon"));
    // What the `$id` holds is read there, without a warning.
    assert_eq!(at("/components/schemas/Planet/properties/ring/$ref"), json!("#/components/schemas/Planet/$defs/ring"));
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/Planet/properties/moon/$ref: `#/components/schemas/Moon` resolved against the `$id` `https://api.example.com/schemas/planet` finds nothing there; it is read as a pointer into this document"
        ]
    );
}

#[test]
fn a_use_that_binds_a_generic_schema_s_dynamic_anchor_is_the_schema_with_its_binding() {
    let normalised = normalise(
        document(json!({
            "Page": {
                "type": "object",
                "properties": {"data": {"type": "array", "items": {"$dynamicRef": "#item"}}},
                "$defs": {"item": {"$dynamicAnchor": "item"}}
            },
            "Pets": {
                "description": "A page of pets.",
                "$ref": "#/components/schemas/Page",
                "$defs": {"item": {"$dynamicAnchor": "item", "$ref": "#/components/schemas/Pet"}}
            },
            "Tags": {
                "$ref": "#/components/schemas/Page",
                "$defs": {"item": {"$dynamicAnchor": "item", "type": "string", "maxLength": 9}}
            },
            "Pet": {"type": "object"}
        })),
        Version::V3_1,
    );
    let at = |p: &str| normalised.value.pointer(p).cloned().unwrap_or(Value::Null);
    assert_eq!(at("/components/schemas/Pets/properties/data/items"), json!({"$ref": "#/components/schemas/Pet"}));
    assert_eq!(at("/components/schemas/Pets/description"), json!("A page of pets."));
    assert_eq!(at("/components/schemas/Pets/type"), json!("object"));
    // A binding written in place is referred to where it is.
    assert_eq!(
        at("/components/schemas/Tags/properties/data/items"),
        json!({"$ref": "#/components/schemas/Tags/$defs/item"})
    );
    // The generic schema, as it is, reads its item as any value.
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/components/schemas/Page/properties/data/items/$dynamicRef: `$dynamicRef` (a reference resolved at run time by JSON Schema) is not supported; the value is read as any JSON value"
        ]
    );
}

#[test]
fn a_reference_into_a_moved_schema_follows_it() {
    let normalised = normalise(
        document(json!({
            "A": {"type": ["object", "string"], "properties": {"x": {"type": "integer"}}},
            "B": {"$ref": "#/components/schemas/A/properties/x"},
            "C": {"$ref": "#/components/schemas/A"}
        })),
        Version::V3_1,
    );
    let at = |p: &str| normalised.value.pointer(p).cloned().unwrap_or(Value::Null);
    assert_eq!(at("/components/schemas/B/$ref"), json!("#/components/schemas/A/anyOf/0/properties/x"));
    assert_eq!(at("/components/schemas/C/$ref"), json!("#/components/schemas/A"));
}

#[test]
fn document_parts_that_3_0_has_no_place_for_come_beside_it() {
    let doc = json!({
        "openapi": "3.2.0",
        "$self": "https://example.com/openapi.json",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "t", "summary": "In short.", "version": "1", "license": {"name": "MIT", "identifier": "MIT"}},
        "webhooks": {"newPet": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": ["string", "null"]}}}}}}},
        "paths": {
            "/search": {
                "query": {"operationId": "search", "responses": {"200": {"content": {}}}},
                "additionalOperations": {"LINK": {"operationId": "link"}, "get": {}},
                "get": {"parameters": [{"in": "querystring", "name": "q", "content": {"application/x-www-form-urlencoded": {}}}]}
            }
        },
        "components": {
            "securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "k"}},
            "examples": {"e": {"dataValue": {"a": 1}}}
        }
    });
    let normalised = normalise(doc, Version::V3_2);
    let extras = &normalised.extras;
    assert_eq!(extras.summary.as_deref(), Some("In short."));
    assert_eq!(extras.license_identifier.as_deref(), Some("MIT"));
    assert_eq!(extras.webhooks, [("newPet".to_owned(), Pointer::root().push("webhooks").push("newPet"))]);
    let operations: Vec<(String, String, String)> =
        extras.operations.iter().map(|o| (o.path.clone(), o.method.clone(), o.at.to_string())).collect();
    assert_eq!(
        operations,
        [
            ("/search".to_owned(), "QUERY".to_owned(), "#/paths/~1search/query".to_owned()),
            ("/search".to_owned(), "LINK".to_owned(), "#/paths/~1search/additionalOperations/LINK".to_owned()),
        ]
    );
    let querystring = Pointer::parse("#/paths/~1search/get/parameters/0");
    assert!(extras.unsupported_parameters.contains_key(&querystring));
    let value = &normalised.value;
    assert_eq!(value["openapi"], json!("3.0.3"));
    assert!(value.get("jsonSchemaDialect").is_none() && value.get("$self").is_none());
    assert_eq!(value["paths"]["/search"]["get"]["parameters"][0]["in"], json!("query"));
    assert_eq!(value["paths"]["/search"]["query"]["responses"]["200"]["description"], json!(""));
    assert_eq!(value["paths"]["/search"]["additionalOperations"]["LINK"]["responses"], json!({}));
    assert_eq!(
        value["webhooks"]["newPet"]["post"]["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "string", "nullable": true})
    );
    assert_eq!(value["components"]["examples"]["e"]["value"], json!({"a": 1}));
    assert!(value["components"]["securitySchemes"].get("mtls").is_none());
    assert_eq!(
        diagnostics(&normalised),
        [
            "warning #/paths/~1search/additionalOperations/get: `get` is a method with a field of its own in a path item; this entry is ignored",
            "warning #/components/securitySchemes/mtls: a mutualTLS security scheme is not configured by the client; give it a `reqwest::Client` with the client certificate (`ClientBuilder::http_client`)",
        ]
    );
}

#[test]
fn a_document_without_paths_has_empty_paths() {
    let normalised = normalise(json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}), Version::V3_1);
    assert_eq!(normalised.value["paths"], json!({}));
}
