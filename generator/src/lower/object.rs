//! Objects: a schema's own properties and those of the parts it merges
//! (`allOf`) as one struct, each property a field; the names `required`
//! lists that no property declares; the `allOf` whose one part stands for
//! the whole. Parts that are not plain objects (unions) become flattened
//! fields.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type as OaType};

use super::Lowerer;
use super::classify::{AllOfPart, Properties, additional_properties, all_of_part};
use super::draft::{FieldDraft, Shape, StructDraft};
use super::schema::Node;
use crate::diag::Pointer;
use crate::model::{Constraints, Docs, FieldWire, Presence, Type, Usage, Whitespace};
use crate::naming::{Namespace, snake};

impl<'a> Lowerer<'a> {
    /// A struct from properties; property types are named after `at`.
    pub(super) fn object(&mut self, at: &Pointer, own: Own<'a>) -> StructDraft {
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
    pub(super) fn all_of_standing_for_one(&mut self, at: &Pointer, parts: &'a [ReferenceOr<Schema>]) -> Option<(usize, bool)> {
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
    pub(super) fn all_of_entry(&mut self, at: &Pointer, parts: &'a [ReferenceOr<Schema>], index: usize, own: Own<'a>) -> Shape {
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
    pub(super) fn all_of_from(
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

#[derive(Clone, Copy, Default)]
pub(super) struct Own<'a> {
    pub properties: Option<Properties<'a>>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
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
