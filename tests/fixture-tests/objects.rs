//! Behaviour of the `objects` fixture's generated types against a local
//! server: required names that no property declares are fields, sent on the
//! wire.

use corpus_objects::Client;
use corpus_objects::types::{Labels, Legacy, NewSection};
use serde_json::json;
use tests::server::{Reply, TestServer};

#[tokio::test]
async fn a_required_name_that_no_property_declares_is_sent() {
    let server = TestServer::replying(Reply::new(204)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let body = NewSection {
        name: "Backlog".to_owned(),
        labels: Some(Labels { text: None, color: "red".to_owned() }),
        legacy: Some(Legacy { id: Some(7), legacy_id: None }),
        project: json!("p-1"),
    };
    client.create_section(&body).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, r#"{"name":"Backlog","labels":{"color":"red"},"legacy":{"id":7},"project":"p-1"}"#);
}

#[test]
fn a_required_name_that_no_property_declares_is_required_unless_nothing_may_have_it() {
    let error = serde_json::from_value::<NewSection>(json!({"name": "Backlog"})).unwrap_err();
    assert_eq!(error.to_string(), "missing field `project`");
    let labels: Labels = serde_json::from_value(json!({"color": "red"})).unwrap();
    assert_eq!(labels.color, "red");
    assert!(serde_json::from_value::<Labels>(json!({"color": 1})).is_err(), "`additionalProperties` says string");
    // `additionalProperties: false` forbids what `required` asks for: the caller decides.
    let legacy: Legacy = serde_json::from_value(json!({"id": 7})).unwrap();
    assert_eq!(legacy.legacy_id, None);
    let legacy = Legacy { id: None, legacy_id: Some(json!(42)) };
    assert_eq!(serde_json::to_value(&legacy).unwrap(), json!({"legacyId": 42}));
}
