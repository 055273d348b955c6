// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! `multipart/form-data` request bodies. Their files are [`Upload`]s, sent as
//! they are read.

use serde::Serialize;

use super::{HeaderValue, InvalidRequest, Payload, Upload, random_u64};

/// One part of a `multipart/form-data` body: its name, its contents, and the
/// `Content-Type` and headers the spec's `encoding` gives it.
pub(crate) struct Part<'a> {
    name: &'a str,
    body: PartBody<'a>,
    content_type: Option<&'a str>,
    headers: &'a [(&'a str, &'a str)],
}

enum PartBody<'a> {
    /// A text field.
    Text(String),
    /// A file: its file name and contents.
    File(&'a str, &'a Upload),
}

#[allow(dead_code, reason = "the client constructs the kinds of part its multipart bodies have")]
impl<'a> Part<'a> {
    /// A text field, sent without a `Content-Type` (`text/plain`, RFC 7578's default).
    pub(crate) fn text(name: &'a str, text: String) -> Self {
        Part { name, body: PartBody::Text(text), content_type: None, headers: &[] }
    }

    /// A file field: name, file name, contents; sent as `application/octet-stream`
    /// unless the spec gives another `contentType`.
    pub(crate) fn file(name: &'a str, file_name: &'a str, upload: &'a Upload) -> Self {
        Part { name, body: PartBody::File(file_name, upload), content_type: None, headers: &[] }
    }

    /// The part's `Content-Type`.
    pub(crate) fn content_type(mut self, content_type: &'a str) -> Self {
        self.content_type = Some(content_type);
        self
    }

    /// Headers of the part (names and values the spec fixes, checked by the generator).
    pub(crate) fn headers(mut self, headers: &'a [(&'a str, &'a str)]) -> Self {
        self.headers = headers;
        self
    }
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
        let mut head = format!("Content-Disposition: form-data; name=\"{}\"", quote_disposition(part.name));
        let content_type = match &part.body {
            PartBody::Text(_) => part.content_type,
            PartBody::File(file_name, _) => {
                head.push_str(&format!("; filename=\"{}\"", quote_disposition(file_name)));
                Some(part.content_type.unwrap_or("application/octet-stream"))
            }
        };
        head.push_str("\r\n");
        if let Some(content_type) = content_type {
            head.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        for (name, value) in part.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        out.extend_from_slice(head.as_bytes());
        match part.body {
            PartBody::Text(text) => out.extend_from_slice(text.as_bytes()),
            PartBody::File(_, upload) => {
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

/// Renders a multipart text field: strings as they are, anything else as JSON
/// (an object's properties in the order its type declares them).
#[allow(dead_code, reason = "called for text fields; a multipart body can have only files")]
pub(crate) fn part_text<T: Serialize + ?Sized>(field: &str, value: &T) -> Result<String, InvalidRequest> {
    let json = serde_json::to_string(value)
        .map_err(|error| InvalidRequest::new(field, format!("cannot be encoded: {error}")))?;
    match serde_json::from_str::<String>(&json) {
        Ok(text) => Ok(text),
        Err(_) => Ok(json),
    }
}
