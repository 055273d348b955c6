//! The generated SendKit client against servers that misbehave on purpose:
//! silence, stalls, resets, oversized and malformed bodies, throttling and
//! outages; the retry rules and per-call options; path and credential injection.
//!
//! Most tests are the cases of one table (`cases!` below): a server script, the
//! client's settings and per-call options, one `update_webhook` call, and the
//! outcome it must have. One driver, [`run`], asserts for every case the exact
//! error variant and what it reports, the number of attempts (as the error
//! reports it and as the server counted them), the elapsed time within loose
//! bounds, and that no error output contains a secret; every message names the
//! case. The macro makes each case a `#[tokio::test]` named after it, so the
//! cases run in parallel, `cargo test -p tests NAME` runs one, and a failure
//! names its case. The tests that need two calls, two servers or no server at
//! all are in `calls.rs`.
//!
//! The file is long because the table is: one entry of a dozen lines per case,
//! read one at a time; splitting it would only scatter the cases.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sendkit::types::{ErrorResponse, UpdateWebhookRequest};
use sendkit::{BuildError, Client, ClientBuilder, Error, HeaderName, HeaderValue, RequestOptions, StatusCode};
use tests::client::{
    API_KEY, BEARER_TOKEN, SIGNING_SECRET, assert_elapsed, assert_error_is_clean, assert_no_secret, builder, client,
};
use tests::server::{Action, Recorded, Reply, TestServer, refused_addr};

const WEBHOOK: &str = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"CRM Sync","url":"https://h.example.com/","events":["email.replied"],"status":"active","createdAt":"2024-06-01T10:00:00.000Z","updatedAt":"2024-06-05T12:30:00.000Z"}}"#;

const BAD_GATEWAY_PAGE: &str =
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

/// A request body that carries the signing secret, so every case checks it never leaks.
fn body() -> UpdateWebhookRequest {
    UpdateWebhookRequest { secret: Some(SIGNING_SECRET.into()), ..Default::default() }
}

fn ok() -> Action {
    Action::Reply(Reply::json(200, WEBHOOK))
}

fn status(code: u16) -> Action {
    Action::Reply(Reply::json(code, r#"{"error":"x","message":"y","code":0}"#))
}

/// A `200` with a JSON content type and these body bytes.
fn json_bytes(bytes: &[u8]) -> Action {
    Action::Reply(Reply::new(200).header("Content-Type", "application/json").body(bytes))
}

/// A JSON body of a little more than 4 KiB.
fn big_body() -> String {
    format!(r#"{{"pad":"{}"}}"#, "x".repeat(4096))
}

const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

const fn secs(secs: u64) -> Duration {
    Duration::from_secs(secs)
}

// ---------------------------------------------------------------------------
// The cases and their driver

/// What a case's call must return.
#[derive(Debug)]
enum Expect {
    /// The `200` body, decoded: the webhook `wh_1`.
    Webhook,
    /// `Error::Timeout`, with the status when the response head had arrived.
    Timeout { status: Option<StatusCode> },
    /// `Error::Transport`: whether the connection could not be made, and the status
    /// when the response head had arrived.
    Transport { connect: bool, status: Option<StatusCode> },
    /// `Error::BodyTooLarge`: the bound, and the status of the response.
    BodyTooLarge { limit: usize, status: StatusCode },
    /// `Error::Decode`: the status and content type; when given, the snippet of
    /// the body and a part of the message.
    Decode {
        status: StatusCode,
        content_type: &'static str,
        snippet: Option<String>,
        message_part: Option<&'static str>,
    },
    /// `Error::UnexpectedStatus`: the status; when given, the body text and a header.
    UnexpectedStatus { status: StatusCode, body: Option<&'static str>, header: Option<(&'static str, &'static str)> },
}

impl Expect {
    /// A `Decode` error; its snippet and message are not checked.
    fn decode(status: StatusCode, content_type: &'static str) -> Self {
        Expect::Decode { status, content_type, snippet: None, message_part: None }
    }

    /// An `UnexpectedStatus` error; its body and headers are not checked.
    fn unexpected(status: StatusCode) -> Self {
        Expect::UnexpectedStatus { status, body: None, header: None }
    }
}

/// What an error's `Display` must start or end with.
#[derive(Debug)]
enum Message {
    StartsWith(&'static str),
    EndsWith(&'static str),
}

/// One case: a server, a client, one `update_webhook("wh_1", ..)` call, and what
/// must come of it.
struct Case {
    /// The server's script; `None`: nothing listens (the connection is refused).
    script: Option<Vec<Action>>,
    /// Settings on top of `tests::client::builder`.
    client: fn(ClientBuilder) -> ClientBuilder,
    /// Options for the call (`Client::with_options`).
    options: Option<RequestOptions>,
    expect: Expect,
    /// The requests the server reads (a followed redirect is a second one); an
    /// error must report as many attempts. 1 unless set.
    attempts: u32,
    /// Bounds of the call's duration, `min <= elapsed < max`; 0 to 2 s unless set.
    elapsed: (Duration, Duration),
    message: Option<Message>,
    /// Further checks of the requests the server read, given the case's name.
    requests: Option<fn(&str, &[Recorded])>,
}

impl Case {
    /// A case against a server that follows `script`.
    fn new(script: Vec<Action>) -> Self {
        Case {
            script: Some(script),
            client: |builder| builder,
            options: None,
            expect: Expect::Webhook,
            attempts: 1,
            elapsed: (Duration::ZERO, secs(2)),
            message: None,
            requests: None,
        }
    }

    /// A case against an address where nothing listens.
    fn refused() -> Self {
        Case { script: None, ..Case::new(Vec::new()) }
    }

    fn client(self, client: fn(ClientBuilder) -> ClientBuilder) -> Self {
        Case { client, ..self }
    }

    fn options(self, options: RequestOptions) -> Self {
        Case { options: Some(options), ..self }
    }

    fn succeeds(self) -> Self {
        Case { expect: Expect::Webhook, ..self }
    }

    fn fails(self, expect: Expect) -> Self {
        Case { expect, ..self }
    }

    fn attempts(self, attempts: u32) -> Self {
        Case { attempts, ..self }
    }

    fn within(self, min: Duration, max: Duration) -> Self {
        Case { elapsed: (min, max), ..self }
    }

    fn message_starts_with(self, start: &'static str) -> Self {
        Case { message: Some(Message::StartsWith(start)), ..self }
    }

    fn message_ends_with(self, end: &'static str) -> Self {
        Case { message: Some(Message::EndsWith(end)), ..self }
    }

    fn requests(self, check: fn(&str, &[Recorded])) -> Self {
        Case { requests: Some(check), ..self }
    }
}

/// Runs one case; every assertion names it.
async fn run(name: &str, case: Case) {
    let server = match case.script {
        Some(script) => Some(TestServer::start(script).await),
        None => None,
    };
    let url = match &server {
        Some(server) => server.url(),
        None => format!("http://{}", refused_addr().await),
    };
    let client =
        (case.client)(builder(url)).build().unwrap_or_else(|e| panic!("{name}: the client does not build: {e}"));
    let client = match case.options {
        Some(options) => client.with_options(options),
        None => client,
    };

    let started = Instant::now();
    let outcome = client.update_webhook("wh_1", &body()).await;
    let elapsed = started.elapsed();

    match outcome {
        Ok(response) => {
            assert!(matches!(case.expect, Expect::Webhook), "{name}: expected {:?}, got {response:?}", case.expect);
            assert_eq!(response.data.id, "wh_1", "{name}");
        }
        Err(error) => {
            assert_error_is_clean(name, &error);
            check_error(name, &case.expect, &error);
            assert_eq!(error.attempts(), case.attempts, "{name}: the attempts the error reports");
            let text = error.to_string();
            match case.message {
                Some(Message::StartsWith(start)) => assert!(text.starts_with(start), "{name}: {text}"),
                Some(Message::EndsWith(end)) => assert!(text.ends_with(end), "{name}: {text}"),
                None => {}
            }
        }
    }
    if let Some(server) = &server {
        assert_eq!(server.request_count(), case.attempts as usize, "{name}: the requests the server read");
        if let Some(check) = case.requests {
            check(name, &server.requests());
        }
    }
    assert_elapsed(name, elapsed, case.elapsed.0, case.elapsed.1);
}

/// Checks the error's variant and what it reports against `expect`.
fn check_error(name: &str, expect: &Expect, error: &Error<ErrorResponse>) {
    let attempts = error.attempts();
    match (expect, error) {
        (Expect::Timeout { status }, Error::Timeout(timeout)) => {
            assert_eq!(timeout.status(), *status, "{name}: the status of the timeout");
            assert_eq!(error.status(), *status, "{name}");
            assert_eq!(timeout.attempts(), attempts, "{name}");
        }
        (Expect::Transport { connect, status }, Error::Transport(transport)) => {
            assert_eq!(transport.is_connect(), *connect, "{name}: whether connecting failed: {error}");
            assert_eq!(transport.status(), *status, "{name}: the status of the transport error");
            assert_eq!(error.status(), *status, "{name}");
            assert_eq!(transport.attempts(), attempts, "{name}");
        }
        (Expect::BodyTooLarge { limit, status }, Error::BodyTooLarge(too_large)) => {
            assert_eq!(too_large.limit(), *limit, "{name}");
            assert_eq!(too_large.status(), *status, "{name}");
            assert_eq!(error.status(), Some(*status), "{name}");
            assert_eq!(too_large.attempts(), attempts, "{name}");
        }
        (Expect::Decode { status, content_type, snippet, message_part }, Error::Decode(decode)) => {
            assert_eq!(decode.status(), *status, "{name}");
            assert_eq!(error.status(), Some(*status), "{name}");
            assert_eq!(decode.content_type(), Some(*content_type), "{name}");
            if let Some(snippet) = snippet {
                assert_eq!(decode.snippet(), snippet, "{name}: the body stays available through the accessor");
            }
            // serde's messages quote strings of the body ("invalid type: string \"...\"").
            assert_no_secret(&format!("{name}: DecodeError::message"), decode.message());
            if let Some(part) = message_part {
                assert!(decode.message().contains(part), "{name}: {part:?} not in {:?}", decode.message());
            }
            assert_eq!(decode.attempts(), attempts, "{name}");
        }
        (Expect::UnexpectedStatus { status, body, header }, Error::UnexpectedStatus(unexpected)) => {
            assert_eq!(unexpected.status(), *status, "{name}");
            assert_eq!(error.status(), Some(*status), "{name}");
            if let Some(body) = body {
                assert_eq!(unexpected.body_text(), *body, "{name}");
            }
            if let Some((header, value)) = header {
                let got = unexpected.headers().get(*header).map(HeaderValue::as_bytes);
                assert_eq!(got, Some(value.as_bytes()), "{name}: the {header} header");
            }
            assert_eq!(unexpected.attempts(), attempts, "{name}");
        }
        (expect, error) => panic!("{name}: expected {expect:?}, got {error:?}"),
    }
}

/// One `#[tokio::test]` per case, named after it, that runs it with [`run`].
macro_rules! cases {
    ($($(#[$attr:meta])* $name:ident: $case:expr;)*) => {
        $(
            $(#[$attr])*
            #[tokio::test]
            async fn $name() {
                run(stringify!($name), $case).await;
            }
        )*
    };
}

/// A `200` whose body puts a secret where the spec wants another type.
fn secret_in_body(body: String) -> Case {
    Case::new(vec![Action::Reply(Reply::json(200, &body))]).fails(Expect::Decode {
        status: StatusCode::OK,
        content_type: "application/json",
        snippet: Some(body),
        message_part: Some(" at line 1 column "),
    })
}

fn delayed_webhook(delay: Duration) -> Vec<Action> {
    vec![Action::Delay(delay, Reply::json(200, WEBHOOK))]
}

cases! {
    // -- Silence and stalls

    /// The PATCH may have reached the server: not retried.
    server_that_never_answers_times_out_after_one_attempt: Case::new(vec![Action::Hang])
        .client(|b| b.timeout(ms(200)))
        .fails(Expect::Timeout { status: None })
        .within(ms(190), secs(2))
        .message_starts_with("the request timed out after");

    server_that_never_answers_is_retried_when_the_caller_opts_in: Case::new(vec![Action::Hang])
        .options(RequestOptions::new().timeout(ms(150)).retry_non_idempotent(true))
        .fails(Expect::Timeout { status: None })
        .attempts(3)
        .within(ms(440), secs(3))
        .message_ends_with("(after 3 attempts)");

    headers_then_stall_times_out_with_the_status:
        Case::new(vec![Action::HeadersThenStall(Reply::json(200, WEBHOOK))])
            .client(|b| b.timeout(ms(300)))
            .fails(Expect::Timeout { status: Some(StatusCode::OK) })
            .within(ms(290), secs(2));

    slow_answer_within_the_timeout_succeeds: Case::new(delayed_webhook(ms(100)))
        .client(|b| b.timeout(secs(2)))
        .succeeds()
        .within(ms(95), secs(2));

    // -- Broken and oversized bodies (a PATCH is not retried once it reached the server)

    reset_mid_body_is_a_transport_error:
        Case::new(vec![Action::PartialBody { reply: Reply::json(200, WEBHOOK), sent: 20, reset: true }])
            .fails(Expect::Transport { connect: false, status: Some(StatusCode::OK) });

    close_mid_body_is_a_transport_error:
        Case::new(vec![Action::PartialBody { reply: Reply::json(200, WEBHOOK), sent: 20, reset: false }])
            .fails(Expect::Transport { connect: false, status: Some(StatusCode::OK) });

    garbage_instead_of_http_is_a_transport_error: Case::new(vec![Action::Raw(b"hello there\r\n\r\n".to_vec())])
        .fails(Expect::Transport { connect: false, status: None });

    malformed_status_code_is_a_transport_error: Case::new(vec![Action::Raw(b"HTTP/1.1 2OO OK\r\n\r\n".to_vec())])
        .fails(Expect::Transport { connect: false, status: None });

    malformed_content_length_is_a_transport_error:
        Case::new(vec![Action::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n".to_vec())])
            .fails(Expect::Transport { connect: false, status: None });

    body_larger_than_the_bound_is_refused: Case::new(vec![Action::Reply(Reply::json(200, &big_body()))])
        .client(|b| b.max_response_bytes(1024))
        .fails(Expect::BodyTooLarge { limit: 1024, status: StatusCode::OK });

    body_larger_than_the_bound_without_content_length_is_refused:
        Case::new(vec![Action::Reply(Reply::json(200, &big_body()).without_content_length())])
            .client(|b| b.max_response_bytes(1024))
            .fails(Expect::BodyTooLarge { limit: 1024, status: StatusCode::OK });

    endless_body_is_refused_at_the_bound: Case::new(vec![Action::Endless(Reply::json(200, &big_body()))])
        .client(|b| b.max_response_bytes(1024))
        .fails(Expect::BodyTooLarge { limit: 1024, status: StatusCode::OK });

    error_body_larger_than_the_bound_is_refused: Case::new(vec![Action::Reply(Reply::json(404, &big_body()))])
        .client(|b| b.max_response_bytes(1024))
        .fails(Expect::BodyTooLarge { limit: 1024, status: StatusCode::NOT_FOUND });

    body_at_the_bound_is_read: Case::new(vec![ok()])
        .client(|b| b.max_response_bytes(WEBHOOK.len()))
        .succeeds();

    truncated_json_is_a_decode_error: Case::new(vec![json_bytes(br#"{"success":true,"data":{"_id":"#)])
        .fails(Expect::decode(StatusCode::OK, "application/json"));

    json_of_the_wrong_shape_is_a_decode_error: Case::new(vec![json_bytes(br#"{"success":"yes"}"#)])
        .fails(Expect::decode(StatusCode::OK, "application/json"));

    json_that_is_not_utf8_is_a_decode_error: Case::new(vec![json_bytes(b"{\"success\":true,\xff\xfe}")])
        .fails(Expect::decode(StatusCode::OK, "application/json"));

    empty_json_body_is_a_decode_error: Case::new(vec![json_bytes(b"")])
        .fails(Expect::decode(StatusCode::OK, "application/json"));

    wrong_content_type_is_a_decode_error_naming_it:
        Case::new(vec![Action::Reply(Reply::new(200).header("Content-Type", "text/plain").body("OK"))])
            .fails(Expect::Decode {
                status: StatusCode::OK,
                content_type: "text/plain",
                snippet: Some("OK".to_owned()),
                message_part: None,
            })
            .message_starts_with("cannot decode the 200 OK response (text/plain): ");

    /// A PATCH is not retried on 502 without opting in.
    html_error_page_is_an_unexpected_status:
        Case::new(vec![Action::Reply(Reply::new(502).header("Content-Type", "text/html").body(BAD_GATEWAY_PAGE))])
            .fails(Expect::UnexpectedStatus {
                status: StatusCode::BAD_GATEWAY,
                body: Some(BAD_GATEWAY_PAGE),
                header: None,
            });

    html_page_on_200_is_a_decode_error: Case::new(vec![Action::Reply(
        Reply::new(200).header("Content-Type", "text/html; charset=utf-8").body("<html><body>Login</body></html>"),
    )])
    .fails(Expect::Decode {
        status: StatusCode::OK,
        content_type: "text/html; charset=utf-8",
        snippet: Some("<html><body>Login</body></html>".to_owned()),
        message_part: None,
    });

    // A hostile server puts a secret where the spec wants another type; serde's
    // message would quote it. The message keeps the position, not the string.

    decode_error_does_not_repeat_a_string_where_a_boolean_belongs:
        secret_in_body(format!(r#"{{"success":"{SIGNING_SECRET}","data":{{}}}}"#));

    decode_error_does_not_repeat_a_string_where_a_date_time_belongs: secret_in_body(format!(
        r#"{{"success":true,"data":{{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"u","events":[],"status":"active","createdAt":"{API_KEY}","updatedAt":"x"}}}}"#
    ));

    decode_error_does_not_repeat_a_string_where_an_integer_belongs:
        secret_in_body(format!(r#"{{"success":true,"data":{{"_id":"wh_1","retryAttempts":"\"{BEARER_TOKEN}\\"}}}}"#));

    /// A 308 keeps the method, the body and the credentials.
    redirects_within_the_origin_are_followed:
        Case::new(vec![Action::Reply(Reply::new(308).header("Location", "/v1/webhooks/moved")), ok()])
            .succeeds()
            .attempts(2)
            .requests(|name, requests| {
                assert_eq!(requests[1].method, "PATCH", "{name}");
                assert_eq!(requests[1].target, "/v1/webhooks/moved", "{name}");
                assert_eq!(requests[1].body, requests[0].body, "{name}: a 308 keeps the body");
                assert_eq!(requests[1].header("x-api-key"), Some(API_KEY), "{name}");
            });

    // -- Throttling and outages

    /// A 429 is retried even for PATCH, after the time the server asks for.
    too_many_requests_with_retry_after_seconds_then_200: Case::new(vec![
        Action::Reply(
            Reply::json(429, r#"{"error":"Too Many Requests","message":"slow down","code":429}"#)
                .header("Retry-After", "1"),
        ),
        ok(),
    ])
    .succeeds()
    .attempts(2)
    .within(ms(950), secs(4))
    .requests(|name, requests| {
        assert_eq!(requests[0].raw, requests[1].raw, "{name}: the retry is the same request, byte for byte");
    });

    /// The date has one-second precision: the wait is between one and two seconds.
    too_many_requests_with_retry_after_date_then_200: Case::new(vec![
        Action::Reply(Reply::new(429).header("Retry-After", &http_date(SystemTime::now() + secs(2)))),
        ok(),
    ])
    .succeeds()
    .attempts(2)
    .within(ms(900), secs(5));

    /// A long backoff shows whether the header was read: a past date means no wait at all.
    retry_after_in_the_past_retries_at_once: Case::new(vec![
        Action::Reply(Reply::new(503).header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")),
        ok(),
    ])
    .client(|b| b.retry_backoff(secs(2), secs(2)))
    .succeeds()
    .attempts(2)
    .within(Duration::ZERO, ms(900));

    retry_after_beyond_the_cap_is_not_waited_for: Case::new(vec![
        Action::Reply(
            Reply::json(429, r#"{"error":"Too Many Requests","message":"later","code":429}"#)
                .header("Retry-After", "120"),
        ),
        ok(),
    ])
    .client(|b| b.max_retry_after(secs(1)))
    .fails(Expect::UnexpectedStatus {
        status: StatusCode::TOO_MANY_REQUESTS,
        body: None,
        header: Some(("retry-after", "120")),
    })
    .within(Duration::ZERO, ms(900));

    /// A 503 is retried even for PATCH.
    service_unavailable_twice_then_200: Case::new(vec![status(503), status(503), ok()]).succeeds().attempts(3);

    /// One attempt and the two default retries.
    service_unavailable_every_time_reports_every_attempt: Case::new(vec![status(503)])
        .fails(Expect::unexpected(StatusCode::SERVICE_UNAVAILABLE))
        .attempts(3)
        .message_ends_with("(after 3 attempts)");

    /// The connection was made: the server may have acted on the PATCH, so exactly one reached it.
    connection_closed_before_answering_a_patch_is_not_retried: Case::new(vec![Action::Close, ok()])
        .fails(Expect::Transport { connect: false, status: None });

    connection_closed_before_answering_is_retried_when_the_caller_opts_in:
        Case::new(vec![Action::Close, Action::Close, ok()])
            .options(RequestOptions::new().retry_non_idempotent(true))
            .succeeds()
            .attempts(3);

    /// The request provably never reached a server.
    connection_refused_is_retried_even_for_patch: Case::refused()
        .client(|b| b.max_retries(2))
        .fails(Expect::Transport { connect: true, status: None })
        .attempts(3);

    connection_refused_without_retries_is_one_attempt: Case::refused()
        .client(|b| b.max_retries(0))
        .fails(Expect::Transport { connect: true, status: None })
        .attempts(1);

    // -- Retry configuration and per-call options

    max_retries_zero_disables_retries_on_429: Case::new(vec![status(429), ok()])
        .client(|b| b.max_retries(0))
        .fails(Expect::unexpected(StatusCode::TOO_MANY_REQUESTS));

    max_retries_zero_disables_retries_on_503: Case::new(vec![status(503), ok()])
        .client(|b| b.max_retries(0))
        .fails(Expect::unexpected(StatusCode::SERVICE_UNAVAILABLE));

    patch_is_not_retried_on_500_without_opting_in: Case::new(vec![status(500), status(408), ok()])
        .fails(Expect::unexpected(StatusCode::INTERNAL_SERVER_ERROR));

    retry_non_idempotent_makes_patch_retry_on_500: Case::new(vec![status(500), status(408), ok()])
        .options(RequestOptions::new().retry_non_idempotent(true))
        .succeeds()
        .attempts(3);

    /// A timeout (not the answer, which comes after 600 ms) shows the call's value applied.
    per_call_timeout_overrides_the_client: Case::new(delayed_webhook(ms(600)))
        .client(|b| b.timeout(secs(3)))
        .options(RequestOptions::new().timeout(ms(150)))
        .fails(Expect::Timeout { status: None })
        .within(ms(140), secs(2));

    /// The client itself keeps its own timeout.
    client_timeout_applies_without_per_call_options: Case::new(delayed_webhook(ms(600)))
        .client(|b| b.timeout(secs(3)))
        .succeeds()
        .within(ms(590), secs(3));

    longer_per_call_timeout_overrides_a_shorter_client_timeout: Case::new(delayed_webhook(ms(600)))
        .client(|b| b.timeout(ms(150)))
        .options(RequestOptions::new().timeout(secs(3)))
        .succeeds();

    per_call_max_retries_overrides_the_client: Case::new(vec![status(503), status(503), ok()])
        .client(|b| b.max_retries(0))
        .options(RequestOptions::new().max_retries(2))
        .succeeds()
        .attempts(3);

    per_call_max_retries_overrides_a_higher_client_value: Case::new(vec![status(503)])
        .client(|b| b.max_retries(5))
        .options(RequestOptions::new().max_retries(1))
        .fails(Expect::unexpected(StatusCode::SERVICE_UNAVAILABLE))
        .attempts(2);
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

mod calls;
