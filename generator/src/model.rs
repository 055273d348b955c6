//! The intermediate model: everything the emitter needs to know about an API,
//! with every `$ref` resolved, every constraint collected and every Rust name
//! chosen. It holds no `openapiv3` types.

use serde_json::Value;

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
    /// `info.description`.
    pub description: Option<String>,
    /// Servers, with variables replaced by their defaults.
    pub servers: Vec<Server>,
    /// The first absolute `http(s)` server URL, used when no base URL is given.
    pub default_base_url: Option<String>,
    /// Security schemes, in spec order; operations refer to them by index.
    pub schemes: Vec<SecurityScheme>,
    /// Schemes every operation of the API needs (the document's single security
    /// requirement, when there is one): `Client::new` takes their credentials.
    pub required_schemes: Vec<usize>,
    /// Named types; a [`TypeId`] indexes this list.
    pub types: Vec<TypeDef>,
    /// Operations, in document order.
    pub operations: Vec<Operation>,
}

impl Api {
    /// The type an alias chain ends at (the type itself when it is no alias of a named type).
    pub fn resolve(&self, id: TypeId) -> TypeId {
        let mut current = id;
        for _ in 0..self.types.len().min(64) {
            match self.types.get(current).map(|t| &t.kind) {
                Some(TypeKind::Alias(Type::Named(next))) => current = *next,
                _ => break,
            }
        }
        current
    }

    /// The API's name for prose: its title, with " API" added unless it ends so.
    pub fn display_name(&self) -> String {
        let title = self.title.trim();
        if title.to_ascii_lowercase().ends_with("api") { title.to_owned() } else { format!("{title} API") }
    }
}

/// A server URL.
#[derive(Debug, Clone)]
pub struct Server {
    /// The URL with variables replaced by their default values.
    pub url: String,
    /// Its description.
    pub description: Option<String>,
}

/// A security scheme.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    /// Rust name of the builder method and argument that set its credential.
    pub rust_name: String,
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
    /// A bearer token (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
}

/// Index into [`Api::types`].
pub type TypeId = usize;

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name (UpperCamelCase).
    pub name: String,
    /// Documentation from the spec.
    pub docs: Docs,
    /// JSON pointer of the schema it comes from.
    pub pointer: String,
    /// What it is.
    pub kind: TypeKind,
    /// Whether requests can contain it (and so it may need validation).
    pub in_request: bool,
    /// Whether responses can contain it (and so enums must accept unknown values).
    /// Types no operation uses count as responses: callers read them.
    pub in_response: bool,
    /// Whether it (or a type inside it) has constraints checked before sending.
    pub validated: bool,
}

/// Documentation text gathered from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// Short summary or title.
    pub summary: Option<String>,
    /// Long description (CommonMark).
    pub description: Option<String>,
    /// An example value.
    pub example: Option<Value>,
    /// Whether the spec marks it deprecated.
    pub deprecated: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// An enum of string or integer values.
    Enum(Enum),
    /// A `oneOf`/`anyOf` union.
    Union(Union),
    /// Another name for a type.
    Alias(Type),
    /// Query, header and cookie parameters of an operation.
    Params(Struct),
    /// The several success or error bodies of one operation.
    Outcome(Outcome),
}

/// A struct.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Whether every field has a default (all optional), so `Default` is derived.
    pub all_optional: bool,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust name (snake_case, possibly `r#`-prefixed).
    pub name: String,
    /// Its type, without the `Option` that `required`/`nullable` add.
    pub ty: Type,
    /// Whether the spec requires it.
    pub required: bool,
    /// Whether it can be `null`.
    pub nullable: bool,
    /// Whether the value is boxed (it is part of a reference cycle).
    pub boxed: bool,
    /// Whether the field is a flattened part of an `allOf`.
    pub flatten: bool,
    /// Whether the server trims the value (`x-trimmed`).
    pub trimmed: bool,
    /// Constraints checked before sending.
    pub constraints: Constraints,
    /// Documentation.
    pub docs: Docs,
    /// Default value the spec declares.
    pub default: Option<Value>,
}

/// Constraints on a value that the client checks before sending a request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `format: uri`: an absolute URI.
    pub uri: bool,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `minimum` and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    /// `maximum` and whether it is exclusive.
    pub maximum: Option<(f64, bool)>,
    /// `pattern` (documented, not checked).
    pub pattern: Option<String>,
    /// Constraints of array items.
    pub items: Option<Box<Constraints>>,
}

impl Constraints {
    /// Whether any constraint is checked at run time.
    pub fn is_checked(&self) -> bool {
        self.min_length.is_some()
            || self.max_length.is_some()
            || self.uri
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || self.items.as_ref().is_some_and(|c| c.is_checked())
    }
}

/// An enum of listed values.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Variants in spec order.
    pub variants: Vec<EnumVariant>,
    /// Whether the values are integers (else strings).
    pub integer: bool,
}

/// One listed enum value.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    /// Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub value: EnumValue,
}

/// A listed enum value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EnumValue {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
}

/// A `oneOf` or `anyOf` union.
#[derive(Debug, Clone)]
pub struct Union {
    /// Variants in spec order.
    pub variants: Vec<UnionVariant>,
    /// The discriminator property, when the spec names one.
    pub discriminator: Option<String>,
}

/// One alternative of a union.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    /// The type it holds.
    pub ty: Type,
    /// Discriminator values that select it.
    pub tags: Vec<String>,
    /// Whether the value is boxed (it is part of a reference cycle).
    pub boxed: bool,
}

/// The several bodies one operation may answer with, as an enum.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// One variant per documented status.
    pub variants: Vec<OutcomeVariant>,
}

/// One documented status of an [`Outcome`].
#[derive(Debug, Clone)]
pub struct OutcomeVariant {
    /// Rust variant name.
    pub name: String,
    /// The body it holds, if any.
    pub body: Option<Type>,
    /// Documentation (the response's description).
    pub docs: Docs,
}

/// A type reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// A named type.
    Named(TypeId),
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `String`.
    String,
    /// A secret string (redacted in `Debug`).
    Secret,
    /// An RFC 3339 date-time.
    DateTime,
    /// An RFC 3339 full-date.
    Date,
    /// A UUID.
    Uuid,
    /// Raw bytes (binary bodies and multipart files).
    Bytes,
    /// Any JSON value.
    Json,
    /// An array.
    Vec(Box<Type>),
    /// A map with string keys.
    Map(Box<Type>),
    /// A value that may be JSON `null` (inside arrays and maps).
    Option(Box<Type>),
}

/// An operation: one HTTP method on one path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Rust method name (snake_case).
    pub name: String,
    /// `operationId`, when the spec gives one.
    pub operation_id: Option<String>,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template as in the spec.
    pub path: String,
    /// The path template split into literals and parameters.
    pub path_parts: Vec<PathPart>,
    /// Path parameters, in template order.
    pub path_params: Vec<Param>,
    /// Query, header and cookie parameters.
    pub params: Vec<Param>,
    /// The struct holding `params`, when there are any.
    pub params_type: Option<TypeId>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses.
    pub responses: Responses,
    /// Security alternatives: each is a set of scheme indexes that must all be
    /// configured. Empty: no credentials. An empty alternative: optional.
    pub security: Vec<Vec<usize>>,
    /// Summary, description and deprecation.
    pub docs: Docs,
    /// Tags.
    pub tags: Vec<String>,
    /// JSON pointer of the operation.
    pub pointer: String,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter: index into `path_params`, and whether it fills a whole segment.
    Param(usize, bool),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

/// The serialization style of a query parameter or form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form` (the default for query parameters).
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
    /// `simple` (path and header parameters).
    Simple,
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire (lower-case for headers).
    pub wire_name: String,
    /// Rust name.
    pub name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Type,
    /// Whether it is required.
    pub required: bool,
    /// Serialization style.
    pub style: Style,
    /// `explode`.
    pub explode: bool,
    /// Constraints checked before sending.
    pub constraints: Constraints,
    /// Documentation (with the example).
    pub docs: Docs,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// Its type.
    pub ty: Type,
    /// How it is encoded.
    pub encoding: BodyEncoding,
    /// Whether it is required.
    pub required: bool,
    /// Description and example.
    pub docs: Docs,
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyEncoding {
    /// JSON with the given media type.
    Json(String),
    /// `application/x-www-form-urlencoded`, with per-property styles.
    Form(Vec<(String, Style, bool)>),
    /// `multipart/form-data`: the body is a struct; fields of type `Bytes` are files.
    Multipart,
    /// `multipart/form-data` whose schema is a single binary string: one file part named `file`.
    MultipartFile,
    /// Raw bytes with the given media type.
    Binary(String),
    /// Text with the given media type.
    Text(String),
}

/// The documented responses of an operation.
#[derive(Debug, Clone)]
pub struct Responses {
    /// Responses that are successes.
    pub success: Vec<ResponseCase>,
    /// Responses that are errors.
    pub errors: Vec<ResponseCase>,
    /// The `Ok` type: a single body, or an [`Outcome`] enum.
    pub success_type: Outcomes,
    /// The error body type `E` of `Error<E>`.
    pub error_type: Outcomes,
}

/// How several responses map to one Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcomes {
    /// All responses share one body kind.
    Single(BodyKind),
    /// An [`Outcome`] enum; each case is wrapped into its variant.
    Enum(TypeId),
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    /// One status code.
    Code(u16),
    /// A range such as `4XX`: the first digit.
    Range(u8),
    /// `default`: any status not otherwise documented.
    Default,
}

/// One documented response.
#[derive(Debug, Clone)]
pub struct ResponseCase {
    /// Statuses it covers.
    pub status: StatusMatch,
    /// Its body.
    pub body: BodyKind,
    /// The variant of the outcome enum, when there is one.
    pub variant: Option<String>,
    /// Description and example.
    pub docs: Docs,
    /// Documented response headers: name and description (read them from the response's headers).
    pub headers: Vec<(String, Option<String>)>,
}

/// The body of a response.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// No body.
    Empty,
    /// JSON of this type.
    Json(Type),
    /// Text.
    Text,
    /// Bytes.
    Binary,
}
