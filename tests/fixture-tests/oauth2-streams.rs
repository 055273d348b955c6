//! Behaviour of the `oauth2-streams` fixture's client, whose streamed bodies
//! take the attempt loop of the `send` module: tokens of the client credentials
//! flow on event streams and uploads, and one renewal after a `401`.

use corpus_oauth2_streams::{Client, ClientBuilder, Upload};
use tests::server::{Action, Recorded, Reply, TestServer};

fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder().base_url(server.url()).max_retries(0).machine_client_credentials("app", "secret")
}

fn token(access_token: &str) -> Action {
    Action::Reply(Reply::json(200, &format!(r#"{{"access_token":"{access_token}","expires_in":3600}}"#)))
}

fn bearers(requests: &[Recorded]) -> Vec<&str> {
    requests
        .iter()
        .filter(|request| request.target != "/oauth/token")
        .map(|request| request.header("authorization").unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn an_event_stream_gets_a_token_and_a_new_one_after_a_401() {
    let events = Reply::new(200).header("content-type", "text/event-stream").body("data: {\"n\":1}\n\n");
    let server =
        TestServer::start(vec![token("tok-1"), Action::Reply(Reply::new(401)), token("tok-2"), Action::Reply(events)])
            .await;
    let client = builder(&server).build().unwrap();
    let mut stream = client.listen_events().await.unwrap();
    let event = stream.next_event().await.expect("an event").unwrap();
    assert_eq!(event.data().n, Some(1));
    let requests = server.requests();
    assert_eq!(requests[0].body, b"grant_type=client_credentials&scope=events%3Aread");
    assert_eq!(bearers(&requests), ["Bearer tok-1", "Bearer tok-2"]);
}

#[tokio::test]
async fn an_upload_of_bytes_is_sent_again_with_the_renewed_token() {
    let server = TestServer::start(vec![
        token("tok-1"),
        Action::Reply(Reply::new(401)),
        token("tok-2"),
        Action::Reply(Reply::new(204)),
    ])
    .await;
    let client = builder(&server).build().unwrap();
    client.upload(Upload::bytes(&b"payload"[..])).await.unwrap();
    let requests = server.requests();
    assert_eq!(bearers(&requests), ["Bearer tok-1", "Bearer tok-2"]);
    assert_eq!(requests[3].body, b"payload");
}
