//! The intermediate model: everything the emitter needs to know about an API,
//! with every `$ref` resolved, every constraint collected and every Rust name
//! chosen. It holds no `openapiv3` types.
//!
//! The model is the contract between the stages: `lower` builds it and decides
//! everything in it, `emit` only translates it. Questions about it (what a
//! value's validation checks, which statuses an operation maps to `Ok`) are
//! answered by its methods, so both stages read the same answer. Lower builds
//! each value once, complete: nothing in the model is a placeholder that a
//! later pass fills in.
//!
//! Besides the API itself (this file): `types.rs` (named types, fields and
//! type references), `checks.rs` (constraints, and the checks made before
//! sending), `operation.rs` (operations, parameters, bodies, responses),
//! `pagination.rs` (paginated lists) and `features.rs` (cargo features and
//! gates).

mod checks;
mod features;
mod operation;
mod pagination;
mod types;

pub use checks::*;
pub use features::*;
pub use operation::*;
pub use pagination::*;
pub use types::*;

use crate::naming::Ident;

/// An API, lowered.
#[derive(Debug, Clone)]
pub struct Api {
    /// Cargo package name of the generated crate (kebab-case).
    pub crate_name: String,
    /// Cargo package version (semver): `info.version` when it is semver.
    pub crate_version: String,
    /// `info.title`.
    pub title: String,
    /// `info.version`, verbatim.
    pub api_version: String,
    /// `info.summary` (OpenAPI 3.1).
    pub summary: Option<String>,
    /// `info.description`.
    pub description: Option<String>,
    /// The licence as an SPDX expression (`info.license.identifier`, OpenAPI 3.1).
    pub license: Option<String>,
    /// The first absolute `http(s)` server URL, used when no base URL is given.
    pub default_base_url: Option<String>,
    /// Security schemes, in spec order; a [`SchemeId`] indexes this list.
    pub schemes: Vec<SecurityScheme>,
    /// Schemes every operation of the API needs (the document's single security
    /// requirement, when there is one): `Client::new` takes their credentials.
    pub required_schemes: Vec<SchemeId>,
    /// Named types.
    pub types: Types,
    /// Operations, in document order.
    pub operations: Vec<Operation>,
    /// The webhooks the API sends (OpenAPI 3.1 `webhooks`), in document order.
    pub webhooks: Vec<Webhook>,
    /// Dependencies the generated manifest declares besides its own (for the
    /// [`Type::External`] types), by name; one of the manifest's own names
    /// replaces its requirement.
    pub dependencies: Vec<Dependency>,
    /// The cargo features of the generated crate, one per tag of the
    /// operations (and one for the operations without a tag); a [`FeatureId`]
    /// indexes this list. Empty when the operations have fewer than two tags:
    /// every [`Gate`] is then [`Gate::Always`].
    pub features: Vec<Feature>,
}

/// A webhook: a request the API sends to its users, described in the spec.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// Its name in the spec's `webhooks`.
    pub name: String,
    /// Rust name of its variant in the generated `Webhook` enum.
    pub variant: Ident,
    /// The request's body (its JSON payload), if it has one.
    pub payload: Option<Type>,
    /// Summary and description of the webhook's operation, and the body's example.
    pub docs: Docs,
    /// Whether its requests are signed as Standard Webhooks signs them: it
    /// declares a `webhook-signature` header parameter.
    pub signed: bool,
}

/// A dependency of the generated crate, as a `Cargo.toml` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    /// The name (the key in `[dependencies]`).
    pub name: String,
    /// The requirement as a TOML value: `"1"`, `{ version = "1", features = ["serde"] }`.
    pub requirement: String,
}

impl Api {
    /// The type an alias chain ends at (the type itself when it is no alias of a named type).
    pub fn resolve(&self, id: TypeId) -> TypeId {
        self.types.resolve(id)
    }

    /// Whether the generated crate has a client: an API with no operation (only
    /// webhooks, say) gets its types, and no client to call nothing with.
    pub fn has_client(&self) -> bool {
        !self.operations.is_empty()
    }

    /// When the client (`Client`, its builder and the runtime it calls) is
    /// compiled: when any operation is. Always, for a crate without features.
    pub fn client_gate(&self) -> Gate {
        self.operations.iter().fold(Gate::never(), |gate, op| gate.union(&op.gate))
    }

    /// A feature.
    pub fn feature(&self, id: FeatureId) -> &Feature {
        &self.features[id.index()]
    }

    /// The API's name for prose: its title, with " API" added unless it ends so.
    pub fn display_name(&self) -> String {
        let title = self.title.trim();
        if title.to_ascii_lowercase().ends_with("api") { title.to_owned() } else { format!("{title} API") }
    }

    /// A security scheme.
    pub fn scheme(&self, id: SchemeId) -> &SecurityScheme {
        &self.schemes[id.0]
    }

    /// The credentials of the schemes that the client obtains or computes as
    /// calls are sent.
    pub fn settled_credentials(&self) -> SettledCredentials {
        let oauth = || self.schemes.iter().filter_map(|scheme| match &scheme.kind {
            SchemeKind::OAuth2(oauth) => Some(oauth),
            _ => None,
        });
        SettledCredentials {
            tokens: oauth().next().is_some(),
            client_credentials: oauth().any(|oauth| oauth.client_credentials.is_some()),
            signers: self.schemes.iter().any(|scheme| matches!(scheme.kind, SchemeKind::Signed { .. })),
        }
    }

    /// The security schemes with their ids, in spec order.
    pub fn schemes(&self) -> impl Iterator<Item = (SchemeId, &SecurityScheme)> {
        self.schemes.iter().enumerate().map(|(index, scheme)| (SchemeId(index), scheme))
    }

    /// What the client checks on a value of type `ty` with `constraints` before
    /// sending it. Empty when nothing is checked: a type is validated exactly
    /// when one of its parts has a check, so generated validation never has
    /// nothing to do.
    pub fn checks(&self, ty: &Type, constraints: &Constraints, whitespace: Whitespace) -> Vec<Check> {
        self.types.checks(ty, constraints, whitespace)
    }

    /// Whether any type reference of the API (in its types and operations)
    /// matches `pred`, looking inside arrays, maps and options.
    pub fn uses(&self, pred: &dyn Fn(&Type) -> bool) -> bool {
        self.types.iter().any(|def| def.uses(pred))
            || self.operations.iter().any(|op| {
                op.path_params.iter().any(|p| p.ty.uses(pred))
                    || op.body.as_ref().is_some_and(|b| b.ty.uses(pred))
                    || op.responses.success.iter().chain(&op.responses.errors).any(|c| match &c.body {
                        BodyKind::Json(ty) | BodyKind::Events(EventData::Json(ty) | EventData::Keyed(ty)) => {
                            ty.uses(pred)
                        }
                        _ => false,
                    })
                    || op.stream.as_ref().is_some_and(|stream| match &stream.kind {
                        StreamKind::Events { data: EventData::Json(ty) | EventData::Keyed(ty), .. } => ty.uses(pred),
                        _ => false,
                    })
            })
            || self.webhooks.iter().any(|webhook| webhook.payload.as_ref().is_some_and(|ty| ty.uses(pred)))
    }
}

/// Index into [`Api::schemes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemeId(usize);

impl SchemeId {
    /// The id of the scheme at `index` of [`Api::schemes`].
    pub fn new(index: usize) -> Self {
        SchemeId(index)
    }

    /// Its position in [`Api::schemes`] (the generated `SCHEMES` array has the same order).
    pub fn index(self) -> usize {
        self.0
    }
}

/// A security scheme.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    /// Rust name of the builder method and argument that set its credential.
    pub rust_name: Ident,
    /// How the credential is sent.
    pub kind: SchemeKind,
    /// Its description.
    pub description: Option<String>,
}

/// How a credential is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// API key in a header (lower-case name).
    Header(String),
    /// API key in a query parameter.
    Query(String),
    /// API key in a cookie.
    Cookie(String),
    /// HTTP basic authentication.
    Basic,
    /// An HTTP bearer token.
    Bearer,
    /// OAuth 2 or OpenID Connect: a bearer token, fixed or from a token source
    /// of the caller's, or fetched by the client with the client credentials flow.
    OAuth2(OAuth2),
    /// An HTTP authentication scheme the client cannot compute (HMAC request
    /// signing, AWS Signature Version 4): a complete `Authorization` value, or a
    /// signer of each request.
    Signed {
        /// The scheme's name in the spec (`scheme` of an `http` scheme).
        scheme: String,
        /// The builder method that takes a signer.
        signer: Ident,
    },
}

/// Which credentials an API's client obtains or computes as calls are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettledCredentials {
    /// Tokens from a token source (a scheme of OAuth 2 or OpenID Connect).
    pub tokens: bool,
    /// Tokens from the OAuth 2 client credentials flow.
    pub client_credentials: bool,
    /// Signatures (a scheme the client cannot compute).
    pub signers: bool,
}

/// How the client gets the tokens of an OAuth 2 or OpenID Connect scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth2 {
    /// The builder method that takes a token source.
    pub token_source: Ident,
    /// The client credentials flow, when the scheme declares it.
    pub client_credentials: Option<ClientCredentials>,
}

/// An OAuth 2 client credentials flow (RFC 6749 §4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// The builder method that takes the client id and secret.
    pub setter: Ident,
    /// The builder method that takes the flow's settings.
    pub with_settings: Ident,
    /// The token endpoint, as the spec writes it (absolute, or relative to the base URL).
    pub token_url: String,
}
