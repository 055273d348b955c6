// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The API client: configuration and one method per operation.
#![allow(deprecated)]

use std::sync::Arc;
use crate::runtime;

/// The security schemes of the spec, in order.
static SCHEMES: [runtime::Scheme; 0] = [];

/// A client for the Petstore API.
///
/// Cloning is cheap: clones share one connection pool. Each method sends one request (retrying as [`RequestOptions`] describes) and returns the typed response body, or an [`Error`](crate::Error) whose `Api` variant holds the typed body of a documented error status.
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
    pub const DEFAULT_BASE_URL: &'static str = "https://petstore.example.com/v1";

    /// A client with default settings for [`Client::DEFAULT_BASE_URL`].
    ///
    /// # Errors
    ///
    /// An `https` base URL in a build without a TLS feature, or a TLS initialisation failure.
    pub fn new() -> Result<Self, runtime::BuildError> {
        Self::builder().build()
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
    /// List the pets.
    ///
    /// `GET /pets`
    ///
    /// # Arguments
    ///
    /// - `params`: the query, header and cookie parameters (1 of them).
    ///
    /// # Responses
    ///
    /// - `200`: success. The pets.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = petstore::Client::new()?;
    /// let params = petstore::types::ListPetsParams::default();
    /// let response = client.list_pets(&params).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn list_pets(
        &self,
        params: &crate::types::ListPetsParams,
    ) -> Result<runtime::Response<Vec<crate::types::Pet>>, runtime::Error<()>> {
        let path = String::from("/pets");
        params.validate_at(&runtime::FieldPath::Root("params"))?;
        let mut query = runtime::Query::new();
        query.push("query", "limit", &params.limit, runtime::Style::Form.explode(true))?;
        let request = runtime::Request::new(runtime::Method::GET, path, "list_pets")
            .query(query);
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            200 => raw.json(),
            _ => Err(raw.unexpected()),
        }
    }

    /// Add a pet.
    ///
    /// `POST /pets`
    ///
    /// # Arguments
    ///
    /// - `body`: the request body, sent as `application/json`.
    ///
    /// # Responses
    ///
    /// - `201`: success. The pet, as stored.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(body: &petstore::types::NewPet) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = petstore::Client::new()?;
    /// let response = client.create_pet(body).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_pet(
        &self,
        body: &crate::types::NewPet,
    ) -> Result<runtime::Response<crate::types::Pet>, runtime::Error<()>> {
        let path = String::from("/pets");
        body.validate_at(&runtime::FieldPath::Root("body"))?;
        let request = runtime::Request::new(runtime::Method::POST, path, "create_pet")
            .body(runtime::json_body(body)?);
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            201 => raw.json(),
            _ => Err(raw.unexpected()),
        }
    }

    /// Get one pet.
    ///
    /// `GET /pets/{petId}`
    ///
    /// # Arguments
    ///
    /// - `pet_id`
    ///
    /// # Responses
    ///
    /// - `200`: success. The pet.
    /// - `404`: [`Error::Api`](crate::Error::Api). No pet has this id.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(pet_id: &uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = petstore::Client::new()?;
    /// let response = client.get_pet(pet_id).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn get_pet(
        &self,
        pet_id: &uuid::Uuid,
    ) -> Result<
        runtime::Response<crate::types::Pet>,
        runtime::Error<crate::types::Error>,
    > {
        let mut path = String::from("/pets/");
        runtime::push_path_param(&mut path, "petId", pet_id, runtime::Segment::Whole)?;
        let request = runtime::Request::new(runtime::Method::GET, path, "get_pet");
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
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let configured: [&str; 0] = [];
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

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// A credential with characters HTTP cannot carry (such as CR or LF), a missing
    /// or invalid base URL, or a TLS initialisation failure.
    pub fn build(self) -> Result<Client, runtime::BuildError> {
        let core = self.settings.build(&SCHEMES, Vec::new())?;
        Ok(Client {
            core: Arc::new(core),
            options: runtime::RequestOptions::default(),
        })
    }
}
