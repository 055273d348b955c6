//! The OAuth 2 client credentials flow (RFC 6749 §4.4): the client asks the
//! spec's token endpoint for a token with its client id and secret, through
//! its own HTTP client and within its timeout, and the `token` module caches
//! and renews it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use super::{
    Core, DEFAULT_RENEW_BEFORE, Failure, Fetch, HeaderValue, Pending, ReadError, Request, Secret, Token, TokenSetting,
    base64_encode, read_bounded,
};

/// The bound on a token endpoint's response.
const MAX_TOKEN_RESPONSE_BYTES: usize = 64 * 1024;

/// How the client authenticates itself to the token endpoint (RFC 6749 §2.3.1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP basic authentication with the client id and secret (the default,
    /// which every authorization server must support).
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body.
    RequestBody,
}

/// The settings of the OAuth 2 client credentials flow: the client id and
/// secret, and what can differ from the spec and the defaults.
///
/// Its `Debug` output shows neither the id nor the secret.
#[derive(Clone)]
pub struct ClientCredentials {
    client_id: Secret,
    client_secret: Secret,
    scopes: Option<Vec<String>>,
    auth: ClientAuth,
    token_url: Option<String>,
    renew_before: Duration,
}

impl ClientCredentials {
    /// The flow with this client id and secret, the spec's token URL, the scopes
    /// each operation requires, and HTTP basic client authentication.
    pub fn new(client_id: impl Into<Secret>, client_secret: impl Into<Secret>) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: None,
            auth: ClientAuth::Basic,
            token_url: None,
            renew_before: DEFAULT_RENEW_BEFORE,
        }
    }

    /// Asks for these scopes for every operation, instead of the scopes each
    /// operation's security requirement lists (none: no `scope` parameter).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// How the client authenticates itself to the token endpoint.
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.auth = auth;
        self
    }

    /// Asks this token endpoint instead of the spec's (a relative URL is resolved
    /// against the base URL).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// How long before a token expires the client fetches the next one (default
    /// 30 s; at most half the token's lifetime).
    pub fn renew_before(mut self, margin: Duration) -> Self {
        self.renew_before = margin;
        self
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scopes", &self.scopes)
            .field("client_auth", &self.auth)
            .field("token_url", &self.token_url)
            .field("renew_before", &self.renew_before)
            .finish()
    }
}

impl Request {
    /// The scopes the operation's security requirement lists for its OAuth 2
    /// schemes, by scheme index.
    #[allow(dead_code, reason = "called by operations that list scopes; some APIs list none")]
    pub(crate) fn scopes(mut self, scopes: &'static [(usize, &'static [&'static str])]) -> Self {
        self.scopes = scopes;
        self
    }
}

impl TokenSetting {
    /// Tokens from the client credentials flow, at the spec's `token_url` unless
    /// the settings name another.
    pub(crate) fn client_credentials(token_url: &'static str, flow: ClientCredentials) -> Self {
        let renew_before = flow.renew_before;
        let token_url = flow.token_url.clone().unwrap_or_else(|| token_url.to_owned());
        TokenSetting::Fetched { fetch: Arc::new(Exchange { flow, token_url }), renew_before }
    }
}

/// The client credentials exchange.
struct Exchange {
    flow: ClientCredentials,
    token_url: String,
}

impl Fetch for Exchange {
    fn fetch<'a>(&'a self, core: &'a Core, scopes: &'a [&'static str]) -> Pending<'a> {
        Box::pin(self.exchange(core, scopes))
    }

    fn uses_scopes(&self) -> bool {
        self.flow.scopes.is_none()
    }

    fn is_valid(&self) -> bool {
        let sendable = |secret: &Secret| !secret.expose().is_empty() && !secret.expose().chars().any(char::is_control);
        sendable(&self.flow.client_id) && sendable(&self.flow.client_secret)
    }
}

/// The token endpoint's answer (RFC 6749 §5.1); `expires_in` is a number, or
/// from some servers a string of digits.
#[derive(Deserialize)]
struct Answer {
    access_token: Secret,
    #[serde(default)]
    expires_in: Option<Seconds>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Seconds {
    Number(f64),
    Text(String),
}

/// An error answer (RFC 6749 §5.2).
#[derive(Deserialize)]
struct Refusal {
    error: String,
}

/// The error codes of RFC 6749 §5.2: only these are repeated in an error message.
const ERROR_CODES: &[&str] = &[
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
];

impl Exchange {
    async fn exchange(&self, core: &Core, scopes: &[&str]) -> Result<Token, Failure> {
        let url = reqwest::Url::parse(&core.base_url)
            .and_then(|base| base.join(&self.token_url))
            .map_err(|_| Failure::new("the token URL is not a valid URL"))?;
        let mut body = String::from("grant_type=client_credentials");
        let scope = match &self.flow.scopes {
            Some(own) => own.join(" "),
            None => scopes.join(" "),
        };
        if !scope.is_empty() {
            body.push_str("&scope=");
            form_encode(&scope, &mut body);
        }
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        let headers = request.headers_mut();
        headers.insert(reqwest::header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static("application/json"));
        match self.flow.auth {
            ClientAuth::Basic => {
                // The id and secret are form-encoded first (RFC 6749 §2.3.1).
                let mut user_pass = String::new();
                form_encode(self.flow.client_id.expose(), &mut user_pass);
                user_pass.push(':');
                form_encode(self.flow.client_secret.expose(), &mut user_pass);
                let mut value = HeaderValue::from_str(&format!("Basic {}", base64_encode(user_pass.as_bytes())))
                    .map_err(|_| Failure::new("the client id or secret has characters HTTP cannot carry"))?;
                value.set_sensitive(true);
                headers.insert(reqwest::header::AUTHORIZATION, value);
            }
            ClientAuth::RequestBody => {
                body.push_str("&client_id=");
                form_encode(self.flow.client_id.expose(), &mut body);
                body.push_str("&client_secret=");
                form_encode(self.flow.client_secret.expose(), &mut body);
            }
        }
        *request.body_mut() = Some(body.into());
        let timeout = core.timeout;
        let answer = async {
            let response = core.http.execute(request).await.map_err(ReadError::Transport)?;
            let status = response.status();
            read_bounded(response, MAX_TOKEN_RESPONSE_BYTES).await.map(|body| (status, body))
        };
        let (status, body) = match tokio::time::timeout(timeout, answer).await {
            Err(_) => return Err(Failure::new(format!("the token endpoint did not answer within {timeout:?}"))),
            Ok(Err(ReadError::TooLarge)) => {
                return Err(Failure::new(format!(
                    "the token endpoint's answer is larger than {MAX_TOKEN_RESPONSE_BYTES} bytes"
                )));
            }
            Ok(Err(ReadError::Transport(error))) => {
                return Err(Failure {
                    reason: "the token endpoint could not be reached".to_owned(),
                    status: None,
                    source: Some(Box::new(error.without_url())),
                });
            }
            Ok(Ok(answer)) => answer,
        };
        if !status.is_success() {
            let code = serde_json::from_slice::<Refusal>(&body)
                .ok()
                .filter(|refusal| ERROR_CODES.contains(&refusal.error.as_str()))
                .map(|refusal| format!(" ({})", refusal.error))
                .unwrap_or_default();
            return Err(Failure {
                reason: format!("the token endpoint answered {status}{code}"),
                status: Some(status),
                source: None,
            });
        }
        let answer: Answer = serde_json::from_slice(&body).map_err(|_| Failure {
            reason: "the token endpoint's answer is not a JSON object with an `access_token` string".to_owned(),
            status: Some(status),
            source: None,
        })?;
        let mut token = Token::new(answer.access_token);
        let seconds = match answer.expires_in {
            Some(Seconds::Number(seconds)) => Some(seconds),
            Some(Seconds::Text(text)) => text.trim().parse::<f64>().ok(),
            None => None,
        };
        if let Some(seconds) = seconds.filter(|s| s.is_finite() && *s >= 0.0) {
            token = token.expires_in(Duration::from_secs_f64(seconds.min(u32::MAX as f64)));
        }
        Ok(token)
    }
}

/// Appends `value` encoded as `application/x-www-form-urlencoded` does (RFC 6749
/// Appendix B): alphanumerics and `*-._` as they are, a space as `+`, every other
/// byte as `%XX`.
fn form_encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
}
