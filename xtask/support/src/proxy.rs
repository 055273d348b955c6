//! A recording HTTP proxy between a generated client and Prism.
//!
//! The client's base URL is the proxy's; each request is read in full, sent on
//! to Prism (with the `Prefer` header the harness chose, if any), and Prism's
//! answer is recorded as an [`Exchange`] before it is written back, with
//! `Connection: close`, so one connection carries one exchange. The harness
//! makes one call at a time, so the last exchange is the call's.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{BODY_KEEP, Exchange, NO_ANSWER, UNREACHABLE};

/// The largest request head read.
const MAX_HEAD: usize = 1024 * 1024;
/// The largest request body read.
const MAX_BODY: usize = 64 * 1024 * 1024;

/// A running proxy.
#[derive(Debug, Clone)]
pub struct Proxy {
    url: String,
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// `host:port` of the server.
    upstream: String,
    timeout: Duration,
    prefer: Mutex<Option<String>>,
    /// The last exchange, and the whole body of its response.
    last: Mutex<Option<(Exchange, Vec<u8>)>>,
}

impl Proxy {
    /// Starts a proxy for the server at `upstream` (such as `http://127.0.0.1:4010`)
    /// on a free loopback port. It runs until the runtime ends.
    ///
    /// # Errors
    ///
    /// When `upstream` is not an `http://host:port` URL or no port can be bound.
    pub async fn start(upstream: &str, timeout: Duration) -> Result<Proxy, String> {
        let authority = upstream
            .strip_prefix("http://")
            .map(|rest| rest.trim_end_matches('/'))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .ok_or_else(|| format!("{upstream:?} is not an http://host:port URL"))?;
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| format!("cannot bind the proxy: {e}"))?;
        let address = listener.local_addr().map_err(|e| format!("cannot read the proxy's address: {e}"))?;
        let shared = Arc::new(Shared {
            upstream: authority.to_owned(),
            timeout,
            prefer: Mutex::new(None),
            last: Mutex::new(None),
        });
        let accepting = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                if let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(serve(stream, Arc::clone(&accepting)));
                }
            }
        });
        Ok(Proxy { url: format!("http://{address}"), shared })
    }

    /// The base URL to give the client.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The `Prefer` header to send with the next requests (replacing the client's).
    pub fn prefer(&self, value: Option<String>) {
        *self.shared.prefer.lock().unwrap_or_else(PoisonError::into_inner) = value;
    }

    /// The last exchange, taken (so the next call starts without one).
    pub fn take_last(&self) -> Option<Exchange> {
        self.take_last_with_body().map(|(exchange, _)| exchange)
    }

    /// The last exchange with the whole body of its response (the exchange
    /// keeps [`BODY_KEEP`] bytes of it), taken.
    pub fn take_last_with_body(&self) -> Option<(Exchange, Vec<u8>)> {
        self.shared.last.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// A request or response as read from the wire.
struct Message {
    /// The request line or the status line.
    start: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl Message {
    fn header(&self, wanted: &str) -> Option<String> {
        self.headers.iter().find(|(n, _)| n == wanted).map(|(_, v)| String::from_utf8_lossy(v).into_owned())
    }
}

/// Headers that concern one connection (or its framing), not the message.
fn hop_by_hop(name: &str) -> bool {
    matches!(name, "connection" | "keep-alive" | "content-length" | "transfer-encoding" | "proxy-connection")
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let incoming = match read_message(&mut stream, Framing::Request).await {
        Ok(incoming) => incoming,
        Err(message) => {
            let _ = stream.write_all(&response_bytes(400, &[], message.as_bytes(), false)).await;
            return;
        }
    };
    let (exchange, body, bytes) = forward(&shared, incoming).await;
    // Recorded before the client can see the response, so the harness finds it.
    *shared.last.lock().unwrap_or_else(PoisonError::into_inner) = Some((exchange, body));
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

/// Sends the request to the server; the exchange, the whole response body,
/// and the response to write back.
async fn forward(shared: &Shared, incoming: Message) -> (Exchange, Vec<u8>, Vec<u8>) {
    let prefer = shared.prefer.lock().unwrap_or_else(PoisonError::into_inner).clone();
    let mut parts = incoming.start.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let head_only = method.eq_ignore_ascii_case("HEAD");
    let mut exchange = Exchange {
        method: method.clone(),
        target: target.clone(),
        request_body: kept(&incoming.body),
        ..Exchange::default()
    };
    let mut request = format!("{method} {target} HTTP/1.1\r\nhost: {}\r\n", shared.upstream).into_bytes();
    for (name, value) in &incoming.headers {
        if hop_by_hop(name) || name == "host" || (name == "prefer" && prefer.is_some()) {
            continue;
        }
        exchange.request_headers.push((name.clone(), String::from_utf8_lossy(value).into_owned()));
        push_header(&mut request, name, value);
    }
    if let Some(prefer) = &prefer {
        exchange.request_headers.push(("prefer".to_owned(), prefer.clone()));
        push_header(&mut request, "prefer", prefer.as_bytes());
    }
    push_header(&mut request, "content-length", incoming.body.len().to_string().as_bytes());
    push_header(&mut request, "connection", b"close");
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(&incoming.body);
    let answer = tokio::time::timeout(shared.timeout, exchange_with(&shared.upstream, &request, head_only)).await;
    let response = match answer {
        Ok(Ok(response)) => response,
        failed => {
            let message = match failed {
                Ok(Err(message)) => format!("{UNREACHABLE}: {message}"),
                _ => NO_ANSWER.to_owned(),
            };
            exchange.status = 502;
            exchange.response_body = message.clone();
            return (exchange, Vec::new(), response_bytes(502, &[], message.as_bytes(), head_only));
        }
    };
    let status: u16 = response.start.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(502);
    let headers: Vec<(String, Vec<u8>)> =
        response.headers.iter().filter(|(name, _)| !hop_by_hop(name)).cloned().collect();
    exchange.status = status;
    exchange.response_headers =
        headers.iter().map(|(name, value)| (name.clone(), String::from_utf8_lossy(value).into_owned())).collect();
    exchange.response_body = kept(&response.body);
    let bytes = response_bytes(status, &headers, &response.body, head_only);
    (exchange, response.body, bytes)
}

fn push_header(out: &mut Vec<u8>, name: &str, value: &[u8]) {
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(value);
    out.extend_from_slice(b"\r\n");
}

/// One request on a new connection to the server, and its response.
async fn exchange_with(upstream: &str, request: &[u8], head_only: bool) -> Result<Message, String> {
    let mut stream = TcpStream::connect(upstream).await.map_err(|e| format!("connecting to {upstream}: {e}"))?;
    stream.write_all(request).await.map_err(|e| format!("sending the request: {e}"))?;
    let framing = if head_only { Framing::HeadResponse } else { Framing::Response };
    read_message(&mut stream, framing).await
}

/// A body as the exchange keeps it.
fn kept(body: &[u8]) -> String {
    let cut = body.len().min(BODY_KEEP);
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if body.len() > cut {
        text.push_str(&format!("... ({} bytes in all)", body.len()));
    }
    text
}

/// An HTTP/1.1 response that closes the connection.
fn response_bytes(status: u16, headers: &[(String, Vec<u8>)], body: &[u8], head_only: bool) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "Status",
    };
    let mut out = format!("HTTP/1.1 {status} {reason}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    let bodiless = status < 200 || status == 204 || status == 304;
    if !bodiless {
        out.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    }
    out.extend_from_slice(b"connection: close\r\n\r\n");
    if !bodiless && !head_only {
        out.extend_from_slice(body);
    }
    out
}

/// What a message's body is framed by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// A request: `Content-Length` or chunks, else no body.
    Request,
    /// A response: `Content-Length`, chunks, or the end of the connection.
    Response,
    /// The response to a `HEAD` request: never a body.
    HeadResponse,
}

/// Reads one message: its head, then its body as `framing` says.
async fn read_message<S: AsyncRead + Unpin>(stream: &mut S, framing: Framing) -> Result<Message, String> {
    let mut buffer: Vec<u8> = Vec::new();
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at;
        }
        if buffer.len() > MAX_HEAD {
            return Err("message head too large".to_owned());
        }
        let mut chunk = [0u8; 8192];
        let read = stream.read(&mut chunk).await.map_err(|e| format!("reading the message: {e}"))?;
        if read == 0 {
            return Err("the connection closed before a message".to_owned());
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let mut rest = buffer[head_end + 4..].to_vec();
    let raw_head = &buffer[..head_end];
    let mut lines = raw_head.split(|b| *b == b'\n');
    let start = String::from_utf8_lossy(lines.next().unwrap_or_default()).trim_end().to_owned();
    let valid = match framing {
        Framing::Request => start.split(' ').nth(1).is_some_and(|target| target.starts_with('/')),
        Framing::Response | Framing::HeadResponse => start.starts_with("HTTP/"),
    };
    if !valid {
        return Err(format!("not a start line: {start:?}"));
    }
    // Header values are kept as bytes: they need not be ASCII.
    let mut headers = Vec::new();
    for line in lines {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|b| *b == b':') else { continue };
        let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
        headers.push((name, trim_bytes(&line[colon + 1..]).to_vec()));
    }
    let mut message = Message { start, headers, body: Vec::new() };
    let status = message.start.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok()).unwrap_or(200);
    let bodiless = framing == Framing::HeadResponse
        || (framing == Framing::Response && (status < 200 || status == 204 || status == 304));
    if bodiless {
        return Ok(message);
    }
    let chunked = message.header("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let length: Option<usize> = message.header("content-length").and_then(|v| v.trim().parse().ok());
    message.body = if chunked {
        read_chunked(stream, &mut rest).await?
    } else if let Some(length) = length {
        if length > MAX_BODY {
            return Err("body too large".to_owned());
        }
        while rest.len() < length {
            fill(stream, &mut rest).await?;
        }
        rest.truncate(length);
        rest
    } else if framing == Framing::Response {
        loop {
            let mut chunk = [0u8; 8192];
            let read = stream.read(&mut chunk).await.map_err(|e| format!("reading the body: {e}"))?;
            if read == 0 {
                break rest;
            }
            if rest.len() > MAX_BODY {
                return Err("body too large".to_owned());
            }
            rest.extend_from_slice(&chunk[..read]);
        }
    } else {
        Vec::new()
    };
    Ok(message)
}

/// Reads a chunked body; `rest` holds what was read after the head.
async fn read_chunked<S: AsyncRead + Unpin>(stream: &mut S, rest: &mut Vec<u8>) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(at) = find(rest, b"\r\n") {
                break at;
            }
            fill(stream, rest).await?;
        };
        let size_text = String::from_utf8_lossy(&rest[..line_end]).into_owned();
        let size_text = size_text.split(';').next().unwrap_or_default().trim().to_owned();
        let size = usize::from_str_radix(&size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        rest.drain(..line_end + 2);
        if size == 0 {
            // Trailers, if any, end with an empty line; they are not kept.
            while find(rest, b"\r\n").is_none() {
                fill(stream, rest).await?;
            }
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err("request body too large".to_owned());
        }
        while rest.len() < size + 2 {
            fill(stream, rest).await?;
        }
        body.extend_from_slice(&rest[..size]);
        rest.drain(..size + 2);
    }
}

async fn fill<S: AsyncRead + Unpin>(stream: &mut S, rest: &mut Vec<u8>) -> Result<(), String> {
    let mut chunk = [0u8; 8192];
    let read = stream.read(&mut chunk).await.map_err(|e| format!("reading the body: {e}"))?;
    if read == 0 {
        return Err("the connection closed inside the body".to_owned());
    }
    rest.extend_from_slice(&chunk[..read]);
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn trim_bytes(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &bytes[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(bytes: &[u8]) -> Result<Message, String> {
        let mut input = bytes;
        read_message(&mut input, Framing::Request).await
    }

    #[tokio::test(flavor = "current_thread")]
    async fn requests_are_read_with_a_length_or_in_chunks() {
        let plain = read(b"POST /pets?limit=5 HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\nX-Name: \xc3\xa9t\xc3\xa9\r\n\r\n{\"a\":1}")
            .await
            .unwrap();
        assert_eq!(plain.start, "POST /pets?limit=5 HTTP/1.1");
        assert_eq!(plain.body, b"{\"a\":1}");
        assert_eq!(plain.headers[2], ("x-name".to_owned(), "été".as_bytes().to_vec()));

        let chunked =
            read(b"PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
                .await
                .unwrap();
        assert_eq!(chunked.body, b"abcde");

        assert!(read(b"GET /a HTTP/1.1\r\nContent-Length: 9\r\n\r\nshort").await.is_err());
        assert!(read(b"nonsense\r\n\r\n").await.is_err());
    }

    #[tokio::test(flavor = "current_thread")]
    async fn responses_are_read_to_their_length_their_last_chunk_or_the_end() {
        let mut input: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]trailing";
        assert_eq!(read_message(&mut input, Framing::Response).await.unwrap().body, b"[]");
        let mut input: &[u8] = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end";
        assert_eq!(read_message(&mut input, Framing::Response).await.unwrap().body, b"to the end");
        let mut input: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
        assert_eq!(read_message(&mut input, Framing::Response).await.unwrap().body, b"ok");
        let mut input: &[u8] = b"HTTP/1.1 204 No Content\r\n\r\n";
        assert!(read_message(&mut input, Framing::Response).await.unwrap().body.is_empty());
        let mut input: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        assert!(read_message(&mut input, Framing::HeadResponse).await.unwrap().body.is_empty());
    }

    #[test]
    fn responses_close_the_connection_and_carry_their_length() {
        let headers = vec![("content-type".to_owned(), b"application/json".to_vec())];
        let text = String::from_utf8(response_bytes(200, &headers, b"[]", false)).unwrap();
        assert_eq!(
            text,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]"
        );
        let empty = String::from_utf8(response_bytes(204, &[], b"", false)).unwrap();
        assert_eq!(empty, "HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
        let head = String::from_utf8(response_bytes(200, &[], b"abc", true)).unwrap();
        assert_eq!(head, "HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\n");
    }
}
