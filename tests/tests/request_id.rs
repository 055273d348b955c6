//! The server's request id on the SendKit client: kept on the response and on
//! every error that has a response, printed in the error's message, read from
//! the headers the builder names.

use std::time::Duration;

use sendkit::types::UpdateWebhookRequest;
use sendkit::{Error, HeaderName, StatusCode};
use tests::client::{assert_error_is_clean, builder, client};
use tests::server::{Action, Reply, TestServer};

const WEBHOOK: &str = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"CRM Sync","url":"https://h.example.com/","events":[],"status":"active","createdAt":"2024-06-01T10:00:00.000Z","updatedAt":"2024-06-05T12:30:00.000Z"}}"#;

const NOT_FOUND: &str = r#"{"error":"Not Found","message":"The requested resource was not found","code":404}"#;

#[tokio::test]
async fn a_response_keeps_the_request_id() {
    let server = TestServer::replying(Reply::json(200, WEBHOOK).header("X-Request-Id", "req_42")).await;
    let response = client(server.url()).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("200");
    assert_eq!(response.request_id(), Some("req_42"));

    let server = TestServer::replying(Reply::json(200, WEBHOOK)).await;
    let response = client(server.url()).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect("200");
    assert_eq!(response.request_id(), None, "no request-id header, no request id");
}

#[tokio::test]
async fn a_documented_error_prints_its_request_id() {
    let server = TestServer::replying(Reply::json(404, NOT_FOUND).header("Request-Id", "req_404")).await;
    let error = client(server.url()).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("404");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.request_id(), Some("req_404"));
    assert_eq!(error.to_string(), "the server answered 404 Not Found (request id req_404)");
    assert_error_is_clean("the 404", &error);
}

#[tokio::test]
async fn the_last_attempts_request_id_is_printed_with_the_attempts() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503).header("x-amzn-RequestId", "amzn-1")),
        Action::Reply(Reply::new(503).header("x-amzn-RequestId", "amzn-2")),
        Action::Reply(Reply::new(503).header("x-amzn-RequestId", "amzn-3")),
    ])
    .await;
    let error = client(server.url()).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("503");
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.request_id(), Some("amzn-3"));
    assert_eq!(
        error.to_string(),
        "unexpected status 503 Service Unavailable with a 0-byte body (after 3 attempts; request id amzn-3)"
    );
}

#[tokio::test]
async fn a_decode_error_and_a_stalled_body_print_the_request_id() {
    let server = TestServer::replying(Reply::json(200, "{").header("X-Request-Id", "req_bad")).await;
    let error = client(server.url()).update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("bad");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert_eq!(error.request_id(), Some("req_bad"));
    assert!(error.to_string().ends_with(" (request id req_bad)"), "{error}");

    let stall = Reply::json(200, WEBHOOK).header("X-Request-Id", "req_slow");
    let server = TestServer::start(vec![Action::HeadersThenStall(stall)]).await;
    let client = builder(server.url()).timeout(Duration::from_millis(200)).build().expect("client builds");
    let error = client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("stalls");
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.request_id(), Some("req_slow"));
    assert!(error.to_string().ends_with(" (request id req_slow)"), "{error}");
}

#[tokio::test]
async fn the_builder_names_the_request_id_headers() {
    let reply = Reply::json(404, NOT_FOUND).header("X-Request-Id", "generic").header("X-Trace", "trace-7");
    let server = TestServer::replying(reply).await;
    let client =
        builder(server.url()).request_id_headers([HeaderName::from_static("x-trace")]).build().expect("client builds");
    let error = client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("404");
    assert_eq!(error.request_id(), Some("trace-7"));
    assert_eq!(error.to_string(), "the server answered 404 Not Found (request id trace-7)");

    let client = builder(server.url()).request_id_headers([]).build().expect("client builds");
    let error = client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await.expect_err("404");
    assert_eq!(error.request_id(), None, "no request-id headers, no request id");
    assert_eq!(error.to_string(), "the server answered 404 Not Found");
}
