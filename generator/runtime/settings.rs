//! Client settings and their defaults, building the HTTP client (its TLS and
//! redirect policy), the client core every operation goes through, and
//! per-call options.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A root certificate for [`ClientBuilder::add_root_certificate`](crate::ClientBuilder::add_root_certificate),
/// read from PEM or DER (`Certificate::from_pem`, `Certificate::from_der`).
#[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
pub use reqwest::Certificate;

use super::{Credential, HeaderMap, HeaderName, HeaderValue, Middleware, Scheme, default_request_id_headers};

/// Default timeout of each attempt: from connecting until the response body is read.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default timeout for establishing a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default delay before the first retry; it doubles on each later retry.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(250);
/// Default upper bound of the exponential backoff.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(8);
/// Default longest `Retry-After` the client waits for; a longer one ends the retries.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Default bound on the size of a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// Default longest wait for more of a streamed response body, once it has started.
#[cfg(feature = "stream")]
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default bound on the size of one line, and of one event's data, of an event stream.
#[cfg(feature = "sse")]
pub const DEFAULT_MAX_EVENT_BYTES: usize = 1024 * 1024;

/// An error building a client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not an absolute `http` or `https` URL.
    #[error("invalid base URL: {0}")]
    InvalidBaseUrl(String),
    /// No base URL was given and the spec declares no absolute server URL.
    #[error("no base URL: the spec declares no absolute server URL, so set one with `ClientBuilder::base_url`")]
    MissingBaseUrl,
    /// A credential is empty, or contains characters that cannot be sent (such
    /// as CR or LF). The value itself is never shown.
    #[error(
        "the credential for security scheme `{scheme}` is empty or contains characters that cannot be sent in HTTP"
    )]
    InvalidCredential {
        /// The security scheme's name in the spec.
        scheme: &'static str,
    },
    /// The HTTP client could not be built (for example, TLS initialisation failed).
    #[error("cannot build the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
    /// The base URL is `https`, but this crate was built without a TLS feature
    /// (`rustls`, `rustls-ring` or `native-tls`) and no HTTP client was given.
    #[error(
        "the base URL is https, but this crate was built without TLS: turn on its `rustls`, `rustls-ring` or `native-tls` feature, or give a client to `ClientBuilder::http_client`"
    )]
    NoTls,
}

/// Settings shared by every request of a client, set through its builder.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) base_url: Option<String>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) max_response_bytes: usize,
    #[cfg(feature = "stream")]
    pub(crate) idle_timeout: Duration,
    #[cfg(feature = "sse")]
    pub(crate) max_event_bytes: usize,
    pub(crate) user_agent: String,
    pub(crate) headers: HeaderMap,
    pub(crate) request_id_headers: Vec<HeaderName>,
    pub(crate) middleware: Vec<Arc<dyn Middleware>>,
    pub(crate) http: Option<reqwest::Client>,
    #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
    pub(crate) root_certificates: Vec<Certificate>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        let mut out = f.debug_struct("Settings");
        out.field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("user_agent", &self.user_agent)
            .field("headers", &headers)
            .field("middleware", &self.middleware.len())
            .field("custom_http_client", &self.http.is_some());
        #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
        out.field("root_certificates", &self.root_certificates.len());
        out.finish()
    }
}

impl Settings {
    pub(crate) fn new(default_base_url: Option<&str>) -> Self {
        Settings {
            base_url: default_base_url.map(str::to_owned),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            #[cfg(feature = "stream")]
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            #[cfg(feature = "sse")]
            max_event_bytes: DEFAULT_MAX_EVENT_BYTES,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")).to_owned(),
            headers: HeaderMap::new(),
            request_id_headers: default_request_id_headers(),
            middleware: Vec::new(),
            http: None,
            #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
            root_certificates: Vec::new(),
        }
    }

    /// Validates the settings and builds the shared core of a client.
    pub(crate) fn build(
        self,
        schemes: &'static [Scheme],
        credentials: Vec<Option<Credential>>,
    ) -> Result<Core, BuildError> {
        let base_url = self.base_url.as_deref().ok_or(BuildError::MissingBaseUrl)?;
        let parsed = reqwest::Url::parse(base_url).map_err(|e| BuildError::InvalidBaseUrl(e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
            return Err(BuildError::InvalidBaseUrl(format!("`{}` is not an http or https URL", parsed.scheme())));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BuildError::InvalidBaseUrl("a base URL cannot have a query or fragment".to_owned()));
        }
        let base_url = base_url.trim_end_matches('/').to_owned();
        #[cfg(not(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring")))]
        if self.http.is_none() && parsed.scheme() == "https" {
            return Err(BuildError::NoTls);
        }
        let http = match &self.http {
            Some(http) => http.clone(),
            None => self.http_client(same_origin_redirects())?,
        };
        #[cfg(feature = "redirect")]
        let http_returning_redirects = match &self.http {
            Some(http) => http.clone(),
            None => self.http_client(reqwest::redirect::Policy::none())?,
        };
        Ok(Core {
            base_url,
            http,
            #[cfg(feature = "redirect")]
            http_returning_redirects,
            timeout: self.timeout,
            max_retries: self.max_retries,
            initial_backoff: self.initial_backoff,
            max_backoff: self.max_backoff,
            max_retry_after: self.max_retry_after,
            max_response_bytes: self.max_response_bytes,
            #[cfg(feature = "stream")]
            idle_timeout: self.idle_timeout,
            #[cfg(feature = "sse")]
            max_event_bytes: self.max_event_bytes,
            headers: self.headers,
            request_id_headers: self.request_id_headers,
            middleware: self.middleware,
            schemes,
            credentials,
        })
    }

    /// The HTTP client these settings describe, with the redirect policy `redirects`.
    fn http_client(&self, redirects: reqwest::redirect::Policy) -> Result<reqwest::Client, BuildError> {
        let builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent.clone())
            .redirect(redirects);
        #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
        let builder = builder.tls_certs_merge(self.root_certificates.iter().cloned());
        #[cfg(all(feature = "rustls-ring", not(feature = "rustls"), not(feature = "native-tls")))]
        use_process_crypto_provider();
        builder.build().map_err(BuildError::Http)
    }
}

/// With `rustls-ring`, reqwest (through its `rustls-no-provider` feature) builds
/// rustls on the process's crypto provider: the one the program installed with
/// `rustls::crypto::CryptoProvider::install_default`, else the one rustls's crate
/// features name, *ring*, which rustls installs when a configuration is first built.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls"), not(feature = "native-tls")))]
fn use_process_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Starting a configuration is what installs it; the configuration is not needed.
        let _ = rustls::ClientConfig::builder();
    }
}

/// Follows up to five redirects, and only within the same origin, so that
/// credentials are never sent to another host.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > 5 || !same_origin { attempt.stop() } else { attempt.follow() }
    })
}

/// The shared state of a client: HTTP connection pool, settings, credentials.
pub(crate) struct Core {
    pub(crate) base_url: String,
    pub(super) http: reqwest::Client,
    /// The same client, but following no redirect: for the calls that return them.
    #[cfg(feature = "redirect")]
    pub(super) http_returning_redirects: reqwest::Client,
    pub(super) timeout: Duration,
    pub(super) max_retries: u32,
    pub(super) initial_backoff: Duration,
    pub(super) max_backoff: Duration,
    pub(super) max_retry_after: Duration,
    pub(super) max_response_bytes: usize,
    #[cfg(feature = "stream")]
    pub(super) idle_timeout: Duration,
    #[cfg(feature = "sse")]
    pub(super) max_event_bytes: usize,
    pub(super) headers: HeaderMap,
    /// The response headers that carry the server's request id, in order.
    pub(super) request_id_headers: Vec<HeaderName>,
    /// The middleware every attempt goes through, in the order added.
    pub(super) middleware: Vec<Arc<dyn Middleware>>,
    pub(super) schemes: &'static [Scheme],
    pub(super) credentials: Vec<Option<Credential>>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let configured: Vec<&str> = self
            .schemes
            .iter()
            .zip(&self.credentials)
            .filter(|(_, credential)| credential.is_some())
            .map(|(scheme, _)| scheme.name)
            .collect();
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &configured)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Options for one call, overriding the client's settings without changing it.
/// Apply them with `Client::with_options`.
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(super) timeout: Option<Duration>,
    pub(super) max_retries: Option<u32>,
    pub(super) retry_non_idempotent: bool,
    pub(super) headers: HeaderMap,
    #[cfg(feature = "stream")]
    pub(super) idle_timeout: Option<Duration>,
    #[cfg(feature = "sse")]
    pub(super) max_event_bytes: Option<usize>,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// The timeout of each attempt of this call, from connecting until the response body is read.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times this call is retried after the first attempt; 0 disables retries.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Allow retrying a non-idempotent request (POST, PATCH) on any retryable
    /// failure, not only when it provably did not reach the server. Use it when
    /// the operation is idempotent in practice (for example, with an idempotency key).
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.retry_non_idempotent = allow;
        self
    }

    /// An extra header sent with this call; it replaces a client default header
    /// of the same name (adding the same name twice sends both values). Build the
    /// value with [`HeaderValue::from_str`], which refuses CR, LF and other invalid bytes.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// The longest wait for more of a streamed response body once it has started
    /// (the timeout covers the wait for its head). A stream silent for longer ends
    /// with an error.
    #[cfg(feature = "stream")]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = Some(timeout);
        self
    }

    /// The bound on one line, and on one event's data, of an event stream; a larger
    /// one ends the stream with an error.
    #[cfg(feature = "sse")]
    pub fn max_event_bytes(mut self, bytes: usize) -> Self {
        self.max_event_bytes = Some(bytes);
        self
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        let mut out = f.debug_struct("RequestOptions");
        out.field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_non_idempotent", &self.retry_non_idempotent)
            .field("headers", &names);
        #[cfg(feature = "stream")]
        out.field("idle_timeout", &self.idle_timeout);
        #[cfg(feature = "sse")]
        out.field("max_event_bytes", &self.max_event_bytes);
        out.finish()
    }
}
