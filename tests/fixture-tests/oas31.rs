//! Behaviour of the `oas31` fixture's generated types: OpenAPI 3.1's schema
//! forms on the wire.

use corpus_oas31::Nullable;
use corpus_oas31::types::{Circle, CircleKind, Message, Point, Profile, ProfileEvent, ProfileLabel, ProfilePatch, Shape};
use corpus_oas31::webhooks::{Webhook, WebhookError};
use serde_json::json;

#[test]
fn a_type_list_with_null_is_three_state_when_optional() {
    assert_eq!(serde_json::to_value(ProfilePatch::default()).unwrap(), json!({}));
    let cleared = ProfilePatch { nickname: Some(Nullable::Null), manager: Some(Nullable::Null), ..Default::default() };
    assert_eq!(serde_json::to_string(&cleared).unwrap(), r#"{"nickname":null,"manager":null}"#);
    let set = ProfilePatch { nickname: Some(Nullable::Value("Ada".to_owned())), age: Some(Nullable::Value(36)), ..Default::default() };
    assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"nickname":"Ada","age":36}"#);
    let decoded: ProfilePatch = serde_json::from_str(r#"{"nickname":null,"age":3}"#).unwrap();
    assert_eq!(decoded.nickname, Some(Nullable::Null));
    assert_eq!(decoded.age, Some(Nullable::Value(3)));
    assert_eq!(decoded.manager, None);
}

#[test]
fn a_required_nullable_field_is_an_option() {
    let profile: Profile = serde_json::from_value(json!({"id": 1, "nickname": null})).unwrap();
    assert_eq!(profile.nickname, None);
    let profile: Profile = serde_json::from_value(json!({"id": 1, "nickname": "Ada"})).unwrap();
    assert_eq!(profile.nickname.as_deref(), Some("Ada"));
}

#[test]
fn a_list_of_types_is_an_untagged_union() {
    let text: Profile = serde_json::from_value(json!({"id": 1, "nickname": null, "label": "blue"})).unwrap();
    assert_eq!(text.label, Some(ProfileLabel::String("blue".to_owned())));
    let number: Profile = serde_json::from_value(json!({"id": 1, "nickname": null, "label": 7})).unwrap();
    assert_eq!(number.label, Some(ProfileLabel::Integer(7)));
    assert!(serde_json::from_value::<Profile>(json!({"id": 1, "nickname": null, "label": true})).is_err());
}

#[test]
fn const_values_tag_the_variants_of_a_discriminated_union() {
    let shape: Shape = serde_json::from_value(json!({"kind": "circle", "radius": 2.0})).unwrap();
    assert_eq!(shape, Shape::Circle(Circle { kind: CircleKind::Circle, radius: 2.0 }));
    assert!(matches!(serde_json::from_value(json!({"kind": "square", "side": 1.0})).unwrap(), Shape::Square(_)));
    assert_eq!(serde_json::to_value(&shape).unwrap(), json!({"kind": "circle", "radius": 2.0}));
    // As every enum a response carries, a const keeps a value the spec does not list.
    let odd: Circle = serde_json::from_value(json!({"kind": "square", "radius": 2.0})).unwrap();
    assert_eq!(odd.kind, CircleKind::Unknown("square".to_owned()));
}

#[test]
fn prefix_items_are_a_tuple_of_exactly_their_positions() {
    let point: Point = serde_json::from_value(json!([52.5, 13.4])).unwrap();
    assert_eq!(point, Point(52.5, 13.4));
    assert_eq!(serde_json::to_value(&point).unwrap(), json!([52.5, 13.4]));
    assert!(serde_json::from_value::<Point>(json!([52.5])).is_err(), "minItems: 2");
    assert!(serde_json::from_value::<Point>(json!([52.5, 13.4, 0.0])).is_err(), "items: false");
    assert!(serde_json::from_value::<Point>(json!([52.5, "north"])).is_err());
}

#[test]
fn boolean_schemas_are_any_value_and_no_field() {
    let profile: Profile =
        serde_json::from_value(json!({"id": 1, "nickname": null, "extra": {"any": [1, "two"]}})).unwrap();
    assert_eq!(profile.extra, Some(json!({"any": [1, "two"]})));
    // `legacy: false` has no field: the struct is complete without it.
    let Profile { id, nickname, label, owner, location, extra, tags, counters, avatar, rating } = profile;
    let _ = (id, nickname, label, owner, location, extra, tags, counters, avatar, rating);
}

#[test]
fn pattern_properties_and_property_names_are_maps() {
    let profile: Profile =
        serde_json::from_value(json!({"id": 1, "nickname": null, "tags": {"a": "x"}, "counters": {"b": 2}})).unwrap();
    assert_eq!(profile.tags.unwrap().get("a").map(String::as_str), Some("x"));
    assert_eq!(profile.counters.unwrap().get("b"), Some(&2));
}

#[test]
fn a_webhook_payload_decodes_from_its_example() {
    let body = br#"{"profile":{"id":7,"nickname":null,"label":12,"location":[52.5,13.4]},"changed":["nickname"]}"#;
    let webhook = Webhook::decode("profileChanged", body).unwrap();
    assert_eq!(webhook.name(), "profileChanged");
    let Webhook::ProfileChanged(ProfileEvent { profile, changed }) = webhook;
    assert_eq!(profile.location, Some(Point(52.5, 13.4)));
    assert_eq!(profile.label, Some(ProfileLabel::Integer(12)));
    assert_eq!(changed, Some(vec!["nickname".to_owned()]));
    assert_eq!(Webhook::NAMES, ["profileChanged"]);
}

#[test]
fn a_webhook_request_that_does_not_decode_is_an_error_without_its_values() {
    assert_eq!(Webhook::decode("petAdopted", b"{}"), Err(WebhookError::Unknown("petAdopted".to_owned())));
    let error = Webhook::decode("profileChanged", br#"{"profile":{"id":"sk_live_secret","nickname":null}}"#).unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("the body of a `profileChanged` webhook request does not decode: "), "{text}");
    assert!(!text.contains("sk_live_secret"), "{text}");
}

#[test]
fn a_tag_two_alternatives_share_tries_them_in_order() {
    let output: Message = serde_json::from_value(json!({"kind": "message", "text": "hi", "tokens": 3})).unwrap();
    assert!(matches!(output, Message::Output(ref m) if m.tokens == 3), "{output:?}");
    let input: Message = serde_json::from_value(json!({"kind": "message", "text": "hi"})).unwrap();
    assert!(matches!(input, Message::Input(ref m) if m.text == "hi"), "{input:?}");
    assert!(serde_json::from_value::<Message>(json!({"kind": "message"})).is_err(), "neither alternative decodes");
}

#[test]
fn an_all_of_of_a_reference_and_null_is_the_referenced_type_nullable() {
    let patch: ProfilePatch = serde_json::from_value(json!({"deputy": {"name": "Ada"}})).unwrap();
    assert_eq!(patch.deputy.flatten().and_then(|person| person.name), Some("Ada".to_owned()));
    let patch: ProfilePatch = serde_json::from_value(json!({"deputy": null})).unwrap();
    assert_eq!(patch.deputy.flatten(), None);
}
