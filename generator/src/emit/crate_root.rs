//! `lib.rs` of the generated crate: its documentation (the README, see
//! `readme.rs`), lints, modules and re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::streams::Streaming;
use crate::model::{Api, Gate, SettledCredentials};

/// The crate root: documentation (the README), lints, modules and re-exports.
pub(super) fn lib_rs(api: &Api) -> TokenStream {
    if !api.has_client() {
        return types_only(api);
    }
    let streaming = Streaming::of(api);
    let webhooks = webhooks_module(api);
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
    let docs = readme_docs();
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

/// The crate root of an API without operations: its types (and webhooks).
fn types_only(api: &Api) -> TokenStream {
    let webhooks = webhooks_module(api);
    let docs = readme_docs();
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

/// The `webhooks` module's declaration, when the spec has webhooks.
fn webhooks_module(api: &Api) -> Option<TokenStream> {
    (!api.webhooks.is_empty()).then(|| quote!(pub mod webhooks;))
}

/// The crate docs: the README (`readme.rs`), whose examples are doctests.
fn readme_docs() -> TokenStream {
    quote!(#![doc = include_str!("../README.md")])
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
