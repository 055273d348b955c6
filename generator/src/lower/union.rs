//! `oneOf`/`anyOf`: an enum with one variant per alternative, tagged by the
//! discriminator when every alternative has a tag: from the discriminator's
//! mapping, else the one value the alternative's discriminator property can have
//! (a `const`, or an `enum` of one value), else the alternative's schema name.

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::Lowerer;
use super::classify::{Class, Keyword, classify};
use super::resolve::parse_ref;
use super::schema::Node;
use crate::diag::Pointer;
use crate::model::{EnumValue, Storage, Type, TypeKind, Union, UnionVariant};
use crate::naming::{Ident, Namespace, camel_ident};

impl<'a> Lowerer<'a> {
    /// `oneOf`/`anyOf`: an enum with one variant per alternative, tagged by the
    /// discriminator when every alternative has a tag.
    pub(super) fn union(
        &mut self,
        at: &Pointer,
        keyword: Keyword,
        alternatives: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
    ) -> TypeKind {
        let mut names = Namespace::with_reserved(&["Unknown"]);
        let mut variants = Vec::with_capacity(alternatives.len());
        let mut targets: Vec<Option<Pointer>> = Vec::with_capacity(alternatives.len());
        let mut schemas: Vec<Option<&'a Schema>> = Vec::with_capacity(alternatives.len());
        for (i, node) in alternatives.iter().enumerate() {
            let variant_at = at.push(keyword.as_str()).push(i.to_string());
            let node: Node<'a> = node.into();
            let (target, variant_schema) = match node {
                Node::Ref(reference) => match self.resolver.schema(reference) {
                    Ok((pointer, schema)) => (Some(pointer), Some(schema)),
                    Err(_) => (None, None),
                },
                Node::Inline(schema) => (None, Some(schema)),
            };
            targets.push(target);
            schemas.push(variant_schema);
            let lowered = self.schema_use(node, &variant_at, 0);
            let name: Ident = match (&lowered.ty, node) {
                (Type::Named(id), _) => self.types[*id].name.clone(),
                (Type::External(path), _) => camel_ident(super::external::type_name(path), "Variant"),
                (_, Node::Inline(schema)) if schema.schema_data.title.is_some() => {
                    camel_ident(schema.schema_data.title.as_deref().unwrap_or_default(), "Variant")
                }
                (ty, _) => camel_ident(kind_word(ty), "Variant"),
            };
            variants.push(UnionVariant {
                name: names.claim(name),
                ty: lowered.ty.nullable_if(lowered.nullable),
                tags: Vec::new(),
                storage: Storage::Inline,
            });
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
            // Without a mapping, a variant's tag is the one value its discriminator
            // property can have (a `const` or a one-value `enum`), else its schema's name.
            for ((variant, target), schema) in variants.iter_mut().zip(&targets).zip(&schemas) {
                if variant.tags.is_empty() {
                    let constant = schema.and_then(|schema| self.single_value(schema, &discriminator.property_name, 0));
                    if let Some(tag) = constant.or_else(|| target.as_ref().and_then(|t| t.component("schemas"))) {
                        variant.tags.push(tag);
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

    /// The one string value the property `name` of an object schema can have
    /// (its `const`, or an `enum` of one value), looking through `allOf` parts.
    pub(super) fn single_value(&mut self, schema: &'a Schema, name: &str, depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        let (properties, parts) = match classify(schema) {
            Class::Object { properties, .. } => (Some(properties), None),
            Class::AllOf { parts, properties, .. } => (properties, Some(parts)),
            Class::Single { keyword: Keyword::AllOf, parts, .. } => (None, Some(parts)),
            _ => return None,
        };
        if let Some(node) = properties.and_then(|p| p.get(name)) {
            let property = match Node::from(node) {
                Node::Inline(schema) => schema,
                Node::Ref(reference) => self.resolver.schema(reference).ok()?.1,
            };
            return match classify(property) {
                Class::Enum { values, .. } => match values.as_slice() {
                    [EnumValue::Str(value)] => Some(value.clone()),
                    _ => None,
                },
                _ => None,
            };
        }
        parts?.iter().find_map(|part| {
            let part = match Node::from(part) {
                Node::Inline(schema) => schema,
                Node::Ref(reference) => self.resolver.schema(reference).ok()?.1,
            };
            self.single_value(part, name, depth + 1)
        })
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
        Type::Upload => "Upload",
        Type::External(_) => "External",
    }
}
