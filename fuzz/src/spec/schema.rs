//! Schemas: every kind and keyword the generator reads, string and number
//! formats, `additionalProperties`, discriminators, and the keywords many
//! schemas share (`Common`).

use arbitrary::Arbitrary;
use serde_json::{Map, Number, Value, json};

use super::reference::{Ref, Section};
use super::text::{Json, Name, Text};

/// What many schemas carry besides their kind.
#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Common {
    nullable: bool,
    read_only: bool,
    write_only: bool,
    deprecated: bool,
    sensitive: bool,
    trimmed: bool,
    title: Option<Text>,
    description: Option<Text>,
    default: Option<Json>,
    example: Option<Json>,
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
pub(super) enum StringFormat {
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
pub(super) enum NumberFormat {
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
pub(super) enum Additional {
    True,
    False,
    Schema(Box<Schema>),
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct Discriminator {
    property: Name,
    mapping: Vec<(Text, MappingTarget)>,
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) enum MappingTarget {
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
pub(super) enum Schema {
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

pub(super) fn properties(list: &[(Name, Schema)]) -> Value {
    Value::Object(list.iter().map(|(n, s)| (n.value(), s.value())).collect())
}

pub(super) fn names(list: &[Name]) -> Value {
    Value::Array(list.iter().map(|n| Value::String(n.value())).collect())
}

impl Schema {
    pub(super) fn value(&self) -> Value {
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
