//! Huge specs (thousands of schemas and operations), long `$ref` chains and
//! cycles of every kind.

use super::*;

#[test]
fn thousands_of_schemas_and_operations() {
    const SCHEMAS: usize = 1200;
    const OPERATIONS: usize = 600;
    let mut schemas = serde_json::Map::new();
    for i in 0..SCHEMAS {
        let schema = match i % 4 {
            0 => json!({
                "type": "object",
                "required": ["id"],
                "properties": {
                    "id": { "type": "integer", "format": "int64" },
                    "name": { "type": "string", "maxLength": 64 },
                    "next": reference(format!("S{}", (i + 1) % SCHEMAS)),
                    "tags": { "type": "array", "items": reference(format!("S{}", (i + 7) % SCHEMAS)) },
                }
            }),
            1 => json!({ "type": "string", "enum": ["a", "b", "=", "!=", "-1", ""] }),
            2 => {
                json!({ "allOf": [reference(format!("S{}", i - 2)), { "type": "object", "properties": { "extra": { "type": "boolean" } } }] })
            }
            _ => {
                json!({ "oneOf": [reference(format!("S{}", i - 3)), reference(format!("S{}", i - 1))], "nullable": true })
            }
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let mut paths = serde_json::Map::new();
    for i in 0..OPERATIONS {
        let schema = format!("S{}", (i * 4) % SCHEMAS);
        paths.insert(
            format!("/items{i}/{{id}}"),
            json!({
                "parameters": [{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }],
                "get": {
                    "operationId": format!("get_item_{i}"),
                    "parameters": [
                        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1 } },
                        { "name": "X-Trace", "in": "header", "schema": { "type": "string" } },
                    ],
                    "responses": {
                        "200": { "description": "ok", "content": { "application/json": { "schema": reference(&schema) } } },
                        "4XX": { "description": "bad" },
                        "default": { "description": "other", "content": { "text/plain": { "schema": { "type": "string" } } } },
                    }
                },
                "put": {
                    "requestBody": { "content": { "application/json": { "schema": reference(&schema) } } },
                    "responses": { "204": { "description": "done" } },
                },
            }),
        );
    }
    // Loaded, lowered and emitted; formatting this much takes most of the
    // time in a debug build, and is linear in the output.
    let outcome = run_emit(text(&document(Value::Object(schemas), Value::Object(paths))));
    assert_generated(&outcome, "huge spec");
}

#[test]
fn thousands_of_operations_with_one_operation_id() {
    // Name collisions are resolved by numbering: claiming the same name again
    // and again must not get slower with every claim.
    let mut paths = serde_json::Map::new();
    for i in 0..1500 {
        paths.insert(
            format!("/same{i}"),
            json!({ "get": { "operationId": "same", "responses": { "204": { "description": "none" } } } }),
        );
    }
    let doc = document(json!({}), Value::Object(paths));
    assert_generated(&run_emit(text(&doc)), "one operationId");

    let started = Instant::now();
    let mut names = generator::naming::Namespace::new();
    for i in 0..50_000 {
        let name = names.claim(generator::naming::snake("same", "name"));
        assert_eq!(name.to_string(), if i == 0 { "same".to_owned() } else { format!("same_{}", i + 1) });
    }
    assert!(started.elapsed() < Duration::from_secs(5), "50,000 claims took {:?}", started.elapsed());
}

// ---------------------------------------------------------- long $ref chains

#[test]
fn reference_chain_through_properties_thousands_long() {
    // S0 -> S1 -> ... -> S1999 through required properties; the last has a
    // checked constraint, so every type on the chain needs validation.
    const N: usize = 2000;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let next =
            if i + 1 < N { reference(format!("S{}", i + 1)) } else { json!({ "type": "string", "minLength": 3 }) };
        schemas
            .insert(format!("S{i}"), json!({ "type": "object", "required": ["next"], "properties": { "next": next } }));
    }
    let doc = document(Value::Object(schemas), json!({ "/echo": echo("S0") }));
    assert_generated(&run_emit(text(&doc)), "property chain");
}

#[test]
fn reference_chain_through_arrays_and_maps_thousands_long() {
    const N: usize = 2000;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let next = reference(format!("S{}", (i + 1) % N));
        let schema = if i % 2 == 0 {
            json!({ "type": "object", "properties": { "items": { "type": "array", "items": next } } })
        } else {
            json!({ "type": "object", "properties": { "byKey": { "type": "object", "additionalProperties": next } } })
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let doc = document(Value::Object(schemas), json!({ "/echo": echo("S0") }));
    assert_generated(&run(text(&doc)), "array and map chain (a cycle of 2000)");
}

#[test]
fn alias_chains_thousands_long_and_alias_loops() {
    // A0 = $ref A1, A1 = $ref A2, ...: components that are only a `$ref`.
    const N: usize = 2000;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let schema = if i + 1 < N { reference(format!("A{}", i + 1)) } else { json!({ "type": "string" }) };
        schemas.insert(format!("A{i}"), schema);
    }
    // A pure loop of references that never reaches a schema, and one to itself.
    for i in 0..100 {
        schemas.insert(format!("L{i}"), reference(format!("L{}", (i + 1) % 100)));
    }
    schemas.insert("Me".into(), reference("Me"));
    let doc = document(Value::Object(schemas), json!({ "/echo": echo("A0"), "/loop": echo("L0") }));
    let outcome = run(text(&doc));
    assert!(!outcome.is_generated(), "a `$ref` loop is an error");
    assert!(outcome.mentions("cycle"), "{}", outcome.listing());
    for diag in outcome.diagnostics() {
        assert!(matches!(diag.location, Location::Pointer(_)), "{diag:?}");
    }
}

#[test]
fn ref_chains_through_other_components_and_json_pointers() {
    // Parameters, responses, request bodies and path items that refer to
    // themselves or to each other in loops; schemas reached through pointers
    // into `#/paths/...` and into another schema's properties, in a loop.
    let doc = json!({
        "openapi": "3.0.3",
        "info": { "title": "Loops", "version": "1.0.0" },
        "paths": {
            "/a": {
                "get": {
                    "parameters": [{ "$ref": "#/components/parameters/P1" }],
                    "requestBody": { "$ref": "#/components/requestBodies/B1" },
                    "responses": {
                        "200": { "$ref": "#/components/responses/R1" },
                        "201": { "description": "x", "content": { "application/json": {
                            "schema": { "$ref": "#/paths/~1a/get/responses/201/content/application~1json/schema" } } } },
                        "202": { "description": "y", "content": { "application/json": {
                            "schema": { "$ref": "#/components/schemas/Tree/properties/children/items" } } } }
                    }
                }
            },
            "/b": { "$ref": "#/paths/~1b" },
            "/c": { "$ref": "#/paths/~1d" },
            "/d": { "$ref": "#/paths/~1c" }
        },
        "components": {
            "schemas": {
                "Tree": { "type": "object", "properties": {
                    "children": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } },
                    "parent": { "$ref": "#/components/schemas/Tree/properties/parent" },
                    "self": { "$ref": "#/components/schemas/Tree" } } }
            },
            "parameters": {
                "P1": { "$ref": "#/components/parameters/P2" },
                "P2": { "$ref": "#/components/parameters/P1" }
            },
            "requestBodies": { "B1": { "$ref": "#/components/requestBodies/B1" } },
            "responses": {
                "R1": { "$ref": "#/components/responses/R2" },
                "R2": { "$ref": "#/components/responses/R1" }
            }
        }
    });
    let outcome = run(text(&doc));
    assert!(!outcome.is_generated());
    assert!(outcome.mentions("cycle"), "{}", outcome.listing());
}

// -------------------------------------------------------------------- cycles

#[test]
fn cycles_of_every_kind() {
    let schemas = json!({
        // Self-references through a property, an array, a map, a nullable property.
        "Node": { "type": "object", "properties": {
            "next": { "$ref": "#/components/schemas/Node" },
            "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } },
            "byName": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Node" } },
            "maybe": { "allOf": [{ "$ref": "#/components/schemas/Node" }], "nullable": true } } },
        // A -> B -> C -> A through properties.
        "A": { "type": "object", "properties": { "b": { "$ref": "#/components/schemas/B" } } },
        "B": { "type": "object", "properties": { "c": { "$ref": "#/components/schemas/C" } } },
        "C": { "type": "object", "properties": { "a": { "$ref": "#/components/schemas/A" } } },
        // Through allOf, in a loop and into itself.
        "X": { "allOf": [{ "$ref": "#/components/schemas/Y" }, { "type": "object", "properties": { "x": { "type": "string" } } }] },
        "Y": { "allOf": [{ "$ref": "#/components/schemas/X" }, { "type": "object", "properties": { "y": { "type": "string" } } }] },
        "Z": { "allOf": [{ "$ref": "#/components/schemas/Z" }] },
        // Through oneOf/anyOf, with a discriminator whose mapping loops back.
        "U": { "oneOf": [{ "$ref": "#/components/schemas/U" }, { "$ref": "#/components/schemas/V" }],
               "discriminator": { "propertyName": "kind", "mapping": { "u": "U", "v": "#/components/schemas/V" } } },
        "V": { "anyOf": [{ "$ref": "#/components/schemas/U" }, { "type": "array", "items": { "$ref": "#/components/schemas/V" } }] },
        // Through arrays only: an array of itself.
        "Arr": { "type": "array", "items": { "$ref": "#/components/schemas/Arr" } },
        "Map": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Map" } },
        // Wrappers of one: allOf/oneOf/anyOf of itself.
        "W1": { "oneOf": [{ "$ref": "#/components/schemas/W2" }] },
        "W2": { "anyOf": [{ "$ref": "#/components/schemas/W1" }] },
        // A `not` of itself and an untyped schema with everything at once.
        "N": { "not": { "$ref": "#/components/schemas/N" } },
        "Everything": {
            "properties": { "e": { "$ref": "#/components/schemas/Everything" } },
            "allOf": [{ "$ref": "#/components/schemas/Everything" }],
            "oneOf": [{ "$ref": "#/components/schemas/Everything" }],
            "items": { "$ref": "#/components/schemas/Everything" },
            "additionalProperties": { "$ref": "#/components/schemas/Everything" } },
    });
    let mut paths = serde_json::Map::new();
    for name in ["Node", "A", "X", "Z", "U", "V", "Arr", "Map", "W1", "N", "Everything"] {
        paths.insert(format!("/{name}"), echo(name));
    }
    let outcome = run(text(&document(schemas, Value::Object(paths))));
    // Either generated (cycles boxed) or diagnosed; never a panic or a hang.
    if let Outcome::Failed(_) = &outcome {
        for diag in outcome.diagnostics() {
            assert!(matches!(diag.location, Location::Pointer(_)), "{diag:?}");
        }
    }
}

#[test]
fn one_ring_of_thousands_through_allof_and_unions() {
    // One strongly connected component of 1500 types, alternating allOf and oneOf.
    const N: usize = 1500;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let next = reference(format!("S{}", (i + 1) % N));
        let schema = match i % 3 {
            0 => json!({ "type": "object", "properties": { "next": next, "id": { "type": "integer" } } }),
            1 => json!({ "oneOf": [next, { "type": "string" }] }),
            _ => {
                json!({ "allOf": [{ "type": "object", "properties": { "n": next } }, { "type": "object", "properties": { "m": { "type": "string" } } }] })
            }
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let doc = document(Value::Object(schemas), json!({ "/echo": echo("S0") }));
    assert_generated(&run(text(&doc)), "ring");
}

#[test]
fn allof_chain_hundreds_deep() {
    // S_i = allOf [S_{i+1}, own property]: each type merges every later one,
    // so the output grows with the square of the length; 150 keeps it small.
    const N: usize = 150;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let mut parts = vec![json!({ "type": "object", "properties": { format!("p{i}"): { "type": "string" } } })];
        if i + 1 < N {
            parts.insert(0, reference(format!("S{}", i + 1)));
        }
        schemas.insert(format!("S{i}"), json!({ "allOf": parts }));
    }
    let doc = document(Value::Object(schemas), json!({ "/echo": echo("S0") }));
    assert_generated(&run(text(&doc)), "allOf chain");
}
