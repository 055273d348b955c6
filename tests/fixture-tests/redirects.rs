//! Behaviour of the `redirects` fixture's client against a local server: a call
//! of an operation that documents a redirect gets it, with its headers, and
//! nothing more is sent; a call of one that documents none follows it within
//! the origin, as every call did before.

use corpus_redirects::types::{LoginBody, LoginError};
use corpus_redirects::{Client, Error};
use tests::server::{Action, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder().base_url(server.url()).max_retries(0).build().unwrap()
}

#[tokio::test]
async fn a_documented_303_is_returned_with_its_location_and_cookie_and_not_followed() {
    let server = TestServer::start(vec![
        Action::Reply(
            Reply::new(303).header("Location", "/home").header("Set-Cookie", "session=s3cr3t; HttpOnly; Path=/"),
        ),
        // What following the redirect would get: never asked for.
        Action::Reply(Reply::json(200, r#"{"page":"home"}"#)),
    ])
    .await;
    let body = LoginBody { username: "ada".to_owned(), password: "hunter2".to_owned().into() };
    let error = client(&server).login(&body).await.expect_err("a 303 is the spec's `SeeOther` error");
    let Error::Api(api) = error else { panic!("expected the documented 303, got {error:?}") };
    assert_eq!(api.status(), 303);
    assert_eq!(*api.body(), LoginError::SeeOther);
    assert_eq!(api.headers()["location"], "/home");
    assert_eq!(api.headers()["set-cookie"], "session=s3cr3t; HttpOnly; Path=/");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "the redirect is not followed");
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].target, "/login");
    assert_eq!(requests[0].body, br#"{"username":"ada","password":"hunter2"}"#);
}

#[tokio::test]
async fn a_redirect_within_a_documented_3xx_range_is_returned() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(307).header("Location", "/sessions/s2")),
        Action::Reply(Reply::json(200, r#"{"id":"s2"}"#)),
    ])
    .await;
    let error = client(&server).get_session("s1").await.expect_err("a 3XX is an error of the operation");
    let Error::Api(api) = error else { panic!("expected the documented 3XX, got {error:?}") };
    assert_eq!(api.status(), 307);
    assert_eq!(api.headers()["location"], "/sessions/s2");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn an_operation_that_documents_no_redirect_follows_one_within_the_origin() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(302).header("Location", "/files/f2")),
        Action::Reply(Reply::json(200, r#"{"id":"f2"}"#)),
        Action::Reply(Reply::new(302).header("Location", "/sessions/s2")),
    ])
    .await;
    let client = client(&server);
    let file = client.get_file("f1").await.unwrap();
    assert_eq!(file.body().id, "f2");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/files/f1", "/files/f2"]);

    // The same client, afterwards: the documented redirect is still returned.
    let error = client.get_session("s1").await.expect_err("the 302 is returned");
    assert!(matches!(&error, Error::Api(api) if api.status() == 302), "{error:?}");
    assert_eq!(server.request_count(), 3);
}
