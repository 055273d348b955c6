//! `README.md` of the generated crate, written from the spec, which is also
//! the crate's documentation (`lib.rs` includes it): what the API is, how to
//! add the crate and build a client with the spec's credentials, one example
//! per kind of operation the crate has (a JSON call, a stream, a paginated
//! list, an upload), the error type, the behaviour, the TLS and cargo
//! features. Its examples are doctests, compiled (not run) by `cargo test`.

use super::docs;
use super::examples;
use super::streams::Streaming;
use crate::model::{Api, BodyEncoding, BodyKind, FeatureKind, Operation, OutcomeType, SchemeKind, StreamKind};
use crate::naming::lib_name;

/// The README's text, without the generated header.
pub(super) fn readme(api: &Api) -> String {
    let mut lines = vec![format!("# {}", api.title.trim()), String::new()];
    if let Some(summary) = &api.summary {
        lines.extend(docs::prose(summary));
        lines.push(String::new());
    }
    if let Some(description) = &api.description {
        lines.extend(docs::prose(description));
        lines.push(String::new());
    }
    if api.has_client() {
        client_sections(api, &mut lines);
    } else {
        lines.push(format!(
            "The types of version `{}` of this API, generated from its OpenAPI document, which lists no operation to call: they are in [`types`].",
            api.api_version
        ));
        install_section(api, &mut lines);
        lines.extend([
            String::new(),
            "## Features".to_owned(),
            String::new(),
            "Types implement `serde::Deserialize`; the `full-serde` feature adds `serde::Serialize`.".to_owned(),
        ]);
    }
    webhooks_paragraph(api, &mut lines);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The sections of a crate with a client.
fn client_sections(api: &Api, lines: &mut Vec<String>) {
    lines.push(format!(
        "A client for version `{}` of this API, generated from its OpenAPI document. Operations are methods of [`Client`]; the types they send and receive are in [`types`].",
        api.api_version
    ));
    install_section(api, lines);
    lines.extend([String::new(), "## A client".to_owned(), String::new()]);
    credentials(api, lines);
    lines.extend(examples::client_example(api));
    examples_section(api, lines);
    errors_section(api, lines);
    lines.extend([String::new(), "## Behaviour".to_owned(), String::new()]);
    behaviour(api, lines);
    tls_section(lines);
    features_section(api, lines);
}

/// `## Install`: the dependency, and a runtime for a client's calls.
fn install_section(api: &Api, lines: &mut Vec<String>) {
    let what = if api.has_client() { "the crate (from where it was generated) and an async runtime" } else { "the crate (from where it was generated)" };
    lines.extend([
        String::new(),
        "## Install".to_owned(),
        String::new(),
        format!("Add {what} to your `Cargo.toml`:"),
        String::new(),
        "```toml".to_owned(),
        "[dependencies]".to_owned(),
        format!("{name} = {{ path = \"{name}\" }}", name = api.crate_name),
    ]);
    if api.has_client() {
        lines.push("tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }".to_owned());
    }
    lines.push("```".to_owned());
}

/// How the spec's credentials are given, one line per scheme.
fn credentials(api: &Api, lines: &mut Vec<String>) {
    if api.schemes.is_empty() {
        lines.push("The API needs no credentials:".to_owned());
        lines.push(String::new());
        return;
    }
    lines.push(
        "[`Client::new`] takes the credentials every operation needs; [`Client::builder`] sets any of them, and the base URL, timeouts and retries:"
            .to_owned(),
    );
    lines.push(String::new());
    for scheme in &api.schemes {
        let how = match &scheme.kind {
            SchemeKind::Header(name) => format!("an API key in the `{name}` header"),
            SchemeKind::Query(name) => format!("an API key in the `{name}` query parameter"),
            SchemeKind::Cookie(name) => format!("an API key in the `{name}` cookie"),
            SchemeKind::Basic => "a user name and password (HTTP basic authentication)".to_owned(),
            SchemeKind::Bearer => "a bearer token".to_owned(),
            SchemeKind::OAuth2(oauth) => match &oauth.client_credentials {
                Some(flow) => format!(
                    "OAuth 2: a token the client fetches from `{}` with a client id and secret ([`ClientBuilder::{}`]) and renews itself, or a token, or a [`TokenSource`] of yours ([`ClientBuilder::{}`])",
                    flow.token_url, flow.setter, oauth.token_source
                ),
                None => format!("a token, or a [`TokenSource`] of yours ([`ClientBuilder::{}`])", oauth.token_source),
            },
            SchemeKind::Signed { scheme, signer } => format!(
                "the `{scheme}` HTTP scheme: a complete `Authorization` value, or a [`Signer`] of each request ([`ClientBuilder::{signer}`])"
            ),
        };
        let description = scheme
            .description
            .as_deref()
            .and_then(|d| docs::prose(d).into_iter().find(|line| !line.trim().is_empty()))
            .map(|line| format!(": {}", line.trim()))
            .unwrap_or_default();
        lines.push(format!("- `{}` (the spec's `{}`), {how}{description}", scheme.rust_name, scheme.name));
    }
    lines.push(String::new());
}

/// `## Examples`: one per kind of operation the crate has.
fn examples_section(api: &Api, lines: &mut Vec<String>) {
    lines.extend([String::new(), "## Examples".to_owned()]);
    let mut section = |title: &str, example: Vec<String>| {
        lines.extend([String::new(), format!("### {title}"), String::new()]);
        lines.extend(example);
    };
    let plain = |op: &&Operation| op.pagination.is_none() && !is_upload(op) && !op.docs.deprecated;
    if let Some(op) = json_call(api).or_else(|| api.operations.iter().find(plain)).or(api.operations.first()) {
        section(&format!("A call: `{}`", op.name), examples::call(api, op));
    }
    let events = api.operations.iter().find_map(|op| match &op.stream {
        Some(stream) if matches!(stream.kind, StreamKind::Events { .. }) => Some(examples::stream_call(api, op, stream)),
        _ => matches!(op.responses.success_type, OutcomeType::Single(BodyKind::Events(_)))
            .then(|| examples::call(api, op)),
    });
    if let Some(example) = events {
        section("Server-sent events", example);
    }
    let download = api.operations.iter().find_map(|op| match &op.stream {
        Some(stream) if matches!(stream.kind, StreamKind::Bytes) => Some(examples::stream_call(api, op, stream)),
        _ => None,
    });
    if let Some(example) = download {
        section("A download, read as it arrives", example);
    }
    if let Some((op, pagination)) = api.operations.iter().find_map(|op| Some((op, op.pagination.as_ref()?))) {
        section("A paginated list, as a stream of its items", super::pagination::example(api, op, pagination));
    }
    if let Some(op) = api.operations.iter().find(|op| is_upload(op)) {
        section("An upload", examples::call(api, op));
    }
}

/// The operation of the examples of a call and of its errors: the first the
/// spec does not deprecate that answers JSON, as a plain call (no pages, no
/// upload, no stream).
fn json_call(api: &Api) -> Option<&Operation> {
    api.operations.iter().find(|op| {
        op.pagination.is_none()
            && !is_upload(op)
            && !op.docs.deprecated
            && op.stream.is_none()
            && matches!(op.responses.success_type, OutcomeType::Single(BodyKind::Json(_)))
    })
}

/// Whether an operation sends a file or a multipart form.
fn is_upload(op: &Operation) -> bool {
    op.body.as_ref().is_some_and(|body| {
        matches!(
            body.encoding,
            BodyEncoding::Multipart(_) | BodyEncoding::MultipartFile | BodyEncoding::MultipartForm | BodyEncoding::Binary(_)
        )
    })
}

/// `## Errors`: the error type, and a call that tells its cases apart.
fn errors_section(api: &Api, lines: &mut Vec<String>) {
    lines.extend([
        String::new(),
        "## Errors".to_owned(),
        String::new(),
        "Every call returns a `Result` whose error is an [`Error`]: a documented error status with its typed body ([`Error::Api`]), a status the spec does not document ([`Error::UnexpectedStatus`]), a body that does not match the spec ([`Error::Decode`]), a request refused before sending because it breaks the spec's constraints ([`Error::InvalidRequest`]) or lacks credentials ([`Error::MissingCredentials`]), a timeout, a transport failure, or a body over the size bound. [`Error::status`] is the HTTP status where one arrived.".to_owned(),
    ]);
    // The call's operation, else one that can also stream.
    let json = |op: &&Operation| {
        op.pagination.is_none() && matches!(op.responses.success_type, OutcomeType::Single(BodyKind::Json(_)))
    };
    let Some(op) = json_call(api).or_else(|| api.operations.iter().find(json)) else {
        return;
    };
    let lib = lib_name(&api.crate_name);
    let call = "let response = client.";
    let mut example = Vec::new();
    let mut found = false;
    for line in examples::call(api, op) {
        match line.strip_prefix(call).and_then(|rest| rest.strip_suffix(".await?;")) {
            Some(rest) if !found => {
                found = true;
                example.extend([
                    format!("match client.{rest}.await {{"),
                    "    Ok(response) => println!(\"{:?}\", response.body()),".to_owned(),
                    format!("    Err({lib}::Error::Api(error)) => println!(\"{{}}: {{:?}}\", error.status(), error.body()),"),
                    "    Err(other) => return Err(other.into()),".to_owned(),
                    "}".to_owned(),
                ]);
            }
            _ if found && line.starts_with("println!(") => {}
            _ => example.push(line),
        }
    }
    if found {
        lines.push(String::new());
        lines.extend(example);
    }
}

/// The client's behaviour, as a list.
fn behaviour(api: &Api, lines: &mut Vec<String>) {
    lines.extend(
        [
            "- Every attempt has a timeout covering the whole request, from connecting until the body is read (30 s), and a connect timeout (10 s); set them with [`ClientBuilder`], or the former per call with [`RequestOptions`]. With retries, a call can take up to (retries + 1) × the timeout plus the backoff delays.",
            "- Failed requests are retried twice by default, with exponential backoff and jitter, honouring `Retry-After` up to 60 s. Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried on connection failures, 408, 429 and 5xx. POST and PATCH are retried only when the request provably never reached the server (the connection could not be made), on 429 and 503, or when [`RequestOptions::retry_non_idempotent`] allows it. Errors report the number of attempts.",
            "- Response bodies are read up to a bound (16 MiB by default); a larger body is [`Error::BodyTooLarge`]. A body read as a stream of chunks has a bound of its own, none by default.",
            "- Requests are checked against the spec's constraints before anything is sent ([`Error::InvalidRequest`]); path parameters are percent-encoded so they can never change the path or add a query.",
            "- Credentials are held as [`Secret`]s: no `Debug` or `Display` output, and no error message, contains them. Redirects are followed only within the same origin.",
            "- Request structs with required fields have `new`, which takes them and leaves the optional fields `None`; set those by name with struct update syntax (`Type { field: Some(value), ..Type::new(required) }`). Structs without required fields implement `Default`.",
            "- Types implement `serde::Serialize` when requests send them and `serde::Deserialize` when responses carry them (or no operation uses them). The `full-serde` feature adds the other direction to every type.",
        ]
        .map(str::to_owned),
    );
    let streaming = Streaming::of(api);
    if !streaming.streams().is_never() {
        lines.push("- Streamed answers (server-sent events, binary bodies read as they arrive) are bounded differently: the timeout covers the wait for the response's head, then an idle timeout (60 s) bounds each wait for more ([`ClientBuilder::idle_timeout`], [`RequestOptions::idle_timeout`]). A request is retried only before its answer starts; a stream that has started is never sent again.".to_owned());
    }
    if !streaming.events.is_never() {
        lines.push("- Server-sent events are read by a bounded parser: a line or an event's data larger than 1 MiB ([`ClientBuilder::max_event_bytes`]) ends the stream with an error instead of growing without bound.".to_owned());
    }
    if !streaming.uploads.is_never() {
        lines.push("- Binary and multipart request bodies are [`Upload`]s: bytes, a file (read as it is sent, and again for a retry) or a stream (sent once: a request whose stream body would need a retry fails with [`Error::Stream`] instead).".to_owned());
    }
    let settled = api.settled_credentials();
    if settled.tokens {
        lines.push("- Tokens from a [`TokenSource`] or the OAuth 2 client credentials flow are fetched by one call at a time (the others wait for its token), kept until shortly before they expire, and fetched again once after a `401` (the call is then sent once more, besides the retries); a token that cannot be had is [`Error::Credential`].".to_owned());
    }
    if settled.signers {
        lines.push("- A [`Signer`] signs each attempt of a call as it is about to be sent, seeing its method, URL, headers and body.".to_owned());
    }
    if let Some(header) = api.operations.iter().find_map(|op| op.idempotency_header.as_deref()) {
        lines.push(format!("- Calls of the operations that carry an idempotency key (`{header}`) send a fresh one (a random UUID) unless the call sets it, the same on every retry, and are retried as idempotent calls are."));
    }
}

/// The `## TLS` section: which feature gives which TLS stack.
fn tls_section(lines: &mut Vec<String>) {
    lines.extend(
        [
            "",
            "## TLS",
            "",
            "Which TLS stack the client uses is yours to choose, with a cargo feature of this crate; each turns on one of reqwest's TLS features, so a program that already uses reqwest builds one TLS stack, not two:",
            "",
            "- `rustls` (the default): rustls with its default crypto provider, aws-lc-rs, which offers post-quantum key exchange (X25519MLKEM768). Building aws-lc needs a C compiler, and CMake on some targets.",
            "- `rustls-ring`: rustls on the *ring* crypto provider, for targets where aws-lc does not build. *ring* has no post-quantum key exchange (only X25519 and the NIST curves) and no FIPS mode. The client uses the program's rustls provider when it installed one (`rustls::crypto::CryptoProvider::install_default`), else *ring*. If another crate of the program turns on rustls's `aws-lc-rs` feature too, rustls cannot choose between them on its own and panics: install a provider at the start of `main`, or use `rustls`.",
            "- `native-tls`: the platform's TLS library (OpenSSL on Linux, the Security framework on macOS, SChannel on Windows).",
            "",
            "Certificates are checked against the platform's roots (with rustls, by the platform's verifier), and checking cannot be turned off; [`ClientBuilder::add_root_certificate`] trusts one more root. With several of these features on, `native-tls` wins, then `rustls`. With none (`default-features = false` without one of them), the client speaks plain HTTP only: an `https` base URL is [`BuildError::NoTls`], unless a `reqwest::Client` is given to [`ClientBuilder::http_client`], which always keeps its own TLS settings.",
        ]
        .map(str::to_owned),
    );
}

/// The `## Features` section: `full-serde`, and the tags' features.
fn features_section(api: &Api, lines: &mut Vec<String>) {
    lines.extend([String::new(), "## Features".to_owned(), String::new()]);
    lines.push("- `full-serde`: both serde directions for every type (see above).".to_owned());
    lines.push("- `rustls` (default), `rustls-ring`, `native-tls`: the TLS stack (see above).".to_owned());
    if api.has_client() {
        lines.push("- `tracing`: a span per call, named for its operation, with OpenTelemetry's HTTP client attributes, and an event per retry (the `tracing` crate; nothing is compiled without it).".to_owned());
    }
    if api.features.is_empty() {
        return;
    }
    lines.push(String::new());
    lines.push("Each tag of the spec is a cargo feature that compiles the tag's operations and the types they use; all are on by default. A crate that calls a few operations compiles faster with only their features, and its TLS feature: `default-features = false, features = [\"rustls\", \"...\"]`. The types no operation uses have a feature of their own, `unused-types` (the payloads of the spec's `webhooks` are always compiled); `Client` is compiled when any operation is.".to_owned());
    lines.push(String::new());
    for feature in &api.features {
        let what = match &feature.kind {
            FeatureKind::Tag(tag) => format!("the operations tagged `{}`", tag.replace('`', "'")),
            FeatureKind::Untagged => "the operations without a tag".to_owned(),
            FeatureKind::UnusedTypes => {
                lines.push(format!(
                    "- `{}`: the types no operation uses, for code of your own (payloads of webhooks, say).",
                    feature.name
                ));
                continue;
            }
        };
        let count = match feature.operations {
            1 => "1 operation".to_owned(),
            n => format!("{n} operations"),
        };
        let description = feature
            .description
            .as_deref()
            .and_then(|d| docs::prose(d).into_iter().find(|line| !line.trim().is_empty()))
            .map(|line| format!(": {}", line.trim()))
            .unwrap_or_default();
        lines.push(format!("- `{}`: {what} ({count}){description}", feature.name));
    }
}

/// A paragraph about the `webhooks` module, when the spec has webhooks.
fn webhooks_paragraph(api: &Api, lines: &mut Vec<String>) {
    if api.webhooks.is_empty() {
        return;
    }
    lines.extend([String::new(), "## Webhooks".to_owned(), String::new()]);
    lines.push("The requests the API sends to its users are in [`webhooks`]: [`webhooks::Webhook::decode`] reads an incoming request's body by the webhook's name.".to_owned());
}
