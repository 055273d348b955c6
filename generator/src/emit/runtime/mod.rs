//! The `runtime` module of the generated crate: the files of
//! `generator/runtime/` that the API needs, and the module root declaring them.
//! Which files an API needs is decided here, from the model: a file the crate
//! would not use is not written (it would be dead code). A file is copied as
//! it is but for its parts (`parts.rs`): the items, fields, arms and statements
//! under `#[cfg(feature = "<module>")]` are kept or dropped with that module.
//!
//! - `parts.rs`: settling the parts of a module as it is copied.
//! - `tests.rs`: the template, the parts, the `cfg` predicates.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use self::parts::{Part, settle};
use super::Emitted;
use super::streams::Streaming;
use crate::model::{
    Api, BodyEncoding, BodyKind, Check, Constraints, EnumRepr, Field, Gate, Method, NextPage, ParamLocation, PathPart,
    Presence as FieldPresence, StreamKind, Type, TypeKind, Whitespace,
};

/// The template of `runtime/mod.rs`: one block (lines between blank lines) per
/// module, holding its `mod` declaration and its re-export.
const MOD_RS: &str = include_str!("../../../runtime/mod.rs");

/// Under which configuration a module (or a part of one) is compiled: when
/// `plain` holds, or when `full_serde` holds and the `full-serde` feature is
/// on (a serde helper of a direction the API itself never needs). Absent when
/// neither ever holds: the module is not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presence {
    plain: Gate,
    full_serde: Gate,
}

impl Default for Presence {
    fn default() -> Self {
        Presence { plain: Gate::never(), full_serde: Gate::never() }
    }
}

impl From<Gate> for Presence {
    fn from(plain: Gate) -> Self {
        Presence { plain, full_serde: Gate::never() }
    }
}

impl Presence {
    /// Always compiled.
    pub(super) fn always() -> Self {
        Gate::Always.into()
    }

    /// Only with `full-serde`, under `gate`.
    pub(super) fn full_serde(gate: Gate) -> Self {
        Presence { plain: Gate::never(), full_serde: gate }
    }

    /// Whether it is never compiled.
    pub(super) fn is_absent(&self) -> bool {
        self.plain.is_never() && self.full_serde.is_never()
    }

    /// When either holds.
    pub(super) fn or(&self, other: &Presence) -> Presence {
        Presence { plain: self.plain.union(&other.plain), full_serde: self.full_serde.union(&other.full_serde) }
    }

    /// Whether this holds whenever `host` (a plain gate) does.
    fn covers(&self, host: &Gate) -> bool {
        self.plain.covers(host)
    }

    /// The `#[cfg(...)]` attribute; nothing when it always holds.
    pub(super) fn cfg(&self, api: &Api) -> TokenStream {
        match self.predicate(api).and_then(|predicate| predicate.parse::<TokenStream>().ok()) {
            Some(predicate) => quote!(#[cfg(#predicate)]),
            None => TokenStream::new(),
        }
    }

    /// The `cfg` predicate, as text; `None` when it always holds.
    fn predicate(&self, api: &Api) -> Option<String> {
        if self.plain.covers(&self.full_serde) {
            return super::cfg_predicate_text(api, &self.plain);
        }
        let with_serde = match super::cfg_predicate_text(api, &self.full_serde) {
            None => "feature = \"full-serde\"".to_owned(),
            Some(gate) => format!("all(feature = \"full-serde\", {gate})"),
        };
        match super::cfg_predicate_text(api, &self.plain) {
            _ if self.plain.is_never() => Some(with_serde),
            None => None,
            Some(plain) => Some(format!("any({plain}, {with_serde})")),
        }
    }
}

/// One file of the runtime module: its name, its text, and the modules whose
/// code uses it, so that it is compiled whenever one of them is (besides
/// where the generated code uses it, which [`needs`] records).
struct Module {
    name: &'static str,
    text: &'static str,
    used_by: &'static [&'static str],
}

macro_rules! module {
    ($name:literal $(, used by $($user:literal),+)?) => {
        Module {
            name: $name,
            text: include_str!(concat!("../../../runtime/", $name, ".rs")),
            used_by: &[$($($user),+)?],
        }
    };
}

/// Every module of the runtime, in the order of `mod.rs`, with the modules
/// that use it. A new module is a file in `generator/runtime/`, its block in
/// `mod.rs`, a line here and, where the generated code calls it, a line in
/// [`needs`].
const MODULES: &[Module] = &[
    module!("settings"),
    module!("send", used by "settings"),
    module!("middleware", used by "settings"),
    module!("retry", used by "settings"),
    module!("trace", used by "settings"),
    module!("security", used by "settings"),
    module!("credentials"),
    module!("auth", used by "token", "sign"),
    module!("token", used by "oauth2"),
    module!("oauth2"),
    module!("sign"),
    module!("request", used by "settings"),
    module!("redirect"),
    module!("idempotency"),
    module!("method"),
    module!("accept"),
    module!("encode", used by "path", "query", "header", "cookie", "form"),
    module!("path"),
    module!("style", used by "query", "form"),
    module!("query"),
    module!("header"),
    module!("cookie"),
    module!("body", used by "json_body", "form"),
    module!("json_body"),
    module!("form"),
    module!("multipart", used by "multipart_form"),
    module!("multipart_form"),
    module!("redact", used by "settings"),
    module!("upload", used by "multipart"),
    module!("request_id", used by "settings"),
    module!("response", used by "settings"),
    module!("response_text"),
    module!("stream", used by "sse", "byte_stream"),
    module!("sse"),
    module!("byte_stream"),
    module!("error", used by "settings"),
    module!("stream_error", used by "stream", "upload"),
    module!("webhook_signature"),
    module!("secret"),
    module!("nullable"),
    module!("nullable_field"),
    module!("object"),
    module!("missing_field"),
    module!("trim"),
    module!("string_enum"),
    module!("integer_enum"),
    module!("validate", used by "check_length", "check_uri", "check_items", "check_range", "check_known"),
    module!("check_length"),
    module!("check_uri"),
    module!("check_items"),
    module!("check_range"),
    module!("check_known"),
    module!("paginate", used by "page_offset", "page_url"),
    module!("page_offset"),
    module!("page_url", used by "link_header"),
    module!("link_header"),
];

/// What the generated code of an API calls in the runtime: each module with
/// when the code that calls it is compiled (absent: never).
#[derive(Debug, Default)]
struct Needs(BTreeMap<&'static str, Presence>);

impl Needs {
    /// `module` is used under `presence` (a gate, or a [`Presence`]).
    fn add(&mut self, module: &'static str, presence: impl Into<Presence>) {
        let presence = presence.into();
        let entry = self.0.entry(module).or_default();
        *entry = entry.or(&presence);
    }

    /// `module` is used under `gate` when `used`.
    fn add_if(&mut self, module: &'static str, used: bool, gate: &Gate) {
        if used {
            self.add(module, gate.clone());
        }
    }
}

/// Reads off the model what the emitted client, types and webhooks call
/// (mirroring `operation.rs`, `types.rs` and `checks.rs`), each under the gate
/// of the operation or type that calls it: the checks come from
/// [`Api::checks`], as the emitters' do.
fn needs(api: &Api) -> Needs {
    let mut needs = Needs::default();
    let client = api.client_gate();
    needs.add("settings", client.clone());
    let settled = api.settled_credentials();
    needs.add_if("credentials", !api.schemes.is_empty(), &client);
    needs.add_if("token", settled.tokens, &client);
    needs.add_if("oauth2", settled.client_credentials, &client);
    needs.add_if("sign", settled.signers, &client);
    needs.add_if("redact", api.webhooks.iter().any(|webhook| webhook.payload.is_some()), &Gate::Always);
    needs.add_if("webhook_signature", api.webhooks.iter().any(|webhook| webhook.signed), &Gate::Always);
    let streaming = Streaming::of(api);
    needs.add("upload", streaming.uploads.clone());
    needs.add("sse", streaming.events.clone());
    needs.add("byte_stream", streaming.bytes.clone());
    needs.add("secret", Presence::always());
    needs.add("nullable", Presence::always());
    // The checks made, each with the gate of the code that makes it.
    let mut checks: Vec<(Check, Gate)> = Vec::new();
    for op in &api.operations {
        let gate = &op.gate;
        needs.add_if("path", op.path_parts.iter().any(|part| matches!(part, PathPart::Param { .. })), gate);
        needs.add_if("method", matches!(op.method, Method::Other(_)), gate);
        let events_stream = matches!(op.stream.as_ref().map(|s| &s.kind), Some(StreamKind::Events { .. }));
        needs.add_if("accept", op.responses.accept.is_some() || events_stream, gate);
        needs.add_if("redirect", op.responses.returns_redirects(), gate);
        needs.add_if("idempotency", op.idempotency_header.is_some(), gate);
        for param in &op.params {
            match param.location {
                ParamLocation::Query => needs.add("query", gate.clone()),
                ParamLocation::Header => needs.add("header", gate.clone()),
                ParamLocation::Cookie => needs.add("cookie", gate.clone()),
                ParamLocation::Path => {}
            }
        }
        for param in &op.path_params {
            // A secret path parameter is passed, and checked, as a string.
            let ty = if param.ty == Type::Secret { Type::String } else { param.ty.clone() };
            let found = api.checks(&ty, &param.constraints, Whitespace::Kept);
            checks.extend(found.into_iter().map(|check| (check, gate.clone())));
        }
        if let Some(body) = &op.body {
            // Binary and multipart bodies are uploads (the `upload` module), the others `Body`s.
            match body.encoding {
                BodyEncoding::Json(_) => needs.add("json_body", gate.clone()),
                BodyEncoding::Form(_) => needs.add("form", gate.clone()),
                BodyEncoding::Multipart(_) | BodyEncoding::MultipartFile => needs.add("multipart", gate.clone()),
                BodyEncoding::MultipartForm => needs.add("multipart_form", gate.clone()),
                BodyEncoding::Text(_) => needs.add("body", gate.clone()),
                BodyEncoding::Binary(_) => {}
            }
            let found = api.checks(&body.ty, &Constraints::default(), Whitespace::Kept);
            checks.extend(found.into_iter().map(|check| (check, gate.clone())));
        }
        if let Some(pagination) = &op.pagination {
            let module = match pagination.next {
                NextPage::Cursor { .. } => "paginate",
                NextPage::Offset { .. } => "page_offset",
                NextPage::BodyUrl(_) => "page_url",
                NextPage::LinkHeader => "link_header",
            };
            needs.add(module, gate.clone());
        }
        let mut cases = op.responses.success.iter().chain(&op.responses.errors);
        needs.add_if("response_text", cases.any(|case| matches!(case.body, BodyKind::Text | BodyKind::Binary)), gate);
    }
    for def in api.types.iter() {
        let gate = &def.gate;
        match &def.kind {
            TypeKind::Enum(e) => match e.repr {
                EnumRepr::Integer => needs.add("integer_enum", gate.clone()),
                EnumRepr::String => needs.add("string_enum", gate.clone()),
            },
            TypeKind::Struct(s) => {
                // `serialize_with` and `deserialize_with` matter only with the derive
                // they belong to; the one the API does not need comes with `full-serde`.
                let serialize =
                    if def.in_request() { Presence::from(gate.clone()) } else { Presence::full_serde(gate.clone()) };
                let deserialize = if def.in_response() || !def.in_request() {
                    Presence::from(gate.clone())
                } else {
                    Presence::full_serde(gate.clone())
                };
                // A struct with a flattened field derives `Deserialize`, the others
                // implement it with the `object` module.
                let derived = s.fields.iter().any(|f| f.is_flattened());
                if !derived {
                    needs.add("object", deserialize.clone());
                    let required =
                        |f: &Field| matches!(f.presence, FieldPresence::Required | FieldPresence::RequiredNullable);
                    if s.fields.iter().any(required) {
                        needs.add("missing_field", deserialize.clone());
                    }
                }
                for field in s.fields.iter().filter(|f| !f.is_flattened()) {
                    if field.whitespace == Whitespace::Trimmed && matches!(field.ty, Type::String | Type::Secret) {
                        needs.add("trim", serialize.clone());
                    }
                    if derived && field.presence == FieldPresence::OptionalNullable {
                        needs.add("nullable_field", deserialize.clone());
                    }
                }
            }
            _ => {}
        }
        if def.is_validated() {
            let gate = &def.checks_gate;
            needs.add("validate", gate.clone());
            let mut found = Vec::new();
            match &def.kind {
                TypeKind::Struct(s) | TypeKind::Params(s) => {
                    for field in &s.fields {
                        found.extend(api.checks(&field.ty, &field.constraints, field.whitespace));
                    }
                }
                TypeKind::Union(u) => {
                    for variant in &u.variants {
                        found.extend(api.checks(&variant.ty, &Constraints::default(), Whitespace::Kept));
                    }
                }
                TypeKind::Tuple(t) => {
                    for item in &t.items {
                        found.extend(api.checks(&item.ty, &Constraints::default(), Whitespace::Kept));
                    }
                }
                _ => {}
            }
            checks.extend(found.into_iter().map(|check| (check, gate.clone())));
        }
    }
    for (check, gate) in &checks {
        needs.add("validate", gate.clone());
        record(check, gate, &mut needs);
    }
    needs
}

/// Records the runtime checks that `check` calls, under `gate`.
fn record(check: &Check, gate: &Gate, needs: &mut Needs) {
    match check {
        Check::Length { .. } => needs.add("check_length", gate.clone()),
        Check::Uri { .. } => needs.add("check_uri", gate.clone()),
        Check::Range { .. } => needs.add("check_range", gate.clone()),
        Check::Items { .. } => needs.add("check_items", gate.clone()),
        Check::Known(_) => needs.add("check_known", gate.clone()),
        Check::EachItem(inner) | Check::EachValue(inner) | Check::IfSome(inner) => {
            for check in inner {
                record(check, gate, needs);
            }
        }
        Check::Nested => {}
    }
}

/// When each module of the runtime is compiled, for `api`.
pub struct Modules {
    presences: Vec<(&'static str, Presence)>,
}

impl Modules {
    /// The modules of `api`'s runtime: each is compiled where the generated
    /// code calls it, and wherever a module that uses it is.
    pub fn of(api: &Api) -> Self {
        let needs = needs(api);
        let mut presences: Vec<(&'static str, Presence)> = Vec::with_capacity(MODULES.len());
        for module in MODULES {
            presences.push((module.name, presence_of(module.name, &needs, 0)));
        }
        Modules { presences }
    }

    /// When the module `name` is compiled; `None` for a name that is no module.
    fn presence(&self, name: &str) -> Option<&Presence> {
        self.presences.iter().find(|(module, _)| *module == name).map(|(_, presence)| presence)
    }
}

/// When the module `name` is compiled: where the generated code calls it, and
/// where the modules that use it are (`depth` bounds the walk up the table).
fn presence_of(name: &str, needs: &Needs, depth: usize) -> Presence {
    let mut presence = needs.0.get(name).cloned().unwrap_or_default();
    let users = MODULES.iter().find(|module| module.name == name).map_or(&[][..], |module| module.used_by);
    if depth < MODULES.len() {
        for user in users {
            presence = presence.or(&presence_of(user, needs, depth + 1));
        }
    }
    presence
}

/// The files of the runtime module for `api`: `mod.rs` and the modules it declares.
pub fn files(api: &Api) -> Vec<Emitted> {
    let modules = Modules::of(api);
    let never = Presence::default();
    let presence = |name: &str| modules.presence(name).unwrap_or(&never);
    let declared = |name: &str| {
        let module = presence(name);
        match module.predicate(api) {
            _ if module.is_absent() => Part::Dropped,
            None => Part::Kept,
            Some(predicate) => Part::Behind(predicate),
        }
    };
    let mut files = vec![Emitted::RustText("src/runtime/mod.rs".to_owned(), mod_rs(&declared, api.has_client()))];
    for module in MODULES {
        let host = presence(module.name);
        if !host.is_absent() {
            let text = settle(module.text, &|name| {
                let part = modules.presence(name)?;
                Some(if part.is_absent() {
                    Part::Dropped
                } else if part.covers(&host.plain) && host.full_serde.is_never() {
                    Part::Kept
                } else {
                    Part::Behind(part.predicate(api).unwrap_or_default())
                })
            });
            files.push(Emitted::RustText(format!("src/runtime/{}.rs", module.name), text));
        }
    }
    files
}

/// `mod.rs`: the template's blocks of the modules `declared` keeps, those
/// compiled only under some features or `full-serde` behind `#[cfg]`; without
/// a client, none of reqwest's types is re-exported (with one, they come and
/// go with the client's `settings`).
fn mod_rs(declared: &dyn Fn(&str) -> Part, client: bool) -> String {
    let mut out = String::with_capacity(MOD_RS.len());
    for block in MOD_RS.split("\n\n") {
        let module = block.lines().find_map(|line| line.strip_prefix("mod ")?.strip_suffix(';'));
        let reqwest = block.lines().any(|line| line.starts_with("pub use reqwest"));
        let present = match module {
            Some(module) => declared(module),
            None if reqwest && client => declared("settings"),
            None => Part::Kept,
        };
        let cfg = match present {
            Part::Dropped => continue,
            Part::Kept => None,
            Part::Behind(predicate) => Some(predicate),
        };
        if !out.is_empty() {
            out.push('\n');
        }
        for line in block.lines() {
            // The runtime crate's own `cfg`s of modules that are parts of others.
            let part = line.starts_with("#[cfg(feature = ");
            if part || (!client && line.starts_with("pub use reqwest")) {
                continue;
            }
            let declaration =
                ["mod ", "use ", "pub use ", "pub(crate) use "].iter().any(|start| line.starts_with(start));
            if let (Some(predicate), true) = (&cfg, declaration) {
                out.push_str(&format!("#[cfg({predicate})]\n"));
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

mod parts;

#[cfg(test)]
mod tests;
