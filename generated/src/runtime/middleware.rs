// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The seam between a client and the wire: [`Middleware`] a caller adds on the
//! builder, which sees every attempt of every call (each retry again) as a
//! `reqwest::Request` on its way out and its `reqwest::Response` on the way
//! back. The client's own rules stay outside it: the retries, each attempt's
//! timeout and the redirect policy (applied by the HTTP client under the
//! chain) are the same with middleware as without. A client without middleware
//! sends straight through the HTTP client.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::Core;

/// What a [`Middleware`] returns: the response of an attempt, or its failure.
pub type MiddlewareFuture<'a> = Pin<Box<dyn Future<Output = Result<reqwest::Response, reqwest::Error>> + Send + 'a>>;

/// Code between the client and the wire, added with `ClientBuilder::middleware`:
/// it may change the request (add a header, sign it), pass it on with
/// [`Next::run`] or answer it itself, and look at or change the response.
///
/// ```ignore
/// struct Stamp;
/// impl Middleware for Stamp {
///     fn handle<'a>(&'a self, mut request: reqwest::Request, next: Next<'a>) -> MiddlewareFuture<'a> {
///         request.headers_mut().insert("x-client", HeaderValue::from_static("billing"));
///         next.run(request)
///     }
/// }
/// ```
pub trait Middleware: Send + Sync + 'static {
    /// Handles one attempt.
    fn handle<'a>(&'a self, request: reqwest::Request, next: Next<'a>) -> MiddlewareFuture<'a>;
}

/// The rest of the chain after a [`Middleware`]: the middleware added after it,
/// then the HTTP client.
pub struct Next<'a> {
    client: &'a reqwest::Client,
    rest: &'a [Arc<dyn Middleware>],
}

impl<'a> Next<'a> {
    /// Sends the request through the rest of the chain.
    pub fn run(self, request: reqwest::Request) -> MiddlewareFuture<'a> {
        match self.rest.split_first() {
            Some((first, rest)) => first.handle(request, Next { client: self.client, rest }),
            None => Box::pin(self.client.execute(request)),
        }
    }
}

impl Core {
    /// Sends one attempt through the middleware, if any, and `http`.
    pub(super) async fn send(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, reqwest::Error> {
        if self.middleware.is_empty() {
            return http.execute(request).await;
        }
        Next { client: http, rest: &self.middleware }.run(request).await
    }
}
