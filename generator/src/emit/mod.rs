//! Stage 3, emit: the model to Rust tokens (with `quote`) and the crate's
//! other files as text. No I/O and no `openapiv3` types here.

mod client;
mod docs;
mod examples;
mod manifest;
mod runtime;
mod types;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Api, Type};

/// One file of the generated crate, before formatting.
pub enum Emitted {
    /// Rust source as independent pieces of tokens (the first holds the file's
    /// inner attributes), formatted by the next stage.
    Rust(String, Vec<TokenStream>),
    /// Rust source that is already formatted (the runtime's files).
    RustText(String, String),
    /// Any other text file (`Cargo.toml`, `rustfmt.toml`).
    Text(String, String),
}

/// What every piece of one crate's emission shares, computed once.
pub struct Context {
    security_sets: BTreeMap<Vec<Vec<usize>>, usize>,
}

/// The shared context for `api`.
pub fn context(api: &Api) -> Context {
    Context { security_sets: client::security_sets(api) }
}

/// The Rust files emitted as tokens, with how many pieces each has.
pub fn rust_files(api: &Api) -> Vec<(&'static str, usize)> {
    vec![("src/lib.rs", 1), ("src/types.rs", types::pieces(api)), ("src/client.rs", client::pieces(api))]
}

/// One piece of one Rust file. Pieces are independent, so they can be emitted
/// (and formatted) in any order, on any thread.
pub fn piece(api: &Api, context: &Context, path: &str, index: usize) -> TokenStream {
    match path {
        "src/types.rs" => types::piece(api, index),
        "src/client.rs" => client::piece(api, &context.security_sets, index),
        _ => lib_rs(api),
    }
}

/// The files that are text, not tokens.
pub fn text_files(api: &Api) -> Vec<Emitted> {
    let mut files = vec![
        Emitted::Text("Cargo.toml".to_owned(), manifest::cargo_toml(api)),
        Emitted::Text(
            "rustfmt.toml".to_owned(),
            "# The generator formats these files (with prettyplease); rustfmt leaves them as they are.\ndisable_all_formatting = true\n"
                .to_owned(),
        ),
    ];
    files.extend(runtime::files(api));
    files
}

/// Emits every file of the crate for `api`, on this thread.
pub fn emit(api: &Api) -> Vec<Emitted> {
    let context = context(api);
    let mut files = text_files(api);
    for (path, count) in rust_files(api) {
        let pieces = (0..count).map(|index| piece(api, &context, path, index)).collect();
        files.push(Emitted::Rust(path.to_owned(), pieces));
    }
    files.sort_by(|a, b| file_path(a).cmp(file_path(b)));
    files
}

/// The path of an emitted file.
pub fn file_path(file: &Emitted) -> &str {
    match file {
        Emitted::Rust(path, _) | Emitted::RustText(path, _) | Emitted::Text(path, _) => path,
    }
}

/// An identifier from a model name (`r#type` becomes a raw identifier).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Where a type is written from: inside `types.rs`, or elsewhere in the crate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Types,
    Crate,
}

/// The Rust type for a model type.
pub(crate) fn rust_type(api: &Api, ty: &Type, scope: Scope) -> TokenStream {
    match ty {
        Type::Named(id) => {
            let name = ident(&api.types[*id].name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Crate => quote!(crate::types::#name),
            }
        }
        Type::Bool => quote!(bool),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::U32 => quote!(u32),
        Type::U64 => quote!(u64),
        Type::F32 => quote!(f32),
        Type::F64 => quote!(f64),
        Type::String => quote!(String),
        Type::Secret => quote!(crate::runtime::Secret),
        Type::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Type::Date => quote!(chrono::NaiveDate),
        Type::Uuid => quote!(uuid::Uuid),
        Type::Bytes => quote!(Vec<u8>),
        Type::Json => quote!(serde_json::Value),
        Type::Vec(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(Vec<#inner>)
        }
        Type::Map(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Type::Option(inner) => {
            let inner = rust_type(api, inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// Whether any type of the API uses a type reference matching `pred`.
pub(crate) fn uses(api: &Api, pred: &dyn Fn(&Type) -> bool) -> bool {
    fn walk(ty: &Type, pred: &dyn Fn(&Type) -> bool) -> bool {
        pred(ty)
            || match ty {
                Type::Vec(inner) | Type::Map(inner) | Type::Option(inner) => walk(inner, pred),
                _ => false,
            }
    }
    use crate::model::TypeKind;
    let in_types = api.types.iter().any(|t| match &t.kind {
        TypeKind::Struct(s) | TypeKind::Params(s) => s.fields.iter().any(|f| walk(&f.ty, pred)),
        TypeKind::Union(u) => u.variants.iter().any(|v| walk(&v.ty, pred)),
        TypeKind::Alias(ty) => walk(ty, pred),
        TypeKind::Outcome(o) => o.variants.iter().any(|v| v.body.as_ref().is_some_and(|ty| walk(ty, pred))),
        TypeKind::Enum(_) => false,
    });
    in_types
        || api.operations.iter().any(|op| {
            op.path_params.iter().any(|p| walk(&p.ty, pred))
                || op.body.as_ref().is_some_and(|b| walk(&b.ty, pred))
                || op.responses.success.iter().chain(&op.responses.errors).any(|c| match &c.body {
                    crate::model::BodyKind::Json(ty) => walk(ty, pred),
                    _ => false,
                })
        })
}

/// The crate root: documentation, lints, modules and re-exports.
fn lib_rs(api: &Api) -> TokenStream {
    let mut lines = vec![format!("# {}", api.title.trim()), String::new()];
    if let Some(description) = &api.description {
        lines.extend(docs::prose(description));
        lines.push(String::new());
    }
    lines.push(format!(
        "A client for version `{}` of this API, generated from its OpenAPI document. Operations are methods of [`Client`]; the types they send and receive are in [`types`].",
        api.api_version
    ));
    lines.push(String::new());
    lines.push("## Example".to_owned());
    lines.push(String::new());
    lines.extend(examples::quick_start(api));
    lines.push(String::new());
    lines.push("## Behaviour".to_owned());
    lines.push(String::new());
    lines.extend(
        [
            "- Every attempt has a timeout covering the whole request, from connecting until the body is read (30 s), and a connect timeout (10 s); set them with [`ClientBuilder`], or the former per call with [`RequestOptions`]. With retries, a call can take up to (retries + 1) × the timeout plus the backoff delays.",
            "- Failed requests are retried twice by default, with exponential backoff and jitter, honouring `Retry-After` up to 60 s. Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried on connection failures, 408, 429 and 5xx. POST and PATCH are retried only when the request provably never reached the server (the connection could not be made), on 429 and 503, or when [`RequestOptions::retry_non_idempotent`] allows it. Errors report the number of attempts.",
            "- Response bodies are read up to a bound (16 MiB by default); a larger body is [`Error::BodyTooLarge`].",
            "- Requests are checked against the spec's constraints before anything is sent ([`Error::InvalidRequest`]); path parameters are percent-encoded so they can never change the path or add a query.",
            "- Credentials are held as [`Secret`]s: no `Debug` or `Display` output, and no error message, contains them. Redirects are followed only within the same origin.",
            "- TLS is rustls on its `ring` crypto provider, TLS 1.2 or 1.3, with the Mozilla root certificates (the `webpki-roots` crate); certificate checking cannot be turned off. A `reqwest::Client` given to [`ClientBuilder::http_client`] keeps its own TLS settings.",
            "- The crate turns on reqwest's `rustls-no-provider` feature rather than `rustls`, which would build the aws-lc C library. Another reqwest client in the same program that leaves TLS to reqwest then needs reqwest's `rustls` feature, or a rustls crypto provider installed first (`rustls::crypto::ring::default_provider().install_default()`).",
            "- Types implement `serde::Serialize` when requests send them and `serde::Deserialize` when responses carry them (or no operation uses them). The `full-serde` feature adds the other direction to every type.",
        ]
        .map(str::to_owned),
    );
    let docs = docs::inner_attrs(&lines);
    quote! {
        #docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        mod client;
        mod runtime;
        pub mod types;

        pub use client::{Client, ClientBuilder};
        pub use runtime::{
            ApiError, BodyTooLarge, BuildError, DecodeError, Error, HeaderMap, HeaderName, HeaderValue, InvalidRequest,
            MissingCredentials, Nullable, RequestOptions, Response, Secret, StatusCode, Timeout, Transport, UnexpectedStatus,
        };
    }
}
