//! The word that names each alternative of a `oneOf`/`anyOf`: its variant in
//! the union's enum, and the types written inside it (`RunStreamEvent`'s
//! alternative whose `event` is `thread.run.created` is the variant
//! `ThreadRunCreated`, of the type `RunStreamEventThreadRunCreated`).
//!
//! Each alternative offers words in an order, and takes the first that no other
//! alternative offers at the same rank (nor took before); one left without a
//! word then takes the first of its words still free:
//!
//! 1. the one value it allows for the union's tag property (the
//!    discriminator's, else the property to which the most alternatives give
//!    one value each: a one-value `enum` or a `const`), or the one value of an
//!    alternative that is itself such an enum;
//! 2. for an alternative written in place, its `title`; for a `$ref`, the name
//!    of the schema it refers to; for an object written in place, a property
//!    it requires that no other alternative has (after the tag value it
//!    shares with another: `GithubRepoId`, `GithubOrg`);
//! 3. for an alternative written in place, its JSON type (`String`, `Array`,
//!    `Object`, `DateTime`, ...), then a word that says more (`Known` for an
//!    enum of several values, `StringArray` for an array of strings).
//!
//! What no word names apart is numbered by its position (`Variant2`). A word
//! depends only on the alternative and on the words the others offer, so
//! alternatives added to the spec leave the others' names alone unless they
//! offer the same word.

use std::rc::Rc;

use indexmap::IndexMap;
use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::Lowerer;
use super::classify::{Class, Inline, Keyword, classify};
use super::schema::Node;
use crate::diag::Pointer;
use crate::model::{EnumRepr, EnumValue};
use crate::naming::camel;

/// What names one alternative of a union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Word {
    /// A word that tells it apart from the others.
    Named { word: String, from: Source },
    /// Nothing names it apart: numbered by its position (`Variant{index}`).
    Numbered(usize),
}

/// Where a [`Word`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The one value of the tag property, or of a one-value enum.
    Value,
    /// The alternative's `title`.
    Title,
    /// A property the alternative requires that no other has.
    Property,
    /// The name of the schema a `$ref` refers to.
    Reference,
    /// The JSON type.
    Kind,
}

impl Word {
    /// The word as a name's part: `Variant{index}` when numbered.
    pub(super) fn text(&self) -> String {
        match self {
            Word::Named { word, .. } => word.clone(),
            Word::Numbered(index) => format!("Variant{index}"),
        }
    }
}

/// The words of a union's alternatives, in order.
pub(super) type Words = Rc<[Word]>;

impl<'a> Lowerer<'a> {
    /// The words naming the alternatives of the union written at `at` (found
    /// once, then remembered).
    pub(super) fn alternative_words(
        &mut self,
        at: &Pointer,
        alternatives: &'a [ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
    ) -> Words {
        if let Some(words) = self.words.get(at) {
            return words.clone();
        }
        let words: Words = self.find_words(alternatives, discriminator).into();
        self.words.insert(at.clone(), words.clone());
        words
    }

    /// The word of the alternative `index` of the `keyword` union written at
    /// `at`, as the names of the types inside the alternative use it, with the
    /// number of alternatives; `None` when no such union is there.
    pub(super) fn alternative_word(&mut self, at: &Pointer, keyword: &str, index: usize) -> Option<(String, usize)> {
        if let Some(words) = self.words.get(at) {
            return words.get(index).map(|word| (word.text(), words.len()));
        }
        let (_, schema) = self.resolver.schema(&at.to_reference()).ok()?;
        let (found, alternatives) = match classify(schema) {
            Class::Union { keyword, alternatives, .. } => (keyword, alternatives),
            Class::Single { keyword: keyword @ (Keyword::OneOf | Keyword::AnyOf), parts, .. } => (keyword, parts),
            _ => return None,
        };
        if found.as_str() != keyword {
            return None;
        }
        let discriminator = schema.schema_data.discriminator.as_ref();
        let words = self.alternative_words(at, alternatives, discriminator);
        words.get(index).map(|word| (word.text(), words.len()))
    }

    /// Each alternative's words in the order it offers them, then the first of
    /// each that no other alternative offers at the same rank or took before.
    fn find_words(&mut self, alternatives: &'a [ReferenceOr<Schema>], discriminator: Option<&Discriminator>) -> Vec<Word> {
        let offers: Vec<Vec<(String, Source)>> = {
            let resolved: Vec<(Node<'a>, Option<&'a Schema>)> = alternatives
                .iter()
                .map(|alternative| {
                    let node: Node<'a> = alternative.into();
                    let schema = match node {
                        Node::Inline(schema) => Some(schema),
                        Node::Ref(reference) => self.resolver.schema(reference).ok().map(|(_, schema)| schema),
                    };
                    (node, schema)
                })
                .collect();
            let schemas: Vec<Option<&'a Schema>> = resolved.iter().map(|(_, schema)| *schema).collect();
            let values = self.tag_values(&schemas, discriminator);
            let shapes: Vec<Option<(Vec<String>, Vec<String>)>> = schemas
                .iter()
                .map(|schema| {
                    let (properties, required) = self.object_shape((*schema)?)?;
                    let names = properties.keys().map(|name| (*name).to_owned()).collect();
                    Some((names, required.iter().map(|name| (*name).to_owned()).collect()))
                })
                .collect();
            resolved
                .iter()
                .zip(&values)
                .enumerate()
                .map(|(index, ((node, schema), value))| {
                    let mut offers = Vec::new();
                    let unique = value.as_ref().filter(|value| values.iter().flatten().filter(|v| v == value).count() == 1);
                    let own = unique.cloned().or_else(|| schema.and_then(one_value));
                    if let Some(value) = own {
                        let value = if value.is_empty() { "Empty".to_owned() } else { value };
                        offers.push((value, Source::Value));
                    }
                    match node {
                        Node::Ref(reference) => {
                            if let Some(name) = reference.rsplit('/').next().filter(|name| !name.is_empty()) {
                                offers.push((name.replace("~1", "/").replace("~0", "~"), Source::Reference));
                            }
                        }
                        Node::Inline(schema) => {
                            if let Some(title) = schema.schema_data.title.as_deref().filter(|t| !t.trim().is_empty()) {
                                offers.push((title.to_owned(), Source::Title));
                            }
                            // A property it requires that no other alternative has
                            // (after the tag value it shares, if any).
                            let others = |name: &String| {
                                shapes.iter().enumerate().any(|(i, shape)| {
                                    i != index && shape.as_ref().is_some_and(|(names, _)| names.contains(name))
                                })
                            };
                            let property = (shapes.len() > 1)
                                .then_some(shapes[index].as_ref())
                                .flatten()
                                .and_then(|(_, required)| required.iter().find(|name| !others(name)).cloned());
                            if let Some(property) = property {
                                let word = match value {
                                    Some(value) if unique.is_none() => format!("{value} {property}"),
                                    _ => property,
                                };
                                offers.push((word, Source::Property));
                            }
                            offers.extend(self.kind_words(schema).into_iter().map(|kind| (kind, Source::Kind)));
                        }
                    }
                    offers
                })
                .collect()
        };
        let ranks = offers.iter().map(Vec::len).max().unwrap_or(0);
        let mut chosen: Vec<Option<(String, Source)>> = vec![None; offers.len()];
        let mut taken: Vec<String> = Vec::new();
        for rank in 0..ranks {
            let proposals: Vec<Option<String>> = offers
                .iter()
                .zip(&chosen)
                .map(|(offers, chosen)| match chosen {
                    Some(_) => None,
                    None => offers.get(rank).map(|(word, _)| camel(word, "Variant")),
                })
                .collect();
            for (index, proposal) in proposals.iter().enumerate() {
                let Some(proposal) = proposal else { continue };
                let shared = proposals.iter().filter(|other| other.as_ref() == Some(proposal)).count() > 1;
                if !shared && !taken.contains(proposal) {
                    taken.push(proposal.clone());
                    chosen[index] = offers[index].get(rank).cloned();
                }
            }
        }
        // What a word offered at the same rank as another kept from being
        // taken, it may take now that the other took a later one.
        for (index, offers) in offers.iter().enumerate() {
            if chosen[index].is_some() {
                continue;
            }
            let free = offers.iter().find(|(word, _)| !taken.contains(&camel(word, "Variant")));
            if let Some((word, from)) = free {
                taken.push(camel(word, "Variant"));
                chosen[index] = Some((word.clone(), *from));
            }
        }
        chosen
            .into_iter()
            .enumerate()
            .map(|(index, chosen)| match chosen {
                Some((word, from)) => Word::Named { word, from },
                None => Word::Numbered(index),
            })
            .collect()
    }

    /// For each alternative, the one value it gives the union's tag property
    /// (the discriminator's, else the property to which the most alternatives,
    /// at least two, give one value each; for a union of one alternative, its
    /// first property of one value).
    fn tag_values(&mut self, schemas: &[Option<&'a Schema>], discriminator: Option<&Discriminator>) -> Vec<Option<String>> {
        let property = match discriminator {
            Some(discriminator) => Some(discriminator.property_name.clone()),
            None => {
                let mut counts: IndexMap<String, usize> = IndexMap::new();
                for schema in schemas.iter().flatten() {
                    for name in self.property_names(schema) {
                        if self.single_value(schema, &name, 0).is_some() {
                            *counts.entry(name).or_default() += 1;
                        }
                    }
                }
                let best = counts.values().copied().max().unwrap_or(0);
                // Two alternatives at least (or the one a union of one has).
                let least = schemas.len().min(2);
                counts.into_iter().find(|(_, count)| *count == best && best >= least).map(|(name, _)| name)
            }
        };
        let Some(property) = property else { return vec![None; schemas.len()] };
        schemas.iter().map(|schema| schema.and_then(|schema| self.single_value(schema, &property, 0))).collect()
    }

    /// The words for the JSON type of an alternative written in place, in the
    /// order it offers them: an enum of several values is `String` (or
    /// `Integer`), else `Known` (beside a plain string); an array is `Array`,
    /// else named by its items (`StringArray`, `PetArray`).
    fn kind_words(&mut self, schema: &'a Schema) -> Vec<String> {
        let Some(kind) = kind_word(schema) else { return Vec::new() };
        let mut words = vec![kind.to_owned()];
        match classify(schema) {
            Class::Enum { .. } => words.push("Known".to_owned()),
            Class::Inline(Inline::Array { items: Some(items), .. }) => {
                let item = match Node::from(items) {
                    Node::Ref(reference) => reference.rsplit('/').next().map(str::to_owned),
                    Node::Inline(item) => item.schema_data.title.clone().or_else(|| kind_word(item).map(str::to_owned)),
                };
                if let Some(item) = item.filter(|item| !item.is_empty()) {
                    words.push(format!("{item} Array"));
                }
            }
            _ => {}
        }
        words
    }

    /// The names of an object schema's properties, its `allOf` parts' included.
    pub(super) fn property_names(&mut self, schema: &'a Schema) -> Vec<String> {
        self.object_shape(schema)
            .map(|(properties, _)| properties.keys().map(|name| (*name).to_owned()).collect())
            .unwrap_or_default()
    }
}

/// The one value of an alternative that is an enum of one string.
fn one_value(schema: &Schema) -> Option<String> {
    match classify(schema) {
        Class::Enum { values, .. } => match values.as_slice() {
            [EnumValue::Str(value)] => Some(value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The word for the JSON type of a schema written in place.
fn kind_word(schema: &Schema) -> Option<&'static str> {
    Some(match classify(schema) {
        Class::Object { .. } | Class::AllOf { .. } | Class::Single { keyword: Keyword::AllOf, .. } => "Object",
        Class::Enum { repr: EnumRepr::String, .. } => "String",
        Class::Enum { repr: EnumRepr::Integer, .. } => "Integer",
        Class::Inline(Inline::String { format, .. }) => match format {
            Some("date-time") => "DateTime",
            Some("date") => "Date",
            Some("uuid") => "Uuid",
            _ => "String",
        },
        Class::Inline(Inline::Integer { .. }) => "Integer",
        Class::Inline(Inline::Number { .. }) => "Number",
        Class::Inline(Inline::Boolean) => "Boolean",
        Class::Inline(Inline::Array { .. }) => "Array",
        Class::Inline(Inline::Map(_)) => "Map",
        Class::Inline(Inline::Any) => "Value",
        Class::Union { .. } | Class::Single { .. } => return None,
    })
}

/// A variant's name without its enum's name before or after it
/// (`PostCustomersBodyAddressOptionalFields` in `PostCustomersBodyAddress` is
/// `OptionalFields`), when something is left that starts a word.
pub(super) fn without_enum_name<'n>(variant: &'n str, enum_name: &str) -> Option<&'n str> {
    let starts_word = |rest: &str| rest.starts_with(|c: char| c.is_ascii_uppercase());
    if let Some(rest) = variant.strip_prefix(enum_name).filter(|rest| starts_word(rest)) {
        return Some(rest);
    }
    variant.strip_suffix(enum_name).filter(|rest| !rest.is_empty() && starts_word(rest))
}
