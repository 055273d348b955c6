//! A scriptable HTTP/1.1 test server on 127.0.0.1 that records requests byte for byte.
//!
//! The server answers the n-th request it reads with the n-th [`Action`] of its
//! script (the last action repeats). It records every request it reads in full
//! (head and `Content-Length` body), so tests can assert the exact bytes on the
//! wire and count the attempts that reached it. Connections are kept alive
//! between requests unless an action ends them.
//!
//! ```no_run
//! # async fn example() {
//! use tests::server::{Action, Reply, TestServer};
//! let server = TestServer::start(vec![Action::Reply(Reply::json(200, r#"{"ok":true}"#))]).await;
//! // ... point a client at server.url() ...
//! assert_eq!(server.request_count(), 1);
//! # }
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The most bytes of request head the server reads before giving up on a connection.
const MAX_HEAD: usize = 64 * 1024;

/// A response: status, headers in order, body.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    content_length: bool,
}

impl Reply {
    /// A response with the given status, no headers and an empty body.
    pub fn new(status: u16) -> Self {
        Reply { status, headers: Vec::new(), body: Vec::new(), content_length: true }
    }

    /// A response with a `Content-Type: application/json` body.
    pub fn json(status: u16, body: &str) -> Self {
        Reply::new(status).header("Content-Type", "application/json").body(body)
    }

    /// Adds a header (sent in the order added, exactly as given).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Sends no `Content-Length`: the body is delimited by closing the connection.
    pub fn without_content_length(mut self) -> Self {
        self.content_length = false;
        self
    }

    /// The status line and headers, with `Content-Length` declaring `declared` bytes
    /// (or `Connection: close` when the reply has no length).
    fn head(&self, declared: usize) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.content_length {
            head.push_str(&format!("Content-Length: {declared}\r\n"));
        } else {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    fn closes(&self) -> bool {
        !self.content_length
            || self.headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("connection") && v.eq_ignore_ascii_case("close"))
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// What the server does with one request, after reading it in full.
#[derive(Clone, Debug)]
pub enum Action {
    /// Answers with this response.
    Reply(Reply),
    /// Waits, then answers.
    Delay(Duration, Reply),
    /// Never answers; the connection stays open.
    Hang,
    /// Sends the status line and headers (declaring the whole body's length), then stalls forever.
    HeadersThenStall(Reply),
    /// Sends the head (declaring the whole body's length) and the first `sent` bytes of
    /// the body, then ends the connection: with a TCP reset when `reset`, else a close.
    PartialBody {
        /// The response whose body is cut.
        reply: Reply,
        /// How many body bytes are sent.
        sent: usize,
        /// Reset (RST) instead of closing (FIN).
        reset: bool,
    },
    /// Sends the head without a length, then the body over and over until the client hangs up.
    Endless(Reply),
    /// Closes the connection without answering.
    Close,
    /// Writes these bytes as they are (say, something that is not HTTP), then closes.
    Raw(Vec<u8>),
    /// Sends the head, then the body in pieces, each its own write.
    Stream(Streamed),
    /// Sends the head declaring `length` bytes, then that many bytes made as
    /// they are sent (byte `i` is `i % 251`), never held in memory whole: a large
    /// download without a large file.
    Generated {
        /// The status and headers (its body is not sent).
        reply: Reply,
        /// How many bytes the body has.
        length: usize,
    },
}

/// A response body sent in pieces: each piece is one TCP write (one chunk of a
/// `Transfer-Encoding: chunked` body), after a pause; then the stream ends as `end` says.
#[derive(Clone, Debug)]
pub struct Streamed {
    /// The status and headers (its body is not sent).
    pub reply: Reply,
    /// The pieces of the body, in order.
    pub pieces: Vec<Vec<u8>>,
    /// The pause before each piece after the first.
    pub pause: Duration,
    /// How the stream ends.
    pub end: StreamEnd,
}

/// How a streamed body ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamEnd {
    /// With the last chunk: a complete response.
    Finish,
    /// The connection closes without the last chunk.
    Cut,
    /// The server stops sending but keeps the connection open.
    Stall,
}

impl Streamed {
    /// `body` sent in pieces split at `splits` (byte offsets), with no pause, ending normally.
    pub fn split(reply: Reply, body: &[u8], splits: &[usize]) -> Self {
        let mut pieces = Vec::new();
        let mut start = 0;
        for &split in splits.iter().chain([&body.len()]) {
            let split = split.clamp(start, body.len());
            pieces.push(body[start..split].to_vec());
            start = split;
        }
        pieces.retain(|piece| !piece.is_empty());
        Streamed { reply, pieces, pause: Duration::ZERO, end: StreamEnd::Finish }
    }
}

/// A request as the server read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The exact bytes received: head and body.
    pub raw: Vec<u8>,
    /// The method, e.g. `PATCH`.
    pub method: String,
    /// The request target: path and query, exactly as sent.
    pub target: String,
    /// The headers in the order received, names with their case preserved.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The values of a header, in order (name matched case-insensitively).
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The value of a header that must appear once; `None` when absent or repeated.
    pub fn header(&self, name: &str) -> Option<&str> {
        match self.header_values(name).as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(self.target.as_str(), |(path, _)| path)
    }

    /// The query part of the target, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    connections: usize,
}

/// A running test server. Dropping it stops the server and ends its connections.
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl TestServer {
    /// Starts a server on a free loopback port that answers per `script`.
    ///
    /// # Panics
    ///
    /// If the script is empty or no loopback port can be bound (test setup failures).
    pub async fn start(script: Vec<Action>) -> Self {
        assert!(!script.is_empty(), "a test server needs at least one action");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(Mutex::new(State::default()));
        let script = Arc::new(script);
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&state), script));
        TestServer { addr, state, task }
    }

    /// Starts a server whose script is made from its own base URL (so that
    /// replies can name the server, as a `Link` header to the next page does).
    ///
    /// # Panics
    ///
    /// As [`TestServer::start`].
    pub async fn start_with(script: impl FnOnce(&str) -> Vec<Action>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let script = script(&format!("http://{addr}"));
        assert!(!script.is_empty(), "a test server needs at least one action");
        let state = Arc::new(Mutex::new(State::default()));
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&state), Arc::new(script)));
        TestServer { addr, state, task }
    }

    /// A server that answers every request with `reply`.
    pub async fn replying(reply: Reply) -> Self {
        TestServer::start(vec![Action::Reply(reply)]).await
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests read so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// How many requests were read so far.
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// How many connections were accepted so far.
    pub fn connection_count(&self) -> usize {
        self.lock().connections
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A loopback address where nothing listens (a port just bound and released).
pub async fn refused_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    listener.local_addr().expect("local address")
}

async fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>, script: Arc<Vec<Action>>) {
    // Connections live in the set, so aborting this task ends them too.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                state.lock().unwrap_or_else(PoisonError::into_inner).connections += 1;
                connections.spawn(serve(stream, Arc::clone(&state), Arc::clone(&script)));
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serves the requests of one connection until an action or the client ends it.
async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>, script: Arc<Vec<Action>>) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else { return };
        let client_closes = request.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let action = {
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            let index = state.requests.len().min(script.len() - 1);
            state.requests.push(request);
            script[index].clone()
        };
        let keep_open = match action {
            Action::Reply(reply) => send(&mut stream, &reply).await,
            Action::Delay(delay, reply) => {
                tokio::time::sleep(delay).await;
                send(&mut stream, &reply).await
            }
            Action::Hang => std::future::pending().await,
            Action::HeadersThenStall(reply) => {
                let _ = stream.write_all(&reply.head(reply.body.len())).await;
                let _ = stream.flush().await;
                std::future::pending().await
            }
            Action::PartialBody { reply, sent, reset } => {
                let mut bytes = reply.head(reply.body.len());
                bytes.extend_from_slice(&reply.body[..sent.min(reply.body.len())]);
                let _ = stream.write_all(&bytes).await;
                let _ = stream.flush().await;
                if reset {
                    // Give the client a moment to read what was sent; then RST.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    let _ = stream.set_zero_linger();
                }
                false
            }
            Action::Endless(reply) => {
                let mut head = reply.clone().without_content_length();
                head.headers.retain(|(name, _)| !name.eq_ignore_ascii_case("content-length"));
                if stream.write_all(&head.head(0)).await.is_ok() && !reply.body.is_empty() {
                    while stream.write_all(&reply.body).await.is_ok() {}
                }
                false
            }
            Action::Close => false,
            Action::Raw(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                false
            }
            Action::Stream(streamed) => send_streamed(&mut stream, &streamed).await,
            Action::Generated { reply, length } => send_generated(&mut stream, &reply, length).await,
        };
        if !keep_open || client_closes {
            return;
        }
    }
}

/// Writes a response; returns whether the connection may serve another request.
async fn send(stream: &mut TcpStream, reply: &Reply) -> bool {
    let mut bytes = reply.head(reply.body.len());
    bytes.extend_from_slice(&reply.body);
    let written = stream.write_all(&bytes).await.is_ok() && stream.flush().await.is_ok();
    if written && reply.closes() {
        let _ = stream.shutdown().await;
    }
    written && !reply.closes()
}

/// Sends a head declaring `length` bytes, then the bytes `i % 251`, 64 KiB at a
/// time; returns whether the connection may serve another request.
async fn send_generated(stream: &mut TcpStream, reply: &Reply, length: usize) -> bool {
    const PIECE: usize = 251 * 261;
    let pattern: Vec<u8> = (0..PIECE).map(|i| (i % 251) as u8).collect();
    if stream.write_all(&reply.head(length)).await.is_err() {
        return false;
    }
    let mut sent = 0;
    while sent < length {
        let piece = &pattern[..PIECE.min(length - sent)];
        if stream.write_all(piece).await.is_err() {
            return false;
        }
        sent += piece.len();
    }
    stream.flush().await.is_ok()
}

/// Sends a head announcing a chunked body, then each piece as a chunk of its own
/// write; returns whether the connection may serve another request.
async fn send_streamed(stream: &mut TcpStream, streamed: &Streamed) -> bool {
    let _ = stream.set_nodelay(true);
    let mut reply = streamed.reply.clone();
    reply.headers.push(("Transfer-Encoding".to_owned(), "chunked".to_owned()));
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).await.is_err() {
        return false;
    }
    for (index, piece) in streamed.pieces.iter().enumerate() {
        if index > 0 && !streamed.pause.is_zero() {
            tokio::time::sleep(streamed.pause).await;
        }
        let mut chunk = format!("{:x}\r\n", piece.len()).into_bytes();
        chunk.extend_from_slice(piece);
        chunk.extend_from_slice(b"\r\n");
        if stream.write_all(&chunk).await.is_err() || stream.flush().await.is_err() {
            return false;
        }
    }
    match streamed.end {
        StreamEnd::Finish => stream.write_all(b"0\r\n\r\n").await.is_ok() && stream.flush().await.is_ok(),
        StreamEnd::Cut => {
            let _ = stream.shutdown().await;
            false
        }
        StreamEnd::Stall => std::future::pending().await,
    }
}

/// Reads one request (head and `Content-Length` or chunked body). `None` when the
/// client closes the connection or sends something that is not HTTP/1.1.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_len = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > MAX_HEAD || !read_more(stream, buffer).await {
            return None;
        }
    };
    let head = std::str::from_utf8(&buffer[..head_len - 4]).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.splitn(3, ' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    let chunked =
        headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        return read_chunked(stream, buffer, head_len, method, target, headers).await;
    }
    let length = match headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length")) {
        Some((_, value)) => value.parse::<usize>().ok()?,
        None => 0,
    };
    while buffer.len() < head_len + length {
        if !read_more(stream, buffer).await {
            return None;
        }
    }
    let raw: Vec<u8> = buffer.drain(..head_len + length).collect();
    let body = raw[head_len..].to_vec();
    Some(Recorded { raw, method, target, headers, body })
}

/// Reads a chunked request body after its head; the recorded body is the decoded bytes.
async fn read_chunked(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    head_len: usize,
    method: String,
    target: String,
    headers: Vec<(String, String)>,
) -> Option<Recorded> {
    let mut at = head_len;
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(end) = buffer[at..].windows(2).position(|w| w == b"\r\n") {
                break at + end;
            }
            if !read_more(stream, buffer).await {
                return None;
            }
        };
        let size_text = std::str::from_utf8(&buffer[at..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        at = line_end + 2;
        while buffer.len() < at + size + 2 {
            if !read_more(stream, buffer).await {
                return None;
            }
        }
        body.extend_from_slice(&buffer[at..at + size]);
        at += size + 2;
        if size == 0 {
            break;
        }
    }
    let raw: Vec<u8> = buffer.drain(..at).collect();
    Some(Recorded { raw, method, target, headers, body })
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 8192];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            buffer.extend_from_slice(&chunk[..n]);
            true
        }
    }
}
