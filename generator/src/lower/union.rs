//! `oneOf`/`anyOf`: an enum with one variant per alternative, tagged by the
//! discriminator when every alternative has a tag: from the discriminator's
//! mapping, else the one value the alternative's discriminator property can have
//! (a `const`, or an `enum` of one value), else the alternative's schema name.
//! Without a discriminator, a property that every alternative requires with a
//! value of its own (OpenAI's stream events' `event`, the `type` of many APIs)
//! tags them the same way: decoded by that property, not by trying each.
//! An alternative that is only the empty string (`{enum: [""]}`, Stripe's way
//! to unset a value) is a unit variant, `Empty`, with no type behind it.
//! Properties declared beside the alternatives (and the names required there)
//! belong to each: an object alternative that lacks some of them is a struct
//! of its own that merges them in.

use indexmap::IndexMap;
use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type as OaType};

use super::Lowerer;
use super::classify::{AllOfPart, Beside, Class, Keyword, all_of_part, classify, docs_of};
use super::resolve::parse_ref;
use super::draft::{Shape, UnionDraft, VariantDraft};
use super::object::Own;
use super::schema::{Node, Use};
use crate::diag::Pointer;
use crate::model::{EnumValue, Type, TypeId};
use super::variants::{Source, Word, without_enum_name};
use crate::naming::{Ident, Namespace, camel, camel_ident};

impl<'a> Lowerer<'a> {
    /// `oneOf`/`anyOf`: an enum with one variant per alternative, tagged by the
    /// discriminator when every alternative has a tag.
    pub(super) fn union(
        &mut self,
        at: &Pointer,
        keyword: Keyword,
        alternatives: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
        beside: Beside<'a>,
    ) -> Shape {
        let words = self.alternative_words(at, alternatives, discriminator);
        let mut variants = Vec::with_capacity(alternatives.len());
        let mut targets: Vec<Option<Pointer>> = Vec::with_capacity(alternatives.len());
        let mut schemas: Vec<Option<&'a Schema>> = Vec::with_capacity(alternatives.len());
        let mut names: Vec<String> = Vec::with_capacity(alternatives.len());
        let mut empty_at: Vec<usize> = Vec::new();
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
            // `{enum: [""]}` beside other alternatives: the empty string as a unit variant.
            if discriminator.is_none() && alternatives.len() > 1 && variant_schema.is_some_and(is_empty_string) {
                names.push(camel(&words[i].text(), "Empty"));
                variants.push(VariantDraft { name: camel_ident("", "Empty"), ty: Type::String, tags: Vec::new() });
                empty_at.push(i);
                continue;
            }
            let merge = match variant_schema {
                Some(schema) if !beside.is_empty() => self.takes_beside(at, keyword, i, schema, beside),
                _ => false,
            };
            // What is declared beside the alternatives belongs to each: an
            // alternative that lacks some of it is a struct that merges both,
            // written where the alternative is (a reference keeps its type's name
            // for the variant).
            let mut own_name = None;
            let lowered = match (merge, node, variant_schema) {
                (true, Node::Inline(schema), _) => {
                    let name = self.name_for(&variant_at, schema.schema_data.title.as_deref());
                    let id = self.merged_alternative(at, &variant_at, node, name, schema, beside);
                    Use { nullable: schema.schema_data.nullable, ..Use::of(Type::Named(id)) }
                }
                (true, Node::Ref(_), Some(schema)) => {
                    let plain = self.schema_use(node, &variant_at, 0);
                    own_name = match &plain.ty {
                        Type::Named(id) => Some(self.types[*id].name.clone()),
                        _ => None,
                    };
                    let name = self.name_for(&variant_at, own_name.as_ref().map(Ident::as_str));
                    let id = self.merged_alternative(at, &variant_at, node, name, schema, beside);
                    Use { nullable: plain.nullable, ..Use::of(Type::Named(id)) }
                }
                _ => self.schema_use(node, &variant_at, 0),
            };
            // A reference named by the schema it refers to is named as that
            // schema's type; a type of the caller's by its own name.
            let name = match (&words[i], own_name, &lowered.ty) {
                (_, _, Type::External(path)) => camel(super::external::type_name(path), "Variant"),
                (Word::Named { from: Source::Reference, .. }, Some(name), _) => name.as_str().to_owned(),
                (Word::Named { from: Source::Reference, .. }, None, Type::Named(id)) => {
                    self.types[*id].name.as_str().to_owned()
                }
                (word, _, _) => camel(&word.text(), "Variant"),
            };
            names.push(name);
            variants.push(VariantDraft { name: camel_ident("", "Variant"), ty: lowered.ty.nullable_if(lowered.nullable), tags: Vec::new() });
        }
        // No variant repeats its enum's name (clippy's `enum_variant_names`).
        if let Some(&id) = self.by_pointer.get(at) {
            let enum_name = self.types[id].name.as_str().to_owned();
            let shortened: Vec<Option<String>> =
                names.iter().map(|name| without_enum_name(name, &enum_name).map(str::to_owned)).collect();
            for (i, short) in shortened.iter().enumerate() {
                let Some(short) = short else { continue };
                let clashes = names.iter().enumerate().any(|(j, name)| j != i && name == short)
                    || shortened.iter().enumerate().any(|(j, other)| j != i && other.as_ref() == Some(short));
                if !clashes {
                    names[i] = short.clone();
                }
            }
        }
        let mut namespace = Namespace::with_reserved(&["Unknown"]);
        for (variant, name) in variants.iter_mut().zip(names) {
            variant.name = namespace.claim(camel_ident(&name, "Variant"));
        }
        // The empty string is one unit variant, however many alternatives say it.
        let mut empty = None;
        for &i in empty_at.iter().rev() {
            empty = Some(variants.remove(i).name);
            targets.remove(i);
            schemas.remove(i);
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
        if discriminator.is_none() && empty.is_none() {
            if let Some((name, tags)) = self.implicit_tag(&schemas, beside, &variants) {
                for (variant, tag) in variants.iter_mut().zip(tags) {
                    variant.tags = vec![tag];
                }
                property = Some(name);
            }
        }
        Shape::Union(UnionDraft { variants, discriminator: property, empty })
    }

    /// The property that tells the alternatives apart without a
    /// `discriminator`, with each alternative's value: every alternative is an
    /// object (a struct, not `null`) that requires the property and allows one
    /// value for it (a `const` or a one-value `enum`), and no two allow the
    /// same. The first such property of the first alternative is the one.
    fn implicit_tag(
        &mut self,
        schemas: &[Option<&'a Schema>],
        beside: Beside<'a>,
        variants: &[VariantDraft],
    ) -> Option<(String, Vec<String>)> {
        if schemas.len() < 2 || !variants.iter().all(|v| matches!(v.ty, Type::Named(_))) {
            return None;
        }
        let mut shapes = Vec::with_capacity(schemas.len());
        for schema in schemas {
            let schema = (*schema)?;
            let (properties, required) = self.object_shape(schema)?;
            shapes.push((schema, properties, required));
        }
        let candidates: Vec<&'a str> = shapes.first()?.1.keys().copied().collect();
        'candidates: for name in candidates {
            let mut tags: Vec<String> = Vec::with_capacity(shapes.len());
            for (schema, properties, required) in &shapes {
                let is_required = required.contains(&name) || beside.required.iter().any(|r| r == name);
                if !properties.contains_key(name) || !is_required {
                    continue 'candidates;
                }
                match self.single_value(schema, name, 0) {
                    Some(tag) if !tags.contains(&tag) => tags.push(tag),
                    _ => continue 'candidates,
                }
            }
            return Some((name.to_owned(), tags));
        }
        None
    }

    /// Whether the alternative `schema` (at `index` of the union at `at`) takes
    /// what is declared beside the alternatives, as a struct of its own that
    /// merges both: it is an object that lacks some of those properties, or
    /// does not require a name required beside. An alternative that is not an
    /// object takes nothing (JSON Schema's `properties` and `required` constrain
    /// only objects); one that is itself a union cannot take it, which a warning
    /// says. A property declared both beside and in the alternative with types
    /// that no value has both of is a warning too; the alternative's declaration
    /// is the one used.
    fn takes_beside(
        &mut self,
        at: &Pointer,
        keyword: Keyword,
        index: usize,
        schema: &'a Schema,
        beside: Beside<'a>,
    ) -> bool {
        let alternative_at = at.push(keyword.as_str()).push(index.to_string());
        match classify(schema) {
            Class::Union { .. } | Class::Single { keyword: Keyword::OneOf | Keyword::AnyOf, .. } => {
                self.warn(
                    &alternative_at,
                    format!(
                        "this alternative is itself a union, so the properties and `required` beside the `{}` are not merged into it: a value of this alternative is sent and read without them",
                        keyword.as_str()
                    ),
                );
                false
            }
            Class::Object { .. } | Class::AllOf { .. } | Class::Single { keyword: Keyword::AllOf, .. } => {
                // An `allOf` with a part that is no plain object (a union) merges too: that part is flattened.
                let Some((properties, required)) = self.object_shape(schema) else { return true };
                for (name, node) in beside.properties.into_iter().flatten() {
                    let Some(own) = properties.get(name.as_str()) else { continue };
                    let (theirs, ours) = (self.json_type(node.into()), self.json_type(*own));
                    if let (Some(theirs), Some(ours)) = (theirs, ours) {
                        let numbers = |t: &str| matches!(t, "integer" | "number");
                        if theirs != ours && !(numbers(theirs) && numbers(ours)) {
                            self.warn(
                                &at.push("properties").push(name),
                                format!(
                                    "`{name}` is declared beside the `{}` as {} and in alternative {index} as {}: no value is both, and the alternative's declaration is used for it",
                                    keyword.as_str(),
                                    article(theirs),
                                    article(ours)
                                ),
                            );
                        }
                    }
                }
                let lacks_property =
                    beside.properties.into_iter().flatten().any(|(name, _)| !properties.contains_key(name.as_str()));
                lacks_property || beside.required.iter().any(|name| !required.contains(&name.as_str()))
            }
            Class::Enum { .. } | Class::Inline(_) => false,
        }
    }

    /// The struct written at `variant_at` for the alternative `node` of the union
    /// at `at` (whose schema is `schema`), merging what is declared beside the
    /// alternatives.
    fn merged_alternative(
        &mut self,
        at: &Pointer,
        variant_at: &Pointer,
        node: Node<'a>,
        name: String,
        schema: &'a Schema,
        beside: Beside<'a>,
    ) -> TypeId {
        let id = self.new_type(variant_at, name, docs_of(&schema.schema_data), None);
        let own = Own { properties: beside.properties, required: beside.required, additional: None };
        let merged = self.merge(at, vec![(node, variant_at.clone())], own);
        self.types[id].shape = Shape::Struct(merged);
        id
    }

    /// The properties and required names of an object schema, its `allOf`
    /// parts' included; `None` when a part is not a plain object.
    pub(super) fn object_shape(&mut self, schema: &'a Schema) -> Option<(IndexMap<&'a str, Node<'a>>, Vec<&'a str>)> {
        let mut properties = IndexMap::new();
        let mut required = Vec::new();
        let mut pending: Vec<&'a Schema> = vec![schema];
        let mut seen = 0;
        while let Some(schema) = pending.pop() {
            seen += 1;
            if seen > 64 {
                return None;
            }
            let AllOfPart::Merge { properties: own, required: own_required, nested } = all_of_part(schema) else {
                return None;
            };
            for (name, node) in own.into_iter().flatten() {
                properties.entry(name.as_str()).or_insert(node.into());
            }
            required.extend(own_required.iter().map(String::as_str));
            for part in nested.iter().rev() {
                pending.push(match Node::from(part) {
                    Node::Inline(schema) => schema,
                    Node::Ref(reference) => self.resolver.schema(reference).ok()?.1,
                });
            }
        }
        Some((properties, required))
    }

    /// The JSON type a schema declares (`string`, `object`, ...), if it declares one.
    fn json_type(&mut self, node: Node<'a>) -> Option<&'a str> {
        let schema = match node {
            Node::Inline(schema) => schema,
            Node::Ref(reference) => self.resolver.schema(reference).ok()?.1,
        };
        match &schema.schema_kind {
            SchemaKind::Type(OaType::String(_)) => Some("string"),
            SchemaKind::Type(OaType::Number(_)) => Some("number"),
            SchemaKind::Type(OaType::Integer(_)) => Some("integer"),
            SchemaKind::Type(OaType::Boolean(_)) => Some("boolean"),
            SchemaKind::Type(OaType::Object(_)) => Some("object"),
            SchemaKind::Type(OaType::Array(_)) => Some("array"),
            SchemaKind::Any(any) => any.typ.as_deref(),
            _ => None,
        }
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

/// Whether a schema allows only the empty string (`{enum: [""]}`, a `const: ""`).
fn is_empty_string(schema: &Schema) -> bool {
    !schema.schema_data.nullable
        && matches!(classify(schema), Class::Enum { values, .. } if values == [EnumValue::Str(String::new())])
}

/// A JSON type with its article: `a string`, `an integer`.
fn article(json_type: &str) -> String {
    match json_type.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {json_type}"),
        _ => format!("a {json_type}"),
    }
}
