//! The method of one operation: its documentation and signature, the path,
//! the checks made before sending, the request (query, headers, cookies,
//! body, security) and the mapping of each response status to its result.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::checks::{self, At, Value};
use super::client::SecuritySets;
use super::signature::arg_type;
use super::{Scope, docs, examples, multipart::multipart, params, rust_type, streams};
use crate::model::{
    Api, BodyEncoding, BodyKind, Constraints, Docs, FormField, Method, Operation, OutcomeType, Param,
    PathPart, RequestBody, Segment, Side, StatusMatch, StatusOutcome, Style, Type, Whitespace,
};

/// The attributes of each method of an operation after its docs: the `cfg`
/// of the features that compile it (the methods of many operations share one
/// `impl Client` block), and `#[deprecated]` when the spec says so.
pub(super) fn method_attrs(api: &Api, op: &Operation) -> TokenStream {
    let cfg = super::cfg(api, &op.gate);
    let deprecated = op.docs.deprecated.then(|| quote!(#[deprecated]));
    quote!(#cfg #deprecated)
}

/// The `async fn` of `op`, and the method that streams its answer when it has one.
pub(super) fn method(api: &Api, op: &Operation, security_sets: &SecuritySets) -> TokenStream {
    let name = &op.name;
    let doc = docs::attrs(&method_docs(api, op));
    let attrs = method_attrs(api, op);
    let (args, statements) = request(api, op, security_sets, None);
    let err = outcome_type(api, &op.responses.error_type);
    let stream = op.stream.as_ref().map(|stream| streams::stream_method(api, op, stream, security_sets));
    let accept = op.responses.accept.as_ref().map(|accept| quote!(let request = request.accept(#accept);));
    if let OutcomeType::Single(BodyKind::Events(data)) = &op.responses.success_type {
        let statements: Vec<TokenStream> = statements.into_iter().chain(accept).collect();
        let events = streams::events(api, op, data, &statements);
        return quote! {
            #doc
            #attrs
            pub async fn #name(&self, #(#args),*) -> #events
            #stream
        };
    }
    let ok = outcome_type(api, &op.responses.success_type);
    let decode = decode(api, op);
    quote! {
        #doc
        #attrs
        pub async fn #name(&self, #(#args),*) -> Result<runtime::Response<#ok>, runtime::Error<#err>> {
            #(#statements)*
            #accept
            let raw = self.core.execute(&self.options, request).await.map_err(runtime::Error::widen)?;
            #decode
        }

        #stream
    }
}

/// The arguments of an operation's method, and the statements that check them
/// and build `request` from them. `first` is a statement to run before all others.
pub(super) fn request(
    api: &Api,
    op: &Operation,
    security_sets: &SecuritySets,
    first: Option<TokenStream>,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut steps = RequestSteps::default();
    if let Some(first) = first {
        steps.prepare(first);
    }
    let path = path(api, op, &mut args, &mut steps);
    params::params(api, op, &mut args, &mut steps);
    if let Some(body) = &op.body {
        request_body(api, body, &mut args, &mut steps);
    }
    if let Some(constant) = security_sets.constant(&op.security) {
        steps.call(quote!(.security(#constant)), false);
    }
    if !op.scopes.is_empty() {
        let scopes = op.scopes.iter().map(|(id, scopes)| {
            let index = Literal::usize_unsuffixed(id.index());
            quote!((#index, &[#(#scopes),*]))
        });
        steps.call(quote!(.scopes(&[#(#scopes),*])), false);
    }
    if op.responses.returns_redirects() {
        steps.call(quote!(.returning_redirects()), false);
    }
    if let Some(name) = &op.idempotency_header {
        steps.call(quote!(.idempotency_key(#name)), false);
    }
    let method = match &op.method {
        Method::Other(name) => quote!(runtime::extension_method(#name)?),
        known => {
            let constant = format_ident!("{}", known.as_str());
            quote!(runtime::Method::#constant)
        }
    };
    let name = op.name.to_string();
    (args, steps.finish(quote!(runtime::Request::new(#method, #path, #name))))
}

/// The `match` that turns the response `raw` into the result of `op`.
pub(super) fn decode(api: &Api, op: &Operation) -> TokenStream {
    let (arms, fallback) = status_arms(api, op);
    quote! {
        match raw.status() {
            #(#arms)*
            #fallback
        }
    }
}

/// The statements that prepare and build the request, in the order the spec's
/// checks and encodings run. Builder calls chain onto `runtime::Request::new`
/// until a statement has to change the request (an optional header or body).
#[derive(Default)]
pub(super) struct RequestSteps {
    statements: Vec<TokenStream>,
    /// Calls not yet applied to the request.
    pending: Vec<TokenStream>,
    /// Whether one of the pending calls can fail (so it must run before what follows).
    pending_fallible: bool,
    /// Where the request is declared, and the expression it starts from.
    declared: Option<(usize, TokenStream)>,
    /// Whether a statement assigns `request` after its declaration.
    reassigned: bool,
}

impl RequestSteps {
    /// A statement that does not touch the request (a check, building the query).
    pub(super) fn prepare(&mut self, statement: TokenStream) {
        if self.pending_fallible {
            self.flush();
        }
        self.statements.push(statement);
    }

    /// A builder call (`.query(query)`); `fallible` when it ends with `?`.
    pub(super) fn call(&mut self, call: TokenStream, fallible: bool) {
        self.pending.push(call);
        self.pending_fallible |= fallible;
    }

    /// A statement that changes `request`.
    pub(super) fn change(&mut self, statement: TokenStream) {
        self.flush();
        self.statements.push(statement);
        self.reassigned = true;
    }

    /// Applies the pending calls: declares the request, or assigns it anew.
    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.pending_fallible = false;
        if self.declared.is_none() {
            self.declared = Some((self.statements.len(), quote!(#(#pending)*)));
            self.statements.push(TokenStream::new());
        } else if !pending.is_empty() {
            self.statements.push(quote!(request = request #(#pending)*;));
            self.reassigned = true;
        }
    }

    /// The statements, with the request declared from `start`.
    fn finish(mut self, start: TokenStream) -> Vec<TokenStream> {
        self.flush();
        if let Some((index, calls)) = self.declared.take() {
            let binding = if self.reassigned { quote!(let mut request) } else { quote!(let request) };
            self.statements[index] = quote!(#binding = #start #calls;);
        }
        self.statements
    }
}

/// The path argument of `Request::new`, with the statements that build it and
/// check the path parameters.
fn path(api: &Api, op: &Operation, args: &mut Vec<TokenStream>, steps: &mut RequestSteps) -> TokenStream {
    for param in &op.path_params {
        let arg = &param.name;
        let ty = arg_type(api, &param.ty);
        args.push(quote!(#arg: #ty));
    }
    let text = |text: &str| {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => quote!(path.push(#c);),
            _ => quote!(path.push_str(#text);),
        }
    };
    match op.path_parts.as_slice() {
        [] => steps.prepare(quote!(let path = String::new();)),
        [PathPart::Literal(literal)] => steps.prepare(quote!(let path = String::from(#literal);)),
        [PathPart::Literal(first), rest @ ..] => {
            steps.prepare(quote!(let mut path = String::from(#first);));
            path_pieces(op, rest, &text, steps);
        }
        parts => {
            steps.prepare(quote!(let mut path = String::new();));
            path_pieces(op, parts, &text, steps);
        }
    }
    for param in &op.path_params {
        // A secret path parameter is passed as `&str`, like a string.
        let ty = if param.ty == Type::Secret { Type::String } else { param.ty.clone() };
        let checks = api.checks(&ty, &param.constraints, Whitespace::Kept);
        if !checks.is_empty() {
            let wire = &param.wire_name;
            let at = At::Path(quote!(runtime::FieldPath::Root("path").field(#wire)));
            steps.prepare(checks::statements(api, &checks, &argument(param), &at, Scope::Crate));
        }
    }
    quote!(path)
}

/// The statements that append the parts of the path after the first.
fn path_pieces(op: &Operation, parts: &[PathPart], text: &dyn Fn(&str) -> TokenStream, steps: &mut RequestSteps) {
    for part in parts {
        match part {
            PathPart::Literal(literal) => steps.prepare(text(literal)),
            PathPart::Param { index, segment } => {
                let param = &op.path_params[*index];
                let arg = &param.name;
                let wire = &param.wire_name;
                let value = if param.ty.passes_by_value() { quote!(&#arg) } else { quote!(#arg) };
                let segment = match segment {
                    Segment::Whole => quote!(runtime::Segment::Whole),
                    Segment::Shared => quote!(runtime::Segment::Shared),
                };
                // The default style has a function of its own, for shorter code.
                if param.style == Style::Simple && !param.explode {
                    steps.prepare(quote!(runtime::push_path_param(&mut path, #wire, #value, #segment)?;));
                } else {
                    let encoding = params::encoding(param);
                    steps.prepare(
                        quote!(runtime::push_styled_path_param(&mut path, #wire, #value, #encoding, #segment)?;),
                    );
                }
            }
        }
    }
}

/// A path parameter's argument as a value to check.
fn argument(param: &Param) -> Value {
    let arg = &param.name;
    if param.ty.passes_by_value() { Value::Place(quote!(#arg)) } else { Value::Ref(quote!(#arg)) }
}

/// The `body` argument: its checks and its encoding. Binary and multipart
/// bodies are uploads, sent as they are read (`.payload`); the others are
/// encoded in full (`.body`).
fn request_body(api: &Api, body: &RequestBody, args: &mut Vec<TokenStream>, steps: &mut RequestSteps) {
    let ty = &body.ty;
    let by_value = ty.passes_by_value();
    let reference = if by_value { quote!(&body) } else { quote!(body) };
    let mut prepare = Vec::new();
    let mut setter = quote!(body);
    let upload = quote!(runtime::Upload);
    let (arg_ty, encode, fallible) = match &body.encoding {
        BodyEncoding::Json(media) => {
            let encode = if media == "application/json" {
                quote!(runtime::json_body(#reference)?)
            } else {
                quote!(runtime::json_body(#reference)?.with_content_type(#media))
            };
            (arg_type(api, ty), encode, true)
        }
        BodyEncoding::Form(fields) => {
            let fields = fields.iter().map(|FormField { name, style, explode, allow_reserved }| {
                let encoding = params::style_encoding(*style, *explode, *allow_reserved, false);
                quote!((#name, #encoding))
            });
            (arg_type(api, ty), quote!(runtime::form_body(#reference, &[#(#fields),*])?), true)
        }
        BodyEncoding::Multipart(encodings) => {
            let (parts, encode) = multipart(api, ty, encodings);
            prepare.extend(parts);
            setter = quote!(payload);
            (arg_type(api, ty), encode, false)
        }
        BodyEncoding::MultipartFile => {
            setter = quote!(payload);
            if body.required {
                prepare.push(quote!(let body: runtime::Upload = body.into();));
            }
            (upload, quote!(runtime::multipart_body(Vec::from([runtime::Part::file("file", "file", &body)]))), false)
        }
        BodyEncoding::MultipartForm => {
            setter = quote!(payload);
            (quote!(&runtime::MultipartForm), quote!(runtime::multipart_form_body(body)), false)
        }
        BodyEncoding::Binary(media) => {
            setter = quote!(payload);
            let upload_of = if body.required { quote!(body.into()) } else { quote!(body) };
            (upload, quote!(runtime::Payload::upload(#upload_of, #media)), false)
        }
        BodyEncoding::Text(media) => (quote!(String), quote!(runtime::Body::raw(body, #media)), false),
    };
    let checks = api.checks(ty, &Constraints::default(), Whitespace::Kept);
    let value = if by_value { Value::Place(quote!(body)) } else { Value::Ref(quote!(body)) };
    let at = At::Path(quote!(runtime::FieldPath::Root("body")));
    let validate = checks::statements(api, &checks, &value, &at, Scope::Crate);
    if body.required {
        // An upload is taken as anything that converts into one (`Vec<u8>`, say).
        let arg_ty = if *ty == Type::Upload { quote!(impl Into<#arg_ty>) } else { arg_ty };
        args.push(quote!(body: #arg_ty));
        if !checks.is_empty() {
            steps.prepare(validate);
        }
        for statement in prepare {
            steps.prepare(statement);
        }
        steps.call(quote!(.#setter(#encode)), fallible);
    } else {
        args.push(quote!(body: Option<#arg_ty>));
        steps.change(quote! {
            if let Some(body) = body {
                #validate
                #(#prepare)*
                request = request.#setter(#encode);
            }
        });
    }
}

/// The Rust type of one side of an operation's result.
pub(super) fn outcome_type(api: &Api, outcome: &OutcomeType) -> TokenStream {
    match outcome {
        OutcomeType::Single(BodyKind::Empty) => quote!(()),
        OutcomeType::Single(BodyKind::Json(ty)) => rust_type(api, ty, Scope::Crate),
        OutcomeType::Single(BodyKind::Text) => quote!(String),
        OutcomeType::Single(BodyKind::Binary) => quote!(Vec<u8>),
        // Only a success can be an event stream (lower reads one among other responses as text),
        // and its method returns a stream (`streams::events`).
        OutcomeType::Single(BodyKind::Events(_)) => quote!(String),
        OutcomeType::Enum(id) => rust_type(api, &Type::Named(*id), Scope::Crate),
    }
}

/// The arms of the `match` on the response status, most specific first, and
/// the arm for statuses the spec does not document (none when it has `default`).
fn status_arms(api: &Api, op: &Operation) -> (Vec<TokenStream>, Option<TokenStream>) {
    let mut outcomes = op.responses.outcomes();
    outcomes.sort_by_key(|outcome| outcome.status.specificity());
    let has_default = outcomes.iter().any(|outcome| outcome.status == StatusMatch::Default);
    let arms = outcomes.iter().map(|outcome| status_arm(api, outcome)).collect();
    (arms, (!has_default).then(|| quote!(_ => Err(raw.unexpected()),)))
}

/// The pattern of a `match` arm on the status for `status`.
pub(super) fn status_pattern(status: StatusMatch) -> TokenStream {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusMatch::Range(digit) => {
            let low = Literal::u16_unsuffixed(u16::from(digit) * 100);
            let high = Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
            quote!(#low..=#high)
        }
        StatusMatch::Default => quote!(_),
    }
}

pub(super) fn status_arm(api: &Api, outcome: &StatusOutcome<'_>) -> TokenStream {
    let pattern = status_pattern(outcome.status);
    let read = status_read(api, outcome);
    quote!(#pattern => #read,)
}

/// What the response `raw` gives for `outcome`: the decoded body, or the error.
pub(super) fn status_read(api: &Api, outcome: &StatusOutcome<'_>) -> TokenStream {
    let wrap = outcome.variant.map(|(id, variant)| {
        let ty = rust_type(api, &Type::Named(id), Scope::Crate);
        quote!(#ty::#variant)
    });
    match (outcome.side, wrap) {
        (Side::Success, Some(wrap)) => match outcome.body {
            BodyKind::Json(_) => quote!(raw.json_into(#wrap)),
            BodyKind::Text | BodyKind::Events(_) => quote!(raw.text_into(#wrap)),
            BodyKind::Binary => quote!(raw.bytes_into(#wrap)),
            BodyKind::Empty => quote!(raw.empty_into(#wrap)),
        },
        (Side::Success, None) => match outcome.body {
            BodyKind::Json(_) => quote!(raw.json()),
            BodyKind::Text | BodyKind::Events(_) => quote!(raw.text()),
            BodyKind::Binary => quote!(raw.bytes()),
            BodyKind::Empty => quote!(raw.empty()),
        },
        (Side::Error, Some(wrap)) => match outcome.body {
            BodyKind::Json(_) => quote!(Err(raw.json_error(#wrap))),
            BodyKind::Text | BodyKind::Events(_) => quote!(Err(raw.text_error(#wrap))),
            BodyKind::Binary => quote!(Err(raw.bytes_error(#wrap))),
            BodyKind::Empty => quote!(Err(raw.empty_error(#wrap))),
        },
        (Side::Error, None) => match outcome.body {
            BodyKind::Json(_) => quote!(Err(raw.json_error(std::convert::identity))),
            BodyKind::Text | BodyKind::Events(_) => quote!(Err(raw.text_error(std::convert::identity))),
            BodyKind::Binary => quote!(Err(raw.bytes_error(std::convert::identity))),
            BodyKind::Empty => quote!(Err(raw.empty_error(()))),
        },
    }
}

/// The method's documentation: the spec's prose, the request line, the
/// arguments, what each status gives, the errors and an example.
pub(super) fn method_docs(api: &Api, op: &Operation) -> Vec<String> {
    let fallback = format!("`{} {}`", op.method, op.path);
    let mut lines = docs::lines(&Docs { example: None, ..op.docs.clone() }, &fallback);
    lines.push(String::new());
    lines.push(format!("`{} {}`", op.method, op.path));
    if op.docs.deprecated {
        lines.push(String::new());
        lines.push("The spec marks this operation deprecated.".to_owned());
    }
    let arguments = argument_lines(op);
    if !arguments.is_empty() {
        lines.extend([String::new(), "# Arguments".to_owned(), String::new()]);
        lines.extend(arguments);
    }
    lines.extend([String::new(), "# Responses".to_owned(), String::new()]);
    for outcome in op.responses.outcomes() {
        let Some(case) = outcome.case else {
            lines.push("- any `2XX`: success, without a body.".to_owned());
            continue;
        };
        let what = match outcome.side {
            Side::Success => "success.",
            Side::Error => "[`Error::Api`](crate::Error::Api).",
        };
        let description = case.docs.description.as_deref().map(one_line).unwrap_or_default();
        lines.push(format!("- {}: {what} {description}", status_text(case.status)).trim_end().to_owned());
        for header in &case.headers {
            let description = header.description.as_deref().map(|d| format!(": {}", one_line(d))).unwrap_or_default();
            lines.push(format!("  - header `{}`{description}", header.name));
        }
    }
    lines.extend([String::new(), "# Errors".to_owned(), String::new()]);
    lines.push("See [the errors every method returns](crate::Client#errors).".to_owned());
    lines.extend([String::new(), "# Example".to_owned(), String::new()]);
    lines.extend(examples::call(api, op));
    lines.extend(examples::response_decodings(api, op));
    lines
}

/// The `# Arguments` list: path parameters, `params` and `body`.
fn argument_lines(op: &Operation) -> Vec<String> {
    let mut lines: Vec<String> = op.path_params.iter().map(param_line).collect();
    if op.params_type.is_some() {
        lines.push(format!("- `params`: the query, header and cookie parameters ({} of them).", op.params.len()));
    }
    if let Some(body) = &op.body {
        let what = match &body.encoding {
            BodyEncoding::Json(media) | BodyEncoding::Binary(media) | BodyEncoding::Text(media) => {
                format!("sent as `{media}`")
            }
            BodyEncoding::Form(_) => "sent as `application/x-www-form-urlencoded`".to_owned(),
            BodyEncoding::Multipart(_) => "sent as `multipart/form-data`".to_owned(),
            BodyEncoding::MultipartFile => "sent as `multipart/form-data`, as the part `file`".to_owned(),
            BodyEncoding::MultipartForm => {
                "sent as `multipart/form-data`, with the parts you name (the spec describes none)".to_owned()
            }
        };
        let description = body.docs.description.as_deref().map(|d| format!(" {}", one_line(d))).unwrap_or_default();
        lines.push(format!("- `body`: the request body, {what}.{description}"));
    }
    lines
}

fn param_line(param: &Param) -> String {
    let mut line = format!("- `{}`", param.name.as_str());
    if let Some(description) = &param.docs.description {
        line.push_str(": ");
        line.push_str(&one_line(description));
    }
    if let Some(example) = &param.docs.example {
        let text = match example {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        line.push_str(&format!(" (example: `{}`)", text.replace('`', "'")));
    }
    line
}

/// Prose on one line of a list.
fn one_line(text: &str) -> String {
    text.trim().replace('\n', " ")
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => format!("`{code}`"),
        StatusMatch::Range(digit) => format!("`{digit}XX`"),
        StatusMatch::Default => "any other status (`default`)".to_owned(),
    }
}
