//! Tests of `values.rs`.

use super::*;

fn api(spec: &str) -> Api {
    let doc = generator::load::load(spec).unwrap_or_else(|e| panic!("{e:?}"));
    generator::lower::lower(&doc, &generator::Options::new("spec.yaml", "test")).unwrap_or_else(|e| panic!("{e:?}")).api
}

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /pets/{petId}:
    post:
      operationId: createPet
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string, pattern: '^p-\d{3}$'}}
        - {name: limit, in: query, schema: {type: integer, minimum: 5, maximum: 9}}
        - {name: tags, in: query, schema: {type: array, minItems: 2, items: {type: string, format: email}}}
        - {name: X-Trace, in: header, example: abc, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '201': {description: created}
        '4XX': {description: client error}
        default: {description: error}
components:
  schemas:
    Pet:
      type: object
      required: [name, kind, owner, weight]
      properties:
        name: {type: string, minLength: 15, maxLength: 20}
        kind: {type: string, enum: [cat, dog]}
        weight: {type: number, exclusiveMinimum: true, minimum: 0}
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      required: [id]
      properties:
        id: {type: string, format: uuid}
        nickname: {type: string, example: Bob}
"#;

#[test]
fn values_satisfy_the_constraints_and_examples_are_kept_apart() {
    let api = api(SPEC);
    let case = case(&api, &api.operations[0]);
    let synthesized = |name: &str| case.args[name].synthesized.clone();
    assert_eq!(synthesized("path.pet_id"), Some(json!("p-000")));
    assert_eq!(synthesized("params.limit"), Some(json!(5)));
    assert_eq!(synthesized("params.tags"), Some(json!(["conformance@example.com", "conformance@example.com"])));
    assert_eq!(case.args["params.x_trace"].example, Some(json!("abc")));
    assert_eq!(
        synthesized("body"),
        Some(json!({
            "name": "conformancexxxx",
            "kind": "cat",
            "weight": 1,
            "owner": {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}
        }))
    );
    // Optional fields are filled in only from examples.
    let example = case.args["body"].example.clone().unwrap_or_default();
    assert_eq!(example["owner"]["nickname"], json!("Bob"));
    assert_eq!(case.checks, [Some("code=201".to_owned()), Some("code=400".to_owned()), Some("code=500".to_owned())]);
}

#[test]
fn free_form_objects_get_objects() {
    let api = api(r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /modules:
    post:
      operationId: registerModules
      parameters:
        - {name: filter, in: query, schema: {type: object}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [modules, descriptor, settings]
              properties:
                modules: {type: array, items: {$ref: '#/components/schemas/Module'}}
                descriptor: {type: object, example: 'not an object'}
                settings: {type: object, additionalProperties: true, example: {theme: dark}}
      responses:
        '204': {description: registered}
components:
  schemas:
    Module: {type: object, description: any properties}
"#);
    let case = case(&api, &api.operations[0]);
    assert_eq!(case.args["params.filter"].synthesized, Some(json!({"key": "conformance"})));
    // An item is an object (Jira's `ConnectModule`, once a string); a
    // string example of an object is left alone, an object example used.
    assert_eq!(
        case.args["body"].synthesized,
        Some(json!({"modules": [{"key": {}}], "descriptor": {"key": {}}, "settings": {"theme": "dark"}}))
    );
    assert_eq!(case.args["body"].example, None);
}

#[test]
fn values_satisfy_lists_of_required_properties() {
    let api = api(r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /alerts:
    patch:
      operationId: updateAlert
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                state: {type: string}
                assignee: {type: string}
                file_ids: {type: array, items: {type: string}}
                files: {type: array, items: {type: string}}
              anyOf: [{required: [state]}, {required: [assignee]}]
              oneOf: [{required: [file_ids]}, {required: [files]}]
      responses:
        '204': {description: updated}
"#);
    let case = case(&api, &api.operations[0]);
    let body = &case.args["body"];
    assert_eq!(body.synthesized, Some(json!({"state": "conformance", "file_ids": ["conformance"]})));
    // Every optional field, but not a second alternative of the `oneOf`.
    assert_eq!(
        body.complete,
        Some(json!({"state": "conformance", "assignee": "conformance", "file_ids": ["conformance"]}))
    );
}
#[test]
fn an_untagged_union_gets_a_value_only_one_alternative_takes() {
    // Every listing has `id`, and a bare id is a `Licence` and a `Waiver`;
    // `Permit`'s registration needs only a number, so the registration
    // `Licence` would send makes it a `Permit` too: `Licence` is told apart
    // by its `exemption` alone (whose reason `Waiver` does not list).
    let spec = r#"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /listings:
    post:
      operationId: createListing
      requestBody:
        required: true
        content:
          application/json:
            schema:
              oneOf:
                - title: Licence
                  type: object
                  required: [id]
                  properties:
                    id: {type: integer}
                    registration:
                      type: object
                      required: [number, owner]
                      properties: {number: {type: string}, owner: {type: string}}
                    exemption:
                      type: object
                      required: [reason]
                      properties: {reason: {type: string, enum: [not_included]}}
                - title: Permit
                  type: object
                  required: [id, registration]
                  properties:
                    id: {type: integer}
                    registration:
                      type: object
                      required: [number]
                      properties: {number: {type: string}}
                - title: Waiver
                  type: object
                  required: [id]
                  properties:
                    id: {type: integer}
                    exemption:
                      type: object
                      required: [reason]
                      properties: {reason: {type: string, enum: [hotel]}}
      responses:
        '204': {description: created}
"#;
    let api = api(spec);
    let body = case(&api, &api.operations[0]).args["body"].synthesized.clone();
    assert_eq!(body, Some(json!({"id": 1, "exemption": {"reason": "not_included"}})));
    let builder = Builder { api: &api, examples: false, parameter: false };
    let Some(Type::Named(id)) = api.operations[0].body.as_ref().map(|b| b.ty.clone()) else { panic!("a union") };
    let Some(TypeKind::Union(u)) = api.types.get(id).map(|d| d.kind.clone()) else { panic!("a union") };
    let takers = |value: Value| builder.takers(&u, &value, 0);
    assert_eq!(takers(json!({"id": 1})), ["Licence", "Waiver"]);
    // Adding the registration would let `Permit` take it too: it is left out.
    assert_eq!(takers(json!({"id": 1, "registration": {"number": "n", "owner": "o"}})).len(), 3);
}
