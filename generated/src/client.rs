// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The API client: configuration and one method per operation.
#![allow(deprecated)]

use std::sync::Arc;
use crate::runtime;

/// The security schemes of the spec, in order.
static SCHEMES: [runtime::Scheme; 2] = [
    runtime::Scheme {
        name: "ApiKey",
        kind: runtime::SchemeKind::Header("x-api-key"),
    },
    runtime::Scheme {
        name: "BearerToken",
        kind: runtime::SchemeKind::Bearer,
    },
];

const SECURITY_0: &[&[usize]] = &[&[0, 1]];

/// A client for the SendKit API.
///
/// Cloning is cheap: clones share one connection pool. Each method sends one request (retrying as [`RequestOptions`] describes) and returns the typed response body, or an [`Error`](crate::Error) whose `Api` variant holds the typed body of a documented error status.
///
/// Credentials:
/// - `ApiKey` ([`ClientBuilder::api_key`]), sent in the `x-api-key` header: Platform API key (sk_user_...) or Workspace API key (sk_...)
/// - `BearerToken` ([`ClientBuilder::bearer_token`]), sent as `Authorization: Bearer`: Bearer token. API key as Bearer token
///
/// # Errors
///
/// Every method returns [`Error::InvalidRequest`](crate::Error::InvalidRequest) before sending, when an argument breaks a constraint of the spec; [`Error::Api`](crate::Error::Api) for a documented error status; [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus), [`Error::Decode`](crate::Error::Decode), [`Error::Timeout`](crate::Error::Timeout) and the other variants for everything else.
#[derive(Clone)]
pub struct Client {
    core: Arc<runtime::Core>,
    options: runtime::RequestOptions,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.core, f)
    }
}

impl Client {
    /// The server the spec names, used when no other base URL is given.
    pub const DEFAULT_BASE_URL: &'static str = "https://api.sendkit.ai";

    /// A client with default settings for [`Client::DEFAULT_BASE_URL`] and the credentials every operation needs.
    ///
    /// # Errors
    ///
    /// A credential with characters HTTP cannot carry (such as CR or LF), an `https` base URL in a build without a TLS feature, or a TLS initialisation failure.
    pub fn new(
        api_key: impl Into<runtime::Secret>,
        bearer_token: impl Into<runtime::Secret>,
    ) -> Result<Self, runtime::BuildError> {
        Self::builder().api_key(api_key).bearer_token(bearer_token).build()
    }

    /// A builder for a client with other settings: base URL, timeouts,
    /// retries, response size bound, credentials.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client that applies `options` to every call made through it. The
    /// original client is not changed; both share one connection pool.
    pub fn with_options(&self, options: runtime::RequestOptions) -> Self {
        Client {
            core: Arc::clone(&self.core),
            options,
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.core.base_url
    }
}

impl Client {
    /// Update webhook
    ///
    /// Updates webhook fields. All fields are optional — only provided fields are changed.
    ///
    /// `PATCH /v1/webhooks/{id}`
    ///
    /// # Arguments
    ///
    /// - `id`: Resource ID (example: `example_string`)
    /// - `body`: the request body, sent as `application/json`. The fields to change; fields left out keep their current values.
    ///
    /// # Responses
    ///
    /// - `200`: success. The webhook, with the changes applied.
    /// - `404`: [`Error::Api`](crate::Error::Api). No webhook has this ID.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = sendkit::Client::new("YOUR_API_KEY", "YOUR_BEARER_TOKEN")?;
    /// let body = sendkit::types::UpdateWebhookRequest {
    ///     url: Some("https://new-endpoint.example.com/webhooks".to_owned()),
    ///     ..Default::default()
    /// };
    /// let response = client.update_webhook("example_string", &body).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// The spec's example of the `200` response decodes into its type:
    ///
    /// ```
    /// let body: sendkit::types::WebhookResponse = serde_json::from_str(r#"
    /// {
    ///   "success": true,
    ///   "data": {
    ///     "_id": "664a1b2c3d4e5f6a7b8c9d0e",
    ///     "workspaceId": "ws_123",
    ///     "name": "CRM Sync",
    ///     "url": "https://new-endpoint.example.com/webhooks",
    ///     "events": [
    ///       "email.replied",
    ///       "email.positive_reply"
    ///     ],
    ///     "secret": "a1b2c3d4e5f6...",
    ///     "retryAttempts": 3,
    ///     "timeoutMs": 10000,
    ///     "status": "active",
    ///     "createdBy": "user_123",
    ///     "createdAt": "2024-06-01T10:00:00.000Z",
    ///     "updatedAt": "2024-06-05T12:30:00.000Z"
    ///   }
    /// }
    /// "#)?;
    /// # let _ = body;
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    ///
    /// The spec's example of the `404` response decodes into its type:
    ///
    /// ```
    /// let body: sendkit::types::ErrorResponse = serde_json::from_str(r#"
    /// {
    ///   "error": "Not Found",
    ///   "message": "The requested resource was not found",
    ///   "code": 404
    /// }
    /// "#)?;
    /// # let _ = body;
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub async fn update_webhook(
        &self,
        id: &str,
        body: &crate::types::UpdateWebhookRequest,
    ) -> Result<
        runtime::Response<crate::types::WebhookResponse>,
        runtime::Error<crate::types::ErrorResponse>,
    > {
        let mut path = String::from("/v1/webhooks/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        body.validate_at(&runtime::FieldPath::Root("body"))?;
        let request = runtime::Request::new(
                runtime::Method::PATCH,
                path,
                "update_webhook",
            )
            .body(runtime::json_body(body)?)
            .security(SECURITY_0);
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            200 => raw.json(),
            404 => Err(raw.json_error(std::convert::identity)),
            _ => Err(raw.unexpected()),
        }
    }
}

/// Settings for a [`Client`]. Every setting has a default except the
/// credentials.
#[derive(Clone)]
pub struct ClientBuilder {
    settings: runtime::Settings,
    api_key: Option<runtime::Secret>,
    bearer_token: Option<runtime::Secret>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut configured = Vec::new();
        if self.api_key.is_some() {
            configured.push("ApiKey");
        }
        if self.bearer_token.is_some() {
            configured.push("BearerToken");
        }
        f.debug_struct("ClientBuilder")
            .field("settings", &self.settings)
            .field("credentials", &configured)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientBuilder {
    /// A builder with the default settings and no credentials.
    pub fn new() -> Self {
        ClientBuilder {
            settings: runtime::Settings::new(Some(Client::DEFAULT_BASE_URL)),
            api_key: None,
            bearer_token: None,
        }
    }

    /// The base URL, such as `https://api.example.com/v1`; paths of operations are appended to it.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.base_url = Some(base_url.into());
        self
    }

    /// The timeout of each attempt, from connecting until the response body is read (default 30 s).
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// The timeout for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// How many times a failed request is retried (default 2; 0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.settings.max_retries = retries;
        self
    }

    /// The delay before the first retry and the bound of the exponential backoff
    /// (defaults 250 ms and 8 s). Each delay is jittered within its upper half.
    pub fn retry_backoff(
        mut self,
        initial: std::time::Duration,
        max: std::time::Duration,
    ) -> Self {
        self.settings.initial_backoff = initial;
        self.settings.max_backoff = max;
        self
    }

    /// The longest `Retry-After` the client waits for (default 60 s); when a server
    /// asks for longer, the response is returned instead of retrying.
    pub fn max_retry_after(mut self, max: std::time::Duration) -> Self {
        self.settings.max_retry_after = max;
        self
    }

    /// The bound on a response body's size (default 16 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.settings.max_response_bytes = bytes;
        self
    }

    /// The `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.settings.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request. A header of the same name in a call's
    /// [`RequestOptions`](crate::RequestOptions) replaces it for that call.
    pub fn default_header(
        mut self,
        name: crate::HeaderName,
        value: crate::HeaderValue,
    ) -> Self {
        self.settings.headers.append(name, value);
        self
    }

    /// The response headers that carry the server's request id, tried in order; it is
    /// kept on [`Response::request_id`](crate::Response::request_id) and
    /// [`Error::request_id`](crate::Error::request_id), and printed in errors. The
    /// default: `x-request-id`, `request-id`, `x-amzn-requestid`, `x-amz-request-id`,
    /// `x-ms-request-id`, `x-github-request-id`.
    pub fn request_id_headers(
        mut self,
        names: impl IntoIterator<Item = crate::HeaderName>,
    ) -> Self {
        self.settings.request_id_headers = names.into_iter().collect();
        self
    }

    /// Adds middleware that every attempt of every call goes through (each retry
    /// again), after the middleware added before it: it sees the request on its
    /// way to the wire and the response on its way back. The client's retries,
    /// timeouts and redirect policy stay as they are.
    pub fn middleware(mut self, middleware: impl crate::Middleware) -> Self {
        self.settings.middleware.push(std::sync::Arc::new(middleware));
        self
    }

    /// Sends requests through this `reqwest` client instead of one built from these
    /// settings (the timeouts and retries still apply; the connect timeout, user
    /// agent, redirect policy and TLS settings are the given client's own).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.settings.http = Some(client);
        self
    }

    /// Trusts this root certificate too, besides the platform's (a private
    /// certificate authority, or a test server's own certificate); call it again
    /// for each one. Read it with [`Certificate::from_pem`](crate::Certificate::from_pem)
    /// or [`Certificate::from_der`](crate::Certificate::from_der). A client given
    /// to [`http_client`](Self::http_client) keeps its own roots.
    #[cfg(any(feature = "native-tls", feature = "rustls", feature = "rustls-ring"))]
    pub fn add_root_certificate(mut self, certificate: crate::Certificate) -> Self {
        self.settings.root_certificates.push(certificate);
        self
    }

    /// The credential for the `ApiKey` security scheme.
    ///
    /// Platform API key (sk_user_...) or Workspace API key (sk_...)
    pub fn api_key(mut self, value: impl Into<runtime::Secret>) -> Self {
        self.api_key = Some(value.into());
        self
    }

    /// The credential for the `BearerToken` security scheme.
    ///
    /// Bearer token. API key as Bearer token
    pub fn bearer_token(mut self, value: impl Into<runtime::Secret>) -> Self {
        self.bearer_token = Some(value.into());
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// A credential with characters HTTP cannot carry (such as CR or LF), a missing
    /// or invalid base URL, or a TLS initialisation failure.
    pub fn build(self) -> Result<Client, runtime::BuildError> {
        let credentials = [
            self
                .api_key
                .as_ref()
                .map(|secret| runtime::credential(&SCHEMES[0], secret, None))
                .transpose()?,
            self
                .bearer_token
                .as_ref()
                .map(|secret| runtime::credential(&SCHEMES[1], secret, None))
                .transpose()?,
        ];
        let core = self.settings.build(&SCHEMES, Vec::from(credentials))?;
        Ok(Client {
            core: Arc::new(core),
            options: runtime::RequestOptions::default(),
        })
    }
}
