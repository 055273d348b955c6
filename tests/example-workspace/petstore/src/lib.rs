// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! # Petstore
//!
//! A small pet store, the API of the example workspace.
//!
//! A client for version `1.0.0` of this API, generated from its OpenAPI document. Operations are methods of [`Client`]; the types they send and receive are in [`types`].
//!
//! ## Example
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = petstore::Client::new()?;
//! let params = petstore::types::ListPetsParams::default();
//! let response = client.list_pets(&params).await?;
//! println!("{:?}", response.body());
//! # Ok(())
//! # }
//! ```
//!
//! ## Behaviour
//!
//! - Every attempt has a timeout covering the whole request, from connecting until the body is read (30 s), and a connect timeout (10 s); set them with [`ClientBuilder`], or the former per call with [`RequestOptions`]. With retries, a call can take up to (retries + 1) × the timeout plus the backoff delays.
//! - Failed requests are retried twice by default, with exponential backoff and jitter, honouring `Retry-After` up to 60 s. Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried on connection failures, 408, 429 and 5xx. POST and PATCH are retried only when the request provably never reached the server (the connection could not be made), on 429 and 503, or when [`RequestOptions::retry_non_idempotent`] allows it. Errors report the number of attempts.
//! - Response bodies are read up to a bound (16 MiB by default); a larger body is [`Error::BodyTooLarge`].
//! - Requests are checked against the spec's constraints before anything is sent ([`Error::InvalidRequest`]); path parameters are percent-encoded so they can never change the path or add a query.
//! - Credentials are held as [`Secret`]s: no `Debug` or `Display` output, and no error message, contains them. Redirects are followed only within the same origin.
//! - Types implement `serde::Serialize` when requests send them and `serde::Deserialize` when responses carry them (or no operation uses them). The `full-serde` feature adds the other direction to every type.
//!
//! ## TLS
//!
//! Which TLS stack the client uses is yours to choose, with a cargo feature of this crate; each turns on one of reqwest's TLS features, so a program that already uses reqwest builds one TLS stack, not two:
//!
//! - `rustls` (the default): rustls with its default crypto provider, aws-lc-rs, which offers post-quantum key exchange (X25519MLKEM768). Building aws-lc needs a C compiler, and CMake on some targets.
//! - `rustls-ring`: rustls on the *ring* crypto provider, for targets where aws-lc does not build. *ring* has no post-quantum key exchange (only X25519 and the NIST curves) and no FIPS mode. The client uses the program's rustls provider when it installed one (`rustls::crypto::CryptoProvider::install_default`), else *ring*. If another crate of the program turns on rustls's `aws-lc-rs` feature too, rustls cannot choose between them on its own and panics: install a provider at the start of `main`, or use `rustls`.
//! - `native-tls`: the platform's TLS library (OpenSSL on Linux, the Security framework on macOS, SChannel on Windows).
//!
//! Certificates are checked against the platform's roots (with rustls, by the platform's verifier), and checking cannot be turned off; [`ClientBuilder::add_root_certificate`] trusts one more root. With several of these features on, `native-tls` wins, then `rustls`. With none (`default-features = false` without one of them), the client speaks plain HTTP only: an `https` base URL is [`BuildError::NoTls`], unless a `reqwest::Client` is given to [`ClientBuilder::http_client`], which always keeps its own TLS settings.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
mod runtime;
pub mod types;

pub use client::{Client, ClientBuilder};
pub use runtime::{
    ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName,
    HeaderValue, InvalidRequest, MissingCredentials, Nullable, RequestOptions, Response,
    Secret, StatusCode, Timeout, Transport, UnexpectedStatus,
};
#[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
pub use runtime::Certificate;
