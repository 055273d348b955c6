//! The spec's response and request-body examples, checked against the types
//! they document: a value an enum does not list would otherwise decode
//! quietly as `Unknown`, and a value that is no object where the schema asks
//! for one (a struct, a map, a free-form object), no array, string, number or
//! boolean where it asks for one, an object without a required property, or
//! a value none of an untagged union's alternatives takes cannot decode: such
//! a response example gets no doctest.

use std::collections::HashSet;

use serde_json::Value;

use super::draft::OperationDraft;
use crate::diag::Pointer;
use crate::model::{BodyKind, Presence, Type, TypeKind, Types};

/// How deep into an example the check looks.
const MAX_DEPTH: usize = 32;
/// How many problems one example reports at most.
const MAX_PROBLEMS: usize = 8;
/// How many values of one example the check looks at, at most, counting each
/// alternative of a union tried on a value: alternatives nest. Past it the
/// check finds nothing more.
const WORK: usize = 20_000;

/// A response of an operation: the operation's index, whether it is a
/// success (else an error), and its index among those.
pub(super) type CaseAt = (usize, bool, usize);

/// What checking the examples finds.
#[derive(Debug, Default)]
pub(super) struct Checked {
    /// A pointer and a message for each disagreement between an example and its type.
    pub misfits: Vec<(Pointer, String)>,
    /// The responses whose example cannot decode into their type
    /// ([`ResponseCase::example_decodes`](crate::model::ResponseCase::example_decodes)).
    pub undecodable: HashSet<CaseAt>,
}

/// Checks the examples of the operations' responses and request bodies
/// against the model's `types`.
pub(super) fn check_examples(types: &Types, operations: &[OperationDraft]) -> Checked {
    let mut checked = Checked::default();
    for (index, op) in operations.iter().enumerate() {
        for (success, cases) in [(true, &op.responses.success), (false, &op.responses.errors)] {
            for (within, case) in cases.iter().enumerate() {
                let (BodyKind::Json(ty), Some(example)) = (&case.body, &case.docs.example) else { continue };
                let pointer = op.pointer.push("responses").push(case.status.key());
                let misfits = example_misfits(types, ty, example);
                if misfits.iter().any(|misfit| misfit.fails_decoding) {
                    checked.undecodable.insert((index, success, within));
                }
                checked.misfits.extend(misfits.into_iter().map(|m| (pointer.clone(), m.message)));
            }
        }
        if let Some(body) = &op.body {
            if let Some(example) = &body.docs.example {
                let pointer = op.pointer.push("requestBody");
                let misfits = example_misfits(types, &body.ty, example);
                checked.misfits.extend(misfits.into_iter().map(|m| (pointer.clone(), m.message)));
            }
        }
    }
    checked
}

/// One disagreement between an example and its type.
struct Misfit {
    /// What is wrong, one sentence.
    message: String,
    /// Whether decoding the example into the type fails (a value an open enum
    /// does not list decodes, as `Unknown`).
    fails_decoding: bool,
}

/// What is wrong with `example` as a value of `ty`.
fn example_misfits(types: &Types, ty: &Type, example: &Value) -> Vec<Misfit> {
    let mut misfits = Vec::new();
    let mut budget = WORK;
    misfits_at(types, ty, example, "", 0, &mut misfits, &mut budget);
    for misfit in &mut misfits {
        misfit.message = format!("the example {}", misfit.message);
    }
    misfits
}

/// Enum values of `value` (at `at` within the example) that the types of `ty`
/// do not list, and values that are no object where `ty` is a map.
fn misfits_at(
    types: &Types,
    ty: &Type,
    value: &Value,
    at: &str,
    depth: usize,
    out: &mut Vec<Misfit>,
    budget: &mut usize,
) {
    if depth > MAX_DEPTH || out.len() >= MAX_PROBLEMS || *budget == 0 {
        return;
    }
    *budget -= 1;
    match (ty, value) {
        (Type::Option(inner), v) if !v.is_null() => misfits_at(types, inner, v, at, depth + 1, out, budget),
        (Type::Vec(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                misfits_at(types, inner, item, &format!("{at}/{i}"), depth + 1, out, budget);
            }
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (key, item) in map {
                misfits_at(types, inner, item, &format!("{at}/{key}"), depth + 1, out, budget);
            }
        }
        (Type::Map(_), v) => out.push(Misfit {
            message: format!("has {}{}, where the schema asks for an object", kind_of(v), place(at)),
            fails_decoding: true,
        }),
        (Type::String | Type::Secret | Type::Date | Type::DateTime | Type::Uuid, v) if !v.is_string() => {
            out.push(Misfit {
                message: format!("has {}{}, where the schema asks for a string", kind_of(v), place(at)),
                fails_decoding: true,
            });
        }
        (Type::I32 | Type::I64 | Type::U32 | Type::U64, v) if !(v.is_i64() || v.is_u64()) => out.push(Misfit {
            message: format!("has {}{}, where the schema asks for an integer", kind_of(v), place(at)),
            fails_decoding: true,
        }),
        (Type::F32 | Type::F64, v) if !v.is_number() => out.push(Misfit {
            message: format!("has {}{}, where the schema asks for a number", kind_of(v), place(at)),
            fails_decoding: true,
        }),
        (Type::Bool, v) if !v.is_boolean() => out.push(Misfit {
            message: format!("has {}{}, where the schema asks for a boolean", kind_of(v), place(at)),
            fails_decoding: true,
        }),
        (Type::Vec(_), v) => out.push(Misfit {
            message: format!("has {}{}, where the schema asks for an array", kind_of(v), place(at)),
            fails_decoding: true,
        }),
        (Type::Named(id), v) => match types.get(types.resolve(*id)).map(|t| &t.kind) {
            Some(TypeKind::Enum(e)) if !v.is_null() && !e.variants.iter().any(|variant| variant.value.matches(v)) => {
                out.push(Misfit {
                    message: format!("has {v}{}, which the enum does not list", place(at)),
                    fails_decoding: false,
                });
            }
            // An untagged union decodes when one of its alternatives does.
            Some(TypeKind::Union(u)) if u.discriminator.is_none() && !v.is_null() => {
                let mut fits = |ty: &Type| {
                    let mut found = Vec::new();
                    misfits_at(types, ty, v, at, depth + 1, &mut found, budget);
                    !found.iter().any(|misfit| misfit.fails_decoding)
                };
                let empty = u.empty.is_some() && v.as_str() == Some("");
                if !empty && !u.variants.iter().any(|variant| fits(&variant.ty)) && *budget > 0 {
                    out.push(Misfit {
                        message: format!("matches none of the alternatives{}", place(at)),
                        fails_decoding: true,
                    });
                }
            }
            Some(TypeKind::Struct(s)) => {
                let Value::Object(map) = v else {
                    out.push(Misfit {
                        message: format!("has {}{}, where the schema asks for an object", kind_of(v), place(at)),
                        fails_decoding: true,
                    });
                    return;
                };
                for field in &s.fields {
                    let Some(key) = field.key() else { continue };
                    // A required field that is absent fails, unless its type is an `Option`.
                    if field.presence == Presence::Required
                        && !matches!(field.ty, Type::Option(_))
                        && !map.contains_key(key)
                    {
                        out.push(Misfit {
                            message: format!("lacks the required `{key}`{}", place(at)),
                            fails_decoding: true,
                        });
                    }
                    if let Some(item) = map.get(key) {
                        if !(field.presence.is_nullable() && item.is_null()) {
                            misfits_at(types, &field.ty, item, &format!("{at}/{key}"), depth + 1, out, budget);
                        }
                    }
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Where in the example a value is, for a message: ` at `/a/0``, or nothing at its top.
fn place(at: &str) -> String {
    if at.is_empty() { String::new() } else { format!(" at `{at}`") }
}

/// What kind of JSON value `value` is, for a message: `a string`.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
