//! Behaviour of the `streams` fixture's generated types: event unions keyed by
//! a property of their data or by the SSE `event` field, and uploads.
//! (`tests/tests/streams.rs` drives the same client against a server.)

use corpus_streams::Upload;
use corpus_streams::types::{CreateFileBody, ResponseEvent, RunEvent, RunStepEvent};
use serde_json::json;

#[test]
fn events_keyed_by_their_sse_event_field_decode_from_their_event_and_data() {
    // The client decodes an event as the spec writes it: an object of its `event` and its `data`.
    let created: RunEvent =
        serde_json::from_value(json!({"event": "thread.run.created", "data": {"id": "run_1", "status": "queued"}})).unwrap();
    assert!(matches!(created, RunEvent::RunStepEvent(RunStepEvent::ThreadRunCreated(ref e)) if e.data.id == "run_1"));
    let completed: RunEvent =
        serde_json::from_value(json!({"event": "thread.run.completed", "data": {"id": "run_1", "status": "done"}})).unwrap();
    assert!(matches!(completed, RunEvent::RunStepEvent(RunStepEvent::ThreadRunCompleted(_))));
    let error: RunEvent = serde_json::from_value(json!({"event": "error", "data": {"message": "boom"}})).unwrap();
    assert!(matches!(error, RunEvent::RunDoneEvent(ref e) if e.data.message == "boom"));
    let new: RunEvent = serde_json::from_value(json!({"event": "thread.run.paused", "data": {}})).unwrap();
    assert!(matches!(new, RunEvent::Unknown(_)), "an event the spec does not list is kept");
}

#[test]
fn events_keyed_by_a_type_property_decode_by_it() {
    let delta: ResponseEvent = serde_json::from_value(json!({"type": "response.output_text.delta", "delta": "Hi"})).unwrap();
    assert!(matches!(delta, ResponseEvent::ResponseOutputTextDelta(ref d) if d.delta == "Hi"));
    let other: ResponseEvent = serde_json::from_value(json!({"type": "response.created", "response": {}})).unwrap();
    assert!(matches!(other, ResponseEvent::Unknown(_)));
}

#[test]
fn uploads_convert_from_bytes_and_compare_by_what_they_send() {
    assert_eq!(Upload::from(vec![1u8, 2, 3]), Upload::bytes(&b"\x01\x02\x03"[..]));
    assert_eq!(Upload::file("a.bin"), Upload::file("a.bin"));
    assert_ne!(Upload::file("a.bin"), Upload::from(b"a.bin".to_vec()));
    assert!(Upload::file("a.bin").is_replayable());
    assert_eq!(format!("{:?}", Upload::from(vec![0u8; 5])), "Upload::Bytes(5 bytes)");
    // As JSON, an upload of bytes is what a `Vec<u8>` is; a file has no serialized form.
    let body = CreateFileBody { file: Upload::from(vec![7u8, 8]), purpose: "x".to_owned() };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"file": [7, 8], "purpose": "x"}));
    let back: CreateFileBody = serde_json::from_value(json!({"file": [7, 8], "purpose": "x"})).unwrap();
    assert_eq!(back, body);
    let file = CreateFileBody { file: Upload::file("a.bin"), purpose: "x".to_owned() };
    assert!(serde_json::to_value(&file).is_err());
}
