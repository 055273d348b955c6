//! Signing hooks: a security scheme the spec cannot describe (HMAC request
//! signing, AWS Signature Version 4) signs each attempt of a request as it is
//! about to be sent, and adds the headers the signature travels in.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{BuildError, Credential, HeaderMap, HeaderName, HeaderValue, Scheme, Secret, credential};

/// A request about to be sent, as a [`Signer`] sees it: its method, URL,
/// headers and body; the signer adds headers.
///
/// The headers are the client's (defaults, parameters, credentials, content
/// type); the ones the HTTP stack adds as it sends (`Host` from the URL,
/// `Content-Length` from the body, `User-Agent`) are not among them.
pub struct SignRequest<'a> {
    method: &'a str,
    url: &'a str,
    headers: &'a mut HeaderMap,
    body: Option<&'a [u8]>,
}

impl SignRequest<'_> {
    /// The method, such as `POST`.
    pub fn method(&self) -> &str {
        self.method
    }

    /// The full URL, with its query string.
    pub fn url(&self) -> &str {
        self.url
    }

    /// The headers the request carries so far.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The body's bytes: `None` without a body, and for a body streamed as it
    /// is sent (sign it as unsigned payload).
    pub fn body(&self) -> Option<&[u8]> {
        self.body
    }

    /// Adds a header (replacing one of the same name), marked sensitive so that
    /// it is never shown.
    pub fn insert_header(&mut self, name: HeaderName, mut value: HeaderValue) {
        value.set_sensitive(true);
        self.headers.insert(name, value);
    }
}

/// Signs requests for a security scheme that the client cannot compute
/// itself. It is called for every attempt of every call whose operation uses
/// the scheme, after everything else is set.
pub trait Signer: Send + Sync + 'static {
    /// Signs the request, adding headers to it. An error fails the call, with
    /// [`Error::Credential`](crate::Error::Credential) holding it as its source.
    fn sign(
        &self,
        request: &mut SignRequest<'_>,
    ) -> impl Future<Output = Result<(), Box<dyn std::error::Error + Send + Sync>>> + Send;
}

/// A signing result on its way.
type Signing<'a> = Pin<Box<dyn Future<Output = Result<(), Box<dyn std::error::Error + Send + Sync>>> + Send + 'a>>;

/// [`Signer`], as the client holds it.
pub(crate) trait DynSigner: Send + Sync {
    fn sign_request<'a>(&'a self, request: &'a mut SignRequest<'_>) -> Signing<'a>;
}

impl<S: Signer> DynSigner for S {
    fn sign_request<'a>(&'a self, request: &'a mut SignRequest<'_>) -> Signing<'a> {
        Box::pin(self.sign(request))
    }
}

/// Signs one attempt.
pub(super) async fn sign(
    signer: &dyn DynSigner,
    attempt: &mut reqwest::Request,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut headers = std::mem::take(attempt.headers_mut());
    let result = {
        let mut request = SignRequest {
            method: attempt.method().as_str(),
            url: attempt.url().as_str(),
            headers: &mut headers,
            body: attempt.body().and_then(reqwest::Body::as_bytes),
        };
        signer.sign_request(&mut request).await
    };
    *attempt.headers_mut() = headers;
    result
}

/// The credential given to the builder for a scheme the client cannot compute:
/// a complete `Authorization` value, or a signer.
#[derive(Clone)]
pub(crate) enum SignSetting {
    Fixed(Secret),
    Signer(Arc<dyn DynSigner>),
}

impl SignSetting {
    /// Requests signed by `signer`.
    pub(crate) fn signer(signer: impl Signer) -> Self {
        SignSetting::Signer(Arc::new(signer))
    }
}

/// The credential a signing setting gives the scheme.
pub(crate) fn sign_credential(scheme: &'static Scheme, setting: &SignSetting) -> Result<Credential, BuildError> {
    match setting {
        SignSetting::Fixed(secret) => credential(scheme, secret, None),
        SignSetting::Signer(signer) => Ok(Credential::Sign(Arc::clone(signer))),
    }
}
