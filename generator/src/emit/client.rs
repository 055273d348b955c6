//! `client.rs`: the module's head (the security schemes, `Client` and its
//! constructors) and the `ClientBuilder`. The method of each operation is
//! written by [`super::operation`].

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::streams::Streaming;
use super::{docs, operation, pagination};
use crate::model::{Api, Gate, SchemeId, SchemeKind, SecurityScheme};

/// What every method's `# Errors` section stands for, said once on `Client`.
const ERRORS: &str = "Every method returns [`Error::InvalidRequest`](crate::Error::InvalidRequest) before sending, when an argument breaks a constraint of the spec; [`Error::Api`](crate::Error::Api) for a documented error status; [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus), [`Error::Decode`](crate::Error::Decode), [`Error::Timeout`](crate::Error::Timeout) and the other variants for everything else.";

/// The distinct security requirements of the operations, each numbered once
/// (in order of first use) and written as a `SECURITY_<n>` constant, compiled
/// when an operation that uses it is.
pub struct SecuritySets(BTreeMap<Vec<Vec<SchemeId>>, (usize, Gate)>);

impl SecuritySets {
    /// The requirements of `api`'s operations.
    pub fn of(api: &Api) -> Self {
        let mut sets: BTreeMap<Vec<Vec<SchemeId>>, (usize, Gate)> = BTreeMap::new();
        for op in &api.operations {
            if !op.security.is_empty() {
                let next = sets.len();
                let entry = sets.entry(op.security.clone()).or_insert((next, Gate::never()));
                entry.1 = entry.1.union(&op.gate);
            }
        }
        SecuritySets(sets)
    }

    /// The constant that holds the requirement `security`; `None` for an operation without one.
    pub(super) fn constant(&self, security: &[Vec<SchemeId>]) -> Option<Ident> {
        self.0.get(security).map(|(index, _)| format_ident!("SECURITY_{}", index))
    }

    /// Every requirement with its constant and gate, in number order.
    fn in_order(&self) -> impl Iterator<Item = (&Vec<Vec<SchemeId>>, Ident, &Gate)> {
        let mut ordered: Vec<(&Vec<Vec<SchemeId>>, usize, &Gate)> =
            self.0.iter().map(|(set, (index, gate))| (set, *index, gate)).collect();
        ordered.sort_by_key(|(_, index, _)| *index);
        ordered.into_iter().map(|(set, index, gate)| (set, format_ident!("SECURITY_{}", index), gate))
    }
}

/// How many operations' methods one `impl Client` block holds. rustc checks
/// the inherent impl blocks of a type against each other: one block per
/// operation made that check a fifth of GitHub's type-check. A few blocks
/// still let the pieces be formatted in parallel.
const OPERATIONS_PER_BLOCK: usize = 64;

/// The number of pieces of the `client` module: its head, the `impl Client`
/// blocks of the operations, and the builder.
pub fn pieces(api: &Api) -> usize {
    api.operations.len().div_ceil(OPERATIONS_PER_BLOCK) + 2
}

/// One piece of the `client` module.
pub fn piece(api: &Api, security_sets: &SecuritySets, index: usize) -> TokenStream {
    if index == 0 {
        head(api, security_sets)
    } else if let Some(operations) = api.operations.chunks(OPERATIONS_PER_BLOCK).nth(index - 1) {
        // Each method carries the `cfg` of its operation's features.
        let methods = operations.iter().map(|op| {
            let method = operation::method(api, op, security_sets);
            let stream = pagination::method(api, op, security_sets);
            quote!(#method #stream)
        });
        quote! {
            impl Client {
                #(#methods)*
            }
        }
    } else {
        builder(api)
    }
}

/// The head of the `client` module: the schemes, the `Client` type and its constructors.
fn head(api: &Api, security_sets: &SecuritySets) -> TokenStream {
    let schemes = api.schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            SchemeKind::Header(header) => quote!(runtime::SchemeKind::Header(#header)),
            SchemeKind::Query(param) => quote!(runtime::SchemeKind::Query(#param)),
            SchemeKind::Cookie(cookie) => quote!(runtime::SchemeKind::Cookie(#cookie)),
            SchemeKind::Basic => quote!(runtime::SchemeKind::Basic),
            SchemeKind::Bearer | SchemeKind::OAuth2(_) => quote!(runtime::SchemeKind::Bearer),
            SchemeKind::Signed { .. } => quote!(runtime::SchemeKind::Header("authorization")),
        };
        quote!(runtime::Scheme { name: #name, kind: #kind })
    });
    let scheme_count = Literal::usize_unsuffixed(api.schemes.len());

    let security_consts = security_sets.in_order().map(|(alternatives, name, gate)| {
        let alternatives = alternatives.iter().map(|alternative| {
            let members = alternative.iter().map(|id| Literal::usize_unsuffixed(id.index()));
            quote!(&[#(#members),*])
        });
        let cfg = super::cfg(api, gate);
        quote!(#cfg const #name: &[&[usize]] = &[#(#alternatives),*];)
    });

    let client_docs = docs::attrs(&client_doc_lines(api));
    let default_base_url = match &api.default_base_url {
        Some(url) => quote! {
            /// The server the spec names, used when no other base URL is given.
            pub const DEFAULT_BASE_URL: &'static str = #url;
        },
        None => TokenStream::new(),
    };
    let (new_args, new_calls, new_doc) = new_signature(api);

    // A spec with no operation (only webhooks, say) has no call to apply options to.
    let has_operations = !api.operations.is_empty();
    let options_field = has_operations.then(|| quote!(options: runtime::RequestOptions,));
    let with_options = has_operations.then(|| {
        quote! {
            /// A client that applies `options` to every call made through it. The
            /// original client is not changed; both share one connection pool.
            pub fn with_options(&self, options: runtime::RequestOptions) -> Self {
                Client { core: Arc::clone(&self.core), options }
            }
        }
    });
    quote! {
        //! The API client: configuration and one method per operation.
        #![allow(deprecated)]

        use std::sync::Arc;

        use crate::runtime;

        /// The security schemes of the spec, in order.
        static SCHEMES: [runtime::Scheme; #scheme_count] = [#(#schemes),*];

        #(#security_consts)*

        #client_docs
        #[derive(Clone)]
        pub struct Client {
            core: Arc<runtime::Core>,
            #options_field
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.core, f)
            }
        }

        impl Client {
            #default_base_url

            #new_doc
            pub fn new(#new_args) -> Result<Self, runtime::BuildError> {
                Self::builder() #new_calls .build()
            }

            /// A builder for a client with other settings: base URL, timeouts,
            /// retries, response size bound, credentials.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::new()
            }

            #with_options

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.core.base_url
            }

        }
    }
}

fn client_doc_lines(api: &Api) -> Vec<String> {
    let mut lines = vec![format!("A client for the {}.", api.display_name()), String::new()];
    lines.push("Cloning is cheap: clones share one connection pool. Each method sends one request (retrying as [`RequestOptions`] describes) and returns the typed response body, or an [`Error`](crate::Error) whose `Api` variant holds the typed body of a documented error status.".to_owned());
    if !api.schemes.is_empty() {
        lines.push(String::new());
        lines.push("Credentials:".to_owned());
        for scheme in &api.schemes {
            let how = match &scheme.kind {
                SchemeKind::Header(h) => format!("sent in the `{h}` header"),
                SchemeKind::Query(q) => format!("sent as the `{q}` query parameter"),
                SchemeKind::Cookie(c) => format!("sent as the `{c}` cookie"),
                SchemeKind::Basic => "sent as `Authorization: Basic`".to_owned(),
                SchemeKind::Bearer => "sent as `Authorization: Bearer`".to_owned(),
                SchemeKind::OAuth2(oauth) => {
                    let mut how = format!(
                        "sent as `Authorization: Bearer`: a fixed token, or tokens from a [`TokenSource`](crate::TokenSource) ([`ClientBuilder::{}`])",
                        oauth.token_source
                    );
                    if let Some(flow) = &oauth.client_credentials {
                        how.push_str(&format!(
                            ", or fetched from `{}` with the client credentials flow ([`ClientBuilder::{}`])",
                            flow.token_url, flow.setter
                        ));
                    }
                    how
                }
                SchemeKind::Signed { scheme, signer } => format!(
                    "`{scheme}`, sent as a complete `Authorization` value, or signed for each request by a [`Signer`](crate::Signer) ([`ClientBuilder::{signer}`])"
                ),
            };
            let description =
                scheme.description.as_deref().map(|d| format!(": {}", d.trim().replace('\n', " "))).unwrap_or_default();
            lines.push(format!("- `{}` ([`ClientBuilder::{}`]), {how}{description}", scheme.name, scheme.rust_name));
        }
    }
    lines.extend(["".to_owned(), "# Errors".to_owned(), "".to_owned(), ERRORS.to_owned()]);
    lines
}

/// `Client::new`'s parameters: the base URL when the spec has no absolute
/// server, and the credentials of the spec's security requirement.
fn new_signature(api: &Api) -> (TokenStream, TokenStream, TokenStream) {
    let mut args = Vec::new();
    let mut calls = Vec::new();
    let mut doc = vec!["A client with default settings".to_owned()];
    if api.default_base_url.is_none() {
        args.push(quote!(base_url: impl Into<String>));
        calls.push(quote!(.base_url(base_url)));
        doc[0].push_str(" for the server at `base_url`");
    } else {
        doc[0].push_str(" for [`Client::DEFAULT_BASE_URL`]");
    }
    if api.required_schemes.is_empty() {
        doc[0].push('.');
    } else {
        doc[0].push_str(" and the credentials every operation needs.");
    }
    for &id in &api.required_schemes {
        let scheme = api.scheme(id);
        let setter = &scheme.rust_name;
        if scheme.kind == SchemeKind::Basic {
            let user = scheme.rust_name.suffixed("username");
            let pass = scheme.rust_name.suffixed("password");
            args.push(quote!(#user: impl Into<runtime::Secret>, #pass: impl Into<runtime::Secret>));
            calls.push(quote!(.#setter(#user, #pass)));
        } else {
            args.push(quote!(#setter: impl Into<runtime::Secret>));
            calls.push(quote!(.#setter(#setter)));
        }
    }
    doc.push(String::new());
    doc.push("# Errors".to_owned());
    doc.push(String::new());
    // What `ClientBuilder::build` can refuse, given these arguments.
    let mut errors = Vec::new();
    if !api.required_schemes.is_empty() {
        errors.push("a credential with characters HTTP cannot carry (such as CR or LF)");
    }
    if api.default_base_url.is_none() {
        errors.push("an invalid base URL");
    }
    errors.push("an `https` base URL in a build without a TLS feature");
    errors.push("a TLS initialisation failure");
    let (last, first) = errors.split_last().unwrap_or((&"", &[]));
    let listed = format!("{}, or {last}.", first.join(", "));
    doc.push(format!("{}{}", listed[..1].to_uppercase(), &listed[1..]));
    (quote!(#(#args),*), quote!(#(#calls)*), docs::attrs(&doc))
}

fn builder(api: &Api) -> TokenStream {
    let fields = api.schemes.iter().map(|scheme| {
        let name = &scheme.rust_name;
        match scheme.kind {
            SchemeKind::Basic => quote!(#name: Option<(runtime::Secret, runtime::Secret)>,),
            SchemeKind::OAuth2(_) => quote!(#name: Option<runtime::TokenSetting>,),
            SchemeKind::Signed { .. } => quote!(#name: Option<runtime::SignSetting>,),
            _ => quote!(#name: Option<runtime::Secret>,),
        }
    });
    let inits = api.schemes.iter().map(|scheme| {
        let name = &scheme.rust_name;
        quote!(#name: None,)
    });
    let setters = api.schemes.iter().map(|scheme| {
        let name = &scheme.rust_name;
        let mut lines = vec![format!("The credential for the `{}` security scheme.", scheme.name)];
        if let Some(description) = &scheme.description {
            lines.push(String::new());
            lines.extend(docs::prose(description));
        }
        if let Some(setters) = dynamic_setters(scheme, &lines) {
            return setters;
        }
        let doc = docs::attrs(&lines);
        if scheme.kind == SchemeKind::Basic {
            quote! {
                #doc
                pub fn #name(mut self, username: impl Into<runtime::Secret>, password: impl Into<runtime::Secret>) -> Self {
                    self.#name = Some((username.into(), password.into()));
                    self
                }
            }
        } else {
            quote! {
                #doc
                pub fn #name(mut self, value: impl Into<runtime::Secret>) -> Self {
                    self.#name = Some(value.into());
                    self
                }
            }
        }
    });
    let credentials = api.schemes().map(|(id, scheme)| {
        let name = &scheme.rust_name;
        let index = Literal::usize_unsuffixed(id.index());
        if let SchemeKind::OAuth2(_) = scheme.kind {
            quote!(self.#name.as_ref().map(|setting| runtime::token_credential(&SCHEMES[#index], setting)).transpose()?)
        } else if let SchemeKind::Signed { .. } = scheme.kind {
            quote!(self.#name.as_ref().map(|setting| runtime::sign_credential(&SCHEMES[#index], setting)).transpose()?)
        } else if scheme.kind == SchemeKind::Basic {
            quote! {
                self.#name
                    .as_ref()
                    .map(|(user, password)| runtime::credential(&SCHEMES[#index], user, Some(password)))
                    .transpose()?
            }
        } else {
            quote!(self.#name.as_ref().map(|secret| runtime::credential(&SCHEMES[#index], secret, None)).transpose()?)
        }
    });
    let configured = if api.schemes.is_empty() {
        quote!(let configured: [&str; 0] = [];)
    } else {
        let pushes = api.schemes.iter().map(|scheme| {
            let name = &scheme.rust_name;
            let label = &scheme.name;
            quote! {
                if self.#name.is_some() {
                    configured.push(#label);
                }
            }
        });
        quote! {
            let mut configured = Vec::new();
            #(#pushes)*
        }
    };
    let options_init = (!api.operations.is_empty()).then(|| quote!(options: runtime::RequestOptions::default(),));
    let streaming = Streaming::of(api);
    let client_gate = api.client_gate();
    let streams = streaming.streams();
    let idle_timeout = (!streams.is_never()).then(|| {
        let cfg = super::cfg_within(api, &streams, &client_gate);
        quote! {
            /// The longest wait for more of a streamed response body (server-sent events, a
            /// binary body read as it arrives) once its head has arrived (default 60 s): the
            /// timeout covers the wait for the head, then this bounds each wait for more.
            #cfg
            pub fn idle_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.settings.idle_timeout = timeout;
                self
            }
        }
    });
    let max_event_bytes = (!streaming.events.is_never()).then(|| {
        let cfg = super::cfg_within(api, &streaming.events, &client_gate);
        quote! {
            /// The bound on one line, and on one event's data, of a server-sent event stream
            /// (default 1 MiB); a larger one ends the stream with an error.
            #cfg
            pub fn max_event_bytes(mut self, bytes: usize) -> Self {
                self.settings.max_event_bytes = bytes;
                self
            }
        }
    });
    let build_core = if api.schemes.is_empty() {
        quote!(let core = self.settings.build(&SCHEMES, Vec::new())?;)
    } else {
        quote! {
            let credentials = [#(#credentials),*];
            let core = self.settings.build(&SCHEMES, Vec::from(credentials))?;
        }
    };
    let default_base = match &api.default_base_url {
        Some(_) => quote!(Some(Client::DEFAULT_BASE_URL)),
        None => quote!(None),
    };
    quote! {
        /// Settings for a [`Client`]. Every setting has a default except the
        /// credentials.
        #[derive(Clone)]
        pub struct ClientBuilder {
            settings: runtime::Settings,
            #(#fields)*
        }

        impl std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                #configured
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
                ClientBuilder { settings: runtime::Settings::new(#default_base), #(#inits)* }
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
            pub fn retry_backoff(mut self, initial: std::time::Duration, max: std::time::Duration) -> Self {
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

            #idle_timeout

            #max_event_bytes

            /// The `User-Agent` header (default: this crate's name and version).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.settings.user_agent = user_agent.into();
                self
            }

            /// A header sent with every request. A header of the same name in a call's
            /// [`RequestOptions`](crate::RequestOptions) replaces it for that call.
            pub fn default_header(mut self, name: crate::HeaderName, value: crate::HeaderValue) -> Self {
                self.settings.headers.append(name, value);
                self
            }

            /// The response headers that carry the server's request id, tried in order; it is
            /// kept on [`Response::request_id`](crate::Response::request_id) and
            /// [`Error::request_id`](crate::Error::request_id), and printed in errors. The
            /// default: `x-request-id`, `request-id`, `x-amzn-requestid`, `x-amz-request-id`,
            /// `x-ms-request-id`, `x-github-request-id`.
            pub fn request_id_headers(mut self, names: impl IntoIterator<Item = crate::HeaderName>) -> Self {
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

            #(#setters)*

            /// Builds the client.
            ///
            /// # Errors
            ///
            /// A credential with characters HTTP cannot carry (such as CR or LF), a missing
            /// or invalid base URL, or a TLS initialisation failure.
            pub fn build(self) -> Result<Client, runtime::BuildError> {
                #build_core
                Ok(Client { core: Arc::new(core), #options_init })
            }
        }
    }
}

/// The builder methods of a scheme whose credential the client can obtain or
/// compute as calls are sent (OAuth 2 and OpenID Connect tokens, signatures);
/// `None` for the others. `lines` are the docs of its plain setter.
fn dynamic_setters(scheme: &SecurityScheme, lines: &[String]) -> Option<TokenStream> {
    let name = &scheme.rust_name;
    let label = &scheme.name;
    match &scheme.kind {
        SchemeKind::OAuth2(oauth) => {
            let mut fixed = lines.to_vec();
            fixed.splice(1..1, [String::new(), "A fixed access token, sent as `Authorization: Bearer`.".to_owned()]);
            let fixed = docs::attrs(&fixed);
            let token_source = &oauth.token_source;
            let source_doc = docs::attrs(&[
                format!("The tokens for the `{label}` security scheme, from `source`: the client calls it when a call needs a token, shortly before the one it has expires, and once more after a `401` (then sends the call again, once)."),
            ]);
            let flow = oauth.client_credentials.as_ref().map(|flow| {
                let setter = &flow.setter;
                let with_settings = &flow.with_settings;
                let token_url = &flow.token_url;
                let setter_doc = docs::attrs(&[
                    format!("The client id and secret of the `{label}` security scheme's client credentials flow: the client fetches tokens from `{token_url}` (HTTP basic client authentication; the scopes each operation lists), caches each until shortly before it expires, and fetches a new one after a `401` (then sends the call again, once)."),
                ]);
                let with_doc = docs::attrs(&[
                    format!("The `{label}` security scheme's client credentials flow with other settings: scopes, client authentication, token URL, renewal margin."),
                ]);
                quote! {
                    #setter_doc
                    pub fn #setter(self, client_id: impl Into<runtime::Secret>, client_secret: impl Into<runtime::Secret>) -> Self {
                        self.#with_settings(runtime::ClientCredentials::new(client_id, client_secret))
                    }

                    #with_doc
                    pub fn #with_settings(mut self, flow: runtime::ClientCredentials) -> Self {
                        self.#name = Some(runtime::TokenSetting::client_credentials(#token_url, flow));
                        self
                    }
                }
            });
            Some(quote! {
                #fixed
                pub fn #name(mut self, token: impl Into<runtime::Secret>) -> Self {
                    self.#name = Some(runtime::TokenSetting::Fixed(token.into()));
                    self
                }

                #source_doc
                pub fn #token_source(mut self, source: impl runtime::TokenSource) -> Self {
                    self.#name = Some(runtime::TokenSetting::source(source));
                    self
                }

                #flow
            })
        }
        SchemeKind::Signed { scheme: http, signer } => {
            let mut fixed = lines.to_vec();
            fixed.splice(1..1, [String::new(), format!("The complete `Authorization` value (`{http} ...`).")]);
            let fixed = docs::attrs(&fixed);
            let signer_doc = docs::attrs(&[
                format!("Signs every request that uses the `{label}` security scheme (`{http}`) with `signer`, as it is about to be sent."),
            ]);
            Some(quote! {
                #fixed
                pub fn #name(mut self, value: impl Into<runtime::Secret>) -> Self {
                    self.#name = Some(runtime::SignSetting::Fixed(value.into()));
                    self
                }

                #signer_doc
                pub fn #signer(mut self, signer: impl runtime::Signer) -> Self {
                    self.#name = Some(runtime::SignSetting::signer(signer));
                    self
                }
            })
        }
        _ => None,
    }
}
