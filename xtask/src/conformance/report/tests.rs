//! Tests of `report.rs`.

use conformance_support::{Candidates, Exchange};
use serde_json::json;

use super::*;

fn case(operation: &str) -> Case {
    let args = [(
        "body".to_owned(),
        Candidates { example: Some(json!({"a": 1})), synthesized: Some(json!({})), complete: None },
    )];
    Case {
        operation: operation.to_owned(),
        request: format!("POST /{operation}"),
        args: args.into_iter().collect(),
        checks: vec![Some("code=200".to_owned())],
        response_examples: Vec::new(),
    }
}

fn record(
    index: usize,
    variant: Variant,
    outcome: Outcome,
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> Record {
    let exchange = Exchange {
        method: "POST".to_owned(),
        target: "/x".to_owned(),
        status,
        response_headers: headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
        response_body: body.to_owned(),
        ..Exchange::default()
    };
    let mut record = Record {
        index,
        operation: String::new(),
        check: 0,
        prefer: Some("code=200".to_owned()),
        variant,
        used_example: variant == Variant::Examples,
        notes: Vec::new(),
        outcome: Some(outcome),
        skipped: None,
        prism_error: exchange.prism_error(),
        request_violations: Vec::new(),
        response_violations: Vec::new(),
        warnings: Vec::new(),
        exchange: Some(exchange.clone()),
        spec_example: None,
    };
    for violation in exchange.violations() {
        if violation.is_response() {
            record.response_violations.push(violation);
        } else {
            record.request_violations.push(violation);
        }
    }
    record
}

#[test]
fn records_become_verdicts_with_the_blame_where_it_belongs() {
    let mut row = Row::new("spec.json", "3.0.3");
    row.cases =
        ["refused", "example_refused", "prism_broke", "example_misfit", "fine", "example_retried"].map(case).to_vec();
    row.pointers = (0..6).map(|i| format!("#/paths/{i}")).collect();
    row.examples = vec![
        Vec::new(),
        Vec::new(),
        Vec::new(),
        vec![("200".to_owned(), json!({"ok": true}))],
        Vec::new(),
        vec![("2XX".to_owned(), json!({"ok": true}))],
    ];
    let mut misfit = record(
        5,
        Variant::Synthesized,
        Outcome::Decode { status: 200, message: "missing field `id`".to_owned() },
        200,
        &[],
        r#"{"ok":true}"#,
    );
    misfit.spec_example = Some("2XX".to_owned());
    let mut generated = record(5, Variant::Synthesized, Outcome::Ok { status: 200 }, 200, &[], r#"{"id":1}"#);
    generated.prefer = Some("code=200, dynamic=true".to_owned());
    let violation = r#"[{"location":["request","body","a"],"severity":"Error","message":"must be string"}]"#;
    let problem = r#"{"type":"https://stoplight.io/prism/errors#VIOLATIONS","status":500,"validation":[{"location":["response","body"],"severity":"Error","message":"must match pattern"}]}"#;
    let records = [
        record(0, Variant::Synthesized, Outcome::Api { status: 422 }, 422, &[("sl-violations", violation)], "{}"),
        record(1, Variant::Examples, Outcome::Api { status: 422 }, 422, &[("sl-violations", violation)], "{}"),
        record(1, Variant::Synthesized, Outcome::Ok { status: 200 }, 200, &[], "{}"),
        record(
            2,
            Variant::Synthesized,
            Outcome::Unexpected { status: 500 },
            500,
            &[("content-type", "application/problem+json")],
            problem,
        ),
        record(
            3,
            Variant::Synthesized,
            Outcome::Decode { status: 200, message: "missing field `id`".to_owned() },
            200,
            &[],
            r#"{"ok": true}"#,
        ),
        record(4, Variant::Synthesized, Outcome::Ok { status: 200 }, 200, &[], "{}"),
        misfit,
        generated,
    ];
    aggregate(&mut row, "spec.json", &records);
    assert_eq!((row.called, row.violations, row.decode_failures), (6, 1, 0));
    let kinds: Vec<(&str, FailureKind, bool)> =
        row.failures.iter().map(|f| (f.operation.as_str(), f.kind, f.spec_bug.is_some())).collect();
    assert_eq!(
        kinds,
        [
            ("refused", FailureKind::RequestViolation, false),
            ("example_refused", FailureKind::ExampleViolation, false),
            ("prism_broke", FailureKind::ResponseViolation, false),
            ("example_misfit", FailureKind::DecodeFailure, true),
            ("example_retried", FailureKind::ResponseViolation, false),
        ]
    );
    assert_eq!(
        row.failures[4].detail,
        "the spec's example of the `2XX` response (#/paths/5/responses/2XX) does not fit its schema: 200: missing field `id`"
    );
    assert_eq!(blame(&row.failures[4]), Some(Blame::Spec));
    assert_eq!(row.failures[0].detail, "request.body.a: must be string");
    assert!(row.failures[2].detail.starts_with("a body Prism generated (no example): response.body"));
    assert!(row.failures[3].spec_bug.as_deref().unwrap_or_default().contains("#/paths/3/responses/200"));
    let summary = summary(&[row]);
    assert!(
        summary.starts_with("conformance: 1 specs, 6 operations, 1 request violations, 0 decode failures, 0 skipped\n"),
        "{summary}"
    );
}
#[test]
fn a_decode_error_is_located_in_the_body() {
    let body = "{\"Containers\": [{\"Id\": \"a\", \"Ports\": [{\"PrivatePort\": 1, \"PublicPort\": -5}]}],\n \"a/b\": [1, {\"x\": [true]}]}";
    let at = |needle: &str| body.find(needle).map(|i| i + needle.len()).unwrap_or_default();
    assert_eq!(json_pointer_at(body, at("-5")), "/Containers/0/Ports/0/PublicPort");
    assert_eq!(json_pointer_at(body, at("true")), "/a~1b/1/x/0");
    assert_eq!(json_pointer_at(body, 0), "");
    let message = "invalid value: integer `-5`, expected u32 at line 1 column 70";
    assert_eq!(decode_location(body, message).as_deref(), Some("/Containers/0/Ports/0/PublicPort"));
    let line_two = format!(
        "expected a string at line 2 column {}",
        body.lines().nth(1).map_or(0, |l| l.find("true").unwrap_or(0) + 4)
    );
    assert_eq!(decode_location(body, &line_two).as_deref(), Some("/a~1b/1/x/0"));
    assert_eq!(decode_location(body, "missing field `id`"), None);
    let nested = r#"{"results": [{"id": 1}], "_links": {"self": {}}}"#;
    let closing = nested.find("}]").unwrap_or_default() + 1;
    let missing = format!("missing field `name` at line 1 column {closing}");
    assert_eq!(decode_location(nested, &missing).as_deref(), Some("/results/0"), "the object that lacks it");
    let missing = format!("missing field `pageNumber` at line 1 column {}", nested.len());
    assert_eq!(decode_location(nested, &missing), None, "the whole body lacks it");
    assert_eq!(decode_location("{}", "expected u32 at line 1 column 900"), None, "past what the record kept");
}

#[test]
fn an_exchange_is_the_operations_own_request_only_for_its_method_and_path() {
    let exchange = |method: &str, target: &str| Exchange {
        method: method.to_owned(),
        target: target.to_owned(),
        ..Exchange::default()
    };
    let request = "POST /login/{silo_name}/saml/{provider_name}";
    assert!(is_request_of(&exchange("POST", "/login/s1/saml/p1?x=1"), request));
    // A followed 303: another method, and another path.
    assert!(!is_request_of(&exchange("GET", "/login/s1/saml/p1"), request));
    assert!(!is_request_of(&exchange("POST", "/login/s1/saml"), request));
    assert!(!is_request_of(&exchange("POST", "/login//saml/p1"), request), "a parameter is never empty");
    assert!(is_request_of(&exchange("GET", "/cookies"), "GET /cookies#formExploded"));
    assert!(is_request_of(&exchange("GET", "/files/a.json"), "GET /files/{name}.json"));
}

#[test]
fn prisms_own_error_names_what_prism_said_and_a_followed_redirect_is_the_clients() {
    let problem = r#"{"type":"https://stoplight.io/prism/errors#NOT_FOUND","title":"Not found","status":404,"detail":"Requested status code 303 is not defined in the document."}"#;
    let headers = [("content-type", "application/problem+json")];
    let mut row = Row::new("spec.json", "3.0.3");
    row.cases = vec![case("own"), case("followed")];
    row.pointers = vec!["#/paths/0".to_owned(), "#/paths/1".to_owned()];
    let mut own = record(0, Variant::Synthesized, Outcome::Unexpected { status: 404 }, 404, &headers, problem);
    if let Some(exchange) = own.exchange.as_mut() {
        exchange.target = "/own".to_owned();
    }
    let mut followed = record(1, Variant::Synthesized, Outcome::Unexpected { status: 404 }, 404, &headers, problem);
    if let Some(exchange) = followed.exchange.as_mut() {
        exchange.method = "GET".to_owned();
        exchange.target = "/elsewhere".to_owned();
    }
    aggregate(&mut row, "spec.json", &[own, followed]);
    assert_eq!(row.failures[0].kind, FailureKind::ResponseViolation);
    assert_eq!(
        row.failures[0].detail,
        "Prism answered with its own error NOT_FOUND (404): Requested status code 303 is not defined in the document."
    );
    assert_eq!(blame(&row.failures[0]), Some(Blame::Prism));
    assert_eq!(row.failures[1].kind, FailureKind::DecodeFailure);
    assert!(
        row.failures[1]
            .detail
            .starts_with("the last request of the call is `GET /elsewhere`, not the operation's `POST /followed`"),
        "{}",
        row.failures[1].detail
    );
    assert_eq!(blame(&row.failures[1]), None, "the client's failure");
    assert_eq!(row.decode_failures, 1);
}
