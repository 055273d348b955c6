//! Redaction of error messages (`redact.rs`): the values a server sent are
//! replaced with `[REDACTED]`; field names, types, positions and numbers stay.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::runtime::redact_values;

/// The message of serde_json's error decoding `json` as a `T`, redacted.
fn decoded<T: for<'de> Deserialize<'de> + std::fmt::Debug>(json: &str) -> String {
    redact_values(&serde_json::from_str::<T>(json).unwrap_err().to_string())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "only decoded, for its errors")]
struct User {
    id: u32,
    role: Role,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    Guest,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

#[test]
fn strings_a_server_sent_are_redacted() {
    assert_eq!(
        decoded::<u32>(r#""sk_live_123""#),
        r#"invalid type: string "[REDACTED]", expected u32 at line 1 column 13"#
    );
    assert_eq!(
        decoded::<User>(r#"{"id": "4111 1111 1111 1111", "role": "admin"}"#),
        r#"invalid type: string "[REDACTED]", expected u32 at line 1 column 28"#
    );
    // Escaped quotes and non-ASCII text inside the string do not end it early
    // (the column counts bytes).
    assert_eq!(
        decoded::<u32>(r#""a\"b, expected é""#),
        r#"invalid type: string "[REDACTED]", expected u32 at line 1 column 19"#
    );
}

#[test]
fn unknown_variants_and_fields_are_redacted_but_the_expected_ones_kept() {
    assert_eq!(
        decoded::<User>(r#"{"id": 1, "role": "root"}"#),
        "unknown variant `[REDACTED]`, expected `admin` or `guest` at line 1 column 24"
    );
    assert_eq!(
        decoded::<User>(r#"{"id": 1, "role": "admin", "password": "hunter2"}"#),
        "unknown field `[REDACTED]`, expected `id` or `role` at line 1 column 37"
    );
    assert_eq!(
        decoded::<Empty>(r#"{"token": 1}"#),
        "unknown field `[REDACTED]`, there are no fields at line 1 column 8"
    );
    // A value that itself reads like the end of the quote: the last one is the end.
    assert_eq!(
        decoded::<User>(r#"{"id": 1, "role": "x`, expected `y"}"#),
        "unknown variant `[REDACTED]`, expected `admin` or `guest` at line 1 column 35"
    );
    assert_eq!(
        redact_values("unknown variant `a\"b\"c`, expected one of `x`, `y`"),
        "unknown variant `[REDACTED]`, expected one of `x`, `y`"
    );
    // Without the expected list, the rest of the message is the value.
    assert_eq!(redact_values("unknown variant `abc"), "unknown variant `[REDACTED]");
}

#[test]
fn field_names_types_positions_and_numbers_are_kept() {
    assert_eq!(decoded::<User>(r#"{"role": "admin"}"#), "missing field `id` at line 1 column 17");
    assert_eq!(decoded::<u32>("[1]"), "invalid type: sequence, expected u32 at line 1 column 0");
    assert_eq!(decoded::<u8>("4111"), "invalid value: integer `4111`, expected u8 at line 1 column 4");
    assert_eq!(decoded::<bool>("1.5"), "invalid type: floating point `1.5`, expected a boolean at line 1 column 3");
    assert_eq!(decoded::<BTreeMap<String, u8>>("{\"a\" 1}"), "expected `:` at line 1 column 6");
    assert_eq!(decoded::<u8>("tru"), "EOF while parsing a value at line 1 column 3");
    assert_eq!(redact_values("plain text, no quotes"), "plain text, no quotes");
    assert_eq!(redact_values(""), "");
}

#[test]
fn every_quoted_string_is_redacted_even_unterminated() {
    assert_eq!(redact_values(r#"a "x" b "y" c"#), r#"a "[REDACTED]" b "[REDACTED]" c"#);
    assert_eq!(redact_values(r#"a "" b"#), r#"a "[REDACTED]" b"#);
    assert_eq!(redact_values(r#"a "unterminated"#), r#"a "[REDACTED]""#);
    assert_eq!(redact_values(r#"a "ends with \"#), r#"a "[REDACTED]""#);
    assert_eq!(redact_values(r#"a "x\\" b "y""#), r#"a "[REDACTED]" b "[REDACTED]""#);
}
