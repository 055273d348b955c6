//! The hostile cases that need two calls, two servers or no server at all:
//! redirects to another origin, per-call headers, path and credential injection.

use super::*;

// ---------------------------------------------------------------------------
// Redirects elsewhere and per-call headers: two servers, or two calls

#[tokio::test]
async fn redirects_to_another_origin_are_not_followed() {
    let elsewhere = TestServer::start(vec![ok()]).await;
    let location = format!("{}/v1/webhooks/wh_1", elsewhere.url());
    let server = TestServer::start(vec![Action::Reply(Reply::new(307).header("Location", &location))]).await;
    let error =
        client(server.url()).update_webhook("wh_1", &body()).await.expect_err("a 307 elsewhere is not followed");
    assert_error_is_clean("the 307", &error);
    let Error::UnexpectedStatus(unexpected) = &error else { panic!("expected UnexpectedStatus, got {error:?}") };
    assert_eq!(unexpected.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(server.request_count(), 1);
    assert_eq!(elsewhere.request_count(), 0, "credentials never go to another origin");
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
    let outcome = base.with_options(options).update_webhook("wh_1", &body()).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    let outcome = base.update_webhook("wh_1", &body()).await;
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
    let client = client(server.url());
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
        assert_error_is_clean(&format!("id {id:?}"), &error);
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
