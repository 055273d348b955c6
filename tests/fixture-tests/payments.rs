//! Behaviour of the `payments` fixture's client against a local server: the
//! idempotency key of `createPayment` (fresh per call, the same on every retry,
//! which makes the POST retryable; a caller's key sent as it is), while
//! `createRefund`, which declares none, is neither given a key nor retried on a 500.

use std::time::Duration;

use corpus_payments::types::{CreatePaymentParams, NewPayment};
use corpus_payments::{Client, Error};
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
