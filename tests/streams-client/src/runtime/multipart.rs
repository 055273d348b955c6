// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! `multipart/form-data` request bodies. Their files are [`Upload`]s, sent as
//! they are read.

use serde::Serialize;

use super::{HeaderValue, InvalidRequest, Payload, Upload, random_u64};

/// One part of a `multipart/form-data` body.
#[allow(dead_code, reason = "the client constructs the kinds of part its multipart bodies have, text or file")]
pub(crate) enum Part<'a> {
    /// A text field.
    Text(&'a str, String),
    /// A file field: name, file name, contents.
    File(&'a str, &'a str, &'a Upload),
}

/// A `multipart/form-data` request body.
pub(crate) fn multipart_body(parts: Vec<Part<'_>>) -> Payload {
    let boundary = format!("----boundary{:016x}{:016x}", random_u64(), random_u64());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    // The boundary is hex digits, so the value is always a valid header value.
    let content_type = HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("multipart/form-data"));
    let mut payload = Payload::new(content_type);
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"\r\n");
        match part {
            Part::Text(name, text) => {
                out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", quote_disposition(name)).as_bytes(),
                );
                out.extend_from_slice(text.as_bytes());
            }
            Part::File(name, file_name, upload) => {
                out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                        quote_disposition(name),
                        quote_disposition(file_name)
                    )
                    .as_bytes(),
                );
                payload.push_bytes(&std::mem::take(&mut out));
                payload.push_upload(upload);
            }
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--");
    out.extend_from_slice(boundary.as_bytes());
    out.extend_from_slice(b"--\r\n");
    payload.push_bytes(&out);
    payload
}

/// A parameter of `Content-Disposition` without the characters that would end it.
fn quote_disposition(value: &str) -> String {
    value.chars().map(|c| if c == '"' || c == '\r' || c == '\n' { '_' } else { c }).collect()
}

/// Renders a multipart text field: strings as they are, anything else as JSON.
#[allow(dead_code, reason = "called for text fields; a multipart body can have only files")]
pub(crate) fn part_text<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<String, InvalidRequest> {
    let value = serde_json::to_value(value)
        .map_err(|error| InvalidRequest::new(field, format!("cannot be encoded: {error}")))?;
    match value {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}
