//! The credentials a request gets as each attempt is sent: bearer tokens
//! (from a token source or the OAuth 2 client credentials flow), renewed once
//! when the server answers `401`, and signatures of the final request.

use std::convert::Infallible;
use std::fmt;

use super::{Core, Credential, Error, Request, StatusCode};
#[cfg(feature = "sign")]
use super::{DynSigner, sign};
#[cfg(feature = "token")]
use super::{HeaderValue, TokenCache};

/// A credential could not be obtained or applied: the token endpoint refused or
/// failed, a token source or a signer returned an error.
///
/// It names the security scheme; it never repeats a secret, a token or the
/// token endpoint's response body (the error code of RFC 6749 aside).
pub struct CredentialError {
    scheme: &'static str,
    reason: String,
    status: Option<StatusCode>,
    attempts: u32,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl CredentialError {
    /// The security scheme's name in the spec.
    pub fn scheme(&self) -> &str {
        self.scheme
    }

    /// What went wrong.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The status the token endpoint answered, when it answered.
    pub fn token_status(&self) -> Option<StatusCode> {
        self.status
    }

    /// How many attempts of the call were sent before this one failed.
    pub(super) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The error of the token source, the signer or the connection.
    pub(super) fn cause(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|source| &**source as &(dyn std::error::Error + 'static))
    }
}

impl fmt::Display for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credential for security scheme `{}`: {}", self.scheme, self.reason)
    }
}

impl fmt::Debug for CredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialError")
            .field("scheme", &self.scheme)
            .field("reason", &self.reason)
            .field("token_status", &self.status)
            .field("attempts", &self.attempts)
            .field("source", &self.source)
            .finish()
    }
}

/// The credentials of one call that are settled per attempt.
pub(crate) struct Auth<'a> {
    #[cfg(feature = "token")]
    core: &'a Core,
    #[cfg(feature = "token")]
    tokens: Vec<Sent<'a>>,
    #[cfg(feature = "token")]
    renewed: bool,
    #[cfg(feature = "sign")]
    signers: Vec<(&'static str, &'a dyn DynSigner)>,
}

/// A token credential of the call, and the token its last attempt sent.
#[cfg(feature = "token")]
struct Sent<'a> {
    cache: &'a TokenCache,
    scopes: &'static [&'static str],
    header: Option<HeaderValue>,
}

impl Core {
    /// The credentials of `request` settled per attempt: those of the first
    /// alternative of its security requirement that is configured (as
    /// `apply_credentials` chooses).
    pub(crate) fn auth(&self, request: &Request) -> Auth<'_> {
        let mut auth = Auth {
            #[cfg(feature = "token")]
            core: self,
            #[cfg(feature = "token")]
            tokens: Vec::new(),
            #[cfg(feature = "token")]
            renewed: false,
            #[cfg(feature = "sign")]
            signers: Vec::new(),
        };
        let chosen = request
            .security
            .iter()
            .find(|alternative| alternative.iter().all(|&index| matches!(self.credentials.get(index), Some(Some(_)))));
        for &index in chosen.copied().unwrap_or(&[]) {
            let credential = self.credentials.get(index);
            #[cfg(feature = "token")]
            if let Some(Some(Credential::Token(cache))) = credential {
                let scopes = request.scopes.iter().find(|(scheme, _)| *scheme == index).map_or(&[][..], |(_, s)| *s);
                auth.tokens.push(Sent { cache, scopes, header: None });
            }
            #[cfg(feature = "sign")]
            if let Some(Some(Credential::Sign(signer))) = credential {
                auth.signers.push((self.schemes[index].name, &**signer));
            }
        }
        auth
    }
}

impl Auth<'_> {
    /// Adds the call's tokens and signatures to one attempt, `made` attempts
    /// having been sent before it.
    pub(crate) async fn apply(&mut self, attempt: &mut reqwest::Request, made: u32) -> Result<(), Error<Infallible>> {
        #[cfg(feature = "token")]
        for sent in &mut self.tokens {
            let header = sent.cache.header(self.core, sent.scopes).await.map_err(|failure| {
                Error::Credential(Box::new(CredentialError {
                    scheme: sent.cache.scheme,
                    reason: failure.reason,
                    status: failure.status,
                    attempts: made,
                    source: failure.source,
                }))
            })?;
            attempt.headers_mut().insert(reqwest::header::AUTHORIZATION, header.clone());
            sent.header = Some(header);
        }
        #[cfg(feature = "sign")]
        for (scheme, signer) in &self.signers {
            sign(*signer, attempt).await.map_err(|source| {
                Error::Credential(Box::new(CredentialError {
                    scheme,
                    reason: "the signer failed".to_owned(),
                    status: None,
                    attempts: made,
                    source: Some(source),
                }))
            })?;
        }
        Ok(())
    }

    /// After a `401`: forgets the tokens the attempt sent, the first time only.
    /// Whether the request is to be sent again, with new tokens.
    pub(crate) fn renew(&mut self) -> bool {
        #[cfg(feature = "token")]
        if !self.renewed && !self.tokens.is_empty() {
            self.renewed = true;
            for sent in &self.tokens {
                if let Some(header) = &sent.header {
                    sent.cache.forget(header);
                }
            }
            return true;
        }
        false
    }
}
