//! Bearer tokens the client obtains as calls need them: from a token source
//! the caller supplies (any OAuth 2 flow, OpenID Connect) or, with the `oauth2`
//! module, from the client credentials flow. A token is cached until shortly
//! before it expires, only one call at a time fetches one, and a `401` makes
//! the call fetch a new one once.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::{BuildError, Core, Credential, HeaderValue, Scheme, Secret, StatusCode, credential};

/// How long before a token expires the client fetches the next one (at most
/// half its lifetime), unless told otherwise.
pub const DEFAULT_RENEW_BEFORE: Duration = Duration::from_secs(30);

/// An access token, and how long it stays valid.
///
/// Its `Debug` output shows no token.
#[derive(Clone, Debug)]
pub struct Token {
    value: Secret,
    expires_in: Option<Duration>,
}

impl Token {
    /// A token sent as `Authorization: Bearer <value>`, valid until the server
    /// refuses it (a `401`), unless [`Token::expires_in`] says otherwise.
    pub fn new(value: impl Into<Secret>) -> Self {
        Token { value: value.into(), expires_in: None }
    }

    /// How long the token is valid from now on; the client asks for the next one
    /// a little earlier.
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        self.expires_in = Some(lifetime);
        self
    }
}

/// Where the client gets the bearer tokens of a security scheme: an OAuth 2
/// flow the client does not run itself (authorization code, device code, a
/// refresh token), OpenID Connect, or any store of tokens.
///
/// The client calls [`TokenSource::token`] when a call needs a token and it
/// has none, when the one it has expires (less a margin), and once more after
/// the server answers `401`. One call at a time: concurrent calls wait for the
/// token the first one gets (or share its error).
pub trait TokenSource: Send + Sync + 'static {
    /// A valid access token. An error fails the call that needed it, with
    /// [`Error::Credential`](crate::Error::Credential) holding it as its source.
    fn token(&self) -> impl Future<Output = Result<Token, Box<dyn std::error::Error + Send + Sync>>> + Send;
}

/// Why a token could not be had: what the call's [`CredentialError`](super::CredentialError) says.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(super) reason: String,
    pub(super) status: Option<StatusCode>,
    pub(super) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Failure {
    pub(super) fn new(reason: impl Into<String>) -> Self {
        Failure { reason: reason.into(), status: None, source: None }
    }
}

/// A token on its way.
pub(crate) type Pending<'a> = Pin<Box<dyn Future<Output = Result<Token, Failure>> + Send + 'a>>;

/// Where a token cache gets its tokens.
pub(crate) trait Fetch: Send + Sync {
    /// A new token, for these scopes when [`Fetch::uses_scopes`].
    fn fetch<'a>(&'a self, core: &'a Core, scopes: &'a [&'static str]) -> Pending<'a>;

    /// Whether tokens differ by the scopes of the operation.
    fn uses_scopes(&self) -> bool {
        false
    }

    /// Whether the settings can be sent at all (no empty or unsendable credential).
    fn is_valid(&self) -> bool {
        true
    }
}

/// A token source of the caller's.
struct Source<S>(S);

impl<S: TokenSource> Fetch for Source<S> {
    fn fetch<'a>(&'a self, _: &'a Core, _: &'a [&'static str]) -> Pending<'a> {
        Box::pin(async move {
            self.0.token().await.map_err(|source| Failure {
                reason: "the token source failed".to_owned(),
                status: None,
                source: Some(source),
            })
        })
    }
}

/// The bearer credential given to the builder for a scheme: a fixed token, or
/// where to get tokens.
#[derive(Clone)]
pub(crate) enum TokenSetting {
    Fixed(Secret),
    Fetched { fetch: Arc<dyn Fetch>, renew_before: Duration },
}

impl TokenSetting {
    /// Tokens from the caller's source.
    pub(crate) fn source(source: impl TokenSource) -> Self {
        TokenSetting::Fetched { fetch: Arc::new(Source(source)), renew_before: DEFAULT_RENEW_BEFORE }
    }
}

/// The credential a token setting gives the scheme.
pub(crate) fn token_credential(scheme: &'static Scheme, setting: &TokenSetting) -> Result<Credential, BuildError> {
    match setting {
        TokenSetting::Fixed(secret) => credential(scheme, secret, None),
        TokenSetting::Fetched { fetch, renew_before } => {
            if !fetch.is_valid() {
                return Err(BuildError::InvalidCredential { scheme: scheme.name });
            }
            Ok(Credential::Token(Arc::new(TokenCache {
                scheme: scheme.name,
                fetch: Arc::clone(fetch),
                renew_before: *renew_before,
                tokens: Mutex::new(Vec::new()),
                fetching: tokio::sync::Mutex::new(Fetched::default()),
                fetches: AtomicU64::new(0),
            })))
        }
    }
}

/// The tokens of one scheme of one client.
pub(crate) struct TokenCache {
    pub(super) scheme: &'static str,
    fetch: Arc<dyn Fetch>,
    renew_before: Duration,
    /// The tokens at hand, one per set of scopes.
    tokens: Mutex<Vec<Cached>>,
    /// Held by the one call that fetches a token; how the last fetch failed.
    fetching: tokio::sync::Mutex<Fetched>,
    /// How many fetches have ended.
    fetches: AtomicU64,
}

/// How the last fetch ended, for the calls that waited for it.
#[derive(Default)]
struct Fetched {
    /// The scopes it was for, why it failed, the token endpoint's status.
    failure: Option<(&'static [&'static str], String, Option<StatusCode>)>,
}

struct Cached {
    scopes: &'static [&'static str],
    header: HeaderValue,
    /// When to fetch the next one; never, for a token without an expiry.
    renew_at: Option<Instant>,
}

impl TokenCache {
    /// The `Authorization` value for a call of an operation with these scopes:
    /// the token at hand, else a new one (fetched by one call while the others wait).
    pub(super) async fn header(&self, core: &Core, scopes: &'static [&'static str]) -> Result<HeaderValue, Failure> {
        let scopes = if self.fetch.uses_scopes() { scopes } else { &[] };
        if let Some(header) = self.fresh(scopes) {
            return Ok(header);
        }
        let ended = self.fetches.load(Ordering::Acquire);
        let mut fetched = self.fetching.lock().await;
        // Another call may have fetched it meanwhile, or failed to: a call that
        // waited for a fetch shares its failure rather than trying again.
        if let Some(header) = self.fresh(scopes) {
            return Ok(header);
        }
        if let Some((failed, reason, status)) = &fetched.failure {
            if *failed == scopes && self.fetches.load(Ordering::Acquire) != ended {
                return Err(Failure { reason: reason.clone(), status: *status, source: None });
            }
        }
        let token = self.fetch.fetch(core, scopes).await;
        fetched.failure = token.as_ref().err().map(|failure| (scopes, failure.reason.clone(), failure.status));
        self.fetches.fetch_add(1, Ordering::Release);
        let token = token?;
        let unsendable = || Failure::new("the token is empty or has characters HTTP cannot carry");
        if token.value.expose().is_empty() {
            return Err(unsendable());
        }
        let mut header =
            HeaderValue::from_str(&format!("Bearer {}", token.value.expose())).map_err(|_| unsendable())?;
        header.set_sensitive(true);
        let renew_at = token
            .expires_in
            .map(|lifetime| Instant::now() + lifetime.saturating_sub(self.renew_before.min(lifetime / 2)));
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens.retain(|cached| cached.scopes != scopes);
        tokens.push(Cached { scopes, header: header.clone(), renew_at });
        Ok(header)
    }

    /// The token at hand for these scopes, while it is not due for renewal.
    fn fresh(&self, scopes: &[&str]) -> Option<HeaderValue> {
        let tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        tokens
            .iter()
            .find(|cached| cached.scopes == scopes && cached.renew_at.is_none_or(|at| now < at))
            .map(|cached| cached.header.clone())
    }

    /// Forgets the token `sent`, which the server refused (unless another call has
    /// replaced it already).
    pub(super) fn forget(&self, sent: &HeaderValue) {
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        tokens.retain(|cached| cached.header != *sent);
    }
}
