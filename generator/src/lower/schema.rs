//! Schemas to types. A schema that needs a Rust type of its own (an object, an
//! enum, a union) becomes a named type keyed by the JSON pointer where it is
//! written, so that every `$ref` to it, and the inline occurrence itself, share
//! one type. Named types are built from a work queue, not by recursion, so a
//! long chain of references cannot overflow the stack.
//!
//! What a schema is comes from [`classify`]; this file turns each class into
//! a use-site type ([`Lowerer::schema_at`]) or a named type's shape
//! ([`Lowerer::build`]).

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type as OaType};
use serde_json::Value;

use super::Lowerer;
use super::classify::{
    AllOfPart, Beside, Class, Inline, Keyword, Properties, additional_properties, all_of_part, classify, docs_of,
    enum_allows_null, extension_is_true,
};
use super::resolve::ResolveError;
use crate::diag::Pointer;
use crate::load::Tuple as LoadedTuple;
use super::draft::{FieldDraft, Shape, StructDraft, TypeDraft};
use crate::model::{
    Constraints, Docs, Enum, EnumRepr, EnumValue, EnumVariant, FieldWire, Presence, Type, TypeId, Usage, Whitespace,
};
use crate::naming::{Namespace, camel_ident, snake, type_ident};

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

    /// A struct from properties; property types are named after `at`.
    fn object(&mut self, at: &Pointer, own: Own<'a>) -> StructDraft {
        self.merge(at, Vec::new(), own)
    }

    /// The field of a name that `required` lists (at `listed_at`) and no
    /// property declares, with a warning: a value of the type that
    /// `additionalProperties` allows (any JSON value when it says nothing), so
    /// that the client can send it; required in a type only requests send,
    /// optional in one a response carries (which then decodes without it).
    /// Where `additionalProperties: false` forbids it, the spec contradicts
    /// itself: the field is optional, so that the caller decides. Where a part of an `allOf` is a union (`has_flattened`),
    /// that part may declare the name: no field is added, which a warning says.
    fn undeclared_field(
        &mut self,
        names: &mut Namespace,
        wire: &str,
        listed_at: &Pointer,
        additional: &[(&'a AdditionalProperties, Pointer)],
        has_flattened: bool,
    ) -> Option<FieldDraft> {
        if has_flattened {
            self.warn(
                listed_at,
                format!(
                    "`{wire}` is required, and no property declares it; a part of this `allOf` is a union whose alternatives may, so no field is added for it (set it through that part)"
                ),
            );
            return None;
        }
        let forbidden = additional.iter().find(|(a, _)| matches!(a, AdditionalProperties::Any(false)));
        let schema = additional.iter().find_map(|(a, at)| match a {
            AdditionalProperties::Schema(schema) => Some((schema, at)),
            AdditionalProperties::Any(_) => None,
        });
        let (ty, required, why, doc) = match (forbidden, schema) {
            (Some((_, forbidden_at)), _) => (
                Type::Json,
                false,
                format!(
                    "`{wire}` is required, but no property declares it and `additionalProperties: false` ({forbidden_at}) forbids it, so no value is valid; it is an optional field of any JSON value, for the caller to decide"
                ),
                "Listed in the spec's `required`, though no property declares it and `additionalProperties: false` allows no other: any JSON value, sent only when set.",
            ),
            (None, Some((schema, schema_at))) => {
                let lowered = self.schema_use((&**schema).into(), schema_at, 0);
                (
                    lowered.ty.nullable_if(lowered.nullable),
                    true,
                    format!(
                        "`{wire}` is required, and no property declares it; it is a field of the type `additionalProperties` gives (required where only requests send it, so that a response without it still decodes)"
                    ),
                    "Listed in the spec's `required`, though no property declares it: typed as its `additionalProperties` says.",
                )
            }
            (None, None) => (
                Type::Json,
                true,
                format!(
                    "`{wire}` is required, and no property declares it; it is a field of any JSON value (required where only requests send it, so that a response without it still decodes)"
                ),
                "Listed in the spec's `required`, though no property declares it: any JSON value.",
            ),
        };
        self.warn(listed_at, why);
        Some(FieldDraft {
            name: names.claim(snake(wire, "field")),
            wire: FieldWire::Key(wire.to_owned()),
            ty,
            // Required again where only requests send the type (as a required
            // `writeOnly` property is): a name the spec forgot to declare is
            // as likely a slip of `required` as a property that responses lack.
            presence: Presence::Optional,
            whitespace: Whitespace::Kept,
            constraints: Constraints::default(),
            docs: Docs { description: Some(doc.to_owned()), ..Docs::default() },
            default: None,
            required_in: required.then_some(Usage::Request),
        })
    }

    fn field(&mut self, names: &mut Namespace, wire: &str, node: Node<'a>, at: &Pointer, required: bool) -> FieldDraft {
        let lowered = self.schema_use(node, at, 0);
        let mut docs = lowered.docs;
        if docs.description.is_none() && docs.summary.is_none() {
            if let (Node::Ref(_), Type::Named(id)) = (node, &lowered.ty) {
                docs.description = self.types[*id].docs.description.clone();
            }
        }
        let required_in = match (required, lowered.read_only, lowered.write_only) {
            (true, true, false) => Some(Usage::Response),
            (true, false, true) => Some(Usage::Request),
            _ => None,
        };
        let required = required && !lowered.read_only && !lowered.write_only;
        FieldDraft {
            name: names.claim(snake(wire, "field")),
            wire: FieldWire::Key(wire.to_owned()),
            ty: lowered.ty,
            presence: Presence::new(required, lowered.nullable),
            whitespace: lowered.whitespace,
            constraints: lowered.constraints,
            docs,
            default: lowered.default,
            required_in,
        }
    }

    /// The part of an `allOf` that stands for the whole, and whether any part
    /// allows `null`: the one part with a shape when the others have none
    /// (they document, or only say `nullable`), or, when every shaped part is
    /// the same primitive type (a string, an integer, a number or a boolean
    /// without an `enum`), the first reference among them (its type may be
    /// named), else the first.
    ///
    /// A part with constraints and no type (`{maxLength: 16}` beside `{type:
    /// string}`) does not shape the value either; its constraints are not
    /// checked, which a warning says.
    fn all_of_standing_for_one(&mut self, at: &Pointer, parts: &'a [ReferenceOr<Schema>]) -> Option<(usize, bool)> {
        let mut shaped: Vec<(usize, bool, Option<&str>)> = Vec::new();
        let mut constraining = Vec::new();
        let mut nullable = false;
        for (index, part) in parts.iter().enumerate() {
            let (schema, is_ref) = match part {
                ReferenceOr::Item(schema) => (schema, false),
                ReferenceOr::Reference { reference } => (self.resolver.schema(reference).ok()?.1, true),
            };
            nullable |= schema.schema_data.nullable;
            let primitive = match &schema.schema_kind {
                SchemaKind::Any(any) if *any == openapiv3::AnySchema::default() => continue,
                SchemaKind::Any(any) if only_constrains(any) => {
                    constraining.push(index);
                    continue;
                }
                SchemaKind::Type(OaType::String(s)) if s.enumeration.is_empty() => Some("string"),
                SchemaKind::Type(OaType::Integer(i)) if i.enumeration.is_empty() => Some("integer"),
                SchemaKind::Type(OaType::Number(n)) if n.enumeration.is_empty() => Some("number"),
                SchemaKind::Type(OaType::Boolean(b)) if b.enumeration.is_empty() => Some("boolean"),
                _ => None,
            };
            shaped.push((index, is_ref, primitive));
        }
        let chosen = match shaped.as_slice() {
            [(index, _, _)] => Some((*index, nullable)),
            [(_, _, Some(first)), rest @ ..] if rest.iter().all(|(_, _, kind)| *kind == Some(*first)) => {
                let chosen = shaped.iter().find(|(_, is_ref, _)| *is_ref).or(shaped.first())?;
                Some((chosen.0, nullable))
            }
            _ => None,
        };
        if chosen.is_some() {
            for index in constraining {
                self.warn(
                    &at.push("allOf").push(index.to_string()),
                    "an `allOf` part with constraints and no type: the value is typed by the other parts, and these constraints are not checked",
                );
            }
        }
        chosen
    }

    /// A named `allOf` with one entry that counts (at `index`): the struct of
    /// the entry's properties when it is an object, else another name for the
    /// entry's type (an array, a primitive).
    fn all_of_entry(&mut self, at: &Pointer, parts: &'a [ReferenceOr<Schema>], index: usize, own: Own<'a>) -> Shape {
        let entry_at = at.push("allOf").push(index.to_string());
        let object = match parts.first().map(Node::from) {
            Some(Node::Inline(schema)) => matches!(all_of_part(schema), AllOfPart::Merge { .. }),
            Some(Node::Ref(reference)) => self
                .resolver
                .schema(reference)
                .is_ok_and(|(_, schema)| matches!(all_of_part(schema), AllOfPart::Merge { .. })),
            None => true,
        };
        if object {
            return Shape::Struct(self.all_of_from(at, parts, index, own));
        }
        let Some(entry) = parts.first() else { return Shape::Alias(Type::Json) };
        let lowered = self.schema_use(entry.into(), &entry_at, 0);
        Shape::Alias(lowered.ty.nullable_if(lowered.nullable))
    }

    /// `allOf` over `parts`, the first of which is at `offset` of the spec's
    /// list: the properties of every part (and the schema's own) merged into
    /// one struct; parts that are not objects (unions) become flattened fields.
    fn all_of_from(
        &mut self,
        at: &Pointer,
        parts: &'a [ReferenceOr<Schema>],
        offset: usize,
        own: Own<'a>,
    ) -> StructDraft {
        let parts = parts
            .iter()
            .enumerate()
            .map(|(i, part)| (part.into(), at.push("allOf").push((offset + i).to_string())))
            .collect();
        self.merge(at, parts, own)
    }

    /// The struct of a schema's own properties (`own.properties`, required as
    /// `own.required`) and those of `parts` (each with the pointer where it is
    /// written), merged; parts that are not objects (unions) become flattened
    /// fields. A required name that no property declares is a field too
    /// ([`Lowerer::undeclared_field`]).
    pub(super) fn merge(&mut self, at: &Pointer, parts: Vec<(Node<'a>, Pointer)>, own: Own<'a>) -> StructDraft {
        let mut properties: IndexMap<&'a str, (Node<'a>, Pointer)> = IndexMap::new();
        // Each required name with where it is listed.
        let mut required: Vec<(&'a str, Pointer)> = Vec::new();
        let listed = |names: &'a [String], at: &Pointer| {
            let at = at.push("required");
            names.iter().enumerate().map(move |(i, name)| (name.as_str(), at.push(i.to_string())))
        };
        required.extend(listed(own.required, at));
        let mut additional: Vec<(&'a AdditionalProperties, Pointer)> =
            own.additional.map(|a| (a, at.push("additionalProperties"))).into_iter().collect();
        let mut flattened: Vec<(Node<'a>, Pointer)> = Vec::new();
        let mut visited: Vec<Pointer> = Vec::new();
        let mut pending = parts;
        pending.reverse();
        for (name, node) in own.properties.into_iter().flatten() {
            properties.insert(name, (node.into(), at.push("properties").push(name)));
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
            let (props, req, nested) = match all_of_part(schema) {
                AllOfPart::Merge { properties, required, nested } => (properties, required, nested),
                AllOfPart::Flatten => {
                    flattened.push((Node::Inline(schema), part_at));
                    continue;
                }
            };
            for (name, node) in props.into_iter().flatten() {
                properties.insert(name, (node.into(), part_at.push("properties").push(name)));
            }
            required.extend(listed(req, &part_at));
            if let Some(found) = additional_properties(schema) {
                additional.push((found, part_at.push("additionalProperties")));
            }
            for (i, part) in nested.iter().enumerate().rev() {
                pending.push((part.into(), part_at.push("allOf").push(i.to_string())));
            }
        }
        let mut names = Namespace::new();
        let mut fields = Vec::with_capacity(properties.len() + flattened.len());
        for (wire, (node, prop_at)) in &properties {
            if is_never(*node) {
                continue;
            }
            let is_required = required.iter().any(|(name, _)| name == wire);
            fields.push(self.field(&mut names, wire, *node, prop_at, is_required));
        }
        let mut undeclared: Vec<&(&'a str, Pointer)> = Vec::new();
        for entry in &required {
            if !properties.contains_key(entry.0) && !undeclared.iter().any(|(name, _)| *name == entry.0) {
                undeclared.push(entry);
            }
        }
        for (wire, listed_at) in undeclared {
            if let Some(field) = self.undeclared_field(&mut names, wire, listed_at, &additional, !flattened.is_empty())
            {
                fields.push(field);
            }
        }
        for (node, part_at) in flattened {
            let lowered = self.schema_use(node, &part_at, 0);
            match &lowered.ty {
                Type::Named(id)
                    if matches!(self.types[*id].shape, Shape::Struct(_) | Shape::Union(_) | Shape::Queued) =>
                {
                    let name = names.claim(snake(self.types[*id].name.as_str(), "part"));
                    fields.push(FieldDraft {
                        name,
                        wire: FieldWire::Flattened,
                        ty: lowered.ty,
                        presence: Presence::Required,
                        whitespace: Whitespace::Kept,
                        constraints: Constraints::default(),
                        docs: lowered.docs,
                        default: None,
                        required_in: None,
                    });
                }
                // A part that allows any value, or any object, adds no field.
                Type::Json => {}
                ty if ty.is_json_object() => {}
                _ => self.warn(&part_at, "an `allOf` part that is not an object is ignored"),
            }
        }
        StructDraft { fields, required_sets: Vec::new() }
    }
}

/// What a schema declares of its own beside the parts it merges: its
/// properties, the names it requires and its `additionalProperties`.
#[derive(Clone, Copy, Default)]
pub(super) struct Own<'a> {
    pub properties: Option<Properties<'a>>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
}

/// Whether a tuple has a faithful Rust type: every position is present and no
/// item follows them.
fn is_faithful(tuple: &LoadedTuple) -> bool {
    tuple.closed && tuple.min_items >= tuple.len
}

/// Whether a property's schema admits no value (`false`, read as `{not: {}}`):
/// such a property is never present, so it has no field.
fn is_never(node: Node<'_>) -> bool {
    let Node::Inline(schema) = node else { return false };
    match &schema.schema_kind {
        openapiv3::SchemaKind::Not { not } => match &**not {
            ReferenceOr::Item(inner) => {
                matches!(&inner.schema_kind, openapiv3::SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
            }
            ReferenceOr::Reference { .. } => false,
        },
        _ => false,
    }
}

/// Whether an untyped schema only constrains values (lengths, bounds, a
/// pattern, a format, counts) without saying what they are: no type,
/// properties, items, enum or composition.
fn only_constrains(any: &openapiv3::AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.required.is_empty()
        && any.additional_properties.is_none()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
}
