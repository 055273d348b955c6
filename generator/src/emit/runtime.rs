//! The `runtime` module of the generated crate: the files of
//! `generator/runtime/` that the API needs, copied verbatim, and a `mod.rs`
//! declaring them. Which files an API needs is decided here, from the model:
//! a file the crate would not use is not written (it would be dead code).
//! Its tests are in `runtime/tests.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitted;
use super::streams::Streaming;
use crate::model::{
    Api, BodyEncoding, BodyKind, Check, Constraints, EnumRepr, Field, Gate, Method, NextPage, ParamLocation, PathPart,
    Presence as FieldPresence, SettledCredentials, StreamKind, Type, TypeKind, Whitespace,
};

/// The template of `runtime/mod.rs`: one block (lines between blank lines) per
/// module, holding its `mod` declaration and its re-export.
const MOD_RS: &str = include_str!("../../runtime/mod.rs");

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

/// One file of the runtime module.
struct Module {
    name: &'static str,
    text: &'static str,
    presence: fn(&Uses) -> Presence,
}

macro_rules! module {
    ($name:literal, $presence:expr) => {
        Module { name: $name, text: include_str!(concat!("../../runtime/", $name, ".rs")), presence: $presence }
    };
}

/// Every module of the runtime, in the order of `mod.rs`, with when the crate
/// needs it: when the generated code that uses it is compiled.
const MODULES: &[Module] = &[
    module!("settings", |u| u.client.clone().into()),
    module!("send", |u| u.client.clone().into()),
    module!("middleware", |u| u.client.clone().into()),
    module!("retry", |u| u.client.clone().into()),
    module!("trace", |u| u.client.clone().into()),
    module!("security", |u| u.client.clone().into()),
    module!("credentials", |u| if u.schemes { u.client.clone().into() } else { Presence::default() }),
    module!("auth", |u| if u.settled.tokens || u.settled.signers { u.client.clone().into() } else { Presence::default() }),
    module!("token", |u| if u.settled.tokens { u.client.clone().into() } else { Presence::default() }),
    module!("oauth2", |u| if u.settled.client_credentials { u.client.clone().into() } else { Presence::default() }),
    module!("sign", |u| if u.settled.signers { u.client.clone().into() } else { Presence::default() }),
    module!("request", |u| u.client.clone().into()),
    module!("redirect", |u| u.redirect.clone().into()),
    module!("idempotency", |u| u.idempotency.clone().into()),
    module!("method", |u| u.extension_methods.clone().into()),
    module!("accept", |u| u.accept.clone().into()),
    module!("encode", |u| u.path.union(&u.query).union(&u.header).union(&u.cookie).union(&u.form).into()),
    module!("path", |u| u.path.clone().into()),
    module!("style", |u| u.query.union(&u.form).into()),
    module!("query", |u| u.query.clone().into()),
    module!("header", |u| u.header.clone().into()),
    module!("cookie", |u| u.cookie.clone().into()),
    module!("body", |u| u.body.clone().into()),
    module!("json_body", |u| u.json_body.clone().into()),
    module!("form", |u| u.form.clone().into()),
    module!("multipart", |u| u.multipart.clone().into()),
    module!("multipart_form", |u| u.multipart_form.clone().into()),
    module!("redact", |u| u.client.union(&u.webhook_payloads).into()),
    module!("upload", |u| u.streaming.uploads.clone().into()),
    module!("request_id", |u| u.client.clone().into()),
    module!("response", |u| u.client.clone().into()),
    module!("response_text", |u| u.text_responses.clone().into()),
    module!("stream", |u| u.streaming.streams().into()),
    module!("sse", |u| u.streaming.events.clone().into()),
    module!("byte_stream", |u| u.streaming.bytes.clone().into()),
    module!("error", |u| u.client.clone().into()),
    module!("stream_error", |u| u.streaming.any().into()),
    module!("webhook_signature", |u| u.webhook_signatures.clone().into()),
    module!("secret", |_| Presence::always()),
    module!("nullable", |_| Presence::always()),
    module!("nullable_field", |u| u.nullable_field.clone()),
    module!("object", |u| u.object.clone()),
    module!("missing_field", |u| u.missing_field.clone()),
    module!("trim", |u| u.trim.clone()),
    module!("string_enum", |u| u.string_enum.clone().into()),
    module!("integer_enum", |u| u.integer_enum.clone().into()),
    module!("validate", |u| u.validate.clone().into()),
    module!("check_length", |u| u.check_length.clone().into()),
    module!("check_uri", |u| u.check_uri.clone().into()),
    module!("check_items", |u| u.check_items.clone().into()),
    module!("check_range", |u| u.check_range.clone().into()),
    module!("check_known", |u| u.check_known.clone().into()),
    module!("paginate", |u| u.paginate.clone().into()),
    module!("page_offset", |u| u.page_offset.clone().into()),
    module!("page_url", |u| u.page_url.clone().into()),
    module!("link_header", |u| u.link_header.clone().into()),
];

/// What the generated code of an API uses from the runtime, each with when
/// the code that uses it is compiled (never, when nothing uses it).
#[derive(Debug)]
struct Uses {
    /// When the client is compiled: an API without operations (only webhooks,
    /// say) gets types and no client.
    client: Gate,
    webhook_payloads: Gate,
    /// Webhooks signed as Standard Webhooks signs them.
    webhook_signatures: Gate,
    streaming: Streaming,
    schemes: bool,
    settled: SettledCredentials,
    extension_methods: Gate,
    /// Operations that document a redirect, whose calls return it.
    redirect: Gate,
    /// Operations whose calls carry an idempotency key.
    idempotency: Gate,
    accept: Gate,
    path: Gate,
    query: Gate,
    header: Gate,
    cookie: Gate,
    body: Gate,
    json_body: Gate,
    form: Gate,
    multipart: Gate,
    multipart_form: Gate,
    text_responses: Gate,
    nullable_field: Presence,
    /// The `Deserialize` of structs.
    object: Presence,
    /// The `Deserialize` of structs with a field without a default.
    missing_field: Presence,
    trim: Presence,
    string_enum: Gate,
    integer_enum: Gate,
    validate: Gate,
    check_length: Gate,
    check_uri: Gate,
    check_items: Gate,
    check_range: Gate,
    check_known: Gate,
    paginate: Gate,
    page_offset: Gate,
    page_url: Gate,
    link_header: Gate,
}

/// Adds `gate` to `use_` when `used`.
fn add(use_: &mut Gate, used: bool, gate: &Gate) {
    if used {
        *use_ = use_.union(gate);
    }
}

/// Reads off the model what the emitted client, types and webhooks call
/// (mirroring `operation.rs`, `types.rs` and `checks.rs`), each under the gate
/// of the operation or type that calls it: the checks come from
/// [`Api::checks`], as the emitters' do.
fn uses(api: &Api) -> Uses {
    let streaming = Streaming::of(api);
    let never = Gate::never;
    let mut uses = Uses {
        client: api.client_gate(),
        webhook_payloads: if api.webhooks.iter().any(|webhook| webhook.payload.is_some()) {
            Gate::Always
        } else {
            never()
        },
        webhook_signatures: if api.webhooks.iter().any(|webhook| webhook.signed) { Gate::Always } else { never() },
        streaming,
        schemes: !api.schemes.is_empty(),
        settled: api.settled_credentials(),
        extension_methods: never(),
        redirect: never(),
        idempotency: never(),
        accept: never(),
        path: never(),
        query: never(),
        header: never(),
        cookie: never(),
        body: never(),
        json_body: never(),
        form: never(),
        multipart: never(),
        multipart_form: never(),
        text_responses: never(),
        nullable_field: Presence::default(),
        object: Presence::default(),
        missing_field: Presence::default(),
        trim: Presence::default(),
        string_enum: never(),
        integer_enum: never(),
        validate: never(),
        check_length: never(),
        check_uri: never(),
        check_items: never(),
        check_range: never(),
        check_known: never(),
        paginate: never(),
        page_offset: never(),
        page_url: never(),
        link_header: never(),
    };
    // The checks made, each with the gate of the code that makes it.
    let mut checks: Vec<(Check, Gate)> = Vec::new();
    for op in &api.operations {
        let gate = &op.gate;
        add(&mut uses.path, op.path_parts.iter().any(|part| matches!(part, PathPart::Param { .. })), gate);
        add(&mut uses.extension_methods, matches!(op.method, Method::Other(_)), gate);
        let events_stream = matches!(op.stream.as_ref().map(|s| &s.kind), Some(StreamKind::Events { .. }));
        add(&mut uses.accept, op.responses.accept.is_some() || events_stream, gate);
        add(&mut uses.redirect, op.responses.returns_redirects(), gate);
        add(&mut uses.idempotency, op.idempotency_header.is_some(), gate);
        for param in &op.params {
            match param.location {
                ParamLocation::Query => add(&mut uses.query, true, gate),
                ParamLocation::Header => add(&mut uses.header, true, gate),
                ParamLocation::Cookie => add(&mut uses.cookie, true, gate),
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
                BodyEncoding::Json(_) => {
                    add(&mut uses.body, true, gate);
                    add(&mut uses.json_body, true, gate);
                }
                BodyEncoding::Form(_) => {
                    add(&mut uses.body, true, gate);
                    add(&mut uses.form, true, gate);
                }
                BodyEncoding::Multipart(_) | BodyEncoding::MultipartFile => add(&mut uses.multipart, true, gate),
                BodyEncoding::MultipartForm => {
                    add(&mut uses.multipart, true, gate);
                    add(&mut uses.multipart_form, true, gate);
                }
                BodyEncoding::Text(_) => add(&mut uses.body, true, gate),
                BodyEncoding::Binary(_) => {}
            }
            let found = api.checks(&body.ty, &Constraints::default(), Whitespace::Kept);
            checks.extend(found.into_iter().map(|check| (check, gate.clone())));
        }
        if let Some(pagination) = &op.pagination {
            add(&mut uses.paginate, true, gate);
            match pagination.next {
                NextPage::Cursor { .. } => {}
                NextPage::Offset { .. } => add(&mut uses.page_offset, true, gate),
                NextPage::BodyUrl(_) => add(&mut uses.page_url, true, gate),
                NextPage::LinkHeader => {
                    add(&mut uses.page_url, true, gate);
                    add(&mut uses.link_header, true, gate);
                }
            }
        }
        let mut cases = op.responses.success.iter().chain(&op.responses.errors);
        add(&mut uses.text_responses, cases.any(|case| matches!(case.body, BodyKind::Text | BodyKind::Binary)), gate);
    }
    for def in api.types.iter() {
        let gate = &def.gate;
        match &def.kind {
            TypeKind::Enum(e) => match e.repr {
                EnumRepr::Integer => add(&mut uses.integer_enum, true, gate),
                EnumRepr::String => add(&mut uses.string_enum, true, gate),
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
                    uses.object = uses.object.or(&deserialize);
                    let required =
                        |f: &Field| matches!(f.presence, FieldPresence::Required | FieldPresence::RequiredNullable);
                    if s.fields.iter().any(required) {
                        uses.missing_field = uses.missing_field.or(&deserialize);
                    }
                }
                for field in s.fields.iter().filter(|f| !f.is_flattened()) {
                    if field.whitespace == Whitespace::Trimmed && matches!(field.ty, Type::String | Type::Secret) {
                        uses.trim = uses.trim.or(&serialize);
                    }
                    if derived && field.presence == FieldPresence::OptionalNullable {
                        uses.nullable_field = uses.nullable_field.or(&deserialize);
                    }
                }
            }
            _ => {}
        }
        if def.is_validated() {
            let gate = &def.checks_gate;
            add(&mut uses.validate, true, gate);
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
        add(&mut uses.validate, true, gate);
        record(check, gate, &mut uses);
    }
    uses
}

/// Records the runtime checks that `check` calls, under `gate`.
fn record(check: &Check, gate: &Gate, uses: &mut Uses) {
    match check {
        Check::Length { .. } => add(&mut uses.check_length, true, gate),
        Check::Uri { .. } => add(&mut uses.check_uri, true, gate),
        Check::Range { .. } => add(&mut uses.check_range, true, gate),
        Check::Items { .. } => add(&mut uses.check_items, true, gate),
        Check::Known(_) => add(&mut uses.check_known, true, gate),
        Check::EachItem(inner) | Check::EachValue(inner) | Check::IfSome(inner) => {
            for check in inner {
                record(check, gate, uses);
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
    /// The modules of `api`'s runtime.
    pub fn of(api: &Api) -> Self {
        let uses = uses(api);
        Modules { presences: MODULES.iter().map(|module| (module.name, (module.presence)(&uses))).collect() }
    }

    /// When the module `name` is compiled (never, for a name that is no module).
    fn presence(&self, name: &str) -> Presence {
        self.presences.iter().find(|(module, _)| *module == name).map(|(_, p)| p.clone()).unwrap_or_default()
    }
}

/// The files of the runtime module for `api`: `mod.rs` and the modules it declares.
pub fn files(api: &Api) -> Vec<Emitted> {
    let modules = Modules::of(api);
    let presence = |name: &str| modules.presence(name);
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
            let text = with_modules(module.text, &|name| {
                let part = presence(name);
                if part.is_absent() {
                    Part::Dropped
                } else if part.covers(&host.plain) && host.full_serde.is_never() {
                    Part::Kept
                } else {
                    Part::Behind(part.predicate(api).unwrap_or_default())
                }
            });
            files.push(Emitted::RustText(format!("src/runtime/{}.rs", module.name), text));
        }
    }
    files
}

/// What becomes of an optional part of a runtime module.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// It is kept as it is: the modules it uses are compiled whenever the module is.
    Kept,
    /// It is dropped: a module it uses is never compiled.
    Dropped,
    /// It is kept behind `#[cfg(...)]` with this predicate.
    Behind(String),
}

/// The text of a runtime module with its optional parts settled: the lines
/// between `// [with a b]` and `// [end]` (the two marker lines are never
/// kept) are the parts of a module that only streams or uploads use (a field,
/// a match arm, an item). `part` says what becomes of the part for each
/// module it names; the part is kept when all are kept, dropped when one is,
/// and put behind the conditions of the others otherwise: the `#[cfg]` goes
/// before the part's first line that is not blank or a doc comment, so a part
/// is one field, arm, statement or item.
fn with_modules(text: &str, part: &dyn Fn(&str) -> Part) -> String {
    let mut out = String::with_capacity(text.len());
    let mut keep = true;
    let mut pending: Option<String> = None;
    let mut dropped = false;
    for line in text.split_inclusive('\n') {
        let marker = line.trim();
        if let Some(names) = marker.strip_prefix("// [with ").and_then(|rest| rest.strip_suffix(']')) {
            let parts: Vec<Part> = names.split_whitespace().map(part).collect();
            keep = !parts.contains(&Part::Dropped);
            let conditions: Vec<String> = parts
                .into_iter()
                .filter_map(|p| match p {
                    Part::Behind(predicate) => Some(predicate),
                    _ => None,
                })
                .collect();
            pending = match conditions.as_slice() {
                [] => None,
                [one] => Some(one.clone()),
                all => Some(format!("all({})", all.join(", "))),
            };
        } else if marker == "// [end]" {
            dropped = !keep;
            keep = true;
            pending = None;
        } else if keep {
            // A blank line after a dropped part when one is already there.
            if std::mem::take(&mut dropped) && marker.is_empty() && (out.ends_with("\n\n") || out.is_empty()) {
                continue;
            }
            if !marker.is_empty() && !marker.starts_with("///") {
                if let Some(predicate) = pending.take() {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    out.push_str(&format!("{indent}#[cfg({predicate})]\n"));
                }
            }
            out.push_str(line);
        }
    }
    out
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
            if !client && line.starts_with("pub use reqwest") {
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

#[cfg(test)]
mod tests;
