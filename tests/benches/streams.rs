//! Streamed answers through the client generated from
//! `tests/fixtures/valid/streams.yaml`, against a local HTTP/1.1 server:
//!
//! - **Download:** 200 MB read with `download_file_stream`, chunk by chunk. The
//!   peak resident set size of the process (`VmHWM`) is read before and after:
//!   it must stay flat (the body is never held whole). For contrast, the buffered
//!   `download_file` of the same body is run last.
//! - **Server-sent events:** 200,000 events of OpenAI's `chat.completion.chunk`
//!   shape, decoded into `CompletionChunk` by `create_completion_stream`, against
//!   a hand-written loop over the same reqwest version: `Response::chunk` as a
//!   stream, `eventsource-stream` for the events, `serde_json` for the same type.
//!   Each runs five times, alternately; the best run of each is compared.
//!
//! Run with `cargo bench -p tests --bench streams`; it prints the figures.

use std::time::{Duration, Instant};

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use streams::Client;
use streams::types::{CompletionChunk, CompletionRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const DOWNLOAD_BYTES: usize = 200 * 1000 * 1000;
const EVENTS: usize = 200_000;
const RUNS: usize = 5;

/// One event as OpenAI sends a chunk of a streamed chat completion.
const CHUNK: &str = r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}"#;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(serve(listener));
    let client = Client::builder().base_url(&url).max_response_bytes(usize::MAX).build().expect("client");

    // Download, streamed.
    let before = peak_rss_kib();
    let started = Instant::now();
    let mut body = client.download_file_stream("big").await.expect("the download starts");
    let mut total = 0usize;
    while let Some(chunk) = body.next_chunk().await {
        total += chunk.expect("a chunk").len();
    }
    let elapsed = started.elapsed();
    let after = peak_rss_kib();
    assert_eq!(total, DOWNLOAD_BYTES);
    println!(
        "download_file_stream: {} MB in {:.2?} ({:.0} MB/s); peak RSS {} KiB before, {} KiB after (+{} KiB)",
        DOWNLOAD_BYTES / 1_000_000,
        elapsed,
        DOWNLOAD_BYTES as f64 / 1e6 / elapsed.as_secs_f64(),
        before,
        after,
        after.saturating_sub(before)
    );

    // Server-sent events: ours against eventsource-stream, alternately.
    let handwritten = reqwest::Client::new();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        ours.push(generated_events(&client).await);
        theirs.push(handwritten_events(&handwritten, &url).await);
    }
    let best = |times: &[Duration]| times.iter().min().copied().unwrap_or_default();
    let rate = |time: Duration| EVENTS as f64 / time.as_secs_f64();
    let (ours, theirs) = (best(&ours), best(&theirs));
    println!(
        "server-sent events ({EVENTS} events, best of {RUNS}): generated client {:.0} events/s, eventsource-stream loop {:.0} events/s; ratio {:.2}",
        rate(ours),
        rate(theirs),
        rate(ours) / rate(theirs)
    );

    // For contrast: the buffered download holds the whole body.
    let response = client.download_file("big").await.expect("the buffered download");
    assert_eq!(response.len(), DOWNLOAD_BYTES);
    println!("download_file (buffered): peak RSS {} KiB", peak_rss_kib());
}

async fn generated_events(client: &Client) -> Duration {
    let body = CompletionRequest { prompt: "Hello".to_owned(), stream: None };
    let started = Instant::now();
    let mut stream = client.create_completion_stream(&body).await.expect("the stream opens");
    let mut count = 0;
    while let Some(event) = stream.next_event().await {
        let chunk: CompletionChunk = event.expect("an event").into_data();
        count += chunk.choices.len();
    }
    assert_eq!(count, EVENTS);
    started.elapsed()
}

async fn handwritten_events(client: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    let response = client
        .post(format!("{url}/chat/completions"))
        .header("content-type", "application/json")
        .body(r#"{"prompt":"Hello","stream":true}"#)
        .send()
        .await
        .expect("the request");
    let bytes = futures_util::stream::unfold(response, |mut response| async move {
        response.chunk().await.transpose().map(|chunk| (chunk, response))
    });
    let mut events = std::pin::pin!(bytes.eventsource());
    let mut count = 0;
    while let Some(event) = events.next().await {
        let event = event.expect("an event");
        if event.data == "[DONE]" {
            break;
        }
        let chunk: CompletionChunk = serde_json::from_str(&event.data).expect("a chunk");
        count += chunk.choices.len();
    }
    assert_eq!(count, EVENTS);
    started.elapsed()
}

/// The peak resident set size of this process so far, in KiB (`VmHWM`).
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

async fn serve(listener: TcpListener) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        tokio::spawn(answer(stream));
    }
}

/// Answers one request and closes: the download or the event stream, by path.
async fn answer(mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    if text.starts_with("GET /files/") {
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {DOWNLOAD_BYTES}\r\nConnection: close\r\n\r\n"
        );
        if stream.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
        let block = vec![7u8; 1 << 20];
        let mut left = DOWNLOAD_BYTES;
        while left > 0 {
            let n = left.min(block.len());
            if stream.write_all(&block[..n]).await.is_err() {
                return;
            }
            left -= n;
        }
    } else {
        let reply = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
        if stream.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
        let event = format!("data: {CHUNK}\n\n");
        let batch = event.repeat(1000);
        for _ in 0..EVENTS / 1000 {
            if stream.write_all(batch.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = stream.write_all(b"data: [DONE]\n\n").await;
    }
    let _ = stream.shutdown().await;
}
