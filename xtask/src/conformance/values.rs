//! Argument values as JSON, built from the model: for each operation, every
//! path parameter, query, header and cookie parameter and the body get the
//! spec's example (where it has one) and a value built from the type and its
//! constraints (required fields, the first enum value, formats, bounds,
//! lengths, simple patterns). Optional fields are left out (they may be
//! read-only, which a request must not send, and the model does not say
//! which), but for a union's alternative and a parameter's object, which are
//! told apart by them or send nothing else. The harness turns them into the client's Rust
//! types with serde.

use std::collections::BTreeMap;

use conformance_support::{Candidates, Case};
use generator::model::{
    Api, BodyEncoding, Bound, Constraints, Docs, EnumValue, FieldWire, Operation, Presence, RequiredRule, StatusMatch,
    Struct, Type, TypeId, TypeKind, Union, UnionVariant,
};
use serde_json::{Map, Value, json};

use super::pattern;

/// How deep a value nests at most.
const MAX_DEPTH: usize = 24;
/// The bytes of a file or binary body.
const FILE: &[u8] = b"conformance";

/// The case of one operation: its arguments and the responses to ask Prism for.
pub fn case(api: &Api, op: &Operation) -> Case {
    let mut args = BTreeMap::new();
    for param in &op.path_params {
        let name = format!("path.{}", param.name.as_str());
        args.insert(name, candidates(api, &param.ty, &param.constraints, &param.docs, true));
    }
    for param in &op.params {
        let name = format!("params.{}", param.name.as_str());
        args.insert(name, candidates(api, &param.ty, &param.constraints, &param.docs, true));
    }
    if let Some(body) = &op.body {
        let built = match &body.encoding {
            BodyEncoding::Binary(_) | BodyEncoding::MultipartFile => {
                Candidates { example: None, synthesized: Some(bytes(FILE)), complete: None }
            }
            BodyEncoding::Text(_) => {
                let example = body.docs.example.clone().filter(Value::is_string);
                Candidates { example, synthesized: Some(json!("conformance")), complete: None }
            }
            BodyEncoding::Form(_) => {
                let mut built = candidates(api, &body.ty, &Constraints::default(), &body.docs, false);
                for value in [&mut built.example, &mut built.synthesized].into_iter().flatten() {
                    two_items(api, &body.ty, value);
                }
                built
            }
            _ => {
                let mut built = candidates(api, &body.ty, &Constraints::default(), &body.docs, false);
                // Every optional field of the body's object, for a spec that asks
                // for one of several (`anyOf` of `required` lists).
                if let Type::Named(id) = &body.ty {
                    let complete = Builder { api, examples: false, parameter: false }.named_with(*id, 0, true);
                    built.complete = complete.filter(|value| Some(value) != built.synthesized.as_ref());
                }
                built
            }
        };
        args.insert("body".to_owned(), built);
    }
    Case {
        operation: op.name.to_string(),
        request: format!("{} {}", op.method, op.path),
        args,
        checks: checks(op),
        response_examples: Vec::new(),
    }
}

/// The `Prefer` headers of the calls of an operation: one per documented
/// status (successes first), a status the spec does not list for `default`,
/// and Prism's own choice when no status is given.
fn checks(op: &Operation) -> Vec<Option<String>> {
    let cases: Vec<StatusMatch> =
        op.responses.success.iter().chain(&op.responses.errors).map(|case| case.status).collect();
    let documented = |code: u16| cases.contains(&StatusMatch::Code(code));
    let mut codes: Vec<u16> = Vec::new();
    for status in &cases {
        let code = match status {
            StatusMatch::Code(code) => *code,
            StatusMatch::Range(digit) => {
                let first = u16::from(*digit) * 100;
                match (first..first + 100).find(|code| !documented(*code)) {
                    Some(code) => code,
                    None => continue,
                }
            }
            StatusMatch::Default => match [500, 503, 400, 418, 599].into_iter().find(|code| !documented(*code)) {
                Some(code) => code,
                None => continue,
            },
        };
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return vec![None];
    }
    codes.into_iter().map(|code| Some(format!("code={code}"))).collect()
}

/// The values of one argument: its example (when it differs from the built
/// value) and a value built from its type.
fn candidates(api: &Api, ty: &Type, constraints: &Constraints, docs: &Docs, parameter: bool) -> Candidates {
    let built = Builder { api, examples: false, parameter }.value(ty, constraints, docs.example.as_ref(), 0);
    let mut example = docs.example.clone();
    if example.is_none() {
        let with_examples = Builder { api, examples: true, parameter }.value(ty, constraints, None, 0);
        example = with_examples.filter(|value| Some(value) != built.as_ref());
    }
    Candidates { example: example.filter(|value| Some(value) != built.as_ref()), synthesized: built, complete: None }
}

/// Builds values of the model's types.
struct Builder<'a> {
    api: &'a Api,
    /// Whether the examples of the parts are used wherever there is one.
    examples: bool,
    /// Whether the value is a parameter's (a free-form value is then a string).
    parameter: bool,
}

impl Builder<'_> {
    /// A value of `ty`; `example` is the spec's example of this very value.
    fn value(&self, ty: &Type, constraints: &Constraints, example: Option<&Value>, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        if self.examples {
            // A map's example that is no object (a string example of a free-form
            // object schema) is the example's mistake: a value is built instead.
            if let Some(example) = example.filter(|example| !matches!(ty, Type::Map(_)) || example.is_object()) {
                return Some(example.clone());
            }
        }
        Some(match ty {
            Type::Bool => json!(true),
            Type::I32 | Type::I64 | Type::U32 | Type::U64 => json!(integer(ty, constraints)),
            Type::F32 | Type::F64 => number(constraints),
            Type::String | Type::Secret => Value::String(string(constraints, example)),
            Type::DateTime => json!("2024-01-02T03:04:05Z"),
            Type::Date => json!("2024-01-02"),
            Type::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            Type::Bytes | Type::Upload => bytes(FILE),
            // A type of the caller's own: nothing here knows how to build one.
            Type::External(_) => return None,
            Type::Json => match example {
                // A value of any type: the spec's example where there is one, but
                // for built values only an object or an array (or a parameter's,
                // text on the wire): a string example of an object schema (OpenAI's
                // `item_schema`) is the example's mistake, and `{}` fits any object.
                Some(example) if self.examples || self.parameter || example.is_object() || example.is_array() => {
                    example.clone()
                }
                _ if self.parameter => json!("conformance"),
                _ => json!({}),
            },
            Type::Vec(inner) => {
                let count = constraints.min_items.unwrap_or(0).max(1).min(constraints.max_items.unwrap_or(usize::MAX));
                let items = constraints.items.as_deref().cloned().unwrap_or_default();
                // An item of any type: a string fits more of what the model cannot say
                // (`items: {}` under a sibling `items: {type: string}`) than an object.
                let item = match **inner {
                    Type::Json => json!("conformance"),
                    _ => self.value(inner, &items, None, depth + 1)?,
                };
                Value::Array(vec![item; count])
            }
            Type::Map(inner) => match example {
                // A free-form object: the spec's example where it is an object (as
                // for a value of any type), else an object of one entry.
                Some(example) if ty.is_json_object() && example.is_object() => example.clone(),
                _ => {
                    let item = self.value(inner, &Constraints::default(), None, depth + 1)?;
                    Value::Object(Map::from_iter([("key".to_owned(), item)]))
                }
            },
            Type::Option(inner) => self.value(inner, constraints, example, depth)?,
            // A parameter's object is all it sends: its optional fields too.
            Type::Named(id) if self.parameter && depth == 0 => self.named_with(*id, depth, true)?,
            Type::Named(id) => self.named(*id, depth)?,
        })
    }

    fn named(&self, id: TypeId, depth: usize) -> Option<Value> {
        self.named_with(id, depth, false)
    }

    /// A value of a named type; `all_fields`: a struct gets its optional fields
    /// too, at any depth (an alternative of a union, told apart by them).
    fn named_with(&self, id: TypeId, depth: usize, all_fields: bool) -> Option<Value> {
        if self.examples {
            if let Some(example) = &self.api.types.get(id)?.docs.example {
                return Some(example.clone());
            }
        }
        // Aliases of named types (shared identical types) are no level of nesting.
        let def = self.api.types.get(self.api.resolve(id))?;
        if self.examples {
            if let Some(example) = &def.docs.example {
                return Some(example.clone());
            }
        }
        match &def.kind {
            TypeKind::Alias(ty) => self.value(ty, &Constraints::default(), def.docs.example.as_ref(), depth + 1),
            TypeKind::Enum(e) => e.variants.first().map(|variant| match &variant.value {
                EnumValue::Str(s) => json!(s),
                EnumValue::Int(n) => json!(n),
            }),
            TypeKind::Struct(s) | TypeKind::Params(s) => {
                let (chosen, excluded) = required_sets_choice(s);
                let mut object = Map::new();
                for field in &s.fields {
                    let key = field.key().unwrap_or_default();
                    let required = matches!(field.presence, Presence::Required | Presence::RequiredNullable)
                        || chosen.contains(&key);
                    // An optional value of any type is left out: the model cannot say what fits it.
                    let known = field.ty != Type::Json;
                    let wanted = required || (known && all_fields) || (self.examples && field.docs.example.is_some());
                    if !wanted || (!required && excluded.contains(&key)) {
                        continue;
                    }
                    let value = self.value(&field.ty, &field.constraints, field.docs.example.as_ref(), depth + 1);
                    match (&field.wire, value) {
                        (FieldWire::Key(key), Some(value)) => {
                            object.insert(key.clone(), value);
                        }
                        (FieldWire::Flattened, Some(Value::Object(part))) => object.extend(part),
                        (_, None) if field.presence == Presence::Required => return None,
                        _ => {}
                    }
                }
                Some(Value::Object(object))
            }
            TypeKind::Union(u) => {
                // A variant is filled in as the union itself would be (its optional
                // fields too, at the top), so that it tells the alternatives apart.
                let mut values = u.variants.iter().filter_map(|variant| {
                    let value = match &variant.ty {
                        Type::Named(id) => self.named_with(*id, depth + 1, true)?,
                        other => self.value(other, &Constraints::default(), None, depth + 1)?,
                    };
                    Some((variant, value))
                });
                let (variant, mut value) = match &u.discriminator {
                    Some(_) => values.next()?,
                    // An untyped alternative accepts anything: the others say more.
                    // A parameter is text on the wire: a number also reads as a string, so a
                    // string alternative is the one value that matches exactly one.
                    None => {
                        let all: Vec<_> = values.collect();
                        let string = |ty: &Type| matches!(ty, Type::String | Type::Secret);
                        let typed = all
                            .iter()
                            .position(|(variant, _)| self.parameter && string(&variant.ty))
                            .or_else(|| all.iter().position(|(variant, _)| variant.ty != Type::Json))
                            .unwrap_or(0);
                        // A value that only one alternative takes, so that a `oneOf` holds:
                        // that one's, when it is; else one narrowed to exclude the others.
                        let unique = |(variant, value): &(&UnionVariant, Value)| {
                            self.takers(u, value, depth) == [variant.name.as_str()]
                        };
                        let narrowed = || {
                            let order = std::iter::once(typed).chain((0..u.variants.len()).filter(|i| *i != typed));
                            order.filter_map(|index| self.distinguished(u, index, depth)).next()
                        };
                        match all.get(typed) {
                            Some(chosen) if self.parameter || unique(chosen) => all.into_iter().nth(typed)?,
                            _ => match narrowed() {
                                Some(found) => found,
                                None => all.into_iter().nth(typed)?,
                            },
                        }
                    }
                };
                if let (Some(property), Some(tag), Value::Object(object)) =
                    (&u.discriminator, variant.tags.first(), &mut value)
                {
                    object.insert(property.clone(), json!(tag));
                }
                Some(value)
            }
            TypeKind::Tuple(t) => {
                let items: Option<Vec<Value>> =
                    t.items.iter().map(|item| self.value(&item.ty, &Constraints::default(), None, depth + 1)).collect();
                items.map(Value::Array)
            }
            TypeKind::Outcome(_) => None,
        }
    }
    /// The alternatives of the union `u` that take `value` (by name).
    fn takers<'u>(&self, u: &'u Union, value: &Value, depth: usize) -> Vec<&'u str> {
        u.variants.iter().filter(|v| self.takes(&v.ty, value, depth + 1)).map(|v| v.name.as_str()).collect()
    }

    /// A value of the alternative at `index` of `u` that no other alternative
    /// takes: its required fields, and of its optional fields (in order) each
    /// that leaves fewer of the others taking it, and none that adds one.
    fn distinguished<'u>(&self, u: &'u Union, index: usize, depth: usize) -> Option<(&'u UnionVariant, Value)> {
        let variant = u.variants.get(index)?;
        let own = variant.name.as_str();
        let others = |value: &Value| -> Vec<&str> {
            self.takers(u, value, depth).into_iter().filter(|name| *name != own).collect()
        };
        let mut value = self.value(&variant.ty, &Constraints::default(), None, depth + 1)?;
        let mut taken_by = others(&value);
        let fields = match &variant.ty {
            Type::Named(id) => match &self.api.types.get(self.api.resolve(*id))?.kind {
                TypeKind::Struct(s) => s.fields.as_slice(),
                _ => &[],
            },
            _ => &[],
        };
        for field in fields {
            if taken_by.is_empty() {
                break;
            }
            let (FieldWire::Key(key), Value::Object(object)) = (&field.wire, &value) else { continue };
            if object.contains_key(key) || field.ty == Type::Json {
                continue;
            }
            let Some(item) = self.value(&field.ty, &field.constraints, None, depth + 2) else { continue };
            let mut candidate = value.clone();
            if let Value::Object(object) = &mut candidate {
                object.insert(key.clone(), item);
            }
            let now = others(&candidate);
            if now.len() < taken_by.len() && now.iter().all(|name| taken_by.contains(name)) {
                value = candidate;
                taken_by = now;
            }
        }
        (taken_by.is_empty() && self.takes(&variant.ty, &value, depth + 1)).then_some((variant, value))
    }

    /// Whether `value` is one of the type's, as JSON Schema judges it: the kind
    /// of value, a struct's required fields (any other key may be there), an
    /// enum's listed values, any alternative of a union.
    fn takes(&self, ty: &Type, value: &Value, depth: usize) -> bool {
        if depth > MAX_DEPTH * 2 {
            return true;
        }
        match ty {
            Type::Json | Type::External(_) | Type::Bytes | Type::Upload => true,
            Type::Bool => value.is_boolean(),
            Type::I32 | Type::I64 | Type::U32 | Type::U64 => value.is_i64() || value.is_u64(),
            Type::F32 | Type::F64 => value.is_number(),
            Type::String | Type::Secret | Type::DateTime | Type::Date | Type::Uuid => value.is_string(),
            Type::Vec(inner) => {
                value.as_array().is_some_and(|items| items.iter().all(|item| self.takes(inner, item, depth + 1)))
            }
            Type::Map(inner) => {
                value.as_object().is_some_and(|map| map.values().all(|item| self.takes(inner, item, depth + 1)))
            }
            Type::Option(inner) => value.is_null() || self.takes(inner, value, depth + 1),
            Type::Named(id) => {
                let Some(def) = self.api.types.get(self.api.resolve(*id)) else { return true };
                match &def.kind {
                    TypeKind::Alias(ty) => self.takes(ty, value, depth + 1),
                    TypeKind::Enum(e) => e.variants.iter().any(|variant| match &variant.value {
                        EnumValue::Str(s) => value.as_str() == Some(s.as_str()),
                        EnumValue::Int(n) => value.as_i64() == Some(*n),
                    }),
                    TypeKind::Struct(s) | TypeKind::Params(s) => {
                        let Some(object) = value.as_object() else { return false };
                        s.fields.iter().all(|field| match &field.wire {
                            FieldWire::Key(key) => match object.get(key) {
                                Some(Value::Null) if field.presence.is_nullable() => true,
                                Some(item) => self.takes(&field.ty, item, depth + 1),
                                None => !matches!(field.presence, Presence::Required | Presence::RequiredNullable),
                            },
                            FieldWire::Flattened => self.takes(&field.ty, value, depth + 1),
                        })
                    }
                    TypeKind::Union(u) => {
                        (u.empty.is_some() && value.as_str() == Some(""))
                            || u.variants.iter().any(|v| self.takes(&v.ty, value, depth + 1))
                    }
                    TypeKind::Tuple(t) => value.as_array().is_some_and(|items| {
                        items.len() == t.items.len()
                            && t.items.iter().zip(items).all(|(item, value)| self.takes(&item.ty, value, depth + 1))
                    }),
                    TypeKind::Outcome(_) => true,
                }
            }
        }
    }
}

/// Which optional fields a value of the struct gets for its required sets (the
/// fields of each set's first alternative), and which it must not have (those
/// of the other alternatives of a `oneOf`, which would hold too).
fn required_sets_choice(s: &Struct) -> (Vec<&str>, Vec<&str>) {
    let mut chosen: Vec<&str> = Vec::new();
    let mut excluded: Vec<&str> = Vec::new();
    for set in &s.required_sets {
        let Some((first, others)) = set.alternatives.split_first() else { continue };
        chosen.extend(first.iter().map(String::as_str));
        if set.rule == RequiredRule::OneOf {
            excluded.extend(others.iter().flatten().map(String::as_str));
        }
    }
    excluded.retain(|key| !chosen.contains(key));
    (chosen, excluded)
}

/// An integer within the bounds (1 when they allow it).
fn integer(ty: &Type, constraints: &Constraints) -> i64 {
    let low = constraints.minimum.map(|Bound { value, exclusive }| {
        let low = value.ceil() as i64;
        if exclusive && low as f64 == value { low + 1 } else { low }
    });
    let high = constraints.maximum.map(|Bound { value, exclusive }| {
        let high = value.floor() as i64;
        if exclusive && high as f64 == value { high - 1 } else { high }
    });
    let unsigned = matches!(ty, Type::U32 | Type::U64);
    let step = constraints.multiple_of.filter(|m| m.fract() == 0.0 && *m >= 1.0).map_or(1, |m| m as i64);
    let mut value = step;
    if let Some(low) = low {
        value = value.max(low.div_euclid(step) * step + if low.rem_euclid(step) == 0 { 0 } else { step });
    }
    if let Some(high) = high {
        value = value.min(high.div_euclid(step) * step);
    }
    if unsigned { value.max(0) } else { value }
}

/// A number within the bounds: a whole one, so that a `multipleOf` of 1 or
/// less holds too.
fn number(constraints: &Constraints) -> Value {
    let low = constraints.minimum.map(|b| if b.exclusive { b.value.floor() + 1.0 } else { b.value.ceil() });
    let high = constraints.maximum.map(|b| if b.exclusive { b.value.ceil() - 1.0 } else { b.value.floor() });
    let step = constraints.multiple_of.filter(|m| *m > 0.0).unwrap_or(1.0);
    let mut value: f64 = if step >= 1.0 { step } else { 1.0 };
    if let Some(low) = low {
        value = value.max(low);
    }
    if let Some(high) = high {
        value = value.min(high);
    }
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        serde_json::Number::from_f64(value).map_or(json!(1), Value::Number)
    }
}

/// A string with the format, pattern and length the constraints ask for;
/// the spec's example when it is the only way to satisfy them.
fn string(constraints: &Constraints, example: Option<&Value>) -> String {
    let example = example.and_then(Value::as_str);
    let min = constraints.min_length.unwrap_or(0);
    let max = constraints.max_length;
    if let Some(pattern) = &constraints.pattern {
        if let Some(example) = example.filter(|e| pattern::matches(pattern, e) == Some(true)) {
            return example.to_owned();
        }
        if let Some(formatted) = formatted(constraints).filter(|f| pattern::matches(pattern, f) == Some(true)) {
            return formatted.to_owned();
        }
        if let Some(text) = pattern::matching(pattern, min, max) {
            return text;
        }
        if let Some(example) = example {
            return example.to_owned();
        }
    }
    if let Some(text) = formatted(constraints) {
        return text.to_owned();
    }
    if let Some(example) = example {
        if constraints.format.is_some() {
            return example.to_owned();
        }
    }
    let mut text = "conformance".to_owned();
    while text.chars().count() < min {
        text.push('x');
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    text
}

/// A string of the constraints' format, when it is one known here.
fn formatted(constraints: &Constraints) -> Option<&'static str> {
    match constraints.format.as_deref() {
        _ if constraints.uri => Some("https://example.com/conformance"),
        Some("email" | "idn-email") => Some("conformance@example.com"),
        Some("hostname" | "idn-hostname") => Some("example.com"),
        Some("ipv4" | "ip") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        Some("uri" | "url" | "uri-reference" | "iri" | "iri-reference") => Some("https://example.com/conformance"),
        Some("uri-template") => Some("https://example.com/{id}"),
        Some("date-time") => Some("2024-01-02T03:04:05Z"),
        Some("date") => Some("2024-01-02"),
        Some("time") => Some("03:04:05Z"),
        Some("duration") => Some("P1D"),
        Some("uuid") => Some("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        Some("byte") => Some("Y29uZm9ybWFuY2U="),
        Some("json-pointer") => Some("/conformance"),
        Some("relative-json-pointer") => Some("0"),
        Some("regex") => Some("^conformance$"),
        Some("int32" | "int64" | "integer") => Some("1"),
        Some("number" | "decimal" | "double" | "float") => Some("1.5"),
        Some(_) | None => None,
    }
}

/// Gives the arrays of a form body two items where they have one (and may
/// have two): a form field that occurs once cannot be told from a single value,
/// and Prism reads it as one.
fn two_items(api: &Api, ty: &Type, value: &mut Value) {
    let (Type::Named(id), Value::Object(object)) = (ty, value) else { return };
    let Some(TypeKind::Struct(s)) = api.types.get(api.resolve(*id)).map(|def| &def.kind) else { return };
    for field in &s.fields {
        let Some(key) = field.key() else { continue };
        if let Some(Value::Array(items)) = object.get_mut(key) {
            if items.len() == 1 && field.constraints.max_items.is_none_or(|max| max >= 2) {
                items.push(items[0].clone());
            }
        }
    }
}

/// Bytes as serde reads a `Vec<u8>`: an array of numbers.
fn bytes(data: &[u8]) -> Value {
    Value::Array(data.iter().map(|b| json!(b)).collect())
}

#[cfg(test)]
mod tests;
