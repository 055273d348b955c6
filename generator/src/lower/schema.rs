//! Schemas to types. A schema that needs a Rust type of its own (an object, an
//! enum, a union) becomes a named type keyed by the JSON pointer where it is
//! written, so that every `$ref` to it, and the inline occurrence itself, share
//! one type. Named types are built from a work queue, not by recursion, so a
//! long chain of references cannot overflow the stack.
//!
//! What a schema is comes from [`classify`]; this file turns each class into
//! a use-site type ([`Lowerer::schema_at`]) or a named type's shape
//! ([`Lowerer::build`]); an object's struct, its properties merged with those
//! of its `allOf` parts, is built in `object.rs`.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema};
use serde_json::Value;

use super::Lowerer;
use super::classify::{
    Beside, Class, Inline, Keyword, additional_properties, classify, docs_of,
    enum_allows_null, extension_is_true,
};
use super::resolve::ResolveError;
use crate::diag::Pointer;
use crate::load::Tuple as LoadedTuple;
use super::draft::{Shape, TypeDraft};
use super::object::Own;
use crate::model::{
    Constraints, Docs, Enum, EnumRepr, EnumValue, EnumVariant, Type, TypeId, Whitespace,
};
use crate::naming::{Namespace, camel_ident, type_ident};

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
    pub whitespace: Whitespace,
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
            whitespace: Whitespace::Kept,
            read_only: false,
            write_only: false,
            default: None,
        }
    }

    /// This use with what `inner` (the single entry this use wraps) adds.
    fn wrapping(mut self, inner: Use) -> Self {
        self.ty = inner.ty;
        self.nullable |= inner.nullable;
        self.constraints = inner.constraints;
        if inner.whitespace == Whitespace::Trimmed {
            self.whitespace = Whitespace::Trimmed;
        }
        self.read_only |= inner.read_only;
        self.write_only |= inner.write_only;
        if self.docs.description.is_none() && self.docs.summary.is_none() {
            self.docs.description = inner.docs.description;
            self.docs.summary = inner.docs.summary;
        }
        if self.docs.example.is_none() {
            self.docs.example = inner.docs.example;
        }
        if self.default.is_none() {
            self.default = inner.default;
        }
        self
    }
}

impl<'a> Lowerer<'a> {
    /// Lowers one use of a schema.
    pub(super) fn schema_use(&mut self, node: Node<'a>, at: &Pointer, depth: usize) -> Use {
        if let Node::Ref(reference) = node {
            if let Some(ty) = self.external_ref(reference) {
                return Use::of(ty);
            }
        }
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
                Err(ResolveError::Invalid(message)) => {
                    // One broken schema does not sink the whole API: its uses accept any value.
                    self.warn(at, format!("{message}; the value is typed as any JSON value"));
                    Use::of(Type::Json)
                }
                Err(error) => {
                    self.error(at, error);
                    Use::of(Type::Json)
                }
            },
        }
    }

    /// Lowers a schema written at `at`.
    pub(super) fn schema_at(&mut self, at: &Pointer, schema: &'a Schema, depth: usize) -> Use {
        let data = &schema.schema_data;
        let lowered = Use {
            ty: Type::Json,
            nullable: data.nullable,
            constraints: Constraints::default(),
            docs: docs_of(data),
            whitespace: if extension_is_true(data, "x-trimmed") { Whitespace::Trimmed } else { Whitespace::Kept },
            read_only: data.read_only,
            write_only: data.write_only,
            default: data.default.clone(),
        };
        if let Some(ty) = self.external_at(at) {
            return Use { ty, ..lowered };
        }
        if depth > MAX_DEPTH {
            self.warn(at, "schemas are nested too deeply; this one is typed as any JSON value");
            return lowered;
        }
        if let Some(tuple) = self.doc.tuples.get(at) {
            let mut lowered = lowered;
            lowered.ty =
                if is_faithful(tuple) { Type::Named(self.named(at, schema)) } else { Type::Vec(Box::new(Type::Json)) };
            return lowered;
        }
        match classify(schema) {
            Class::Single { keyword, parts, index, .. } => {
                if matches!(keyword, Keyword::OneOf | Keyword::AnyOf) {
                    // The names of the types written inside read this union's
                    // words (`alternative_word`) from here, rather than by
                    // resolving the union's pointer again, which parses the
                    // schema again from the document, as deep as it nests.
                    self.alternative_words(at, parts, data.discriminator.as_ref());
                }
                let entry_at = at.push(keyword.as_str()).push(index.to_string());
                let inner = self.schema_use((&parts[0]).into(), &entry_at, depth + 1);
                lowered.wrapping(inner)
            }
            Class::Inline(inline) => {
                let mut lowered = lowered;
                lowered.ty = self.inline_type(at, schema, inline, &mut lowered.constraints, depth);
                lowered.nullable |= enum_allows_null(schema);
                lowered
            }
            _ => {
                let mut lowered = lowered;
                lowered.ty = Type::Named(self.named(at, schema));
                lowered.nullable |= enum_allows_null(schema);
                lowered
            }
        }
    }

    /// The type of a schema that needs no name of its own; its constraints go to `constraints`.
    fn inline_type(
        &mut self,
        at: &Pointer,
        schema: &'a Schema,
        inline: Inline<'a>,
        constraints: &mut Constraints,
        depth: usize,
    ) -> Type {
        let secret = extension_is_true(&schema.schema_data, "x-sensitive");
        match inline {
            Inline::String { format, min_length, max_length, pattern } => {
                constraints.min_length = min_length;
                constraints.max_length = max_length;
                constraints.pattern = pattern.map(str::to_owned);
                constraints.format = format.map(str::to_owned);
                match format {
                    Some("date-time") => Type::DateTime,
                    Some("date") => Type::Date,
                    Some("password") => Type::Secret,
                    Some("uuid") => Type::Uuid,
                    Some("uri") => {
                        constraints.uri = true;
                        if secret { Type::Secret } else { Type::String }
                    }
                    _ if secret => Type::Secret,
                    _ => Type::String,
                }
            }
            Inline::Integer { format, minimum, maximum, multiple_of } => {
                constraints.minimum = minimum;
                constraints.maximum = maximum;
                constraints.multiple_of = multiple_of;
                match format {
                    Some("int8" | "int16" | "int32") => Type::I32,
                    Some("uint8" | "uint16" | "uint32") => Type::U32,
                    Some("uint64" | "uint") => Type::U64,
                    _ => Type::I64,
                }
            }
            Inline::Number { format, minimum, maximum, multiple_of } => {
                constraints.minimum = minimum;
                constraints.maximum = maximum;
                constraints.multiple_of = multiple_of;
                if format == Some("float") { Type::F32 } else { Type::F64 }
            }
            Inline::Boolean => Type::Bool,
            Inline::Array { items, min_items, max_items } => {
                constraints.min_items = min_items;
                constraints.max_items = max_items;
                self.array_type(at, items, constraints, depth)
            }
            Inline::Map(additional) => self.map_type(at, additional, depth),
            Inline::Any => Type::Json,
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
        if item.constraints != Constraints::default() {
            constraints.items = Some(Box::new(item.constraints));
        }
        Type::Vec(Box::new(item.ty.nullable_if(item.nullable)))
    }

    /// The type of an object without properties: a map of the
    /// `additionalProperties` schema's values; a free-form object (no
    /// `additionalProperties`, or `true`) is a map of any JSON values, so that
    /// it is an object on the wire both ways.
    fn map_type(&mut self, at: &Pointer, additional: Option<&'a AdditionalProperties>, depth: usize) -> Type {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let value = self.schema_use((&**schema).into(), &at.push("additionalProperties"), depth + 1);
                Type::Map(Box::new(value.ty.nullable_if(value.nullable)))
            }
            None | Some(AdditionalProperties::Any(true)) => Type::json_object(),
            // `additionalProperties: false` and no properties: only `{}` is
            // valid, which a map does not say either; any JSON value (Stripe's
            // empty form bodies are such schemas).
            Some(AdditionalProperties::Any(false)) => Type::Json,
        }
    }

    /// The named type for the schema written at `at`, created on first use and
    /// built later from the work queue.
    fn named(&mut self, at: &Pointer, schema: &'a Schema) -> TypeId {
        if let Some(&id) = self.by_pointer.get(at) {
            return id;
        }
        let name = self.name_for(at, schema.schema_data.title.as_deref());
        self.new_type(at, name, docs_of(&schema.schema_data), Some(schema))
    }

    /// Creates a named type called `name` (or a numbered variant of it); with a
    /// schema, queues it to be built, else the caller builds it next
    /// ([`Shape::Building`] until it does).
    pub(super) fn new_type(&mut self, at: &Pointer, name: String, docs: Docs, schema: Option<&'a Schema>) -> TypeId {
        let name = self.type_names.claim(type_ident(name));
        let shape = if schema.is_some() { Shape::Queued } else { Shape::Building };
        let id = self.types.push(TypeDraft { name, docs, pointer: at.clone(), shape });
        self.by_pointer.insert(at.clone(), id);
        if let Some(schema) = schema {
            self.queue.push_back((id, at.clone(), schema));
        }
        id
    }

    /// Builds every queued type.
    pub(super) fn drain(&mut self) {
        while let Some((id, at, schema)) = self.queue.pop_front() {
            self.types[id].shape = Shape::Building;
            let shape = self.build(&at, schema);
            self.types[id].shape = shape;
        }
    }

    /// The shape of the named type for the schema written at `at`.
    fn build(&mut self, at: &Pointer, schema: &'a Schema) -> Shape {
        if let Some(tuple) = self.doc.tuples.get(at).copied() {
            return self.tuple(at, tuple);
        }
        let discriminator = schema.schema_data.discriminator.as_ref();
        match classify(schema) {
            Class::Enum { values, repr } => Shape::Enum(self.enumeration(values, repr)),
            Class::Object { properties, required, required_lists } => {
                let own = Own { properties: Some(properties), required, additional: additional_properties(schema) };
                let mut object = self.object(at, own);
                object.required_sets = self.required_sets(at, &object, required_lists);
                Shape::Struct(object)
            }
            Class::AllOf { parts, properties, required, ignores_union, required_lists } => {
                if ignores_union {
                    self.warn(at, "`allOf` combined with `oneOf`/`anyOf` is lowered from its `allOf` part only");
                }
                if properties.is_none_or(|p| p.is_empty()) && required.is_empty() && required_lists.is_empty() {
                    if let Some((index, nullable)) = self.all_of_standing_for_one(at, parts) {
                        // One part says what the value is, the others only
                        // document it or allow `null` (OpenAI's normalised
                        // `anyOf: [{$ref}, {type: "null"}]`), or every part is
                        // the same primitive (DigitalOcean's `allOf: [{$ref:
                        // slug}, {type: string, nullable: true}]`): that part's
                        // type, not a struct.
                        let entry_at = at.push("allOf").push(index.to_string());
                        let entry = &parts[index];
                        let lowered = self.schema_use(entry.into(), &entry_at, 0);
                        return Shape::Alias(lowered.ty.nullable_if(lowered.nullable || nullable));
                    }
                }
                let own = Own { properties, required, additional: additional_properties(schema) };
                let mut object = self.all_of_from(at, parts, 0, own);
                object.required_sets = self.required_sets(at, &object, required_lists);
                Shape::Struct(object)
            }
            Class::Single { keyword: Keyword::AllOf, parts, index, required } => {
                let own = Own { properties: None, required, additional: additional_properties(schema) };
                self.all_of_entry(at, parts, index, own)
            }
            Class::Union { keyword, alternatives, beside } => {
                self.union(at, keyword, alternatives, discriminator, beside)
            }
            Class::Single { keyword, parts: alternatives, .. } => {
                self.union(at, keyword, alternatives, discriminator, Beside::default())
            }
            Class::Inline(inline) => {
                let ty = self.inline_type(at, schema, inline, &mut Constraints::default(), 0);
                Shape::Alias(ty.nullable_if(schema.schema_data.nullable))
            }
        }
    }

    /// `prefixItems`: a tuple struct when every position is present and no
    /// other item can follow; else an array of any JSON values, with a warning.
    fn tuple(&mut self, at: &Pointer, tuple: LoadedTuple) -> Shape {
        if !is_faithful(&tuple) {
            self.warn(
                &at.push("prefixItems"),
                "`prefixItems` whose positions may be missing, or followed by more items, has no Rust tuple type; the array is typed as a list of any JSON values",
            );
            return Shape::Alias(Type::Vec(Box::new(Type::Json)));
        }
        let mut items = Vec::with_capacity(tuple.len);
        for index in 0..tuple.len {
            let item_at = at.push("prefixItems").push(index.to_string());
            let lowered = match self.resolver.schema(&item_at.to_reference()) {
                Ok((target, schema)) => self.schema_at(&target, schema, 1),
                Err(message) => {
                    self.error(&item_at, message);
                    Use::of(Type::Json)
                }
            };
            items.push(lowered.ty.nullable_if(lowered.nullable));
        }
        Shape::Tuple(items)
    }

    fn enumeration(&mut self, values: Vec<EnumValue>, repr: EnumRepr) -> Enum {
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
            variants.push(EnumVariant { name: names.claim(camel_ident(&raw, "Value")), value });
        }
        Enum { variants, repr }
    }
}


/// Whether a tuple has a faithful Rust type: every position is present and no
/// item follows them.
fn is_faithful(tuple: &LoadedTuple) -> bool {
    tuple.closed && tuple.min_items >= tuple.len
}


