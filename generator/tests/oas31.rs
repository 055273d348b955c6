//! OpenAPI 3.1 and 3.2 documents through the whole pipeline: what a construct
//! without a faithful type becomes, and where diagnostics point.

use generator::{Diagnostic, Options, generate};

fn options() -> Options {
    Options::new("spec.yaml", "cargo test --test oas31")
}

/// The diagnostics of a run (warnings of a generated crate, or the errors), as `spec#/pointer: message`.
fn diagnostics(spec: &str) -> (bool, Vec<String>) {
    let render = |diags: &[Diagnostic]| diags.iter().map(|d| d.display_for("spec.yaml")).collect();
    match generate(spec, &options()) {
        Ok(generated) => (true, render(&generated.warnings)),
        Err(diags) => (false, render(&diags)),
    }
}

/// The text of one generated file.
fn file(spec: &str, path: &str) -> String {
    let generated = generate(spec, &options()).unwrap_or_else(|d| panic!("{d:?}"));
    generated.files.into_iter().find(|f| f.path == path).map(|f| f.contents).unwrap_or_default()
}

const HEAD: &str = "openapi: 3.1.0\ninfo: {title: T, version: 1.0.0}\n";

#[test]
fn an_error_below_a_moved_schema_names_the_place_as_written() {
    // The type list makes the schema an `anyOf` in the 3.0 form; the error inside
    // its object branch is still reported where the document has it.
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: [object, string]\n      properties:\n        b: {{type: string, minLength: -1}}\n"
    );
    let (generated, diags) = diagnostics(&spec);
    assert!(!generated);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        diags[0],
        "spec.yaml#/components/schemas/A/properties/b: not valid OpenAPI 3.1: invalid value: integer `-1`, expected usize"
    );
}

#[test]
fn a_reference_to_a_schema_that_is_not_valid_is_any_value_with_a_warning() {
    let spec = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        kind: {{$ref: '#/components/schemas/Item/definitions/kind'}}\n      definitions:\n        kind:\n          type: {{enum: [a, b]}}\n"
    );
    let (generated, diags) = diagnostics(&spec);
    assert!(generated, "{diags:?}");
    assert_eq!(
        diags,
        [
            "spec.yaml#/components/schemas/Item/properties/kind: warning: `$ref` `#/components/schemas/Item/definitions/kind` does not point to a valid schema: invalid type: map, expected a string; the value is typed as any JSON value"
        ]
    );
    assert!(file(&spec, "src/types.rs").contains("pub kind: Option<serde_json::Value>,"));
}

#[test]
fn an_operation_with_a_querystring_parameter_is_skipped_and_the_rest_generated() {
    let spec = "openapi: 3.2.0\ninfo: {title: T, version: 1.0.0}\npaths:\n  /a:\n    get:\n      operationId: whole\n      parameters:\n        - {name: q, in: querystring, content: {application/x-www-form-urlencoded: {schema: {type: object}}}}\n      responses: {'204': {description: No content.}}\n    post:\n      operationId: other\n      responses: {'204': {description: No content.}}\n";
    let (generated, diags) = diagnostics(spec);
    assert!(generated);
    assert_eq!(
        diags,
        [
            "spec.yaml#/paths/~1a/get/parameters/0: warning: operation skipped: a `querystring` parameter (the whole query string as one value) is not supported"
        ]
    );
    let client = file(spec, "src/client.rs");
    assert!(client.contains("pub async fn other(") && !client.contains("pub async fn whole("));
}

#[test]
fn an_operation_without_responses_succeeds_on_any_2xx() {
    let spec = format!("{HEAD}paths:\n  /ping:\n    post:\n      operationId: ping\n");
    let client = file(&spec, "src/client.rs");
    assert!(client.contains("-> Result<runtime::Response<()>, runtime::Error<()>>"), "{client}");
    assert!(client.contains("200..=299 =>"), "{client}");
}

#[test]
fn query_and_other_methods_of_3_2_are_operations() {
    let spec = "openapi: 3.2.0\ninfo: {title: T, version: 1.0.0}\npaths:\n  /docs:\n    query:\n      operationId: search\n      responses: {'200': {description: Found.}}\n    additionalOperations:\n      PURGE:\n        operationId: purge\n        responses: {'204': {}}\n";
    let client = file(spec, "src/client.rs");
    assert!(
        client.contains("runtime::extension_method(\"QUERY\")?,\n            path,\n            \"search\","),
        "{client}"
    );
    assert!(
        client.contains("runtime::extension_method(\"PURGE\")?,\n            path,\n            \"purge\","),
        "{client}"
    );
    assert!(client.contains("`QUERY /docs`"), "{client}");
}

#[test]
fn the_licence_identifier_and_summary_reach_the_crate() {
    let spec = "openapi: 3.1.0\ninfo: {title: T, summary: A short summary., version: 1.0.0, license: {name: Apache 2.0, identifier: Apache-2.0}}\npaths: {}\n";
    assert!(file(spec, "Cargo.toml").contains("\nlicense = \"Apache-2.0\"\n"));
    // The summary opens the README, which is the crate docs.
    assert!(file(spec, "README.md").contains("\nA short summary.\n"), "{}", file(spec, "README.md"));
    assert!(file(spec, "src/lib.rs").contains("#![doc = include_str!(\"../README.md\")]"));
}

#[test]
fn a_document_pointer_inside_a_schema_with_an_id_resolves_against_the_document_with_a_warning() {
    // Strictly, the fragment resolves against the `$id` and points to nothing.
    let spec = format!(
        r##"{HEAD}paths:
  /planets:
    get:
      operationId: listPlanets
      responses:
        "200":
          description: A page of planets.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/PlanetPage"
components:
  schemas:
    PlanetPage:
      $id: https://api.example.com/schemas/planet-page
      type: object
      required: [data]
      properties:
        data:
          type: array
          items:
            $ref: "#/components/schemas/Planet"
    Planet:
      type: object
      required: [name]
      properties:
        name:
          type: string
"##
    );
    let (generated, diags) = diagnostics(&spec);
    assert!(generated, "{diags:?}");
    assert_eq!(
        diags,
        [
            "spec.yaml#/components/schemas/PlanetPage/properties/data/items/$ref: warning: `#/components/schemas/Planet` resolved against the `$id` `https://api.example.com/schemas/planet-page` finds nothing there; it is read as a pointer into this document"
        ]
    );
    let types = file(&spec, "src/types.rs");
    assert!(types.contains("pub data: Vec<Planet>,"), "{types}");
}

#[test]
fn a_generic_page_bound_by_its_use_is_a_concrete_type() {
    // `PaginatedResource` refers to its item type through `$dynamicRef`; each use binds it.
    let spec = format!(
        r##"{HEAD}paths:
  /planets:
    get:
      operationId: listPlanets
      responses:
        "200":
          description: A page of planets.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/PaginatedPlanets"
  /moons:
    get:
      operationId: listMoons
      responses:
        "200":
          description: A page of moons.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/PaginatedMoons"
components:
  schemas:
    PaginatedResource:
      $id: https://api.example.com/schemas/paginated-resource
      type: object
      required: [data, meta]
      properties:
        data:
          type: array
          items:
            $dynamicRef: "#itemType"
        meta:
          $ref: "#/components/schemas/PageMeta"
      $defs:
        itemType:
          $dynamicAnchor: itemType
    PaginatedPlanets:
      $id: https://api.example.com/schemas/paginated-planets
      description: A page of planets.
      $ref: "#/components/schemas/PaginatedResource"
      $defs:
        itemType:
          $dynamicAnchor: itemType
          $ref: "#/components/schemas/Planet"
    PaginatedMoons:
      $ref: "https://api.example.com/schemas/paginated-resource"
      $defs:
        itemType:
          $dynamicAnchor: itemType
          type: object
          required: [name]
          properties:
            name:
              type: string
    PageMeta:
      type: object
      properties:
        next:
          type: string
    Planet:
      type: object
      required: [name]
      properties:
        name:
          type: string
"##
    );
    let (generated, diags) = diagnostics(&spec);
    assert!(generated, "{diags:?}");
    let types = file(&spec, "src/types.rs");
    let planets = types.split("pub struct PaginatedPlanets {").nth(1).unwrap_or_default();
    let planets = planets.split('}').next().unwrap_or_default();
    assert!(planets.contains("pub data: Vec<Planet>,"), "{types}");
    assert!(planets.contains("pub meta: PageMeta,"), "{types}");
    let moons = types.split("pub struct PaginatedMoons {").nth(1).unwrap_or_default();
    let moons = moons.split('}').next().unwrap_or_default();
    assert!(moons.contains("pub data: Vec<PaginatedMoonsItemType>,"), "{types}");
    assert!(moons.contains("pub meta: PageMeta,"), "{types}");
    // The generic page read as it is keeps the looser item type (with a
    // warning), and its document pointer under its `$id` is read against the
    // document (with a warning, for the generic and each use).
    let generic = "spec.yaml#/components/schemas/PaginatedResource/properties/data/items/$dynamicRef: warning:";
    assert!(diags.iter().any(|d| d.starts_with(generic)), "{diags:?}");
    assert!(!diags.iter().any(|d| d.contains("PaginatedMoons")), "{diags:?}");
}
