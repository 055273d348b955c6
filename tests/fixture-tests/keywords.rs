//! Behaviour of the `keywords` fixture's generated types: Rust keywords and
//! colliding or odd names map back to the exact wire names.

use corpus_keywords::types::{Locals, StringType};
use serde_json::json;

#[test]
fn every_field_keeps_its_wire_name() {
    let wire = json!({
        "type": "t", "self": "s", "crate": "c", "match": 1, "fooBar": "a", "foo_bar": "b", "FooBar": "c",
        "2fa": true, "@id": "i", "$": "d", "x-y.z": "x",
    });
    let value: StringType = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(value.r#type.as_deref(), Some("t"));
    assert_eq!(value.self_.as_deref(), Some("s"));
    assert_eq!(value.crate_.as_deref(), Some("c"));
    assert_eq!(value.r#match, Some(1));
    assert_eq!(serde_json::to_value(&value).unwrap(), wire);
}

#[test]
fn fields_named_like_the_decoders_locals_decode() {
    let wire = json!({ "map": "m", "index": 3, "map_": "n", "deserializer": "d", "foo": "f", "baz": 2 });
    let value: Locals = serde_json::from_value(wire).unwrap();
    assert_eq!(value.foo, "f");
    assert_eq!(value.baz, Some(2));
    assert_eq!(value.map, "m");
    assert_eq!(value.index, 3);
    assert_eq!(value.map_2.as_deref(), Some("n"));
    assert_eq!(value.deserializer.as_deref(), Some("d"));
    let missing = serde_json::from_value::<Locals>(json!({ "map": "m", "foo": "f" })).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `index`");
    let missing = serde_json::from_value::<Locals>(json!({ "map": "m", "index": 1 })).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `foo`");
}
