//! The application against a local server that answers as the Petstore API would.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

const ID: &str = "6f1c9a4e-2b7d-4c1a-9e3f-5d8b7a6c4e21";

/// Serves `count` requests (one per connection), answering by request line;
/// returns the base URL and the request lines received.
fn serve(count: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let base = format!("http://{}/v1", listener.local_addr().unwrap_or_else(|e| panic!("{e}")));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap_or_else(|e| panic!("{e}")));
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let request_line = request_line.trim().to_owned();
            let pet = format!(r#"{{"id": "{ID}", "name": "Rex", "status": "available"}}"#);
            let body = match request_line.split(' ').nth(1).unwrap_or_default() {
                "/v1/pets?limit=10" => format!("[{pet}]"),
                path if path == format!("/v1/pets/{ID}") => pet,
                "/v1/store/inventory" => r#"{"available": 3, "sold": 1}"#.to_owned(),
                _ => String::new(),
            };
            let status = if body.is_empty() { "404 Not Found" } else { "200 OK" };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
            if let Ok(mut log) = log.lock() {
                log.push(request_line);
            }
        }
    });
    (base, seen)
}

#[tokio::test]
async fn both_generated_clients_read_the_api() {
    let (base, seen) = serve(4);
    let id = ID.parse().unwrap_or_else(|e| panic!("{e}"));
    let report = app::report(&base, id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report, format!("1 pets listed; {ID} is Rex (Available); 3 available; both clients agree: true"));
    let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
    assert_eq!(
        seen,
        [
            "GET /v1/pets?limit=10 HTTP/1.1".to_owned(),
            format!("GET /v1/pets/{ID} HTTP/1.1"),
            format!("GET /v1/pets/{ID} HTTP/1.1"),
            "GET /v1/store/inventory HTTP/1.1".to_owned(),
        ]
    );
}
