//! Per-call cost of the SendKit client with and without its `tracing` feature
//! (built with `--features tracing`, no subscriber installed): `update_webhook`
//! against a local keep-alive HTTP/1.1 server in the same process that answers
//! a fixed 200. Prints the median of 15 batches of 2000 calls after `WARMUP`
//! calls (2000 by default); with `ONLY_WARMUP` set, makes only the warm-up
//! calls, for counting instructions (`scripts/tracing-overhead.sh`).
use sendkit::types::UpdateWebhookRequest;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BODY: &str = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"https://h.example.com/","events":[],"status":"active","createdAt":"2024-06-01T10:00:00Z","updatedAt":"2024-06-01T10:00:00Z"}}"#;

async fn serve(listener: tokio::net::TcpListener) {
    loop {
        let Ok((mut socket, _)) = listener.accept().await else { return };
        tokio::spawn(async move {
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
                BODY.len()
            );
            let mut buffer = vec![0u8; 65536];
            let mut pending = Vec::new();
            loop {
                let Ok(n) = socket.read(&mut buffer).await else { return };
                if n == 0 {
                    return;
                }
                pending.extend_from_slice(&buffer[..n]);
                // One request: head, then Content-Length bytes of body.
                while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&pending[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map(|v| v.trim().parse().unwrap())
                        .unwrap_or(0);
                    if pending.len() < end + 4 + length {
                        break;
                    }
                    pending.drain(..end + 4 + length);
                    if socket.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            }
        });
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener));
        let client =
            sendkit::Client::builder().base_url(url).api_key("sk_test").bearer_token("tok_test").build().unwrap();
        let body = UpdateWebhookRequest { name: Some("CRM Sync".to_owned()), ..Default::default() };
        let warmup: usize = std::env::var("WARMUP").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
        for _ in 0..warmup {
            client.update_webhook("wh_1", &body).await.unwrap();
        }
        if std::env::var("ONLY_WARMUP").is_ok() {
            return;
        }
        let mut batches = Vec::new();
        for _ in 0..15 {
            let started = Instant::now();
            for _ in 0..2000 {
                client.update_webhook("wh_1", &body).await.unwrap();
            }
            batches.push(started.elapsed().as_nanos() as f64 / 2000.0 / 1000.0);
        }
        batches.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "tracing feature {}: median {:.2} µs per call (min {:.2}, max {:.2})",
            if cfg!(feature = "tracing") { "on " } else { "off" },
            batches[7],
            batches[0],
            batches[14]
        );
    });
}
