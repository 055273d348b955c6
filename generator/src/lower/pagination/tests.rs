//! Tests of the recognition and checks of paginated list operations.

use super::*;
use crate::lower::{Options, lower};

/// A spec with one `GET /items` whose `x-` extension is `extension` (YAML,
/// indented for the operation) and whose page is `{items, next, total}`.
fn spec(extension: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: T, version: '1'}}
paths:
  /items/{{id}}:
    get:
      operationId: list
{extension}
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
        - {{name: cursor, in: query, schema: {{type: string}}}}
        - {{name: count, in: query, schema: {{type: integer}}}}
      responses:
        '200':
          description: A page.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {{type: array, items: {{type: string}}}}
                  next: {{type: string}}
                  total: {{type: integer}}
"
    )
}

/// The warnings of lowering `text`, and whether `list` got a stream method.
fn outcome(text: &str) -> (Vec<String>, bool) {
    let doc = crate::load::load(text).unwrap_or_else(|d| panic!("{d:?}"));
    let lowered = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let warnings = lowered.warnings.iter().map(|w| w.display_for("")).collect();
    (warnings, lowered.api.operations[0].pagination.is_some())
}

#[test]
fn simple_paths_are_read_and_the_rest_diagnosed() {
    assert_eq!(json_path("$"), Ok(Vec::new()));
    assert_eq!(json_path("$.data.items"), Ok(vec!["data".to_owned(), "items".to_owned()]));
    assert!(json_path("$.data[-1].id").is_err());
    assert!(json_path("$..id").is_err());
    assert!(json_path("data.items").is_err());
    assert_eq!(fern_path("$request.cursor", "$request"), Ok(vec!["cursor".to_owned()]));
    assert_eq!(fern_path("$response.page.next", "$response"), Ok(vec!["page".to_owned(), "next".to_owned()]));
    assert!(fern_path("$response.next", "$request").is_err());
    assert!(fern_path("$responsenext", "$response").is_err());
}

#[test]
fn a_well_formed_extension_gives_a_stream_method() {
    let (warnings, paged) = outcome(&spec(
        "      x-fern-pagination: {cursor: $request.cursor, next_cursor: $response.next, results: $response.items}",
    ));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(paged);
}

#[test]
fn a_malformed_extension_is_a_warning_at_its_pointer_and_no_stream_method() {
    let at = "#/paths/~1items~1{id}/get";
    let cases = [
        (
            "      x-dropshot-pagination: 3",
            format!(
                "{at}/x-dropshot-pagination: warning: `x-dropshot-pagination` must be `true` or an object; `list` gets no stream method"
            ),
        ),
        (
            "      x-dropshot-pagination: true",
            format!(
                "{at}/x-dropshot-pagination: warning: the operation has no query, header or cookie parameter `page_token`; `list` gets no stream method"
            ),
        ),
        (
            "      x-speakeasy-pagination: {type: cursor, inputs: [{name: id, in: parameters, type: cursor}], outputs: {nextCursor: $.next}}",
            format!(
                "{at}/x-speakeasy-pagination/inputs/0/name: warning: the path parameter `id` cannot carry a page; only query, header and cookie parameters can; `list` gets no stream method"
            ),
        ),
        (
            "      x-speakeasy-pagination: {type: cursor, inputs: [{name: cursor, in: requestBody, type: cursor}]}",
            format!(
                "{at}/x-speakeasy-pagination/inputs/0/in: warning: inputs in the request body are not supported; only `in: parameters`; `list` gets no stream method"
            ),
        ),
        (
            "      x-speakeasy-pagination: {type: offsetLimit, inputs: [{name: cursor, in: parameters, type: offset}], outputs: {results: $.items}}",
            format!(
                "{at}/x-speakeasy-pagination/inputs/0: warning: a page or offset input must be an integer; `list` gets no stream method"
            ),
        ),
        (
            "      x-speakeasy-pagination: {type: pages}",
            format!(
                "{at}/x-speakeasy-pagination/type: warning: unknown pagination type `pages`; expected `offsetLimit`, `cursor` or `url`; `list` gets no stream method"
            ),
        ),
        (
            "      x-fern-pagination: true",
            format!(
                "{at}/x-fern-pagination: warning: `x-fern-pagination: true` takes the document's `x-fern-pagination`, but the document has none; `list` gets no stream method"
            ),
        ),
        (
            "      x-fern-pagination: {cursor: $request.cursor, next_cursor: $response.total, results: $response.items}",
            format!(
                "{at}/x-fern-pagination/next_cursor: warning: the cursor's type does not match the parameter `cursor` that sends it; `list` gets no stream method"
            ),
        ),
        (
            "      x-fern-pagination: {cursor: $request.cursor, next_cursor: $response.next, results: $response.next}",
            format!(
                "{at}/x-fern-pagination/results: warning: the results `next` are not an array; `list` gets no stream method"
            ),
        ),
        (
            "      x-fern-pagination: {next_uri: $response.links.next, results: $response.items}",
            format!(
                "{at}/x-fern-pagination/next_uri: warning: the response has no field `links`; `list` gets no stream method"
            ),
        ),
    ];
    for (extension, expected) in cases {
        let (warnings, paged) = outcome(&spec(extension));
        assert_eq!(warnings, [expected], "{extension}");
        assert!(!paged, "{extension}");
    }
}

#[test]
fn stream_names_never_take_a_name_an_operation_has() {
    let text = spec(
        "      x-fern-pagination: {cursor: $request.cursor, next_cursor: $response.next, results: $response.items}",
    ) + "  /other:\n    get:\n      operationId: list_stream\n      responses: {'200': {description: OK}}\n";
    let doc = crate::load::load(&text).unwrap_or_else(|d| panic!("{d:?}"));
    let lowered = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
    let names: Vec<&str> = lowered.api.operations.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(names, ["list", "list_stream"]);
    let stream = lowered.api.operations[0].pagination.as_ref().map(|p| p.method.as_str().to_owned());
    assert_eq!(stream.as_deref(), Some("list_stream_2"));
}
