//! The event-stream parser (`sse.rs`) through [`EventStream`], fed a response
//! body in chunks cut where a test chooses: fields, multi-line data, comments,
//! the three line ends (also split across chunks), the BOM, `event`, `id` and
//! `retry`, `[DONE]`, and the size bound.

use std::collections::BTreeMap;

use super::wire::{Wire, chunked, core, get};
use crate::runtime::{Error, EventStream, RequestOptions, StreamErrorKind, json_event, text_event};

/// An event as `(event, id, retry in ms, data)`, or a stream error as `(kind, message)`.
#[derive(Debug, PartialEq)]
enum Item {
    Event(String, Option<String>, Option<u64>, String),
    Failed(StreamErrorKind, String),
}

/// A `message` event with only data.
fn message(data: &str) -> Item {
    Item::Event("message".to_owned(), None, None, data.to_owned())
}

/// The items of an event stream whose body arrives in `chunks`, with the event bound `max`.
async fn items_bounded(chunks: &[&[u8]], max: usize) -> Vec<Item> {
    let chunks: Vec<Vec<u8>> = chunks.iter().map(|chunk| chunk.to_vec()).collect();
    let wire = Wire::new(move |_| {
        let chunks: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
        chunked(200, "text/event-stream", &chunks, None)
    });
    let core = core(&wire, |settings| settings.max_event_bytes = max);
    let opened = core.open(&RequestOptions::new(), get()).await.unwrap();
    collect(opened.events(text_event)).await
}

async fn collect(mut stream: EventStream<String, ()>) -> Vec<Item> {
    let mut items = Vec::new();
    while let Some(item) = stream.next_event().await {
        items.push(match item {
            Ok(event) => Item::Event(
                event.event().to_owned(),
                event.id().map(str::to_owned),
                event.retry().map(|retry| u64::try_from(retry.as_millis()).unwrap()),
                event.data().clone(),
            ),
            Err(Error::Stream(error)) => Item::Failed(error.kind(), error.to_string()),
            Err(other) => panic!("not a stream error: {other}"),
        });
    }
    items
}

async fn items(chunks: &[&[u8]]) -> Vec<Item> {
    items_bounded(chunks, 1024).await
}

/// The stream cut into every pair of chunks, and into single bytes: the same items each time.
async fn assert_any_cut(stream: &[u8], expected: &[Item]) {
    assert_eq!(items(&[stream]).await, expected, "in one chunk");
    for cut in 1..stream.len() {
        assert_eq!(items(&[&stream[..cut], &stream[cut..]]).await, expected, "cut at {cut}");
    }
    let bytes: Vec<&[u8]> = stream.chunks(1).collect();
    assert_eq!(items(&bytes).await, expected, "byte by byte");
}

#[tokio::test]
async fn fields_drop_one_space_after_the_colon() {
    assert_eq!(
        items(&[b"data: a\n\ndata:b\n\ndata:  c\n\ndata\n\ndata:\n\ndata: d:e\n\n"]).await,
        [message("a"), message("b"), message(" c"), message(""), message(""), message("d:e")]
    );
}

#[tokio::test]
async fn data_lines_join_with_line_feeds() {
    assert_any_cut(b"data: a\ndata:\ndata: b\n\n", &[message("a\n\nb")]).await;
    // A trailing empty data line keeps its line feed.
    assert_eq!(items(&[b"data: a\ndata\n\n"]).await, [message("a\n")]);
}

#[tokio::test]
async fn comments_and_unknown_fields_are_ignored() {
    assert_any_cut(b": keep-alive\n\ndata: a\n: inside an event\nfoo: bar\nData: no\n\n:\n\n", &[message("a")]).await;
}

#[tokio::test]
async fn lines_end_with_lf_cr_or_crlf_even_across_chunks() {
    let expected = [message("a\nb"), message("c")];
    assert_any_cut(b"data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n", &expected).await;
    assert_any_cut(b"data: a\rdata: b\r\rdata: c\r\r", &expected).await;
    assert_any_cut(b"data: a\ndata: b\r\n\rdata: c\n\r\n", &expected).await;
    // A CR at the end of a chunk and a CR starting the next: two line ends.
    assert_eq!(items(&[b"data: a\r", b"\rdata: b\n\n"]).await, [message("a"), message("b")]);
    // A CR at the end of a chunk, then empty chunks, then its LF.
    assert_eq!(items(&[b"data: a\r", b"", b"\n\r\n"]).await, [message("a")]);
}

#[tokio::test]
async fn a_leading_bom_is_ignored_once() {
    assert_any_cut(b"\xEF\xBB\xBFdata: a\n\n", &[message("a")]).await;
    // Not at the start, it is part of a field name, which is then unknown.
    assert_eq!(items(&[b"data: a\n\n\xEF\xBB\xBFdata: b\n\n"]).await, [message("a")]);
    // A second BOM at the start is not ignored.
    assert_eq!(items(&[b"\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\n"]).await, Vec::<Item>::new());
}

#[tokio::test]
async fn event_names_the_type_of_one_event() {
    assert_eq!(
        items(&[b"event: update\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: a\nevent: b\ndata: 4\n\n"]).await,
        [
            Item::Event("update".to_owned(), None, None, "1".to_owned()),
            message("2"),
            message("3"),
            Item::Event("b".to_owned(), None, None, "4".to_owned()),
        ]
    );
    // An event without data is not dispatched, and its type does not carry over.
    assert_eq!(items(&[b"event: ping\n\ndata: x\n\n"]).await, [message("x")]);
}

#[tokio::test]
async fn id_is_the_last_event_id_until_changed() {
    let event =
        |id: Option<&str>, data: &str| Item::Event("message".to_owned(), id.map(str::to_owned), None, data.to_owned());
    assert_eq!(
        items(&[b"id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\nid\ndata: d\n\nid: x\0y\ndata: e\n\n"]).await,
        [
            event(Some("1"), "a"),
            event(Some("1"), "b"),
            event(Some("2"), "c"),
            event(Some(""), "d"),
            event(Some(""), "e")
        ]
    );
}

#[tokio::test]
async fn retry_sets_the_reconnection_time_of_its_event() {
    let event = |retry: Option<u64>, data: &str| Item::Event("message".to_owned(), None, retry, data.to_owned());
    assert_eq!(
        items(&[
            b"retry: 1500\ndata: a\n\ndata: b\n\nretry: 15x\ndata: c\n\nretry:\ndata: d\n\nretry: -1\ndata: e\n\n"
        ])
        .await,
        [event(Some(1500), "a"), event(None, "b"), event(None, "c"), event(None, "d"), event(None, "e")]
    );
    assert_eq!(
        items(&[b"retry: 99999999999999999999999\ndata: a\n\nretry: 0\ndata: b\n\nretry:  7\ndata: c\n\n"]).await,
        [event(None, "a"), event(Some(0), "b"), event(None, "c")]
    );
}

#[tokio::test]
async fn retry_without_data_is_not_lost() {
    // WHATWG: the field sets the reconnection time when it is read, whether or
    // not an event is dispatched; servers often send it alone, first. The next
    // event reports it.
    assert_eq!(
        items(&[b"retry: 5000\n\ndata: a\n\n"]).await,
        [Item::Event("message".to_owned(), None, Some(5000), "a".to_owned())]
    );
}

#[tokio::test]
async fn done_ends_the_stream() {
    assert_eq!(items(&[b"data: a\n\ndata: [DONE]\n\ndata: b\n\n"]).await, [message("a")]);
    // Also without its empty line, at the end of the body.
    assert_eq!(items(&[b"data: a\n\ndata: [DONE]\n"]).await, [message("a")]);
    assert_eq!(
        items(&[b"data: a\n\ndata: [DONE]"]).await,
        [
            message("a"),
            Item::Failed(
                StreamErrorKind::Interrupted,
                "the 200 OK event stream ended in the middle of an event, after 1 event".to_owned()
            )
        ]
    );
    // `[DONE]` with more data is an event like any other.
    assert_eq!(items(&[b"data: [DONE]\ndata: x\n\n"]).await, [message("[DONE]\nx")]);
}

#[tokio::test]
async fn a_body_that_ends_inside_an_event_is_an_error() {
    for tail in [&b"data: b\n"[..], b"data: b", b"event: x\n", b"da"] {
        let stream = [b"data: a\n\n", tail].concat();
        assert_eq!(
            items(&[&stream]).await,
            [
                message("a"),
                Item::Failed(
                    StreamErrorKind::Interrupted,
                    "the 200 OK event stream ended in the middle of an event, after 1 event".to_owned()
                )
            ],
            "{:?}",
            String::from_utf8_lossy(tail)
        );
    }
    // Comments, `id` and `retry` alone leave no event under way.
    assert_eq!(items(&[b"data: a\n\n: bye\nid: 3\nretry: 9\n"]).await, [message("a")]);
    assert_eq!(items(&[b""]).await, Vec::<Item>::new());
}

#[tokio::test]
async fn the_bound_limits_a_line_and_an_event() {
    let too_large = |events: &str| {
        Item::Failed(
            StreamErrorKind::TooLarge,
            format!("a line or event of the 200 OK event stream exceeds the 16-byte bound (after {events})"),
        )
    };
    // A line of 16 bytes is within the bound, in one chunk or in pieces.
    assert_eq!(items_bounded(&[b"data: 0123456789\n\n"], 16).await, [message("0123456789")]);
    assert_eq!(items_bounded(&[b"data: 01234", b"56789\n\n"], 16).await, [message("0123456789")]);
    // One byte more is not, however it arrives, even before its line ends.
    assert_eq!(items_bounded(&[b"data: 0123456789a\n\n"], 16).await, [too_large("0 events")]);
    assert_eq!(items_bounded(&[b"data: 01234", b"56789a\n\n"], 16).await, [too_large("0 events")]);
    assert_eq!(items_bounded(&[b"data: a\n\ndata: 01234", b"56789a"], 16).await, [message("a"), too_large("1 event")]);
    assert_eq!(items_bounded(&[b": 34567890123456789\n"], 16).await, [too_large("0 events")]);
    // An event's data counts each line with its line feed: 11 + 5 bytes fit, one more line does not.
    assert_eq!(items_bounded(&[b"data:0123456789\ndata:0123\n\n"], 16).await, [message("0123456789\n0123")]);
    assert_eq!(items_bounded(&[b"data:0123456789\ndata:0123\ndata:\n\n"], 16).await, [too_large("0 events")]);
    // After the error the stream is over.
    assert_eq!(items_bounded(&[b"data: 0123456789abcdef\n\n", b"data: a\n\n"], 16).await, [too_large("0 events")]);
}

#[tokio::test]
async fn undecodable_events_are_errors_and_the_stream_goes_on() {
    let wire = Wire::new(|_| {
        chunked(
            200,
            "text/event-stream",
            &[b"data: {\"n\": 1}\n\ndata: {\"n\": \"secret\"}\n\ndata: {\"n\": 3}\n\n"],
            None,
        )
    });
    let core = core(&wire, |_| {});
    let opened = core.open(&RequestOptions::new(), get()).await.unwrap();
    let mut stream: EventStream<BTreeMap<String, u32>, ()> = opened.events(json_event);
    assert_eq!(stream.next_event().await.unwrap().unwrap().data()["n"], 1);
    let Err(Error::Stream(error)) = stream.next_event().await.unwrap() else { panic!("not a stream error") };
    assert_eq!(error.kind(), StreamErrorKind::Decode);
    // The message names the event, never its value; the data is kept for the caller.
    assert_eq!(
        error.to_string(),
        "cannot decode event 2 (`message`) of the 200 OK response: invalid type: string \"[REDACTED]\", expected u32 at line 1 column 14"
    );
    assert_eq!(error.data(), Some("{\"n\": \"secret\"}"));
    assert_eq!(error.received(), 1);
    assert_eq!(stream.next_event().await.unwrap().unwrap().data()["n"], 3);
    assert!(stream.next_event().await.is_none());
    assert_eq!(stream.received(), 3);
}

#[tokio::test]
async fn a_broken_connection_ends_the_stream_with_an_error() {
    let wire = Wire::new(|_| chunked(200, "text/event-stream", &[b"data: a\n\n", b"data: b\n"], Some("reset")));
    let core = core(&wire, |_| {});
    let opened = core.open(&RequestOptions::new(), get()).await.unwrap();
    let items = collect(opened.events(text_event)).await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0], message("a"));
    let Item::Failed(kind, text) = &items[1] else { panic!("{items:?}") };
    assert_eq!(*kind, StreamErrorKind::Interrupted);
    assert!(text.starts_with("the 200 OK event stream broke off after 1 event: "), "{text}");
}
