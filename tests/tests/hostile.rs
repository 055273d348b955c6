//! The generated SendKit client against servers that misbehave on purpose:
//! silence, stalls, resets, oversized and malformed bodies, throttling and
//! outages. Each test asserts the exact error variant, the number of attempts
//! (as the error reports it and as the server counted them), the elapsed time
//! within loose bounds, and that no error output contains a secret. Also: the
//! retry rules, per-call options, and path and credential injection.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sendkit::types::{UpdateWebhookRequest, WebhookResponse};
use sendkit::{
    BuildError, Client, ClientBuilder, Error, HeaderName, HeaderValue, RequestOptions, Response, StatusCode,
};
use tests::server::{Action, Reply, TestServer, refused_addr};

type Outcome = Result<Response<WebhookResponse>, Error<sendkit::types::ErrorResponse>>;

const API_KEY: &str = "sk_live_HOSTILEKEY_0b7e3a";
const BEARER_TOKEN: &str = "tok_HOSTILETOKEN_c41d9f";
const SIGNING_SECRET: &str = "whsec_HOSTILESIGNING_5e2a";

const WEBHOOK: &str = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"CRM Sync","url":"https://h.example.com/","events":["email.replied"],"status":"active","createdAt":"2024-06-01T10:00:00.000Z","updatedAt":"2024-06-05T12:30:00.000Z"}}"#;

/// A request body that carries the signing secret, so every test checks it never leaks.
fn body() -> UpdateWebhookRequest {
    UpdateWebhookRequest { secret: Some(SIGNING_SECRET.into()), ..Default::default() }
}

fn ok() -> Action {
    Action::Reply(Reply::json(200, WEBHOOK))
}

fn status(code: u16) -> Action {
    Action::Reply(Reply::json(code, r#"{"error":"x","message":"y","code":0}"#))
}

/// A client with fast backoff and a generous timeout; tests tighten what they exercise.
fn builder(base_url: String) -> ClientBuilder {
    Client::builder()
        .base_url(base_url)
        .api_key(API_KEY)
        .bearer_token(BEARER_TOKEN)
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(10))
}

fn client(server: &TestServer) -> Client {
    builder(server.url()).build().expect("client builds")
}

/// Sends one update and returns the outcome and the time it took.
async fn call(client: &Client) -> (Outcome, Duration) {
    let started = Instant::now();
    let outcome = client.update_webhook("wh_1", &body()).await;
    (outcome, started.elapsed())
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [API_KEY, BEARER_TOKEN, SIGNING_SECRET] {
        assert!(!text.contains(secret), "{what} leaks a secret: {text}");
    }
}

/// Checks the `Debug`, `Display` and source chain of an error for secrets.
fn assert_clean<E: std::fmt::Debug>(error: &Error<E>) {
    assert_no_secret("Debug", &format!("{error:?} {error:#?}"));
    assert_no_secret("Display", &error.to_string());
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_no_secret("source", &format!("{cause} {cause:?}"));
        source = cause.source();
    }
}

fn expect_error(outcome: Outcome) -> Error<sendkit::types::ErrorResponse> {
    match outcome {
        Ok(response) => panic!("expected an error, got {response:?}"),
        Err(error) => {
            assert_clean(&error);
            error
        }
    }
}

fn within(elapsed: Duration, min: Duration, max: Duration) {
    assert!(elapsed >= min && elapsed < max, "elapsed {elapsed:?} not within [{min:?}, {max:?})");
}

// ---------------------------------------------------------------------------
// Silence and stalls

#[tokio::test]
async fn server_that_never_answers_times_out_after_one_attempt() {
    let server = TestServer::start(vec![Action::Hang]).await;
    let client = builder(server.url()).timeout(Duration::from_millis(200)).build().expect("client builds");
    let (outcome, elapsed) = call(&client).await;
    let error = expect_error(outcome);
    let Error::Timeout(timeout) = &error else { panic!("expected Timeout, got {error:?}") };
    assert_eq!(timeout.status(), None);
    assert_eq!(error.attempts(), 1, "the PATCH may have reached the server: not retried");
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::from_millis(190), Duration::from_secs(2));
    assert!(error.to_string().starts_with("the request timed out after"), "{error}");
}

#[tokio::test]
async fn server_that_never_answers_is_retried_when_the_caller_opts_in() {
    let server = TestServer::start(vec![Action::Hang]).await;
    let client = builder(server.url())
        .build()
        .expect("client builds")
        .with_options(RequestOptions::new().timeout(Duration::from_millis(150)).retry_non_idempotent(true));
    let (outcome, elapsed) = call(&client).await;
    let error = expect_error(outcome);
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.request_count(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    within(elapsed, Duration::from_millis(440), Duration::from_secs(3));
}

#[tokio::test]
async fn headers_then_stall_times_out_with_the_status() {
    let server = TestServer::start(vec![Action::HeadersThenStall(Reply::json(200, WEBHOOK))]).await;
    let client = builder(server.url()).timeout(Duration::from_millis(300)).build().expect("client builds");
    let (outcome, elapsed) = call(&client).await;
    let error = expect_error(outcome);
    let Error::Timeout(timeout) = &error else { panic!("expected Timeout, got {error:?}") };
    assert_eq!(timeout.status(), Some(StatusCode::OK));
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::from_millis(290), Duration::from_secs(2));
}

#[tokio::test]
async fn slow_answer_within_the_timeout_succeeds() {
    let server = TestServer::start(vec![Action::Delay(Duration::from_millis(100), Reply::json(200, WEBHOOK))]).await;
    let client = builder(server.url()).timeout(Duration::from_secs(2)).build().expect("client builds");
    let (outcome, elapsed) = call(&client).await;
    assert_eq!(outcome.expect("200").data.id, "wh_1");
    within(elapsed, Duration::from_millis(95), Duration::from_secs(2));
}

// ---------------------------------------------------------------------------
// Broken and oversized bodies

#[tokio::test]
async fn reset_mid_body_is_a_transport_error() {
    for reset in [true, false] {
        let server =
            TestServer::start(vec![Action::PartialBody { reply: Reply::json(200, WEBHOOK), sent: 20, reset }]).await;
        let (outcome, elapsed) = call(&client(&server)).await;
        let error = expect_error(outcome);
        let Error::Transport(transport) = &error else { panic!("reset={reset}: expected Transport, got {error:?}") };
        assert_eq!(transport.status(), Some(StatusCode::OK), "reset={reset}");
        assert!(!transport.is_connect(), "reset={reset}");
        assert_eq!(error.attempts(), 1, "reset={reset}: a PATCH is not retried once it reached the server");
        assert_eq!(server.request_count(), 1, "reset={reset}");
        within(elapsed, Duration::ZERO, Duration::from_secs(2));
    }
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_transport_error() {
    for bytes in
        [&b"hello there\r\n\r\n"[..], b"HTTP/1.1 2OO OK\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"]
    {
        let server = TestServer::start(vec![Action::Raw(bytes.to_vec())]).await;
        let (outcome, elapsed) = call(&client(&server)).await;
        let error = expect_error(outcome);
        let Error::Transport(transport) = &error else { panic!("{bytes:?}: expected Transport, got {error:?}") };
        assert!(!transport.is_connect());
        assert_eq!(transport.status(), None);
        assert_eq!(error.attempts(), 1);
        assert_eq!(server.request_count(), 1);
        within(elapsed, Duration::ZERO, Duration::from_secs(2));
    }
}

#[tokio::test]
async fn body_larger_than_the_bound_is_refused() {
    let big = format!(r#"{{"pad":"{}"}}"#, "x".repeat(4096));
    let cases = [
        ("with Content-Length", Action::Reply(Reply::json(200, &big))),
        ("without Content-Length", Action::Reply(Reply::json(200, &big).without_content_length())),
        ("endless", Action::Endless(Reply::json(200, &big))),
        ("error status", Action::Reply(Reply::json(404, &big))),
    ];
    for (name, action) in cases {
        let status = if name == "error status" { StatusCode::NOT_FOUND } else { StatusCode::OK };
        let server = TestServer::start(vec![action]).await;
        let client = builder(server.url()).max_response_bytes(1024).build().expect("client builds");
        let (outcome, elapsed) = call(&client).await;
        let error = expect_error(outcome);
        let Error::BodyTooLarge(too_large) = &error else { panic!("{name}: expected BodyTooLarge, got {error:?}") };
        assert_eq!(too_large.limit(), 1024, "{name}");
        assert_eq!(too_large.status(), status, "{name}");
        assert_eq!(error.status(), Some(status), "{name}");
        assert_eq!(error.attempts(), 1, "{name}");
        assert_eq!(server.request_count(), 1, "{name}");
        within(elapsed, Duration::ZERO, Duration::from_secs(2));
    }
}

#[tokio::test]
async fn body_at_the_bound_is_read() {
    let server = TestServer::start(vec![ok()]).await;
    let client = builder(server.url()).max_response_bytes(WEBHOOK.len()).build().expect("client builds");
    let (outcome, _) = call(&client).await;
    assert_eq!(outcome.expect("exactly at the bound").data.id, "wh_1");
}

#[tokio::test]
async fn invalid_json_is_a_decode_error() {
    let cases: [(&str, Vec<u8>); 4] = [
        ("truncated", br#"{"success":true,"data":{"_id":"#.to_vec()),
        ("wrong shape", br#"{"success":"yes"}"#.to_vec()),
        ("not UTF-8", b"{\"success\":true,\xff\xfe}".to_vec()),
        ("empty", Vec::new()),
    ];
    for (name, bytes) in cases {
        let server = TestServer::start(vec![Action::Reply(
            Reply::new(200).header("Content-Type", "application/json").body(bytes),
        )])
        .await;
        let (outcome, elapsed) = call(&client(&server)).await;
        let error = expect_error(outcome);
        let Error::Decode(decode) = &error else { panic!("{name}: expected Decode, got {error:?}") };
        assert_eq!(decode.status(), StatusCode::OK, "{name}");
        assert_eq!(decode.content_type(), Some("application/json"), "{name}");
        assert_eq!(error.attempts(), 1, "{name}");
        assert_eq!(server.request_count(), 1, "{name}");
        within(elapsed, Duration::ZERO, Duration::from_secs(2));
    }
}

#[tokio::test]
async fn wrong_content_type_is_a_decode_error_naming_it() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(200).header("Content-Type", "text/plain").body("OK"))]).await;
    let (outcome, elapsed) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.content_type(), Some("text/plain"));
    assert_eq!(decode.snippet(), "OK");
    assert!(error.to_string().starts_with("cannot decode the 200 OK response (text/plain): "), "{error}");
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn html_error_page_is_an_unexpected_status() {
    let page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(502).header("Content-Type", "text/html").body(page))]).await;
    let (outcome, elapsed) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(unexpected.body_text(), page);
    assert_eq!(error.attempts(), 1, "a PATCH is not retried on 502 without opting in");
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn html_page_on_200_is_a_decode_error() {
    let server = TestServer::start(vec![Action::Reply(
        Reply::new(200).header("Content-Type", "text/html; charset=utf-8").body("<html><body>Login</body></html>"),
    )])
    .await;
    let (outcome, elapsed) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
    assert_eq!(decode.content_type(), Some("text/html; charset=utf-8"));
    assert_eq!(decode.snippet(), "<html><body>Login</body></html>");
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn decode_errors_do_not_repeat_strings_of_the_body() {
    // A hostile server puts a secret where the spec wants another type; serde's
    // message would quote it ("invalid type: string \"...\"").
    let cases = [
        format!(r#"{{"success":"{SIGNING_SECRET}","data":{{}}}}"#),
        format!(
            r#"{{"success":true,"data":{{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"u","events":[],"status":"active","createdAt":"{API_KEY}","updatedAt":"x"}}}}"#
        ),
        format!(r#"{{"success":true,"data":{{"_id":"wh_1","retryAttempts":"\"{BEARER_TOKEN}\\"}}}}"#),
    ];
    for body in cases {
        let server = TestServer::start(vec![Action::Reply(Reply::json(200, &body))]).await;
        let (outcome, _) = call(&client(&server)).await;
        let error = expect_error(outcome);
        let Error::Decode(decode) = &error else { panic!("expected Decode, got {error:?}") };
        assert_no_secret("DecodeError::message", decode.message());
        assert!(decode.message().contains(" at line 1 column "), "keeps the position: {}", decode.message());
        assert_eq!(decode.snippet(), body, "the body stays available through the accessor");
    }
}

#[tokio::test]
async fn redirects_to_another_origin_are_not_followed() {
    let elsewhere = TestServer::start(vec![ok()]).await;
    let location = format!("{}/v1/webhooks/wh_1", elsewhere.url());
    let server = TestServer::start(vec![Action::Reply(Reply::new(307).header("Location", &location))]).await;
    let (outcome, _) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(server.request_count(), 1);
    assert_eq!(elsewhere.request_count(), 0, "credentials never go to another origin");
}

#[tokio::test]
async fn redirects_within_the_origin_are_followed() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(308).header("Location", "/v1/webhooks/moved")), ok()]).await;
    let (outcome, _) = call(&client(&server)).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].method, "PATCH");
    assert_eq!(requests[1].target, "/v1/webhooks/moved");
    assert_eq!(requests[1].body, requests[0].body, "a 308 keeps the body");
    assert_eq!(requests[1].header("x-api-key"), Some(API_KEY));
}

// ---------------------------------------------------------------------------
// Throttling and outages

#[tokio::test]
async fn too_many_requests_with_retry_after_seconds_then_200() {
    let server = TestServer::start(vec![
        Action::Reply(
            Reply::json(429, r#"{"error":"Too Many Requests","message":"slow down","code":429}"#)
                .header("Retry-After", "1"),
        ),
        ok(),
    ])
    .await;
    let (outcome, elapsed) = call(&client(&server)).await;
    assert_eq!(outcome.expect("retried into a 200").data.id, "wh_1");
    assert_eq!(server.request_count(), 2, "a 429 is retried even for PATCH");
    within(elapsed, Duration::from_millis(950), Duration::from_secs(4));
    let requests = server.requests();
    assert_eq!(requests[0].raw, requests[1].raw, "the retry is the same request, byte for byte");
}

#[tokio::test]
async fn too_many_requests_with_retry_after_date_then_200() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(429).header("Retry-After", &http_date(SystemTime::now() + Duration::from_secs(2)))),
        ok(),
    ])
    .await;
    let (outcome, elapsed) = call(&client(&server)).await;
    assert_eq!(outcome.expect("retried into a 200").data.id, "wh_1");
    assert_eq!(server.request_count(), 2);
    // The date has one-second precision: the wait is between one and two seconds.
    within(elapsed, Duration::from_millis(900), Duration::from_secs(5));
}

#[tokio::test]
async fn retry_after_in_the_past_retries_at_once() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503).header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")),
        ok(),
    ])
    .await;
    // A long backoff shows whether the header was read: a past date means no wait at all.
    let client = builder(server.url()).retry_backoff(Duration::from_secs(2), Duration::from_secs(2)).build();
    let (outcome, elapsed) = call(&client.expect("client builds")).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(server.request_count(), 2);
    within(elapsed, Duration::ZERO, Duration::from_millis(900));
}

#[tokio::test]
async fn retry_after_beyond_the_cap_is_not_waited_for() {
    let server = TestServer::start(vec![
        Action::Reply(
            Reply::json(429, r#"{"error":"Too Many Requests","message":"later","code":429}"#)
                .header("Retry-After", "120"),
        ),
        ok(),
    ])
    .await;
    let client = builder(server.url()).max_retry_after(Duration::from_secs(1)).build().expect("client builds");
    let (outcome, elapsed) = call(&client).await;
    let error = expect_error(outcome);
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(unexpected.headers().get("retry-after").map(HeaderValue::as_bytes), Some(&b"120"[..]));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.request_count(), 1);
    within(elapsed, Duration::ZERO, Duration::from_millis(900));
}

#[tokio::test]
async fn service_unavailable_twice_then_200() {
    let server = TestServer::start(vec![status(503), status(503), ok()]).await;
    let (outcome, elapsed) = call(&client(&server)).await;
    assert_eq!(outcome.expect("third attempt succeeds").data.id, "wh_1");
    assert_eq!(server.request_count(), 3, "a 503 is retried even for PATCH");
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn service_unavailable_every_time_reports_every_attempt() {
    let server = TestServer::start(vec![status(503)]).await;
    let (outcome, elapsed) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unexpected.attempts(), 3);
    assert_eq!(error.attempts(), 3, "one attempt and the two default retries");
    assert_eq!(server.request_count(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn connection_closed_before_answering_a_patch_is_not_retried() {
    let server = TestServer::start(vec![Action::Close, ok()]).await;
    let (outcome, elapsed) = call(&client(&server)).await;
    let error = expect_error(outcome);
    let Error::Transport(transport) = &error else { panic!("expected Transport, got {error:?}") };
    assert!(!transport.is_connect(), "the connection was made: the server may have acted on the PATCH");
    assert_eq!(transport.status(), None);
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.request_count(), 1, "exactly one PATCH reached the server");
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn connection_closed_before_answering_is_retried_when_the_caller_opts_in() {
    let server = TestServer::start(vec![Action::Close, Action::Close, ok()]).await;
    let client = client(&server).with_options(RequestOptions::new().retry_non_idempotent(true));
    let (outcome, _) = call(&client).await;
    assert_eq!(outcome.expect("third attempt succeeds").data.id, "wh_1");
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn connection_refused_is_retried_even_for_patch() {
    let url = format!("http://{}", refused_addr().await);
    for (retries, attempts) in [(2, 3), (0, 1)] {
        let client = builder(url.clone()).max_retries(retries).build().expect("client builds");
        let (outcome, elapsed) = call(&client).await;
        let error = expect_error(outcome);
        let Error::Transport(transport) = &error else { panic!("expected Transport, got {error:?}") };
        assert!(transport.is_connect(), "{error}");
        assert_eq!(transport.status(), None);
        assert_eq!(error.attempts(), attempts, "max_retries={retries}");
        within(elapsed, Duration::ZERO, Duration::from_secs(2));
    }
}

// ---------------------------------------------------------------------------
// Retry configuration and per-call options

#[tokio::test]
async fn max_retries_zero_disables_retries() {
    for code in [429, 503] {
        let server = TestServer::start(vec![status(code), ok()]).await;
        let client = builder(server.url()).max_retries(0).build().expect("client builds");
        let (outcome, _) = call(&client).await;
        let error = expect_error(outcome);
        assert!(matches!(error, Error::UnexpectedStatus(_)), "{code}: {error:?}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(code));
        assert_eq!(error.attempts(), 1, "{code}");
        assert_eq!(server.request_count(), 1, "{code}");
    }
}

#[tokio::test]
async fn retry_non_idempotent_makes_patch_retry_on_500() {
    let server = TestServer::start(vec![status(500), status(408), ok()]).await;
    let base = client(&server);
    let (outcome, _) = call(&base).await;
    let error = expect_error(outcome);
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(error.attempts(), 1, "not retried without opting in");

    let server = TestServer::start(vec![status(500), status(408), ok()]).await;
    let opted_in = client(&server).with_options(RequestOptions::new().retry_non_idempotent(true));
    let (outcome, elapsed) = call(&opted_in).await;
    assert_eq!(outcome.expect("retried into a 200").data.id, "wh_1");
    assert_eq!(server.request_count(), 3);
    within(elapsed, Duration::ZERO, Duration::from_secs(2));
}

#[tokio::test]
async fn per_call_timeout_overrides_the_client() {
    let server = TestServer::start(vec![Action::Delay(Duration::from_millis(600), Reply::json(200, WEBHOOK))]).await;
    let base = builder(server.url()).timeout(Duration::from_secs(3)).build().expect("client builds");
    let hurried = base.with_options(RequestOptions::new().timeout(Duration::from_millis(150)));
    let (outcome, elapsed) = call(&hurried).await;
    let error = expect_error(outcome);
    // A timeout (not the answer, which comes after 600 ms) shows the call's value applied.
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    within(elapsed, Duration::from_millis(140), Duration::from_secs(2));

    // The client itself keeps its own timeout.
    let (outcome, elapsed) = call(&base).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    within(elapsed, Duration::from_millis(590), Duration::from_secs(3));

    // And a longer per-call timeout overrides a shorter client one.
    let short = builder(server.url()).timeout(Duration::from_millis(150)).build().expect("client builds");
    let patient = short.with_options(RequestOptions::new().timeout(Duration::from_secs(3)));
    assert!(call(&patient).await.0.is_ok());
}

#[tokio::test]
async fn per_call_max_retries_overrides_the_client() {
    let server = TestServer::start(vec![status(503), status(503), ok()]).await;
    let base = builder(server.url()).max_retries(0).build().expect("client builds");
    let (outcome, _) = call(&base.with_options(RequestOptions::new().max_retries(2))).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(server.request_count(), 3);

    let server = TestServer::start(vec![status(503)]).await;
    let base = builder(server.url()).max_retries(5).build().expect("client builds");
    let (outcome, _) = call(&base.with_options(RequestOptions::new().max_retries(1))).await;
    assert_eq!(expect_error(outcome).attempts(), 2);
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn per_call_headers_are_sent_and_replace_client_defaults() {
    let server = TestServer::start(vec![ok()]).await;
    let base = builder(server.url())
        .default_header(HeaderName::from_static("x-trace"), HeaderValue::from_static("client"))
        .default_header(HeaderName::from_static("x-team"), HeaderValue::from_static("growth"))
        .build()
        .expect("client builds");
    let options = RequestOptions::new()
        .header(HeaderName::from_static("x-trace"), HeaderValue::from_static("call"))
        .header(HeaderName::from_static("idempotency-key"), HeaderValue::from_static("key-1"));
    let (outcome, _) = call(&base.with_options(options)).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    let (outcome, _) = call(&base).await;
    assert!(outcome.is_ok(), "{outcome:?}");

    let requests = server.requests();
    assert_eq!(requests[0].header_values("x-trace"), ["call"], "the call's value replaces the client's");
    assert_eq!(requests[0].header_values("x-team"), ["growth"]);
    assert_eq!(requests[0].header_values("idempotency-key"), ["key-1"]);
    assert_eq!(requests[0].header("x-api-key"), Some(API_KEY));
    assert_eq!(requests[1].header_values("x-trace"), ["client"], "the client is unchanged");
    assert_eq!(requests[1].header_values("idempotency-key"), Vec::<&str>::new());
}

// ---------------------------------------------------------------------------
// Security: paths and credentials

/// Decodes `%XX` escapes, as a server does before routing.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[tokio::test]
async fn path_ids_never_change_the_path_or_add_a_query() {
    let cases: &[(&str, &str)] = &[
        ("../x", "/v1/webhooks/..%2Fx"),
        ("../../admin", "/v1/webhooks/..%2F..%2Fadmin"),
        ("a/b", "/v1/webhooks/a%2Fb"),
        ("?q=1", "/v1/webhooks/%3Fq%3D1"),
        ("#f", "/v1/webhooks/%23f"),
        ("%2F", "/v1/webhooks/%252F"),
        ("%00", "/v1/webhooks/%2500"),
        ("%2e%2e", "/v1/webhooks/%252e%252e"),
        ("\u{0}", "/v1/webhooks/%00"),
        ("wh\u{00e9}\u{1F600}", "/v1/webhooks/wh%C3%A9%F0%9F%98%80"),
        ("\u{FF0F}", "/v1/webhooks/%EF%BC%8F"),
        (" x ", "/v1/webhooks/%20x%20"),
        ("x HTTP/1.1\r\nHost: evil", "/v1/webhooks/x%20HTTP%2F1.1%0D%0AHost%3A%20evil"),
    ];
    let server = TestServer::start(vec![ok()]).await;
    let client = client(&server);
    for (id, _) in cases {
        let outcome = client.update_webhook(id, &body()).await;
        assert!(outcome.is_ok(), "{id:?}: {outcome:?}");
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for ((id, expected), request) in cases.iter().zip(&requests) {
        assert_eq!(request.target, *expected, "{id:?}");
        assert_eq!(request.query(), None, "{id:?}");
        let segment = request.path().strip_prefix("/v1/webhooks/").expect("prefix kept");
        assert!(!segment.contains('/'), "{id:?} stays one segment");
        assert_eq!(percent_decode(segment), id.as_bytes(), "{id:?}: the server decodes exactly the id");
        assert_eq!(request.header("host"), Some(server.addr().to_string().as_str()), "{id:?}");
    }

    for id in ["", ".", ".."] {
        let error = client.update_webhook(id, &body()).await.expect_err("refused");
        let Error::InvalidRequest(invalid) = &error else { panic!("{id:?}: expected InvalidRequest, got {error:?}") };
        assert_eq!(invalid.field(), "path.id");
        assert_clean(&error);
    }
    assert_eq!(server.request_count(), cases.len(), "refused ids send nothing");
}

#[tokio::test]
async fn credentials_with_control_characters_are_refused_without_echo() {
    let bad_key = format!("{API_KEY}\r\nX-Injected: 1");
    let bad_token = format!("{BEARER_TOKEN}\n");
    let nul_key = format!("{API_KEY}\0");
    let cases: Vec<(&str, Result<Client, BuildError>)> = vec![
        ("ApiKey", Client::new(bad_key.as_str(), BEARER_TOKEN)),
        ("BearerToken", Client::new(API_KEY, bad_token.as_str())),
        ("ApiKey", Client::new(nul_key.as_str(), BEARER_TOKEN)),
        ("ApiKey", Client::builder().api_key(bad_key.as_str()).bearer_token(BEARER_TOKEN).build()),
        ("BearerToken", Client::builder().bearer_token(bad_token.as_str()).api_key(API_KEY).build()),
    ];
    for (scheme, result) in cases {
        let error = match result {
            Ok(client) => panic!("a credential with control characters was accepted: {client:?}"),
            Err(error) => error,
        };
        assert!(matches!(&error, BuildError::InvalidCredential { scheme: s } if *s == scheme), "{error:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "the credential for security scheme `{scheme}` is empty or contains characters that cannot be sent in HTTP"
            )
        );
        for text in [format!("{error:?}"), error.to_string()] {
            assert_no_secret("BuildError", &text);
            assert!(!text.contains("X-Injected"), "{text}");
        }
    }
}

#[test]
fn empty_credentials_are_refused_when_the_client_is_built() {
    for (scheme, result) in [("ApiKey", Client::new("", BEARER_TOKEN)), ("BearerToken", Client::new(API_KEY, ""))] {
        match result {
            Ok(client) => panic!("an empty credential was accepted: {client:?}"),
            Err(error) => {
                assert!(matches!(&error, BuildError::InvalidCredential { scheme: s } if *s == scheme), "{error:?}")
            }
        }
    }
}

#[tokio::test]
async fn builder_and_client_debug_hide_credentials() {
    let builder = builder("http://127.0.0.1:9".to_owned());
    let text = format!("{builder:?}");
    assert_no_secret("Debug of the builder", &text);
    assert!(text.contains("ApiKey") && text.contains("BearerToken"), "names the configured schemes: {text}");
    let client = builder.build().expect("client builds");
    let options = RequestOptions::new().header(
        HeaderName::from_static("x-signing-secret"),
        HeaderValue::from_str(SIGNING_SECRET).expect("valid header value"),
    );
    assert_no_secret("Debug of request options", &format!("{options:?}"));
    let text = format!("{client:?} {:?}", client.with_options(options));
    assert_no_secret("Debug of the client", &text);

    let with_header = builder_with_secret_header();
    assert_no_secret("Debug of a builder with a default header", &format!("{with_header:?}"));
    let client = with_header.build().expect("client builds");
    assert_no_secret("Debug of a client with a default header", &format!("{client:?}"));
}

fn builder_with_secret_header() -> ClientBuilder {
    builder("http://127.0.0.1:9".to_owned()).default_header(
        HeaderName::from_static("x-signing-secret"),
        HeaderValue::from_str(SIGNING_SECRET).expect("valid header value"),
    )
}

// ---------------------------------------------------------------------------
// Helpers

/// Formats a time as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = secs / 86_400;
    let (hour, minute, second) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let month =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(month - 1) as usize];
    format!("{weekday}, {day:02} {month} {year} {hour:02}:{minute:02}:{second:02} GMT")
}

#[test]
fn http_date_formats_known_instants() {
    assert_eq!(http_date(UNIX_EPOCH + Duration::from_secs(784_111_777)), "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_eq!(http_date(UNIX_EPOCH + Duration::from_secs(1_709_164_800)), "Thu, 29 Feb 2024 00:00:00 GMT");
}
