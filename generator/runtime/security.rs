//! Security schemes, the credentials configured for them, and how a request
//! that requires credentials gets them.

use std::convert::Infallible;

use super::{Core, Error, HeaderMap, HeaderName, HeaderValue, MissingCredentials, Query, Request, Secret};

/// How a security scheme of the spec sends its credential.
#[allow(dead_code, reason = "the client constructs the kinds of the spec's schemes, rarely all of them")]
#[derive(Clone, Copy, Debug)]
pub(crate) enum SchemeKind {
    /// An API key in the named header.
    Header(&'static str),
    /// An API key in the named query parameter.
    Query(&'static str),
    /// An API key in the named cookie.
    Cookie(&'static str),
    /// `Authorization: Basic`.
    Basic,
    /// `Authorization: Bearer` (also OAuth 2 and OpenID Connect access tokens).
    Bearer,
}

/// A security scheme of the spec.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scheme {
    pub(crate) name: &'static str,
    #[allow(dead_code, reason = "read when a credential is configured, which an API without schemes never does")]
    pub(crate) kind: SchemeKind,
}

/// A configured credential, ready to send.
#[allow(dead_code, reason = "built by `credential`, which an API without security schemes does not have")]
#[derive(Clone)]
pub(crate) enum Credential {
    Header(HeaderName, HeaderValue),
    Query(&'static str, Secret),
    Cookie(&'static str, Secret),
    /// Bearer tokens, obtained as calls need them.
    #[cfg(feature = "token")]
    Token(std::sync::Arc<super::TokenCache>),
    /// A signer of the final request.
    #[cfg(feature = "sign")]
    Sign(std::sync::Arc<dyn super::DynSigner>),
}

impl Request {
    /// The security requirement of the operation: alternatives, each a set of
    /// indexes into the client's schemes that must all be configured.
    #[allow(dead_code, reason = "called by operations that require credentials; some APIs have none")]
    pub(crate) fn security(mut self, alternatives: &'static [&'static [usize]]) -> Self {
        self.security = alternatives;
        self
    }
}

impl Core {
    /// Adds the credentials of the first satisfied alternative of the
    /// operation's security requirement to the request.
    pub(super) fn apply_credentials(
        &self,
        alternatives: &[&[usize]],
        headers: &mut HeaderMap,
        query: &mut Query,
        cookies: &mut String,
    ) -> Result<(), Error<Infallible>> {
        if alternatives.is_empty() {
            return Ok(());
        }
        let chosen = alternatives
            .iter()
            .find(|alternative| alternative.iter().all(|&index| matches!(self.credentials.get(index), Some(Some(_)))));
        let Some(chosen) = chosen else {
            let wanted: Vec<String> = alternatives
                .iter()
                .map(|alternative| {
                    alternative
                        .iter()
                        .filter_map(|&index| self.schemes.get(index))
                        .map(|scheme| scheme.name)
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect();
            return Err(Error::MissingCredentials(MissingCredentials { required: wanted.join(" or ") }));
        };
        for &index in chosen.iter() {
            match self.credentials.get(index) {
                Some(Some(Credential::Header(name, value))) => {
                    headers.insert(name.clone(), value.clone());
                }
                Some(Some(Credential::Query(name, secret))) => query.pair(name, secret.expose()),
                Some(Some(Credential::Cookie(name, secret))) => {
                    if !cookies.is_empty() {
                        cookies.push_str("; ");
                    }
                    cookies.push_str(name);
                    cookies.push('=');
                    cookies.push_str(secret.expose());
                }
                _ => {}
            }
        }
        Ok(())
    }
}
