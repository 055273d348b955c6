//! Stage 2, lower: an OpenAPI document to the plain model of [`crate::model`].
//! Every `$ref` is resolved, every constraint collected, every name chosen and
//! every problem reported here, with the JSON pointer of where it is.
//!
//! This file drives the stage: the [`Lowerer`]'s state and the order of work
//! (security schemes, operation names, the selection, component schemas,
//! operations, webhooks, then the whole-model passes and the model). Types and
//! operations are built as lower's own drafts (`draft.rs`); the model is built
//! from them once, complete, at the end (`assemble.rs`), so that every field of
//! it is final whenever anything reads it. The work itself is in one file per
//! concern:
//!
//! - operations: `operation.rs` (operations and parameters), `path.rs` (path
//!   templates), `media.rs` (media types and request bodies), `parts.rs` (the
//!   parts of multipart bodies), `responses.rs`,
//!   `streams.rs` (server-sent events, stream methods), `security.rs`,
//!   `webhooks.rs` (3.1 webhooks), `select.rs` (the `only` setting);
//! - schemas to types: `schema.rs` (use sites, named types from a work queue),
//!   `object.rs` (objects and `allOf`: properties merged into one struct),
//!   `union.rs` (`oneOf`/`anyOf`), `variants.rs` (the words naming a union's
//!   alternatives), `required.rs` (lists of `required` alternatives), `classify.rs` (what a schema is), `names.rs` (names of
//!   inline types), `external.rs` (the caller's own types), `resolve.rs`
//!   (`$ref`s);
//! - whole-model passes: `graph.rs` (usage, sharing, boxes, validation),
//!   `features.rs` (cargo features and gates), `pagination.rs` (paginated
//!   lists), `examples.rs` (the spec's examples checked against their types).

mod assemble;
mod classify;
mod draft;
mod examples;
mod external;
mod features;
mod graph;
mod media;
mod names;
mod object;
mod operation;
mod pagination;
mod parts;
mod path;
mod required;
mod resolve;
mod responses;
mod schema;
mod security;
mod select;
mod streams;
mod union;
mod variants;
mod webhooks;

use std::collections::{HashMap, VecDeque};

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use draft::{Drafts, Shape};
use features::Gating;
use resolve::{Arenas, Resolver};
use schema::Node;

use crate::diag::{Diagnostic, Location, Pointer, Severity};
use crate::load::Document;
use crate::model::{Api, Docs, SchemeId, SchemeKind, TypeId};
use crate::naming::{self, Ident, Namespace, camel};
use crate::options::{Options, TagFeatures};

/// A lowered API and the warnings met on the way.
#[derive(Debug)]
pub struct Lowered {
    /// The model.
    pub api: Api,
    /// Warnings: things skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// Operations skipped because of an unsupported construct.
    pub skipped_operations: usize,
}

/// Lowers a loaded document. Errors come back all at once, warnings first.
pub fn lower(doc: &Document, options: &Options) -> Result<Lowered, Vec<Diagnostic>> {
    let arenas = Arenas::default();
    let mut lowerer = Lowerer::new(doc, &arenas);
    let api = lowerer.run(options);
    // The load stage's warnings first; every place named as the document is written.
    let mut diags = doc.warnings.clone();
    diags.extend(std::mem::take(&mut lowerer.diags).into_iter().map(|diagnostic| as_written(doc, diagnostic)));
    diags.sort_by_key(|d| d.severity);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(diags);
    }
    Ok(Lowered { api, warnings: diags, skipped_operations: lowerer.skipped })
}

/// A diagnostic about the document as loaded, located in the document as
/// written (they differ where the 3.1 normalisation moved a schema).
fn as_written(doc: &Document, mut diagnostic: Diagnostic) -> Diagnostic {
    if let Location::Pointer(pointer) = &diagnostic.location {
        diagnostic.location = Location::Pointer(doc.original(&Pointer::parse(pointer)).to_string());
    }
    diagnostic
}

/// State of one lowering.
pub(crate) struct Lowerer<'a> {
    doc: &'a Document,
    resolver: Resolver<'a>,
    diags: Vec<Diagnostic>,
    /// The named types, as they are built.
    types: Drafts,
    /// The named type of the schema written at each pointer.
    by_pointer: HashMap<Pointer, TypeId>,
    /// Named types created but not built yet, with the schema to build them from.
    queue: VecDeque<(TypeId, Pointer, &'a Schema)>,
    type_names: Namespace,
    /// UpperCamelCase stem of each operation's (and webhook's) type names, keyed by its pointer.
    op_stems: HashMap<Pointer, String>,
    /// Schemas being expanded inline through references (to catch cycles).
    expanding: Vec<Pointer>,
    skipped: usize,
    /// Names of the security schemes lowered, in the order of `Api::schemes`
    /// (which leaves out the schemes that cannot be used).
    scheme_names: Vec<String>,
    /// The `ClientBuilder` method names claimed so far: the settings', then the schemes'.
    scheme_methods: Namespace,
    /// The schemes with the OAuth 2 client credentials flow, whose scopes the operations send.
    scoped_schemes: Vec<SchemeId>,
    /// The schemes that send an `Authorization` header.
    authorizing_schemes: Vec<SchemeId>,
    /// The scheme of the operations' `Authorization` header parameters, once one declares it.
    authorization_scheme: Option<(SchemeId, Ident)>,
    /// The `Client` method names claimed so far: the operations', then the
    /// methods derived from them (`<operation>_stream`).
    method_names: Namespace,
    /// The extensions of the operations that have a pagination extension, by pointer.
    op_extensions: HashMap<Pointer, &'a IndexMap<String, Value>>,
    /// Schemas replaced by Rust types of the caller's, by the pointer where they are written.
    external: HashMap<Pointer, String>,
    /// Unions of server-sent event objects, to key by their `event` once built.
    keyed_unions: Vec<streams::KeyedUnion>,
    /// The words naming the alternatives of each union, by the union's pointer.
    words: HashMap<Pointer, variants::Words>,
}

/// Why an operation is not generated.
enum Skip {
    /// An error was reported: the whole generation fails, nothing more to say.
    Reported,
    /// An unsupported construct at this pointer: the operation is skipped with this warning.
    Unsupported(Pointer, String),
}

impl<'a> Lowerer<'a> {
    fn new(doc: &'a Document, arenas: &'a Arenas) -> Self {
        Lowerer {
            doc,
            resolver: Resolver::new(doc, arenas),
            diags: Vec::new(),
            types: Drafts::default(),
            by_pointer: HashMap::new(),
            queue: VecDeque::new(),
            type_names: Namespace::new(),
            op_stems: HashMap::new(),
            expanding: Vec::new(),
            skipped: 0,
            scheme_names: Vec::new(),
            scheme_methods: Namespace::with_reserved(security::BUILDER_METHODS),
            scoped_schemes: Vec::new(),
            authorizing_schemes: Vec::new(),
            authorization_scheme: None,
            method_names: Namespace::new(),
            op_extensions: HashMap::new(),
            external: HashMap::new(),
            keyed_unions: Vec::new(),
            words: HashMap::new(),
        }
    }

    fn run(&mut self, options: &Options) -> Api {
        let api = &self.doc.api;
        let info = &api.info;
        // The name given, the spec's own hint, the title's product word, the
        // provider's domain name (APIs.guru's `x-providerName`), the title.
        let crate_name = options
            .crate_name
            .clone()
            .or_else(|| info.extensions.get("x-rust-crate-name").and_then(Value::as_str).map(str::to_owned))
            .map(|name| naming::crate_name(&name))
            .or_else(|| naming::title_crate_name(&info.title))
            .or_else(|| {
                let provider = info.extensions.get("x-providerName").and_then(Value::as_str)?;
                naming::title_crate_name(provider.split('.').next().unwrap_or(provider))
            })
            .unwrap_or_else(|| naming::crate_name(&info.title));
        let crate_version = match semver::Version::parse(&info.version) {
            Ok(_) => info.version.clone(),
            Err(_) => "0.1.0".to_owned(),
        };

        let default_base_url = match &options.base_url {
            Some(url) => self.base_url_setting(url),
            None => api.servers.iter().map(|s| server_url(&s.url, s.variables.as_ref())).find(|url| is_http_url(url)),
        };

        let mut schemes = self.security_schemes();
        self.scheme_names = schemes.iter().map(|s| s.name.clone()).collect();
        self.scoped_schemes = schemes
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(&s.kind, SchemeKind::OAuth2(oauth) if oauth.client_credentials.is_some()))
            .map(|(index, _)| SchemeId::new(index))
            .collect();
        self.authorizing_schemes = schemes
            .iter()
            .enumerate()
            .filter(|(_, s)| match &s.kind {
                SchemeKind::Header(name) => name == "authorization",
                SchemeKind::Query(_) | SchemeKind::Cookie(_) => false,
                SchemeKind::Basic | SchemeKind::Bearer | SchemeKind::OAuth2(_) | SchemeKind::Signed { .. } => true,
            })
            .map(|(index, _)| SchemeId::new(index))
            .collect();
        let required_schemes = self.required_schemes();

        // Operation names first: inline types are named after their operation.
        let sites = self.name_operations();
        let sites = self.select(sites, &options.only);
        self.external_types(&options.types);
        self.component_schemas();

        let mut operations = Vec::new();
        for site in sites {
            match self.operation(site, options.idempotency_header.as_deref()) {
                Ok(op) => operations.push(op),
                Err(Skip::Reported) => {}
                Err(Skip::Unsupported(at, message)) => {
                    self.skipped += 1;
                    self.warn(&at, format!("operation skipped: {message}"));
                }
            }
            self.drain();
        }

        schemes.extend(self.authorization_parameter_scheme());

        let mut webhooks = self.webhooks(options.webhook_signatures.is_some());
        self.key_event_unions();
        self.drain();

        // Every type is built: the whole-model passes decide what the drafts
        // leave open, then the model is built once, complete.
        if !options.only.is_empty() {
            self.prune(&mut operations, &mut webhooks);
        }
        let layout = graph::finish(&mut self.types, &operations, &webhooks);
        let gating = match options.features() {
            TagFeatures::PerTag => features::assign(&self.types, &operations, &webhooks, &self.doc.api.tags),
            TagFeatures::Off => None,
        };
        let Gating { features, operations: gates, types: type_gates } =
            gating.unwrap_or_else(|| Gating::none(self.types.len(), operations.len()));
        let types = assemble::types(std::mem::take(&mut self.types), &layout, &type_gates);
        let paginations = self.paginate(&types, &operations);
        let examples = examples::check_examples(&types, &operations);
        for (pointer, message) in examples.misfits {
            self.warn(&pointer, message);
        }
        let operations = operations
            .into_iter()
            .zip(gates)
            .zip(paginations)
            .enumerate()
            .map(|(index, ((draft, gate), pagination))| {
                let finish =
                    assemble::Finish { types: &types, index, gate, pagination, undecodable: &examples.undecodable };
                assemble::operation(draft, finish)
            })
            .collect();

        Api {
            crate_name,
            crate_version,
            title: info.title.clone(),
            api_version: info.version.clone(),
            summary: self.doc.summary.clone(),
            description: info.description.clone(),
            license: self.doc.license_identifier.clone(),
            default_base_url,
            schemes,
            required_schemes,
            types,
            operations,
            webhooks,
            dependencies: options.dependencies.clone(),
            features,
        }
    }

    /// Every component schema gets a named type, even a primitive one (as an alias).
    fn component_schemas(&mut self) {
        let Some(components) = &self.doc.api.components else { return };
        let base = Pointer::root().push("components").push("schemas");
        for (name, node) in &components.schemas {
            let at = base.push(name);
            if self.by_pointer.contains_key(&at) || self.external.contains_key(&at) {
                continue;
            }
            match node {
                ReferenceOr::Item(schema) => {
                    let docs = classify::docs_of(&schema.schema_data);
                    self.new_type(&at, camel(name, "Type"), docs, Some(schema));
                }
                ReferenceOr::Reference { reference } => {
                    let target = self.schema_use(Node::Ref(reference), &at, 0);
                    let id = self.new_type(&at, camel(name, "Type"), Docs::default(), None);
                    self.types[id].shape = Shape::Alias(target.ty);
                }
            }
            self.drain();
        }
    }

    pub(super) fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(at, message));
    }

    pub(super) fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(at, message));
    }

    /// A warning about a part of the spec that many operations share (a
    /// request body under `components`): once, however many reach it.
    pub(super) fn warn_once(&mut self, at: &Pointer, message: impl Into<String>) {
        let warning = Diagnostic::warning(at, message);
        if !self.diags.contains(&warning) {
            self.diags.push(warning);
        }
    }
}

/// Whether `url` is an absolute `http` or `https` URL.
fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

impl Lowerer<'_> {
    /// The `base-url` setting, when it is an absolute `http(s)` URL.
    fn base_url_setting(&mut self, url: &str) -> Option<String> {
        if is_http_url(url) && !url.contains(char::is_whitespace) {
            return Some(url.to_owned());
        }
        self.diags
            .push(Diagnostic::setting("base-url", format!("`{url}` is not an absolute `http://` or `https://` URL")));
        None
    }
}

fn server_url(url: &str, variables: Option<&indexmap::IndexMap<String, openapiv3::ServerVariable>>) -> String {
    let mut out = url.to_owned();
    if let Some(variables) = variables {
        for (name, variable) in variables {
            out = out.replace(&format!("{{{name}}}"), &variable.default);
        }
    }
    out
}
