//! Schemas to types. A schema that needs a Rust type of its own (an object, an
//! enum, a union) becomes a named type keyed by the JSON pointer where it is
//! written, so that every `$ref` to it, and the inline occurrence itself, share
//! one type. Named types are built from a work queue, not by recursion, so a
//! long chain of references cannot overflow the stack.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Discriminator, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind,
    StringFormat, Type as OaType, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::Lowerer;
use super::resolve::parse_ref;
use crate::diag::{Diagnostic, Pointer};
use crate::model::{
    Constraints, Docs, Enum, EnumValue, EnumVariant, Field, Struct, Type, TypeDef, TypeId, TypeKind, Union,
    UnionVariant,
};
use crate::naming::{self, Namespace, camel, snake};

/// The properties of an object schema.
type Properties<'a> = &'a IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Deepest nesting of inline schemas followed before giving up.
const MAX_DEPTH: usize = 96;

/// A schema as it appears at a use site: a reference or an inline schema.
#[derive(Clone, Copy)]
pub(super) enum Node<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for Node<'a> {
    fn from(node: &'a ReferenceOr<Schema>) -> Self {
        match node {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for Node<'a> {
    fn from(node: &'a ReferenceOr<Box<Schema>>) -> Self {
        match node {
            ReferenceOr::Reference { reference } => Node::Ref(reference),
            ReferenceOr::Item(schema) => Node::Inline(schema),
        }
    }
}

/// What a schema use lowers to: a type, and what the use site needs to know.
#[derive(Debug, Clone)]
pub(super) struct Use {
    pub ty: Type,
    pub nullable: bool,
    pub constraints: Constraints,
    pub docs: Docs,
    pub trimmed: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub default: Option<Value>,
}

impl Use {
    pub(super) fn of(ty: Type) -> Self {
        Use {
            ty,
            nullable: false,
            constraints: Constraints::default(),
            docs: Docs::default(),
            trimmed: false,
            read_only: false,
            write_only: false,
            default: None,
        }
    }
}

/// The role a schema plays.
enum Shape<'a> {
    /// Needs a named type.
    Named,
    /// A wrapper around exactly one schema (`allOf`/`oneOf`/`anyOf` with one entry).
    Wrapper(Node<'a>, &'static str),
    /// An inline type (primitive, array, map, any).
    Inline,
}

fn is_true(value: Option<&Value>) -> bool {
    matches!(value, Some(Value::Bool(true)))
}

pub(super) fn docs_of(data: &SchemaData) -> Docs {
    Docs {
        summary: data.title.clone(),
        description: data.description.clone(),
        example: data.example.clone(),
        deprecated: data.deprecated,
    }
}

fn shape(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) if s.enumeration.iter().any(Option::is_some) => Shape::Named,
        SchemaKind::Type(OaType::Integer(i)) if i.enumeration.iter().any(Option::is_some) => Shape::Named,
        SchemaKind::Type(OaType::Object(o)) if !o.properties.is_empty() => Shape::Named,
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => Shape::Wrapper((&all_of[0]).into(), "allOf"),
        SchemaKind::OneOf { one_of } if one_of.len() == 1 => Shape::Wrapper((&one_of[0]).into(), "oneOf"),
        SchemaKind::AnyOf { any_of } if any_of.len() == 1 => Shape::Wrapper((&any_of[0]).into(), "anyOf"),
        SchemaKind::AllOf { all_of } if !all_of.is_empty() => Shape::Named,
        SchemaKind::OneOf { one_of } if !one_of.is_empty() => Shape::Named,
        SchemaKind::AnyOf { any_of } if !any_of.is_empty() => Shape::Named,
        SchemaKind::Any(any) => {
            let only_one = |list: &[ReferenceOr<Schema>]| list.len() == 1;
            let no_own_shape = any.properties.is_empty() && any.enumeration.is_empty();
            if no_own_shape && only_one(&any.all_of) && any.one_of.is_empty() && any.any_of.is_empty() {
                Shape::Wrapper((&any.all_of[0]).into(), "allOf")
            } else if no_own_shape && only_one(&any.one_of) && any.all_of.is_empty() && any.any_of.is_empty() {
                Shape::Wrapper((&any.one_of[0]).into(), "oneOf")
            } else if no_own_shape && only_one(&any.any_of) && any.all_of.is_empty() && any.one_of.is_empty() {
                Shape::Wrapper((&any.any_of[0]).into(), "anyOf")
            } else if !any.properties.is_empty()
                || !any.all_of.is_empty()
                || !any.one_of.is_empty()
                || !any.any_of.is_empty()
                || enum_kind(&any.enumeration).is_some()
            {
                Shape::Named
            } else {
                Shape::Inline
            }
        }
        _ => Shape::Inline,
    }
}

/// Whether a list of JSON enum values are all strings (`Some(false)`) or all
/// integers (`Some(true)`), ignoring nulls.
fn enum_kind(values: &[Value]) -> Option<bool> {
    let listed: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    if listed.is_empty() {
        None
    } else if listed.iter().all(|v| v.is_string()) {
        Some(false)
    } else if listed.iter().all(|v| v.is_i64()) {
        Some(true)
    } else {
        None
    }
}

/// A human name for an HTTP status, used in type and variant names.
pub(super) fn status_word(code: &str) -> String {
    let word = match code {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "203" => "NonAuthoritative",
        "204" => "NoContent",
        "205" => "ResetContent",
        "206" => "PartialContent",
        "207" => "MultiStatus",
        "301" => "MovedPermanently",
        "302" => "Found",
        "303" => "SeeOther",
        "304" => "NotModified",
        "307" => "TemporaryRedirect",
        "308" => "PermanentRedirect",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "411" => "LengthRequired",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "416" => "RangeNotSatisfiable",
        "422" => "UnprocessableEntity",
        "423" => "Locked",
        "424" => "FailedDependency",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "451" => "UnavailableForLegalReasons",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "1XX" | "1xx" => "Informational",
        "2XX" | "2xx" => "Success",
        "3XX" | "3xx" => "Redirection",
        "4XX" | "4xx" => "ClientError",
        "5XX" | "5xx" => "ServerError",
        "default" => "Default",
        other => return format!("Status{other}"),
    };
    word.to_owned()
}

impl<'a> Lowerer<'a> {
    /// The name a type written at `at` gets, derived from where it is: the
    /// component or operation it belongs to, then the properties leading to it.
    fn name_for(&self, at: &Pointer, title: Option<&str>) -> String {
        let tokens = at.tokens();
        let mut parts: Vec<String> = Vec::new();
        let mut rest: &[String] = &tokens;
        match tokens.as_slice() {
            [c, section, name, tail @ ..] if c == "components" => {
                parts.push(name.clone());
                rest = tail;
                if section == "responses" || section == "requestBodies" {
                    // content/<media>/schema
                    rest = rest.get(3..).unwrap_or_default();
                } else if section == "parameters" || section == "headers" {
                    rest = rest.get(1..).unwrap_or_default();
                }
            }
            [p, path, method, tail @ ..] if p == "paths" => {
                let op = at_operation(path, method);
                match self.op_type_names.get(&op) {
                    Some(op_name) => {
                        parts.push(op_name.clone());
                        rest = tail;
                        match tail {
                            [rb, _content, _media, _schema, more @ ..] if rb == "requestBody" => {
                                parts.push("Body".to_owned());
                                rest = more;
                            }
                            [r, code, h, header, _schema, more @ ..] if r == "responses" && h == "headers" => {
                                parts.push(status_word(code));
                                parts.push(header.clone());
                                rest = more;
                            }
                            [r, code, _content, _media, _schema, more @ ..] if r == "responses" => {
                                if code.starts_with('2') {
                                    parts.push("Response".to_owned());
                                } else {
                                    parts.push(status_word(code));
                                    parts.push("Response".to_owned());
                                }
                                rest = more;
                            }
                            [params, index, more @ ..] if params == "parameters" => {
                                if let Some(name) = self.param_name_at(at, index) {
                                    parts.push(name);
                                }
                                rest = more.get(1..).unwrap_or_default();
                            }
                            _ => {}
                        }
                    }
                    None => {
                        parts.push(path.clone());
                        rest = tail;
                    }
                }
            }
            _ => {}
        }
        let mut iter = rest.iter().peekable();
        while let Some(token) = iter.next() {
            match token.as_str() {
                "properties" => {
                    if let Some(name) = iter.next() {
                        parts.push(name.clone());
                    }
                }
                "items" => parts.push("Item".to_owned()),
                "additionalProperties" => parts.push("Value".to_owned()),
                "allOf" | "oneOf" | "anyOf" => {
                    if let Some(index) = iter.next() {
                        if iter.peek().is_none() {
                            match title {
                                Some(title) => parts.push(title.to_owned()),
                                None => parts.push(format!("Variant{index}")),
                            }
                        } else {
                            parts.push(format!("Part{index}"));
                        }
                    }
                }
                "not" => parts.push("Not".to_owned()),
                "schema" | "content" => {}
                other => parts.push(other.to_owned()),
            }
        }
        let joined: Vec<String> = parts.iter().map(|p| camel(p, "")).collect();
        camel(&joined.join(" "), "Type")
    }

    /// The name of the parameter written at `<operation>/parameters/<index>`.
    fn param_name_at(&self, at: &Pointer, index: &str) -> Option<String> {
        let tokens = at.tokens();
        let (path, method) = (tokens.get(1)?, tokens.get(2)?);
        let item = self.doc.api.paths.paths.get(path)?.as_item()?;
        let op = item.iter().find(|(m, _)| m == method)?.1;
        let index: usize = index.parse().ok()?;
        match op.parameters.get(index)? {
            ReferenceOr::Item(p) => Some(p.parameter_data_ref().name.clone()),
            ReferenceOr::Reference { reference } => reference.rsplit('/').next().map(str::to_owned),
        }
    }

    /// Lowers one use of a schema.
    pub(super) fn schema_use(&mut self, node: Node<'a>, at: &Pointer, depth: usize) -> Use {
        match node {
            Node::Inline(schema) => self.schema_at(at, schema, depth),
            Node::Ref(reference) => match self.resolver.schema(reference) {
                Ok((target, schema)) => {
                    if self.expanding.contains(&target) {
                        self.warn(at, format!("`{reference}` refers to itself only through arrays or maps; it is typed as any JSON value"));
                        return Use::of(Type::Json);
                    }
                    self.expanding.push(target.clone());
                    let lowered = self.schema_at(&target, schema, depth + 1);
                    self.expanding.pop();
                    lowered
                }
                Err(message) => {
                    self.error(at, message);
                    Use::of(Type::Json)
                }
            },
        }
    }

    /// Lowers a schema written at `at`.
    pub(super) fn schema_at(&mut self, at: &Pointer, schema: &'a Schema, depth: usize) -> Use {
        let data = &schema.schema_data;
        let mut lowered = Use {
            ty: Type::Json,
            nullable: data.nullable,
            constraints: Constraints::default(),
            docs: docs_of(data),
            trimmed: is_true(data.extensions.get("x-trimmed")),
            read_only: data.read_only,
            write_only: data.write_only,
            default: data.default.clone(),
        };
        if depth > MAX_DEPTH {
            self.warn(at, "schemas are nested too deeply; this one is typed as any JSON value");
            return lowered;
        }
        match shape(schema) {
            Shape::Named => {
                if enum_allows_null(schema) {
                    lowered.nullable = true;
                }
                lowered.ty = Type::Named(self.named(at, schema));
            }
            Shape::Wrapper(inner, keyword) => {
                let inner = self.schema_use(inner, &at.push(keyword).push("0"), depth + 1);
                lowered.ty = inner.ty;
                lowered.nullable |= inner.nullable;
                lowered.constraints = inner.constraints;
                lowered.trimmed |= inner.trimmed;
                lowered.read_only |= inner.read_only;
                lowered.write_only |= inner.write_only;
                if lowered.docs.description.is_none() && lowered.docs.summary.is_none() {
                    lowered.docs.description = inner.docs.description;
                    lowered.docs.summary = inner.docs.summary;
                }
                if lowered.docs.example.is_none() {
                    lowered.docs.example = inner.docs.example;
                }
                if lowered.default.is_none() {
                    lowered.default = inner.default;
                }
            }
            Shape::Inline => {
                lowered.ty = self.inline_type(at, schema, &mut lowered.constraints, depth);
                if enum_allows_null(schema) {
                    lowered.nullable = true;
                }
            }
        }
        lowered
    }

    /// The type of a schema that needs no name of its own.
    fn inline_type(&mut self, at: &Pointer, schema: &'a Schema, constraints: &mut Constraints, depth: usize) -> Type {
        let secret = schema.schema_data.extensions.get("x-sensitive").is_some_and(|v| v == &Value::Bool(true));
        match &schema.schema_kind {
            SchemaKind::Type(OaType::String(s)) => {
                constraints.min_length = s.min_length;
                constraints.max_length = s.max_length;
                constraints.pattern = s.pattern.clone();
                match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Type::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Type::Date,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Type::Secret,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "uuid" => Type::Uuid,
                    VariantOrUnknownOrEmpty::Unknown(format) if format == "uri" => {
                        constraints.uri = true;
                        if secret { Type::Secret } else { Type::String }
                    }
                    _ if secret => Type::Secret,
                    _ => Type::String,
                }
            }
            SchemaKind::Type(OaType::Integer(i)) => {
                constraints.minimum = i.minimum.map(|m| (m as f64, i.exclusive_minimum));
                constraints.maximum = i.maximum.map(|m| (m as f64, i.exclusive_maximum));
                integer_type(&i.format, i.minimum)
            }
            SchemaKind::Type(OaType::Number(n)) => {
                constraints.minimum = n.minimum.map(|m| (m, n.exclusive_minimum));
                constraints.maximum = n.maximum.map(|m| (m, n.exclusive_maximum));
                match n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Type::F32,
                    _ => Type::F64,
                }
            }
            SchemaKind::Type(OaType::Boolean(_)) => Type::Bool,
            SchemaKind::Type(OaType::Array(a)) => {
                constraints.min_items = a.min_items;
                constraints.max_items = a.max_items;
                self.array_type(at, a.items.as_ref(), constraints, depth)
            }
            SchemaKind::Type(OaType::Object(o)) => self.map_type(at, o.additional_properties.as_ref(), depth),
            SchemaKind::Any(any) => {
                let typ = any.typ.as_deref().or_else(|| {
                    if any.items.is_some() {
                        Some("array")
                    } else if any.additional_properties.is_some() {
                        Some("object")
                    } else {
                        None
                    }
                });
                match typ {
                    Some("string") => {
                        constraints.min_length = any.min_length;
                        constraints.max_length = any.max_length;
                        match any.format.as_deref() {
                            Some("date-time") => Type::DateTime,
                            Some("date") => Type::Date,
                            Some("uuid") => Type::Uuid,
                            Some("password") => Type::Secret,
                            _ if secret => Type::Secret,
                            _ => Type::String,
                        }
                    }
                    Some("integer") => {
                        let format = match any.format.as_deref() {
                            Some("int32") => VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32),
                            Some("int64") => VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64),
                            Some(other) => VariantOrUnknownOrEmpty::Unknown(other.to_owned()),
                            None => VariantOrUnknownOrEmpty::Empty,
                        };
                        integer_type(&format, any.minimum.map(|m| m as i64))
                    }
                    Some("number") => match any.format.as_deref() {
                        Some("float") => Type::F32,
                        _ => Type::F64,
                    },
                    Some("boolean") => Type::Bool,
                    Some("array") => {
                        constraints.min_items = any.min_items;
                        constraints.max_items = any.max_items;
                        self.array_type(at, any.items.as_ref(), constraints, depth)
                    }
                    Some("object") => self.map_type(at, any.additional_properties.as_ref(), depth),
                    _ => Type::Json,
                }
            }
            _ => Type::Json,
        }
    }

    fn array_type(
        &mut self,
        at: &Pointer,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        constraints: &mut Constraints,
        depth: usize,
    ) -> Type {
        let Some(items) = items else {
            return Type::Vec(Box::new(Type::Json));
        };
        let item = self.schema_use(items.into(), &at.push("items"), depth + 1);
        if item.constraints.is_checked() {
            constraints.items = Some(Box::new(item.constraints));
        }
        let ty = if item.nullable { Type::Option(Box::new(item.ty)) } else { item.ty };
        Type::Vec(Box::new(ty))
    }

    fn map_type(&mut self, at: &Pointer, additional: Option<&'a AdditionalProperties>, depth: usize) -> Type {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.schema_use((&**schema).into(), &at.push("additionalProperties"), depth + 1);
                let ty = if value.nullable { Type::Option(Box::new(value.ty)) } else { value.ty };
                Type::Map(Box::new(ty))
            }
            _ => Type::Json,
        }
    }

    /// The named type for the schema written at `at`, created on first use and
    /// built later from the work queue.
    pub(super) fn named(&mut self, at: &Pointer, schema: &'a Schema) -> TypeId {
        if let Some(&id) = self.by_pointer.get(at) {
            return id;
        }
        let name = self.name_for(at, schema.schema_data.title.as_deref());
        self.new_type(at, name, docs_of(&schema.schema_data), Some(schema))
    }

    /// Creates a named type; with a schema, queues it to be built.
    pub(super) fn new_type(&mut self, at: &Pointer, name: String, docs: Docs, schema: Option<&'a Schema>) -> TypeId {
        let name = self.type_names.claim(&naming::type_name(name));
        let id = self.types.len();
        self.types.push(TypeDef {
            name,
            docs,
            pointer: at.to_string(),
            kind: TypeKind::Alias(Type::Json),
            in_request: false,
            in_response: false,
            validated: false,
        });
        self.by_pointer.insert(at.clone(), id);
        if let Some(schema) = schema {
            self.queue.push_back((id, at.clone(), schema));
        }
        id
    }

    /// Builds every queued type.
    pub(super) fn drain(&mut self) {
        while let Some((id, at, schema)) = self.queue.pop_front() {
            let kind = self.build(&at, schema);
            self.types[id].kind = kind;
        }
    }

    fn build(&mut self, at: &Pointer, schema: &'a Schema) -> TypeKind {
        let discriminator = schema.schema_data.discriminator.as_ref();
        match &schema.schema_kind {
            SchemaKind::Type(OaType::String(s)) if s.enumeration.iter().any(Option::is_some) => {
                let values = s.enumeration.iter().flatten().map(|v| EnumValue::Str(v.clone()));
                TypeKind::Enum(self.enumeration(values, false))
            }
            SchemaKind::Type(OaType::Integer(i)) if i.enumeration.iter().any(Option::is_some) => {
                let values = i.enumeration.iter().flatten().map(|v| EnumValue::Int(*v));
                TypeKind::Enum(self.enumeration(values, true))
            }
            SchemaKind::Type(OaType::Object(o)) if !o.properties.is_empty() => {
                TypeKind::Struct(self.object(at, &o.properties, &o.required))
            }
            SchemaKind::AllOf { all_of } => self.all_of(at, all_of, None),
            SchemaKind::OneOf { one_of } => self.union(at, "oneOf", one_of, discriminator),
            SchemaKind::AnyOf { any_of } => self.union(at, "anyOf", any_of, discriminator),
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() {
                    if !any.one_of.is_empty() || !any.any_of.is_empty() {
                        self.warn(at, "`allOf` combined with `oneOf`/`anyOf` is lowered from its `allOf` part only");
                    }
                    self.all_of(at, &any.all_of, Some((&any.properties, &any.required)))
                } else if !any.one_of.is_empty() {
                    self.union(at, "oneOf", &any.one_of, discriminator)
                } else if !any.any_of.is_empty() {
                    self.union(at, "anyOf", &any.any_of, discriminator)
                } else if !any.properties.is_empty() {
                    TypeKind::Struct(self.object(at, &any.properties, &any.required))
                } else {
                    match enum_kind(&any.enumeration) {
                        Some(integer) => {
                            let values = any.enumeration.iter().filter_map(|v| match v {
                                Value::String(s) => Some(EnumValue::Str(s.clone())),
                                Value::Number(n) => n.as_i64().map(EnumValue::Int),
                                _ => None,
                            });
                            TypeKind::Enum(self.enumeration(values, integer))
                        }
                        None => {
                            let mut constraints = Constraints::default();
                            TypeKind::Alias(self.inline_type(at, schema, &mut constraints, 0))
                        }
                    }
                }
            }
            _ => {
                let mut constraints = Constraints::default();
                let ty = self.inline_type(at, schema, &mut constraints, 0);
                TypeKind::Alias(if schema.schema_data.nullable { Type::Option(Box::new(ty)) } else { ty })
            }
        }
    }

    fn enumeration(&mut self, values: impl Iterator<Item = EnumValue>, integer: bool) -> Enum {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut variants: Vec<EnumVariant> = Vec::new();
        for value in values {
            if variants.iter().any(|v| v.value == value) {
                continue;
            }
            let raw = match &value {
                EnumValue::Str(s) if s.is_empty() => "empty".to_owned(),
                EnumValue::Str(s) => s.clone(),
                EnumValue::Int(n) => n.to_string(),
            };
            variants.push(EnumVariant { name: names.claim(&camel(&raw, "Value")), value });
        }
        Enum { variants, integer }
    }

    /// A struct from properties; property types are named after `at`.
    fn object(&mut self, at: &Pointer, properties: Properties<'a>, required: &[String]) -> Struct {
        let mut names = Namespace::new();
        let mut fields = Vec::with_capacity(properties.len());
        for (wire, node) in properties {
            let field_at = at.push("properties").push(wire);
            fields.push(self.field(&mut names, wire, node.into(), &field_at, required.contains(wire)));
        }
        finish_struct(fields)
    }

    fn field(&mut self, names: &mut Namespace, wire: &str, node: Node<'a>, at: &Pointer, required: bool) -> Field {
        let lowered = self.schema_use(node, at, 0);
        let mut docs = lowered.docs;
        if docs.description.is_none() && docs.summary.is_none() {
            if let (Node::Ref(_), Type::Named(id)) = (node, &lowered.ty) {
                docs.description = self.types[*id].docs.description.clone();
            }
        }
        Field {
            wire_name: wire.to_owned(),
            name: names.claim(&snake(wire, "field")),
            ty: lowered.ty,
            required: required && !lowered.read_only && !lowered.write_only,
            nullable: lowered.nullable,
            boxed: false,
            flatten: false,
            trimmed: lowered.trimmed,
            constraints: lowered.constraints,
            docs,
            default: lowered.default,
        }
    }

    /// `allOf`: the properties of every part merged into one struct; parts that
    /// are not objects (unions) become flattened fields.
    fn all_of(
        &mut self,
        at: &Pointer,
        parts: &'a [ReferenceOr<Schema>],
        own: Option<(Properties<'a>, &'a Vec<String>)>,
    ) -> TypeKind {
        let mut properties: IndexMap<&'a str, (Node<'a>, Pointer)> = IndexMap::new();
        let mut required: Vec<&'a str> = Vec::new();
        let mut flattened: Vec<(Node<'a>, Pointer)> = Vec::new();
        let mut visited: Vec<Pointer> = Vec::new();
        let mut pending: Vec<(Node<'a>, Pointer)> =
            parts.iter().enumerate().map(|(i, part)| (part.into(), at.push("allOf").push(i.to_string()))).collect();
        pending.reverse();
        if let Some((props, req)) = own {
            for (name, node) in props {
                properties.insert(name, (node.into(), at.push("properties").push(name)));
            }
            required.extend(req.iter().map(String::as_str));
        }
        while let Some((node, part_at)) = pending.pop() {
            let (part_at, schema) = match node {
                Node::Inline(schema) => (part_at, schema),
                Node::Ref(reference) => match self.resolver.schema(reference) {
                    Ok(found) => found,
                    Err(message) => {
                        self.error(&part_at, message);
                        continue;
                    }
                },
            };
            if visited.contains(&part_at) {
                continue;
            }
            visited.push(part_at.clone());
            let (props, req, nested): (Option<Properties<'a>>, &'a [String], &'a [ReferenceOr<Schema>]) =
                match &schema.schema_kind {
                    SchemaKind::Type(OaType::Object(o)) => (Some(&o.properties), &o.required, &[]),
                    SchemaKind::AllOf { all_of } => (None, &[], all_of),
                    SchemaKind::Any(any)
                        if any.one_of.is_empty() && any.any_of.is_empty() && any.enumeration.is_empty() =>
                    {
                        (Some(&any.properties), &any.required, &any.all_of)
                    }
                    _ => {
                        flattened.push((Node::Inline(schema), part_at));
                        continue;
                    }
                };
            if let Some(props) = props {
                for (name, node) in props {
                    let prop_at = part_at.push("properties").push(name);
                    properties.insert(name, (node.into(), prop_at));
                }
            }
            required.extend(req.iter().map(String::as_str));
            for (i, part) in nested.iter().enumerate().rev() {
                pending.push((part.into(), part_at.push("allOf").push(i.to_string())));
            }
        }
        let mut names = Namespace::new();
        let mut fields = Vec::with_capacity(properties.len() + flattened.len());
        for (wire, (node, prop_at)) in properties {
            fields.push(self.field(&mut names, wire, node, &prop_at, required.contains(&wire)));
        }
        for (node, part_at) in flattened {
            let lowered = self.schema_use(node, &part_at, 0);
            match &lowered.ty {
                Type::Named(id)
                    if matches!(self.types[*id].kind, TypeKind::Struct(_) | TypeKind::Union(_))
                        || self.is_queued(*id) =>
                {
                    let name = names.claim(&snake(&self.types[*id].name, "part"));
                    fields.push(Field {
                        wire_name: String::new(),
                        name,
                        ty: lowered.ty,
                        required: true,
                        nullable: false,
                        boxed: false,
                        flatten: true,
                        trimmed: false,
                        constraints: Constraints::default(),
                        docs: lowered.docs,
                        default: None,
                    });
                }
                Type::Json => {}
                _ => self.warn(&part_at, "an `allOf` part that is not an object is ignored"),
            }
        }
        TypeKind::Struct(finish_struct(fields))
    }

    fn is_queued(&self, id: TypeId) -> bool {
        self.queue.iter().any(|(queued, _, _)| *queued == id)
    }

    /// `oneOf`/`anyOf`: an enum with one variant per alternative, tagged by the
    /// discriminator when every alternative has a tag.
    fn union(
        &mut self,
        at: &Pointer,
        keyword: &'static str,
        alternatives: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
    ) -> TypeKind {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut variants = Vec::with_capacity(alternatives.len());
        let mut targets: Vec<Option<Pointer>> = Vec::with_capacity(alternatives.len());
        for (i, node) in alternatives.iter().enumerate() {
            let variant_at = at.push(keyword).push(i.to_string());
            let node: Node<'a> = node.into();
            targets.push(match node {
                Node::Ref(reference) => self.resolver.schema(reference).ok().map(|(p, _)| p),
                Node::Inline(_) => None,
            });
            let lowered = self.schema_use(node, &variant_at, 0);
            let base = match (&lowered.ty, node) {
                (Type::Named(id), _) => self.types[*id].name.clone(),
                (_, Node::Inline(schema)) if schema.schema_data.title.is_some() => {
                    camel(schema.schema_data.title.as_deref().unwrap_or_default(), "Variant")
                }
                (ty, _) => kind_word(ty).to_owned(),
            };
            let ty = if lowered.nullable { Type::Option(Box::new(lowered.ty)) } else { lowered.ty };
            variants.push(UnionVariant { name: names.claim(&base), ty, tags: Vec::new(), boxed: false });
        }
        let mut property = None;
        if let Some(discriminator) = discriminator {
            for (value, target) in &discriminator.mapping {
                let reference = if target.contains('#') || target.contains('/') {
                    target.clone()
                } else {
                    format!("#/components/schemas/{target}")
                };
                let resolved = parse_ref(&reference).and_then(|_| self.resolver.schema(&reference).map(|(p, _)| p));
                match resolved {
                    Ok(pointer) => {
                        if let Some(index) = targets.iter().position(|t| t.as_ref() == Some(&pointer)) {
                            variants[index].tags.push(value.clone());
                        }
                    }
                    Err(message) => self.warn(&at.push("discriminator").push("mapping").push(value), message),
                }
            }
            for (variant, target) in variants.iter_mut().zip(&targets) {
                if variant.tags.is_empty() {
                    let tokens = target.as_ref().map(Pointer::tokens).unwrap_or_default();
                    if let [c, s, name] = tokens.as_slice() {
                        if c == "components" && s == "schemas" {
                            variant.tags.push(name.clone());
                        }
                    }
                }
            }
            if variants.iter().all(|v| !v.tags.is_empty()) {
                property = Some(discriminator.property_name.clone());
            } else {
                self.warn(
                    &at.push("discriminator"),
                    "some alternatives have no discriminator value; the union is decoded by trying each alternative in turn",
                );
            }
        }
        TypeKind::Union(Union { variants, discriminator: property })
    }

    pub(super) fn error(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(at, message));
    }

    pub(super) fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.diags.push(Diagnostic::warning(at, message));
    }
}

/// The pointer key of an operation, for looking up its name.
pub(super) fn at_operation(path: &str, method: &str) -> String {
    format!("{path} {method}")
}

fn finish_struct(fields: Vec<Field>) -> Struct {
    let all_optional = fields.iter().all(|f| !f.required || f.nullable);
    Struct { fields, all_optional }
}

fn enum_allows_null(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) => s.enumeration.iter().any(Option::is_none) && !s.enumeration.is_empty(),
        SchemaKind::Type(OaType::Integer(i)) => i.enumeration.iter().any(Option::is_none) && !i.enumeration.is_empty(),
        SchemaKind::Any(any) => any.enumeration.iter().any(Value::is_null),
        _ => false,
    }
}

fn integer_type(format: &VariantOrUnknownOrEmpty<IntegerFormat>, minimum: Option<i64>) -> Type {
    let _ = minimum;
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Type::I32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Type::I64,
        VariantOrUnknownOrEmpty::Unknown(f) => match f.as_str() {
            "int8" | "int16" | "int32" => Type::I32,
            "uint8" | "uint16" | "uint32" => Type::U32,
            "uint64" | "uint" => Type::U64,
            _ => Type::I64,
        },
        VariantOrUnknownOrEmpty::Empty => Type::I64,
    }
}

/// A variant name for an alternative of a union that has no name of its own.
fn kind_word(ty: &Type) -> &'static str {
    match ty {
        Type::Named(_) => "Object",
        Type::Bool => "Boolean",
        Type::I32 | Type::I64 | Type::U32 | Type::U64 => "Integer",
        Type::F32 | Type::F64 => "Number",
        Type::String | Type::Secret => "String",
        Type::DateTime => "DateTime",
        Type::Date => "Date",
        Type::Uuid => "Uuid",
        Type::Bytes => "Bytes",
        Type::Json => "Value",
        Type::Vec(_) => "Array",
        Type::Map(_) => "Map",
        Type::Option(_) => "Nullable",
    }
}
