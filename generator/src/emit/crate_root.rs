//! `lib.rs` of the generated crate: its documentation (with a quick-start
//! example), lints, modules and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::streams::Streaming;
use super::{docs, examples};
use crate::model::{Api, FeatureKind, Gate, SettledCredentials};

/// The crate root: documentation, lints, modules and re-exports.
pub(super) fn lib_rs(api: &Api) -> TokenStream {
    let mut lines = vec![format!("# {}", api.title.trim()), String::new()];
    if let Some(summary) = &api.summary {
        lines.extend(docs::prose(summary));
        lines.push(String::new());
    }
    if let Some(description) = &api.description {
        lines.extend(docs::prose(description));
        lines.push(String::new());
    }
    if !api.has_client() {
        return types_only(api, lines);
    }
    lines.push(format!(
        "A client for version `{}` of this API, generated from its OpenAPI document. Operations are methods of [`Client`]; the types they send and receive are in [`types`].",
        api.api_version
    ));
    lines.push(String::new());
    lines.push("## Example".to_owned());
    lines.push(String::new());
    lines.extend(examples::quick_start(api));
    lines.push(String::new());
    lines.push("## Behaviour".to_owned());
    lines.push(String::new());
    lines.extend(
        [
            "- Every attempt has a timeout covering the whole request, from connecting until the body is read (30 s), and a connect timeout (10 s); set them with [`ClientBuilder`], or the former per call with [`RequestOptions`]. With retries, a call can take up to (retries + 1) × the timeout plus the backoff delays.",
            "- Failed requests are retried twice by default, with exponential backoff and jitter, honouring `Retry-After` up to 60 s. Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried on connection failures, 408, 429 and 5xx. POST and PATCH are retried only when the request provably never reached the server (the connection could not be made), on 429 and 503, or when [`RequestOptions::retry_non_idempotent`] allows it. Errors report the number of attempts.",
            "- Response bodies are read up to a bound (16 MiB by default); a larger body is [`Error::BodyTooLarge`].",
            "- Requests are checked against the spec's constraints before anything is sent ([`Error::InvalidRequest`]); path parameters are percent-encoded so they can never change the path or add a query.",
            "- Credentials are held as [`Secret`]s: no `Debug` or `Display` output, and no error message, contains them. Redirects are followed only within the same origin.",
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
    tls_section(&mut lines);
    features_section(api, &mut lines);
    if !api.webhooks.is_empty() {
        lines.push(String::new());
        lines.push("## Webhooks".to_owned());
    }
    let webhooks = webhooks_module(api, &mut lines);
    // The re-exports of the streaming types, one `use` per gate.
    let mut streams: Vec<(Gate, Vec<TokenStream>)> = Vec::new();
    let mut export = |gate: Gate, names: TokenStream| {
        if gate.is_never() {
            return;
        }
        match streams.iter_mut().find(|(existing, _)| *existing == gate) {
            Some((_, group)) => group.push(names),
            None => streams.push((gate, vec![names])),
        }
    };
    export(streaming.events.clone(), quote!(Event, EventStream,));
    export(streaming.bytes.clone(), quote!(ByteStream,));
    export(streaming.any(), quote!(StreamError, StreamErrorKind,));
    export(streaming.uploads.clone(), quote!(Upload,));
    export(streaming.forms.clone(), quote!(MultipartForm,));
    let streams = streams.iter().map(|(gate, names)| {
        let cfg = super::cfg(api, gate);
        quote!(#cfg pub use runtime::{#(#names)*};)
    });
    let docs = docs::inner_attrs(&lines);
    let client_gate = api.client_gate();
    let auth = auth_exports(api, &client_gate);
    let client = match super::cfg_predicate(api, &client_gate) {
        None => quote! {
            mod client;
            mod runtime;
            pub mod types;
            #webhooks

            pub use client::{Client, ClientBuilder};
            pub use runtime::{
                ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName, HeaderValue, InvalidRequest,
                Middleware, MiddlewareFuture, MissingCredentials, Next, Nullable, RequestOptions, Response, Secret, StatusCode,
                Timeout, Transport, UnexpectedStatus,
            };
            #auth
            #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
            pub use runtime::Certificate;
        },
        // The client is compiled when one of its operations is.
        Some(predicate) => quote! {
            #[cfg(#predicate)]
            mod client;
            mod runtime;
            pub mod types;
            #webhooks

            #[cfg(#predicate)]
            pub use client::{Client, ClientBuilder};
            #[cfg(#predicate)]
            pub use runtime::{
                ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName, HeaderValue, InvalidRequest,
                Middleware, MiddlewareFuture, MissingCredentials, Next, RequestOptions, Response, StatusCode, Timeout,
                Transport, UnexpectedStatus,
            };
            #auth
            #[cfg(all(#predicate, any(feature = "native-tls", feature = "rustls", feature = "rustls-ring")))]
            pub use runtime::Certificate;
            pub use runtime::{Nullable, Secret};
        },
    };
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #client
        #(#streams)*
    }
}

/// The `## TLS` section of the crate docs: which feature gives which TLS stack.
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

/// The `## Features` section of the crate docs, for a crate with features.
fn features_section(api: &Api, lines: &mut Vec<String>) {
    if api.features.is_empty() {
        return;
    }
    lines.extend([String::new(), "## Features".to_owned(), String::new()]);
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

/// The crate root of an API without operations: its types (and webhooks).
fn types_only(api: &Api, mut lines: Vec<String>) -> TokenStream {
    lines.push(format!(
        "The types of version `{}` of this API, generated from its OpenAPI document, which lists no operation to call: they are in [`types`].",
        api.api_version
    ));
    let webhooks = webhooks_module(api, &mut lines);
    let docs = docs::inner_attrs(&lines);
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        mod runtime;
        pub mod types;
        #webhooks

        pub use runtime::{Nullable, Secret};
    }
}

/// The `webhooks` module's declaration, with a paragraph about it added to the
/// crate docs, when the spec has webhooks.
fn webhooks_module(api: &Api, lines: &mut Vec<String>) -> Option<TokenStream> {
    if api.webhooks.is_empty() {
        return None;
    }
    lines.push(String::new());
    lines.push("The requests the API sends to its users are in [`webhooks`]: [`webhooks::Webhook::decode`] reads an incoming request's body by the webhook's name.".to_owned());
    Some(quote!(
        pub mod webhooks;
    ))
}

/// The re-exports of the credentials settled as calls are sent (token sources,
/// the client credentials flow, signers), for an API whose schemes use them.
fn auth_exports(api: &Api, client_gate: &Gate) -> TokenStream {
    let SettledCredentials { tokens, client_credentials: flow, signers } = api.settled_credentials();
    if !tokens && !signers {
        return TokenStream::new();
    }
    let mut names = vec![quote!(CredentialError)];
    if flow {
        names.extend([quote!(ClientAuth), quote!(ClientCredentials)]);
    }
    if signers {
        names.extend([quote!(SignRequest), quote!(Signer)]);
    }
    if tokens {
        names.extend([quote!(Token), quote!(TokenSource)]);
    }
    let cfg = super::cfg(api, client_gate);
    quote!(#cfg pub use runtime::{#(#names),*};)
}
