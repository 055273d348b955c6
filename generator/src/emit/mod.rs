//! Stage 3, emit: the model to Rust tokens (with `quote`) and the crate's
//! other files as text. No I/O and no `openapiv3` types here, and no
//! decisions: what to check, which status gives what, every name, come from
//! the model.
//!
//! One file per part of the generated crate:
//!
//! - `crate_root.rs`: the crate root (`src/lib.rs`), whose docs are the
//!   README that `readme.rs` writes (`README.md`);
//! - `types.rs`: the types (`src/types.rs`), with `printed.rs` (the regular
//!   items printed as text directly), `type_modules.rs` (a large crate's
//!   types split into `src/types/*.rs`), `serde_attrs.rs` (their serde
//!   attributes), `decode.rs` (their decoders), `constructors.rs` (the
//!   `new` of structs with required fields) and `empty_string.rs` (unions
//!   with an empty-string variant);
//! - `client.rs`: the client and its builder (`src/client.rs`); `operation.rs`
//!   (one method per operation), `params.rs` (its parameters), `multipart.rs`
//!   (the parts of its multipart body), `streams.rs` and `pagination.rs` (the methods
//!   that return streams), `webhooks.rs` (the `Webhook` enum);
//! - `checks.rs` (validation statements), `signature.rs` (argument types),
//!   `docs.rs`, `html.rs` (descriptions written in HTML) and `examples.rs`
//!   (documentation);
//! - `manifest.rs` (`Cargo.toml`) and `runtime.rs` (the runtime modules the
//!   API needs).

mod checks;
mod client;
mod constructors;
mod crate_root;
mod decode;
mod empty_string;
pub(crate) mod docs;
mod examples;
mod html;
mod manifest;
mod multipart;
mod operation;
mod pagination;
mod params;
mod printed;
mod readme;
mod runtime;
mod serde_attrs;
mod signature;
mod streams;
mod type_modules;
mod types;
mod webhooks;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Gate, Type};

/// One file of the generated crate, before formatting.
pub enum Emitted {
    /// Rust source as independent pieces (the first holds the file's inner
    /// attributes), formatted by the next stage. Only [`emit`] gives these
    /// (`format::render` emits the Rust files piece by piece itself).
    #[cfg(any(test, feature = "internals"))]
    Rust(String, Vec<Vec<Part>>),
    /// Rust source that is already formatted (the runtime's files).
    RustText(String, String),
    /// Any other text file (`Cargo.toml`, `rustfmt.toml`), whose header is `#` comments.
    Text(String, String),
    /// A Markdown file (`README.md`), whose header is an HTML comment.
    Markdown(String, String),
}

/// Part of a piece of a Rust file: items as tokens, which the next stage
/// formats, or items already printed as it would print them.
#[derive(Debug, Clone)]
pub enum Part {
    /// Items as tokens.
    Tokens(TokenStream),
    /// Items printed exactly as the formatter prints their tokens, one blank
    /// line apart, ending with a line break: the regular items that are most
    /// of a large crate (see `printed.rs`).
    Printed(String),
}

#[cfg(any(test, feature = "internals"))]
impl Part {
    /// The part as text: the tokens' own spelling, or the printed text.
    pub fn text(&self) -> String {
        match self {
            Part::Tokens(tokens) => tokens.to_string(),
            Part::Printed(text) => text.clone(),
        }
    }
}

/// What every piece of one crate's emission shares, computed once.
pub struct Context {
    security_sets: client::SecuritySets,
    /// The modules the types are split into.
    type_modules: type_modules::TypeModules,
    /// Whether regular items are printed directly ([`Part::Printed`]) rather
    /// than left to the formatter as tokens; both give the same text.
    print: bool,
}

/// The shared context for `api`.
pub fn context(api: &Api) -> Context {
    Context {
        security_sets: client::SecuritySets::of(api),
        type_modules: type_modules::TypeModules::of(api),
        print: true,
    }
}

/// The shared context for `api`, with every item left to the formatter as
/// tokens: what the items printed directly are checked against.
#[cfg(any(test, feature = "internals"))]
pub fn context_without_printing(api: &Api) -> Context {
    Context { print: false, ..context(api) }
}

/// A Rust file of the generated crate that is emitted as tokens, piece by piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustFile {
    /// `src/lib.rs`: the crate root (one piece).
    Lib,
    /// `src/types.rs`: the named types (or, for a large crate, its modules).
    Types,
    /// `src/types/NAME.rs`: one module of a large crate's types.
    TypeModule(usize),
    /// `src/client.rs`: the client and one method per operation.
    Client,
    /// `src/webhooks.rs`: the `Webhook` enum (one piece).
    Webhooks,
}

impl RustFile {
    /// Its path, relative to the crate root.
    pub fn path(self, context: &Context) -> String {
        match self {
            RustFile::Lib => "src/lib.rs".to_owned(),
            RustFile::Types => "src/types.rs".to_owned(),
            RustFile::TypeModule(index) => format!("src/types/{}.rs", context.type_modules.name(index)),
            RustFile::Client => "src/client.rs".to_owned(),
            RustFile::Webhooks => "src/webhooks.rs".to_owned(),
        }
    }
}

/// The Rust files emitted as tokens, with how many pieces each has.
pub fn rust_files(api: &Api) -> Vec<(RustFile, usize)> {
    let modules = type_modules::TypeModules::of(api);
    let mut files = vec![(RustFile::Lib, 1), (RustFile::Types, types::pieces(api, &modules))];
    files.extend((0..modules.len()).map(|index| (RustFile::TypeModule(index), type_modules::module_pieces(&modules, index))));
    if api.has_client() {
        files.push((RustFile::Client, client::pieces(api)));
    }
    if !api.webhooks.is_empty() {
        files.push((RustFile::Webhooks, 1));
    }
    files
}

/// One piece of one Rust file. Pieces are independent, so they can be emitted
/// (and formatted) in any order, on any thread.
pub fn piece(api: &Api, context: &Context, file: RustFile, index: usize) -> Vec<Part> {
    match file {
        RustFile::Lib => vec![Part::Tokens(crate_root::lib_rs(api))],
        RustFile::Types => types::piece(api, index, context.print, &context.type_modules),
        RustFile::TypeModule(module) => {
            type_modules::module_piece(api, &context.type_modules, module, index, context.print)
        }
        RustFile::Client => vec![Part::Tokens(client::piece(api, &context.security_sets, index))],
        RustFile::Webhooks => vec![Part::Tokens(webhooks::module(api))],
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
    files.push(Emitted::Markdown("README.md".to_owned(), readme::readme(api)));
    files.extend(runtime::files(api));
    files
}

/// Emits every file of the crate for `api`, on this thread: the sequential
/// pipeline (with `format::format`), the reference the tests and benchmarks
/// hold `format::render` to; only they compile it.
#[cfg(any(test, feature = "internals"))]
pub fn emit(api: &Api) -> Vec<Emitted> {
    emit_with(api, &context(api))
}

/// Emits every file of the crate for `api` with `context`, on this thread.
#[cfg(any(test, feature = "internals"))]
pub fn emit_with(api: &Api, context: &Context) -> Vec<Emitted> {
    let mut files = text_files(api);
    for (file, count) in rust_files(api) {
        let pieces = (0..count).map(|index| piece(api, context, file, index)).collect();
        files.push(Emitted::Rust(file.path(context), pieces));
    }
    files.sort_by(|a, b| file_path(a).cmp(file_path(b)));
    files
}

/// The path of an emitted file.
#[cfg(any(test, feature = "internals"))]
pub fn file_path(file: &Emitted) -> &str {
    match file {
        Emitted::Rust(path, _) | Emitted::RustText(path, _) | Emitted::Text(path, _) | Emitted::Markdown(path, _) => {
            path
        }
    }
}

/// Where a type is written from: inside `types.rs`, or elsewhere in the crate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Types,
    Crate,
}

/// Where a type written as text is written from: inside `types.rs`, or
/// outside the crate (examples, which name the crate).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextScope {
    Types,
    Outside,
}

/// The Rust type for a model type. Every file that writes one says `use crate::runtime;`.
pub(crate) fn rust_type(api: &Api, ty: &Type, scope: Scope) -> TokenStream {
    match ty {
        Type::Named(id) => {
            let name = &api.types[*id].name;
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
        Type::Secret => quote!(runtime::Secret),
        Type::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        Type::Date => quote!(chrono::NaiveDate),
        Type::Uuid => quote!(uuid::Uuid),
        Type::Bytes => quote!(Vec<u8>),
        Type::Upload => quote!(runtime::Upload),
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
        // Lower checked that the path parses; `serde_json::Value` is never reached.
        Type::External(path) => path.parse().unwrap_or_else(|_| quote!(serde_json::Value)),
    }
}

/// The Rust type of `ty` as text, as the formatter prints it on one line,
/// written from `scope` (outside the crate, its paths start with the crate's
/// name). A caller's own type is its path as the caller wrote it.
pub(crate) fn type_text(api: &Api, ty: &Type, scope: TextScope) -> String {
    type_layout(api, ty, scope).flat()
}

/// [`type_text`] with the places the formatter breaks it at: the generic
/// arguments.
pub(crate) fn type_layout(api: &Api, ty: &Type, scope: TextScope) -> printed::Breakable {
    use printed::Breakable;
    let lib = || crate::naming::lib_name(&api.crate_name);
    let runtime = |name: &str| match scope {
        TextScope::Types => format!("runtime::{name}"),
        TextScope::Outside => format!("{}::{name}", lib()),
    };
    let text = |text: &str| Breakable::Text(text.to_owned());
    match ty {
        Type::Named(id) => {
            let name = &api.types[*id].name;
            Breakable::Text(match scope {
                TextScope::Types => name.to_string(),
                TextScope::Outside => format!("{}::types::{name}", lib()),
            })
        }
        Type::Bool => text("bool"),
        Type::I32 => text("i32"),
        Type::I64 => text("i64"),
        Type::U32 => text("u32"),
        Type::U64 => text("u64"),
        Type::F32 => text("f32"),
        Type::F64 => text("f64"),
        Type::String => text("String"),
        Type::Secret => Breakable::Text(runtime("Secret")),
        Type::DateTime => Breakable::generic("chrono::DateTime", vec![text("chrono::Utc")]),
        Type::Date => text("chrono::NaiveDate"),
        Type::Uuid => text("uuid::Uuid"),
        Type::Bytes => Breakable::generic("Vec", vec![text("u8")]),
        Type::Upload => Breakable::Text(runtime("Upload")),
        Type::Json => text("serde_json::Value"),
        Type::Vec(inner) => Breakable::generic("Vec", vec![type_layout(api, inner, scope)]),
        Type::Map(inner) => {
            Breakable::generic("std::collections::BTreeMap", vec![text("String"), type_layout(api, inner, scope)])
        }
        Type::Option(inner) => Breakable::generic("Option", vec![type_layout(api, inner, scope)]),
        // Seen from outside, the crate's own paths start with its name.
        Type::External(path) => match (scope, path.strip_prefix("crate::")) {
            (TextScope::Outside, Some(rest)) => Breakable::Text(format!("{}::{rest}", lib())),
            _ => Breakable::Text(path.clone()),
        },
    }
}

/// The condition of `gate` as a `cfg` predicate (`feature = "a"`,
/// `any(feature = "a", feature = "b")`); `None` when it always holds.
pub(crate) fn cfg_predicate(api: &Api, gate: &Gate) -> Option<TokenStream> {
    match gate {
        Gate::Always => None,
        Gate::Any(ids) => {
            let names = ids.iter().map(|id| api.feature(*id).name.as_str());
            match ids.as_slice() {
                [one] => {
                    let name = api.feature(*one).name.as_str();
                    Some(quote!(feature = #name))
                }
                _ => Some(quote!(any(#(feature = #names),*))),
            }
        }
    }
}

/// The `#[cfg(...)]` attribute of an item compiled under `gate`; nothing when
/// it always is.
pub(crate) fn cfg(api: &Api, gate: &Gate) -> TokenStream {
    match cfg_predicate(api, gate) {
        Some(predicate) => quote!(#[cfg(#predicate)]),
        None => TokenStream::new(),
    }
}

/// The `#[cfg(...)]` attribute of an item compiled under `gate` inside an
/// item compiled under `host`; nothing when `gate` holds whenever `host` does.
pub(crate) fn cfg_within(api: &Api, gate: &Gate, host: &Gate) -> TokenStream {
    if gate.covers(host) { TokenStream::new() } else { cfg(api, gate) }
}

/// [`cfg_predicate`] as text, for the files written as text.
pub(crate) fn cfg_predicate_text(api: &Api, gate: &Gate) -> Option<String> {
    cfg_predicate_layout(api, gate).map(|predicate| predicate.flat())
}

/// [`cfg_predicate`] as text with the places the formatter breaks it at.
pub(crate) fn cfg_predicate_layout(api: &Api, gate: &Gate) -> Option<printed::Breakable> {
    let Gate::Any(ids) = gate else { return None };
    let mut features: Vec<printed::Breakable> =
        ids.iter().map(|id| printed::Breakable::Text(format!("feature = \"{}\"", api.feature(*id).name))).collect();
    if features.len() == 1 { features.pop() } else { Some(printed::Breakable::meta("any", features)) }
}
