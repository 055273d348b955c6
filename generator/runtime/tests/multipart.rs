//! `multipart/form-data` bodies (`multipart.rs`, `multipart_form.rs`): the
//! exact bytes sent, with the boundary read from the `Content-Type` header.

use std::collections::BTreeMap;

use serde::Serialize;

use super::wire::{Sent, get, send};
use crate::runtime::{MultipartForm, Part, Payload, Upload, multipart_body, multipart_form_body, part_text};

/// Sends a multipart body; returns its boundary and its bytes with the
/// boundary written `BOUNDARY`.
async fn sent(payload: Payload) -> (String, String) {
    let sent: Sent = send(get().payload(payload)).await.unwrap();
    let content_type = sent.header("content-type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap().to_owned();
    let body = String::from_utf8(sent.body).unwrap();
    (boundary.clone(), body.replace(&boundary, "BOUNDARY"))
}

#[tokio::test]
async fn text_and_file_parts_are_framed_by_the_boundary() {
    let upload = Upload::bytes(&b"\x00\x01file\r\n--x"[..]);
    let parts = vec![Part::text("title", "Hello, world".to_owned()), Part::file("file", "a.txt", &upload)];
    let (boundary, body) = sent(multipart_body(parts)).await;
    assert_eq!(
        body,
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"title\"\r\n\
         \r\n\
         Hello, world\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
         Content-Type: application/octet-stream\r\n\
         \r\n\
         \x00\x01file\r\n--x\r\n\
         --BOUNDARY--\r\n"
    );
    // `----boundary` and 32 hex digits, different for each body.
    let digits = boundary.strip_prefix("----boundary").unwrap();
    assert_eq!(digits.len(), 32);
    assert!(digits.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{boundary}");
    let (other, _) = sent(multipart_body(vec![])).await;
    assert_ne!(boundary, other);
}

#[tokio::test]
async fn an_empty_body_is_its_closing_delimiter() {
    assert_eq!(sent(multipart_body(vec![])).await.1, "--BOUNDARY--\r\n");
}

#[tokio::test]
async fn content_types_and_part_headers_follow_the_disposition() {
    let upload = Upload::bytes(b"PNG".to_vec());
    let headers = [("X-Rate-Limit", "10"), ("Content-Language", "fr")];
    let parts = vec![
        Part::text("meta", "{\"a\":1}".to_owned()).content_type("application/json"),
        Part::file("image", "i.png", &upload).content_type("image/png").headers(&headers),
        Part::text("plain", String::new()).headers(&headers[..1]),
    ];
    assert_eq!(
        sent(multipart_body(parts)).await.1,
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"meta\"\r\n\
         Content-Type: application/json\r\n\
         \r\n\
         {\"a\":1}\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"image\"; filename=\"i.png\"\r\n\
         Content-Type: image/png\r\n\
         X-Rate-Limit: 10\r\n\
         Content-Language: fr\r\n\
         \r\n\
         PNG\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"plain\"\r\n\
         X-Rate-Limit: 10\r\n\
         \r\n\
         \r\n\
         --BOUNDARY--\r\n"
    );
}

#[tokio::test]
async fn names_and_file_names_cannot_end_their_parameter() {
    let upload = Upload::bytes(Vec::new());
    let parts = vec![
        Part::text("a\"b\r\nc", "v".to_owned()),
        Part::file("f", "x\".txt\r\nContent-Type: text/html", &upload),
        Part::text("r\u{e9}sum\u{e9}; \\ '", "w".to_owned()),
    ];
    // `"`, CR and LF become `_`; anything else, a backslash or UTF-8, is sent as it is.
    assert_eq!(
        sent(multipart_body(parts)).await.1,
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"a_b__c\"\r\n\
         \r\n\
         v\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"f\"; filename=\"x_.txt__Content-Type: text/html\"\r\n\
         Content-Type: application/octet-stream\r\n\
         \r\n\
         \r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"r\u{e9}sum\u{e9}; \\ '\"\r\n\
         \r\n\
         w\r\n\
         --BOUNDARY--\r\n"
    );
}

#[tokio::test]
async fn files_are_read_when_sent() {
    let path = std::env::temp_dir().join(format!("openapi-rust-runtime-multipart-{}", std::process::id()));
    std::fs::write(&path, b"from disk").unwrap();
    let upload = Upload::file(path.clone());
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = vec![Ok("str".into()), Ok("".into()), Ok("eam".into())];
    let stream = Upload::stream(futures_util::stream::iter(chunks));
    let parts = vec![Part::file("a", "a.bin", &upload), Part::file("b", "b.bin", &stream)];
    let body = sent(multipart_body(parts)).await.1;
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        body,
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"a\"; filename=\"a.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\
         \r\n\
         from disk\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"b\"; filename=\"b.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\
         \r\n\
         stream\r\n\
         --BOUNDARY--\r\n"
    );
}

#[tokio::test]
async fn multipart_forms_send_their_parts_in_order() {
    let form = MultipartForm::new().text("a", "1").file("f", "f.bin", vec![0xC3, 0xA9]).text("a", "2");
    assert_eq!(format!("{form:?}"), r#"MultipartForm { parts: ["a", "f", "a"] }"#);
    assert_eq!(
        sent(multipart_form_body(&form)).await.1,
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"a\"\r\n\
         \r\n\
         1\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\
         \r\n\
         \u{e9}\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"a\"\r\n\
         \r\n\
         2\r\n\
         --BOUNDARY--\r\n"
    );
    assert_eq!(sent(multipart_form_body(&MultipartForm::new())).await.1, "--BOUNDARY--\r\n");
}

#[derive(Serialize)]
struct Meta {
    b: u8,
    a: &'static str,
}

#[test]
fn text_fields_are_strings_as_they_are_and_other_values_as_json() {
    assert_eq!(part_text("body.s", "a \"b\"\n").unwrap(), "a \"b\"\n");
    assert_eq!(part_text("body.n", &12.5).unwrap(), "12.5");
    assert_eq!(part_text("body.t", &true).unwrap(), "true");
    assert_eq!(part_text("body.o", &None::<u8>).unwrap(), "null");
    assert_eq!(part_text("body.m", &Meta { b: 1, a: "x" }).unwrap(), r#"{"b":1,"a":"x"}"#);
    assert_eq!(part_text("body.l", &["x", "y"]).unwrap(), r#"["x","y"]"#);
    // JSON has no NaN: serde_json writes `null`.
    assert_eq!(part_text("body.f", &f64::NAN).unwrap(), "null");
    let error = part_text("body.k", &BTreeMap::from([((1, 2), 3)])).unwrap_err();
    assert_eq!((error.field(), error.reason()), ("body.k", "cannot be encoded: key must be a string"));
}
