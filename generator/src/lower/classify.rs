//! What a schema is, decided once. `openapiv3` spells the same schema in two
//! ways (a typed `SchemaKind::Type`, or `SchemaKind::Any` when the keywords do
//! not fit one type); [`classify`] reads both into one [`Class`], which the
//! use-site lowering and the named-type builder both consume.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat,
    Type as OaType, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use crate::model::{Bound, Docs, EnumRepr, EnumValue};

/// The properties of an object schema.
pub(super) type Properties<'a> = &'a IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The composition keywords (named as the spec spells them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)]
pub(super) enum Keyword {
    AllOf,
    OneOf,
    AnyOf,
}

impl Keyword {
    /// The keyword as the spec writes it (a JSON pointer token).
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Keyword::AllOf => "allOf",
            Keyword::OneOf => "oneOf",
            Keyword::AnyOf => "anyOf",
        }
    }
}

/// What a schema is.
pub(super) enum Class<'a> {
    /// An enum of listed strings or integers: a named enum.
    Enum { values: Vec<EnumValue>, repr: EnumRepr },
    /// An object with properties: a named struct.
    Object { properties: Properties<'a>, required: &'a [String], required_lists: RequiredLists<'a> },
    /// `allOf` (with the schema's own properties, if any): a named struct
    /// merging the parts. `oneOf`/`anyOf` beside it are ignored with a warning
    /// (but for lists of `required` properties).
    AllOf {
        parts: &'a [ReferenceOr<Schema>],
        properties: Option<Properties<'a>>,
        required: &'a [String],
        ignores_union: bool,
        required_lists: RequiredLists<'a>,
    },
    /// `oneOf`/`anyOf`: a named union. Properties declared beside it (and the
    /// names it requires) belong to every alternative (`beside`).
    Union { keyword: Keyword, alternatives: &'a [ReferenceOr<Schema>], beside: Beside<'a> },
    /// Exactly one `allOf`/`oneOf`/`anyOf` entry and nothing of its own: a use
    /// site stands for the entry itself; a component still builds the
    /// composition (a struct or a one-variant union) under its own name.
    /// `parts` holds that one entry, at `index` of the keyword's list (an
    /// `allOf` whose other entries only document, with a description or an
    /// example, has one entry that counts).
    Single { keyword: Keyword, parts: &'a [ReferenceOr<Schema>], index: usize, required: &'a [String] },
    /// No type of its own: a primitive, an array, a map or any JSON value.
    Inline(Inline<'a>),
}

/// The properties declared beside a `oneOf`/`anyOf`, and the names required
/// there: JSON Schema applies them to the value whichever alternative it
/// matches, so they belong to every alternative that is an object.
#[derive(Clone, Copy, Default)]
pub(super) struct Beside<'a> {
    /// The properties; `None` when there are none.
    pub properties: Option<Properties<'a>>,
    /// The required names.
    pub required: &'a [String],
}

impl Beside<'_> {
    /// Whether nothing is declared beside the alternatives.
    pub(super) fn is_empty(&self) -> bool {
        self.properties.is_none_or(|p| p.is_empty()) && self.required.is_empty()
    }
}

/// The `anyOf`/`oneOf` beside an object's properties (or its `allOf`) whose
/// entries only list `required` properties (`anyOf: [{required: [a]},
/// {required: [b]}]`): not a union, a constraint on which fields are present.
pub(super) type RequiredLists<'a> = Vec<(Keyword, &'a [ReferenceOr<Schema>])>;

/// Whether every entry of a non-empty list is a schema that only lists
/// `required` properties, and perhaps constrains some of `properties` (the
/// object's own), allowing any other property: GitHub's check run update,
/// `anyOf: [{properties: {status: {enum: [completed]}}, required:
/// [conclusion]}, {properties: {status: {enum: [queued]}}}]`.
fn only_required(list: &[ReferenceOr<Schema>], properties: Properties<'_>) -> bool {
    let own = |entry: &IndexMap<String, ReferenceOr<Box<Schema>>>| entry.keys().all(|key| properties.contains_key(key));
    let open = |additional: &Option<openapiv3::AdditionalProperties>| {
        matches!(additional, None | Some(openapiv3::AdditionalProperties::Any(true)))
    };
    !list.is_empty()
        && list.iter().all(|entry| match entry {
            ReferenceOr::Item(schema) => match &schema.schema_kind {
                SchemaKind::Any(any) => {
                    (!any.required.is_empty() || !any.properties.is_empty())
                        && own(&any.properties)
                        && open(&any.additional_properties)
                        && matches!(any.typ.as_deref(), None | Some("object"))
                        && *any
                            == openapiv3::AnySchema {
                                typ: any.typ.clone(),
                                required: any.required.clone(),
                                properties: any.properties.clone(),
                                additional_properties: any.additional_properties.clone(),
                                ..Default::default()
                            }
                }
                SchemaKind::Type(OaType::Object(o)) => {
                    (!o.required.is_empty() || !o.properties.is_empty())
                        && own(&o.properties)
                        && open(&o.additional_properties)
                        && *o
                            == openapiv3::ObjectType {
                                required: o.required.clone(),
                                properties: o.properties.clone(),
                                additional_properties: o.additional_properties.clone(),
                                ..Default::default()
                            }
                }
                _ => false,
            },
            ReferenceOr::Reference { .. } => false,
        })
}

/// A schema with no type of its own, with what its Rust type depends on.
pub(super) enum Inline<'a> {
    String {
        format: Option<&'a str>,
        min_length: Option<usize>,
        max_length: Option<usize>,
        pattern: Option<&'a str>,
    },
    Integer {
        format: Option<&'a str>,
        minimum: Option<Bound>,
        maximum: Option<Bound>,
        multiple_of: Option<f64>,
    },
    Number {
        format: Option<&'a str>,
        minimum: Option<Bound>,
        maximum: Option<Bound>,
        multiple_of: Option<f64>,
    },
    Boolean,
    Array {
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        min_items: Option<usize>,
        max_items: Option<usize>,
    },
    /// An object without properties (`type: object`, or no type and an
    /// `additionalProperties` schema): a map of the `additionalProperties`
    /// schema's values, or of any JSON values (a free-form object).
    Map(Option<&'a AdditionalProperties>),
    Any,
}

/// Classifies a schema.
pub(super) fn classify(schema: &Schema) -> Class<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) if s.enumeration.iter().any(Option::is_some) => Class::Enum {
            values: s.enumeration.iter().flatten().map(|v| EnumValue::Str(v.clone())).collect(),
            repr: EnumRepr::String,
        },
        SchemaKind::Type(OaType::Integer(i)) if i.enumeration.iter().any(Option::is_some) => Class::Enum {
            values: i.enumeration.iter().flatten().map(|v| EnumValue::Int(*v)).collect(),
            repr: EnumRepr::Integer,
        },
        SchemaKind::Type(OaType::Object(o)) if !o.properties.is_empty() => {
            Class::Object { properties: &o.properties, required: &o.required, required_lists: Vec::new() }
        }
        SchemaKind::AllOf { all_of } => composition(Keyword::AllOf, all_of),
        SchemaKind::OneOf { one_of } => composition(Keyword::OneOf, one_of),
        SchemaKind::AnyOf { any_of } => composition(Keyword::AnyOf, any_of),
        SchemaKind::Type(OaType::String(s)) => Class::Inline(Inline::String {
            format: string_format(&s.format),
            min_length: s.min_length,
            max_length: s.max_length,
            pattern: s.pattern.as_deref(),
        }),
        SchemaKind::Type(OaType::Integer(i)) => Class::Inline(Inline::Integer {
            format: integer_format(&i.format),
            minimum: i.minimum.map(|m| Bound { value: m as f64, exclusive: i.exclusive_minimum }),
            maximum: i.maximum.map(|m| Bound { value: m as f64, exclusive: i.exclusive_maximum }),
            multiple_of: i.multiple_of.map(|m| m as f64),
        }),
        SchemaKind::Type(OaType::Number(n)) => Class::Inline(Inline::Number {
            format: number_format(&n.format),
            minimum: n.minimum.map(|m| Bound { value: m, exclusive: n.exclusive_minimum }),
            maximum: n.maximum.map(|m| Bound { value: m, exclusive: n.exclusive_maximum }),
            multiple_of: n.multiple_of,
        }),
        SchemaKind::Type(OaType::Boolean(_)) => Class::Inline(Inline::Boolean),
        SchemaKind::Type(OaType::Array(a)) => {
            Class::Inline(Inline::Array { items: a.items.as_ref(), min_items: a.min_items, max_items: a.max_items })
        }
        SchemaKind::Type(OaType::Object(o)) => Class::Inline(Inline::Map(o.additional_properties.as_ref())),
        SchemaKind::Not { .. } => Class::Inline(Inline::Any),
        SchemaKind::Any(any) => {
            let single = |list: &[ReferenceOr<Schema>]| list.len() == 1;
            let no_own_shape = any.properties.is_empty() && any.enumeration.is_empty();
            let (all, mut one, mut some) = (&any.all_of[..], &any.one_of[..], &any.any_of[..]);
            // Beside properties (or an `allOf`), lists of `required` properties
            // say which fields must be present, not what the value is.
            let mut required_lists: RequiredLists<'_> = Vec::new();
            if !any.properties.is_empty() || !all.is_empty() {
                if only_required(some, &any.properties) {
                    required_lists.push((Keyword::AnyOf, some));
                    some = &[];
                }
                if only_required(one, &any.properties) {
                    required_lists.push((Keyword::OneOf, one));
                    one = &[];
                }
            }
            // `required` beside the one entry makes its optional properties required:
            // a struct of its own, not the entry itself.
            let shaped = shaped_entry(all).filter(|_| any.required.is_empty() && required_lists.is_empty());
            if no_own_shape && shaped.is_some() && one.is_empty() && some.is_empty() {
                let (index, parts) = shaped.unwrap_or((0, all));
                Class::Single { keyword: Keyword::AllOf, parts, index, required: &any.required }
            } else if no_own_shape && single(one) && all.is_empty() && some.is_empty() {
                Class::Single { keyword: Keyword::OneOf, parts: one, index: 0, required: &[] }
            } else if no_own_shape && single(some) && all.is_empty() && one.is_empty() {
                Class::Single { keyword: Keyword::AnyOf, parts: some, index: 0, required: &[] }
            } else if !all.is_empty() {
                Class::AllOf {
                    parts: all,
                    properties: Some(&any.properties),
                    required: &any.required,
                    ignores_union: !one.is_empty() || !some.is_empty(),
                    required_lists,
                }
            } else if !one.is_empty() || !some.is_empty() {
                let beside = Beside {
                    properties: (!any.properties.is_empty()).then_some(&any.properties),
                    required: &any.required,
                };
                let (keyword, alternatives) =
                    if one.is_empty() { (Keyword::AnyOf, some) } else { (Keyword::OneOf, one) };
                Class::Union { keyword, alternatives, beside }
            } else if !any.properties.is_empty() {
                Class::Object { properties: &any.properties, required: &any.required, required_lists }
            } else if let Some(repr) = enum_repr(&any.enumeration) {
                let values = any
                    .enumeration
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(EnumValue::Str(s.clone())),
                        Value::Number(n) => n.as_i64().map(EnumValue::Int),
                        _ => None,
                    })
                    .collect();
                Class::Enum { values, repr }
            } else {
                // Without a type, `items` or an `additionalProperties` schema
                // say what the value is; `additionalProperties: true` or
                // `false` alone constrains only objects, so any value fits.
                let typ = any.typ.as_deref().or_else(|| {
                    if any.items.is_some() {
                        Some("array")
                    } else if matches!(any.additional_properties, Some(AdditionalProperties::Schema(_))) {
                        Some("object")
                    } else {
                        None
                    }
                });
                let bound = |value: Option<f64>, exclusive: Option<bool>| {
                    value.map(|value| Bound { value, exclusive: exclusive.unwrap_or(false) })
                };
                Class::Inline(match typ {
                    Some("string") => Inline::String {
                        format: any.format.as_deref(),
                        min_length: any.min_length,
                        max_length: any.max_length,
                        pattern: any.pattern.as_deref(),
                    },
                    Some("integer") => Inline::Integer {
                        format: any.format.as_deref(),
                        minimum: bound(any.minimum, any.exclusive_minimum),
                        maximum: bound(any.maximum, any.exclusive_maximum),
                        multiple_of: any.multiple_of,
                    },
                    Some("number") => Inline::Number {
                        format: any.format.as_deref(),
                        minimum: bound(any.minimum, any.exclusive_minimum),
                        maximum: bound(any.maximum, any.exclusive_maximum),
                        multiple_of: any.multiple_of,
                    },
                    Some("boolean") => Inline::Boolean,
                    Some("array") => {
                        Inline::Array { items: any.items.as_ref(), min_items: any.min_items, max_items: any.max_items }
                    }
                    Some("object") => Inline::Map(any.additional_properties.as_ref()),
                    _ => Inline::Any,
                })
            }
        }
    }
}

/// A schema's `additionalProperties`, whichever way openapiv3 spells the schema.
pub(super) fn additional_properties(schema: &Schema) -> Option<&AdditionalProperties> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::Object(o)) => o.additional_properties.as_ref(),
        SchemaKind::Any(any) => any.additional_properties.as_ref(),
        _ => None,
    }
}

/// What a part of an `allOf` contributes to the struct that merges the parts.
pub(super) enum AllOfPart<'a> {
    /// Its properties and required names, and its own `allOf` parts to merge in turn.
    Merge { properties: Option<Properties<'a>>, required: &'a [String], nested: &'a [ReferenceOr<Schema>] },
    /// Anything else (a union, an enum, a primitive): a flattened field, when it is a named type.
    Flatten,
}

/// Reads a part of an `allOf`: an object (with or without properties), an
/// `allOf`, or an untyped schema without unions or an enum merges.
pub(super) fn all_of_part(schema: &Schema) -> AllOfPart<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::Object(o)) => {
            AllOfPart::Merge { properties: Some(&o.properties), required: &o.required, nested: &[] }
        }
        SchemaKind::AllOf { all_of } => AllOfPart::Merge { properties: None, required: &[], nested: all_of },
        SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() && any.enumeration.is_empty() => {
            AllOfPart::Merge { properties: Some(&any.properties), required: &any.required, nested: &any.all_of }
        }
        _ => AllOfPart::Flatten,
    }
}

/// A typed `allOf`/`oneOf`/`anyOf`: one entry stands for itself; none is no type at all.
fn composition(keyword: Keyword, parts: &[ReferenceOr<Schema>]) -> Class<'_> {
    if keyword == Keyword::AllOf {
        if let Some((index, parts)) = shaped_entry(parts) {
            return Class::Single { keyword, parts, index, required: &[] };
        }
    }
    match (parts.len(), keyword) {
        (0, _) => Class::Inline(Inline::Any),
        (1, _) => Class::Single { keyword, parts, index: 0, required: &[] },
        (_, Keyword::AllOf) => {
            Class::AllOf { parts, properties: None, required: &[], ignores_union: false, required_lists: Vec::new() }
        }
        (_, keyword) => Class::Union { keyword, alternatives: parts, beside: Beside::default() },
    }
}

/// The one entry of an `allOf` that says what the value is, when every other
/// entry only documents it (a description, an example: no keyword that
/// constrains the value), with its index; the list of one entry.
fn shaped_entry(parts: &[ReferenceOr<Schema>]) -> Option<(usize, &[ReferenceOr<Schema>])> {
    let documents_only = |part: &ReferenceOr<Schema>| match part {
        ReferenceOr::Item(schema) => {
            !schema.schema_data.nullable
                && matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
        }
        ReferenceOr::Reference { .. } => false,
    };
    let mut shaped = parts.iter().enumerate().filter(|(_, part)| !documents_only(part));
    match (shaped.next(), shaped.next()) {
        (Some((index, _)), None) => Some((index, std::slice::from_ref(&parts[index]))),
        _ => None,
    }
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
        VariantOrUnknownOrEmpty::Unknown(format) => Some(format),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn integer_format(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64"),
        VariantOrUnknownOrEmpty::Unknown(format) => Some(format),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn number_format(format: &VariantOrUnknownOrEmpty<NumberFormat>) -> Option<&str> {
    match format {
        VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Some("float"),
        VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => Some("double"),
        VariantOrUnknownOrEmpty::Unknown(format) => Some(format),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Whether a list of JSON enum values are all strings or all integers,
/// ignoring nulls; `None` for a mix or an empty list.
fn enum_repr(values: &[Value]) -> Option<EnumRepr> {
    let listed: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    if listed.is_empty() {
        None
    } else if listed.iter().all(|v| v.is_string()) {
        Some(EnumRepr::String)
    } else if listed.iter().all(|v| v.is_i64()) {
        Some(EnumRepr::Integer)
    } else {
        None
    }
}

/// Whether the schema's `enum` lists `null` (so the value is nullable).
pub(super) fn enum_allows_null(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) => s.enumeration.iter().any(Option::is_none),
        SchemaKind::Type(OaType::Integer(i)) => i.enumeration.iter().any(Option::is_none),
        SchemaKind::Any(any) => any.enumeration.iter().any(Value::is_null),
        _ => false,
    }
}

/// The documentation of a schema.
pub(super) fn docs_of(data: &SchemaData) -> Docs {
    Docs {
        summary: data.title.clone(),
        description: data.description.clone(),
        example: data.example.clone(),
        deprecated: data.deprecated,
    }
}

/// Whether the schema carries the extension `name` set to `true`.
pub(super) fn extension_is_true(data: &SchemaData, name: &str) -> bool {
    matches!(data.extensions.get(name), Some(Value::Bool(true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(json: &str) -> Schema {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    /// A short name for the class of a schema written as JSON.
    fn class_of(json: &str) -> &'static str {
        match classify(&schema(json)) {
            Class::Enum { repr: EnumRepr::String, .. } => "string enum",
            Class::Enum { repr: EnumRepr::Integer, .. } => "integer enum",
            Class::Object { .. } => "object",
            Class::AllOf { ignores_union: false, .. } => "allOf",
            Class::AllOf { ignores_union: true, .. } => "allOf ignoring a union",
            Class::Union { .. } => "union",
            Class::Single { .. } => "single entry",
            Class::Inline(Inline::String { .. }) => "string",
            Class::Inline(Inline::Integer { .. }) => "integer",
            Class::Inline(Inline::Number { .. }) => "number",
            Class::Inline(Inline::Boolean) => "boolean",
            Class::Inline(Inline::Array { .. }) => "array",
            Class::Inline(Inline::Map(_)) => "map",
            Class::Inline(Inline::Any) => "any",
        }
    }

    #[test]
    fn typed_and_untyped_spellings_classify_alike() {
        let cases = [
            (r#"{"type": "string", "enum": ["a", "b"]}"#, "string enum"),
            (r#"{"enum": ["a", "b", null]}"#, "string enum"),
            (r#"{"type": "integer", "enum": [1, 2]}"#, "integer enum"),
            (r#"{"enum": [1, 2]}"#, "integer enum"),
            (r#"{"enum": [1, "a"]}"#, "any"),
            (r#"{"type": "object", "properties": {"a": {}}}"#, "object"),
            (r#"{"properties": {"a": {}}}"#, "object"),
            (r#"{"allOf": [{}, {}]}"#, "allOf"),
            (r#"{"allOf": [{}], "properties": {"a": {}}}"#, "allOf"),
            (r#"{"allOf": [{}, {}], "oneOf": [{}]}"#, "allOf ignoring a union"),
            (r#"{"oneOf": [{}, {}]}"#, "union"),
            (r#"{"anyOf": [{}, {}], "description": "x"}"#, "union"),
            (r#"{"type": "object", "properties": {"a": {}}, "anyOf": [{"required": ["a"]}]}"#, "object"),
            (r#"{"properties": {"a": {}, "b": {}}, "oneOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, "object"),
            (r#"{"allOf": [{}, {}], "anyOf": [{"required": ["a"]}]}"#, "allOf"),
            (r#"{"properties": {"a": {}}, "anyOf": [{"required": ["a"]}, {"properties": {"b": {}}}]}"#, "union"),
            (
                r#"{"properties": {"a": {}}, "anyOf": [{"required": ["a"]}, {"properties": {"a": {"enum": [1]}}}]}"#,
                "object",
            ),
            (r#"{"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, "union"),
            (r#"{"allOf": [{}]}"#, "single entry"),
            (r#"{"oneOf": [{}], "description": "x"}"#, "single entry"),
            (r#"{"allOf": []}"#, "any"),
            (r#"{"type": "string", "format": "uri"}"#, "string"),
            (r#"{"type": "string", "minimum": 1}"#, "string"),
            (r#"{"type": "integer"}"#, "integer"),
            (r#"{"type": "number", "format": "float"}"#, "number"),
            (r#"{"type": "boolean"}"#, "boolean"),
            (r#"{"type": "array", "items": {}}"#, "array"),
            (r#"{"items": {}}"#, "array"),
            (r#"{"type": "object"}"#, "map"),
            (r#"{"type": "object", "additionalProperties": true}"#, "map"),
            (r#"{"type": "object", "properties": {}, "additionalProperties": false}"#, "map"),
            (r#"{"additionalProperties": {}}"#, "map"),
            (r#"{"additionalProperties": true}"#, "any"),
            (r#"{"additionalProperties": false}"#, "any"),
            (r#"{"not": {}}"#, "any"),
            (r#"{"description": "anything"}"#, "any"),
        ];
        for (json, expected) in cases {
            assert_eq!(class_of(json), expected, "{json}");
        }
    }

    #[test]
    fn untyped_strings_keep_their_constraints() {
        let untyped = schema(r#"{"type": "string", "format": "uri", "minLength": 1, "maxLength": 9, "minimum": 0}"#);
        let Class::Inline(Inline::String { format, min_length, max_length, .. }) = classify(&untyped) else {
            panic!("not a string");
        };
        assert_eq!((format, min_length, max_length), (Some("uri"), Some(1), Some(9)));
    }

    #[test]
    fn null_in_an_enum_makes_it_nullable() {
        assert!(enum_allows_null(&schema(r#"{"type": "string", "enum": ["a", null], "nullable": true}"#)));
        assert!(enum_allows_null(&schema(r#"{"enum": [1, null]}"#)));
        assert!(!enum_allows_null(&schema(r#"{"type": "string", "enum": ["a"]}"#)));
    }
}
