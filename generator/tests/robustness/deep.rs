//! Deep nesting, within and beyond the parser's limit, and the inputs the
//! fuzzers found (duplicate keys, YAML alias bombs, deep invalid schemas,
//! security requirements naming schemes that are left out).

use super::*;

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
