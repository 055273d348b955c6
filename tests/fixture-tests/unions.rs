//! Behaviour of the `unions` fixture's generated types: a union told apart by a
//! property every alternative requires decodes by that property (an unknown
//! value kept, a known one read exactly), the empty string is a variant of its
//! own on the wire (form and JSON bodies), and an optional body that can hold
//! nothing is no argument.

use corpus_unions::Client;
use corpus_unions::types::{
    Command, CommandOpen, CommandOpenType, Customer, CustomerAddress, PatchCustomerBody, PatchCustomerBodyNickname,
    RunEvent, SettingMode, SettingModeKnown, SettingValues, UpdateCustomerBody, UpdateCustomerBodyAddress,
    UpdateCustomerBodyAddressOptionalFieldsAddress, UpdateCustomerBodyDescription, UpdateCustomerBodyTags,
};
use serde_json::json;
use tests::server::{Reply, TestServer};

#[test]
fn a_union_told_apart_by_its_event_decodes_by_it() {
    let created: RunEvent =
        serde_json::from_value(json!({"event": "thread.run.created", "data": {"id": "run_1"}})).unwrap();
    assert!(matches!(&created, RunEvent::ThreadRunCreated(e) if e.data.id == "run_1"), "{created:?}");
    let done: RunEvent = serde_json::from_value(json!({"event": "done", "data": "[DONE]"})).unwrap();
    assert!(matches!(&done, RunEvent::Done(e) if e.data == "[DONE]"), "{done:?}");
}

#[test]
fn an_event_the_spec_does_not_list_is_kept_whole() {
    let value = json!({"event": "thread.run.paused", "data": {"id": "run_1"}});
    let paused: RunEvent = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(paused, RunEvent::Unknown(value));
}

#[test]
fn a_known_event_of_the_wrong_shape_is_the_alternative_s_exact_error() {
    // `thread.run.created` selects its alternative: the error is its own, not "no alternative matched".
    let error = serde_json::from_value::<RunEvent>(json!({"event": "thread.run.created", "data": "x"})).unwrap_err();
    assert_eq!(error.to_string(), "invalid type: string \"x\", expected struct Run");
    let error = serde_json::from_value::<RunEvent>(json!({"event": "done"})).unwrap_err();
    assert_eq!(error.to_string(), "missing field `data`");
    let error = serde_json::from_value::<RunEvent>(json!({"data": "x"})).unwrap_err();
    assert_eq!(error.to_string(), "missing field `event`");
}

#[test]
fn a_request_only_union_told_apart_by_its_type_refuses_an_unknown_type() {
    // Decoding a request type (`full-serde`): the listed values are the only ones.
    let error = serde_json::from_value::<Command>(json!({"type": "sleep", "seconds": 1})).unwrap_err();
    assert_eq!(error.to_string(), "unknown variant `sleep`, expected `wait` or `open`");
    let open: Command = serde_json::from_value(json!({"type": "open", "url": "https://example.com"})).unwrap();
    assert!(matches!(open, Command::Open(CommandOpen { ref url, .. }) if url == "https://example.com"));
}

#[tokio::test]
async fn a_command_is_sent_as_its_alternative() {
    let server = TestServer::replying(Reply::new(204)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let command = Command::Open(CommandOpen { r#type: CommandOpenType::Open, url: "https://example.com".to_owned() });
    client.send_command(&command).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, r#"{"type":"open","url":"https://example.com"}"#);
}

#[test]
fn alternatives_are_named_by_their_type() {
    let mode: SettingMode = serde_json::from_value(json!("fast")).unwrap();
    assert_eq!(mode, SettingMode::String("fast".to_owned()), "the plain string is tried first");
    let known = SettingMode::Known(SettingModeKnown::Slow);
    assert_eq!(serde_json::to_value(&known).unwrap(), json!("slow"));
    let values: SettingValues = serde_json::from_value(json!(["a"])).unwrap();
    assert_eq!(values, SettingValues::StringArray(vec!["a".to_owned()]));
    let runs: SettingValues = serde_json::from_value(json!([{"id": "r"}])).unwrap();
    assert!(matches!(&runs, SettingValues::RunArray(runs) if runs[0].id == "r"), "{runs:?}");
}

#[tokio::test]
async fn the_empty_string_is_sent_in_a_form_body() {
    let server = TestServer::replying(Reply::json(200, r#"{"id":"cus_1","address":""}"#)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let body = UpdateCustomerBody {
        address: Some(UpdateCustomerBodyAddress::Empty),
        description: Some(UpdateCustomerBodyDescription::Empty),
        tags: Some(UpdateCustomerBodyTags::Empty),
    };
    let answer = client.update_customer("cus_1", &body).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, "address=&description=&tags=");
    // Read back: `""` is the empty variant.
    assert_eq!(answer.body(), &Customer { id: "cus_1".to_owned(), address: Some(CustomerAddress::Empty) });
}

#[tokio::test]
async fn a_value_beside_the_empty_string_is_sent_as_it_is() {
    let server = TestServer::replying(Reply::json(200, r#"{"id":"cus_1","address":{"city":"Lyon"}}"#)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let body = UpdateCustomerBody {
        address: Some(UpdateCustomerBodyAddress::OptionalFieldsAddress(
            UpdateCustomerBodyAddressOptionalFieldsAddress { city: Some("Lyon".to_owned()), line1: None },
        )),
        description: Some(UpdateCustomerBodyDescription::String("VIP".to_owned())),
        tags: Some(UpdateCustomerBodyTags::Array(vec!["a".to_owned()])),
    };
    let answer = client.update_customer("cus_1", &body).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, "address%5Bcity%5D=Lyon&description=VIP&tags=a");
    assert!(matches!(&answer.body().address, Some(CustomerAddress::Object(a)) if a.city.as_deref() == Some("Lyon")));
}

#[tokio::test]
async fn the_empty_string_is_sent_in_a_json_body() {
    let server = TestServer::replying(Reply::new(204)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let body = PatchCustomerBody { nickname: Some(PatchCustomerBodyNickname::Empty) };
    client.patch_customer("cus_1", &body).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, r#"{"nickname":""}"#);
    // `""` decodes as the empty variant, before the plain string is tried.
    let nickname: PatchCustomerBodyNickname = serde_json::from_value(json!("")).unwrap();
    assert_eq!(nickname, PatchCustomerBodyNickname::Empty);
    let nickname: PatchCustomerBodyNickname = serde_json::from_value(json!("Bo")).unwrap();
    assert_eq!(nickname, PatchCustomerBodyNickname::String("Bo".to_owned()));
}

#[tokio::test]
async fn an_optional_body_that_can_hold_nothing_is_no_argument() {
    let server =
        TestServer::replying(Reply::json(200, r#"{"event":"thread.run.completed","data":{"id":"run_1"}}"#)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let event = client.get_latest_event().await.unwrap();
    assert!(matches!(event.body(), RunEvent::ThreadRunCompleted(_)));
    let request = &server.requests()[0];
    assert!(request.body.is_empty(), "no body is sent");
    assert_eq!(request.header("content-type"), None);
}
