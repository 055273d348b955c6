//! Behaviour of the `oauth2` fixture's client against a local server that is
//! both the API and its token endpoint (the spec's `tokenUrl` is relative, so
//! it resolves against the base URL): the client credentials flow's exact
//! token request, caching and renewal on tokio's paused clock, one fetch for
//! concurrent calls, one renewal after a `401`, token endpoints that fail or
//! hang, token sources, signers, and the `Authorization` header parameter.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use corpus_oauth2::types::Report;
use corpus_oauth2::{
    Client, ClientAuth, ClientBuilder, ClientCredentials, Error, SignRequest, Signer, Token, TokenSource,
};
use tests::server::{Action, Recorded, Reply, TestServer};

const CLIENT_ID: &str = "reports app";
const CLIENT_SECRET: &str = "s3cr3t:p@ss/word";

fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder().base_url(format!("{}/v1", server.url())).max_retries(0)
}

fn token(access_token: &str, expires_in: u64) -> Action {
    Action::Reply(Reply::json(
        200,
        &format!(r#"{{"access_token":"{access_token}","token_type":"Bearer","expires_in":{expires_in}}}"#),
    ))
}

fn reports() -> Action {
    Action::Reply(Reply::json(200, r#"[{"id":"r1"}]"#))
}

fn token_requests(server: &TestServer) -> Vec<Recorded> {
    server.requests().into_iter().filter(|request| request.target == "/oauth/token").collect()
}

fn bearers(server: &TestServer) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .filter(|request| request.target != "/oauth/token")
        .map(|request| request.header("authorization").unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn the_token_request_is_the_rfc_6749_form_with_basic_client_authentication() {
    let server = TestServer::start(vec![token("tok-1", 3600), reports()]).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let listed = client.list_reports().await.unwrap().into_body();
    assert_eq!(listed, vec![Report { id: "r1".to_owned(), title: None }]);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let exchange = &requests[0];
    assert_eq!(exchange.method, "POST");
    assert_eq!(exchange.target, "/oauth/token", "a relative tokenUrl resolves against the base URL");
    assert_eq!(exchange.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(exchange.header("accept"), Some("application/json"));
    // RFC 6749 §2.3.1: the id and secret are form-encoded, then joined for basic authentication.
    // base64("reports+app:s3cr3t%3Ap%40ss%2Fword")
    assert_eq!(exchange.header("authorization"), Some("Basic cmVwb3J0cythcHA6czNjcjN0JTNBcCU0MHNzJTJGd29yZA=="));
    assert_eq!(exchange.body, b"grant_type=client_credentials&scope=reports%3Aread");
    assert_eq!(requests[1].target, "/v1/reports");
    assert_eq!(requests[1].header("authorization"), Some("Bearer tok-1"));
}

#[tokio::test]
async fn client_authentication_in_the_body_and_scopes_given_to_the_builder() {
    let server = TestServer::start(vec![token("tok-1", 3600), Action::Reply(Reply::new(204))]).await;
    let flow = ClientCredentials::new(CLIENT_ID, CLIENT_SECRET)
        .client_auth(ClientAuth::RequestBody)
        .scopes(["reports:read", "admin"]);
    let client = builder(&server).machine_client_credentials_with(flow).build().unwrap();
    client.get_status().await.unwrap();
    let exchange = &token_requests(&server)[0];
    assert_eq!(exchange.header("authorization"), None);
    assert_eq!(
        exchange.body,
        b"grant_type=client_credentials&scope=reports%3Aread+admin&client_id=reports+app&client_secret=s3cr3t%3Ap%40ss%2Fword"
    );
}

#[tokio::test]
async fn an_operation_without_scopes_asks_for_none_and_each_scope_set_has_its_token() {
    let server = TestServer::start(vec![
        token("tok-status", 3600),
        Action::Reply(Reply::new(204)),
        token("tok-read", 3600),
        reports(),
        Action::Reply(Reply::new(204)),
        reports(),
    ])
    .await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    client.get_status().await.unwrap();
    client.list_reports().await.unwrap();
    client.get_status().await.unwrap();
    client.list_reports().await.unwrap();
    let exchanges = token_requests(&server);
    assert_eq!(exchanges.len(), 2);
    assert_eq!(exchanges[0].body, b"grant_type=client_credentials");
    assert_eq!(exchanges[1].body, b"grant_type=client_credentials&scope=reports%3Aread");
    assert_eq!(bearers(&server), ["Bearer tok-status", "Bearer tok-read", "Bearer tok-status", "Bearer tok-read"]);
}

#[tokio::test]
async fn a_token_is_reused_until_shortly_before_it_expires_then_renewed() {
    let server =
        TestServer::start(vec![token("tok-1", 120), reports(), reports(), token("tok-2", 120), reports()]).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    client.list_reports().await.unwrap();
    // 120 s of validity, renewed 30 s early: still good after 89 s, due after 90 s.
    tokio::time::pause();
    tokio::time::advance(Duration::from_secs(89)).await;
    tokio::time::resume();
    client.list_reports().await.unwrap();
    assert_eq!(token_requests(&server).len(), 1);
    tokio::time::pause();
    tokio::time::advance(Duration::from_secs(1)).await;
    tokio::time::resume();
    client.list_reports().await.unwrap();
    assert_eq!(token_requests(&server).len(), 2);
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn an_expiry_sent_as_a_string_is_honoured() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, r#"{"access_token":"tok-1","token_type":"bearer","expires_in":"60"}"#)),
        reports(),
        token("tok-2", 60),
        reports(),
    ])
    .await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    client.list_reports().await.unwrap();
    // 60 s, renewed half its lifetime early (the 30 s margin is more than half).
    tokio::time::pause();
    tokio::time::advance(Duration::from_secs(30)).await;
    tokio::time::resume();
    client.list_reports().await.unwrap();
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_token_http_cannot_carry_is_refused_without_being_shown() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::json(200, r#"{"access_token":"tok\r\nX-Evil: 1"}"#))]).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let error = client.list_reports().await.expect_err("no token");
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token is empty or has characters HTTP cannot carry"
    );
    assert!(!format!("{error:?}").contains("Evil"));
    assert_eq!(server.request_count(), 1, "nothing is sent with it");
}

#[tokio::test]
async fn an_endless_token_answer_is_cut_at_its_bound() {
    let server = TestServer::start(vec![Action::Endless(Reply::new(200).body(vec![b'x'; 4096]))]).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let error = client.list_reports().await.expect_err("no token");
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token endpoint's answer is larger than 65536 bytes"
    );
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let mut script = vec![Action::Delay(
        Duration::from_millis(20),
        Reply::json(200, r#"{"access_token":"tok-1","expires_in":3600}"#),
    )];
    script.extend((0..8).map(|_| reports()));
    let server = TestServer::start(script).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_reports().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(token_requests(&server).len(), 1);
    assert_eq!(bearers(&server), vec!["Bearer tok-1"; 8]);
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_sends_the_call_again_once() {
    let server = TestServer::start(vec![
        token("tok-1", 3600),
        Action::Reply(Reply::json(401, r#"{"error":"revoked"}"#)),
        token("tok-2", 3600),
        Action::Reply(Reply::json(401, r#"{"error":"revoked"}"#)),
        reports(),
    ])
    .await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let error = client.list_reports().await.expect_err("the renewed token is refused too");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert_eq!(error.attempts(), 2);
    assert_eq!(token_requests(&server).len(), 2);
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-2"]);
    // A later call uses the token at hand, and renews once again if refused.
    client.list_reports().await.unwrap();
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_401_then_success_with_the_renewed_token_succeeds() {
    let server =
        TestServer::start(vec![token("tok-1", 3600), Action::Reply(Reply::new(401)), token("tok-2", 3600), reports()])
            .await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    client.list_reports().await.unwrap();
    assert_eq!(bearers(&server), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn a_refusing_token_endpoint_is_a_credential_error_without_the_secret() {
    let server = TestServer::start(vec![Action::Reply(Reply::json(
        401,
        &format!(r#"{{"error":"invalid_client","error_description":"bad secret {CLIENT_SECRET}"}}"#),
    ))])
    .await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let error = client.list_reports().await.expect_err("no token");
    let Error::Credential(credential) = &error else { panic!("expected a credential error, got {error:?}") };
    assert_eq!(credential.scheme(), "machine");
    assert_eq!(credential.token_status().map(|status| status.as_u16()), Some(401));
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token endpoint answered 401 Unauthorized (invalid_client)"
    );
    assert_eq!(error.attempts(), 0);
    for shown in [error.to_string(), format!("{error:?}"), format!("{client:?}")] {
        assert!(!shown.contains("s3cr3t") && !shown.contains("bad secret"), "{shown}");
    }
    assert_eq!(server.request_count(), 1, "the call is not sent without a token");
}

#[tokio::test]
async fn a_token_answer_without_a_token_is_a_credential_error() {
    let server = TestServer::start(vec![Action::Reply(Reply::json(200, r#"{"token":"tok-1"}"#))]).await;
    let client = builder(&server).machine_client_credentials(CLIENT_ID, CLIENT_SECRET).build().unwrap();
    let error = client.list_reports().await.expect_err("no token");
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token endpoint's answer is not a JSON object with an `access_token` string"
    );
}

#[tokio::test(start_paused = true)]
async fn a_hanging_token_endpoint_fails_the_call_within_the_timeout() {
    let server = TestServer::start(vec![Action::Hang]).await;
    let client = builder(&server)
        .timeout(Duration::from_secs(5))
        .machine_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();
    let error = client.list_reports().await.expect_err("no token");
    assert!(matches!(error, Error::Credential(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token endpoint did not answer within 5s"
    );
    assert!(!format!("{error:?}").contains("s3cr3t"));
}

#[tokio::test(start_paused = true)]
async fn calls_waiting_for_a_hanging_token_endpoint_share_its_failure() {
    let server = TestServer::start(vec![Action::Hang]).await;
    let client = builder(&server)
        .timeout(Duration::from_secs(5))
        .machine_client_credentials(CLIENT_ID, CLIENT_SECRET)
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let calls: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.list_reports().await })
        })
        .collect();
    for call in calls {
        let error = call.await.unwrap().expect_err("no token");
        assert!(error.to_string().ends_with("the token endpoint did not answer within 5s"), "{error}");
    }
    assert_eq!(token_requests(&server).len(), 1, "one fetch, not one per waiting call");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}: the calls did not wait one after another",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_a_credential_error_with_its_cause() {
    let addr = tests::server::refused_addr().await;
    let flow = ClientCredentials::new(CLIENT_ID, CLIENT_SECRET).token_url(format!("http://{addr}/token"));
    let client =
        Client::builder().base_url("http://127.0.0.1:9/v1").machine_client_credentials_with(flow).build().unwrap();
    let error = client.list_reports().await.expect_err("no token");
    assert_eq!(
        error.to_string(),
        "no credential for security scheme `machine`: the token endpoint could not be reached"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert!(!format!("{error:?}").contains("s3cr3t"));
}

#[tokio::test]
async fn a_fixed_token_stays_the_simple_case() {
    let server = TestServer::start(vec![reports()]).await;
    let client = builder(&server).machine("fixed-token").build().unwrap();
    client.list_reports().await.unwrap();
    assert_eq!(bearers(&server), ["Bearer fixed-token"]);
    assert!(token_requests(&server).is_empty());
}

#[test]
fn settings_and_builders_show_no_secret() {
    let flow = ClientCredentials::new(CLIENT_ID, CLIENT_SECRET);
    let builder = Client::builder().machine_client_credentials_with(flow.clone());
    for shown in [format!("{flow:?}"), format!("{builder:?}"), format!("{:?}", builder.clone().build().unwrap())] {
        assert!(!shown.contains("s3cr3t") && !shown.contains("reports app"), "{shown}");
    }
    let error = Client::builder().machine_client_credentials("", CLIENT_SECRET).build().expect_err("empty id");
    assert!(!format!("{error} {error:?}").contains("s3cr3t"));
}

/// A token source that counts its calls and hands out `user-1`, `user-2`, ...
struct Counting {
    calls: Arc<AtomicUsize>,
    fail: bool,
}

impl TokenSource for Counting {
    async fn token(&self) -> Result<Token, Box<dyn std::error::Error + Send + Sync>> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if self.fail {
            return Err("the refresh token was revoked".into());
        }
        Ok(Token::new(format!("user-{n}")).expires_in(Duration::from_secs(600)))
    }
}

#[tokio::test]
async fn a_token_source_is_called_once_and_again_after_a_401() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, r#"{"id":"me"}"#)),
        Action::Reply(Reply::new(401)),
        Action::Reply(Reply::json(200, r#"{"id":"me"}"#)),
    ])
    .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let client =
        builder(&server).user_token_source(Counting { calls: Arc::clone(&calls), fail: false }).build().unwrap();
    client.get_me().await.unwrap();
    client.get_me().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(bearers(&server), ["Bearer user-1", "Bearer user-1", "Bearer user-2"]);
}

#[tokio::test]
async fn a_failing_token_source_fails_the_call_with_its_error_as_the_source() {
    let server = TestServer::start(vec![reports()]).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let client = builder(&server).oidc_token_source(Counting { calls, fail: true }).build().unwrap();
    let error = client.get_me().await.expect_err("no token");
    assert_eq!(error.to_string(), "no credential for security scheme `oidc`: the token source failed");
    let source = std::error::Error::source(&error).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("the refresh token was revoked"));
    assert_eq!(server.request_count(), 0);
}

/// Signs `METHOD URL BODY-LENGTH` (a stand-in for an HMAC).
struct Signing;

impl Signer for Signing {
    async fn sign(&self, request: &mut SignRequest<'_>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let signed = format!("{} {} {}", request.method(), request.url(), request.body().map_or(0, <[u8]>::len));
        let content_type = request.headers().get("content-type").cloned();
        request.insert_header(
            corpus_oauth2::HeaderName::from_static("authorization"),
            format!("HMAC-SHA256 {signed}").parse()?,
        );
        if let Some(content_type) = content_type {
            request.insert_header("x-signed-content-type".parse()?, content_type);
        }
        Ok(())
    }
}

#[tokio::test]
async fn a_signer_sees_the_final_request_and_adds_headers() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let client = builder(&server).hmac_signer(Signing).build().unwrap();
    client.archive_report("r 1", &Report { id: "r1".to_owned(), title: None }).await.unwrap();
    let request = &server.requests()[0];
    let url = format!("{}/v1/archive/r%201", server.url());
    assert_eq!(request.header("authorization"), Some(format!("HMAC-SHA256 PUT {url} 11").as_str()));
    assert_eq!(request.header("x-signed-content-type"), Some("application/json"));
    assert_eq!(request.body, br#"{"id":"r1"}"#);
}

#[tokio::test]
async fn the_authorization_header_parameter_is_a_credential() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(200).header("content-type", "text/plain").body("ok"))]).await;
    let client = builder(&server).authorization("Token legacy-1").build().unwrap();
    assert_eq!(client.legacy_export().await.unwrap().into_body(), "ok");
    assert_eq!(server.requests()[0].header("authorization"), Some("Token legacy-1"));
    let without = builder(&server).build().unwrap();
    let error = without.legacy_export().await.expect_err("the parameter is required");
    assert!(matches!(error, Error::MissingCredentials(_)), "{error:?}");
}
