//! A structured generator of OpenAPI documents: `Spec` is built by `arbitrary`
//! from the fuzzer's bytes and turned into a `serde_json::Value` shaped like an
//! OpenAPI 3.0 document. Names come from a small pool, so references hit each
//! other (and form cycles) often; strings come from a pool of odd values
//! (operators, keywords, digits first, Unicode spaces, Markdown fences), and
//! any schema, parameter, response or the whole document may be replaced by
//! arbitrary JSON.
//!
//! Enums list their non-recursive variants first: when the input runs out,
//! `arbitrary` picks variant 0, so generation always ends.

use arbitrary::Arbitrary;
use serde_json::{Map, Number, Value, json};

/// Names of components, properties and parameters: few, so they collide and
/// references find their targets.
const NAMES: &[&str] = &[
    "Pet", "pet", "PET", "pet_", "Pet1", "1pet", "type", "self", "Self", "crate", "super", "_", "", "Unknown",
    "Client", "Error", "a/b", "a~b", "{x}", "é", "日本", "x y", "%20", "id", "body", "params", "new", "default",
    "r#type", "-1", "Tree", "Node",
];

/// Odd strings for titles, descriptions, enum values, formats, keys.
const TEXTS: &[&str] = &[
    "",
    " ",
    "=",
    "!=",
    ">",
    ">=",
    "~",
    "-1",
    "-",
    "+1",
    "0",
    "1.5",
    "null",
    "true",
    "type",
    "r#type",
    "Self",
    "self",
    "_",
    "__",
    "123abc",
    "é",
    "日本語",
    "\u{3000}\u{3000}x",
    "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}code",
    "    indented\n\n        code",
    "```rust\nfn main() {}\n```",
    "~~~\nunclosed",
    "* list\n  * nested\n1. one\n    four",
    "line\r\nbreak\rcarriage",
    "tab\there",
    "*/ /* //! #![deny]",
    "\"quoted\" 'single' \\ backslash",
    "{id}",
    "{",
    "}",
    "a/b",
    "%ZZ",
    "%E2%82",
    "%7Bid%7D",
    "#",
    "#/",
    "http://",
    "https://{region}.example.com/{version}",
    "date-time",
    "date",
    "uuid",
    "uri",
    "byte",
    "binary",
    "password",
    "int8",
    "uint64",
    "float",
    "double",
    "Unknown",
    "x-rust-crate-name",
    "1.0.0",
    "1.0",
    "01.0.0",
    "1.0.0-beta+é",
    "\u{1f600}",
    "\0nul",
];

/// A string: mostly from the pool, sometimes free.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Text {
    Pool(u8),
    Free(String),
}

impl Text {
    fn value(&self) -> String {
        match self {
            Text::Pool(i) => TEXTS[*i as usize % TEXTS.len()].to_owned(),
            Text::Free(s) => s.clone(),
        }
    }
}

/// A name: mostly from the pool, sometimes any text.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Name {
    Pool(u8),
    Text(Text),
}

impl Name {
    fn value(&self) -> String {
        match self {
            Name::Pool(i) => NAMES[*i as usize % NAMES.len()].to_owned(),
            Name::Text(t) => t.value(),
        }
    }
}

/// Escapes one JSON pointer token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Arbitrary JSON.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(Text),
    Array(Vec<Json>),
    Object(Vec<(Text, Json)>),
}

impl Json {
    fn value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(n) => json!(n),
            Json::Uint(n) => json!(n),
            Json::Float(f) => Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
            Json::Str(t) => Value::String(t.value()),
            Json::Array(items) => Value::Array(items.iter().map(Json::value).collect()),
            Json::Object(entries) => Value::Object(entries.iter().map(|(k, v)| (k.value(), v.value())).collect()),
        }
    }
}

/// One token of a JSON pointer inside a `$ref`.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Segment {
    Properties(Name),
    Items,
    AdditionalProperties,
    AllOf(u8),
    OneOf(u8),
    Any(Text),
}

/// A `$ref`.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Ref {
    /// `#/components/<section>/<name>`, in the section the use site expects.
    Component(Name),
    /// A component of another section (a schema ref to a parameter, say).
    OtherSection(Section, Name),
    /// Into a component schema: `#/components/schemas/<name>/properties/...`.
    Into(Name, Vec<Segment>),
    /// Into the paths: `#/paths/<path>/<method>/...`.
    Paths(Name, Method, Vec<Segment>),
    /// The whole document.
    Root,
    /// Another document.
    External(Text),
    /// Any text after `#`.
    Fragment(Text),
    /// Any text.
    Raw(Text),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub(crate) enum Section {
    Schemas,
    Parameters,
    Responses,
    RequestBodies,
    SecuritySchemes,
    Headers,
    PathItems,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::Responses => "responses",
            Section::RequestBodies => "requestBodies",
            Section::SecuritySchemes => "securitySchemes",
            Section::Headers => "headers",
            Section::PathItems => "pathItems",
        }
    }
}

impl Ref {
    fn value(&self, section: Section) -> Value {
        let text = match self {
            Ref::Component(name) => format!("#/components/{}/{}", section.key(), escape(&name.value())),
            Ref::OtherSection(other, name) => format!("#/components/{}/{}", other.key(), escape(&name.value())),
            Ref::Into(name, segments) => {
                format!("#/components/schemas/{}{}", escape(&name.value()), segments_text(segments))
            }
            Ref::Paths(name, method, segments) => {
                format!("#/paths/~1{}/{}{}", escape(&name.value()), method.key(), segments_text(segments))
            }
            Ref::Root => "#".to_owned(),
            Ref::External(t) => format!("{}#/components/schemas/Pet", t.value()),
            Ref::Fragment(t) => format!("#{}", t.value()),
            Ref::Raw(t) => t.value(),
        };
        json!({ "$ref": text })
    }
}

fn segments_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Properties(name) => {
                out.push_str("/properties/");
                out.push_str(&escape(&name.value()));
            }
            Segment::Items => out.push_str("/items"),
            Segment::AdditionalProperties => out.push_str("/additionalProperties"),
            Segment::AllOf(i) => out.push_str(&format!("/allOf/{}", i % 3)),
            Segment::OneOf(i) => out.push_str(&format!("/oneOf/{}", i % 3)),
            Segment::Any(t) => {
                out.push('/');
                out.push_str(&t.value());
            }
        }
    }
    out
}

/// What many schemas carry besides their kind.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct Common {
    pub(crate) nullable: bool,
    pub(crate) read_only: bool,
    pub(crate) write_only: bool,
    pub(crate) deprecated: bool,
    pub(crate) sensitive: bool,
    pub(crate) trimmed: bool,
    pub(crate) title: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) default: Option<Json>,
    pub(crate) example: Option<Json>,
}

impl Common {
    fn apply(&self, out: &mut Map<String, Value>) {
        if self.nullable {
            out.insert("nullable".into(), Value::Bool(true));
        }
        if self.read_only {
            out.insert("readOnly".into(), Value::Bool(true));
        }
        if self.write_only {
            out.insert("writeOnly".into(), Value::Bool(true));
        }
        if self.deprecated {
            out.insert("deprecated".into(), Value::Bool(true));
        }
        if self.sensitive {
            out.insert("x-sensitive".into(), Value::Bool(true));
        }
        if self.trimmed {
            out.insert("x-trimmed".into(), Value::Bool(true));
        }
        if let Some(t) = &self.title {
            out.insert("title".into(), Value::String(t.value()));
        }
        if let Some(t) = &self.description {
            out.insert("description".into(), Value::String(t.value()));
        }
        if let Some(j) = &self.default {
            out.insert("default".into(), j.value());
        }
        if let Some(j) = &self.example {
            out.insert("example".into(), j.value());
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum StringFormat {
    DateTime,
    Date,
    Uuid,
    Uri,
    Byte,
    Binary,
    Password,
    Other(Text),
}

impl StringFormat {
    fn value(&self) -> String {
        match self {
            StringFormat::DateTime => "date-time".into(),
            StringFormat::Date => "date".into(),
            StringFormat::Uuid => "uuid".into(),
            StringFormat::Uri => "uri".into(),
            StringFormat::Byte => "byte".into(),
            StringFormat::Binary => "binary".into(),
            StringFormat::Password => "password".into(),
            StringFormat::Other(t) => t.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum NumberFormat {
    Int32,
    Int64,
    Float,
    Double,
    Other(Text),
}

impl NumberFormat {
    fn value(&self) -> String {
        match self {
            NumberFormat::Int32 => "int32".into(),
            NumberFormat::Int64 => "int64".into(),
            NumberFormat::Float => "float".into(),
            NumberFormat::Double => "double".into(),
            NumberFormat::Other(t) => t.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Additional {
    True,
    False,
    Schema(Box<Schema>),
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct Discriminator {
    pub(crate) property: Name,
    pub(crate) mapping: Vec<(Text, MappingTarget)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum MappingTarget {
    Name(Name),
    Ref(Ref),
}

impl Discriminator {
    fn value(&self) -> Value {
        let mut mapping = Map::new();
        for (key, target) in &self.mapping {
            let target = match target {
                MappingTarget::Name(n) => n.value(),
                MappingTarget::Ref(r) => match r.value(Section::Schemas) {
                    Value::Object(mut o) => o.remove("$ref").unwrap_or(Value::Null).as_str().unwrap_or("").to_owned(),
                    _ => String::new(),
                },
            };
            mapping.insert(key.value(), Value::String(target));
        }
        let mut out = Map::new();
        out.insert("propertyName".into(), Value::String(self.property.value()));
        if !mapping.is_empty() {
            out.insert("mapping".into(), Value::Object(mapping));
        }
        Value::Object(out)
    }
}

/// A schema.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Schema {
    Empty,
    Ref(Ref),
    Boolean(Option<Common>),
    String {
        format: Option<StringFormat>,
        enumeration: Vec<Option<Text>>,
        min_length: Option<u8>,
        max_length: Option<u8>,
        pattern: Option<Text>,
        common: Option<Common>,
    },
    Integer {
        format: Option<NumberFormat>,
        enumeration: Vec<Option<i64>>,
        minimum: Option<i64>,
        maximum: Option<i64>,
        exclusive: bool,
        common: Option<Common>,
    },
    Number {
        format: Option<NumberFormat>,
        minimum: Option<f64>,
        maximum: Option<f64>,
        exclusive: bool,
        common: Option<Common>,
    },
    Raw(Json),
    Array {
        items: Option<Box<Schema>>,
        min_items: Option<u8>,
        max_items: Option<u8>,
        common: Option<Common>,
    },
    Object {
        properties: Vec<(Name, Schema)>,
        required: Vec<Name>,
        additional: Option<Additional>,
        common: Option<Common>,
    },
    AllOf(Vec<Schema>, Option<Common>),
    OneOf(Vec<Schema>, Option<Discriminator>, Option<Common>),
    AnyOf(Vec<Schema>, Option<Discriminator>, Option<Common>),
    /// No `type`: any mix of keywords.
    Untyped {
        typ: Option<Text>,
        format: Option<Text>,
        enumeration: Vec<Json>,
        properties: Vec<(Name, Schema)>,
        required: Vec<Name>,
        all_of: Vec<Schema>,
        one_of: Vec<Schema>,
        any_of: Vec<Schema>,
        items: Option<Box<Schema>>,
        additional: Option<Additional>,
        discriminator: Option<Discriminator>,
        common: Option<Common>,
    },
    Not(Box<Schema>),
    /// A schema plus one arbitrary extra keyword.
    Extra(Box<Schema>, Text, Json),
}

fn schemas(list: &[Schema]) -> Value {
    Value::Array(list.iter().map(Schema::value).collect())
}

fn properties(list: &[(Name, Schema)]) -> Value {
    Value::Object(list.iter().map(|(n, s)| (n.value(), s.value())).collect())
}

fn names(list: &[Name]) -> Value {
    Value::Array(list.iter().map(|n| Value::String(n.value())).collect())
}

impl Schema {
    pub(crate) fn value(&self) -> Value {
        let mut out = Map::new();
        let common = match self {
            Schema::Empty => None,
            Schema::Ref(r) => return r.value(Section::Schemas),
            Schema::Raw(j) => return j.value(),
            Schema::Boolean(common) => {
                out.insert("type".into(), json!("boolean"));
                common.as_ref()
            }
            Schema::String { format, enumeration, min_length, max_length, pattern, common } => {
                out.insert("type".into(), json!("string"));
                if let Some(f) = format {
                    out.insert("format".into(), Value::String(f.value()));
                }
                if !enumeration.is_empty() {
                    let values =
                        enumeration.iter().map(|v| v.as_ref().map_or(Value::Null, |t| Value::String(t.value())));
                    out.insert("enum".into(), Value::Array(values.collect()));
                }
                if let Some(n) = min_length {
                    out.insert("minLength".into(), json!(n));
                }
                if let Some(n) = max_length {
                    out.insert("maxLength".into(), json!(n));
                }
                if let Some(p) = pattern {
                    out.insert("pattern".into(), Value::String(p.value()));
                }
                common.as_ref()
            }
            Schema::Integer { format, enumeration, minimum, maximum, exclusive, common } => {
                out.insert("type".into(), json!("integer"));
                if let Some(f) = format {
                    out.insert("format".into(), Value::String(f.value()));
                }
                if !enumeration.is_empty() {
                    let values = enumeration.iter().map(|v| v.map_or(Value::Null, |n| json!(n)));
                    out.insert("enum".into(), Value::Array(values.collect()));
                }
                if let Some(n) = minimum {
                    out.insert("minimum".into(), json!(n));
                    out.insert("exclusiveMinimum".into(), json!(exclusive));
                }
                if let Some(n) = maximum {
                    out.insert("maximum".into(), json!(n));
                    out.insert("exclusiveMaximum".into(), json!(exclusive));
                }
                common.as_ref()
            }
            Schema::Number { format, minimum, maximum, exclusive, common } => {
                out.insert("type".into(), json!("number"));
                if let Some(f) = format {
                    out.insert("format".into(), Value::String(f.value()));
                }
                if let Some(n) = minimum.and_then(Number::from_f64) {
                    out.insert("minimum".into(), Value::Number(n));
                    out.insert("exclusiveMinimum".into(), json!(exclusive));
                }
                if let Some(n) = maximum.and_then(Number::from_f64) {
                    out.insert("maximum".into(), Value::Number(n));
                }
                common.as_ref()
            }
            Schema::Array { items, min_items, max_items, common } => {
                out.insert("type".into(), json!("array"));
                if let Some(items) = items {
                    out.insert("items".into(), items.value());
                }
                if let Some(n) = min_items {
                    out.insert("minItems".into(), json!(n));
                }
                if let Some(n) = max_items {
                    out.insert("maxItems".into(), json!(n));
                }
                common.as_ref()
            }
            Schema::Object { properties: props, required, additional, common } => {
                out.insert("type".into(), json!("object"));
                if !props.is_empty() {
                    out.insert("properties".into(), properties(props));
                }
                if !required.is_empty() {
                    out.insert("required".into(), names(required));
                }
                if let Some(a) = additional {
                    out.insert("additionalProperties".into(), additional_value(a));
                }
                common.as_ref()
            }
            Schema::AllOf(parts, common) => {
                out.insert("allOf".into(), schemas(parts));
                common.as_ref()
            }
            Schema::OneOf(parts, discriminator, common) => {
                out.insert("oneOf".into(), schemas(parts));
                if let Some(d) = discriminator {
                    out.insert("discriminator".into(), d.value());
                }
                common.as_ref()
            }
            Schema::AnyOf(parts, discriminator, common) => {
                out.insert("anyOf".into(), schemas(parts));
                if let Some(d) = discriminator {
                    out.insert("discriminator".into(), d.value());
                }
                common.as_ref()
            }
            Schema::Untyped {
                typ,
                format,
                enumeration,
                properties: props,
                required,
                all_of,
                one_of,
                any_of,
                items,
                additional,
                discriminator,
                common,
            } => {
                if let Some(t) = typ {
                    out.insert("type".into(), Value::String(t.value()));
                }
                if let Some(f) = format {
                    out.insert("format".into(), Value::String(f.value()));
                }
                if !enumeration.is_empty() {
                    out.insert("enum".into(), Value::Array(enumeration.iter().map(Json::value).collect()));
                }
                if !props.is_empty() {
                    out.insert("properties".into(), properties(props));
                }
                if !required.is_empty() {
                    out.insert("required".into(), names(required));
                }
                for (key, list) in [("allOf", all_of), ("oneOf", one_of), ("anyOf", any_of)] {
                    if !list.is_empty() {
                        out.insert(key.into(), schemas(list));
                    }
                }
                if let Some(items) = items {
                    out.insert("items".into(), items.value());
                }
                if let Some(a) = additional {
                    out.insert("additionalProperties".into(), additional_value(a));
                }
                if let Some(d) = discriminator {
                    out.insert("discriminator".into(), d.value());
                }
                common.as_ref()
            }
            Schema::Not(inner) => {
                out.insert("not".into(), inner.value());
                None
            }
            Schema::Extra(inner, key, value) => {
                let mut inner = inner.value();
                if let Value::Object(o) = &mut inner {
                    o.insert(key.value(), value.value());
                }
                return inner;
            }
        };
        if let Some(common) = common {
            common.apply(&mut out);
        }
        Value::Object(out)
    }
}

fn additional_value(a: &Additional) -> Value {
    match a {
        Additional::True => Value::Bool(true),
        Additional::False => Value::Bool(false),
        Additional::Schema(s) => s.value(),
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub(crate) enum Method {
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
    fn key(self) -> &'static str {
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
pub(crate) enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
    Other(Text),
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum ParamStyle {
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
pub(crate) struct Parameter {
    pub(crate) name: Name,
    pub(crate) location: ParamLocation,
    pub(crate) style: Option<ParamStyle>,
    pub(crate) explode: Option<bool>,
    pub(crate) required: Option<bool>,
    pub(crate) deprecated: bool,
    pub(crate) description: Option<Text>,
    pub(crate) example: Option<Json>,
    /// A schema, or (when `None`) a `content` map.
    pub(crate) schema: Option<Schema>,
    pub(crate) content: Vec<(MediaName, Media)>,
}

impl Parameter {
    fn value(&self) -> Value {
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
pub(crate) enum Item<T> {
    Item(T),
    Ref(Ref),
    Raw(Json),
}

impl<T> Item<T> {
    fn value(&self, section: Section, item: impl Fn(&T) -> Value) -> Value {
        match self {
            Item::Item(t) => item(t),
            Item::Ref(r) => r.value(section),
            Item::Raw(j) => j.value(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum MediaName {
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
pub(crate) struct Encoding {
    pub(crate) property: Name,
    pub(crate) style: Option<ParamStyle>,
    pub(crate) explode: Option<bool>,
    pub(crate) content_type: Option<MediaName>,
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct Media {
    pub(crate) schema: Option<Schema>,
    pub(crate) example: Option<Json>,
    pub(crate) examples: Vec<(Name, Json)>,
    pub(crate) encoding: Vec<Encoding>,
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
pub(crate) struct RequestBody {
    pub(crate) content: Vec<(MediaName, Media)>,
    pub(crate) required: bool,
    pub(crate) description: Option<Text>,
}

impl RequestBody {
    fn value(&self) -> Value {
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
pub(crate) struct Header {
    pub(crate) name: Name,
    pub(crate) schema: Schema,
    pub(crate) required: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct Response {
    pub(crate) description: Option<Text>,
    pub(crate) content: Vec<(MediaName, Media)>,
    pub(crate) headers: Vec<Item<Header>>,
}

impl Response {
    fn value(&self) -> Value {
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
                    Item::Item(h) => (h.name.value(), json!({ "schema": h.schema.value(), "required": h.required })),
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
pub(crate) enum Status {
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
pub(crate) struct Operation {
    pub(crate) operation_id: Option<Name>,
    pub(crate) summary: Option<Text>,
    pub(crate) description: Option<Text>,
    pub(crate) deprecated: bool,
    pub(crate) tags: Vec<Name>,
    pub(crate) parameters: Vec<Item<Parameter>>,
    pub(crate) request_body: Option<Item<RequestBody>>,
    pub(crate) responses: Vec<(Status, Item<Response>)>,
    pub(crate) default: Option<Item<Response>>,
    pub(crate) security: Option<Vec<Vec<Name>>>,
}

fn security(list: &[Vec<Name>]) -> Value {
    Value::Array(
        list.iter()
            .map(|alt| Value::Object(alt.iter().map(|n| (n.value(), Value::Array(Vec::new()))).collect()))
            .collect(),
    )
}

fn parameters(list: &[Item<Parameter>]) -> Value {
    Value::Array(list.iter().map(|p| p.value(Section::Parameters, Parameter::value)).collect())
}

impl Operation {
    fn value(&self) -> Value {
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

/// One piece of a path template.
#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum PathPiece {
    Literal(Name),
    Param(Name),
    /// `{a}.{b}` in one segment.
    Pair(Name, Name),
    Raw(Text),
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct PathItem {
    pub(crate) pieces: Vec<PathPiece>,
    pub(crate) no_leading_slash: bool,
    /// The whole item as a `$ref`.
    pub(crate) reference: Option<Ref>,
    pub(crate) parameters: Vec<Item<Parameter>>,
    pub(crate) operations: Vec<(Method, Operation)>,
}

impl PathItem {
    fn template(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if !out.is_empty() || !self.no_leading_slash {
                out.push('/');
            }
            match piece {
                PathPiece::Literal(n) => out.push_str(&n.value()),
                PathPiece::Param(n) => out.push_str(&format!("{{{}}}", n.value())),
                PathPiece::Pair(a, b) => out.push_str(&format!("{{{}}}.{{{}}}", a.value(), b.value())),
                PathPiece::Raw(t) => out.push_str(&t.value()),
            }
        }
        if out.is_empty() && !self.no_leading_slash {
            out.push('/');
        }
        out
    }

    fn value(&self) -> Value {
        if let Some(r) = &self.reference {
            return r.value(Section::PathItems);
        }
        let mut out = Map::new();
        if !self.parameters.is_empty() {
            out.insert("parameters".into(), parameters(&self.parameters));
        }
        for (method, op) in &self.operations {
            out.insert(method.key().into(), op.value());
        }
        Value::Object(out)
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum SecurityScheme {
    ApiKey { location: ParamLocation, name: Name },
    Http { scheme: Text },
    Basic,
    Bearer,
    OAuth2,
    OpenIdConnect,
}

impl SecurityScheme {
    fn value(&self) -> Value {
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

#[derive(Arbitrary, Debug, Clone)]
pub(crate) struct Server {
    pub(crate) url: Text,
    pub(crate) variables: Vec<(Name, Text, Vec<Text>)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub(crate) enum Version {
    V303,
    V300,
    V30,
    V31,
    Swagger,
    Number,
    Missing,
    Other(Text),
}

/// A whole document.
#[derive(Arbitrary, Debug, Clone)]
pub struct Spec {
    version: Version,
    title: Text,
    info_version: Text,
    crate_name: Option<Text>,
    description: Option<Text>,
    servers: Vec<Server>,
    schemas: Vec<(Name, Schema)>,
    parameters: Vec<(Name, Item<Parameter>)>,
    responses: Vec<(Name, Item<Response>)>,
    request_bodies: Vec<(Name, Item<RequestBody>)>,
    security_schemes: Vec<(Name, Item<SecurityScheme>)>,
    security: Option<Vec<Vec<Name>>>,
    paths: Vec<PathItem>,
    /// Arbitrary JSON written over one place of the document.
    overwrite: Option<(Vec<Text>, Json)>,
    /// Written as YAML rather than JSON.
    yaml: bool,
}

impl Spec {
    /// The document as JSON.
    pub fn value(&self) -> Value {
        let mut doc = Map::new();
        match &self.version {
            Version::V303 => {
                doc.insert("openapi".into(), json!("3.0.3"));
            }
            Version::V300 => {
                doc.insert("openapi".into(), json!("3.0.0"));
            }
            Version::V30 => {
                doc.insert("openapi".into(), json!("3.0"));
            }
            Version::V31 => {
                doc.insert("openapi".into(), json!("3.1.0"));
            }
            Version::Swagger => {
                doc.insert("swagger".into(), json!("2.0"));
            }
            Version::Number => {
                doc.insert("openapi".into(), json!(3.0));
            }
            Version::Missing => {}
            Version::Other(t) => {
                doc.insert("openapi".into(), Value::String(t.value()));
            }
        }
        let mut info = Map::new();
        info.insert("title".into(), Value::String(self.title.value()));
        info.insert("version".into(), Value::String(self.info_version.value()));
        if let Some(t) = &self.crate_name {
            info.insert("x-rust-crate-name".into(), Value::String(t.value()));
        }
        if let Some(t) = &self.description {
            info.insert("description".into(), Value::String(t.value()));
        }
        doc.insert("info".into(), Value::Object(info));
        if !self.servers.is_empty() {
            let servers = self.servers.iter().map(|s| {
                let mut server = Map::new();
                server.insert("url".into(), Value::String(s.url.value()));
                if !s.variables.is_empty() {
                    let variables = s.variables.iter().map(|(name, default, values)| {
                        let mut v = Map::new();
                        v.insert("default".into(), Value::String(default.value()));
                        if !values.is_empty() {
                            v.insert("enum".into(), Value::Array(values.iter().map(|t| json!(t.value())).collect()));
                        }
                        (name.value(), Value::Object(v))
                    });
                    server.insert("variables".into(), Value::Object(variables.collect()));
                }
                Value::Object(server)
            });
            doc.insert("servers".into(), Value::Array(servers.collect()));
        }
        let mut paths = Map::new();
        for item in &self.paths {
            paths.insert(item.template(), item.value());
        }
        doc.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if !self.schemas.is_empty() {
            components.insert("schemas".into(), properties(&self.schemas));
        }
        let sections: [(&str, Vec<(String, Value)>); 4] = [
            (
                "parameters",
                self.parameters
                    .iter()
                    .map(|(n, p)| (n.value(), p.value(Section::Parameters, Parameter::value)))
                    .collect(),
            ),
            (
                "responses",
                self.responses.iter().map(|(n, r)| (n.value(), r.value(Section::Responses, Response::value))).collect(),
            ),
            (
                "requestBodies",
                self.request_bodies
                    .iter()
                    .map(|(n, b)| (n.value(), b.value(Section::RequestBodies, RequestBody::value)))
                    .collect(),
            ),
            (
                "securitySchemes",
                self.security_schemes
                    .iter()
                    .map(|(n, s)| (n.value(), s.value(Section::SecuritySchemes, SecurityScheme::value)))
                    .collect(),
            ),
        ];
        for (key, entries) in sections {
            if !entries.is_empty() {
                components.insert(key.into(), Value::Object(entries.into_iter().collect()));
            }
        }
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }
        if let Some(list) = &self.security {
            doc.insert("security".into(), security(list));
        }
        let mut doc = Value::Object(doc);
        if let Some((path, value)) = &self.overwrite {
            overwrite(&mut doc, path, value.value());
        }
        doc
    }

    /// The document as spec text, JSON or YAML.
    pub fn text(&self) -> String {
        let value = self.value();
        if self.yaml {
            serde_yaml::to_string(&value).unwrap_or_default()
        } else {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
    }
}

/// Writes `value` at the place `path` leads to, following existing keys where
/// they match (by index into objects and arrays) and stopping where they end.
fn overwrite(at: &mut Value, path: &[Text], value: Value) {
    if let Some((token, rest)) = path.split_first() {
        let key = token.value();
        let next = match at {
            Value::Object(map) if !map.is_empty() => {
                let index = key.len() % map.len();
                map.values_mut().nth(index)
            }
            Value::Array(items) if !items.is_empty() => {
                let index = key.len() % items.len();
                items.get_mut(index)
            }
            _ => None,
        };
        if let Some(next) = next {
            overwrite(next, rest, value);
            return;
        }
    }
    *at = value;
}
