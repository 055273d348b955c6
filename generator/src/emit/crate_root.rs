//! `lib.rs` of the generated crate: its documentation (with a quick-start
//! example), lints, modules and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::streams::Streaming;
use super::{docs, examples};
use crate::model::{Api, FeatureKind, Gate};

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
            "- TLS is rustls on its `ring` crypto provider, TLS 1.2 or 1.3, with the Mozilla root certificates (the `webpki-roots` crate); certificate checking cannot be turned off. A `reqwest::Client` given to [`ClientBuilder::http_client`] keeps its own TLS settings.",
            "- The crate turns on reqwest's `rustls-no-provider` feature rather than `rustls`, which would build the aws-lc C library. Another reqwest client in the same program that leaves TLS to reqwest then needs reqwest's `rustls` feature, or a rustls crypto provider installed first (`rustls::crypto::ring::default_provider().install_default()`).",
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
    let client = match super::cfg_predicate(api, &client_gate) {
        None => quote! {
            mod client;
            mod runtime;
            pub mod types;
            #webhooks

            pub use client::{Client, ClientBuilder};
            pub use runtime::{
                ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName, HeaderValue, InvalidRequest,
                MissingCredentials, Nullable, RequestOptions, Response, Secret, StatusCode, Timeout, Transport, UnexpectedStatus,
            };
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
                MissingCredentials, RequestOptions, Response, StatusCode, Timeout, Transport, UnexpectedStatus,
            };
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

/// The `## Features` section of the crate docs, for a crate with features.
fn features_section(api: &Api, lines: &mut Vec<String>) {
    if api.features.is_empty() {
        return;
    }
    lines.extend([String::new(), "## Features".to_owned(), String::new()]);
    lines.push("Each tag of the spec is a cargo feature that compiles the tag's operations and the types they use; all are on by default. A crate that calls a few operations compiles faster with only their features: `default-features = false, features = [\"...\"]`. The types no operation uses have a feature of their own, `unused-types` (the payloads of the spec's `webhooks` are always compiled); `Client` is compiled when any operation is.".to_owned());
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
