//! Robustness: specs that are huge, deeply nested or full of cycles must
//! neither overflow the stack nor hang, and bad input is a diagnostic.
//!
//! Every spec here is built in code and run through the whole pipeline on a
//! thread with a small stack (`STACK`), far below the 8 MiB of a main thread,
//! so any recursion that grows with the input shows up as a stack overflow.
//! Sizes are chosen to keep the file to a few seconds in a debug build.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use generator::{Diagnostic, Location, Options};
use serde_json::{Value, json};

/// The stack every pipeline run gets.
const STACK: usize = 1024 * 1024;

/// What one run of the pipeline gave.
#[derive(Debug)]
enum Outcome {
    /// Generated (or, from `run_emit`, emitted) files: how many, and the warnings.
    Generated { files: usize, warnings: Vec<Diagnostic> },
    /// Diagnostics, errors first.
    Failed(Vec<Diagnostic>),
}

impl Outcome {
    fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Outcome::Generated { warnings, .. } => warnings,
            Outcome::Failed(diags) => diags,
        }
    }

    fn is_generated(&self) -> bool {
        matches!(self, Outcome::Generated { .. })
    }

    /// Whether some diagnostic's message contains `text`.
    fn mentions(&self, text: &str) -> bool {
        self.diagnostics().iter().any(|d| d.message.contains(text))
    }

    /// The diagnostics as `spec#/pointer: message` lines, for failure messages.
    fn listing(&self) -> String {
        let diags = self.diagnostics();
        let mut out: Vec<String> = diags.iter().take(8).map(|d| d.display_for("spec")).collect();
        if diags.len() > 8 {
            out.push(format!("... and {} more", diags.len() - 8));
        }
        out.join("\n")
    }
}

/// Runs the whole pipeline (`generator::generate`) on `text` on a thread with
/// a `STACK`-sized stack, and checks what every run must give (see `check`).
fn run(text: String) -> Outcome {
    on_small_stack(move || {
        let options = Options::new("spec.json", "cargo test --test robustness");
        match generator::generate(&text, &options) {
            Ok(generated) => Outcome::Generated { files: generated.files.len(), warnings: generated.warnings },
            Err(diags) => Outcome::Failed(diags),
        }
    })
}

/// Loads, lowers and emits `text` (no formatting, which is the slow part of
/// a debug build) on a thread with a `STACK`-sized stack. Parsing and
/// formatting run on threads of their own inside the generator; lowering and
/// emitting run on the caller's stack, so this shows their recursion is bounded.
fn run_emit(text: String) -> Outcome {
    on_small_stack(move || {
        let doc = match generator::load::load(&text) {
            Ok(doc) => doc,
            Err(diags) => return Outcome::Failed(diags),
        };
        match generator::lower::lower(&doc, &Options::new("spec.json", "cargo test --test robustness")) {
            Ok(lowered) => {
                let emitted = generator::emit::emit(&lowered.api);
                Outcome::Generated { files: emitted.len(), warnings: lowered.warnings }
            }
            Err(diags) => Outcome::Failed(diags),
        }
    })
}

/// Runs `stages` on a thread with a `STACK`-sized stack and checks what every
/// run must give: a failure has at least one error, each diagnostic has a
/// location (a JSON pointer, or a line and column for a syntax error in the
/// text), and it ends in reasonable time.
fn on_small_stack(stages: impl FnOnce() -> Outcome + Send + 'static) -> Outcome {
    let started = Instant::now();
    let outcome = std::thread::Builder::new()
        .name("pipeline".into())
        .stack_size(STACK)
        .spawn(stages)
        .expect("spawn the pipeline thread")
        .join()
        .expect("the pipeline panicked");
    if let Outcome::Failed(diags) = &outcome {
        assert!(!diags.is_empty(), "the pipeline failed without a diagnostic");
        assert!(
            diags.iter().any(|d| d.severity == generator::Severity::Error),
            "the pipeline failed with warnings only:\n{}",
            outcome.listing()
        );
    }
    for diag in outcome.diagnostics() {
        match &diag.location {
            Location::Pointer(pointer) => assert!(pointer.starts_with('#'), "not a JSON pointer: {diag:?}"),
            Location::LineColumn(line, column) => assert!(*line >= 1 && *column >= 1, "no position: {diag:?}"),
            Location::Setting(key) => panic!("no setting was given, yet a diagnostic names `{key}`: {diag:?}"),
        }
    }
    // Generous: a debug build on a busy 2-core machine. A hang or a quadratic
    // blow-up takes far longer.
    assert!(started.elapsed() < Duration::from_secs(30), "the pipeline took {:?}", started.elapsed());
    outcome
}

fn text(doc: &Value) -> String {
    serde_json::to_string(doc).expect("serialize the spec")
}

/// A document with these component schemas and paths.
fn document(schemas: Value, paths: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Robustness", "version": "1.0.0" },
        "servers": [{ "url": "https://api.example.com" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

/// One `POST /<name>` operation that sends and returns the schema `name`.
fn echo(name: &str) -> Value {
    let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
    json!({
        "post": {
            "operationId": format!("echo{name}"),
            "requestBody": { "required": true, "content": { "application/json": { "schema": reference } } },
            "responses": {
                "200": { "description": "ok", "content": { "application/json": { "schema": reference } } }
            }
        }
    })
}

fn reference(name: impl std::fmt::Display) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn assert_generated(outcome: &Outcome, what: &str) {
    match outcome {
        Outcome::Generated { files, .. } => assert!(*files >= 4, "{what}: only {files} files"),
        Outcome::Failed(_) => panic!("{what}: expected generated files, got:\n{}", outcome.listing()),
    }
}

// ---------------------------------------------------------------- huge specs

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

// ------------------------------------------------------------- deep nesting

/// `levels` schemas nested inline through `keyword`, innermost a string; as text,
/// so that a depth beyond any limit costs nothing to build.
fn nested_schema(levels: usize, keyword: &str) -> String {
    let (open, close) = match keyword {
        "items" => (r#"{"type":"array","items":"#, "}"),
        "properties" => (r#"{"type":"object","properties":{"p":"#, "}}"),
        "allOf" => (r#"{"allOf":[{"type":"object","properties":{"x":{"type":"string"}}},"#, "]}"),
        "oneOf" => (r#"{"oneOf":[{"type":"string"},"#, "]}"),
        "anyOf" => (r#"{"anyOf":["#, "]}"),
        "additionalProperties" => (r#"{"type":"object","additionalProperties":"#, "}"),
        other => panic!("no nesting through {other}"),
    };
    let mut out = String::with_capacity(levels * (open.len() + close.len()) + 20);
    for _ in 0..levels {
        out.push_str(open);
    }
    out.push_str(r#"{"type":"string"}"#);
    for _ in 0..levels {
        out.push_str(close);
    }
    out
}

/// A document whose one component `Deep` and one request body are `schema`.
fn with_deep_schema(schema: &str) -> String {
    format!(
        r##"{{"openapi":"3.0.3","info":{{"title":"Deep","version":"1.0.0"}},
"paths":{{"/deep":{{"post":{{"requestBody":{{"content":{{"application/json":{{"schema":{schema}}}}}}},
"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Deep"}}}}}}}}}}}}}}}},
"components":{{"schemas":{{"Deep":{schema}}}}}}}"##
    )
}

/// JSON nesting of the deepest point of `with_deep_schema(nested_schema(levels, keyword))`.
fn json_depth(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for c in text.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, false, _) => {}
            (false, _, '"') => in_string = true,
            (false, _, '{' | '[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, '}' | ']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[test]
fn deep_nesting_within_the_parser_limit() {
    // As deep as the JSON parser allows (its recursion limit is 128 levels of
    // arrays and objects): every kind of nesting must lower and emit.
    for (keyword, levels) in
        [("items", 118), ("properties", 58), ("allOf", 38), ("oneOf", 58), ("additionalProperties", 118)]
    {
        let spec = with_deep_schema(&nested_schema(levels, keyword));
        assert!(json_depth(&spec) < 128, "{keyword}: depth {}", json_depth(&spec));
        assert_generated(&run_emit(spec.clone()), keyword);
        let outcome = run(spec);
        assert_generated(&outcome, keyword);
    }
}

#[test]
fn deep_nesting_beyond_the_parser_limit_is_a_diagnostic() {
    for (keyword, levels) in [("items", 5000), ("properties", 3000), ("allOf", 2000), ("additionalProperties", 100_000)]
    {
        let outcome = run(with_deep_schema(&nested_schema(levels, keyword)));
        assert!(!outcome.is_generated(), "{keyword}");
        assert!(outcome.mentions("recursion limit"), "{keyword}: {}", outcome.listing());
    }
    // Plain arrays and objects, and the same in YAML (flow and block style).
    // Text that does not start with `{` is read as YAML, whose scanner takes
    // quadratic time in the depth of brackets: found by the `bytes` target.
    let arrays = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let objects = format!(r#"{{"openapi":"3.0.3","x":{}1{}}}"#, r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
    let yaml_flow = format!("openapi: 3.0.3\nx: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let mut yaml_block = String::from("openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\nx:\n");
    for depth in 1..2000 {
        let _ = writeln!(yaml_block, "{}a:", "  ".repeat(depth));
    }
    for spec in [arrays, objects, yaml_flow, yaml_block] {
        let outcome = run(spec);
        assert!(!outcome.is_generated());
        assert!(outcome.mentions("recursion limit"), "{}", outcome.listing());
    }
}

#[test]
fn deep_nesting_through_references() {
    // Inline wrappers that only lead to the next component: W_i = allOf [W_{i+1}],
    // and arrays of arrays through references, 300 levels each. Nesting through
    // references has no parser limit, so the generator bounds it itself.
    const N: usize = 300;
    let mut schemas = serde_json::Map::new();
    for i in 0..N {
        let (wrapper, array) = if i + 1 < N {
            (
                json!({ "allOf": [reference(format!("W{}", i + 1))] }),
                json!({ "type": "array", "items": reference(format!("R{}", i + 1)) }),
            )
        } else {
            (json!({ "type": "string" }), json!({ "type": "string" }))
        };
        schemas.insert(format!("W{i}"), wrapper);
        schemas.insert(format!("R{i}"), array);
    }
    let doc = document(Value::Object(schemas), json!({ "/w": echo("W0"), "/r": echo("R0") }));
    assert_generated(&run_emit(text(&doc)), "nesting through references");
}

#[test]
fn deep_example_values_are_bounded() {
    // Examples are arbitrary JSON that the emitter renders into docs.
    let value = format!("{}1{}", "[".repeat(110), "]".repeat(110));
    let spec = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"t","version":"1.0.0"}},"paths":{{"/a":{{"get":{{"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"type":"array","items":{{}}}},"example":{value}}}}}}}}}}}}}}}}}"#
    );
    assert!(json_depth(&spec) < 128);
    assert_generated(&run(spec), "deep example");
}

// ------------------------------------------------- inputs the fuzzers found

#[test]
fn duplicate_keys_are_a_diagnostic_not_a_panic() {
    // Found by the `bytes` fuzz target: a key twice in one object made
    // `openapiv3` panic ("somehow this parsed successfully the second time").
    let yaml = "openapi: 3.0.1\ninfo: {title: t, version: 1.0.0}\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n    get:\n      responses:\n        '200': {description: ok}\n";
    let json = r#"{"openapi":"3.0.3","info":{"title":"t","version":"1.0.0"},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"string","type":"integer"}}}}}}}}}"#;
    for (spec, pointer) in [
        (yaml.to_owned(), "#/paths/~1a/get"),
        (json.to_owned(), "#/paths/~1a/get/responses/200/content/application~1json/schema/type"),
    ] {
        let outcome = run(spec);
        assert!(!outcome.is_generated());
        let diags = outcome.diagnostics();
        assert_eq!(diags.len(), 1, "{}", outcome.listing());
        assert_eq!(diags[0].location, Location::Pointer(pointer.to_owned()));
        assert!(diags[0].message.contains("appears more than once"), "{}", outcome.listing());
    }
}

#[test]
fn yaml_number_keys_read_like_json_string_keys() {
    // YAML keys such as `200:` or `1:` are numbers; the typed parser once read a
    // number key as a field index. Every key is now read as a string.
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  1: {type: string}\n                  true: {type: integer}\n                0: x\n";
    let outcome = run(spec.to_owned());
    for diag in outcome.diagnostics() {
        assert!(matches!(diag.location, Location::Pointer(_)), "{diag:?}");
    }
}

#[test]
fn yaml_alias_bombs_finish() {
    // "Billion laughs": each level refers to the one before ten times.
    let mut spec =
        String::from("openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\nx:\n  a0: &a0 [lol, lol]\n");
    for i in 1..30 {
        let previous = format!("*a{}", i - 1);
        let _ = writeln!(spec, "  a{i}: &a{i} [{}]", [previous.as_str(); 10].join(", "));
    }
    let started = Instant::now();
    let outcome = run(spec);
    assert!(!outcome.is_generated() || started.elapsed() < Duration::from_secs(10));
}

#[test]
fn unicode_indentation_in_descriptions() {
    // Found by the `structured` target: a description line indented with
    // ideographic spaces (three bytes each) was sliced inside a character.
    let odd = "\u{3000}\u{3000}first\n\n\u{3000}\u{3000}\u{3000}second\n\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}third";
    let doc = json!({
        "openapi": "3.0.3",
        "info": { "title": "Unicode", "version": "1.0.0", "description": odd },
        "paths": { "/a": { "get": {
            "description": odd,
            "responses": { "200": { "description": odd, "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/Thing" } } } } } } } },
        "components": { "schemas": { "Thing": { "type": "object", "description": odd,
            "properties": { "name": { "type": "string", "description": odd } } } } },
    });
    assert_generated(&run(text(&doc)), "Unicode indentation");
}

#[test]
fn brackets_in_yaml_strings_below_the_bound_still_load() {
    // The bracket bound counts brackets anywhere, strings included; it is well
    // above the parser's own limit, so real text with brackets is unaffected.
    let description = "[".repeat(150);
    let spec =
        format!("openapi: 3.0.3\ninfo:\n  title: t\n  version: 1.0.0\n  description: '{description}'\npaths: {{}}\n");
    assert_generated(&run(spec), "brackets in a string");
}

/// `levels` schemas nested through `keyword` around `innermost`, as JSON text.
fn nested_around(levels: usize, keyword: &str, innermost: &str) -> String {
    let mut text = nested_schema(levels, keyword);
    let plain = r#"{"type":"string"}"#;
    if let Some(at) = text.rfind(plain) {
        text.replace_range(at..at + plain.len(), innermost);
    }
    text
}

#[test]
fn an_invalid_schema_deep_inside_is_found_in_linear_time() {
    // Found by the `structured` target: 22 single `anyOf`s around an invalid
    // schema ran for minutes, as openapiv3 retries each level's parse when an inner
    // one fails, doubling the time per level.
    for keyword in ["anyOf", "oneOf", "allOf", "items", "properties", "additionalProperties"] {
        let levels = if keyword == "properties" { 40 } else { 50 };
        let started = Instant::now();
        let outcome = run(with_deep_schema(&nested_around(levels, keyword, r#"{"type":5}"#)));
        assert!(started.elapsed() < Duration::from_secs(10), "{keyword}: {:?}", started.elapsed());
        assert!(!outcome.is_generated(), "{keyword}");
        let diags = outcome.diagnostics();
        assert_eq!(diags.len(), 1, "{keyword}: {}", outcome.listing());
        match &diags[0].location {
            Location::Pointer(pointer) => {
                assert!(pointer.starts_with("#/components/schemas/Deep/"), "{keyword}: {pointer}");
                assert!(pointer.matches(keyword).count() >= levels, "{keyword}: {pointer}");
            }
            other => panic!("{keyword}: {other:?}"),
        }
    }
    // The same in YAML, and inside a parameter's schema.
    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: 1.0.0}}\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          schema: {}\n      responses:\n        '204': {{description: none}}\n",
        nested_around(40, "anyOf", r#"{"properties":{"p":null}}"#)
    );
    let outcome = run(yaml);
    assert!(!outcome.is_generated());
    assert!(
        matches!(&outcome.diagnostics()[0].location, Location::Pointer(p) if p.starts_with("#/paths/~1a/get/parameters/0/schema/anyOf/0")),
        "{}",
        outcome.listing()
    );
}

#[test]
fn deep_valid_schemas_pass_the_schema_check() {
    // Deeper than `MAX_UNCHECKED_SCHEMA_DEPTH`, valid, and with words that are
    // keywords elsewhere as names: each schema is checked, none is refused.
    let innermost = r#"{"type":"object","properties":{"schema":{"type":"integer"},"example":{"type":"string","example":{"schema":5}}}}"#;
    let spec = format!(
        r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1.0.0"}},
"paths":{{"/a":{{"get":{{"parameters":[{{"name":"schema","in":"query","required":true,"schema":{{"type":"string"}}}}],
"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/Deep"}},
"example":{{"schema":{{"type":5}}}}}}}}}}}}}}}}}},
"components":{{"parameters":{{"schema":{{"name":"schema","in":"query","required":true,"schema":{{"type":"integer"}}}}}},
"schemas":{{"Deep":{}}}}}}}"##,
        nested_around(20, "anyOf", innermost)
    );
    assert_generated(&run(spec), "deep valid schemas");
}

#[test]
fn a_ref_to_a_deep_invalid_schema_anywhere_is_found_in_linear_time() {
    // A `$ref` may point into data the loader does not read as schemas (an
    // example's value here); what it points to is checked the same way.
    let spec = format!(
        r##"{{"openapi":"3.0.3","info":{{"title":"t","version":"1.0.0"}},
"paths":{{"/a":{{"get":{{"parameters":[{{"$ref":"#/components/examples/P/value"}}],
"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/examples/E/value"}}}}}}}}}}}}}}}},
"components":{{"examples":{{"E":{{"value":{deep}}},
"P":{{"value":{{"name":"p","in":"query","schema":{deep}}}}}}}}}}}"##,
        deep = nested_around(40, "anyOf", r#"{"type":5}"#)
    );
    let started = Instant::now();
    let outcome = run(spec);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(!outcome.is_generated());
    assert!(outcome.mentions("does not point to a valid schema"), "{}", outcome.listing());
    assert!(outcome.mentions("does not point to a valid parameter"), "{}", outcome.listing());
}

#[test]
fn security_requirements_naming_schemes_that_are_left_out() {
    // Found by the `structured` target: a requirement was turned into an index
    // into every declared scheme, but the lowered list leaves out the ones it
    // cannot use (a `$ref` scheme), so the index was out of bounds.
    let doc = |extra: Value| {
        let mut schemes = json!({
            "Basic": { "type": "http", "scheme": "basic" },
            "Referenced": { "$ref": "#/components/securitySchemes/Basic" },
            "Key": { "type": "apiKey", "in": "query", "name": "key" },
        });
        if let (Value::Object(schemes), Value::Object(extra)) = (&mut schemes, extra) {
            schemes.extend(extra);
        }
        json!({
            "openapi": "3.0.3",
            "info": { "title": "Security", "version": "1.0.0" },
            "security": [{ "Referenced": [] }],
            "paths": {
                "/a": { "get": { "security": [{ "Key": [] }, { "Referenced": [] }], "responses": { "204": { "description": "none" } } } },
                "/b": { "get": { "security": [{ "Basic": [] }, { "Bad header": [] }], "responses": { "204": { "description": "none" } } } },
                "/c": { "get": { "responses": { "204": { "description": "none" } } } },
            },
            "components": { "securitySchemes": schemes },
        })
    };
    let outcome = run(text(&doc(json!({}))));
    assert_generated(&outcome, "a `$ref` scheme");
    // A scheme refused with an error is left out too.
    let bad = json!({ "Bad header": { "type": "apiKey", "in": "header", "name": "Bad header" } });
    let outcome = run(text(&doc(bad)));
    assert!(!outcome.is_generated());
    assert!(outcome.mentions("not a valid HTTP header name"), "{}", outcome.listing());
    assert!(run_emit(text(&doc(json!({})))).is_generated());
}
