//! Paginated list operations: `x-dropshot-pagination`, `x-speakeasy-pagination`,
//! `x-fern-pagination` and RFC 8288 `Link` headers, recognised and checked
//! against the lowered types, then recorded as each operation's [`Pagination`].
//!
//! This runs once the model's types are built, complete. An
//! extension that cannot be followed (a malformed value, a path the generator
//! does not support, a parameter or field that is not there or has the wrong
//! type) is a warning at its JSON pointer; the operation keeps its ordinary
//! method and gets no stream method.

use indexmap::IndexMap;
use serde_json::Value;

use super::Lowerer;
use super::draft::OperationDraft;
use crate::diag::Pointer;
use crate::model::{
    BodyKind, FieldStep, LastPage, Method, NextPage, OutcomeType, Pagination, PaginationSource, ParamLocation,
    ParamPath, Presence, Step, Storage, Type, TypeKind, Types, ValuePath, Wrapper,
};

/// The operation extensions this module reads, in the order they are tried.
pub(super) const EXTENSIONS: &[&str] = &["x-dropshot-pagination", "x-speakeasy-pagination", "x-fern-pagination"];

/// How many alias hops a type is followed through.
const MAX_HOPS: usize = 64;

/// Why an extension cannot be followed: where, and what is wrong.
type Problem = (Pointer, String);

/// A pagination without its method name.
struct Draft {
    source: PaginationSource,
    items: ValuePath,
    item: Type,
    next: NextPage,
    last_page: Vec<LastPage>,
}

impl<'a> Lowerer<'a> {
    /// The pagination of each operation (`None` for one that has none), in
    /// order, read against the model's `types`; claims the names of the
    /// stream methods (in document order, after every operation's name).
    pub(super) fn paginate(&mut self, types: &Types, operations: &[OperationDraft]) -> Vec<Option<Pagination>> {
        let mut out = Vec::with_capacity(operations.len());
        for op in operations {
            let draft = match self.op_extensions.get(&op.pointer) {
                Some(extensions) => {
                    match extension_draft(self.doc.api.extensions.get("x-fern-pagination"), types, op, extensions) {
                        Ok(draft) => Some(draft),
                        Err((at, message)) => {
                            let name = op.name.as_str().to_owned();
                            self.warn(&at, format!("{message}; `{name}` gets no stream method"));
                            None
                        }
                    }
                }
                None => link_header(types, op),
            };
            out.push(draft.map(|Draft { source, items, item, next, last_page }| {
                let method = self.method_names.claim(op.name.suffixed("stream"));
                Pagination { method, source, items, item, next, last_page }
            }));
        }
        out
    }
}

/// The pagination an operation's extension describes.
fn extension_draft(
    root_fern: Option<&Value>,
    types: &Types,
    op: &OperationDraft,
    extensions: &IndexMap<String, Value>,
) -> Result<Draft, Problem> {
    let Some((name, value)) = EXTENSIONS.iter().find_map(|name| extensions.get(*name).map(|value| (*name, value)))
    else {
        return Err((op.pointer.clone(), "no pagination extension".to_owned()));
    };
    let at = op.pointer.push(name);
    let context = Context { types, op };
    match name {
        "x-dropshot-pagination" => context.dropshot(value, &at),
        "x-speakeasy-pagination" => context.speakeasy(value, &at),
        _ => match (value, root_fern) {
            (Value::Bool(true), Some(root)) => context.fern(root, &Pointer::root().push("x-fern-pagination")),
            (Value::Bool(true), None) => Err((
                at,
                "`x-fern-pagination: true` takes the document's `x-fern-pagination`, but the document has none"
                    .to_owned(),
            )),
            (value, _) => context.fern(value, &at),
        },
    }
}

/// A list operation with a documented `Link` header: a `GET` whose success
/// body is a JSON array and whose success response documents `Link`.
fn link_header(types: &Types, op: &OperationDraft) -> Option<Draft> {
    if op.method != Method::Get {
        return None;
    }
    let documents_link = op
        .responses
        .success
        .iter()
        .any(|case| case.headers.iter().any(|header| header.name.eq_ignore_ascii_case("link")));
    if !documents_link {
        return None;
    }
    let OutcomeType::Single(BodyKind::Json(body)) = &op.responses.success_type else { return None };
    let (root, leaf) = peel(types, body);
    if !root.is_empty() {
        return None;
    }
    let Type::Vec(item) = &leaf else { return None };
    Some(Draft {
        source: PaginationSource::LinkHeader,
        item: (**item).clone(),
        items: ValuePath { steps: Vec::new(), root, leaf: leaf.clone() },
        next: NextPage::LinkHeader,
        last_page: Vec::new(),
    })
}

/// The operation being read, and the types it refers to.
struct Context<'m> {
    types: &'m Types,
    op: &'m OperationDraft,
}

impl Context<'_> {
    /// `x-dropshot-pagination`: `true`, or `{required: [...]}` naming the query
    /// parameters the first page needs. The page token is the query parameter
    /// `page_token`; a page is `{items: [...], next_page: "..."}`; every page
    /// after the first sends the page token instead of the scan parameters (the
    /// optional query parameters but `limit`), as Dropshot requires.
    fn dropshot(&self, value: &Value, at: &Pointer) -> Result<Draft, Problem> {
        match value {
            Value::Bool(true) => {}
            Value::Object(object) => {
                if let Some(required) = object.get("required") {
                    let names = required.as_array().filter(|names| names.iter().all(Value::is_string));
                    if names.is_none() {
                        return Err((at.push("required"), "`required` must be an array of parameter names".to_owned()));
                    }
                }
            }
            _ => return Err((at.clone(), "`x-dropshot-pagination` must be `true` or an object".to_owned())),
        }
        let body = self.body(at)?;
        let param = self.param("page_token", at)?;
        let items = self.items_path(&body, &["items"], at)?;
        let cursor = self.string_path(&body, &["next_page"], at)?;
        self.same_type(&param, &cursor, at)?;
        // The scan parameters (optional, as later pages leave them out) are
        // cleared; a required query parameter is not one and is kept.
        let cleared = self
            .op
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query && !p.required)
            .filter(|p| p.wire_name != "page_token" && p.wire_name != "limit")
            .map(|p| p.name.clone())
            .collect();
        let (items, item) = items;
        Ok(Draft {
            source: PaginationSource::Dropshot,
            items,
            item,
            next: NextPage::Cursor { param, cursor, cleared },
            last_page: Vec::new(),
        })
    }

    /// `x-speakeasy-pagination`: `type` `offsetLimit`, `cursor` or `url`, with
    /// `inputs` naming parameters and `outputs` giving JSONPath expressions.
    fn speakeasy(&self, value: &Value, at: &Pointer) -> Result<Draft, Problem> {
        let object =
            value.as_object().ok_or_else(|| (at.clone(), "`x-speakeasy-pagination` must be an object".to_owned()))?;
        let kind = object
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| (at.push("type"), "`type` must be `offsetLimit`, `cursor` or `url`".to_owned()))?;
        let body = self.body(at)?;

        // inputs: [{name, in: parameters | requestBody, type: page | offset | limit | cursor}]
        let mut inputs: Vec<(String, ParamPath, Pointer)> = Vec::new();
        if let Some(list) = object.get("inputs") {
            let list = list.as_array().ok_or_else(|| (at.push("inputs"), "`inputs` must be an array".to_owned()))?;
            for (index, input) in list.iter().enumerate() {
                let input_at = at.push("inputs").push(index.to_string());
                let text = |key: &str| input.get(key).and_then(Value::as_str);
                let (Some(name), Some(place), Some(role)) = (text("name"), text("in"), text("type")) else {
                    return Err((input_at, "an input needs the strings `name`, `in` and `type`".to_owned()));
                };
                match place {
                    "parameters" => {}
                    "requestBody" => {
                        return Err((
                            input_at.push("in"),
                            "inputs in the request body are not supported; only `in: parameters`".to_owned(),
                        ));
                    }
                    other => return Err((input_at.push("in"), format!("unknown `in: {other}`"))),
                }
                if !matches!(role, "page" | "offset" | "limit" | "cursor") {
                    return Err((input_at.push("type"), format!("unknown input type `{role}`")));
                }
                let param = self.param(name, &input_at.push("name"))?;
                inputs.push((role.to_owned(), param, input_at));
            }
        }
        let input = |role: &str| inputs.iter().find(|(r, _, _)| r == role).map(|(_, param, at)| (param, at));

        let outputs_at = at.push("outputs");
        let outputs = match object.get("outputs") {
            None => serde_json::Map::new(),
            Some(Value::Object(outputs)) => outputs.clone(),
            Some(_) => return Err((outputs_at, "`outputs` must be an object".to_owned())),
        };
        let output = |key: &str| -> Result<Option<(Vec<String>, Pointer)>, Problem> {
            let output_at = outputs_at.push(key);
            match outputs.get(key) {
                None => Ok(None),
                Some(Value::String(path)) => {
                    json_path(path).map(|segments| Some((segments, output_at.clone()))).map_err(|m| (output_at, m))
                }
                Some(_) => Err((output_at, "an output must be a JSONPath string".to_owned())),
            }
        };
        let (items, item) = match output("results")? {
            Some((segments, results_at)) => self.items_path(&body, &strs(&segments), &results_at)?,
            None => self.inferred_items(&body, &outputs_at, "`outputs.results`")?,
        };

        let mut last_page = Vec::new();
        if let Some((limit, limit_at)) = input("limit") {
            integer(&limit.leaf, limit_at, "the `limit` input")?;
            last_page.push(LastPage::Short(limit.clone()));
        }
        let next = match kind {
            "offsetLimit" => {
                let (param, step, param_at) = match (input("page"), input("offset")) {
                    (_, Some((param, param_at))) => (param, Step::Items, param_at),
                    (Some((param, param_at)), None) => (param, Step::One, param_at),
                    (None, None) => {
                        return Err((
                            at.push("inputs"),
                            "`offsetLimit` needs a `page` or an `offset` input".to_owned(),
                        ));
                    }
                };
                integer(&param.leaf, param_at, "a page or offset input")?;
                if let Some((segments, count_at)) = output("numPages")? {
                    if step == Step::Items {
                        return Err((count_at, "`numPages` goes with a `page` input, not an `offset`".to_owned()));
                    }
                    let count = self.path(&body, &strs(&segments), &count_at)?;
                    integer(&count.leaf, &count_at, "`numPages`")?;
                    last_page.push(LastPage::PageCount(count));
                }
                NextPage::Offset { param: param.clone(), step, start: self.start(param, step) }
            }
            "cursor" => {
                let (param, _) = input("cursor")
                    .ok_or_else(|| (at.push("inputs"), "`cursor` pagination needs a `cursor` input".to_owned()))?;
                let (segments, cursor_at) = output("nextCursor")?
                    .ok_or_else(|| (outputs_at.clone(), "`cursor` pagination needs `outputs.nextCursor`".to_owned()))?;
                let cursor = self.path(&body, &strs(&segments), &cursor_at)?;
                self.same_type(param, &cursor, &cursor_at)?;
                NextPage::Cursor { param: param.clone(), cursor, cleared: Vec::new() }
            }
            "url" => {
                let (segments, url_at) = output("nextUrl")?
                    .ok_or_else(|| (outputs_at.clone(), "`url` pagination needs `outputs.nextUrl`".to_owned()))?;
                NextPage::BodyUrl(self.string_path(&body, &strs(&segments), &url_at)?)
            }
            other => {
                return Err((
                    at.push("type"),
                    format!("unknown pagination type `{other}`; expected `offsetLimit`, `cursor` or `url`"),
                ));
            }
        };
        Ok(Draft { source: PaginationSource::Speakeasy, items, item, next, last_page })
    }

    /// `x-fern-pagination`: `cursor: $request.x` with `next_cursor: $response.y`,
    /// `offset: $request.x` (with `step` and `has-next-page`), or `next_uri` /
    /// `next_path: $response.y`; `results: $response.z` in each.
    fn fern(&self, value: &Value, at: &Pointer) -> Result<Draft, Problem> {
        let object = value
            .as_object()
            .ok_or_else(|| (at.clone(), "`x-fern-pagination` must be an object or `true`".to_owned()))?;
        let body = self.body(at)?;
        let expression = |key: &str, prefix: &str| -> Result<Option<(Vec<String>, Pointer)>, Problem> {
            let key_at = at.push(key);
            match object.get(key) {
                None => Ok(None),
                Some(Value::String(text)) => {
                    fern_path(text, prefix).map(|segments| Some((segments, key_at.clone()))).map_err(|m| (key_at, m))
                }
                Some(_) => Err((key_at, format!("`{key}` must be a string such as `{prefix}.name`"))),
            }
        };
        let request = |key: &str| -> Result<Option<(ParamPath, Pointer)>, Problem> {
            match expression(key, "$request")? {
                None => Ok(None),
                Some((segments, key_at)) => match segments.as_slice() {
                    [name] => Ok(Some((self.param(name, &key_at)?, key_at))),
                    _ => Err((key_at, "only a request parameter (`$request.name`) is supported here".to_owned())),
                },
            }
        };
        let (items, item) = match expression("results", "$response")? {
            Some((segments, results_at)) => self.items_path(&body, &strs(&segments), &results_at)?,
            None => return Err((at.clone(), "`results` is required (`results: $response.items`)".to_owned())),
        };
        let mut last_page = Vec::new();
        if let Some((segments, more_at)) = expression("has-next-page", "$response")? {
            let more = self.path(&body, &strs(&segments), &more_at)?;
            if more.leaf != Type::Bool {
                return Err((more_at, "`has-next-page` must be a boolean of the response".to_owned()));
            }
            last_page.push(LastPage::NoMore(more));
        }
        let url = match expression("next_uri", "$response")? {
            Some(found) => Some(found),
            None => expression("next_path", "$response")?,
        };
        let next = if let Some((segments, url_at)) = url {
            NextPage::BodyUrl(self.string_path(&body, &strs(&segments), &url_at)?)
        } else if let Some((param, _)) = request("cursor")? {
            let (segments, cursor_at) = expression("next_cursor", "$response")?
                .ok_or_else(|| (at.clone(), "`cursor` pagination needs `next_cursor: $response.<path>`".to_owned()))?;
            let cursor = self.path(&body, &strs(&segments), &cursor_at)?;
            self.same_type(&param, &cursor, &cursor_at)?;
            NextPage::Cursor { param, cursor, cleared: Vec::new() }
        } else if let Some((param, param_at)) = request("offset")? {
            integer(&param.leaf, &param_at, "the offset parameter")?;
            let step = if object.contains_key("step") { Step::Items } else { Step::One };
            if let Some((limit, limit_at)) = request("step")? {
                integer(&limit.leaf, &limit_at, "the step parameter")?;
            }
            let start = self.start(&param, step);
            NextPage::Offset { param, step, start }
        } else {
            return Err((at.clone(), "expected `cursor`, `offset`, `next_uri` or `next_path`".to_owned()));
        };
        Ok(Draft { source: PaginationSource::Fern, items, item, next, last_page })
    }

    /// The success body: one JSON type.
    fn body(&self, at: &Pointer) -> Result<Type, Problem> {
        match &self.op.responses.success_type {
            OutcomeType::Single(BodyKind::Json(ty)) => Ok(ty.clone()),
            _ => Err((at.clone(), "a paginated operation needs one JSON success body".to_owned())),
        }
    }

    /// The query, header or cookie parameter named `name`.
    fn param(&self, name: &str, at: &Pointer) -> Result<ParamPath, Problem> {
        let param = self.op.params.iter().find(|p| {
            p.wire_name == name || (p.location == ParamLocation::Header && p.wire_name.eq_ignore_ascii_case(name))
        });
        let Some(param) = param else {
            let why = if self.op.path_params.iter().any(|p| p.wire_name == name) {
                format!("the path parameter `{name}` cannot carry a page; only query, header and cookie parameters can")
            } else {
                format!("the operation has no query, header or cookie parameter `{name}`")
            };
            return Err((at.clone(), why));
        };
        let mut wrappers = if param.required { Vec::new() } else { vec![Wrapper::Option] };
        let (more, leaf) = peel(self.types, &param.ty);
        wrappers.extend(more);
        Ok(ParamPath {
            field: FieldStep { field: param.name.clone(), wrappers },
            leaf,
            wire_name: param.wire_name.clone(),
        })
    }

    /// Where a page number or offset starts when the caller gives none: the
    /// parameter's `minimum` when it has one, else 1 for a page number and 0 for an offset.
    fn start(&self, param: &ParamPath, step: Step) -> i64 {
        let minimum =
            self.op.params.iter().find(|p| p.wire_name == param.wire_name).and_then(|p| p.constraints.minimum.as_ref());
        let start = match minimum {
            Some(bound) if bound.value.fract() == 0.0 && bound.value.abs() < 1e15 && !bound.exclusive => {
                bound.value as i64
            }
            _ if step == Step::One => 1,
            _ => 0,
        };
        let limit = match param.leaf {
            Type::I32 | Type::U32 => i64::from(i32::MAX),
            _ => i64::MAX,
        };
        let unsigned = matches!(param.leaf, Type::U32 | Type::U64);
        start.clamp(if unsigned { 0 } else { -limit }, limit)
    }

    /// A path to a value of the body.
    fn path(&self, body: &Type, segments: &[&str], at: &Pointer) -> Result<ValuePath, Problem> {
        value_path(self.types, body, segments).map_err(|message| (at.clone(), message))
    }

    /// A path to a string of the body (a cursor or URL).
    fn string_path(&self, body: &Type, segments: &[&str], at: &Pointer) -> Result<ValuePath, Problem> {
        let path = self.path(body, segments, at)?;
        if path.leaf != Type::String {
            return Err((at.clone(), format!("`{}` must be a string", segments.join("."))));
        }
        Ok(path)
    }

    /// A path to the array of items, and the type of one item.
    fn items_path(&self, body: &Type, segments: &[&str], at: &Pointer) -> Result<(ValuePath, Type), Problem> {
        let path = self.path(body, segments, at)?;
        match &path.leaf {
            Type::Vec(item) => {
                let item = (**item).clone();
                Ok((path, item))
            }
            _ => Err((at.clone(), format!("the results `{}` are not an array", shown(segments)))),
        }
    }

    /// The items when the spec does not say where they are: the body when it
    /// is an array, else its one array field.
    fn inferred_items(&self, body: &Type, at: &Pointer, what: &str) -> Result<(ValuePath, Type), Problem> {
        let (root, leaf) = peel(self.types, body);
        if root.is_empty() && matches!(leaf, Type::Vec(_)) {
            return self.items_path(body, &[], at);
        }
        let arrays: Vec<String> = match struct_fields(self.types, &leaf) {
            Some(fields) => fields
                .iter()
                .filter(|f| matches!(peel(self.types, &f.ty).1, Type::Vec(_)))
                .filter_map(|f| f.key().map(str::to_owned))
                .collect(),
            None => Vec::new(),
        };
        match arrays.as_slice() {
            [one] => self.items_path(body, &[one.as_str()], at),
            _ => Err((at.clone(), format!("cannot tell which array of the response holds the items; give {what}"))),
        }
    }

    /// Checks that a cursor read from a page fits the parameter that sends it.
    fn same_type(&self, param: &ParamPath, cursor: &ValuePath, at: &Pointer) -> Result<(), Problem> {
        let sendable = matches!(param.leaf, Type::String | Type::I32 | Type::I64 | Type::U32 | Type::U64);
        if sendable && param.leaf == cursor.leaf {
            Ok(())
        } else {
            Err((
                at.clone(),
                format!("the cursor's type does not match the parameter `{}` that sends it", param.wire_name),
            ))
        }
    }
}

/// Checks that a page number, offset or count is an integer.
fn integer(ty: &Type, at: &Pointer, what: &str) -> Result<(), Problem> {
    if matches!(ty, Type::I32 | Type::I64 | Type::U32 | Type::U64) {
        Ok(())
    } else {
        Err((at.clone(), format!("{what} must be an integer")))
    }
}

fn strs(segments: &[String]) -> Vec<&str> {
    segments.iter().map(String::as_str).collect()
}

fn shown(segments: &[&str]) -> String {
    if segments.is_empty() { "body".to_owned() } else { segments.join(".") }
}

/// The fields of a simple JSONPath: `$` (the body) or `$.a.b`.
fn json_path(path: &str) -> Result<Vec<String>, String> {
    let unsupported = || format!("`{path}` is not supported: only dotted paths such as `$.data.items` are");
    let Some(rest) = path.trim().strip_prefix('$') else { return Err(unsupported()) };
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    let rest = rest.strip_prefix('.').ok_or_else(unsupported)?;
    segments(rest).ok_or_else(unsupported)
}

/// The fields of a Fern expression: `$request.name` or `$response.a.b`.
fn fern_path(text: &str, prefix: &str) -> Result<Vec<String>, String> {
    let unsupported = || format!("`{text}` is not supported: expected `{prefix}.` and dotted names");
    let rest = text.trim().strip_prefix(prefix).ok_or_else(unsupported)?;
    if rest.is_empty() {
        return Ok(Vec::new());
    }
    segments(rest.strip_prefix('.').ok_or_else(unsupported)?).ok_or_else(unsupported)
}

/// Dot-separated names, each non-empty and without JSONPath operators.
fn segments(text: &str) -> Option<Vec<String>> {
    text.split('.')
        .map(|name| {
            let plain = !name.is_empty() && !name.contains(['[', ']', '*', '?', '@', '(', ')', '$', '\'', '"', ' ']);
            plain.then(|| name.to_owned())
        })
        .collect()
}

/// The fields of a struct type (through aliases).
fn struct_fields<'m>(types: &'m Types, ty: &Type) -> Option<&'m [crate::model::Field]> {
    match ty {
        Type::Named(id) => match &types.get(types.resolve(*id))?.kind {
            TypeKind::Struct(s) => Some(&s.fields),
            _ => None,
        },
        _ => None,
    }
}

/// The wrappers around a type (`Option`s, through aliases) and the type inside them.
fn peel(types: &Types, ty: &Type) -> (Vec<Wrapper>, Type) {
    let mut wrappers = Vec::new();
    let mut current = ty.clone();
    for _ in 0..MAX_HOPS {
        match current {
            Type::Option(inner) => {
                wrappers.push(Wrapper::Option);
                current = *inner;
            }
            Type::Named(id) => match types.get(id).map(|def| &def.kind) {
                Some(TypeKind::Alias(target)) => current = target.clone(),
                _ => return (wrappers, Type::Named(id)),
            },
            other => return (wrappers, other),
        }
    }
    (wrappers, current)
}

/// The path through the body's structs to the value at `segments` (JSON keys).
/// A key not among a struct's own fields is looked up in its flattened parts.
fn value_path(types: &Types, body: &Type, segments: &[&str]) -> Result<ValuePath, String> {
    let (root, mut current) = peel(types, body);
    let mut steps: Vec<FieldStep> = Vec::new();
    for (index, key) in segments.iter().enumerate() {
        let so_far = segments[..index].join(".");
        let Some(fields) = struct_fields(types, &current) else {
            let place = if so_far.is_empty() { "the response body".to_owned() } else { format!("`{so_far}`") };
            return Err(format!("{place} is not an object with a field `{key}`"));
        };
        let mut found = fields.iter().find(|f| f.key() == Some(key)).map(|f| (None, f));
        if found.is_none() {
            // One level of `allOf` parts.
            found = fields.iter().filter(|f| f.is_flattened()).find_map(|part| {
                struct_fields(types, &part.ty)?.iter().find(|f| f.key() == Some(key)).map(|f| (Some(part), f))
            });
        }
        let Some((part, field)) = found else {
            return Err(format!("the response has no field `{}`", segments[..=index].join(".")));
        };
        for field in part.into_iter().chain([field]) {
            if field.storage == Storage::Boxed {
                return Err(format!(
                    "`{}` is boxed (part of a reference cycle), which pagination does not support",
                    segments[..=index].join(".")
                ));
            }
            let mut wrappers = match field.presence {
                Presence::Required => Vec::new(),
                Presence::RequiredNullable | Presence::Optional => vec![Wrapper::Option],
                Presence::OptionalNullable => vec![Wrapper::Option, Wrapper::Nullable],
            };
            let (more, leaf) = peel(types, &field.ty);
            wrappers.extend(more);
            steps.push(FieldStep { field: field.name.clone(), wrappers });
            current = leaf;
        }
    }
    Ok(ValuePath { steps, root, leaf: current })
}

#[cfg(test)]
mod tests;
