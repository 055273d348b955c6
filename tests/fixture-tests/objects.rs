//! Behaviour of the `objects` fixture's generated types against a local
//! server: required names that no property declares are fields, sent on the
//! wire.

use corpus_objects::Client;
use corpus_objects::types::{Labels, Legacy, NewSection, Section};
use serde_json::json;
use tests::server::{Reply, TestServer};

#[tokio::test]
async fn a_required_name_that_no_property_declares_is_sent() {
    let server = TestServer::replying(Reply::json(201, r#"{"id":"s1"}"#)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let body = NewSection {
        name: "Backlog".to_owned(),
        labels: Some(Labels { text: None, color: "red".to_owned() }),
        legacy: Some(Legacy { id: Some(7), legacy_id: None }),
        project: json!("p-1"),
    };
    let section = client.create_section(&body).await.unwrap();
    // A response need not have it: the answer decodes without it.
    assert_eq!(section.body(), &Section { id: "s1".to_owned(), project: None });
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, r#"{"name":"Backlog","labels":{"color":"red"},"legacy":{"id":7},"project":"p-1"}"#);
}

#[test]
fn a_required_name_that_no_property_declares_is_required_unless_nothing_may_have_it() {
    // Only requests send `NewSection`: `project` is required.
    let error = serde_json::from_value::<NewSection>(json!({"name": "Backlog"})).unwrap_err();
    assert_eq!(error.to_string(), "missing field `project`");
    let section: Section = serde_json::from_value(json!({"id": "s1", "project": {"gid": "p-1"}})).unwrap();
    assert_eq!(section.project, Some(json!({"gid": "p-1"})));
    let labels: Labels = serde_json::from_value(json!({"color": "red"})).unwrap();
    assert_eq!(labels.color, "red");
    assert!(serde_json::from_value::<Labels>(json!({"color": 1})).is_err(), "`additionalProperties` says string");
    // `additionalProperties: false` forbids what `required` asks for: the caller decides.
    let legacy: Legacy = serde_json::from_value(json!({"id": 7})).unwrap();
    assert_eq!(legacy.legacy_id, None);
    let legacy = Legacy { id: None, legacy_id: Some(json!(42)) };
    assert_eq!(serde_json::to_value(&legacy).unwrap(), json!({"legacyId": 42}));
}

#[test]
fn a_struct_with_required_fields_is_built_from_them_with_the_others_unset() {
    // Strings are taken as `impl Into<String>`; the optional fields are `None`.
    let section = NewSection::new("Backlog", json!("p-1"));
    assert_eq!(section, NewSection { name: "Backlog".to_owned(), labels: None, legacy: None, project: json!("p-1") });
    // The others are set by name, with struct update syntax.
    let section = NewSection { labels: Some(Labels::new("red")), ..NewSection::new(String::from("Backlog"), json!(1)) };
    assert_eq!(
        serde_json::to_value(&section).unwrap(),
        json!({"name": "Backlog", "labels": {"color": "red"}, "project": 1})
    );
}
