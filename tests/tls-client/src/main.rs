//! `tls-client BASE_URL ROOT_PEM`: calls `update_webhook` on an HTTPS server
//! twice with the SendKit client, built on the TLS feature this crate was built
//! with (or none): first trusting only the platform's roots, then with the
//! root certificate in `ROOT_PEM` added. Prints one line per call, `without
//! the root: ...` and `with the root: ...`, each the webhook's id or the error.

use std::process::ExitCode;

use sendkit::types::UpdateWebhookRequest;
use sendkit::{Client, ClientBuilder};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base_url, root] = args.as_slice() else {
        eprintln!("usage: tls-client BASE_URL ROOT_PEM");
        return ExitCode::from(2);
    };
    // No retries: a certificate that does not verify fails the same way every time.
    let builder = || Client::builder().base_url(base_url).api_key("key").bearer_token("token").max_retries(0);
    println!("without the root: {}", call(builder()).await);
    println!("with the root: {}", call(with_root(builder(), root)).await);
    ExitCode::SUCCESS
}

#[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
fn with_root(builder: ClientBuilder, root: &str) -> ClientBuilder {
    let pem = std::fs::read(root).unwrap_or_else(|e| panic!("{root}: {e}"));
    let certificate = sendkit::Certificate::from_pem(&pem).unwrap_or_else(|e| panic!("{root}: {e}"));
    builder.add_root_certificate(certificate)
}

/// Without TLS there is no root to add.
#[cfg(not(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls")))]
fn with_root(builder: ClientBuilder, _root: &str) -> ClientBuilder {
    builder
}

async fn call(builder: ClientBuilder) -> String {
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => return format!("build error: {error}"),
    };
    match client.update_webhook("wh_1", &UpdateWebhookRequest::default()).await {
        Ok(response) => format!("updated {}", response.data.id),
        Err(error) => format!("error: {error}"),
    }
}
