//! Conformance of the generated SendKit client against Stoplight Prism, an
//! independent mock server of `spec/openapi.yaml` that validates every request
//! against the spec and answers with the spec's examples.
//!
//! Every shape of request the client can make must reach Prism without a
//! violation (`200`, no `sl-violations` header; Prism runs with `--errors`, so a
//! response that broke the spec would not be a `200` either) and decode into the
//! spec's example. Requests Prism rejects (`401` for credentials, `422` for a body
//! that breaks the schema) must come back as the typed errors they should, and the
//! client must refuse before sending what its own validation can catch.
//!
//! One Prism serves the whole test binary; these tests fail, never skip, when
//! Prism is not installed (`cargo xtask test` installs it).

use std::sync::{LazyLock, OnceLock};
use std::time::Duration;

use sendkit::types::{ErrorResponse, UpdateWebhookRequest, UpdateWebhookRequestStatus, WebhookResponse};
use sendkit::{Client, Error, HeaderName, HeaderValue, RequestOptions, Secret, StatusCode};
use serde_json::{Value, json};
use tests::client::{API_KEY, BEARER_TOKEN, SIGNING_SECRET, assert_no_secret, with_credentials};
use tests::prism::{self, Prism};
use tests::seed::assert_is_the_200_example;

/// Generous: Prism shares a 2-core CI machine with compilers and other tests.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Which spec Prism serves: the SendKit spec, or its OpenAPI 3.1 twin. The
/// client is the same (the twin generates it byte for byte, see
/// `codegen::the_openapi_3_1_twin_of_the_spec_generates_the_same_client`), so every
/// test here runs against both, and the client must conform to each.
#[derive(Clone, Copy)]
enum Spec {
    V3_0,
    V3_1,
}

/// The Prism serving `spec`, shared by every test of this binary, started on first use.
fn prism(spec: Spec) -> &'static Prism {
    static PRISMS: [OnceLock<Result<Prism, String>>; 2] = [OnceLock::new(), OnceLock::new()];
    let (slot, path) = match spec {
        Spec::V3_0 => (&PRISMS[0], "spec/openapi.yaml"),
        Spec::V3_1 => (&PRISMS[1], "tests/fixtures/sendkit-3.1.yaml"),
    };
    match slot.get_or_init(|| Prism::start_with(&tests::workspace_root().join(path))) {
        Ok(prism) => prism,
        Err(message) => panic!("cannot run the Prism conformance tests:\n{message}"),
    }
}

/// A client for the shared Prism. No retries, so every outcome is one attempt.
fn client(spec: Spec) -> Client {
    builder(spec).build().expect("the client builds")
}

fn builder(spec: Spec) -> sendkit::ClientBuilder {
    with_credentials(prism(spec).base_url()).timeout(TIMEOUT).max_retries(0)
}

/// The request body as JSON for failure messages, with the signing secret hidden.
fn shown(body: &UpdateWebhookRequest) -> String {
    let mut value = serde_json::to_value(body).unwrap_or(Value::Null);
    if let Some(secret) = value.get_mut("secret") {
        *secret = json!("[REDACTED]");
    }
    value.to_string()
}

/// What an error says, with the response body of an unexpected status (Prism's
/// problem report, which names the violations).
fn describe(error: &Error<ErrorResponse>) -> String {
    match error {
        Error::UnexpectedStatus(e) => format!("{error}: {}", e.body_text()),
        Error::Decode(e) => format!("{error}: {}", e.snippet()),
        other => other.to_string(),
    }
}

/// Sends one request through the client and asserts that Prism accepted it
/// without a violation; returns the decoded body.
async fn accepted(spec: Spec, client: &Client, id: &str, body: &UpdateWebhookRequest) -> WebhookResponse {
    match client.update_webhook(id, body).await {
        Ok(response) => {
            assert_eq!(response.status(), StatusCode::OK, "id {id:?}, body {}", shown(body));
            if let Some(violations) = response.headers().get("sl-violations") {
                panic!("Prism reports violations for id {id:?}, body {}: {violations:?}", shown(body));
            }
            let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok());
            assert_eq!(content_type, Some("application/json"), "id {id:?}, body {}", shown(body));
            response.into_body()
        }
        Err(error) => panic!(
            "Prism did not accept id {id:?} with body {}: {}\nPrism's log (end):\n{}",
            shown(body),
            describe(&error),
            prism(spec).output_tail(20)
        ),
    }
}

/// A request sent without the client, to show what Prism does with input the
/// client cannot or will not send.
async fn raw_patch(spec: Spec, path: &str, headers: &[(&str, &str)], body: &str) -> (StatusCode, Value) {
    let http = reqwest::Client::builder().timeout(TIMEOUT).build().expect("reqwest client builds");
    let mut request = http.patch(format!("{}{path}", prism(spec).base_url())).body(body.to_owned());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("PATCH {path} to Prism failed: {e}"));
    let status = response.status();
    let text = response.text().await.unwrap_or_else(|e| panic!("reading Prism's answer to {path} failed: {e}"));
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

const JSON: (&str, &str) = ("content-type", "application/json");
const WITH_API_KEY: (&str, &str) = ("x-api-key", API_KEY);
static BEARER_HEADER: LazyLock<String> = LazyLock::new(|| format!("Bearer {BEARER_TOKEN}"));

/// The `Authorization` header with the bearer token.
fn with_bearer() -> (&'static str, &'static str) {
    ("authorization", BEARER_HEADER.as_str())
}

/// The `location` of each violation in a Prism `422` problem report.
fn violation_locations(problem: &Value) -> Vec<Value> {
    problem["validation"]
        .as_array()
        .map(|v| v.iter().map(|item| item["location"].clone()).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Every shape of request the client can make

async fn all_fields_conform(spec: Spec) {
    let body = UpdateWebhookRequest {
        name: Some("CRM Sync".to_owned()),
        url: Some("https://new-endpoint.example.com/webhooks".to_owned()),
        events: Some(vec!["email.replied".to_owned(), "email.positive_reply".to_owned()]),
        secret: Some(Secret::new(SIGNING_SECRET)),
        status: Some(UpdateWebhookRequestStatus::Inactive),
    };
    let response = accepted(spec, &client(spec), "664a1b2c3d4e5f6a7b8c9d0e", &body).await;
    assert_is_the_200_example(&response);
}

async fn each_field_alone_conforms(spec: Spec) {
    let bodies = [
        UpdateWebhookRequest { name: Some("CRM Sync".to_owned()), ..Default::default() },
        UpdateWebhookRequest {
            url: Some("https://new-endpoint.example.com/webhooks".to_owned()),
            ..Default::default()
        },
        UpdateWebhookRequest { events: Some(vec!["email.replied".to_owned()]), ..Default::default() },
        UpdateWebhookRequest { secret: Some(Secret::new(SIGNING_SECRET)), ..Default::default() },
        UpdateWebhookRequest { status: Some(UpdateWebhookRequestStatus::Active), ..Default::default() },
        UpdateWebhookRequest { status: Some(UpdateWebhookRequestStatus::Inactive), ..Default::default() },
    ];
    let client = client(spec);
    for body in &bodies {
        assert_eq!(serde_json::to_value(body).unwrap().as_object().map(|o| o.len()), Some(1), "{}", shown(body));
        assert_is_the_200_example(&accepted(spec, &client, "wh_1", body).await);
    }
}

async fn empty_events_array_conforms(spec: Spec) {
    let body = UpdateWebhookRequest { events: Some(Vec::new()), ..Default::default() };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"events": []}));
    assert_is_the_200_example(&accepted(spec, &client(spec), "wh_1", &body).await);
}

async fn empty_body_conforms(spec: Spec) {
    let body = UpdateWebhookRequest::default();
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({}));
    assert_is_the_200_example(&accepted(spec, &client(spec), "wh_1", &body).await);
}

async fn odd_field_values_conform(spec: Spec) {
    let bodies = [
        // Sent trimmed: "CRM Sync".
        UpdateWebhookRequest { name: Some("  CRM Sync \t".to_owned()), ..Default::default() },
        UpdateWebhookRequest { name: Some("x".to_owned()), ..Default::default() },
        UpdateWebhookRequest { name: Some("Ünïcödé 🦀 \"quoted\" \\ <tag>".to_owned()), ..Default::default() },
        UpdateWebhookRequest {
            url: Some("https://a.example:8443/p/a%20th?q=1&r=%C3%A9#frag".to_owned()),
            ..Default::default()
        },
        UpdateWebhookRequest { url: Some("http://[::1]:8080/hook".to_owned()), ..Default::default() },
        UpdateWebhookRequest { url: Some("https://user:pw@hooks.example.com/".to_owned()), ..Default::default() },
        UpdateWebhookRequest { url: Some("urn:isbn:0451450523".to_owned()), ..Default::default() },
        UpdateWebhookRequest {
            events: Some(vec![String::new(), "ü🦀".to_owned(), "e".repeat(2000), "email.replied".to_owned()]),
            ..Default::default()
        },
        UpdateWebhookRequest { secret: Some(Secret::new("")), ..Default::default() },
        UpdateWebhookRequest { secret: Some(Secret::new("sëcret with spaces \" and \\")), ..Default::default() },
    ];
    let client = client(spec);
    for body in &bodies {
        assert_is_the_200_example(&accepted(spec, &client, "wh_1", body).await);
    }
}

async fn odd_ids_conform(spec: Spec) {
    // Each id must arrive as one path segment: an unencoded `/` would not match the
    // route (Prism: 404), an unencoded `?` or `#` would leave the id empty (422).
    let long = "i".repeat(2000);
    let ids = [
        "664a1b2c3d4e5f6a7b8c9d0e",
        "with space",
        "ünïcødé-🦀",
        "100%",
        "%2F",
        "%00",
        "a/b",
        "../x",
        "a/../../v1",
        "?q=1",
        "#f",
        "...",
        "a.b",
        "~user",
        "-_.!*'();:@&=+$,",
        "\"<>\\^`{|}",
        "line\r\nbreak",
        "nul\0byte",
        "tab\there",
        long.as_str(),
    ];
    let client = client(spec);
    let body = UpdateWebhookRequest { status: Some(UpdateWebhookRequestStatus::Active), ..Default::default() };
    for id in ids {
        assert_is_the_200_example(&accepted(spec, &client, id, &body).await);
    }
}

async fn a_base_url_with_a_trailing_slash_conforms(spec: Spec) {
    let client = builder(spec).base_url(format!("{}/", prism(spec).base_url())).build().expect("the client builds");
    assert_is_the_200_example(&accepted(spec, &client, "wh_1", &UpdateWebhookRequest::default()).await);
}

// ---------------------------------------------------------------------------
// Documented error statuses

async fn the_documented_404_decodes_as_a_typed_api_error(spec: Spec) {
    let options = RequestOptions::new().header(HeaderName::from_static("prefer"), HeaderValue::from_static("code=404"));
    let client = client(spec).with_options(options);
    let error = match client.update_webhook("wh_missing", &UpdateWebhookRequest::default()).await {
        Ok(response) => panic!("expected the 404 example, got {:?}", response.status()),
        Err(error) => error,
    };
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {}", describe(&error)) };
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.attempts(), 1);
    assert_eq!(api.body(), &tests::seed::not_found_example());
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert!(api.headers().get("sl-violations").is_none(), "{:?}", api.headers().get("sl-violations"));
}

async fn a_404_that_is_not_an_error_response_is_a_decode_error_keeping_the_status(spec: Spec) {
    // Asked for a status the spec does not define, Prism answers 404 with its own
    // problem report, which is not the spec's `ErrorResponse`.
    let options = RequestOptions::new().header(HeaderName::from_static("prefer"), HeaderValue::from_static("code=500"));
    let client = client(spec).with_options(options);
    let error = match client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await {
        Ok(response) => panic!("expected Prism's 404 problem report, got {:?}", response.status()),
        Err(error) => error,
    };
    let Error::Decode(decode) = &error else { panic!("expected Error::Decode, got {}", describe(&error)) };
    assert_eq!(decode.status(), StatusCode::NOT_FOUND);
    assert_eq!(decode.content_type(), Some("application/problem+json"));
    assert!(decode.snippet().contains("NOT_FOUND"), "{}", decode.snippet());
    assert_eq!(decode.attempts(), 1);
}

// ---------------------------------------------------------------------------
// Credentials: Prism's 401

async fn prism_answers_401_without_both_credentials_and_the_client_never_sends_such_a_request(spec: Spec) {
    for (headers, what) in [
        (vec![JSON], "no credentials"),
        (vec![JSON, WITH_API_KEY], "only the API key"),
        (vec![JSON, with_bearer()], "only the bearer token"),
        (vec![JSON, WITH_API_KEY, ("authorization", "Basic dXNlcjpwdw==")], "a Basic instead of a Bearer token"),
    ] {
        let (status, problem) = raw_patch(spec, "/v1/webhooks/wh_1", &headers, "{}").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {problem}");
        assert_eq!(problem["type"], "https://stoplight.io/prism/errors#UNAUTHORIZED", "{what}");
    }
    let (status, _) = raw_patch(spec, "/v1/webhooks/wh_1", &[JSON, WITH_API_KEY, with_bearer()], "{}").await;
    assert_eq!(status, StatusCode::OK, "with both credentials");

    let only_key = Client::builder().base_url(prism(spec).base_url()).api_key(API_KEY).max_retries(0).build().unwrap();
    let only_token =
        Client::builder().base_url(prism(spec).base_url()).bearer_token(BEARER_TOKEN).max_retries(0).build().unwrap();
    let neither = Client::builder().base_url(prism(spec).base_url()).max_retries(0).build().unwrap();
    for (client, what) in [(only_key, "only the API key"), (only_token, "only the bearer token"), (neither, "none")] {
        match client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await {
            Err(Error::MissingCredentials(missing)) => assert_eq!(missing.required(), "ApiKey + BearerToken", "{what}"),
            Err(other) => panic!("{what}: expected Error::MissingCredentials, got {}", describe(&other)),
            Ok(response) => panic!("{what}: the request was sent and got {:?}", response.status()),
        }
    }
}

async fn credentials_prism_rejects_come_back_as_unexpected_status_401(spec: Spec) {
    // The client refuses empty credentials when it is built...
    for (api_key, token) in [("", ""), ("", BEARER_TOKEN), (API_KEY, "")] {
        let built = Client::builder().base_url(prism(spec).base_url()).api_key(api_key).bearer_token(token).build();
        assert!(matches!(built, Err(sendkit::BuildError::InvalidCredential { .. })), "{api_key:?} / {token:?}");
    }
    // ...but a credential of spaces is a valid header value that it sends; HTTP
    // trims it, so Prism sees an empty credential and answers 401. The spec
    // documents only 200 and 404, so a 401 is an unexpected status that keeps
    // Prism's problem report.
    for (api_key, token, what) in
        [(" ", " ", "both blank"), (" ", BEARER_TOKEN, "blank API key"), (API_KEY, " ", "blank token")]
    {
        let client = Client::builder()
            .base_url(prism(spec).base_url())
            .api_key(api_key)
            .bearer_token(token)
            .timeout(TIMEOUT)
            .max_retries(2)
            .build()
            .expect("the client builds");
        let error = match client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await {
            Ok(response) => panic!("{what}: Prism accepted the request ({:?})", response.status()),
            Err(error) => error,
        };
        let Error::UnexpectedStatus(unexpected) = &error else {
            panic!("{what}: expected Error::UnexpectedStatus, got {}", describe(&error))
        };
        assert_eq!(unexpected.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED), "{what}");
        // A 401 is not retried, even with retries allowed.
        assert_eq!(unexpected.attempts(), 1, "{what}");
        let problem: Value = serde_json::from_slice(unexpected.body()).expect("Prism's 401 body is JSON");
        assert_eq!(problem["type"], "https://stoplight.io/prism/errors#UNAUTHORIZED", "{what}");
        assert_eq!(problem["status"], 401, "{what}");
        for text in [error.to_string(), format!("{error:?}")] {
            assert_no_secret(&format!("{what}: the error"), &text);
        }
    }
}

// ---------------------------------------------------------------------------
// Schema violations: Prism's 422, and the client's refusal before sending

/// Asserts that Prism rejects `body` (sent raw, with valid credentials) with a 422
/// that names `location`.
async fn assert_prism_rejects(spec: Spec, body: &str, location: Value) {
    let (status, problem) = raw_patch(spec, "/v1/webhooks/wh_1", &[JSON, WITH_API_KEY, with_bearer()], body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "Prism accepted {body}: {problem}");
    assert_eq!(problem["type"], "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", "{body}");
    assert!(violation_locations(&problem).contains(&location), "{body}: expected a violation at {location}: {problem}");
}

async fn constraint_violations_are_rejected_by_prism_and_refused_by_the_client_before_sending(spec: Spec) {
    for (body, field) in [
        (r#"{"name":""}"#, "name"),
        (r#"{"url":"/relative/path"}"#, "url"),
        (r#"{"url":"not a uri"}"#, "url"),
        (r#"{"url":""}"#, "url"),
    ] {
        assert_prism_rejects(spec, body, json!(["body", field])).await;
        let request: UpdateWebhookRequest = serde_json::from_str(body).expect("the type can hold it");
        match client(spec).update_webhook("wh_1", &request).await {
            Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.field(), format!("body.{field}"), "{body}"),
            Err(other) => panic!("{body}: expected Error::InvalidRequest, got {}", describe(&other)),
            Ok(response) => panic!("{body}: the client sent it and got {:?}", response.status()),
        }
    }
}

async fn a_blank_name_is_refused_by_the_client_because_the_server_trims_it(spec: Spec) {
    // Prism counts the spaces toward `minLength: 1`; the spec's `x-trimmed` says the
    // server trims, leaving an empty name, so the client refuses it.
    let (status, problem) =
        raw_patch(spec, "/v1/webhooks/wh_1", &[JSON, WITH_API_KEY, with_bearer()], r#"{"name":"   "}"#).await;
    assert_eq!(status, StatusCode::OK, "{problem}");
    let body = UpdateWebhookRequest { name: Some("   ".to_owned()), ..Default::default() };
    match client(spec).update_webhook("wh_1", &body).await {
        Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.field(), "body.name"),
        Err(other) => panic!("expected Error::InvalidRequest, got {}", describe(&other)),
        Ok(response) => panic!("the client sent a blank name and got {:?}", response.status()),
    }
}

async fn type_violations_are_rejected_by_prism_and_cannot_be_built_with_the_client_types(spec: Spec) {
    for (body, location) in [
        (r#"{"status":"paused"}"#, json!(["body", "status"])),
        (r#"{"status":"ACTIVE"}"#, json!(["body", "status"])),
        (r#"{"events":[1]}"#, json!(["body", "events", "0"])),
        (r#"{"events":"email.replied"}"#, json!(["body", "events"])),
        (r#"{"name":5}"#, json!(["body", "name"])),
        (r#"{"secret":true}"#, json!(["body", "secret"])),
    ] {
        assert_prism_rejects(spec, body, location).await;
        assert!(
            serde_json::from_str::<UpdateWebhookRequest>(body).is_err(),
            "UpdateWebhookRequest can hold {body}, which Prism rejects"
        );
    }
}

async fn null_fields_are_rejected_by_prism_and_never_sent_by_the_client(spec: Spec) {
    for field in ["name", "url", "events", "secret", "status"] {
        let body = json!({ field: null }).to_string();
        assert_prism_rejects(spec, &body, json!(["body", field])).await;
        // The client's types read `null` as "not given" and leave the field out.
        let request: UpdateWebhookRequest = serde_json::from_str(&body).expect("null reads as absent");
        assert_eq!(serde_json::to_value(&request).unwrap(), json!({}), "{body}");
        assert_is_the_200_example(&accepted(spec, &client(spec), "wh_1", &request).await);
    }
}

async fn requests_without_an_id_or_a_body_are_rejected_by_prism_and_the_client_cannot_make_them(spec: Spec) {
    let (status, problem) = raw_patch(spec, "/v1/webhooks/", &[JSON, WITH_API_KEY, with_bearer()], "{}").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(violation_locations(&problem).contains(&json!(["path"])), "{problem}");
    let (status, problem) = raw_patch(spec, "/v1/webhooks/wh_1", &[WITH_API_KEY, with_bearer()], "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let (status, problem) = raw_patch(spec, "/v1/webhooks/wh_1", &[JSON, WITH_API_KEY, with_bearer()], "[]").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");

    // The client refuses the ids that would address another resource; it always sends a body.
    for id in ["", ".", ".."] {
        match client(spec).update_webhook(id, &UpdateWebhookRequest::default()).await {
            Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.field(), "path.id", "{id:?}"),
            Err(other) => panic!("id {id:?}: expected Error::InvalidRequest, got {}", describe(&other)),
            Ok(response) => panic!("id {id:?} was sent and got {:?}", response.status()),
        }
    }
}

async fn urls_prism_rejects_are_refused_by_the_client_before_sending(spec: Spec) {
    // Strings that are not RFC 3986 URIs, which Prism (ajv's `uri` format) rejects
    // with 422. The client's own `format: uri` check refuses each of them first.
    let urls = [
        "https://a.example/with space",
        " https://a.example/leading-space",
        "https://a.example/trailing-tab\t",
        "https://a.example/ünïcode",
        "https://a.example/<angle>",
        "https://a.example/bad%zzescape",
        "https://a.example/pipe|char",
        "https://a.example/caret^char",
        "https://a.example/back`tick",
        "https://a.example\\backslash",
        "not a uri",
        "/relative/path",
    ];
    let client = client(spec);
    for url in urls {
        assert_prism_rejects(spec, &json!({ "url": url }).to_string(), json!(["body", "url"])).await;
        let body = UpdateWebhookRequest { url: Some(url.to_owned()), ..Default::default() };
        match client.update_webhook("wh_1", &body).await {
            Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.field(), "body.url", "{url:?}"),
            Err(other) => panic!("{url:?}: expected Error::InvalidRequest, got {}", describe(&other)),
            Ok(response) => panic!("{url:?}: Prism accepted it ({:?})", response.status()),
        }
    }
}

// ---------------------------------------------------------------------------
// Every test above, against each spec

/// One `#[tokio::test]` per test and spec, named `spec_3_0::<test>` and `spec_3_1::<test>`.
macro_rules! against_each_spec {
    ($($test:ident),* $(,)?) => {
        mod spec_3_0 {
            $(#[tokio::test]
            async fn $test() {
                super::$test(super::Spec::V3_0).await
            })*
        }

        mod spec_3_1 {
            $(#[tokio::test]
            async fn $test() {
                super::$test(super::Spec::V3_1).await
            })*
        }
    };
}

against_each_spec!(
    all_fields_conform,
    each_field_alone_conforms,
    empty_events_array_conforms,
    empty_body_conforms,
    odd_field_values_conform,
    odd_ids_conform,
    a_base_url_with_a_trailing_slash_conforms,
    the_documented_404_decodes_as_a_typed_api_error,
    a_404_that_is_not_an_error_response_is_a_decode_error_keeping_the_status,
    prism_answers_401_without_both_credentials_and_the_client_never_sends_such_a_request,
    credentials_prism_rejects_come_back_as_unexpected_status_401,
    constraint_violations_are_rejected_by_prism_and_refused_by_the_client_before_sending,
    a_blank_name_is_refused_by_the_client_because_the_server_trims_it,
    type_violations_are_rejected_by_prism_and_cannot_be_built_with_the_client_types,
    null_fields_are_rejected_by_prism_and_never_sent_by_the_client,
    requests_without_an_id_or_a_body_are_rejected_by_prism_and_the_client_cannot_make_them,
    urls_prism_rejects_are_refused_by_the_client_before_sending,
);

// ---------------------------------------------------------------------------
// The Prism harness itself

#[test]
fn a_missing_prism_fails_with_install_instructions() {
    let missing = std::path::Path::new("/nonexistent/prism-for-this-test");
    let message = prism::find_binary(Some(missing.as_os_str())).expect_err("no binary there");
    assert!(message.contains("/nonexistent/prism-for-this-test"), "{message}");
    assert!(message.contains("cargo xtask test"), "{message}");
    assert!(message.contains(prism::INSTALL_COMMAND), "{message}");
    // Unset or empty: the default location under the workspace.
    let default = prism::default_binary();
    assert!(default.ends_with(".tools/prism/node_modules/.bin/prism"), "{}", default.display());
    if !default.is_file() {
        let message = prism::find_binary(Some(std::ffi::OsStr::new(""))).expect_err("not installed");
        assert!(message.contains(&default.display().to_string()), "{message}");
    }
}

#[test]
fn dropping_the_guard_stops_prism() {
    let prism = Prism::start().unwrap_or_else(|message| panic!("{message}"));
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], prism.port()));
    assert!(std::net::TcpStream::connect_timeout(&address, Duration::from_secs(5)).is_ok(), "Prism is listening");
    drop(prism);
    // Drop waits for the process; give the kernel a bounded moment to release the port.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok() {
        assert!(std::time::Instant::now() < deadline, "something still listens on {address} after the guard dropped");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_port_clash_is_detected() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
    let port = taken.local_addr().expect("bound address").port();
    let message = Prism::start_on_port(port).expect_err("the port is taken");
    assert!(message.contains("already in use"), "{message}");
    drop(taken);
}
