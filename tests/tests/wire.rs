//! The generated SendKit client against a recording test server: the exact
//! method, path, query, headers and JSON body bytes on the wire, request
//! validation before sending, decoding of every documented response, and
//! secrets kept out of every `Debug` and `Display` output.

use std::time::{Duration, Instant};

use sendkit::types::{UpdateWebhookRequest, UpdateWebhookRequestStatus, WebhookStatus};
use sendkit::{Client, Error, Secret, StatusCode};
use tests::client::{API_KEY, BEARER_TOKEN, SIGNING_SECRET, assert_elapsed, assert_error_is_clean, assert_no_secret};
use tests::server::{Action, Recorded, Reply, TestServer};

/// The seed documentation's `200` example, verbatim.
const SEED_200: &str = r#"{
"success": true,
"data": {
"_id": "664a1b2c3d4e5f6a7b8c9d0e",
"workspaceId": "ws_123",
"name": "CRM Sync",
"url": "https://new-endpoint.example.com/webhooks",
"events": [
"email.replied",
"email.positive_reply"
],
"secret": "a1b2c3d4e5f6...",
"retryAttempts": 3,
"timeoutMs": 10000,
"status": "active",
"createdBy": "user_123",
"createdAt": "2024-06-01T10:00:00.000Z",
"updatedAt": "2024-06-05T12:30:00.000Z"
}
}"#;

/// The seed documentation's `404` example, verbatim.
const SEED_404: &str = r#"{
"error": "Not Found",
"message": "The requested resource was not found",
"code": 404
}"#;

/// A `200` body carrying this test's signing secret, to check it never leaks from the response.
fn webhook_json(status: &str) -> String {
    format!(
        r#"{{"success":true,"data":{{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"https://h.example.com/","events":[],"secret":"{SIGNING_SECRET}","status":"{status}","createdAt":"2024-06-01T10:00:00Z","updatedAt":"2024-06-01T10:00:00Z"}}}}"#
    )
}

fn client(server: &TestServer) -> Client {
    tests::client::client(server.url())
}

fn builder(server: &TestServer) -> sendkit::ClientBuilder {
    tests::client::builder(server.url())
}

fn ok_server_reply() -> Reply {
    Reply::json(200, SEED_200)
}

fn only_request(server: &TestServer) -> Recorded {
    let mut requests = server.requests();
    assert_eq!(requests.len(), 1, "exactly one request reaches the server");
    requests.remove(0)
}

fn full_body() -> UpdateWebhookRequest {
    UpdateWebhookRequest {
        name: Some("CRM Sync".to_owned()),
        url: Some("https://hooks.example.com/sendkit?src=wire".to_owned()),
        events: Some(vec!["email.replied".to_owned(), "email.positive_reply".to_owned()]),
        secret: Some(Secret::new(SIGNING_SECRET)),
        status: Some(UpdateWebhookRequestStatus::Inactive),
    }
}

// ---------------------------------------------------------------------------
// The request on the wire

#[tokio::test]
async fn full_update_sends_exact_method_path_headers_and_body() {
    let server = TestServer::replying(ok_server_reply()).await;
    let response = client(&server).update_webhook("wh_123", &full_body()).await.expect("200 decodes");
    assert_eq!(response.status(), StatusCode::OK);

    let request = only_request(&server);
    let expected_body = format!(
        r#"{{"name":"CRM Sync","url":"https://hooks.example.com/sendkit?src=wire","events":["email.replied","email.positive_reply"],"secret":"{SIGNING_SECRET}","status":"inactive"}}"#
    );
    assert_eq!(String::from_utf8_lossy(&request.body), expected_body);
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.target, "/v1/webhooks/wh_123");
    assert!(request.raw.starts_with(b"PATCH /v1/webhooks/wh_123 HTTP/1.1\r\n"), "request line");
    assert!(request.raw.ends_with(expected_body.as_bytes()), "the body follows the head unchanged");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("x-api-key"), Some(API_KEY));
    assert_eq!(request.header("authorization"), Some(format!("Bearer {BEARER_TOKEN}").as_str()));
    assert_eq!(request.header("user-agent"), Some("sendkit/1.0.0"));
    assert_eq!(request.header("content-length"), Some(expected_body.len().to_string().as_str()));
    assert_eq!(request.header("host"), Some(server.addr().to_string().as_str()));
    // Nothing else: no stray or duplicated headers.
    let mut names: Vec<String> = request.headers.iter().map(|(name, _)| name.to_ascii_lowercase()).collect();
    names.sort();
    assert_eq!(names, ["accept", "authorization", "content-length", "content-type", "host", "user-agent", "x-api-key"]);
}

#[tokio::test]
async fn user_agent_and_default_headers_are_sent() {
    let server = TestServer::replying(ok_server_reply()).await;
    let client = builder(&server)
        .user_agent("crm-sync/2.1")
        .default_header(sendkit::HeaderName::from_static("x-team"), sendkit::HeaderValue::from_static("growth"))
        .build()
        .expect("client builds");
    client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("200 decodes");
    let request = only_request(&server);
    assert_eq!(request.header("user-agent"), Some("crm-sync/2.1"));
    assert_eq!(request.header("x-team"), Some("growth"));
    assert_eq!(request.header("x-api-key"), Some(API_KEY));
}

#[tokio::test]
async fn partial_update_sends_only_the_given_field() {
    let server = TestServer::replying(ok_server_reply()).await;
    let body = UpdateWebhookRequest {
        url: Some("https://new-endpoint.example.com/webhooks".to_owned()),
        ..Default::default()
    };
    client(&server).update_webhook("example_string", &body).await.expect("200 decodes");
    let request = only_request(&server);
    assert_eq!(request.body, br#"{"url":"https://new-endpoint.example.com/webhooks"}"#);
    assert_eq!(request.target, "/v1/webhooks/example_string");
    assert_eq!(request.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn empty_body_is_an_empty_object() {
    let server = TestServer::replying(ok_server_reply()).await;
    client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("200 decodes");
    assert_eq!(only_request(&server).body, b"{}");
}

#[tokio::test]
async fn empty_events_array_is_sent_as_an_empty_array() {
    let server = TestServer::replying(ok_server_reply()).await;
    let body = UpdateWebhookRequest { events: Some(vec![]), ..Default::default() };
    client(&server).update_webhook("wh_1", &body).await.expect("200 decodes");
    assert_eq!(only_request(&server).body, br#"{"events":[]}"#);
}

#[tokio::test]
async fn name_is_sent_trimmed() {
    let server = TestServer::replying(ok_server_reply()).await;
    let body = UpdateWebhookRequest { name: Some(" \t CRM Sync \n".to_owned()), ..Default::default() };
    client(&server).update_webhook("wh_1", &body).await.expect("200 decodes");
    assert_eq!(only_request(&server).body, br#"{"name":"CRM Sync"}"#);
}

#[tokio::test]
async fn status_values_are_sent_as_the_spec_spells_them() {
    let server = TestServer::replying(ok_server_reply()).await;
    let client = client(&server);
    for status in [UpdateWebhookRequestStatus::Active, UpdateWebhookRequestStatus::Inactive] {
        let body = UpdateWebhookRequest { status: Some(status), ..Default::default() };
        client.update_webhook("wh_1", &body).await.expect("200 decodes");
    }
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, [br#"{"status":"active"}"#.to_vec(), br#"{"status":"inactive"}"#.to_vec()]);
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = TestServer::replying(ok_server_reply()).await;
    let client = builder(&server).base_url(format!("{}/proxy/sendkit/", server.url())).build().expect("client builds");
    client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("200 decodes");
    assert_eq!(only_request(&server).target, "/proxy/sendkit/v1/webhooks/wh_1");
}

// ---------------------------------------------------------------------------
// Path parameters

#[tokio::test]
async fn ids_are_percent_encoded_into_one_segment() {
    let cases: &[(&str, &str)] = &[
        ("a/b", "a%2Fb"),
        ("?q=1", "%3Fq%3D1"),
        ("#frag", "%23frag"),
        ("100%", "100%25"),
        ("%2F", "%252F"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("../x", "..%2Fx"),
        ("...", "..."),
        ("-._~", "-._~"),
        ("a+b&c=d;e,f", "a%2Bb%26c%3Dd%3Be%2Cf"),
        ("back\\slash", "back%5Cslash"),
        ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"),
        ("nul\0", "nul%00"),
    ];
    let server = TestServer::replying(ok_server_reply()).await;
    let client = client(&server);
    for (id, _) in cases {
        client.update_webhook(id, &UpdateWebhookRequest::default()).await.expect("200 decodes");
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    let expected: Vec<String> = cases.iter().map(|(_, encoded)| format!("/v1/webhooks/{encoded}")).collect();
    assert_eq!(targets, expected);
    for target in &targets {
        let segment = target.strip_prefix("/v1/webhooks/").expect("prefix kept");
        assert!(!segment.contains(['/', '?', '#']), "{target} stays one segment without a query");
    }
}

#[tokio::test]
async fn empty_and_dot_ids_are_refused_before_sending() {
    let server = TestServer::replying(ok_server_reply()).await;
    let client = client(&server);
    for id in ["", ".", ".."] {
        let error = client.update_webhook(id, &UpdateWebhookRequest::default()).await.expect_err("refused");
        let Error::InvalidRequest(invalid) = &error else { panic!("{id:?}: expected InvalidRequest, got {error:?}") };
        assert_eq!(invalid.field(), "path.id", "{id:?}");
        assert_eq!(error.attempts(), 0);
        assert_eq!(error.status(), None);
    }
    assert_eq!(server.connection_count(), 0, "nothing reaches the server");
    assert_eq!(server.request_count(), 0);
}

// ---------------------------------------------------------------------------
// Body validation

#[tokio::test]
async fn invalid_bodies_are_refused_before_sending() {
    let server = TestServer::replying(ok_server_reply()).await;
    let client = client(&server);
    let cases = [
        ("body.name", UpdateWebhookRequest { name: Some(String::new()), ..Default::default() }),
        ("body.name", UpdateWebhookRequest { name: Some(" \t\n ".to_owned()), ..Default::default() }),
        ("body.url", UpdateWebhookRequest { url: Some("not a url".to_owned()), ..Default::default() }),
        ("body.url", UpdateWebhookRequest { url: Some("/relative/path".to_owned()), ..Default::default() }),
        ("body.url", UpdateWebhookRequest { url: Some(String::new()), ..Default::default() }),
        // Each field is checked, whatever the others hold.
        ("body.url", UpdateWebhookRequest { url: Some("example.com/hook".to_owned()), ..full_body() }),
    ];
    for (field, body) in cases {
        let error = client.update_webhook("wh_1", &body).await.expect_err("refused");
        let Error::InvalidRequest(invalid) = &error else { panic!("{body:?}: expected InvalidRequest, got {error:?}") };
        assert_eq!(invalid.field(), field, "{body:?}");
        assert_eq!(error.attempts(), 0);
        assert_error_is_clean(field, &error);
    }
    assert_eq!(server.connection_count(), 0, "nothing reaches the server");
}

// ---------------------------------------------------------------------------
// Responses

#[tokio::test]
async fn seed_200_example_decodes_exactly() {
    let server = TestServer::replying(ok_server_reply().header("X-Request-Id", "req_42")).await;
    let response = client(&server).update_webhook("664a1b2c3d4e5f6a7b8c9d0e", &full_body()).await.expect("decodes");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("x-request-id").and_then(|v| v.to_str().ok()), Some("req_42"));
    tests::seed::assert_is_the_200_example(&response);
}

#[tokio::test]
async fn optional_response_fields_may_be_absent() {
    let body = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"https://h.example.com/","events":[],"status":"inactive","createdAt":"2024-06-01T10:00:00.123+02:00","updatedAt":"2024-06-01T10:00:00Z"}}"#;
    let server = TestServer::replying(Reply::json(200, body)).await;
    let response = client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("decodes");
    let webhook = &response.data;
    assert_eq!(webhook.secret, None);
    assert_eq!(webhook.retry_attempts, None);
    assert_eq!(webhook.timeout_ms, None);
    assert_eq!(webhook.created_by, None);
    assert_eq!(webhook.status, WebhookStatus::Inactive);
    assert_eq!(webhook.created_at.timestamp_millis(), 1_717_228_800_123, "offset converted to UTC");
}

#[tokio::test]
async fn unknown_status_value_decodes_as_unknown() {
    let server = TestServer::replying(Reply::json(200, &webhook_json("paused"))).await;
    let response = client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("decodes");
    assert_eq!(response.data.status, WebhookStatus::Unknown("paused".to_owned()));
    assert_eq!(response.data.status.as_str(), "paused");
}

#[tokio::test]
async fn seed_404_example_is_a_typed_api_error() {
    let server = TestServer::replying(Reply::json(404, SEED_404)).await;
    let error = client(&server).update_webhook("missing", &UpdateWebhookRequest::default()).await.expect_err("404");
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.attempts(), 1);
    let Error::Api(api) = &error else { panic!("expected Api, got {error:?}") };
    assert_eq!(api.status(), StatusCode::NOT_FOUND);
    assert_eq!(api.body(), &tests::seed::not_found_example());
    assert_eq!(error.api_body().map(|body| body.code), Some(404));
    assert_eq!(server.request_count(), 1, "a 404 is not retried");
    assert_error_is_clean("the 404", &error);
}

#[tokio::test]
async fn undecodable_404_is_a_decode_error() {
    let server = TestServer::replying(Reply::json(404, r#"{"detail":"gone"}"#)).await;
    let error = client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("404");
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.status(), StatusCode::NOT_FOUND);
    assert_eq!(decode.snippet(), r#"{"detail":"gone"}"#);
}

#[tokio::test]
async fn html_500_is_an_unexpected_status_with_a_bounded_body() {
    let page = format!("<html><body><h1>500 Internal Server Error</h1>{}</body></html>", "x".repeat(100 * 1024));
    let server =
        TestServer::replying(Reply::new(500).header("Content-Type", "text/html; charset=utf-8").body(page.clone()))
            .await;
    let error = client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("500");
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(unexpected.body().len(), 64 * 1024, "the kept body is bounded");
    assert_eq!(unexpected.body(), &page.as_bytes()[..64 * 1024]);
    assert_eq!(unexpected.headers().get("content-type").map(|v| v.as_bytes()), Some(&b"text/html; charset=utf-8"[..]));
    assert_eq!(
        error.to_string(),
        format!("unexpected status 500 Internal Server Error with a {}-byte body", page.len())
    );
    assert!(!format!("{error:?}").contains("<html>"), "Debug does not dump the body");
    assert_eq!(error.attempts(), 1, "a PATCH is not retried on 500");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn malformed_json_on_200_is_a_decode_error_with_a_snippet() {
    let body = format!(r#"{{"success": true, "data": {{"_id": "wh_1", {}"#, "\"pad\": 1, ".repeat(100));
    let server = TestServer::replying(Reply::json(200, &body)).await;
    let error = client(&server).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("bad JSON");
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.status(), StatusCode::OK);
    assert_eq!(decode.content_type(), Some("application/json"));
    assert_eq!(decode.snippet(), &body[..256], "the snippet is the first 256 bytes");
    assert!(!decode.message().is_empty());
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.attempts(), 1);
    assert_error_is_clean("the decode error", &error);
}

#[tokio::test]
async fn never_answering_server_is_a_timeout() {
    let server = TestServer::start(vec![Action::Hang]).await;
    let client = builder(&server).timeout(Duration::from_millis(200)).build().expect("client builds");
    let started = Instant::now();
    let error = client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("times out");
    let elapsed = started.elapsed();
    let Error::Timeout(timeout) = &error else { panic!("expected Timeout, got {error:?}") };
    assert_eq!(timeout.status(), None);
    assert!(timeout.elapsed() >= Duration::from_millis(190), "{:?}", timeout.elapsed());
    assert_elapsed("the timeout", elapsed, Duration::from_millis(190), Duration::from_secs(3));
    assert_eq!(error.attempts(), 1, "a PATCH that may have reached the server is not retried");
    assert_eq!(server.request_count(), 1);
    assert_error_is_clean("the timeout", &error);
}

// ---------------------------------------------------------------------------
// Secrets

#[tokio::test]
async fn no_debug_output_contains_a_secret() {
    let builder = builder(&TestServer::replying(ok_server_reply()).await);
    assert_no_secret("Debug of the builder", &format!("{builder:?} {builder:#?}"));

    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, &webhook_json("active"))),
        Action::Reply(Reply::json(404, SEED_404)),
        Action::Reply(Reply::new(500).header("Content-Type", "text/html").body(format!("<p>{API_KEY}</p>"))),
        Action::Reply(Reply::json(200, &format!(r#"{{"secret":"{SIGNING_SECRET}""#))),
        Action::Hang,
    ])
    .await;
    let client = builder.base_url(server.url()).timeout(Duration::from_millis(200)).build().expect("client builds");
    assert_no_secret("Debug of the client", &format!("{client:?} {client:#?}"));
    let body = full_body();
    assert_no_secret("Debug of the request body", &format!("{body:?} {body:#?}"));

    let response = client.update_webhook("wh_1", &body).await.expect("200 decodes");
    assert_eq!(response.data.secret.as_ref().map(Secret::expose), Some(SIGNING_SECRET));
    assert_no_secret("Debug of the response", &format!("{response:?} {response:#?}"));
    assert_no_secret("Debug of the response body", &format!("{:?}", response.body()));

    let mut errors = Vec::new();
    for _ in 0..4 {
        errors.push(client.update_webhook("wh_1", &body).await.expect_err("fails"));
    }
    assert!(matches!(errors[0], Error::Api(_)), "{:?}", errors[0]);
    assert!(matches!(errors[1], Error::UnexpectedStatus(_)), "{:?}", errors[1]);
    assert!(matches!(errors[2], Error::Decode(_)), "{:?}", errors[2]);
    assert!(matches!(errors[3], Error::Timeout(_)), "{:?}", errors[3]);
    let invalid = UpdateWebhookRequest { name: Some(" ".to_owned()), ..full_body() };
    errors.push(client.update_webhook("wh_1", &invalid).await.expect_err("refused"));
    errors.push(client.update_webhook("..", &body).await.expect_err("refused"));
    assert!(matches!(errors[4], Error::InvalidRequest(_)));
    assert!(matches!(errors[5], Error::InvalidRequest(_)));
    for (index, error) in errors.iter().enumerate() {
        assert_error_is_clean(&format!("error {index}"), error);
    }

    let no_credentials = Client::builder().base_url(server.url()).build().expect("client builds");
    let error = no_credentials.update_webhook("wh_1", &body).await.expect_err("no credentials");
    let Error::MissingCredentials(missing) = &error else { panic!("expected MissingCredentials, got {error:?}") };
    assert_eq!(missing.required(), "ApiKey + BearerToken");
    assert_eq!(error.attempts(), 0);
    assert_error_is_clean("MissingCredentials", &error);
    assert_eq!(server.request_count(), 5, "refused requests never reach the server");
}
