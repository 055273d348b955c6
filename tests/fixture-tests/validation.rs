//! Behaviour of the `validation` fixture's generated checks: an object whose
//! spec requires some of its optional fields (`anyOf`/`oneOf` lists of
//! `required` properties) is refused before sending when it has none of them
//! (or, for `oneOf`, more than one), naming the value's path.

use corpus_validation::types::{BatchRequest, LooseBatch, UpdateAlertBody, UpdateAlertBodyState};
use corpus_validation::{Client, Error, Nullable};
use tests::server::{Action, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder().base_url(server.url()).max_retries(0).build().unwrap()
}

/// The error of a request the client refused, as text.
fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> String {
    match result {
        Err(Error::InvalidRequest(invalid)) => invalid.to_string(),
        other => panic!("expected a refused request, got {other:?}"),
    }
}

#[tokio::test]
async fn an_any_of_of_required_lists_needs_one_alternative() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204)); 3]).await;
    let client = client(&server);
    let none = UpdateAlertBody { note: Some("half".to_owned()), ..Default::default() };
    assert_eq!(
        refused(client.update_alert(7, &none).await),
        "invalid `body`: must have at least one of `state`, `assignee`, (`note` and `author`)"
    );
    assert_eq!(server.request_count(), 0, "nothing is sent");

    let state = UpdateAlertBody { state: Some(UpdateAlertBodyState::Resolved), ..Default::default() };
    client.update_alert(7, &state).await.unwrap();
    // `null` is a value that is present: it unassigns.
    let unassign = UpdateAlertBody { assignee: Some(Nullable::Null), ..Default::default() };
    client.update_alert(7, &unassign).await.unwrap();
    let both = UpdateAlertBody { note: Some("n".to_owned()), author: Some("a".to_owned()), ..Default::default() };
    client.update_alert(7, &both).await.unwrap();
    let bodies: Vec<String> = server.requests().iter().map(|r| String::from_utf8_lossy(&r.body).into_owned()).collect();
    assert_eq!(bodies, [r#"{"state":"resolved"}"#, r#"{"assignee":null}"#, r#"{"note":"n","author":"a"}"#]);
}

#[tokio::test]
async fn a_one_of_of_required_lists_needs_exactly_one_alternative() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let client = client(&server);
    let neither = BatchRequest { kind: "k".to_owned(), file_ids: None, files: None };
    let expected = "invalid `body`: must have exactly one of `file_ids`, `files`";
    assert_eq!(refused(client.create_batch(&neither).await), expected);
    let both = BatchRequest { kind: "k".to_owned(), file_ids: Some(vec![]), files: Some(vec![]) };
    assert_eq!(refused(client.create_batch(&both).await), expected);
    assert_eq!(server.request_count(), 0);
    let one = BatchRequest { kind: "k".to_owned(), file_ids: Some(vec!["f".to_owned()]), files: None };
    client.create_batch(&one).await.unwrap();
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn required_lists_that_always_hold_or_cannot_be_checked_refuse_nothing() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let client = client(&server);
    client.replace_batch(&LooseBatch { label: "l".to_owned(), count: None }).await.unwrap();
    assert_eq!(server.request_count(), 1);
}
