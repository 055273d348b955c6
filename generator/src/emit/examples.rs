//! Rustdoc examples built from the spec's examples: a call of each operation
//! (compiled, not run) and a decoding of each response example into its type
//! (compiled and run by `cargo test`, so an example that disagrees with its
//! schema fails the tests).

use serde_json::Value;

use super::docs::raw_string;
use super::signature::{arg_type_text, type_text};
use crate::model::{
    Api, BodyEncoding, BodyKind, Field, Operation, OutcomeType, Param, Presence, SchemeId, SchemeKind, Storage, StreamKind,
    StreamMethod, Struct, Type, TypeKind,
};
use crate::naming::{Ident, lib_name};

/// How deep a constructed example may nest before giving up.
const MAX_DEPTH: usize = 6;

/// A placeholder for the credential set by `name`: `YOUR_API_KEY`.
fn placeholder(name: &Ident) -> String {
    format!("YOUR_{}", name.as_str().to_ascii_uppercase())
}

/// Statements that create a client able to call `op`.
fn client_lines(api: &Api, op: Option<&Operation>) -> Vec<String> {
    let lib = lib_name(&api.crate_name);
    let wanted: Vec<SchemeId> = match op.and_then(|op| op.security.first()) {
        Some(first) => first.clone(),
        None => api.required_schemes.clone(),
    };
    let uses_new = wanted.iter().all(|index| api.required_schemes.contains(index));
    if uses_new {
        let mut args = Vec::new();
        if api.default_base_url.is_none() {
            args.push("\"https://api.example.com\"".to_owned());
        }
        for &id in &api.required_schemes {
            let scheme = api.scheme(id);
            if scheme.kind == SchemeKind::Basic {
                args.push("\"USERNAME\"".to_owned());
                args.push("\"PASSWORD\"".to_owned());
            } else {
                args.push(format!("\"{}\"", placeholder(&scheme.rust_name)));
            }
        }
        return vec![format!("let client = {lib}::Client::new({})?;", args.join(", "))];
    }
    let mut lines = vec![format!("let client = {lib}::Client::builder()")];
    if api.default_base_url.is_none() {
        lines.push("    .base_url(\"https://api.example.com\")".to_owned());
    }
    for &id in &wanted {
        let scheme = api.scheme(id);
        let name = &scheme.rust_name;
        if scheme.kind == SchemeKind::Basic {
            lines.push(format!("    .{name}(\"USERNAME\", \"PASSWORD\")"));
        } else {
            lines.push(format!("    .{name}(\"{}\")", placeholder(name)));
        }
    }
    lines.push("    .build()?;".to_owned());
    lines
}

/// A compiled (not run) example that creates a client with the credentials
/// every operation needs.
pub fn client_example(api: &Api) -> Vec<String> {
    let mut lines = vec!["```no_run".to_owned(), "# fn example() -> Result<(), Box<dyn std::error::Error>> {".to_owned()];
    lines.extend(client_lines(api, None));
    lines.push("# let _ = client;".to_owned());
    lines.extend(["# Ok(())".to_owned(), "# }".to_owned(), "```".to_owned()]);
    lines
}

/// A compiled (not run) example that calls `op` with the spec's example values.
pub fn call(api: &Api, op: &Operation) -> Vec<String> {
    let result = match &op.responses.success_type {
        OutcomeType::Single(BodyKind::Empty) => Result::Status,
        OutcomeType::Single(BodyKind::Events(_)) => Result::Events,
        _ => Result::Body,
    };
    call_as(api, op, &op.name, result)
}

/// A compiled (not run) example that calls the `_stream` method of `op`.
pub fn stream_call(api: &Api, op: &Operation, stream: &StreamMethod) -> Vec<String> {
    let result = match stream.kind {
        StreamKind::Bytes => Result::Bytes,
        StreamKind::Events { .. } => Result::Events,
    };
    call_as(api, op, &stream.name, result)
}

/// What an example does with what the method returns.
enum Result {
    /// Prints the status of a response without a body.
    Status,
    /// Prints the body.
    Body,
    /// Prints the data of each event.
    Events,
    /// Counts the bytes.
    Bytes,
}

/// An example that calls `method`, which takes `op`'s arguments.
fn call_as(api: &Api, op: &Operation, method: &Ident, result: Result) -> Vec<String> {
    let lib = lib_name(&api.crate_name);
    let mut fn_args: Vec<String> = Vec::new();
    let mut body_lines: Vec<String> = client_lines(api, Some(op));
    let mut call_args: Vec<String> = Vec::new();
    for param in &op.path_params {
        match param_expr(api, param) {
            Some(expr) => call_args.push(expr),
            None => {
                let name = &param.name;
                fn_args.push(format!("{name}: {}", arg_type_text(api, &param.ty)));
                call_args.push(name.to_string());
            }
        }
    }
    if let Some(id) = op.params_type {
        let def = &api.types[id];
        let expr = if let TypeKind::Params(s) = &def.kind {
            let mut args = Vec::new();
            let mut set = Vec::new();
            let mut complete = true;
            // Each field is a parameter: its docs carry the parameter's example.
            for field in &s.fields {
                let value = field.docs.example.as_ref();
                let required = field.presence == Presence::Required;
                match (required, value.and_then(|v| expr(api, &field.ty, v, 1))) {
                    (true, Some(_)) if super::constructors::only_value(api, field).is_some() => {}
                    (true, Some(e)) => args.push(constructor_arg(field, value, e)),
                    (false, Some(e)) => set.push((field.name.to_string(), format!("Some({e})"))),
                    (true, None) => complete = false,
                    (false, None) => {}
                }
            }
            let path = format!("{lib}::types::{}", def.name);
            complete.then(|| struct_text(&path, "", s, &args, &set))
        } else {
            None
        };
        match expr {
            Some(expr) => {
                body_lines.push(format!("let params = {expr};"));
                call_args.push("&params".to_owned());
            }
            None => {
                fn_args.push(format!("params: &{lib}::types::{}", def.name));
                call_args.push("params".to_owned());
            }
        }
    }
    if let Some(body) = op.body.as_ref().filter(|body| matches!(body.encoding, BodyEncoding::MultipartForm)) {
        // The caller names the parts of the form.
        body_lines.push(format!(
            "let form = {lib}::MultipartForm::new().text(\"name\", \"value\").file(\"file\", \"report.pdf\", Vec::from(*b\"%PDF\"));"
        ));
        call_args.push(if body.required { "&form".to_owned() } else { "Some(&form)".to_owned() });
    } else if let Some(body) = &op.body {
        let example = body.docs.example.as_ref().and_then(|v| expr(api, &body.ty, v, 0));
        let by_value =
            matches!(body.encoding, BodyEncoding::Binary(_) | BodyEncoding::Text(_) | BodyEncoding::MultipartFile);
        // As the method takes it (`operation.rs`): a text body as a `String`.
        let arg_type = match body.encoding {
            BodyEncoding::Text(_) => "String".to_owned(),
            _ => arg_type_text(api, &body.ty),
        };
        match (example, by_value) {
            (Some(e), true) => call_args.push(if body.required { e } else { format!("Some({e})") }),
            (Some(e), false) => {
                body_lines.push(format!("let body = {e};"));
                call_args.push(if body.required { "&body".to_owned() } else { "Some(&body)".to_owned() });
            }
            (None, _) => {
                let ty = if body.required { arg_type } else { format!("Option<{arg_type}>") };
                fn_args.push(format!("body: {ty}"));
                call_args.push("body".to_owned());
            }
        }
    }
    let call = format!("client.{method}({}).await?", call_args.join(", "));
    match result {
        Result::Status => {
            body_lines.push(format!("let response = {call};"));
            body_lines.push("println!(\"{}\", response.status());".to_owned());
        }
        Result::Body => {
            body_lines.push(format!("let response = {call};"));
            body_lines.push("println!(\"{:?}\", response.body());".to_owned());
        }
        Result::Events => {
            body_lines.push(format!("let mut events = {call};"));
            body_lines.push("while let Some(event) = events.next_event().await {".to_owned());
            body_lines.push("    println!(\"{:?}\", event?.data());".to_owned());
            body_lines.push("}".to_owned());
        }
        Result::Bytes => {
            body_lines.push(format!("let mut body = {call};"));
            body_lines.push("let mut length = 0;".to_owned());
            body_lines.push("while let Some(chunk) = body.next_chunk().await {".to_owned());
            body_lines.push("    length += chunk?.len();".to_owned());
            body_lines.push("}".to_owned());
            body_lines.push("println!(\"{length} bytes\");".to_owned());
        }
    }
    let mut lines = vec![
        "```no_run".to_owned(),
        format!("# async fn example({}) -> Result<(), Box<dyn std::error::Error>> {{", fn_args.join(", ")),
    ];
    for line in body_lines {
        lines.extend(line.lines().map(str::to_owned));
    }
    if op.docs.deprecated {
        lines.insert(1, "# #![allow(deprecated)]".to_owned());
    }
    lines.extend(["# Ok(())".to_owned(), "# }".to_owned(), "```".to_owned()]);
    lines
}

fn param_expr(api: &Api, param: &Param) -> Option<String> {
    let value = match &param.docs.example {
        Some(v) => v.clone(),
        None => match &param.ty {
            Type::String => Value::String(param.wire_name.clone()),
            Type::I32 | Type::I64 | Type::U32 | Type::U64 => Value::from(1),
            _ => return None,
        },
    };
    let e = expr(api, &param.ty, &value, 1)?;
    Some(match &param.ty {
        Type::String | Type::Secret => match value {
            Value::String(s) => format!("{s:?}"),
            _ => return None,
        },
        Type::Named(_) | Type::Vec(_) | Type::Map(_) | Type::Json => format!("&{e}"),
        _ => e,
    })
}

/// Runnable examples that decode each response example into its type.
pub fn response_decodings(api: &Api, op: &Operation) -> Vec<String> {
    let mut lines = Vec::new();
    for case in op.responses.success.iter().chain(&op.responses.errors) {
        let (BodyKind::Json(ty), Some(example)) = (&case.body, &case.docs.example) else { continue };
        if !case.example_decodes {
            continue;
        }
        let Ok(json) = serde_json::to_string_pretty(example) else { continue };
        let status = match case.status {
            crate::model::StatusMatch::Default => "default".to_owned(),
            status => format!("`{}`", status.key()),
        };
        lines.push(String::new());
        lines.push(format!("The spec's example of the {status} response decodes into its type:"));
        lines.push(String::new());
        lines.push("```".to_owned());
        let literal = raw_string(&format!("\n{json}\n"));
        lines.push(format!(
            "let body: {} = serde_json::from_str({}",
            type_text(api, ty),
            literal.lines().next().unwrap_or_default()
        ));
        lines.extend(literal.lines().skip(1).map(str::to_owned));
        if let Some(last) = lines.last_mut() {
            last.push_str(")?;");
        }
        lines.push("# let _ = body;".to_owned());
        lines.push("# Ok::<(), serde_json::Error>(())".to_owned());
        lines.push("```".to_owned());
    }
    lines
}

/// A Rust expression (as text) for `value` of type `ty`, when one can be built.
pub fn expr(api: &Api, ty: &Type, value: &Value, depth: usize) -> Option<String> {
    if depth > MAX_DEPTH {
        return None;
    }
    let lib = lib_name(&api.crate_name);
    let indent = "    ".repeat(depth);
    match (ty, value) {
        (Type::String, Value::String(s)) => Some(format!("{s:?}.to_owned()")),
        (Type::Secret, Value::String(s)) => Some(format!("{lib}::Secret::new({s:?})")),
        (Type::Bool, Value::Bool(b)) => Some(b.to_string()),
        (Type::I32 | Type::I64 | Type::U32 | Type::U64, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            let n = n.to_string();
            let fits = match ty {
                Type::I32 => n.parse::<i32>().is_ok(),
                Type::U32 => n.parse::<u32>().is_ok(),
                Type::U64 => n.parse::<u64>().is_ok(),
                _ => n.parse::<i64>().is_ok(),
            };
            fits.then_some(n)
        }
        (Type::F32 | Type::F64, Value::Number(n)) => {
            let f = n.as_f64()?;
            if !f.is_finite() {
                return None;
            }
            let text = format!("{f:?}");
            Some(if text.contains('.') || text.contains('e') { text } else { format!("{text}.0") })
        }
        (Type::DateTime, Value::String(s)) => Some(format!("{s:?}.parse::<chrono::DateTime<chrono::Utc>>()?")),
        (Type::Date, Value::String(s)) => Some(format!("{s:?}.parse::<chrono::NaiveDate>()?")),
        (Type::Uuid, Value::String(s)) => Some(format!("{s:?}.parse::<uuid::Uuid>()?")),
        (Type::Bytes, Value::String(s)) => Some(format!("{s:?}.as_bytes().to_vec()")),
        (Type::Upload, Value::String(s)) => Some(format!("{lib}::Upload::from({s:?}.as_bytes().to_vec())")),
        (Type::Json, v) => Some(format!("serde_json::json!({v})")),
        (Type::Option(_), Value::Null) => Some("None".to_owned()),
        (Type::Option(inner), v) => Some(format!("Some({})", expr(api, inner, v, depth)?)),
        (Type::Vec(inner), Value::Array(items)) => {
            let items: Option<Vec<String>> = items.iter().map(|item| expr(api, inner, item, depth + 1)).collect();
            Some(format!("vec![{}]", items?.join(", ")))
        }
        (Type::Map(_), Value::Object(map)) if map.is_empty() => Some("std::collections::BTreeMap::new()".to_owned()),
        (Type::Map(inner), Value::Object(map)) => {
            let entries: Option<Vec<String>> = map
                .iter()
                .map(|(k, v)| Some(format!("({k:?}.to_owned(), {})", expr(api, inner, v, depth + 1)?)))
                .collect();
            Some(format!("std::collections::BTreeMap::from([{}])", entries?.join(", ")))
        }
        (Type::Named(id), v) => {
            let def = &api.types[*id];
            let path = format!("{lib}::types::{}", def.name);
            match &def.kind {
                TypeKind::Alias(target) => expr(api, target, v, depth),
                TypeKind::Enum(e) => {
                    let variant = e.variants.iter().find(|variant| variant.value.matches(v))?;
                    Some(format!("{path}::{}", variant.name))
                }
                TypeKind::Union(u) if u.empty.is_some() && v.as_str() == Some("") => {
                    u.empty.as_ref().map(|empty| format!("{path}::{empty}"))
                }
                TypeKind::Union(u) => u.variants.iter().find_map(|variant| {
                    let inner = expr(api, &variant.ty, v, depth)?;
                    let inner = if variant.storage == Storage::Boxed { format!("Box::new({inner})") } else { inner };
                    Some(format!("{path}::{}({inner})", variant.name))
                }),
                TypeKind::Struct(s) => {
                    let Value::Object(map) = v else { return None };
                    // Built with `new` or `Default`: a type only responses contain has neither.
                    if !s.all_optional() && !super::constructors::has_constructor(def, s) {
                        return None;
                    }
                    if s.fields.iter().any(|f| f.is_flattened())
                        || map.keys().any(|k| !s.fields.iter().any(|f| f.key() == Some(k.as_str())))
                    {
                        return None;
                    }
                    let mut args = Vec::new();
                    let mut set = Vec::new();
                    for field in &s.fields {
                        let value = field.key().and_then(|key| map.get(key));
                        let inner = match value {
                            Some(Value::Null) if field.presence.is_nullable() => None,
                            Some(value) => Some(expr(api, &field.ty, value, depth + 1)?),
                            None => None,
                        };
                        let boxed = |e: String| if field.storage == Storage::Boxed { format!("Box::new({e})") } else { e };
                        let rendered = match (field.presence, inner, value) {
                            // The constructor's argument, boxed by it (none where it sets the one value).
                            (Presence::Required, Some(e), _) => {
                                if super::constructors::only_value(api, field).is_none() {
                                    args.push(constructor_arg(field, value, e));
                                }
                                continue;
                            }
                            (Presence::Required, None, _) => return None,
                            (Presence::RequiredNullable | Presence::Optional, Some(e), _) => format!("Some({})", boxed(e)),
                            (Presence::OptionalNullable, Some(e), _) => {
                                format!("Some({lib}::Nullable::Value({}))", boxed(e))
                            }
                            (Presence::OptionalNullable, None, Some(Value::Null)) => {
                                format!("Some({lib}::Nullable::Null)")
                            }
                            // Unset: `None`, as the constructor or `Default` leaves it.
                            (_, None, _) => continue,
                        };
                        set.push((field.name.to_string(), rendered));
                    }
                    Some(struct_text(&path, &indent, s, &args, &set))
                }
                TypeKind::Tuple(t) => {
                    let Value::Array(values) = v else { return None };
                    if values.len() != t.items.len() {
                        return None;
                    }
                    let items = t
                        .items
                        .iter()
                        .zip(values)
                        .map(|(item, value)| {
                            let e = expr(api, &item.ty, value, depth + 1)?;
                            Some(if item.storage == Storage::Boxed { format!("Box::new({e})") } else { e })
                        })
                        .collect::<Option<Vec<String>>>()?;
                    Some(format!("{path}({})", items.join(", ")))
                }
                TypeKind::Params(_) | TypeKind::Outcome(_) => None,
            }
        }
        _ => None,
    }
}

/// A constructor's argument for a required field: a string literal where it
/// takes `impl Into<String>` (or a secret), else the value's expression `e`
/// (which the constructor boxes where the field is boxed).
fn constructor_arg(field: &Field, value: Option<&Value>, e: String) -> String {
    match (&field.ty, value, field.storage) {
        (Type::String | Type::Secret, Some(Value::String(s)), Storage::Inline) => format!("{s:?}"),
        _ => e,
    }
}

/// A value of the struct `s` at `path`, written at `indent`: `Path::new(args)`
/// (where a field is required) or `Path::default()`, with the fields in `set`
/// given before `..` in a struct literal.
fn struct_text(path: &str, indent: &str, s: &Struct, args: &[String], set: &[(String, String)]) -> String {
    let base = |indent: &str| {
        if s.all_optional() {
            format!("{path}::default()")
        } else if args.iter().any(|arg| arg.contains('\n')) || args.iter().map(String::len).sum::<usize>() > 60 {
            let mut text = format!("{path}::new(\n");
            for arg in args {
                text.push_str(&format!("{indent}    {arg},\n"));
            }
            text.push_str(&format!("{indent})"));
            text
        } else {
            format!("{path}::new({})", args.join(", "))
        }
    };
    if set.is_empty() {
        return base(indent);
    }
    let mut text = format!("{path} {{\n");
    for (name, value) in set {
        text.push_str(&format!("{indent}    {name}: {value},\n"));
    }
    let base = if s.all_optional() { "Default::default()".to_owned() } else { base(&format!("{indent}    ")) };
    text.push_str(&format!("{indent}    ..{base}\n"));
    text.push_str(&format!("{indent}}}"));
    text
}
