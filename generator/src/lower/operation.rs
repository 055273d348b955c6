//! Operations: their names, parameters (path, query, header, cookie) and the
//! struct that holds an operation's query, header and cookie parameters.

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle};

use super::media::{MediaKind, media_kind};

use super::draft::{FieldDraft, OperationDraft, Shape, StructDraft};
use super::path::{RawPart, parse_path};
use super::schema::Use;
use super::security::is_token;
use super::{Lowerer, Skip};
use crate::diag::Pointer;
use crate::load::Document;
use crate::model::{
    BodyEncoding, Docs, FieldWire, Method, Param, ParamLocation, PathPart, Presence, RequestBody, SchemeId, Style, Type,
    TypeId, Whitespace,
};
use crate::naming::{self, Ident, Namespace, snake};

/// Method names the generated `Client` already uses.
const CLIENT_METHODS: &[&str] = &["new", "builder", "with_options", "base_url", "clone", "fmt"];

/// Names the generated method body uses for its locals; arguments avoid them.
const METHOD_LOCALS: &[&str] = &[
    "body", "params", "self", "path", "request", "query", "cookies", "raw", "at", "root", "value", "parts", "runtime",
];

/// The HTTP methods of a path item, in the order operations are generated.
const METHODS: &[(&str, Method)] = &[
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("options", Method::Options),
    ("head", Method::Head),
    ("patch", Method::Patch),
    ("trace", Method::Trace),
];

/// An operation found in the document, with the name chosen for it.
pub(super) struct OperationSite<'a> {
    /// The path template.
    pub(super) path: &'a str,
    /// The HTTP method.
    pub(super) method: Method,
    /// Pointer of the path item.
    item_at: Pointer,
    /// Pointer of the operation.
    at: Pointer,
    /// The path item (resolved when it is a `$ref`).
    item: &'a PathItem,
    /// The operation.
    pub(super) op: &'a openapiv3::Operation,
    /// The Rust method name.
    name: Ident,
}

/// The parameters of an operation by name and location: the path item's,
/// overridden by the operation's own.
pub(super) type ResolvedParams<'a> = IndexMap<(String, ParamLocation), (Pointer, &'a Parameter)>;

/// The header that carries an operation's idempotency key (lower case): the
/// header parameter named `Idempotency-Key` or `setting` (the
/// `idempotency-header` setting's name) that it declares, else `setting` when
/// its method is not idempotent (`POST`, `PATCH`).
fn idempotency_header(method: &Method, params: &[Param], setting: Option<&str>) -> Option<String> {
    let named = |name: &str| name.eq_ignore_ascii_case("idempotency-key") || setting.is_some_and(|s| name.eq_ignore_ascii_case(s));
    let declared = params.iter().find(|param| param.location == ParamLocation::Header && named(&param.wire_name));
    match (declared, setting) {
        (Some(param), _) => Some(param.wire_name.to_ascii_lowercase()),
        (None, Some(name)) if matches!(method, Method::Post | Method::Patch) => Some(name.to_ascii_lowercase()),
        _ => None,
    }
}

fn location_of(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn operation_of<'p>(item: &'p PathItem, method: &str) -> Option<&'p openapiv3::Operation> {
    match method {
        "get" => item.get.as_ref(),
        "put" => item.put.as_ref(),
        "post" => item.post.as_ref(),
        "delete" => item.delete.as_ref(),
        "options" => item.options.as_ref(),
        "head" => item.head.as_ref(),
        "patch" => item.patch.as_ref(),
        _ => item.trace.as_ref(),
    }
}

impl<'a> Lowerer<'a> {
    /// Every operation of the document with its method name, claimed in
    /// document order, and the stem of its type names recorded.
    pub(super) fn name_operations(&mut self) -> Vec<OperationSite<'a>> {
        let doc: &'a Document = self.doc;
        let mut names = Namespace::with_reserved(CLIENT_METHODS);
        let mut out = Vec::new();
        for (path, node) in doc.api.paths.paths.iter() {
            let item_at = Pointer::root().push("paths").push(path);
            let item = match self.resolver.follow(node) {
                Ok((_, item)) => item,
                Err(message) => {
                    self.error(&item_at, message);
                    continue;
                }
            };
            let mut found: Vec<(Method, Pointer, &'a openapiv3::Operation)> = METHODS
                .iter()
                .filter_map(|(key, method)| operation_of(item, key).map(|op| (method.clone(), item_at.push(key), op)))
                .collect();
            // OpenAPI 3.2: `query` and `additionalOperations`, after the others.
            for (extra, op) in doc.extra_operations.iter().filter(|(extra, _)| extra.path == *path) {
                found.push((Method::Other(extra.method.clone()), extra.at.clone(), op));
            }
            for (method, at, op) in found {
                let base = match &op.operation_id {
                    Some(id) if !id.trim().is_empty() => snake(id, "op"),
                    _ => snake(
                        &format!("{} {}", method.as_str().to_ascii_lowercase(), path.replace(['{', '}'], " ")),
                        "op",
                    ),
                };
                let name = names.claim(base);
                self.op_stems.insert(at.clone(), naming::operation_stem(&name));
                if super::pagination::EXTENSIONS.iter().any(|key| op.extensions.contains_key(*key)) {
                    self.op_extensions.insert(at.clone(), &op.extensions);
                }
                out.push(OperationSite { path, method, item_at: item_at.clone(), at, item, op, name });
            }
        }
        self.method_names = names;
        out
    }

    /// The draft of the operation at `site`; `idempotency` is the
    /// `idempotency-header` setting.
    pub(super) fn operation(
        &mut self,
        site: OperationSite<'a>,
        idempotency: Option<&str>,
    ) -> Result<OperationDraft, Skip> {
        let OperationSite { path, method, item_at, at, item, op, name } = site;
        let stem = self.op_stems.get(&at).cloned().unwrap_or_else(|| naming::operation_stem(&name));
        let resolved = self.resolve_params(item, op, &item_at, &at);
        for (param_at, _) in resolved.values() {
            if let Some(reason) = self.doc.unsupported_parameters.get(param_at) {
                return Err(Skip::Unsupported(param_at.clone(), reason.clone()));
            }
        }

        let parts = match parse_path(path) {
            Ok(parts) => parts,
            Err(message) => {
                self.error(&item_at, message);
                return Err(Skip::Reported);
            }
        };
        let (path_parts, path_params) = self.path_params(path, &parts, &resolved, &at);
        let params = self.query_header_cookie_params(&resolved);
        let params_type = (!params.is_empty()).then(|| self.params_type(&params, &name, &stem, &at));

        let body = match &op.request_body {
            None => None,
            Some(node) => self.request_body(node, &at.push("requestBody"))?,
        };
        let responses = self.responses(op, &at, &stem, method == Method::Head);
        let stream = self.stream_method(op, &at, &name, &responses, body.as_ref())?;
        let scoped = self.scoped_schemes.clone();
        let (mut security, scopes) = self.operation_security(op, &at, &scoped);
        self.ignored_headers(&resolved, body.as_ref(), responses.accept.as_deref(), &mut security);
        let idempotency_header = idempotency_header(&method, &params, idempotency);

        Ok(OperationDraft {
            name,
            method,
            path: path.to_owned(),
            path_parts,
            path_params,
            params,
            params_type,
            body,
            responses,
            stream,
            security,
            scopes,
            idempotency_header,
            docs: Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
                example: None,
                deprecated: op.deprecated,
            },
            tags: op.tags.clone(),
            pointer: at,
        })
    }

    /// The header parameters OpenAPI ignores, each with a warning that says what
    /// the client sends instead: `Accept` (from the responses' media types) and
    /// `Content-Type` (the body's). An `Authorization` parameter becomes a
    /// credential, which `security` gets.
    fn ignored_headers(
        &mut self,
        resolved: &ResolvedParams<'a>,
        body: Option<&RequestBody>,
        accept: Option<&str>,
        security: &mut Vec<Vec<SchemeId>>,
    ) {
        for ((name, _), (param_at, param)) in resolved {
            if !matches!(param, Parameter::Header { .. }) {
                continue;
            }
            let ignored = "is not a parameter (OpenAPI ignores header parameters of this name)";
            match name.to_ascii_lowercase().as_str() {
                "authorization" => {
                    let authorizing = self.authorizing_schemes.clone();
                    let required = param.parameter_data_ref().required;
                    *security = self.authorization_parameter(std::mem::take(security), &authorizing, param_at, required);
                }
                "accept" => {
                    let sent = match accept {
                        Some(accept) => format!("`Accept: {accept}`, from the media types of the responses"),
                        None => "no `Accept` of its own (the HTTP stack's `*/*`)".to_owned(),
                    };
                    self.warn(param_at, format!("`{name}` {ignored}: the client sends {sent}"));
                }
                "content-type" => {
                    let sent = match body.map(|body| &body.encoding) {
                        None => "no `Content-Type`: the operation has no request body".to_owned(),
                        Some(BodyEncoding::Json(media) | BodyEncoding::Binary(media) | BodyEncoding::Text(media)) => {
                            format!("`Content-Type: {media}`, the request body's media type")
                        }
                        Some(BodyEncoding::Form(_)) => {
                            "`Content-Type: application/x-www-form-urlencoded`, the request body's media type".to_owned()
                        }
                        Some(BodyEncoding::Multipart(_) | BodyEncoding::MultipartFile | BodyEncoding::MultipartForm) => {
                            "`Content-Type: multipart/form-data` with the body's boundary".to_owned()
                        }
                    };
                    self.warn(param_at, format!("`{name}` {ignored}: the client sends {sent}"));
                }
                _ => {}
            }
        }
    }

    /// The parameters that apply to an operation: the path item's, overridden
    /// by the operation's own with the same name and location.
    pub(super) fn resolve_params(
        &mut self,
        item: &'a PathItem,
        op: &'a openapiv3::Operation,
        item_at: &Pointer,
        at: &Pointer,
    ) -> ResolvedParams<'a> {
        let mut resolved = ResolvedParams::new();
        let levels = [(&item.parameters, item_at.push("parameters")), (&op.parameters, at.push("parameters"))];
        for (list, list_at) in levels {
            for (i, node) in list.iter().enumerate() {
                let param_at = list_at.push(i.to_string());
                match self.resolver.follow(node) {
                    Ok((target, param)) => {
                        let key = (param.parameter_data_ref().name.clone(), location_of(param));
                        resolved.insert(key, (target.unwrap_or(param_at), param));
                    }
                    Err(message) => self.error(&param_at, message),
                }
            }
        }
        resolved
    }

    /// The path template's parts and parameters, in template order. Every
    /// parameter of the template must be declared; declared path parameters
    /// the template does not have are ignored with a warning.
    fn path_params(
        &mut self,
        path: &str,
        parts: &[RawPart],
        resolved: &ResolvedParams<'a>,
        at: &Pointer,
    ) -> (Vec<PathPart>, Vec<Param>) {
        let mut arg_names = Namespace::with_reserved(METHOD_LOCALS);
        let mut path_params = Vec::new();
        let mut path_parts = Vec::new();
        for part in parts {
            match part {
                RawPart::Literal(text) => path_parts.push(PathPart::Literal(text.clone())),
                RawPart::Param(param_name, segment) => {
                    let Some((param_at, param)) = resolved.get(&(param_name.clone(), ParamLocation::Path)) else {
                        self.error(
                            &at.push("parameters"),
                            format!("path parameter `{{{param_name}}}` in `{path}` is not declared; add it to `parameters` with `in: path`"),
                        );
                        continue;
                    };
                    let style = match param {
                        Parameter::Path { style: PathStyle::Label, .. } => Style::Label,
                        Parameter::Path { style: PathStyle::Matrix, .. } => Style::Matrix,
                        _ => Style::Simple,
                    };
                    let explode = param.parameter_data_ref().explode.unwrap_or(false);
                    let index = path_params.len();
                    let rust_name = arg_names.claim(snake(param_name, "param"));
                    let placement = Placement::new(ParamLocation::Path, style, explode);
                    path_params.push(self.param(param, param_at, rust_name, placement));
                    path_parts.push(PathPart::Param { index, segment: *segment });
                }
            }
        }
        for ((param_name, location), (param_at, _)) in resolved {
            if *location == ParamLocation::Path
                && !parts.iter().any(|p| matches!(p, RawPart::Param(n, _) if n == param_name))
            {
                self.warn(
                    param_at,
                    format!("path parameter `{param_name}` does not appear in the path `{path}`; it is ignored"),
                );
            }
        }
        (path_parts, path_params)
    }

    /// The query, header and cookie parameters, in declaration order.
    fn query_header_cookie_params(&mut self, resolved: &ResolvedParams<'a>) -> Vec<Param> {
        let mut field_names = Namespace::new();
        let mut params = Vec::new();
        for ((param_name, _), (param_at, param)) in resolved {
            let placement = match param {
                Parameter::Path { .. } => continue,
                Parameter::Query { style, parameter_data, allow_reserved, allow_empty_value } => {
                    let style = match style {
                        QueryStyle::Form => Style::Form,
                        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                        QueryStyle::PipeDelimited => Style::PipeDelimited,
                        QueryStyle::DeepObject => Style::DeepObject,
                    };
                    let explode = parameter_data.explode.unwrap_or(matches!(style, Style::Form | Style::DeepObject));
                    Placement {
                        allow_reserved: *allow_reserved,
                        allow_empty: allow_empty_value.unwrap_or(false),
                        ..Placement::new(ParamLocation::Query, style, explode)
                    }
                }
                Parameter::Header { parameter_data, .. } => {
                    if ["accept", "content-type", "authorization"].contains(&param_name.to_ascii_lowercase().as_str()) {
                        // OpenAPI: such header parameters SHALL be ignored.
                        continue;
                    }
                    if !is_token(param_name) {
                        self.error(param_at, format!("`{param_name}` is not a valid HTTP header name"));
                        continue;
                    }
                    Placement::new(ParamLocation::Header, Style::Simple, parameter_data.explode.unwrap_or(false))
                }
                Parameter::Cookie { parameter_data, .. } => {
                    Placement::new(ParamLocation::Cookie, Style::Form, parameter_data.explode.unwrap_or(true))
                }
            };
            let rust_name = field_names.claim(snake(param_name, "param"));
            params.push(self.param(param, param_at, rust_name, placement));
        }
        params
    }

    /// The struct that holds an operation's query, header and cookie
    /// parameters: a field per parameter, named as the parameter is.
    fn params_type(&mut self, params: &[Param], method: &Ident, stem: &str, at: &Pointer) -> TypeId {
        let fields = params
            .iter()
            .map(|p| FieldDraft {
                name: p.name.clone(),
                wire: FieldWire::Key(p.wire_name.clone()),
                ty: p.ty.clone(),
                presence: Presence::new(p.required, false),
                whitespace: Whitespace::Kept,
                constraints: p.constraints.clone(),
                docs: p.docs.clone(),
                default: None,
                required_in: None,
            })
            .collect();
        let docs = Docs {
            summary: Some(format!(
                "Query, header and cookie parameters of [`Client::{method}`](crate::Client::{method})."
            )),
            ..Docs::default()
        };
        let id = self.new_type(&at.push("parameters"), naming::params_type(stem), docs, None);
        self.types[id].shape = Shape::Params(StructDraft { fields, required_sets: Vec::new() });
        id
    }

    fn param(&mut self, param: &'a Parameter, at: &Pointer, rust_name: Ident, placement: Placement) -> Param {
        let Placement { location, mut style, explode, allow_reserved, allow_empty } = placement;
        let data = param.parameter_data_ref();
        let lowered = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => self.schema_use(schema.into(), &at.push("schema"), 0),
            ParameterSchemaOrContent::Content(content) => match content.first() {
                // The JSON text of the value, in the place the parameter goes.
                Some((media_type, media)) if media_kind(media_type, media) == MediaKind::Json => {
                    style = Style::Json;
                    let schema_at = at.push("content").push(media_type).push("schema");
                    let mut lowered = match &media.schema {
                        Some(schema) => self.schema_use(schema.into(), &schema_at, 0),
                        None => Use::of(Type::Json),
                    };
                    lowered.docs.example = lowered.docs.example.or_else(|| media.example.clone());
                    lowered
                }
                other => {
                    self.warn(
                        at,
                        "a parameter with `content` other than JSON is passed as a string the caller serializes",
                    );
                    let mut lowered = Use::of(Type::String);
                    if let Some((_, media)) = other {
                        lowered.docs.example = media.example.clone();
                    }
                    lowered
                }
            },
        };
        let mut docs = Docs {
            summary: None,
            description: data.description.clone().or(lowered.docs.description),
            example: data.example.clone().or(lowered.docs.example),
            deprecated: data.deprecated.unwrap_or(false),
        };
        if docs.example.is_none() {
            docs.example = data.examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone()));
        }
        let nullable = lowered.nullable && !matches!(lowered.ty, Type::Option(_));
        Param {
            wire_name: if location == ParamLocation::Header {
                data.name.to_ascii_lowercase()
            } else {
                data.name.clone()
            },
            name: rust_name,
            location,
            ty: lowered.ty.nullable_if(nullable),
            required: data.required || location == ParamLocation::Path,
            style,
            explode,
            allow_reserved,
            allow_empty,
            constraints: lowered.constraints,
            docs,
        }
    }
}

/// Where a parameter goes and how it is serialized there.
#[derive(Clone, Copy)]
struct Placement {
    location: ParamLocation,
    style: Style,
    explode: bool,
    allow_reserved: bool,
    allow_empty: bool,
}

impl Placement {
    fn new(location: ParamLocation, style: Style, explode: bool) -> Self {
        Placement { location, style, explode, allow_reserved: false, allow_empty: false }
    }
}

#[cfg(test)]
mod tests {
    use crate::Options;

    /// The client and manifest generated from a spec of a `POST`, a `PATCH`, a
    /// `GET` and a `PUT` that declares `X-Request-Key`, under `options`.
    fn generate(options: &Options) -> (String, String) {
        let spec = r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
            "servers": [{"url": "https://api.example.com"}],
            "paths": {"/a": {
                "post": {"operationId": "create", "responses": {"204": {"description": "ok"}}},
                "patch": {"operationId": "change", "responses": {"204": {"description": "ok"}}},
                "get": {"operationId": "read", "responses": {"204": {"description": "ok"}}},
                "put": {"operationId": "replace", "parameters": [{"name": "X-Request-Key", "in": "header",
                    "schema": {"type": "string"}}], "responses": {"204": {"description": "ok"}}}}}}"#;
        let generated = crate::generate(spec, options).unwrap_or_else(|d| panic!("{d:?}"));
        let file = |path: &str| {
            generated.files.iter().find(|f| f.path == path).map(|f| f.contents.clone()).unwrap_or_default()
        };
        (file("src/client.rs"), file("Cargo.toml"))
    }

    #[test]
    fn the_idempotency_header_setting_gives_post_and_patch_a_key_and_a_declared_header_any_method() {
        let (client, manifest) = generate(&Options::default());
        assert!(!client.contains(".idempotency_key("), "no setting, no Idempotency-Key parameter: no key");
        assert!(!manifest.contains("uuid"), "{manifest}");

        let mut options = Options::default();
        options.idempotency_header("Idempotency-Key");
        let (client, manifest) = generate(&options);
        assert_eq!(client.matches(".idempotency_key(\"idempotency-key\")").count(), 2, "POST and PATCH: {client}");
        assert!(manifest.contains("uuid = { version = \"1\", features = [\"v4\"] }"), "{manifest}");

        let mut options = Options::default();
        options.idempotency_header("x-request-key");
        let (client, _) = generate(&options);
        assert_eq!(client.matches(".idempotency_key(\"x-request-key\")").count(), 3, "POST, PATCH and the PUT");
    }
}
