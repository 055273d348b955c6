//! Operations: their paths, parameters, request bodies and responses.

use super::{Constraints, Docs, Gate, Pagination, Presence, SchemeId, Type, TypeId};
use crate::diag::Pointer;
use crate::naming::Ident;

/// An operation: one HTTP method on one path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Rust method name (snake_case).
    pub name: Ident,
    /// HTTP method.
    pub method: Method,
    /// Path template as in the spec.
    pub path: String,
    /// The path template split into literals and parameters.
    pub path_parts: Vec<PathPart>,
    /// Path parameters, in template order.
    pub path_params: Vec<Param>,
    /// Query, header and cookie parameters, each held by the field of
    /// `params_type` that has its name.
    pub params: Vec<Param>,
    /// The struct holding `params`, when there are any.
    pub params_type: Option<TypeId>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses.
    pub responses: Responses,
    /// A second method that answers the same call as a stream, when the spec allows one.
    pub stream: Option<StreamMethod>,
    /// Security alternatives: each is a set of schemes that must all be
    /// configured. Empty: no credentials. An empty alternative: optional.
    pub security: Vec<Vec<SchemeId>>,
    /// The scopes the security requirement lists for each scheme that uses the
    /// OAuth 2 client credentials flow (the first list the requirement gives it),
    /// when it lists any.
    pub scopes: Vec<(SchemeId, Vec<String>)>,
    /// Summary, description and deprecation.
    pub docs: Docs,
    /// JSON pointer of the operation (for the repository's tools: the
    /// conformance run finds the operation's examples and known spec bugs by it).
    #[cfg_attr(
        not(any(test, feature = "internals")),
        expect(dead_code, reason = "only the tools read it, through the `internals` feature")
    )]
    pub pointer: Pointer,
    /// How its list is walked page after page, when it is a paginated list.
    pub pagination: Option<Pagination>,
    /// The header (lower case) that carries an idempotency key on its calls: a
    /// fresh one unless the caller sets it, the same on every retry, which makes
    /// the call retryable as an idempotent one. A header parameter named
    /// `Idempotency-Key` or the `idempotency-header` setting's name, or that
    /// setting's header on a `POST` or `PATCH` operation.
    pub idempotency_header: Option<String>,
    /// When its methods are compiled: when the feature of one of its tags is on
    /// (see [`Api::features`](super::Api::features)).
    pub gate: Gate,
}

/// An HTTP method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `PUT`.
    Put,
    /// `POST`.
    Post,
    /// `DELETE`.
    Delete,
    /// `OPTIONS`.
    Options,
    /// `HEAD`.
    Head,
    /// `PATCH`.
    Patch,
    /// `TRACE`.
    Trace,
    /// Another method, upper case: OpenAPI 3.2's `query` (`QUERY`) and the
    /// methods of `additionalOperations`. Always a valid RFC 9110 token.
    Other(String),
}

impl Method {
    /// The method's name on the wire (upper case).
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
            Method::Other(name) => name,
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter.
    Param {
        /// Index into [`Operation::path_params`].
        index: usize,
        /// Whether it fills a whole path segment.
        segment: Segment,
    },
}

/// How much of its path segment a path parameter fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// The whole segment (`/webhooks/{id}`): an empty value, `.` and `..`
    /// would address another resource, so they are refused.
    Whole,
    /// Part of a segment it shares with text or other parameters
    /// (`/files/{name}.{ext}`): only an empty value is refused.
    Shared,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// The serialization style of a parameter or form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form` (the default for query and cookie parameters).
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
    /// `simple` (the default for path and header parameters).
    Simple,
    /// `label` (path parameters): `.blue.black.brown`.
    Label,
    /// `matrix` (path parameters): `;color=blue`.
    Matrix,
    /// A parameter described by `content` with a JSON media type rather than
    /// a style: the JSON text of its value.
    Json,
}

/// A parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire (lower-case for headers).
    pub wire_name: String,
    /// Rust name: the method's argument (a path parameter), or the field of
    /// the operation's params struct ([`Operation::params_type`]) that holds
    /// it, which has the parameter's type, presence and docs.
    pub name: Ident,
    /// Where it goes.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Type,
    /// Whether it is required.
    pub required: bool,
    /// Serialization style.
    pub style: Style,
    /// `explode`: whether arrays and objects become one pair per item.
    pub explode: bool,
    /// `allowReserved` (query parameters): reserved characters sent as they are.
    pub allow_reserved: bool,
    /// `allowEmptyValue` (query parameters): an empty array or object is sent
    /// as `name=` rather than left out.
    pub allow_empty: bool,
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
    /// `application/x-www-form-urlencoded`, with the styles of the properties the spec's `encoding` names.
    Form(Vec<FormField>),
    /// `multipart/form-data`: the body is a struct; fields of type `Upload` are
    /// files. The parts whose `Content-Type` or headers are not the defaults are listed.
    Multipart(Vec<PartEncoding>),
    /// `multipart/form-data` whose schema is a single binary string: one file part named `file`.
    MultipartFile,
    /// `multipart/form-data` whose schema names no field (none, or `{}`): the
    /// caller names each part of a `MultipartForm`.
    MultipartForm,
    /// Raw bytes with the given media type.
    Binary(String),
    /// Text with the given media type.
    Text(String),
}

/// How one property of a `multipart/form-data` body is sent, beyond the
/// defaults (a text part without `Content-Type`, a file as `application/octet-stream`).
#[derive(Debug, Clone, PartialEq)]
pub struct PartEncoding {
    /// The property.
    pub name: String,
    /// The part's `Content-Type` (each part's, for an array sent as one part per item).
    pub content_type: Option<String>,
    /// Headers of the part, with the values the spec fixes for them.
    pub headers: Vec<(String, String)>,
}

/// How one property of a form body is encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The property.
    pub name: String,
    /// Its style.
    pub style: Style,
    /// `explode`.
    pub explode: bool,
    /// `allowReserved`: reserved characters sent as they are.
    pub allow_reserved: bool,
}

/// The documented responses of an operation.
#[derive(Debug, Clone)]
pub struct Responses {
    /// Responses that are successes.
    pub success: Vec<ResponseCase>,
    /// Responses that are errors.
    pub errors: Vec<ResponseCase>,
    /// The `Ok` type: a single body, or an [`Outcome`] enum.
    pub success_type: OutcomeType,
    /// The error body type `E` of `Error<E>`.
    pub error_type: OutcomeType,
    /// The `Accept` header the operation's method sends when a response
    /// offers several media types: the ones the client reads, so that the
    /// server answers with one of them (Kubernetes' pod log offers text, JSON
    /// and YAML). `None` (the HTTP client's `*/*`) when no response offers a choice.
    pub accept: Option<String>,
}

/// The body of the `2XX` an operation without documented successes accepts.
static NO_BODY: BodyKind = BodyKind::Empty;

impl Responses {
    /// What each status gives the caller, in spec order: the successes, the
    /// errors, and, when the spec documents no success, any `2XX` without a
    /// body. Statuses it does not list are unexpected, unless it lists `default`.
    pub fn outcomes(&self) -> Vec<StatusOutcome<'_>> {
        let mut out: Vec<StatusOutcome<'_>> = outcomes_of(&self.success, Side::Success, &self.success_type)
            .chain(outcomes_of(&self.errors, Side::Error, &self.error_type))
            .collect();
        if self.success.is_empty() {
            out.push(StatusOutcome {
                status: StatusMatch::Range(2),
                side: Side::Success,
                body: &NO_BODY,
                variant: None,
                case: None,
            });
        }
        out
    }

    /// Whether the operation documents a redirect (a `301`, `302`, `303`, `307`
    /// or `308`, or `3XX`): its calls return the redirect, with its headers,
    /// instead of following it.
    pub fn returns_redirects(&self) -> bool {
        self.success
            .iter()
            .chain(&self.errors)
            .any(|case| matches!(case.status, StatusMatch::Code(301 | 302 | 303 | 307 | 308) | StatusMatch::Range(3)))
    }
}

/// The outcomes of documented responses on one side, whose Rust type is `ty`.
fn outcomes_of<'a>(
    cases: &'a [ResponseCase],
    side: Side,
    ty: &'a OutcomeType,
) -> impl Iterator<Item = StatusOutcome<'a>> {
    cases.iter().map(move |case| StatusOutcome {
        status: case.status,
        side,
        body: &case.body,
        variant: match (ty, &case.variant) {
            (OutcomeType::Enum(id), Some(variant)) => Some((*id, variant)),
            _ => None,
        },
        case: Some(case),
    })
}

/// What one status (or range of statuses) of an operation gives the caller.
#[derive(Debug, Clone, Copy)]
pub struct StatusOutcome<'a> {
    /// The statuses.
    pub status: StatusMatch,
    /// `Ok` or `Error::Api`.
    pub side: Side,
    /// The body read.
    pub body: &'a BodyKind,
    /// The outcome enum and its variant that wrap the body, when the side has several kinds of body.
    pub variant: Option<(TypeId, &'a Ident)>,
    /// The documented response; `None` for the implied `2XX` of an operation that documents no success.
    pub case: Option<&'a ResponseCase>,
}

/// Which side of the `Result` a status lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `Ok(Response<T>)`.
    Success,
    /// `Err(Error::Api(..))`, with the typed error body.
    Error,
}

/// How several responses map to one Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum OutcomeType {
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

impl StatusMatch {
    /// The key of the response in the spec: `200`, `4XX`, `default`.
    pub fn key(self) -> String {
        match self {
            StatusMatch::Code(code) => code.to_string(),
            StatusMatch::Range(digit) => format!("{digit}XX"),
            StatusMatch::Default => "default".to_owned(),
        }
    }

    /// Whether a response with this key is a success (a `2xx` code or `2XX`).
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(code) => (200..300).contains(&code),
            StatusMatch::Range(digit) => digit == 2,
            StatusMatch::Default => false,
        }
    }

    /// How specific it is (0 for a code, 1 for a range, 2 for `default`): a
    /// status takes the most specific response that covers it.
    pub fn specificity(self) -> u8 {
        match self {
            StatusMatch::Code(_) => 0,
            StatusMatch::Range(_) => 1,
            StatusMatch::Default => 2,
        }
    }
}

/// One documented response.
#[derive(Debug, Clone)]
pub struct ResponseCase {
    /// Statuses it covers.
    pub status: StatusMatch,
    /// Its body.
    pub body: BodyKind,
    /// The variant of the outcome enum, when there is one.
    pub variant: Option<Ident>,
    /// Description and example.
    pub docs: Docs,
    /// Whether the spec's example (`docs.example`) can decode into the body's
    /// type. One that cannot (a string where an object is due, say; the
    /// lowering warns) gets no doctest that decodes it, which would fail.
    pub example_decodes: bool,
    /// Documented response headers (callers read them from the response's headers).
    pub headers: Vec<ResponseHeader>,
}

/// A documented response header.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
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
    /// Server-sent events (`text/event-stream`): the method returns them as a stream.
    Events(EventData),
}

/// What the data of each server-sent event of a response is.
#[derive(Debug, Clone, PartialEq)]
pub enum EventData {
    /// JSON of this type (a union keyed by a property of the data, such as
    /// `type`, is decoded by the type itself).
    Json(Type),
    /// This type, a union that the spec writes as objects of an `event` (the SSE
    /// `event` field, whose value picks the variant) and its `data`.
    Keyed(Type),
    /// Text, as sent.
    Text,
}

/// The media type of server-sent events: the `Accept` of the requests that ask for them.
pub const EVENT_STREAM: &str = "text/event-stream";

/// A second method of an operation that returns its answer as a stream.
#[derive(Debug, Clone)]
pub struct StreamMethod {
    /// Its Rust name: the operation's, with `_stream` (see [`crate::naming::stream_method`]).
    pub name: Ident,
    /// What it streams.
    pub kind: StreamKind,
}

/// What a stream method streams.
#[derive(Debug, Clone)]
pub enum StreamKind {
    /// The binary success body, as its bytes arrive.
    Bytes,
    /// Server-sent events: the spec documents `text/event-stream` beside JSON for
    /// the success response. The method asks for them with `Accept:
    /// text/event-stream`, and where a boolean property of the request body
    /// chooses, sets it to `true`.
    Events {
        /// The data of each event.
        data: EventData,
        /// The request body's property that asks for the stream; `None` for an
        /// operation without a request body, which the `Accept` header alone chooses.
        switch: Option<Switch>,
    },
}

/// The boolean property of a request body that asks for a stream.
#[derive(Debug, Clone)]
pub struct Switch {
    /// The field of the body's struct.
    pub field: Ident,
    /// How the field holds its value (`true`, `Some(true)`, `Some(Nullable::Value(true))`).
    pub presence: Presence,
}
