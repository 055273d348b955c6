//! Streamed answers and uploads on the wire, with the client generated from
//! `tests/fixtures/valid/streams.yaml` (`tests/streams-client`): server-sent
//! events split at every byte, the parser's rules, hostile streams (stalls,
//! cuts, oversized events, data that does not decode), streamed downloads
//! within the size bound, uploads from files checked byte for byte, and the
//! retry a one-shot stream body cannot have.

use std::time::{Duration, Instant};

use bytes::Bytes;
use streams::types::{CompletionRequest, CreateFileBody, ResponseEvent, RunEvent, RunStepEvent};
use streams::{Client, ClientBuilder, Error, MultipartForm, RequestOptions, StreamErrorKind, Upload};
use tests::server::{Action, Reply, StreamEnd, Streamed, TestServer};

/// OpenAI's documented stream of `POST /responses` (see `tests/fixtures/sse/README.md`).
const RESPONSES: &str = include_str!("../fixtures/sse/openai-responses-stream.txt");
/// OpenAI's documented chunks of `POST /chat/completions`, as the wire has them.
const CHAT: &str = include_str!("../fixtures/sse/openai-chat-stream.txt");

fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(10))
}

fn client(url: &str) -> Client {
    builder(url).build().expect("the client builds")
}

fn event_stream() -> Reply {
    Reply::new(200).header("Content-Type", "text/event-stream")
}

/// `body` as one streamed response, in pieces split at `splits`.
fn streamed(body: &str, splits: &[usize]) -> Action {
    Action::Stream(Streamed::split(event_stream(), body.as_bytes(), splits))
}

/// The events of a well-formed stream (`event:` and `data:` lines, LF ends),
/// read without the client: its type (`message` by default) and its data.
fn expected_events(text: &str) -> Vec<(String, String)> {
    let mut events = Vec::new();
    for block in text.split("\n\n").filter(|block| !block.trim().is_empty()) {
        let mut event = "message".to_owned();
        let mut data = Vec::new();
        for line in block.lines() {
            if let Some(value) = line.strip_prefix("event: ") {
                event = value.to_owned();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value);
            }
        }
        // A block without data (the documentation's `...` line) is no event.
        if !data.is_empty() && data != ["[DONE]"] {
            events.push((event, data.join("\n")));
        }
    }
    events
}

/// Every event of a text stream, failing on an error item.
async fn text_events(client: &Client) -> Vec<(String, String)> {
    let mut stream = client.tail_logs().await.expect("the stream opens");
    let mut events = Vec::new();
    while let Some(event) = stream.next_event().await {
        let event = event.unwrap_or_else(|e| panic!("event {}: {e}", events.len() + 1));
        events.push((event.event().to_owned(), event.into_data()));
    }
    events
}

#[tokio::test]
async fn openai_response_stream_split_at_every_byte_reads_the_same_events() {
    let expected = expected_events(RESPONSES);
    assert_eq!(expected.len(), 9, "the documented stream has nine events");
    for ending in ["\n", "\r\n"] {
        let body = RESPONSES.replace('\n', ending);
        // One response per split point: its first piece ends just before byte `split`.
        let script: Vec<Action> = (1..body.len()).map(|split| streamed(&body, &[split])).collect();
        let server = TestServer::start(script).await;
        let client = client(&server.url());
        for split in 1..body.len() {
            assert_eq!(text_events(&client).await, expected, "split at byte {split} of {ending:?} lines");
        }
        assert_eq!(server.request_count(), body.len() - 1);
    }
}

#[tokio::test]
async fn openai_response_stream_decodes_into_the_union_keyed_by_type() {
    let server = TestServer::start(vec![streamed(RESPONSES, &[100, 1000, 2000])]).await;
    let mut stream = client(&server.url()).stream_response("resp_1").await.expect("the stream opens");
    assert_eq!(stream.status(), 200);
    let mut kinds = Vec::new();
    while let Some(event) = stream.next_event().await {
        let event = event.expect("every documented event decodes");
        kinds.push(match event.data() {
            ResponseEvent::ResponseOutputTextDelta(delta) => format!("delta {}", delta.delta),
            ResponseEvent::ResponseCompleted(done) => format!("completed {}", done.response.id),
            ResponseEvent::Unknown(value) => format!("other {}", value["type"].as_str().unwrap_or_default()),
        });
    }
    assert_eq!(kinds[0], "other response.created");
    assert_eq!(kinds[4], "delta Hi");
    assert_eq!(kinds[8], "completed resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654");
    assert_eq!(stream.received(), 9);
    assert_eq!(server.requests()[0].target, "/responses/resp_1/events");
}

#[tokio::test]
async fn the_stream_method_asks_for_events_and_decodes_openai_chat_chunks_at_every_split() {
    let script: Vec<Action> = (1..CHAT.len()).map(|split| streamed(CHAT, &[split])).collect();
    let server = TestServer::start(script).await;
    let client = client(&server.url());
    let body = CompletionRequest { prompt: "Hello".to_owned(), stream: None };
    for split in 1..CHAT.len() {
        let mut stream = client.create_completion_stream(&body).await.expect("the stream opens");
        let mut content = Vec::new();
        while let Some(chunk) = stream.next_event().await {
            let chunk = chunk.unwrap_or_else(|e| panic!("split {split}: {e}"));
            let choice = &chunk.data().choices[0];
            content.push(choice.delta.content.clone().unwrap_or_default());
        }
        // The last chunk has an empty delta; `[DONE]` ends the stream.
        assert_eq!(content, ["", "Hello", ""], "split {split}");
    }
    let sent = &server.requests()[0];
    assert_eq!(sent.body, br#"{"prompt":"Hello","stream":true}"#, "the method sets `stream` for the caller");
    assert_eq!(sent.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_method_whose_response_may_be_json_or_events_asks_for_json_and_its_stream_method_does_not() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::json(200, r#"{"id":"cmpl_1","text":"Hi"}"#)), streamed(CHAT, &[])])
            .await;
    let client = client(&server.url());
    let body = CompletionRequest { prompt: "Hello".to_owned(), stream: None };
    let completion = client.create_completion(&body).await.expect("the JSON answer decodes");
    assert_eq!(completion.body().text, "Hi");
    let mut stream = client.create_completion_stream(&body).await.expect("the stream opens");
    while let Some(chunk) = stream.next_event().await {
        chunk.expect("every chunk decodes");
    }
    let requests = server.requests();
    // The spec offers JSON and an event stream: the method that reads JSON asks for it.
    assert_eq!(requests[0].header("accept"), Some("application/json"));
    assert_ne!(requests[1].header("accept"), Some("application/json"));
}

#[tokio::test]
async fn the_parser_follows_the_event_stream_rules() {
    // A BOM, comments (keep-alives), `id` and `retry`, `data` lines joined with LF, a
    // field without a colon, no space after the colon, CR and CRLF line ends, a
    // block without data, `[DONE]`, and an event after it that is never read.
    let body = "\u{feff}: keep-alive\n\nid: 7\nretry: 1500\nevent: note\ndata: first line\ndata:second line\ndata\n\n\
                : ping\n\nevent: ignored\n\ndata:  two spaces\r\rdata: crlf\r\n\r\ndata: [DONE]\n\ndata: after\n\n";
    for split in [0, 1, 2, 3, 40, 85, 86] {
        let server = TestServer::start(vec![streamed(body, &[split])]).await;
        let mut stream = client(&server.url()).tail_logs().await.expect("the stream opens");
        let mut events = Vec::new();
        while let Some(event) = stream.next_event().await {
            let event = event.expect("an event");
            events.push((event.event().to_owned(), event.id().map(str::to_owned), event.retry(), event.into_data()));
        }
        let id = Some("7".to_owned());
        assert_eq!(
            events,
            [
                (
                    "note".to_owned(),
                    id.clone(),
                    Some(Duration::from_millis(1500)),
                    "first line\nsecond line\n".to_owned()
                ),
                ("message".to_owned(), id.clone(), None, " two spaces".to_owned()),
                ("message".to_owned(), id, None, "crlf".to_owned()),
            ],
            "split at {split}"
        );
    }
}

#[tokio::test]
async fn an_event_that_does_not_decode_is_an_item_error_with_its_data_and_the_stream_goes_on() {
    let secret = "sk-event-secret-1234";
    let body = format!(
        "data: {{\"type\":\"response.output_text.delta\",\"delta\":[\"{secret}\"]}}\n\n\
         data: {{\"type\":\"response.output_text.delta\",\"delta\":\"ok\"}}\n\n\
         data: {{\"type\":\"response.completed\",\"response\":{{\"id\":\"r1\"}}}}\n\n"
    );
    let server = TestServer::start(vec![streamed(&body, &[])]).await;
    let mut stream = client(&server.url()).stream_response("r1").await.expect("the stream opens");
    let Some(Err(Error::Stream(error))) = stream.next_event().await else { panic!("a decode error first") };
    assert_eq!(error.kind(), StreamErrorKind::Decode);
    assert_eq!(error.received(), 0);
    assert!(error.data().is_some_and(|data| data.contains(secret)), "the raw data is kept");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(secret), "the error shows no value: {shown}");
    assert!(error.to_string().starts_with("cannot decode event 1 (`message`) of the 200 OK response: "), "{error}");
    let next = stream.next_event().await.expect("the stream goes on").expect("the next event decodes");
    assert!(matches!(next.data(), ResponseEvent::ResponseOutputTextDelta(delta) if delta.delta == "ok"));
    let last = stream.next_event().await.expect("a third event").expect("it decodes");
    assert!(matches!(last.data(), ResponseEvent::ResponseCompleted(_)));
    assert!(stream.next_event().await.is_none());
}

#[tokio::test]
async fn events_keyed_by_their_sse_event_field_decode_by_it() {
    let body = "event: thread.run.created\ndata: {\"id\":\"run_1\",\"status\":\"queued\"}\n\n\
                event: thread.run.completed\ndata: {\"id\":\"run_1\",\"status\":\"completed\"}\n\n\
                event: error\ndata: {\"message\":\"boom\"}\n\n\
                event: thread.run.new_kind\ndata: {\"x\":1}\n\n\
                event: done\ndata: [DONE]\n\n";
    let server = TestServer::start(vec![streamed(body, &[30])]).await;
    let mut stream = client(&server.url()).stream_run("run_1").await.expect("the stream opens");
    let mut seen = Vec::new();
    while let Some(event) = stream.next_event().await {
        let event = event.expect("every event decodes");
        seen.push(match event.into_data() {
            RunEvent::RunStepEvent(RunStepEvent::ThreadRunCreated(created)) => {
                format!("created {}", created.data.status)
            }
            RunEvent::RunStepEvent(RunStepEvent::ThreadRunCompleted(done)) => {
                format!("completed {}", done.data.status)
            }
            RunEvent::RunDoneEvent(error) => format!("error {}", error.data.message),
            RunEvent::Unknown(value) => format!("unknown {}", value["event"]),
            other => format!("{other:?}"),
        });
    }
    assert_eq!(seen, ["created queued", "completed completed", "error boom", "unknown \"thread.run.new_kind\""]);
}

#[tokio::test]
async fn an_event_larger_than_the_bound_ends_the_stream_without_growing() {
    // One event, then a line that never ends: 2 MiB in 1 KiB pieces.
    let mut pieces = vec![b"data: one\n\ndata: ".to_vec()];
    pieces.extend(std::iter::repeat_n(vec![b'x'; 1024], 2048));
    let action =
        Action::Stream(Streamed { reply: event_stream(), pieces, pause: Duration::ZERO, end: StreamEnd::Finish });
    let server = TestServer::start(vec![action]).await;
    let client = builder(&server.url()).max_event_bytes(16 * 1024).build().expect("the client builds");
    let mut stream = client.tail_logs().await.expect("the stream opens");
    assert_eq!(stream.next_event().await.map(|e| e.map(|e| e.into_data()).ok()), Some(Some("one".to_owned())));
    let Some(Err(Error::Stream(error))) = stream.next_event().await else { panic!("an error") };
    assert_eq!(error.kind(), StreamErrorKind::TooLarge);
    assert_eq!(error.received(), 1);
    assert_eq!(
        error.to_string(),
        "a line or event of the 200 OK event stream exceeds the 16384-byte bound (after 1 event)"
    );
    assert!(stream.next_event().await.is_none(), "the stream ends");
}

#[tokio::test]
async fn a_stalled_stream_ends_after_the_idle_timeout_saying_how_many_events_arrived() {
    let action = Action::Stream(Streamed {
        reply: event_stream(),
        pieces: vec![b"data: a\n\n".to_vec(), b"data: b\n\n".to_vec()],
        pause: Duration::from_millis(10),
        end: StreamEnd::Stall,
    });
    let server = TestServer::start(vec![action]).await;
    let client = builder(&server.url()).idle_timeout(Duration::from_millis(300)).build().expect("the client builds");
    let mut stream = client.tail_logs().await.expect("the stream opens");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    let started = Instant::now();
    let Some(Err(error)) = stream.next_event().await else { panic!("an error") };
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(250) && waited < Duration::from_secs(2), "{waited:?}");
    let Error::Stream(stream_error) = &error else { panic!("{error:?}") };
    assert_eq!(stream_error.kind(), StreamErrorKind::Stalled);
    assert_eq!(error.to_string(), "the 200 OK event stream stalled: nothing arrived for 300.0ms, after 2 events");
    assert_eq!(server.request_count(), 1, "a stream is never sent again");
}

#[tokio::test]
async fn the_request_timeout_does_not_end_a_long_stream_that_keeps_coming() {
    let pieces: Vec<Vec<u8>> = (0..8).map(|n| format!("data: {n}\n\n").into_bytes()).collect();
    let action = Action::Stream(Streamed {
        reply: event_stream(),
        pieces,
        pause: Duration::from_millis(100),
        end: StreamEnd::Finish,
    });
    let server = TestServer::start(vec![action]).await;
    // 300 ms for the head; the stream takes 700 ms, each wait under the idle timeout.
    let client = builder(&server.url())
        .timeout(Duration::from_millis(300))
        .idle_timeout(Duration::from_millis(500))
        .build()
        .expect("the client builds");
    let mut stream = client.tail_logs().await.expect("the stream opens");
    let mut data = Vec::new();
    while let Some(event) = stream.next_event().await {
        data.push(event.expect("an event").into_data());
    }
    assert_eq!(data, ["0", "1", "2", "3", "4", "5", "6", "7"]);
}

#[tokio::test]
async fn a_cut_connection_ends_the_stream_with_an_error_naming_the_count() {
    let action = Action::Stream(Streamed {
        reply: event_stream(),
        pieces: vec![b"data: a\n\ndata: b\n\ndata: hal".to_vec()],
        pause: Duration::ZERO,
        end: StreamEnd::Cut,
    });
    let server = TestServer::start(vec![action]).await;
    let mut stream = client(&server.url()).tail_logs().await.expect("the stream opens");
    assert_eq!(stream.next_event().await.and_then(Result::ok).map(|e| e.into_data()), Some("a".to_owned()));
    assert_eq!(stream.next_event().await.and_then(Result::ok).map(|e| e.into_data()), Some("b".to_owned()));
    let Some(Err(error)) = stream.next_event().await else { panic!("an error") };
    let Error::Stream(cut) = &error else { panic!("{error:?}") };
    assert_eq!(cut.kind(), StreamErrorKind::Interrupted);
    assert_eq!(cut.received(), 2);
    assert!(error.to_string().starts_with("the 200 OK event stream broke off after 2 events: "), "{error}");
    assert!(stream.next_event().await.is_none());
    assert_eq!(server.request_count(), 1, "a stream is never sent again");
}

#[tokio::test]
async fn a_stream_retries_before_it_starts_and_an_error_status_is_typed() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::new(503)),
        streamed("data: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\"}}\n\n", &[]),
    ])
    .await;
    let mut stream = client(&server.url()).stream_response("r").await.expect("opens after a retry");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    assert_eq!(server.request_count(), 2);

    let server = TestServer::replying(Reply::json(404, r#"{"message":"no such response"}"#)).await;
    let error = client(&server.url()).stream_response("r").await.expect_err("a 404");
    let Error::Api(api) = &error else { panic!("{error:?}") };
    assert_eq!(api.body().message, "no such response");
}

/// A file of `len` bytes that are not a simple pattern, under the target directory.
fn file_of(name: &str, len: usize) -> (std::path::PathBuf, Vec<u8>) {
    let mut state: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let dir = tests::workspace_root().join("target/test-scratch/uploads");
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, &bytes).expect("the file is written");
    (path, bytes)
}

const FILE_RECORD: &str = r#"{"id":"file_1","bytes":3}"#;

#[tokio::test]
async fn an_upload_from_a_file_is_sent_byte_for_byte_with_its_length() {
    let (path, bytes) = file_of("part.bin", 300_000);
    let server = TestServer::replying(Reply::json(200, FILE_RECORD)).await;
    let record = client(&server.url()).add_upload_part("u1", Upload::file(&path)).await.expect("uploaded");
    assert_eq!(record.id, "file_1");
    let sent = &server.requests()[0];
    assert_eq!(sent.method, "PUT");
    assert_eq!(sent.header("content-type"), Some("application/octet-stream"));
    assert_eq!(sent.header("content-length"), Some("300000"));
    assert!(sent.body == bytes, "the body is the file");

    // `Vec<u8>` callers keep working.
    client(&server.url()).add_upload_part("u1", vec![1, 2, 3]).await.expect("uploaded");
    assert_eq!(server.requests()[1].body, [1, 2, 3]);
}

#[tokio::test]
async fn a_multipart_file_part_is_read_from_its_file() {
    let (path, bytes) = file_of("form.bin", 100_000);
    let server = TestServer::replying(Reply::json(200, FILE_RECORD)).await;
    let body = CreateFileBody { file: Upload::file(&path), purpose: "fine-tune".to_owned() };
    client(&server.url()).create_file(&body).await.expect("uploaded");
    let sent = &server.requests()[0];
    let content_type = sent.header("content-type").unwrap_or_default();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart body");
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&bytes);
    expected.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n--{boundary}--\r\n")
            .as_bytes(),
    );
    assert!(sent.body == expected, "the multipart body holds the file byte for byte");
    assert_eq!(sent.header("content-length"), Some(expected.len().to_string().as_str()));
}

#[tokio::test]
async fn a_multipart_body_the_spec_does_not_describe_sends_the_parts_the_caller_names() {
    let (path, bytes) = file_of("attachment.bin", 5_000);
    let server = TestServer::replying(Reply::new(204)).await;
    let form = MultipartForm::new().text("note", "quarterly \"report\"").file("doc", "q3.pdf", Upload::file(&path));
    assert_eq!(format!("{form:?}"), r#"MultipartForm { parts: ["note", "doc"] }"#, "names only, never contents");
    client(&server.url()).add_attachment(&form).await.expect("attached");
    let sent = &server.requests()[0];
    let content_type = sent.header("content-type").unwrap_or_default();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart body");
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nquarterly \"report\"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"q3.pdf\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&bytes);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert!(sent.body == expected, "the parts, in order, the file byte for byte");
}

#[tokio::test]
async fn a_one_shot_stream_body_is_not_retried_and_the_error_says_why() {
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(503)), Action::Reply(Reply::json(200, FILE_RECORD))]).await;
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from_static(b"abc")), Ok(Bytes::from_static(b"def"))];
    let upload = Upload::stream(futures_util::stream::iter(chunks));
    assert!(!upload.is_replayable());
    let error = client(&server.url()).add_upload_part("u1", upload).await.expect_err("not retried");
    let Error::Stream(refused) = &error else { panic!("{error:?}") };
    assert_eq!(refused.kind(), StreamErrorKind::NotReplayable);
    assert_eq!(
        error.to_string(),
        "not retried: the request body is a one-shot stream, already sent once; the attempt failed: the server answered 503 Service Unavailable"
    );
    assert_eq!(server.request_count(), 1);
    assert_eq!(server.requests()[0].body, b"abcdef", "the stream was sent once, chunked");

    // A file is opened again for the retry.
    let (path, bytes) = file_of("retried.bin", 10_000);
    let server =
        TestServer::start(vec![Action::Reply(Reply::new(503)), Action::Reply(Reply::json(200, FILE_RECORD))]).await;
    client(&server.url()).add_upload_part("u1", Upload::file(&path)).await.expect("retried");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|request| request.body == bytes));
}

/// A binary response of `len` bytes sent in 64 KiB pieces.
fn download(len: usize) -> (Action, Vec<u8>) {
    let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
    let pieces = bytes.chunks(64 * 1024).map(<[u8]>::to_vec).collect();
    let reply = Reply::new(200).header("Content-Type", "application/octet-stream");
    (Action::Stream(Streamed { reply, pieces, pause: Duration::ZERO, end: StreamEnd::Finish }), bytes)
}

#[tokio::test]
async fn a_download_streams_its_bytes_unbounded_by_default_and_within_a_bound_of_its_own() {
    let (action, bytes) = download(1_000_000);
    let server = TestServer::start(vec![action.clone(), action]).await;
    let mut body = client(&server.url()).download_file_stream("f1").await.expect("the download starts");
    let mut received = Vec::new();
    while let Some(chunk) = body.next_chunk().await {
        received.extend_from_slice(&chunk.expect("a chunk"));
    }
    assert!(received == bytes);
    assert_eq!(body.received(), 1_000_000);

    // The bound of buffered bodies is not the stream's: this one sets its own.
    let client = builder(&server.url()).max_response_bytes(100).build().expect("the client builds");
    let mut body = client.download_file_stream("f1").await.expect("the download starts").max_bytes(200_000);
    let mut total = 0;
    let error = loop {
        match body.next_chunk().await {
            Some(Ok(chunk)) => total += chunk.len(),
            Some(Err(error)) => break error,
            None => panic!("the bound must end the stream"),
        }
    };
    assert!(total <= 200_000, "{total}");
    assert_eq!(error.to_string(), "the 200 OK response body exceeds the 200000-byte bound");
    assert!(body.next_chunk().await.is_none());
}

#[tokio::test]
async fn a_64_mib_download_streams_with_the_default_settings() {
    const LENGTH: usize = 64 * 1024 * 1024;
    let reply = Reply::new(200).header("Content-Type", "application/octet-stream");
    let server = TestServer::start(vec![Action::Generated { reply, length: LENGTH }]).await;
    let mut body = client(&server.url()).download_file_stream("f1").await.expect("the download starts");
    assert_eq!(body.content_length(), Some(LENGTH as u64));
    let mut received = 0usize;
    while let Some(chunk) = body.next_chunk().await {
        let chunk = chunk.expect("no bound refuses a streamed body by default");
        // Byte `i` is `i % 251`: the chunks arrive whole and in order.
        assert!(chunk.iter().enumerate().all(|(k, byte)| usize::from(*byte) == (received + k) % 251));
        received += chunk.len();
    }
    assert_eq!(received, LENGTH);
    assert_eq!(body.received(), LENGTH as u64);
}

#[tokio::test]
async fn event_streams_are_asked_for_with_their_media_type() {
    let server = TestServer::start(vec![streamed("data: a\n\n", &[])]).await;
    let mut stream = client(&server.url()).tail_logs().await.expect("the stream opens");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    // As the EventSource standard asks: a server that negotiates would answer `*/*` with JSON.
    assert_eq!(server.requests()[0].header("accept"), Some("text/event-stream"));
}

#[tokio::test]
async fn per_call_options_set_the_idle_timeout() {
    let action = Action::Stream(Streamed {
        reply: event_stream(),
        pieces: vec![b"data: a\n\n".to_vec()],
        pause: Duration::ZERO,
        end: StreamEnd::Stall,
    });
    let server = TestServer::start(vec![action]).await;
    let client = client(&server.url()).with_options(RequestOptions::new().idle_timeout(Duration::from_millis(100)));
    let mut stream = client.tail_logs().await.expect("the stream opens");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    let Some(Err(error)) = stream.next_event().await else { panic!("an error") };
    assert_eq!(error.to_string(), "the 200 OK event stream stalled: nothing arrived for 100.0ms, after 1 event");
}

#[tokio::test]
async fn a_stream_that_ends_mid_event_is_an_error_unless_the_event_is_done() {
    let server =
        TestServer::start(vec![streamed("data: a\n\ndata: [DONE]\n", &[]), streamed("data: a\n\ndata: b\n", &[])])
            .await;
    let client = client(&server.url());
    let mut stream = client.tail_logs().await.expect("the stream opens");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    assert!(stream.next_event().await.is_none(), "`[DONE]` ends the stream without its empty line");

    let mut stream = client.tail_logs().await.expect("the stream opens");
    assert!(stream.next_event().await.is_some_and(|e| e.is_ok()));
    let Some(Err(error)) = stream.next_event().await else { panic!("an error") };
    assert_eq!(error.to_string(), "the 200 OK event stream ended in the middle of an event, after 1 event");
}

#[tokio::test]
async fn a_stream_error_keeps_the_request_id_of_its_response() {
    let action = Action::Stream(Streamed {
        reply: event_stream().header("X-Request-Id", "req_events"),
        pieces: vec![b"data: a\n\ndata: hal".to_vec()],
        pause: Duration::ZERO,
        end: StreamEnd::Cut,
    });
    let server = TestServer::start(vec![action]).await;
    let mut stream = client(&server.url()).tail_logs().await.expect("the stream opens");
    assert!(matches!(stream.next_event().await, Some(Ok(_))));
    let Some(Err(error)) = stream.next_event().await else { panic!("an error") };
    let Error::Stream(cut) = &error else { panic!("{error:?}") };
    assert_eq!(cut.request_id(), Some("req_events"));
    assert_eq!(error.request_id(), Some("req_events"));
    let text = error.to_string();
    assert!(text.starts_with("the 200 OK event stream broke off after 1 event: "), "{text}");
    assert!(text.ends_with(" (request id req_events)"), "{text}");

    // A byte stream past its own bound: the same id, on the same kind of error a buffered body gets.
    let (action, _) = download(300_000);
    let Action::Stream(mut streamed) = action else { unreachable!("a streamed action") };
    streamed.reply = streamed.reply.header("Request-Id", "req_bytes");
    let server = TestServer::start(vec![Action::Stream(streamed)]).await;
    let mut body =
        client(&server.url()).download_file_stream("f1").await.expect("the download starts").max_bytes(100_000);
    let error = loop {
        match body.next_chunk().await {
            Some(Ok(_)) => {}
            Some(Err(error)) => break error,
            None => panic!("the bound must end the stream"),
        }
    };
    assert_eq!(error.request_id(), Some("req_bytes"));
    assert_eq!(error.to_string(), "the 200 OK response body exceeds the 100000-byte bound (request id req_bytes)");
}
