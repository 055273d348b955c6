//! The generated client's per-request overhead against a minimal hand-written
//! `reqwest` call, both sending `PATCH /v1/webhooks/{id}` to the same local
//! HTTP/1.1 server over a kept-alive connection.
//!
//! - `generated_update_webhook`: `sendkit::Client::update_webhook` with all five
//!   body fields (validation, path encoding, credentials, retry bookkeeping,
//!   per-attempt timeout, bounded reading, decoding into `WebhookResponse`).
//! - `handwritten_decode`: a `reqwest::Client` PATCH with the same headers and the
//!   same JSON bytes (serialized from the same value on each call), reading the
//!   body and decoding it into the same `WebhookResponse` with `serde_json`.
//! - `handwritten_decode_with_timeout`: the same call with the 30 s per-request
//!   timeout the generated client sets by default, to show what the timer costs.
//! - `handwritten_no_decode`: the same call without decoding, to show what
//!   decoding costs.
//!
//! Before timing, a recording server checks that both clients put the same
//! method, path, headers and body bytes on the wire, and that both decode the
//! same value.
//!
//! Run with `cargo bench -p tests --bench client_overhead`.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use divan::{Bencher, black_box};
use sendkit::types::{UpdateWebhookRequest, UpdateWebhookRequestStatus, WebhookResponse};
use tests::client::{API_KEY, BEARER_TOKEN, with_credentials};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const USER_AGENT: &str = "sendkit/1.0.0";
const ID: &str = "664a1b2c3d4e5f6a7b8c9d0e";
/// The generated client's default timeout of each attempt (`runtime::DEFAULT_TIMEOUT`).
const TIMEOUT: Duration = Duration::from_secs(30);

/// Samples per benchmark, each timing `SAMPLE_SIZE` requests: about 2.5 s per
/// benchmark, so that a burst of load from other processes on a busy two-core
/// machine moves the median little.
const SAMPLE_COUNT: u32 = 20000;
const SAMPLE_SIZE: u32 = 4;

fn main() {
    // Build the fixture (server, clients, wire check, warm connections) before
    // divan starts timing anything.
    let _ = fixture();
    divan::main();
}

/// Everything the benchmarks share: one runtime for the clients, the clients, the body.
struct Fixture {
    runtime: tokio::runtime::Runtime,
    clients: Clients,
}

/// The two clients, pointed at one server, and the request body both send.
struct Clients {
    base_url: String,
    generated: sendkit::Client,
    handwritten: reqwest::Client,
    body: UpdateWebhookRequest,
}

impl Clients {
    fn new(base_url: String) -> Self {
        Clients {
            generated: with_credentials(&base_url).user_agent(USER_AGENT).build().expect("generated client builds"),
            // The workspace's reqwest (the generated crate's version, with reqwest's
            // own rustls setup), with its default connection pool.
            handwritten: reqwest::Client::builder().user_agent(USER_AGENT).build().expect("reqwest client builds"),
            body: full_body(),
            base_url,
        }
    }

    async fn generated(&self) -> WebhookResponse {
        let response =
            self.generated.update_webhook(black_box(ID), black_box(&self.body)).await.expect("generated call");
        response.into_body()
    }

    /// A minimal hand-written call: URL, headers, JSON body, send, check the
    /// status; with a per-request timeout when `timeout` is set.
    async fn handwritten_response(&self, timeout: Option<Duration>) -> reqwest::Response {
        let url = format!("{}/v1/webhooks/{}", self.base_url, black_box(ID));
        let body = serde_json::to_vec(black_box(&self.body)).expect("encode body");
        let mut request = self
            .handwritten
            .patch(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("x-api-key", API_KEY)
            .bearer_auth(BEARER_TOKEN)
            .body(body);
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        request.send().await.expect("hand-written call").error_for_status().expect("status 200")
    }

    async fn handwritten(&self, timeout: Option<Duration>) -> WebhookResponse {
        let bytes = self.handwritten_response(timeout).await.bytes().await.expect("read body");
        serde_json::from_slice(&bytes).expect("decode body")
    }

    async fn handwritten_no_decode(&self) -> usize {
        let bytes = self.handwritten_response(None).await.bytes().await.expect("read body");
        bytes.len()
    }
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("client runtime");
        let response = response_200();
        runtime.block_on(check_same_wire(&response));
        let addr = start_server(response);
        let clients = Clients::new(format!("http://{addr}"));
        // Open each client's kept-alive connection and warm up before timing.
        runtime.block_on(async {
            for _ in 0..200 {
                clients.generated().await;
                clients.handwritten(None).await;
                clients.handwritten(Some(TIMEOUT)).await;
                clients.handwritten_no_decode().await;
            }
        });
        Fixture { runtime, clients }
    })
}

/// The spec's example of the `200` response, as compact JSON.
fn response_200() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
    let text = std::fs::read_to_string(path).expect("read spec/openapi.yaml");
    let spec: serde_json::Value = serde_yaml::from_str(&text).expect("parse spec/openapi.yaml");
    let example =
        &spec["paths"]["/v1/webhooks/{id}"]["patch"]["responses"]["200"]["content"]["application/json"]["example"];
    assert!(example.is_object(), "the spec has a 200 example");
    serde_json::to_vec(example).expect("encode the example")
}

/// All five fields of the request body.
fn full_body() -> UpdateWebhookRequest {
    UpdateWebhookRequest {
        name: Some("CRM Sync".to_owned()),
        url: Some("https://new-endpoint.example.com/webhooks".to_owned()),
        events: Some(vec!["email.replied".to_owned(), "email.positive_reply".to_owned()]),
        secret: Some("whsec_0123456789abcdef".into()),
        status: Some(UpdateWebhookRequestStatus::Active),
    }
}

/// Sends one request of each client to a recording server and checks that they
/// decode the same value and send the same method, target, headers (names and
/// values, in any order) and body bytes.
async fn check_same_wire(response: &[u8]) {
    use tests::server::{Recorded, Reply, TestServer};
    let text = std::str::from_utf8(response).expect("UTF-8 example");
    let server = TestServer::replying(Reply::json(200, text)).await;
    let clients = Clients::new(server.url());
    let from_generated = clients.generated().await;
    let from_handwritten = clients.handwritten(None).await;
    assert_eq!(from_generated, from_handwritten, "both clients decode the same value");
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one request per client");
    let normalized = |r: &Recorded| {
        let mut headers: Vec<(String, String)> =
            r.headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.clone())).collect();
        headers.sort();
        (r.method.clone(), r.target.clone(), headers, r.body.clone())
    };
    assert_eq!(normalized(&requests[0]), normalized(&requests[1]), "both clients send the same request");
}

/// Starts the benchmark server on its own thread and runtime: HTTP/1.1 with
/// keep-alive, answering every request with `200` and `body`.
fn start_server(body: Vec<u8>) -> SocketAddr {
    let mut reply =
        format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len())
            .into_bytes();
    reply.extend_from_slice(&body);
    let reply: &'static [u8] = reply.leak();
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    std_listener.set_nonblocking(true).expect("non-blocking listener");
    let addr = std_listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("server runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(std_listener).expect("tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else { continue };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, reply));
            }
        });
    });
    addr
}

/// Answers each request of one connection (head, then `Content-Length` body) with `reply`.
async fn serve(mut stream: TcpStream, reply: &'static [u8]) {
    let mut buffer = Vec::with_capacity(8192);
    loop {
        let (head_len, body_len) = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break (end + 4, content_length(&buffer[..end]));
            }
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        };
        while buffer.len() < head_len + body_len {
            if !read_more(&mut stream, &mut buffer).await {
                return;
            }
        }
        buffer.drain(..head_len + body_len);
        if stream.write_all(reply).await.is_err() {
            return;
        }
    }
}

fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            let (name, value) = line.split_at(colon);
            if !name.eq_ignore_ascii_case(b"content-length") {
                return None;
            }
            std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok()
        })
        .next()
        .unwrap_or(0)
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    buffer.reserve(4096);
    matches!(stream.read_buf(buffer).await, Ok(n) if n > 0)
}

#[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
fn generated_update_webhook(bencher: Bencher) {
    let f = fixture();
    bencher.bench_local(|| f.runtime.block_on(f.clients.generated()));
}

#[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
fn handwritten_decode(bencher: Bencher) {
    let f = fixture();
    bencher.bench_local(|| f.runtime.block_on(f.clients.handwritten(None)));
}

/// `handwritten_decode` with the per-request timeout every call of the generated
/// client has (its default, 30 s), to show what arming that timer costs.
#[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
fn handwritten_decode_with_timeout(bencher: Bencher) {
    let f = fixture();
    bencher.bench_local(|| f.runtime.block_on(f.clients.handwritten(Some(TIMEOUT))));
}

#[divan::bench(sample_count = SAMPLE_COUNT, sample_size = SAMPLE_SIZE)]
fn handwritten_no_decode(bencher: Bencher) {
    let f = fixture();
    bencher.bench_local(|| f.runtime.block_on(f.clients.handwritten_no_decode()));
}
