// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! The API client: configuration and one method per operation.
#![allow(deprecated)]

use std::sync::Arc;
use crate::runtime;

/// The security schemes of the spec, in order.
static SCHEMES: [runtime::Scheme; 0] = [];

/// A client for the Streams API.
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
    pub const DEFAULT_BASE_URL: &'static str = "https://api.streams.example.com/v1";

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
    /// Creates a completion.
    ///
    /// `POST /chat/completions`
    ///
    /// # Arguments
    ///
    /// - `body`: the request body, sent as `application/json`.
    ///
    /// # Responses
    ///
    /// - `200`: success. The completion, or its chunks as server-sent events when `stream` is true.
    /// - `400`: [`Error::Api`](crate::Error::Api). The request is invalid.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(body: &streams::types::CompletionRequest) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let response = client.create_completion(body).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_completion(
        &self,
        body: &crate::types::CompletionRequest,
    ) -> Result<
        runtime::Response<crate::types::Completion>,
        runtime::Error<crate::types::Problem>,
    > {
        let path = String::from("/chat/completions");
        let request = runtime::Request::new(
                runtime::Method::POST,
                path,
                "create_completion",
            )
            .body(runtime::json_body(body)?);
        let request = request.accept("application/json");
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            200 => raw.json(),
            400 => Err(raw.json_error(std::convert::identity)),
            _ => Err(raw.unexpected()),
        }
    }

    /// [`Client::create_completion`], answered with server-sent events: it sends the body with `stream` set to `true`, asks for `text/event-stream`, and returns the events as they arrive.
    ///
    /// The stream ends after a `[DONE]` event or when the server ends it between events. Each item is an event or an error: an event whose data does not decode is an [`Error::Stream`](crate::Error::Stream) item holding its raw data, and the stream goes on; a stall longer than the idle timeout, a connection that breaks off and an event larger than the bound end it with an error that says how many events arrived.
    ///
    /// `POST /chat/completions`
    ///
    /// # Errors
    ///
    /// As [`Client::create_completion`] before the answer starts; see [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(body: &streams::types::CompletionRequest) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let mut events = client.create_completion_stream(body).await?;
    /// while let Some(event) = events.next_event().await {
    ///     println!("{:?}", event?.data());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_completion_stream(
        &self,
        body: &crate::types::CompletionRequest,
    ) -> Result<
        runtime::EventStream<crate::types::CompletionChunk, crate::types::Problem>,
        runtime::Error<crate::types::Problem>,
    > {
        let mut body = body.clone();
        body.stream = Some(runtime::Nullable::Value(true));
        let body = &body;
        let path = String::from("/chat/completions");
        let request = runtime::Request::new(
                runtime::Method::POST,
                path,
                "create_completion",
            )
            .body(runtime::json_body(body)?);
        let request = request.accept("text/event-stream");
        let response = self
            .core
            .open(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        if !matches!(response.status(), 200) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return match raw.status() {
                400 => Err(raw.json_error(std::convert::identity)),
                _ => Err(raw.unexpected()),
            };
        }
        Ok(response.events(runtime::json_event))
    }

    /// Streams the events of a response.
    ///
    /// `GET /responses/{id}/events`
    ///
    /// # Arguments
    ///
    /// - `id`
    ///
    /// # Responses
    ///
    /// - `200`: success. The response's events, as server-sent events.
    /// - `404`: [`Error::Api`](crate::Error::Api). No such response.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let mut events = client.stream_response("id").await?;
    /// while let Some(event) = events.next_event().await {
    ///     println!("{:?}", event?.data());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn stream_response(
        &self,
        id: &str,
    ) -> Result<
        runtime::EventStream<crate::types::ResponseEvent, crate::types::Problem>,
        runtime::Error<crate::types::Problem>,
    > {
        let mut path = String::from("/responses/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        path.push_str("/events");
        let request = runtime::Request::new(
            runtime::Method::GET,
            path,
            "stream_response",
        );
        let request = request.accept("text/event-stream");
        let response = self
            .core
            .open(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        if !matches!(response.status(), 200) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return match raw.status() {
                404 => Err(raw.json_error(std::convert::identity)),
                _ => Err(raw.unexpected()),
            };
        }
        Ok(response.events(runtime::json_event))
    }

    /// Streams the events of a run, keyed by the SSE `event` field.
    ///
    /// `GET /runs/{id}/events`
    ///
    /// # Arguments
    ///
    /// - `id`
    ///
    /// # Responses
    ///
    /// - `200`: success. The run's events.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let mut events = client.stream_run("id").await?;
    /// while let Some(event) = events.next_event().await {
    ///     println!("{:?}", event?.data());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn stream_run(
        &self,
        id: &str,
    ) -> Result<runtime::EventStream<crate::types::RunEvent, ()>, runtime::Error<()>> {
        let mut path = String::from("/runs/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        path.push_str("/events");
        let request = runtime::Request::new(runtime::Method::GET, path, "stream_run");
        let request = request.accept("text/event-stream");
        let response = self
            .core
            .open(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        if !matches!(response.status(), 200) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return Err(raw.unexpected());
        }
        Ok(response.events(runtime::keyed_event))
    }

    /// Streams log lines as text events.
    ///
    /// `GET /logs`
    ///
    /// # Responses
    ///
    /// - `200`: success. One event per log line.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let mut events = client.tail_logs().await?;
    /// while let Some(event) = events.next_event().await {
    ///     println!("{:?}", event?.data());
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn tail_logs(
        &self,
    ) -> Result<runtime::EventStream<String, ()>, runtime::Error<()>> {
        let path = String::from("/logs");
        let request = runtime::Request::new(runtime::Method::GET, path, "tail_logs");
        let request = request.accept("text/event-stream");
        let response = self
            .core
            .open(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        if !matches!(response.status(), 200) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return Err(raw.unexpected());
        }
        Ok(response.events(runtime::text_event))
    }

    /// Downloads a file's contents.
    ///
    /// `GET /files/{id}/content`
    ///
    /// # Arguments
    ///
    /// - `id`
    ///
    /// # Responses
    ///
    /// - `200`: success. The file's bytes.
    /// - `404`: [`Error::Api`](crate::Error::Api). No such file.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let response = client.download_file("id").await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn download_file(
        &self,
        id: &str,
    ) -> Result<runtime::Response<Vec<u8>>, runtime::Error<crate::types::Problem>> {
        let mut path = String::from("/files/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        path.push_str("/content");
        let request = runtime::Request::new(runtime::Method::GET, path, "download_file");
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            200 => raw.bytes(),
            404 => Err(raw.json_error(std::convert::identity)),
            _ => Err(raw.unexpected()),
        }
    }

    /// [`Client::download_file`], with the binary body read as it arrives: a stream of byte chunks.
    ///
    /// The response size bound (`max_response_bytes`) is for bodies held in memory and does not apply: bound the stream with [`ByteStream::max_bytes`](crate::ByteStream::max_bytes). The idle timeout bounds each wait for more.
    ///
    /// `GET /files/{id}/content`
    ///
    /// # Errors
    ///
    /// As [`Client::download_file`] before the answer starts; see [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let mut body = client.download_file_stream("id").await?;
    /// let mut length = 0;
    /// while let Some(chunk) = body.next_chunk().await {
    ///     length += chunk?.len();
    /// }
    /// println!("{length} bytes");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn download_file_stream(
        &self,
        id: &str,
    ) -> Result<
        runtime::ByteStream<crate::types::Problem>,
        runtime::Error<crate::types::Problem>,
    > {
        let mut path = String::from("/files/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        path.push_str("/content");
        let request = runtime::Request::new(runtime::Method::GET, path, "download_file");
        let response = self
            .core
            .open(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        if !matches!(response.status(), 200) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return match raw.status() {
                404 => Err(raw.json_error(std::convert::identity)),
                _ => Err(raw.unexpected()),
            };
        }
        Ok(response.bytes())
    }

    /// Uploads a file.
    ///
    /// `POST /files`
    ///
    /// # Arguments
    ///
    /// - `body`: the request body, sent as `multipart/form-data`.
    ///
    /// # Responses
    ///
    /// - `200`: success. The file's record.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(body: &streams::types::CreateFileBody) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let response = client.create_file(body).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_file(
        &self,
        body: &crate::types::CreateFileBody,
    ) -> Result<runtime::Response<crate::types::FileRecord>, runtime::Error<()>> {
        let path = String::from("/files");
        let parts = Vec::from([
            runtime::Part::file("file", "file", &body.file),
            runtime::Part::text(
                "purpose",
                runtime::part_text("body.purpose", &body.purpose)?,
            ),
        ]);
        let request = runtime::Request::new(runtime::Method::POST, path, "create_file")
            .payload(runtime::multipart_body(parts));
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

    /// Attaches files; the spec describes no field of the form.
    ///
    /// `POST /attachments`
    ///
    /// # Arguments
    ///
    /// - `body`: the request body, sent as `multipart/form-data`, with the parts you name (the spec describes none).
    ///
    /// # Responses
    ///
    /// - `204`: success. Attached.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let form = streams::MultipartForm::new().text("name", "value").file("file", "report.pdf", Vec::from(*b"%PDF"));
    /// let response = client.add_attachment(&form).await?;
    /// println!("{}", response.status());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn add_attachment(
        &self,
        body: &runtime::MultipartForm,
    ) -> Result<runtime::Response<()>, runtime::Error<()>> {
        let path = String::from("/attachments");
        let request = runtime::Request::new(
                runtime::Method::POST,
                path,
                "add_attachment",
            )
            .payload(runtime::multipart_form_body(body));
        let raw = self
            .core
            .execute(&self.options, request)
            .await
            .map_err(runtime::Error::widen)?;
        match raw.status() {
            204 => raw.empty(),
            _ => Err(raw.unexpected()),
        }
    }

    /// Adds a part to an upload, as raw bytes.
    ///
    /// `PUT /uploads/{id}/parts`
    ///
    /// # Arguments
    ///
    /// - `id`
    /// - `body`: the request body, sent as `application/octet-stream`.
    ///
    /// # Responses
    ///
    /// - `200`: success. The part's record.
    ///
    /// # Errors
    ///
    /// See [the errors every method returns](crate::Client#errors).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # async fn example(body: streams::Upload) -> Result<(), Box<dyn std::error::Error>> {
    /// let client = streams::Client::new()?;
    /// let response = client.add_upload_part("id", body).await?;
    /// println!("{:?}", response.body());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn add_upload_part(
        &self,
        id: &str,
        body: impl Into<runtime::Upload>,
    ) -> Result<runtime::Response<crate::types::FileRecord>, runtime::Error<()>> {
        let mut path = String::from("/uploads/");
        runtime::push_path_param(&mut path, "id", id, runtime::Segment::Whole)?;
        path.push_str("/parts");
        let request = runtime::Request::new(
                runtime::Method::PUT,
                path,
                "add_upload_part",
            )
            .payload(runtime::Payload::upload(body.into(), "application/octet-stream"));
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

    /// The longest wait for more of a streamed response body (server-sent events, a
    /// binary body read as it arrives) once its head has arrived (default 60 s): the
    /// timeout covers the wait for the head, then this bounds each wait for more.
    pub fn idle_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.settings.idle_timeout = timeout;
        self
    }

    /// The bound on one line, and on one event's data, of a server-sent event stream
    /// (default 1 MiB); a larger one ends the stream with an error.
    pub fn max_event_bytes(mut self, bytes: usize) -> Self {
        self.settings.max_event_bytes = bytes;
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
