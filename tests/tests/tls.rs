//! Real TLS handshakes: an HTTPS front on 127.0.0.1 with a certificate
//! authority and a server certificate made in the test, passing the decrypted
//! bytes to the recording test server. The SendKit client trusts the test's
//! root only when it is added with `ClientBuilder::add_root_certificate`; with
//! each TLS feature of the generated crate (`tests/tls-client`, built apart),
//! the handshake completes on the stack the feature names.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, PoisonError};

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose};
use sendkit::types::UpdateWebhookRequest;
use sendkit::{Certificate, Error};
use tests::server::{Reply, TestServer};
use tests::workspace_root;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{ServerConfig, crypto};

/// A `200` body of `update_webhook`.
const WEBHOOK: &str = r#"{"success":true,"data":{"_id":"wh_1","workspaceId":"ws_1","name":"n","url":"https://h.example.com/","events":[],"secret":"s","status":"active","createdAt":"2024-06-01T10:00:00Z","updatedAt":"2024-06-01T10:00:00Z"}}"#;

/// A certificate authority made for one test, and the server certificate it
/// signed for `localhost` and `127.0.0.1`.
struct TestAuthority {
    root_pem: String,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: Vec<u8>,
}

impl TestAuthority {
    fn new() -> Self {
        let mut root = CertificateParams::new(Vec::<String>::new()).expect("root parameters");
        root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        root.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        // Names of their own: OpenSSL takes a certificate whose issuer is its subject for a self-signed one.
        root.distinguished_name.push(DnType::CommonName, "Test root");
        let root = CertifiedIssuer::self_signed(root, KeyPair::generate().expect("root key")).expect("root");
        let server_key = KeyPair::generate().expect("server key");
        let mut server =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).expect("server parameters");
        server.distinguished_name.push(DnType::CommonName, "localhost");
        let server = server.signed_by(&server_key, &root).expect("server certificate");
        TestAuthority {
            root_pem: root.pem(),
            server_chain: vec![server.der().clone()],
            server_key: server_key.serialize_der(),
        }
    }
}

/// What one TLS handshake negotiated, or how it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Handshake {
    /// The protocol version and the key exchange group, as rustls names them.
    Done { version: String, key_exchange: String },
    /// The server's error.
    Failed(String),
}

/// HTTPS on a free loopback port, in front of a plain backend.
struct TlsFront {
    addr: SocketAddr,
    handshakes: Arc<Mutex<Vec<Handshake>>>,
    task: JoinHandle<()>,
}

impl TlsFront {
    /// Serves `authority`'s server certificate on rustls (aws-lc-rs, which
    /// offers post-quantum key exchange) and passes each connection to `backend`.
    async fn start(authority: &TestAuthority, backend: SocketAddr) -> Self {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(authority.server_key.clone()));
        let mut config = ServerConfig::builder_with_provider(Arc::new(crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(authority.server_chain.clone(), key)
            .expect("server certificate and key");
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        let handshakes = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&handshakes);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(pass_through(acceptor.clone(), stream, backend, Arc::clone(&recorded)));
            }
        });
        TlsFront { addr, handshakes, task }
    }

    fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    fn handshakes(&self) -> Vec<Handshake> {
        self.handshakes.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn pass_through(acceptor: TlsAcceptor, stream: TcpStream, backend: SocketAddr, log: Arc<Mutex<Vec<Handshake>>>) {
    let record = |handshake| log.lock().unwrap_or_else(PoisonError::into_inner).push(handshake);
    let mut tls = match acceptor.accept(stream).await {
        Ok(tls) => tls,
        Err(error) => return record(Handshake::Failed(error.to_string())),
    };
    let connection = tls.get_ref().1;
    record(Handshake::Done {
        version: format!("{:?}", connection.protocol_version()),
        key_exchange: format!("{:?}", connection.negotiated_key_exchange_group().map(|group| group.name())),
    });
    let Ok(mut plain) = TcpStream::connect(backend).await else { return };
    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
}

/// With the default feature (`rustls`, aws-lc-rs), in this process: a root the
/// client was not given fails the handshake before anything is sent; added with
/// `add_root_certificate`, the call goes through TLS 1.3 with post-quantum key
/// exchange, and the server reads exactly the request the client sent.
#[tokio::test]
async fn the_client_completes_a_handshake_with_a_root_certificate_it_was_given() {
    let authority = TestAuthority::new();
    let backend = TestServer::replying(Reply::json(200, WEBHOOK)).await;
    let front = TlsFront::start(&authority, backend.addr()).await;
    let body = UpdateWebhookRequest { name: Some("CRM".to_owned()), ..Default::default() };

    let untrusting = tests::client::builder(front.url()).max_retries(0).build().expect("the client builds");
    let error = untrusting.update_webhook("wh_1", &body).await.expect_err("an unknown root must fail");
    let Error::Transport(transport) = &error else { panic!("expected a transport error, got {error:?}") };
    assert!(transport.is_connect(), "{error}");
    assert!(error.to_string().contains("invalid peer certificate: UnknownIssuer"), "{error}");
    assert_eq!(backend.request_count(), 0, "nothing may reach the server over an unverified connection");

    let root = Certificate::from_pem(authority.root_pem.as_bytes()).expect("the root certificate reads");
    let trusting = tests::client::builder(front.url()).add_root_certificate(root).build().expect("the client builds");
    let response = trusting.update_webhook("wh_1", &body).await.expect("the call goes through TLS");
    assert_eq!(response.data.id, "wh_1");
    let requests = backend.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!((requests[0].method.as_str(), requests[0].target.as_str()), ("PATCH", "/v1/webhooks/wh_1"));
    assert_eq!(requests[0].body, br#"{"name":"CRM"}"#);
    assert_eq!(requests[0].header("host"), Some(front.addr.to_string().as_str()));

    let handshakes = front.handshakes();
    assert_eq!(handshakes.len(), 2, "{handshakes:?}");
    assert!(matches!(&handshakes[0], Handshake::Failed(_)), "{handshakes:?}");
    assert_eq!(
        handshakes[1],
        Handshake::Done { version: "Some(TLSv1_3)".to_owned(), key_exchange: "Some(X25519MLKEM768)".to_owned() }
    );
}

/// Builds `tests/tls-client` with `feature` (none when empty), runs it against
/// `front` with the test's root in `root_pem`, and returns its output lines.
fn run_tls_client(feature: &str, url: &str, root_pem: &PathBuf) -> Vec<String> {
    let root = workspace_root();
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .args(["run", "--quiet", "--manifest-path"])
        .arg(root.join("tests/tls-client/Cargo.toml"))
        .arg("--no-default-features")
        .env("CARGO_TARGET_DIR", root.join("target/tls-client"));
    if !feature.is_empty() {
        command.args(["--features", feature]);
    }
    let output = command.arg("--").arg(url).arg(root_pem).output().expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "tls-client with [{feature}] failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.lines().map(str::to_owned).collect()
}

/// The generated crate on each TLS feature but the default (which the test
/// above covers in this process), each a program of its own: `rustls-ring` in
/// a build without aws-lc completes the handshake on *ring* (no post-quantum
/// key exchange), `native-tls` on the platform's TLS library, and without a
/// TLS feature the client refuses an `https` base URL when it is built.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_tls_feature_of_the_generated_crate_completes_a_handshake_on_its_own_stack() {
    let authority = TestAuthority::new();
    let dir = workspace_root().join("target/test-scratch/tls");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let root_pem = dir.join("root.pem");
    std::fs::write(&root_pem, &authority.root_pem).expect("root certificate written");

    for (feature, rejected_without_the_root) in [
        ("rustls-ring", "invalid peer certificate: UnknownIssuer"),
        ("native-tls", "certificate verify failed"),
        ("", ""),
    ] {
        let backend = TestServer::replying(Reply::json(200, WEBHOOK)).await;
        let front = TlsFront::start(&authority, backend.addr()).await;
        let (url, pem) = (front.url(), root_pem.clone());
        let lines = tokio::task::spawn_blocking(move || run_tls_client(feature, &url, &pem)).await.expect("joined");
        let handshakes = front.handshakes();
        if feature.is_empty() {
            let refused = "build error: the base URL is https, but this crate was built without TLS: turn on its \
                           `rustls`, `rustls-ring` or `native-tls` feature, or give a client to `ClientBuilder::http_client`";
            assert_eq!(lines, [format!("without the root: {refused}"), format!("with the root: {refused}")]);
            assert_eq!(handshakes, [], "nothing may be sent");
            continue;
        }
        assert_eq!(lines.len(), 2, "[{feature}] {lines:?}");
        assert!(lines[0].starts_with("without the root: error: transport error: "), "[{feature}] {lines:?}");
        assert!(lines[0].contains(rejected_without_the_root), "[{feature}] {lines:?}");
        assert_eq!(lines[1], "with the root: updated wh_1", "[{feature}] {lines:?}");
        assert_eq!(backend.request_count(), 1, "[{feature}]");
        assert_eq!(handshakes.len(), 2, "[{feature}] {handshakes:?}");
        assert!(matches!(&handshakes[0], Handshake::Failed(_)), "[{feature}] {handshakes:?}");
        let Handshake::Done { version, key_exchange } = &handshakes[1] else { panic!("[{feature}] {handshakes:?}") };
        assert_eq!(version, "Some(TLSv1_3)", "[{feature}]");
        // X25519 or a NIST curve: neither stack has post-quantum key exchange.
        assert!(key_exchange.starts_with("Some(") && !key_exchange.contains("MLKEM"), "[{feature}] {key_exchange}");
    }
}
