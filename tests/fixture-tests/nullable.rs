//! Behaviour of the `nullable` fixture's generated types: optional nullable
//! fields have three states on the wire.

use corpus_nullable::Nullable;
use corpus_nullable::types::{Person, Profile, ProfilePatch};
use serde_json::json;

#[test]
fn absent_null_and_value_are_three_different_requests() {
    let absent = ProfilePatch::default();
    assert_eq!(serde_json::to_value(&absent).unwrap(), json!({}));

    let cleared = ProfilePatch { nickname: Some(Nullable::Null), ..Default::default() };
    assert_eq!(serde_json::to_string(&cleared).unwrap(), r#"{"nickname":null}"#);

    let set = ProfilePatch { nickname: Some(Nullable::Value("Ada".to_owned())), ..Default::default() };
    assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"nickname":"Ada"}"#);
}

#[test]
fn decoding_keeps_null_apart_from_absent() {
    let patch: ProfilePatch = serde_json::from_str(r#"{"nickname":null,"bio":"Hi"}"#).unwrap();
    assert_eq!(patch.nickname, Some(Nullable::Null));
    assert_eq!(patch.bio, Some(Nullable::Value("Hi".to_owned())));
    assert_eq!(patch.manager, None);
}

#[test]
fn required_nullable_fields_and_nullable_items() {
    let profile: Profile =
        serde_json::from_str(r#"{"id":7,"nickname":null,"tags":["a",null],"scores":{"x":1.5,"y":null},"manager":null}"#)
            .unwrap();
    assert_eq!(profile.nickname, None);
    assert_eq!(profile.tags, vec![Some("a".to_owned()), None]);
    let scores = profile.scores.unwrap();
    assert_eq!(scores.get("y"), Some(&None));
    assert_eq!(profile.manager, Some(Nullable::Null));
    // A required nullable field must be present.
    assert!(serde_json::from_str::<Profile>(r#"{"id":7,"tags":[]}"#).is_ok(), "serde treats a missing Option as None");
    let with_manager: Profile =
        serde_json::from_str(r#"{"id":1,"nickname":"n","tags":[],"manager":{"name":"Grace"}}"#).unwrap();
    assert_eq!(with_manager.manager, Some(Nullable::Value(Person { name: Some("Grace".to_owned()) })));
}
