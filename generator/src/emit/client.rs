//! `client.rs`: the `Client`, its builder, and one async method per operation.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::checks;
use super::{Scope, docs, examples, ident, rust_type};
use crate::lower::contains_validated;
use crate::model::{
    Api, BodyEncoding, BodyKind, Operation, Outcomes, ParamLocation, PathPart, ResponseCase, SchemeKind, StatusMatch,
    Style, Type, TypeKind,
};

/// The type of a method argument that passes `ty`.
fn arg_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Secret => quote!(&str),
        Type::Bool
        | Type::I32
        | Type::I64
        | Type::U32
        | Type::U64
        | Type::F32
        | Type::F64
        | Type::Uuid
        | Type::DateTime
        | Type::Date => rust_type(api, ty, Scope::Crate),
        Type::Bytes => quote!(&[u8]),
        Type::Vec(inner) => {
            let inner = rust_type(api, inner, Scope::Crate);
            quote!(&[#inner])
        }
        _ => {
            let ty = rust_type(api, ty, Scope::Crate);
            quote!(&#ty)
        }
    }
}

/// [`arg_type`] as text, for documentation examples.
pub fn arg_type_text(api: &Api, ty: &Type) -> String {
    match ty {
        Type::String | Type::Secret => "&str".to_owned(),
        Type::Bool
        | Type::I32
        | Type::I64
        | Type::U32
        | Type::U64
        | Type::F32
        | Type::F64
        | Type::Uuid
        | Type::DateTime
        | Type::Date => examples::type_text(api, ty),
        Type::Bytes => "&[u8]".to_owned(),
        Type::Vec(inner) => format!("&[{}]", examples::type_text(api, inner)),
        _ => format!("&{}", examples::type_text(api, ty)),
    }
}

fn style_tokens(style: Style) -> TokenStream {
    match style {
        Style::Form | Style::Simple => quote!(crate::runtime::Style::Form),
        Style::SpaceDelimited => quote!(crate::runtime::Style::SpaceDelimited),
        Style::PipeDelimited => quote!(crate::runtime::Style::PipeDelimited),
        Style::DeepObject => quote!(crate::runtime::Style::DeepObject),
    }
}

/// The security requirements of the operations, each numbered once.
pub fn security_sets(api: &Api) -> BTreeMap<Vec<Vec<usize>>, usize> {
    let mut sets: BTreeMap<Vec<Vec<usize>>, usize> = BTreeMap::new();
    for op in &api.operations {
        if !op.security.is_empty() {
            let next = sets.len();
            sets.entry(op.security.clone()).or_insert(next);
        }
    }
    sets
}

/// The number of pieces of the `client` module: its head, one `impl Client`
/// block per operation, and the builder.
pub fn pieces(api: &Api) -> usize {
    api.operations.len() + 2
}

/// One piece of the `client` module.
pub fn piece(api: &Api, security_sets: &BTreeMap<Vec<Vec<usize>>, usize>, index: usize) -> TokenStream {
    if index == 0 {
        head(api, security_sets)
    } else if let Some(op) = api.operations.get(index - 1) {
        let method = operation(api, op, security_sets);
        quote! {
            impl Client {
                #method
            }
        }
    } else {
        builder(api)
    }
}

/// The head of the `client` module: the schemes, the `Client` type and its constructors.
fn head(api: &Api, security_sets: &BTreeMap<Vec<Vec<usize>>, usize>) -> TokenStream {
    let schemes = api.schemes.iter().map(|scheme| {
        let name = &scheme.name;
        let kind = match &scheme.kind {
            SchemeKind::Header(header) => quote!(crate::runtime::SchemeKind::Header(#header)),
            SchemeKind::Query(param) => quote!(crate::runtime::SchemeKind::Query(#param)),
            SchemeKind::Cookie(cookie) => quote!(crate::runtime::SchemeKind::Cookie(#cookie)),
            SchemeKind::Basic => quote!(crate::runtime::SchemeKind::Basic),
            SchemeKind::Bearer => quote!(crate::runtime::SchemeKind::Bearer),
        };
        quote!(crate::runtime::Scheme { name: #name, kind: #kind })
    });
    let scheme_count = Literal::usize_unsuffixed(api.schemes.len());

    let mut ordered: Vec<(&Vec<Vec<usize>>, &usize)> = security_sets.iter().collect();
    ordered.sort_by_key(|(_, index)| **index);
    let security_consts = ordered.iter().map(|(alternatives, index)| {
        let name = format_ident!("SECURITY_{}", index);
        let alternatives = alternatives.iter().map(|alternative| {
            let members = alternative.iter().map(|i| Literal::usize_unsuffixed(*i));
            quote!(&[#(#members),*])
        });
        quote!(const #name: &[&[usize]] = &[#(#alternatives),*];)
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
            options: runtime::RequestOptions,
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

            /// A client that applies `options` to every call made through it. The
            /// original client is not changed; both share one connection pool.
            pub fn with_options(&self, options: runtime::RequestOptions) -> Self {
                Client { core: Arc::clone(&self.core), options }
            }

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
            };
            let description =
                scheme.description.as_deref().map(|d| format!(": {}", d.trim().replace('\n', " "))).unwrap_or_default();
            lines.push(format!(
                "- `{}` ([`ClientBuilder::{}`]), {how}{description}",
                scheme.name,
                scheme.rust_name.trim_start_matches("r#")
            ));
        }
    }
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
    for &index in &api.required_schemes {
        let scheme = &api.schemes[index];
        let setter = ident(&scheme.rust_name);
        if scheme.kind == SchemeKind::Basic {
            let user = format_ident!("{}_username", scheme.rust_name.trim_start_matches("r#"));
            let pass = format_ident!("{}_password", scheme.rust_name.trim_start_matches("r#"));
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
    doc.push("A credential with characters HTTP cannot carry (such as CR or LF), an invalid base URL, or a TLS initialisation failure.".to_owned());
    (quote!(#(#args),*), quote!(#(#calls)*), docs::attrs(&doc))
}

fn builder(api: &Api) -> TokenStream {
    let fields = api.schemes.iter().map(|scheme| {
        let name = ident(&scheme.rust_name);
        if scheme.kind == SchemeKind::Basic {
            quote!(#name: Option<(runtime::Secret, runtime::Secret)>,)
        } else {
            quote!(#name: Option<runtime::Secret>,)
        }
    });
    let inits = api.schemes.iter().map(|scheme| {
        let name = ident(&scheme.rust_name);
        quote!(#name: None,)
    });
    let setters = api.schemes.iter().map(|scheme| {
        let name = ident(&scheme.rust_name);
        let mut lines = vec![format!("The credential for the `{}` security scheme.", scheme.name)];
        if let Some(description) = &scheme.description {
            lines.push(String::new());
            lines.extend(docs::prose(description));
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
    let credentials = api.schemes.iter().enumerate().map(|(index, scheme)| {
        let name = ident(&scheme.rust_name);
        let index = Literal::usize_unsuffixed(index);
        if scheme.kind == SchemeKind::Basic {
            quote! {
                match &self.#name {
                    Some((user, password)) => Some(runtime::credential(&SCHEMES[#index], user, Some(password))?),
                    None => None,
                }
            }
        } else {
            quote! {
                match &self.#name {
                    Some(secret) => Some(runtime::credential(&SCHEMES[#index], secret, None)?),
                    None => None,
                }
            }
        }
    });
    let configured = api.schemes.iter().map(|scheme| {
        let name = ident(&scheme.rust_name);
        let label = &scheme.name;
        quote! {
            if self.#name.is_some() {
                configured.push(#label);
            }
        }
    });
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
                #[allow(unused_mut)]
                let mut configured: Vec<&str> = Vec::new();
                #(#configured)*
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

            /// Sends requests through this `reqwest` client instead of one built from these
            /// settings (the timeouts and retries still apply; the connect timeout and
            /// user agent are the given client's own).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.settings.http = Some(client);
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
                let credentials = vec![#(#credentials),*];
                let core = self.settings.build(&SCHEMES, credentials)?;
                Ok(Client { core: Arc::new(core), options: runtime::RequestOptions::default() })
            }
        }
    }
}

/// The success type `T` of `Response<T>` for an operation.
fn success_type(api: &Api, op: &Operation) -> TokenStream {
    match &op.responses.success_type {
        Outcomes::Single(kind) => body_kind_type(api, kind),
        Outcomes::Enum(id) => rust_type(api, &Type::Named(*id), Scope::Crate),
    }
}

/// The error body type `E` of `Error<E>` for an operation.
fn error_type(api: &Api, op: &Operation) -> TokenStream {
    match &op.responses.error_type {
        Outcomes::Single(kind) => body_kind_type(api, kind),
        Outcomes::Enum(id) => rust_type(api, &Type::Named(*id), Scope::Crate),
    }
}

fn body_kind_type(api: &Api, kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Empty => quote!(()),
        BodyKind::Json(ty) => rust_type(api, ty, Scope::Crate),
        BodyKind::Text => quote!(String),
        BodyKind::Binary => quote!(Vec<u8>),
    }
}

fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(digit) => {
            let low = Literal::u16_unsuffixed(u16::from(digit) * 100);
            let high = Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

fn success_arm(api: &Api, op: &Operation, case: &ResponseCase) -> TokenStream {
    let pattern = status_pattern(case.status);
    let value = match (&op.responses.success_type, &case.variant) {
        (Outcomes::Enum(id), Some(variant)) => {
            let wrap = {
                let ty = rust_type(api, &Type::Named(*id), Scope::Crate);
                let variant = ident(variant);
                quote!(#ty::#variant)
            };
            match &case.body {
                BodyKind::Json(_) => quote!(raw.json_into(#wrap)),
                BodyKind::Text => quote!(raw.text_into(#wrap)),
                BodyKind::Binary => quote!(raw.bytes_into(#wrap)),
                BodyKind::Empty => quote!(raw.empty_into(#wrap)),
            }
        }
        _ => match &case.body {
            BodyKind::Json(_) => quote!(raw.json()),
            BodyKind::Text => quote!(raw.text()),
            BodyKind::Binary => quote!(raw.bytes()),
            BodyKind::Empty => quote!(raw.empty()),
        },
    };
    quote!(#pattern => #value,)
}

fn error_arm(api: &Api, op: &Operation, case: &ResponseCase) -> TokenStream {
    let pattern = status_pattern(case.status);
    let value = match (&op.responses.error_type, &case.variant) {
        (Outcomes::Enum(id), Some(variant)) => {
            let ty = rust_type(api, &Type::Named(*id), Scope::Crate);
            let variant = ident(variant);
            match &case.body {
                BodyKind::Json(_) => quote!(raw.json_error(#ty::#variant)),
                BodyKind::Text => quote!(raw.text_error(#ty::#variant)),
                BodyKind::Binary => quote!(raw.bytes_error(#ty::#variant)),
                BodyKind::Empty => quote!(raw.empty_error(#ty::#variant)),
            }
        }
        _ => match &case.body {
            BodyKind::Json(_) => quote!(raw.json_error(std::convert::identity)),
            BodyKind::Text => quote!(raw.text_error(std::convert::identity)),
            BodyKind::Binary => quote!(raw.bytes_error(std::convert::identity)),
            BodyKind::Empty => quote!(raw.empty_error(())),
        },
    };
    quote!(#pattern => Err(#value),)
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("`{code}`"),
        StatusMatch::Range(digit) => format!("`{digit}XX`"),
        StatusMatch::Default => "any other status (`default`)".to_owned(),
    }
}

fn method_docs(api: &Api, op: &Operation) -> Vec<String> {
    let fallback = format!("`{} {}`", op.method, op.path);
    let mut lines = docs::lines(&crate::model::Docs { example: None, ..op.docs.clone() }, &fallback);
    lines.push(String::new());
    lines.push(format!("`{} {}`", op.method, op.path));
    if op.docs.deprecated {
        lines.push(String::new());
        lines.push("The spec marks this operation deprecated.".to_owned());
    }
    let mut args = Vec::new();
    for param in &op.path_params {
        args.push(param_line(&param.name, param.docs.description.as_deref(), param.docs.example.as_ref()));
    }
    if op.params_type.is_some() {
        args.push(format!("- `params`: the query, header and cookie parameters ({} of them).", op.params.len()));
    }
    if let Some(body) = &op.body {
        let what = match &body.encoding {
            BodyEncoding::Json(media) => format!("sent as `{media}`"),
            BodyEncoding::Form(_) => "sent as `application/x-www-form-urlencoded`".to_owned(),
            BodyEncoding::Multipart => "sent as `multipart/form-data`".to_owned(),
            BodyEncoding::MultipartFile => "sent as `multipart/form-data`, as the part `file`".to_owned(),
            BodyEncoding::Binary(media) | BodyEncoding::Text(media) => format!("sent as `{media}`"),
        };
        let description =
            body.docs.description.as_deref().map(|d| format!(" {}", d.trim().replace('\n', " "))).unwrap_or_default();
        args.push(format!("- `body`: the request body, {what}.{description}"));
    }
    if !args.is_empty() {
        lines.push(String::new());
        lines.push("# Arguments".to_owned());
        lines.push(String::new());
        lines.extend(args);
    }
    lines.push(String::new());
    lines.push("# Responses".to_owned());
    lines.push(String::new());
    let cases = op
        .responses
        .success
        .iter()
        .map(|c| (c, "success."))
        .chain(op.responses.errors.iter().map(|c| (c, "[`Error::Api`](crate::Error::Api).")));
    for (case, what) in cases {
        let description = case.docs.description.as_deref().map(|d| d.trim().replace('\n', " ")).unwrap_or_default();
        lines.push(format!("- {}: {what} {description}", status_text(case.status)).trim_end().to_owned());
        for (name, description) in &case.headers {
            let description =
                description.as_deref().map(|d| format!(": {}", d.trim().replace('\n', " "))).unwrap_or_default();
            lines.push(format!("  - header `{name}`{description}"));
        }
    }
    if op.responses.success.is_empty() {
        lines.push("- any `2XX`: success, without a body.".to_owned());
    }
    lines.push(String::new());
    lines.push("# Errors".to_owned());
    lines.push(String::new());
    lines.push("[`Error::InvalidRequest`](crate::Error::InvalidRequest) before sending, when an argument breaks a constraint of the spec; [`Error::Api`](crate::Error::Api) for a documented error status; [`Error::UnexpectedStatus`](crate::Error::UnexpectedStatus), [`Error::Decode`](crate::Error::Decode), [`Error::Timeout`](crate::Error::Timeout) and the other variants for everything else.".to_owned());
    lines.push(String::new());
    lines.push("# Example".to_owned());
    lines.push(String::new());
    lines.extend(examples::call(api, op));
    lines.extend(examples::response_decodings(api, op));
    lines
}

fn param_line(name: &str, description: Option<&str>, example: Option<&serde_json::Value>) -> String {
    let mut line = format!("- `{}`", name.trim_start_matches("r#"));
    if let Some(description) = description {
        line.push_str(": ");
        line.push_str(&description.trim().replace('\n', " "));
    }
    if let Some(example) = example {
        let text = match example {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        line.push_str(&format!(" (example: `{}`)", text.replace('`', "'")));
    }
    line
}

fn operation(api: &Api, op: &Operation, security_sets: &BTreeMap<Vec<Vec<usize>>, usize>) -> TokenStream {
    let name = ident(&op.name);
    let doc = docs::attrs(&method_docs(api, op));
    let deprecated = op.docs.deprecated.then(|| quote!(#[deprecated]));

    let mut args = Vec::new();
    let mut statements = Vec::new();

    // Path.
    let capacity = Literal::usize_unsuffixed(op.path.len() + 16);
    statements.push(quote!(let mut path = String::with_capacity(#capacity);));
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => {
                let mut chars = text.chars();
                statements.push(match (chars.next(), chars.next()) {
                    (Some(c), None) => quote!(path.push(#c);),
                    _ => quote!(path.push_str(#text);),
                });
            }
            PathPart::Param(index, whole) => {
                let param = &op.path_params[*index];
                let arg = ident(&param.name);
                let wire = &param.wire_name;
                let value = if matches!(param.ty, Type::String | Type::Secret | Type::Bytes | Type::Vec(_))
                    || !is_by_value(&param.ty)
                {
                    quote!(#arg)
                } else {
                    quote!(&#arg)
                };
                statements.push(quote!(runtime::push_path_param(&mut path, #wire, #value, #whole)?;));
            }
        }
    }
    for param in &op.path_params {
        let arg = ident(&param.name);
        let ty = arg_type(api, &param.ty);
        args.push(quote!(#arg: #ty));
        let body = checks(api, &param.ty, &param.constraints, false, Scope::Crate);
        if !body.is_empty() {
            let wire = &param.wire_name;
            let value = if is_by_value(&param.ty) { quote!(&#arg) } else { quote!(#arg) };
            statements.push(quote! {
                {
                    let root = runtime::FieldPath::Root("path");
                    let at = root.field(#wire);
                    let value = #value;
                    #body
                }
            });
        }
    }

    let method_ident = format_ident!("{}", op.method);
    let request = quote!(runtime::Request::new(runtime::Method::#method_ident, path));

    // Query, header and cookie parameters.
    let mut mutated = false;
    if let Some(id) = op.params_type {
        let params_ty = rust_type(api, &Type::Named(id), Scope::Crate);
        args.push(quote!(params: &#params_ty));
        if api.types[id].validated {
            statements.push(quote!(params.validate_at(&runtime::FieldPath::Root("params"))?;));
        }
        let mut query = Vec::new();
        let mut headers = Vec::new();
        let mut cookies = Vec::new();
        for param in &op.params {
            let field = ident(&param.name);
            let wire = &param.wire_name;
            match param.location {
                ParamLocation::Query => {
                    let style = style_tokens(param.style);
                    let explode = param.explode;
                    query.push(quote!(query.push("query", #wire, &params.#field, #style, #explode)?;));
                }
                ParamLocation::Header => {
                    let push = quote!(request = request.header(#wire, runtime::header_value(#wire, value)?)?;);
                    headers.push(if param.required {
                        quote! { { let value = &params.#field; #push } }
                    } else {
                        quote! { if let Some(value) = &params.#field { #push } }
                    });
                }
                ParamLocation::Cookie => {
                    let push = quote!(runtime::cookie_pair(&mut cookies, #wire, value)?;);
                    cookies.push(if param.required {
                        quote! { { let value = &params.#field; #push } }
                    } else {
                        quote! { if let Some(value) = &params.#field { #push } }
                    });
                }
                ParamLocation::Path => {}
            }
        }
        statements.push(quote!(let mut request = #request;));
        mutated = true;
        if !query.is_empty() {
            statements.push(quote! {
                let mut query = runtime::Query::new();
                #(#query)*
                request = request.query(query);
            });
        }
        statements.extend(headers);
        if !cookies.is_empty() {
            statements.push(quote! {
                let mut cookies = String::new();
                #(#cookies)*
                request = request.cookies(cookies);
            });
        }
    } else {
        statements.push(quote!(let mut request = #request;));
    }
    let declaration_index = statements.len() - 1;

    // Body.
    if let Some(body) = &op.body {
        let body_ty = &body.ty;
        let body_ref = if is_by_value(body_ty) { quote!(&body) } else { quote!(body) };
        let (arg_ty, encode) = match &body.encoding {
            BodyEncoding::Json(media) => {
                let media = if media == "application/json" { None } else { Some(media.clone()) };
                let encode = match media {
                    None => quote!(runtime::json_body(#body_ref)?),
                    Some(media) => quote!(runtime::json_body(#body_ref)?.with_content_type(#media)),
                };
                (arg_type(api, body_ty), encode)
            }
            BodyEncoding::Form(styles) => {
                let styles = styles.iter().map(|(name, style, explode)| {
                    let style = style_tokens(*style);
                    quote!((#name, #style, #explode))
                });
                (arg_type(api, body_ty), quote!(runtime::form_body(#body_ref, &[#(#styles),*])?))
            }
            BodyEncoding::Multipart => (arg_type(api, body_ty), multipart(api, body_ty)),
            BodyEncoding::MultipartFile => {
                (quote!(Vec<u8>), quote!(runtime::multipart_body(vec![runtime::Part::File("file", "file", &body)])))
            }
            BodyEncoding::Binary(media) => (quote!(Vec<u8>), quote!(runtime::Body::raw(body, #media))),
            BodyEncoding::Text(media) => (quote!(String), quote!(runtime::Body::raw(body, #media))),
        };
        let validate = if contains_validated(api, body_ty)
            || matches!(body_ty, Type::Named(id) if matches!(api.types[*id].kind, TypeKind::Alias(_)))
        {
            let body_checks = checks(api, body_ty, &Default::default(), false, Scope::Crate);
            if body_checks.is_empty() {
                TokenStream::new()
            } else {
                let value = if is_by_value(body_ty) { quote!(&body) } else { quote!(body) };
                quote! {
                    {
                        let at = runtime::FieldPath::Root("body");
                        let value = #value;
                        #body_checks
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        mutated = true;
        if body.required {
            args.push(quote!(body: #arg_ty));
            statements.push(validate);
            statements.push(quote!(request = request.body(#encode);));
        } else {
            let arg_ty = quote!(Option<#arg_ty>);
            args.push(quote!(body: #arg_ty));
            statements.push(quote! {
                if let Some(body) = body {
                    #validate
                    request = request.body(#encode);
                }
            });
        }
    }

    if let Some(index) = security_sets.get(&op.security) {
        let name = format_ident!("SECURITY_{}", index);
        statements.push(quote!(request = request.security(#name);));
        mutated = true;
    }
    if !mutated {
        statements[declaration_index] = quote!(let request = #request;);
    }

    // Responses.
    let mut arms: Vec<(StatusMatch, TokenStream)> = Vec::new();
    for case in &op.responses.success {
        arms.push((case.status, success_arm(api, op, case)));
    }
    for case in &op.responses.errors {
        arms.push((case.status, error_arm(api, op, case)));
    }
    if op.responses.success.is_empty() {
        arms.push((StatusMatch::Range(2), quote!(200..=299 => raw.empty(),)));
    }
    arms.sort_by_key(|(status, _)| match status {
        StatusMatch::Code(_) => 0,
        StatusMatch::Range(_) => 1,
        StatusMatch::Default => 2,
    });
    let has_default = arms.iter().any(|(status, _)| *status == StatusMatch::Default);
    let arms = arms.into_iter().map(|(_, arm)| arm);
    let fallback = (!has_default).then(|| quote!(_ => Err(raw.unexpected()),));

    let ok = success_type(api, op);
    let err = error_type(api, op);
    quote! {
        #doc
        #deprecated
        pub async fn #name(&self, #(#args),*) -> Result<runtime::Response<#ok>, runtime::Error<#err>> {
            #(#statements)*
            let raw = self.core.execute(&self.options, request).await.map_err(runtime::Error::widen)?;
            match raw.status() {
                #(#arms)*
                #fallback
            }
        }
    }
}

/// Whether [`arg_type`] passes `ty` by value.
fn is_by_value(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Bool
            | Type::I32
            | Type::I64
            | Type::U32
            | Type::U64
            | Type::F32
            | Type::F64
            | Type::Uuid
            | Type::DateTime
            | Type::Date
    )
}

/// Builds the parts of a `multipart/form-data` body from a struct's fields.
fn multipart(api: &Api, ty: &Type) -> TokenStream {
    let Type::Named(id) = ty else {
        return quote!(runtime::multipart_body(Vec::new()));
    };
    let TypeKind::Struct(s) = &api.types[api.resolve(*id)].kind else {
        return quote!(runtime::multipart_body(Vec::new()));
    };
    let parts = s.fields.iter().map(|field| {
        let member = ident(&field.name);
        let wire = &field.wire_name;
        let label = format!("body.{wire}");
        let push = if field.ty == Type::Bytes {
            quote!(parts.push(runtime::Part::File(#wire, #wire, value));)
        } else {
            quote!(parts.push(runtime::Part::Text(#wire, runtime::part_text(#label, value)?));)
        };
        match (field.required, field.nullable) {
            (true, false) => quote! { { let value = &body.#member; #push } },
            (false, true) => quote! { if let Some(crate::runtime::Nullable::Value(value)) = &body.#member { #push } },
            _ => quote! { if let Some(value) = &body.#member { #push } },
        }
    });
    quote! {
        {
            let mut parts = Vec::new();
            #(#parts)*
            runtime::multipart_body(parts)
        }
    }
}
