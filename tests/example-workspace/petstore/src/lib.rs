// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod client;
mod runtime;
pub mod types;

pub use client::{Client, ClientBuilder};
pub use runtime::{
    ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName,
    HeaderValue, InvalidRequest, Middleware, MiddlewareFuture, MissingCredentials, Next,
    Nullable, RequestOptions, Response, Secret, StatusCode, Timeout, Transport,
    UnexpectedStatus,
};
#[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
pub use runtime::Certificate;
