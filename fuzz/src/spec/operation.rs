//! Operations and what they are made of: methods, parameters of every
//! location and style, media types with their encodings, request bodies,
//! responses with headers by status, security requirements; and security
//! schemes.

use arbitrary::Arbitrary;
use serde_json::{Map, Value, json};

use super::reference::{Ref, Section};
use super::schema::{Schema, names};
use super::text::{Json, Name, Text};

#[derive(Arbitrary, Debug, Clone, Copy)]
pub(super) enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub(super) fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
    Other(Text),
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum ParamStyle {
    Simple,
    Form,
    Matrix,
    Label,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    Other(Text),
}

impl ParamStyle {
    fn value(&self) -> String {
        match self {
            ParamStyle::Simple => "simple".into(),
            ParamStyle::Form => "form".into(),
            ParamStyle::Matrix => "matrix".into(),
            ParamStyle::Label => "label".into(),
            ParamStyle::SpaceDelimited => "spaceDelimited".into(),
            ParamStyle::PipeDelimited => "pipeDelimited".into(),
            ParamStyle::DeepObject => "deepObject".into(),
            ParamStyle::Other(t) => t.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Parameter {
    name: Name,
    location: ParamLocation,
    style: Option<ParamStyle>,
    explode: Option<bool>,
    required: Option<bool>,
    deprecated: bool,
    description: Option<Text>,
    example: Option<Json>,
    /// A schema, or (when `None`) a `content` map.
    schema: Option<Schema>,
    content: Vec<(MediaName, Media)>,
}

impl Parameter {
    pub(super) fn value(&self) -> Value {
        let mut out = Map::new();
        out.insert("name".into(), Value::String(self.name.value()));
        let location = match &self.location {
            ParamLocation::Path => "path".to_owned(),
            ParamLocation::Query => "query".to_owned(),
            ParamLocation::Header => "header".to_owned(),
            ParamLocation::Cookie => "cookie".to_owned(),
            ParamLocation::Other(t) => t.value(),
        };
        out.insert("in".into(), Value::String(location));
        if let Some(style) = &self.style {
            out.insert("style".into(), Value::String(style.value()));
        }
        if let Some(explode) = self.explode {
            out.insert("explode".into(), Value::Bool(explode));
        }
        if let Some(required) = self.required {
            out.insert("required".into(), Value::Bool(required));
        }
        if self.deprecated {
            out.insert("deprecated".into(), Value::Bool(true));
        }
        if let Some(t) = &self.description {
            out.insert("description".into(), Value::String(t.value()));
        }
        if let Some(j) = &self.example {
            out.insert("example".into(), j.value());
        }
        match &self.schema {
            Some(schema) => {
                out.insert("schema".into(), schema.value());
            }
            None => {
                out.insert("content".into(), content(&self.content));
            }
        }
        Value::Object(out)
    }
}

/// A parameter, response, request body, ...: written out, by reference, or garbage.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Item<T> {
    /// Written out in place.
    Inline(T),
    /// A `$ref` in its place.
    Ref(Ref),
    /// Arbitrary JSON in its place.
    Raw(Json),
}

impl<T> Item<T> {
    pub(super) fn value(&self, section: Section, item: impl Fn(&T) -> Value) -> Value {
        match self {
            Item::Inline(t) => item(t),
            Item::Ref(r) => r.value(section),
            Item::Raw(j) => j.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum MediaName {
    Json,
    JsonCharset,
    ProblemJson,
    VndJson,
    Form,
    Multipart,
    OctetStream,
    TextPlain,
    Any,
    ApplicationAny,
    Xml,
    Image,
    Other(Text),
}

impl MediaName {
    fn value(&self) -> String {
        match self {
            MediaName::Json => "application/json".into(),
            MediaName::JsonCharset => "application/json; charset=utf-8".into(),
            MediaName::ProblemJson => "application/problem+json".into(),
            MediaName::VndJson => "application/vnd.api+json".into(),
            MediaName::Form => "application/x-www-form-urlencoded".into(),
            MediaName::Multipart => "multipart/form-data".into(),
            MediaName::OctetStream => "application/octet-stream".into(),
            MediaName::TextPlain => "text/plain".into(),
            MediaName::Any => "*/*".into(),
            MediaName::ApplicationAny => "application/*".into(),
            MediaName::Xml => "application/xml".into(),
            MediaName::Image => "image/png".into(),
            MediaName::Other(t) => t.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Encoding {
    property: Name,
    style: Option<ParamStyle>,
    explode: Option<bool>,
    content_type: Option<MediaName>,
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Media {
    schema: Option<Schema>,
    example: Option<Json>,
    examples: Vec<(Name, Json)>,
    encoding: Vec<Encoding>,
}

impl Media {
    fn value(&self) -> Value {
        let mut out = Map::new();
        if let Some(schema) = &self.schema {
            out.insert("schema".into(), schema.value());
        }
        if let Some(j) = &self.example {
            out.insert("example".into(), j.value());
        }
        if !self.examples.is_empty() {
            let examples = self.examples.iter().map(|(n, j)| (n.value(), json!({ "value": j.value() })));
            out.insert("examples".into(), Value::Object(examples.collect()));
        }
        if !self.encoding.is_empty() {
            let mut encodings = Map::new();
            for e in &self.encoding {
                let mut enc = Map::new();
                if let Some(style) = &e.style {
                    enc.insert("style".into(), Value::String(style.value()));
                }
                if let Some(explode) = e.explode {
                    enc.insert("explode".into(), Value::Bool(explode));
                }
                if let Some(ct) = &e.content_type {
                    enc.insert("contentType".into(), Value::String(ct.value()));
                }
                encodings.insert(e.property.value(), Value::Object(enc));
            }
            out.insert("encoding".into(), Value::Object(encodings));
        }
        Value::Object(out)
    }
}

fn content(list: &[(MediaName, Media)]) -> Value {
    Value::Object(list.iter().map(|(n, m)| (n.value(), m.value())).collect())
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct RequestBody {
    content: Vec<(MediaName, Media)>,
    required: bool,
    description: Option<Text>,
}

impl RequestBody {
    pub(super) fn value(&self) -> Value {
        let mut out = Map::new();
        out.insert("content".into(), content(&self.content));
        if self.required {
            out.insert("required".into(), Value::Bool(true));
        }
        if let Some(t) = &self.description {
            out.insert("description".into(), Value::String(t.value()));
        }
        Value::Object(out)
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Header {
    name: Name,
    schema: Schema,
    required: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Response {
    description: Option<Text>,
    content: Vec<(MediaName, Media)>,
    headers: Vec<Item<Header>>,
}

impl Response {
    pub(super) fn value(&self) -> Value {
        let mut out = Map::new();
        // `description` is required; leaving it out now and then is a shape error.
        if let Some(t) = &self.description {
            out.insert("description".into(), Value::String(t.value()));
        }
        if !self.content.is_empty() {
            out.insert("content".into(), content(&self.content));
        }
        if !self.headers.is_empty() {
            let mut headers = Map::new();
            for (i, header) in self.headers.iter().enumerate() {
                let (name, value) = match header {
                    Item::Inline(h) => (h.name.value(), json!({ "schema": h.schema.value(), "required": h.required })),
                    other => (format!("X-Header-{i}"), other.value(Section::Headers, |_| Value::Null)),
                };
                headers.insert(name, value);
            }
            out.insert("headers".into(), Value::Object(headers));
        }
        Value::Object(out)
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Status {
    Ok,
    Created,
    NoContent,
    NotFound,
    Code(u16),
    Range(u8),
    RangeLower(u8),
    Other(Text),
}

impl Status {
    fn value(&self) -> String {
        match self {
            Status::Ok => "200".into(),
            Status::Created => "201".into(),
            Status::NoContent => "204".into(),
            Status::NotFound => "404".into(),
            Status::Code(n) => n.to_string(),
            Status::Range(n) => format!("{}XX", n % 10),
            Status::RangeLower(n) => format!("{}xx", n % 10),
            Status::Other(t) => t.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Operation {
    operation_id: Option<Name>,
    summary: Option<Text>,
    description: Option<Text>,
    deprecated: bool,
    tags: Vec<Name>,
    parameters: Vec<Item<Parameter>>,
    request_body: Option<Item<RequestBody>>,
    responses: Vec<(Status, Item<Response>)>,
    default: Option<Item<Response>>,
    security: Option<Vec<Vec<Name>>>,
}

pub(super) fn security(list: &[Vec<Name>]) -> Value {
    Value::Array(
        list.iter()
            .map(|alt| Value::Object(alt.iter().map(|n| (n.value(), Value::Array(Vec::new()))).collect()))
            .collect(),
    )
}

pub(super) fn parameters(list: &[Item<Parameter>]) -> Value {
    Value::Array(list.iter().map(|p| p.value(Section::Parameters, Parameter::value)).collect())
}

impl Operation {
    pub(super) fn value(&self) -> Value {
        let mut out = Map::new();
        if let Some(id) = &self.operation_id {
            out.insert("operationId".into(), Value::String(id.value()));
        }
        if let Some(t) = &self.summary {
            out.insert("summary".into(), Value::String(t.value()));
        }
        if let Some(t) = &self.description {
            out.insert("description".into(), Value::String(t.value()));
        }
        if self.deprecated {
            out.insert("deprecated".into(), Value::Bool(true));
        }
        if !self.tags.is_empty() {
            out.insert("tags".into(), names(&self.tags));
        }
        if !self.parameters.is_empty() {
            out.insert("parameters".into(), parameters(&self.parameters));
        }
        if let Some(body) = &self.request_body {
            out.insert("requestBody".into(), body.value(Section::RequestBodies, RequestBody::value));
        }
        let mut responses = Map::new();
        for (status, response) in &self.responses {
            responses.insert(status.value(), response.value(Section::Responses, Response::value));
        }
        if let Some(default) = &self.default {
            responses.insert("default".into(), default.value(Section::Responses, Response::value));
        }
        out.insert("responses".into(), Value::Object(responses));
        if let Some(list) = &self.security {
            out.insert("security".into(), security(list));
        }
        Value::Object(out)
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum SecurityScheme {
    ApiKey { location: ParamLocation, name: Name },
    Http { scheme: Text },
    Basic,
    Bearer,
    OAuth2,
    OpenIdConnect,
}

impl SecurityScheme {
    pub(super) fn value(&self) -> Value {
        match self {
            SecurityScheme::ApiKey { location, name } => {
                let location = match location {
                    ParamLocation::Path => "path".to_owned(),
                    ParamLocation::Query => "query".to_owned(),
                    ParamLocation::Header => "header".to_owned(),
                    ParamLocation::Cookie => "cookie".to_owned(),
                    ParamLocation::Other(t) => t.value(),
                };
                json!({ "type": "apiKey", "in": location, "name": name.value() })
            }
            SecurityScheme::Http { scheme } => json!({ "type": "http", "scheme": scheme.value() }),
            SecurityScheme::Basic => json!({ "type": "http", "scheme": "basic" }),
            SecurityScheme::Bearer => json!({ "type": "http", "scheme": "bearer", "bearerFormat": "JWT" }),
            SecurityScheme::OAuth2 => json!({
                "type": "oauth2",
                "flows": { "clientCredentials": { "tokenUrl": "https://example.com/token", "scopes": {} } }
            }),
            SecurityScheme::OpenIdConnect => {
                json!({ "type": "openIdConnect", "openIdConnectUrl": "https://example.com/.well-known" })
            }
        }
    }
}
