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

/// The decoding of structs, which the generator writes instead of serde's
/// derive: it must decode as the derive does.
mod decoding {
    use super::*;

    fn profile(text: &str) -> Result<Profile, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn a_repeated_key_is_an_error_even_after_null() {
        let error = profile(r#"{"id":1,"id":2,"nickname":null,"tags":[]}"#).unwrap_err();
        assert!(error.starts_with("duplicate field `id`"), "{error}");
        let error = profile(r#"{"id":1,"tags":[],"scores":null,"scores":{}}"#).unwrap_err();
        assert!(error.starts_with("duplicate field `scores`"), "{error}");
        let error = profile(r#"{"id":1,"tags":[],"manager":null,"manager":{"name":"Grace"}}"#).unwrap_err();
        assert!(error.starts_with("duplicate field `manager`"), "{error}");
    }

    #[test]
    fn a_missing_required_field_is_an_error_and_a_missing_option_is_none() {
        let error = profile(r#"{"nickname":null,"tags":[]}"#).unwrap_err();
        assert!(error.starts_with("missing field `id`"), "{error}");
        let error = serde_json::from_value::<Profile>(json!({"id": 1})).unwrap_err();
        assert_eq!(error.to_string(), "missing field `tags`");
        let value = profile(r#"{"id":1,"tags":[]}"#).unwrap();
        assert_eq!((value.nickname, value.scores, value.manager), (None, None, None));
    }

    #[test]
    fn unknown_keys_are_skipped_whatever_their_value() {
        let value = profile(r#"{"x":{"deep":[1,{"a":null}]},"id":1,"tags":["a"],"y":null,"ids":2}"#).unwrap();
        assert_eq!((value.id, value.tags), (1, vec![Some("a".to_owned())]));
    }

    #[test]
    fn present_null_and_absent_stay_apart() {
        let value = profile(r#"{"id":1,"tags":[],"manager":null,"scores":null}"#).unwrap();
        assert_eq!(value.manager, Some(Nullable::Null));
        assert_eq!(value.scores, None);
        let value = profile(r#"{"id":1,"tags":[]}"#).unwrap();
        assert_eq!(value.manager, None);
        let value = serde_json::from_value::<Profile>(json!({"id": 1, "tags": [], "manager": null})).unwrap();
        assert_eq!(value.manager, Some(Nullable::Null));
    }

    #[test]
    fn wrong_types_name_what_was_expected() {
        let error = profile(r#"{"id":"seven","tags":[]}"#).unwrap_err();
        assert!(error.starts_with(r#"invalid type: string "seven", expected i64"#), "{error}");
        let error = profile(r#""profile""#).unwrap_err();
        assert!(error.starts_with(r#"invalid type: string "profile", expected struct Profile"#), "{error}");
        // serde's derive accepted the fields as an array; objects are all a JSON API sends.
        let error = profile(r#"[1,null,[]]"#).unwrap_err();
        assert!(error.starts_with("invalid type: sequence, expected struct Profile"), "{error}");
    }
}
