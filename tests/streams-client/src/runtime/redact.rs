// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Error messages without the values a server sent.

/// Removes the values of the body that serde quotes in its messages
/// (`invalid type: string "..."`, ``unknown variant `...` ``), so that an error,
/// which may be logged, never repeats what a server sent (a token, a secret).
/// Field names, types and positions are kept.
pub(crate) fn redact_values(message: &str) -> String {
    const REDACTED: &str = "[REDACTED]";
    let mut text = message.to_owned();
    for prefix in ["unknown variant `", "unknown field `"] {
        if let Some(start) = text.find(prefix).map(|at| at + prefix.len()) {
            let tail = &text[start..];
            let end = tail.rfind("`, expected ").or_else(|| tail.rfind("`, there are no ")).unwrap_or(tail.len());
            text.replace_range(start..start + end, REDACTED);
        }
    }
    // Strings are quoted in `Debug` form: `"` inside them is escaped as `\"`.
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            out.push_str(REDACTED);
            out.push('"');
        }
    }
    out
}
