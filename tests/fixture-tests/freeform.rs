//! Behaviour of the `freeform` fixture's generated client: a free-form object
//! (`type: object` without properties) is a map of JSON values, sent as an
//! object in a body and in each parameter style; a response that is no object
//! where the spec asks for one does not decode; a schema without a type is
//! still any JSON value.

use std::collections::BTreeMap;

use corpus_freeform::types::{Modules, ModulesChoice, RegisterModulesParams};
use corpus_freeform::{Client, Error, Nullable};
use serde_json::{Value, json};
use tests::server::{Action, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder().base_url(server.url()).max_retries(0).build().unwrap()
}

/// A free-form object from a JSON object.
fn object(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).unwrap()
}

fn modules(items: Vec<BTreeMap<String, Value>>) -> Modules {
    Modules { modules: items, settings: None, context: None, open: None, empty: None, choice: None, extended: None }
}

#[tokio::test]
async fn free_form_objects_are_sent_as_objects_in_the_body_and_in_each_parameter_style() {
    let reply = r#"{"modules":[{"key":"team-field","name":{"value":"Team"}}],"settings":null}"#;
    let server = TestServer::start(vec![Action::Reply(Reply::json(200, reply))]).await;
    let params = RegisterModulesParams {
        filter: Some(object(json!({"kind": "team", "limit": 2}))),
        labels: Some(object(json!({"team": "core", "tier": 1}))),
        x_context: Some(object(json!({"user": "ada"}))),
        prefs: Some(object(json!({"theme": "dark"}))),
    };
    let body = Modules {
        settings: Some(Nullable::Null),
        ..modules(vec![object(json!({"key": "team-field", "extractions": [{"name": "category"}]}))])
    };
    let response = client(&server).register_modules(&params, &body).await.unwrap();
    assert_eq!(response.body().modules, [object(json!({"key": "team-field", "name": {"value": "Team"}}))]);
    assert_eq!(response.body().settings, Some(Nullable::Null));

    let request = &server.requests()[0];
    // `form`, exploded: one pair per entry; `deepObject`: `name[key]=value`.
    assert_eq!(request.query(), Some("kind=team&limit=2&labels%5Bteam%5D=core&labels%5Btier%5D=1"));
    // `simple`: keys and values joined by commas.
    assert_eq!(request.header("x-context"), Some("user,ada"));
    // A cookie is `form`, exploded by default: one cookie per entry.
    assert_eq!(request.header("cookie"), Some("theme=dark"));
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, json!({"modules": [{"key": "team-field", "extractions": [{"name": "category"}]}], "settings": null}));
}

#[tokio::test]
async fn a_free_form_object_is_a_whole_body_and_a_path_segment() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204)); 2]).await;
    let client = client(&server);
    client.put_settings(&object(json!({"theme": "dark", "size": 12}))).await.unwrap();
    client.get_by_filter(&object(json!({"kind": "team"}))).await.unwrap();
    let requests = server.requests();
    assert_eq!(String::from_utf8_lossy(&requests[0].body), r#"{"size":12,"theme":"dark"}"#);
    // `simple`: the style table's separator, a literal comma (RFC 6570's simple
    // expansion writes it as it is; the key and value are percent-encoded).
    assert_eq!(requests[1].path(), "/filters/kind,team");
}

#[tokio::test]
async fn a_json_patch_body_is_an_array_of_operations_whatever_its_schema_says() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let patch = json!([{"op": "replace", "path": "/name", "value": "Team"}]);
    client(&server).patch_module("team-field", &patch).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("content-type"), Some("application/json-patch+json"));
    assert_eq!(String::from_utf8_lossy(&request.body), r#"[{"op":"replace","path":"/name","value":"Team"}]"#);
}

#[tokio::test]
async fn a_response_that_is_no_object_where_the_spec_asks_for_one_does_not_decode() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, r#"{"key":"team-field","extractions":[]}"#)),
        Action::Reply(Reply::json(200, r#""team-field""#)),
        Action::Reply(Reply::json(200, r#"{"modules":["not an object"]}"#)),
    ])
    .await;
    let client = client(&server);
    let module = client.get_module("team-field").await.unwrap();
    assert_eq!(module.body(), &object(json!({"key": "team-field", "extractions": []})));
    match client.get_module("team-field").await {
        Err(Error::Decode(error)) => assert_eq!(error.status(), 200),
        other => panic!("a string is no module: {other:?}"),
    }
    let params = RegisterModulesParams::default();
    match client.register_modules(&params, &modules(Vec::new())).await {
        Err(Error::Decode(error)) => assert_eq!(error.status(), 200),
        other => panic!("a string is no module: {other:?}"),
    }
}

#[test]
fn a_union_tries_a_free_form_object_only_for_objects() {
    let choice = |value: Value| serde_json::from_value::<ModulesChoice>(value);
    // The struct comes first in the spec, and is tried first.
    assert!(matches!(choice(json!({"name": "n"})).unwrap(), ModulesChoice::Named(named) if named.name == "n"));
    assert_eq!(choice(json!({"other": 1})).unwrap(), ModulesChoice::Map(object(json!({"other": 1}))));
    // A string is no object: it goes on to the string alternative.
    assert_eq!(choice(json!("text")).unwrap(), ModulesChoice::String("text".to_owned()));
    assert!(choice(json!(1)).is_err());
}

#[test]
fn schemas_without_a_type_stay_any_json_value() {
    let body = Modules {
        context: Some(json!("text")),
        open: Some(json!(3)),
        empty: Some(json!({})),
        ..modules(Vec::new())
    };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"modules": [], "context": "text", "open": 3, "empty": {}}));
    let decoded: Modules = serde_json::from_value(json!({"modules": [], "context": [1], "open": "x"})).unwrap();
    assert_eq!((decoded.context, decoded.open), (Some(json!([1])), Some(json!("x"))));
    assert!(serde_json::from_value::<Modules>(json!({"modules": [], "settings": "x"})).is_err(), "settings is an object");
}
