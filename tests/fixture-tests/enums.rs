//! Behaviour of the `enums` fixture's generated types: odd values keep their
//! exact wire form; enums that responses carry accept unlisted values, enums
//! that only requests send do not.

use corpus_enums::types::{Operator, Priority, QueryDirection, ResultLevel, ResultState};
use serde_json::json;

#[test]
fn odd_string_values_round_trip_exactly() {
    for (value, variant) in [
        ("=", Operator::Equal),
        ("!=", Operator::NotEqual),
        (">=", Operator::GreaterOrEqual),
        ("-1", Operator::Minus1),
        ("", Operator::Empty),
        ("in", Operator::In),
        ("IN", Operator::In2),
        ("not in", Operator::NotIn),
        ("Self", Operator::SelfValue),
    ] {
        assert_eq!(serde_json::to_value(variant).unwrap(), json!(value));
        assert_eq!(serde_json::from_value::<Operator>(json!(value)).unwrap(), variant);
        assert_eq!(variant.to_string(), value);
    }
}

#[test]
fn integer_enums_use_numbers_on_the_wire() {
    assert_eq!(serde_json::to_value(Priority::Minus1).unwrap(), json!(-1));
    assert_eq!(serde_json::from_value::<Priority>(json!(2)).unwrap(), Priority::Value2);
    assert!(serde_json::from_value::<Priority>(json!(9)).is_err(), "a request-only enum lists every value");
    assert_eq!(serde_json::from_value::<ResultLevel>(json!(9)).unwrap(), ResultLevel::Unknown(9));
}

#[test]
fn response_enums_accept_values_the_spec_does_not_list() {
    assert_eq!(serde_json::from_value::<ResultState>(json!("paused")).unwrap(), ResultState::Unknown("paused".to_owned()));
    assert_eq!(ResultState::Unknown("paused".to_owned()).as_str(), "paused");
    assert!(serde_json::from_value::<QueryDirection>(json!("sideways")).is_err());
}
