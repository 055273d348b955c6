//! Behaviour of the `payments` fixture's client against a local server: the
//! idempotency key of `createPayment` (fresh per call, the same on every retry,
//! which makes the POST retryable; a caller's key sent as it is), while
//! `createRefund`, which declares none, is neither given a key nor retried on a
//! 500; the `tracing` feature's span and retry events, without the API key;
//! the Standard Webhooks signature of `paymentSucceeded` (the scheme's published
//! test vector, several signatures, a wrong one, an old timestamp, a bad secret,
//! none of which an error message repeats); middleware that sees every
//! attempt and adds a header, under the client's own retry rules.

use std::time::Duration;

use corpus_payments::types::{CreatePaymentParams, NewPayment};
use corpus_payments::webhooks::{SignatureError, Webhook, WebhookError};
use corpus_payments::{Client, Error, HeaderMap, HeaderValue, Middleware, MiddlewareFuture, Next, Secret};
use tests::server::{Action, Recorded, Reply, TestServer};

const API_KEY: &str = "pk_live_SECRET_3a7f21";
const PAYMENT: &str = r#"{"id":"pay_1","amount":1200}"#;

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key(API_KEY)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .build()
        .unwrap()
}

fn key(request: &Recorded) -> &str {
    request.header("idempotency-key").unwrap_or_else(|| panic!("one idempotency key: {:?}", request.headers))
}

/// Whether `text` is a version 4 UUID, as `8-4-4-4-12` lower-case hex digits.
fn is_uuid_v4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && text.chars().all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

#[tokio::test]
async fn a_payment_is_retried_on_503_and_500_with_the_same_fresh_key() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503)),
        Action::Reply(Reply::new(500)),
        Action::Reply(Reply::json(200, PAYMENT)),
        Action::Reply(Reply::json(200, PAYMENT)),
    ])
    .await;
    let client = client(&server);
    let response = client.create_payment(&CreatePaymentParams::default(), &NewPayment { amount: 1200 }).await.unwrap();
    assert_eq!(response.id, "pay_1");
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "the POST is retried on 503 and on 500");
    assert!(requests.iter().all(|request| request.method == "POST"));
    let first = key(&requests[0]).to_owned();
    assert!(is_uuid_v4(&first), "{first}");
    assert!(requests.iter().all(|request| key(request) == first), "one key on every attempt");

    // The next call has a key of its own.
    client.create_payment(&CreatePaymentParams::default(), &NewPayment { amount: 1200 }).await.unwrap();
    let next = key(&server.requests()[3]).to_owned();
    assert!(is_uuid_v4(&next), "{next}");
    assert_ne!(next, first, "a fresh key per call");
}

#[tokio::test]
async fn a_key_the_caller_gives_is_sent_as_it_is_on_every_attempt() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(502)), Action::Reply(Reply::json(200, PAYMENT))]).await;
    let params = CreatePaymentParams { idempotency_key: Some("order-7781/attempt".to_owned()) };
    client(&server).create_payment(&params, &NewPayment { amount: 1200 }).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header_values("idempotency-key"), ["order-7781/attempt"], "sent once, as given");
    }
}

#[tokio::test]
async fn an_operation_without_a_key_sends_none_and_is_not_retried_on_500() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(500)), Action::Reply(Reply::json(200, PAYMENT))]).await;
    let error = client(&server).create_refund(&NewPayment { amount: -1200 }).await.expect_err("500");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(error.attempts(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a POST without a key is not retried on 500");
    assert_eq!(requests[0].header("idempotency-key"), None);
}

#[tokio::test]
async fn a_call_is_one_span_with_the_http_attributes_and_an_event_per_retry_without_the_key() {
    let (capture, _guard) = tests::trace::capture();
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503).header("Retry-After", "0")),
        Action::Reply(Reply::json(200, PAYMENT)),
    ])
    .await;
    client(&server).create_payment(&CreatePaymentParams::default(), &NewPayment { amount: 1200 }).await.unwrap();
    assert!(server.requests()[0].target.contains(API_KEY), "the key is sent in the query");

    let spans = capture.spans_with("otel.name");
    assert_eq!(spans.len(), 1, "one span per call: {spans:?}");
    let fields = &spans[0].fields;
    let port = server.addr().port().to_string();
    let field = |name: &str| fields.get(name).map(String::as_str);
    assert_eq!(field("otel.name"), Some("create_payment"));
    assert_eq!(field("otel.kind"), Some("client"));
    assert_eq!(field("http.request.method"), Some("POST"));
    let url = format!("http://127.0.0.1:{port}/payments?api_key=REDACTED");
    assert_eq!(field("url.full"), Some(url.as_str()));
    assert_eq!(field("server.address"), Some("127.0.0.1"));
    assert_eq!(field("server.port"), Some(port.as_str()));
    assert_eq!(field("http.response.status_code"), Some("200"));
    assert_eq!(field("http.request.resend_count"), Some("1"));

    let retries: Vec<_> =
        capture.events().into_iter().filter(|e| e.fields.get("message").is_some_and(|m| m == "retrying")).collect();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!(retries[0].fields.get("reason").map(String::as_str), Some("503"));
    assert_eq!(retries[0].fields.get("attempt").map(String::as_str), Some("1"));
    assert_eq!(retries[0].fields.get("delay_ms").map(String::as_str), Some("0"));
    let span = retries[0].span.map(|index| capture.spans()[index].clone()).unwrap_or_default();
    assert_eq!(span.fields.get("otel.name").map(String::as_str), Some("create_payment"), "inside the call's span");

    let text = capture.text();
    assert!(!text.contains(API_KEY), "the API key is in no span or event: {text}");
}

#[tokio::test]
async fn a_failed_call_records_its_status_and_error_type() {
    let (capture, _guard) = tests::trace::capture();
    let server = TestServer::start(vec![Action::Reply(Reply::new(500))]).await;
    client(&server).create_refund(&NewPayment { amount: 5 }).await.expect_err("500");
    let spans = capture.spans_with("otel.name");
    assert_eq!(spans.len(), 1);
    let fields = &spans[0].fields;
    assert_eq!(fields.get("otel.name").map(String::as_str), Some("create_refund"));
    assert_eq!(fields.get("http.response.status_code").map(String::as_str), Some("500"));
    assert_eq!(fields.get("error.type").map(String::as_str), Some("500"));
    assert_eq!(fields.get("http.request.resend_count"), None, "no resend");
    assert!(!capture.text().contains(API_KEY));
}

/// The Standard Webhooks test vector, as its reference libraries publish it.
const VECTOR_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const VECTOR_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const VECTOR_TIMESTAMP: u64 = 1_614_265_330;
const VECTOR_BODY: &[u8] = br#"{"test": 2432232314}"#;
const VECTOR_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

fn signed_headers(signature: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", HeaderValue::from_static(VECTOR_ID));
    headers.insert("webhook-timestamp", HeaderValue::from_str(&VECTOR_TIMESTAMP.to_string()).unwrap());
    headers.insert("webhook-signature", HeaderValue::from_str(signature).unwrap());
    headers
}

fn at(seconds: u64) -> std::time::SystemTime {
    std::time::UNIX_EPOCH + Duration::from_secs(seconds)
}

fn verify(headers: &HeaderMap, secret: &str, now: u64) -> Result<Webhook, WebhookError> {
    Webhook::verify_and_decode_at("paymentSucceeded", headers, VECTOR_BODY, &Secret::new(secret), at(now))
}

/// The signature verified when the only failure left is the body, which is the
/// test vector's and no payment.
fn assert_verified(result: Result<Webhook, WebhookError>) {
    match result {
        Err(WebhookError::Decode { webhook: "paymentSucceeded", .. }) => {}
        other => panic!("expected the signature to verify and the body not to decode, got {other:?}"),
    }
}

fn assert_signature_error(result: Result<Webhook, WebhookError>, expected: SignatureError, message: &str) {
    let error = result.expect_err("refused");
    assert_eq!(error, WebhookError::Signature(expected));
    let text = error.to_string();
    assert_eq!(text, format!("the webhook request's signature does not verify: {message}"));
    let secret_part = VECTOR_SECRET.trim_start_matches("whsec_");
    assert!(!text.contains(secret_part) && !format!("{error:?}").contains(secret_part), "{text}");
}

#[test]
fn the_standard_webhooks_test_vector_verifies() {
    assert_verified(verify(&signed_headers(VECTOR_SIGNATURE), VECTOR_SECRET, VECTOR_TIMESTAMP));
    // The secret without its prefix, and one of several signatures (other versions ignored).
    let several = format!("v1a,c2lnbmVk v1,bm9wZQ== {VECTOR_SIGNATURE}");
    assert_verified(verify(&signed_headers(&several), VECTOR_SECRET.trim_start_matches("whsec_"), VECTOR_TIMESTAMP));
    // Five minutes either way.
    assert_verified(verify(&signed_headers(VECTOR_SIGNATURE), VECTOR_SECRET, VECTOR_TIMESTAMP + 300));
    assert_verified(verify(&signed_headers(VECTOR_SIGNATURE), VECTOR_SECRET, VECTOR_TIMESTAMP - 300));
}

#[test]
fn a_wrong_signature_an_old_timestamp_and_a_bad_secret_are_refused_without_the_secret() {
    let wrong = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=";
    assert_signature_error(
        verify(&signed_headers(wrong), VECTOR_SECRET, VECTOR_TIMESTAMP),
        SignatureError::NoMatch,
        "no `v1` signature of the `webhook-signature` header matches the request",
    );
    assert_signature_error(
        verify(&signed_headers(VECTOR_SIGNATURE), "whsec_bm90IHRoZSBzZWNyZXQ=", VECTOR_TIMESTAMP),
        SignatureError::NoMatch,
        "no `v1` signature of the `webhook-signature` header matches the request",
    );
    assert_signature_error(
        verify(&signed_headers(VECTOR_SIGNATURE), VECTOR_SECRET, VECTOR_TIMESTAMP + 301),
        SignatureError::OutsideTolerance { seconds: 301, tolerance: 300 },
        "the request's timestamp is 301 s from now, more than the 300 s allowed",
    );
    assert_signature_error(
        verify(&signed_headers(VECTOR_SIGNATURE), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw!", VECTOR_TIMESTAMP),
        SignatureError::InvalidSecret,
        "the signing secret is not base64 after its `whsec_` prefix",
    );
    let mut missing = signed_headers(VECTOR_SIGNATURE);
    missing.remove("webhook-id");
    assert_signature_error(
        verify(&missing, VECTOR_SECRET, VECTOR_TIMESTAMP),
        SignatureError::MissingHeader("webhook-id"),
        "the `webhook-id` header is missing, repeated or not text",
    );
    let mut body_changed = signed_headers(VECTOR_SIGNATURE);
    body_changed.insert("webhook-timestamp", HeaderValue::from_static("1614265331"));
    assert_signature_error(
        verify(&body_changed, VECTOR_SECRET, VECTOR_TIMESTAMP),
        SignatureError::NoMatch,
        "no `v1` signature of the `webhook-signature` header matches the request",
    );
}

/// Middleware that numbers the attempts it sees in a header, and records the
/// idempotency key of each.
#[derive(Clone, Default)]
struct Numbering(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl Middleware for Numbering {
    fn handle<'a>(&'a self, mut request: reqwest::Request, next: Next<'a>) -> MiddlewareFuture<'a> {
        let mut seen = self.0.lock().unwrap();
        let key = request.headers().get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        seen.push(key);
        let number = HeaderValue::from_str(&seen.len().to_string()).unwrap();
        request.headers_mut().insert("x-attempt", number);
        next.run(request)
    }
}

#[tokio::test]
async fn middleware_sees_every_attempt_and_adds_a_header() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503)),
        Action::Reply(Reply::new(500)),
        Action::Reply(Reply::json(200, PAYMENT)),
    ])
    .await;
    let numbering = Numbering::default();
    let client = Client::builder()
        .base_url(server.url())
        .api_key(API_KEY)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .middleware(numbering.clone())
        .build()
        .unwrap();
    client.create_payment(&CreatePaymentParams::default(), &NewPayment { amount: 1200 }).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "the client's retries, under the middleware");
    let numbers: Vec<Option<&str>> = requests.iter().map(|request| request.header("x-attempt")).collect();
    assert_eq!(numbers, [Some("1"), Some("2"), Some("3")]);
    let seen = numbering.0.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "the middleware sees each attempt");
    assert!(seen.iter().all(|key| *key == seen[0] && !key.is_empty()), "the same key on each: {seen:?}");

    // A refund (no key, so no retry on 500) is one attempt through the middleware.
    let server = TestServer::start(vec![Action::Reply(Reply::new(500))]).await;
    let client = Client::builder().base_url(server.url()).api_key(API_KEY).middleware(numbering.clone()).build().unwrap();
    client.create_refund(&NewPayment { amount: 1 }).await.expect_err("500");
    assert_eq!(server.requests()[0].header("x-attempt"), Some("4"));
    assert_eq!(numbering.0.lock().unwrap().len(), 4);
}
