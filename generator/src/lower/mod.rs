//! Stage 2, lower: an OpenAPI document to the plain model of [`crate::model`].
//! Every `$ref` is resolved, every constraint collected, every name chosen and
//! every problem reported here, with the JSON pointer of where it is.

mod graph;
mod resolve;
mod schema;

use std::collections::{HashMap, VecDeque};

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, Schema, SchemaKind,
    SecurityScheme as OaScheme, StatusCode, Type as OaType,
};
use serde_json::Value;

pub use graph::contains_validated;
use resolve::{Arenas, Resolver};
use schema::{Node, Use, at_operation, status_word};

use crate::diag::{Diagnostic, Pointer, Severity};
use crate::load::Document;
use crate::model::{
    Api, BodyEncoding, BodyKind, Docs, Field, Operation, Outcome, OutcomeVariant, Outcomes, Param, ParamLocation,
    PathPart, RequestBody, ResponseCase, Responses, SchemeKind, SecurityScheme, Server, StatusMatch, Struct, Style,
    Type, TypeDef, TypeId, TypeKind,
};
use crate::naming::{self, Namespace, camel, snake};

/// Options for lowering.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The Cargo package name; by default `info.x-rust-crate-name`, else from `info.title`.
    pub crate_name: Option<String>,
}

/// A lowered API and the warnings met on the way.
#[derive(Debug)]
pub struct Lowered {
    /// The model.
    pub api: Api,
    /// Warnings: things skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// Operations skipped because of an unsupported construct.
    pub skipped_operations: usize,
}

/// Method names the generated `Client` already uses.
const CLIENT_METHODS: &[&str] = &["new", "builder", "with_options", "base_url", "clone", "fmt"];
/// Method names the generated `ClientBuilder` already uses.
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "timeout",
    "connect_timeout",
    "max_retries",
    "retry_backoff",
    "max_retry_after",
    "max_response_bytes",
    "user_agent",
    "default_header",
    "http_client",
    "build",
];

/// Lowers a loaded document. Errors come back all at once, warnings first.
pub fn lower(doc: &Document, options: &Options) -> Result<Lowered, Vec<Diagnostic>> {
    let arenas = Arenas::default();
    let mut lowerer = Lowerer::new(doc, &arenas);
    let result = lowerer.run(options);
    let mut diags = std::mem::take(&mut lowerer.diags);
    diags.sort_by_key(|d| d.severity);
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    match result {
        Some(api) if !has_errors => Ok(Lowered { api, warnings: diags, skipped_operations: lowerer.skipped }),
        _ => Err(diags),
    }
}

/// State of one lowering.
pub(crate) struct Lowerer<'a> {
    doc: &'a Document,
    resolver: Resolver<'a>,
    diags: Vec<Diagnostic>,
    types: Vec<TypeDef>,
    by_pointer: HashMap<Pointer, TypeId>,
    queue: VecDeque<(TypeId, Pointer, &'a Schema)>,
    type_names: Namespace,
    /// UpperCamelCase name of each operation, keyed by `at_operation(path, method)`.
    op_type_names: HashMap<String, String>,
    /// Schemas being expanded inline through references (to catch cycles).
    expanding: Vec<Pointer>,
    skipped: usize,
    /// Names of the security schemes lowered, in the order of `Api::schemes`
    /// (which leaves out the schemes that cannot be used).
    scheme_names: Vec<String>,
}

/// An operation that cannot be generated; it is skipped with a warning.
struct Skip(Pointer, String);

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl<'a> Lowerer<'a> {
    fn new(doc: &'a Document, arenas: &'a Arenas) -> Self {
        Lowerer {
            doc,
            resolver: Resolver::new(doc, arenas),
            diags: Vec::new(),
            types: Vec::new(),
            by_pointer: HashMap::new(),
            queue: VecDeque::new(),
            type_names: Namespace::new(),
            op_type_names: HashMap::new(),
            expanding: Vec::new(),
            skipped: 0,
            scheme_names: Vec::new(),
        }
    }

    fn run(&mut self, options: &Options) -> Option<Api> {
        let api = &self.doc.api;
        let info = &api.info;
        let crate_name = options
            .crate_name
            .clone()
            .or_else(|| info.extensions.get("x-rust-crate-name").and_then(Value::as_str).map(str::to_owned))
            .map(|name| naming::crate_name(&name))
            .unwrap_or_else(|| naming::crate_name(&info.title));
        let crate_version = if is_semver(&info.version) { info.version.clone() } else { "0.1.0".to_owned() };

        let servers: Vec<Server> = api
            .servers
            .iter()
            .map(|s| Server { url: server_url(&s.url, s.variables.as_ref()), description: s.description.clone() })
            .collect();
        let default_base_url =
            servers.iter().map(|s| s.url.clone()).find(|url| url.starts_with("https://") || url.starts_with("http://"));

        let schemes = self.security_schemes();
        self.scheme_names = schemes.iter().map(|s| s.name.clone()).collect();
        let required_schemes = match &api.security {
            Some(requirements) if requirements.len() == 1 => {
                requirements[0].keys().filter_map(|name| schemes.iter().position(|s| &s.name == name)).collect()
            }
            _ => Vec::new(),
        };

        // Operation names first: inline types are named after their operation.
        let operations = self.name_operations();

        if let Some(components) = &api.components {
            let base = Pointer::root().push("components").push("schemas");
            for (name, node) in &components.schemas {
                let at = base.push(name);
                match node {
                    ReferenceOr::Item(schema) => {
                        self.named_component(&at, name, schema);
                    }
                    ReferenceOr::Reference { reference } => {
                        let target = self.schema_use(Node::Ref(reference), &at, 0);
                        let id = self.new_type(&at, camel(name, "Type"), Docs::default(), None);
                        self.types[id].kind = TypeKind::Alias(target.ty);
                    }
                }
                self.drain();
            }
        }

        let mut lowered_ops = Vec::new();
        for (path, method, item_at, item, op, name) in operations {
            match self.operation(&path, method, &item_at, item, op, name) {
                Ok(op) => lowered_ops.push(op),
                Err(Skip(_, message)) if message.is_empty() => {}
                Err(Skip(at, message)) => {
                    self.skipped += 1;
                    self.warn(&at, format!("operation skipped: {message}"));
                }
            }
            self.drain();
        }

        let mut model = Api {
            crate_name,
            crate_version,
            title: info.title.clone(),
            api_version: info.version.clone(),
            description: info.description.clone(),
            servers,
            default_base_url,
            schemes,
            required_schemes,
            types: std::mem::take(&mut self.types),
            operations: lowered_ops,
        };
        graph::finish(&mut model);
        for (pointer, message) in graph::check_examples(&model) {
            self.warn(&Pointer::parse(&pointer), message);
        }
        Some(model)
    }

    /// A component schema always gets a named type, even a primitive one (as an alias).
    fn named_component(&mut self, at: &Pointer, name: &str, schema: &'a Schema) {
        if self.by_pointer.contains_key(at) {
            return;
        }
        let docs = schema::docs_of(&schema.schema_data);
        self.new_type(at, camel(name, "Type"), docs, Some(schema));
    }

    fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.api.components else {
            return Vec::new();
        };
        let mut names = Namespace::with_reserved(BUILDER_METHODS);
        let mut out = Vec::new();
        let base = Pointer::root().push("components").push("securitySchemes");
        for (name, node) in &components.security_schemes {
            let at = base.push(name);
            let ReferenceOr::Item(scheme) = node else {
                self.warn(&at, "a `$ref` security scheme is not supported; it is ignored");
                continue;
            };
            let (kind, description) = match scheme {
                OaScheme::APIKey { location, name: key, description, .. } => {
                    let kind = match location {
                        openapiv3::APIKeyLocation::Header => {
                            if !is_token(key) {
                                self.error(&at.push("name"), format!("`{key}` is not a valid HTTP header name"));
                                continue;
                            }
                            SchemeKind::Header(key.to_ascii_lowercase())
                        }
                        openapiv3::APIKeyLocation::Query => SchemeKind::Query(key.clone()),
                        openapiv3::APIKeyLocation::Cookie => SchemeKind::Cookie(key.clone()),
                    };
                    (kind, description.clone())
                }
                OaScheme::HTTP { scheme: http, description, .. } => match http.to_ascii_lowercase().as_str() {
                    "basic" => (SchemeKind::Basic, description.clone()),
                    "bearer" => (SchemeKind::Bearer, description.clone()),
                    other => {
                        self.warn(
                            &at.push("scheme"),
                            format!("HTTP authentication scheme `{other}` is sent as a complete `Authorization` header value that the caller provides"),
                        );
                        (SchemeKind::Header("authorization".to_owned()), description.clone())
                    }
                },
                OaScheme::OAuth2 { description, .. } | OaScheme::OpenIDConnect { description, .. } => {
                    (SchemeKind::Bearer, description.clone())
                }
            };
            let rust_name = names.claim(&snake(name, "credential"));
            out.push(SecurityScheme { name: name.clone(), rust_name, kind, description });
        }
        out
    }

    #[allow(clippy::type_complexity)]
    fn name_operations(
        &mut self,
    ) -> Vec<(String, &'static str, Pointer, &'a openapiv3::PathItem, &'a openapiv3::Operation, String)> {
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
            for &method in METHODS {
                let op = match method {
                    "get" => &item.get,
                    "put" => &item.put,
                    "post" => &item.post,
                    "delete" => &item.delete,
                    "options" => &item.options,
                    "head" => &item.head,
                    "patch" => &item.patch,
                    _ => &item.trace,
                };
                let Some(op) = op else { continue };
                let base = match &op.operation_id {
                    Some(id) if !id.trim().is_empty() => snake(id, "op"),
                    _ => snake(&format!("{method} {}", path.replace(['{', '}'], " ")), "op"),
                };
                let name = names.claim(&base);
                self.op_type_names.insert(at_operation(path, method), camel(&name, "Op"));
                out.push((path.clone(), method, item_at.clone(), item, op, name));
            }
        }
        out
    }

    fn operation(
        &mut self,
        path: &str,
        method: &'static str,
        item_at: &Pointer,
        item: &'a openapiv3::PathItem,
        op: &'a openapiv3::Operation,
        name: String,
    ) -> Result<Operation, Skip> {
        let at = item_at.push(method);
        let type_prefix =
            self.op_type_names.get(&at_operation(path, method)).cloned().unwrap_or_else(|| camel(&name, "Op"));

        // Parameters: path-level ones, overridden by operation-level ones with the same name and location.
        let mut resolved: IndexMap<(String, &'static str), (Pointer, &'a Parameter)> = IndexMap::new();
        let levels = [(&item.parameters, item_at.push("parameters")), (&op.parameters, at.push("parameters"))];
        for (list, list_at) in levels {
            for (i, node) in list.iter().enumerate() {
                let param_at = list_at.push(i.to_string());
                match self.resolver.follow(node) {
                    Ok((target, param)) => {
                        let location = match param {
                            Parameter::Path { .. } => "path",
                            Parameter::Query { .. } => "query",
                            Parameter::Header { .. } => "header",
                            Parameter::Cookie { .. } => "cookie",
                        };
                        let key = (param.parameter_data_ref().name.clone(), location);
                        resolved.insert(key, (target.unwrap_or(param_at), param));
                    }
                    Err(message) => self.error(&param_at, message),
                }
            }
        }

        let parts = match parse_path(path) {
            Ok(parts) => parts,
            Err(message) => {
                self.error(item_at, message);
                // Reported as an error: no skip warning on top.
                return Err(Skip(at.clone(), String::new()));
            }
        };
        // Names the generated method body uses for its locals.
        let mut arg_names = Namespace::with_reserved(&[
            "body", "params", "self", "path", "request", "query", "cookies", "raw", "at", "root", "value", "parts",
            "runtime",
        ]);
        let mut path_params = Vec::new();
        let mut path_parts = Vec::new();
        for part in &parts {
            match part {
                RawPart::Literal(text) => path_parts.push(PathPart::Literal(text.clone())),
                RawPart::Param(param_name, whole) => {
                    let Some((param_at, param)) = resolved.get(&(param_name.clone(), "path")).cloned() else {
                        self.error(
                            &at.push("parameters"),
                            format!("path parameter `{{{param_name}}}` in `{path}` is not declared; add it to `parameters` with `in: path`"),
                        );
                        continue;
                    };
                    if let Parameter::Path { style, .. } = param {
                        if !matches!(style, PathStyle::Simple) {
                            self.warn(&param_at, "path parameter styles other than `simple` are sent as `simple`");
                        }
                    }
                    let index = path_params.len();
                    let rust_name = arg_names.claim(&snake(param_name, "param"));
                    path_params.push(self.param(
                        param,
                        &param_at,
                        ParamLocation::Path,
                        rust_name,
                        Style::Simple,
                        false,
                    ));
                    path_parts.push(PathPart::Param(index, *whole));
                }
            }
        }
        for ((param_name, location), (param_at, _)) in &resolved {
            if *location == "path" && !parts.iter().any(|p| matches!(p, RawPart::Param(n, _) if n == param_name)) {
                self.warn(
                    param_at,
                    format!("path parameter `{param_name}` does not appear in the path `{path}`; it is ignored"),
                );
            }
        }

        let mut field_names = Namespace::new();
        let mut params = Vec::new();
        for ((param_name, _), (param_at, param)) in &resolved {
            let (location, style, explode) = match param {
                Parameter::Path { .. } => continue,
                Parameter::Query { style, parameter_data, .. } => {
                    let style = match style {
                        QueryStyle::Form => Style::Form,
                        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                        QueryStyle::PipeDelimited => Style::PipeDelimited,
                        QueryStyle::DeepObject => Style::DeepObject,
                    };
                    (
                        ParamLocation::Query,
                        style,
                        parameter_data.explode.unwrap_or(matches!(style, Style::Form | Style::DeepObject)),
                    )
                }
                Parameter::Header { .. } => {
                    if ["accept", "content-type", "authorization"].contains(&param_name.to_ascii_lowercase().as_str()) {
                        // OpenAPI: such header parameters SHALL be ignored.
                        continue;
                    }
                    if !is_token(param_name) {
                        self.error(param_at, format!("`{param_name}` is not a valid HTTP header name"));
                        continue;
                    }
                    (ParamLocation::Header, Style::Simple, false)
                }
                Parameter::Cookie { parameter_data, .. } => {
                    (ParamLocation::Cookie, Style::Form, parameter_data.explode.unwrap_or(true))
                }
            };
            let rust_name = field_names.claim(&snake(param_name, "param"));
            params.push(self.param(param, param_at, location, rust_name, style, explode));
        }
        let params_type = if params.is_empty() {
            None
        } else {
            let fields: Vec<Field> = params
                .iter()
                .map(|p| Field {
                    wire_name: p.wire_name.clone(),
                    name: p.name.clone(),
                    ty: p.ty.clone(),
                    required: p.required,
                    nullable: false,
                    boxed: false,
                    flatten: false,
                    trimmed: false,
                    constraints: p.constraints.clone(),
                    docs: p.docs.clone(),
                    default: None,
                })
                .collect();
            let all_optional = fields.iter().all(|f| !f.required);
            let docs = Docs {
                summary: Some(format!(
                    "Query, header and cookie parameters of [`Client::{name}`](crate::Client::{name})."
                )),
                ..Docs::default()
            };
            let id = self.new_type(&at.push("parameters"), format!("{type_prefix}Params"), docs, None);
            self.types[id].kind = TypeKind::Params(Struct { fields, all_optional });
            Some(id)
        };

        let body = match &op.request_body {
            None => None,
            Some(node) => self.request_body(node, &at.push("requestBody"))?,
        };

        let responses = self.responses(op, &at, &type_prefix);
        let security = self.operation_security(op, &at);

        Ok(Operation {
            name,
            operation_id: op.operation_id.clone(),
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            path_parts,
            path_params,
            params,
            params_type,
            body,
            responses,
            security,
            docs: Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
                example: None,
                deprecated: op.deprecated,
            },
            tags: op.tags.clone(),
            pointer: at.to_string(),
        })
    }

    fn param(
        &mut self,
        param: &'a Parameter,
        at: &Pointer,
        location: ParamLocation,
        rust_name: String,
        style: Style,
        explode: bool,
    ) -> Param {
        let data = param.parameter_data_ref();
        let lowered = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => self.schema_use(schema.into(), &at.push("schema"), 0),
            ParameterSchemaOrContent::Content(content) => {
                self.warn(at, "a parameter with `content` is passed as a string the caller serializes");
                let mut lowered = Use::of(Type::String);
                if let Some((_, media)) = content.first() {
                    lowered.docs.example = media.example.clone();
                }
                lowered
            }
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
        let ty = if lowered.nullable && !matches!(lowered.ty, Type::Option(_)) {
            Type::Option(Box::new(lowered.ty))
        } else {
            lowered.ty
        };
        Param {
            wire_name: if location == ParamLocation::Header {
                data.name.to_ascii_lowercase()
            } else {
                data.name.clone()
            },
            name: rust_name,
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            style,
            explode,
            constraints: lowered.constraints,
            docs,
        }
    }

    fn request_body(
        &mut self,
        node: &'a ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
    ) -> Result<Option<RequestBody>, Skip> {
        let (target, body) = match self.resolver.follow(node) {
            Ok(found) => found,
            Err(message) => {
                self.error(at, message);
                return Ok(None);
            }
        };
        let body_at = target.unwrap_or_else(|| at.clone());
        let Some((media_type, media, kind)) = choose_media(&body.content) else {
            if body.content.is_empty() {
                return Ok(None);
            }
            return Err(Skip(body_at.push("content"), "no supported media type".to_owned()));
        };
        let schema_at = body_at.push("content").push(media_type).push("schema");
        let lowered = match &media.schema {
            Some(schema) => self.schema_use(schema.into(), &schema_at, 0),
            None => Use::of(Type::Json),
        };
        let example = media
            .example
            .clone()
            .or_else(|| media.examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone())));
        let docs = Docs { summary: None, description: body.description.clone(), example, deprecated: false };
        let (ty, encoding) = match kind {
            MediaKind::Json => (lowered.ty, BodyEncoding::Json(media_type.to_owned())),
            MediaKind::Form => {
                let styles = media
                    .encoding
                    .iter()
                    .map(|(name, encoding)| {
                        let style = match encoding.style {
                            Some(QueryStyle::DeepObject) => Style::DeepObject,
                            Some(QueryStyle::SpaceDelimited) => Style::SpaceDelimited,
                            Some(QueryStyle::PipeDelimited) => Style::PipeDelimited,
                            _ => Style::Form,
                        };
                        let explode = encoding.explode
                            || matches!(style, Style::Form | Style::DeepObject) && encoding.style.is_none();
                        (name.clone(), style, explode)
                    })
                    .collect();
                (lowered.ty, BodyEncoding::Form(styles))
            }
            MediaKind::Multipart => {
                let Type::Named(id) = lowered.ty else {
                    let binary = match &media.schema {
                        Some(ReferenceOr::Item(schema)) => is_binary_schema(schema),
                        Some(ReferenceOr::Reference { reference }) => {
                            self.resolver.schema(reference).is_ok_and(|(_, schema)| is_binary_schema(schema))
                        }
                        None => false,
                    };
                    if binary {
                        return Ok(Some(RequestBody {
                            ty: Type::Bytes,
                            encoding: BodyEncoding::MultipartFile,
                            required: body.required,
                            docs,
                        }));
                    }
                    return Err(Skip(
                        schema_at,
                        "a multipart body must be an object schema or a binary string".to_owned(),
                    ));
                };
                self.mark_file_fields(id, media.schema.as_ref());
                (Type::Named(id), BodyEncoding::Multipart)
            }
            MediaKind::Text => (Type::String, BodyEncoding::Text(media_type.to_owned())),
            MediaKind::Binary => (Type::Bytes, BodyEncoding::Binary(media_type.to_owned())),
        };
        Ok(Some(RequestBody { ty, encoding, required: body.required, docs }))
    }

    /// In a multipart body, `format: binary` string properties are file parts.
    fn mark_file_fields(&mut self, id: TypeId, schema: Option<&'a ReferenceOr<Schema>>) {
        let schema = match schema {
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => match self.resolver.schema(reference) {
                Ok((_, schema)) => schema,
                Err(_) => return,
            },
            None => return,
        };
        let properties = match &schema.schema_kind {
            SchemaKind::Type(OaType::Object(o)) => &o.properties,
            SchemaKind::Any(any) => &any.properties,
            _ => return,
        };
        let binary: Vec<String> =
            properties.iter().filter(|(_, node)| is_binary(node)).map(|(name, _)| name.clone()).collect();
        if let TypeKind::Struct(s) = &mut self.types[id].kind {
            for field in &mut s.fields {
                if binary.contains(&field.wire_name) {
                    field.ty = Type::Bytes;
                }
            }
        }
    }

    fn responses(&mut self, op: &'a openapiv3::Operation, at: &Pointer, type_prefix: &str) -> Responses {
        let responses_at = at.push("responses");
        let mut entries: Vec<(StatusMatch, String, &'a ReferenceOr<openapiv3::Response>)> = op
            .responses
            .responses
            .iter()
            .map(|(code, node)| match code {
                StatusCode::Code(n) => (StatusMatch::Code(*n), n.to_string(), node),
                StatusCode::Range(n) => (StatusMatch::Range(u8::try_from(*n).unwrap_or(9)), format!("{n}XX"), node),
            })
            .collect();
        if let Some(node) = &op.responses.default {
            entries.push((StatusMatch::Default, "default".to_owned(), node));
        }
        let mut success = Vec::new();
        let mut errors = Vec::new();
        for (status, key, node) in entries {
            let response_at = responses_at.push(&key);
            let (target, response) = match self.resolver.follow(node) {
                Ok(found) => found,
                Err(message) => {
                    self.error(&response_at, message);
                    continue;
                }
            };
            let base_at = target.unwrap_or(response_at);
            let (body, example) = match choose_media(&response.content) {
                None => (BodyKind::Empty, None),
                Some((media_type, media, kind)) => {
                    let example = media
                        .example
                        .clone()
                        .or_else(|| media.examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone())));
                    let body = match kind {
                        MediaKind::Json => match &media.schema {
                            Some(schema) => {
                                let schema_at = base_at.push("content").push(media_type).push("schema");
                                let lowered = self.schema_use(schema.into(), &schema_at, 0);
                                let ty = if lowered.nullable { Type::Option(Box::new(lowered.ty)) } else { lowered.ty };
                                BodyKind::Json(ty)
                            }
                            None => BodyKind::Json(Type::Json),
                        },
                        MediaKind::Text => BodyKind::Text,
                        _ => BodyKind::Binary,
                    };
                    (body, example)
                }
            };
            let headers = response
                .headers
                .iter()
                .map(|(name, header)| {
                    let description = match header {
                        ReferenceOr::Item(h) => h.description.clone(),
                        ReferenceOr::Reference { reference } => {
                            let tokens = resolve::parse_ref(reference).map(|p| p.tokens()).unwrap_or_default();
                            match tokens.as_slice() {
                                [c, s, key] if c == "components" && s == "headers" => self
                                    .doc
                                    .api
                                    .components
                                    .as_ref()
                                    .and_then(|c| c.headers.get(key))
                                    .and_then(|h| h.as_item())
                                    .and_then(|h| h.description.clone()),
                                _ => None,
                            }
                        }
                    };
                    (name.clone(), description)
                })
                .collect();
            let case = ResponseCase {
                status,
                body,
                headers,
                variant: None,
                docs: Docs {
                    summary: None,
                    description: Some(response.description.clone()).filter(|d| !d.trim().is_empty()),
                    example,
                    deprecated: false,
                },
            };
            let is_success = match status {
                StatusMatch::Code(code) => (200..300).contains(&code),
                StatusMatch::Range(digit) => digit == 2,
                StatusMatch::Default => false,
            };
            if is_success {
                success.push((key, case));
            } else {
                errors.push((key, case));
            }
        }
        let success_type = self.outcomes(&mut success, at, format!("{type_prefix}Response"), "response");
        let error_type = self.outcomes(&mut errors, at, format!("{type_prefix}Error"), "error");
        Responses {
            success: success.into_iter().map(|(_, c)| c).collect(),
            errors: errors.into_iter().map(|(_, c)| c).collect(),
            success_type,
            error_type,
        }
    }

    /// One Rust type for several responses: the common body kind, or an enum.
    fn outcomes(&mut self, cases: &mut [(String, ResponseCase)], at: &Pointer, name: String, what: &str) -> Outcomes {
        let mut kinds: Vec<&BodyKind> = Vec::new();
        for (_, case) in cases.iter() {
            if !kinds.contains(&&case.body) {
                kinds.push(&case.body);
            }
        }
        match kinds.len() {
            0 => return Outcomes::Single(BodyKind::Empty),
            1 => return Outcomes::Single(kinds[0].clone()),
            _ => {}
        }
        let mut names = Namespace::new();
        let mut variants = Vec::new();
        for (key, case) in cases.iter_mut() {
            let variant = names.claim(&status_word(key));
            case.variant = Some(variant.clone());
            let body = match &case.body {
                BodyKind::Empty => None,
                BodyKind::Json(ty) => Some(ty.clone()),
                BodyKind::Text => Some(Type::String),
                BodyKind::Binary => Some(Type::Bytes),
            };
            variants.push(OutcomeVariant { name: variant, body, docs: case.docs.clone() });
        }
        let docs = Docs {
            summary: Some(format!("The documented {what} bodies of one operation, one variant per status.")),
            ..Docs::default()
        };
        let id = self.new_type(&at.push("responses").push(format!("x-{what}")), name, docs, None);
        self.types[id].kind = TypeKind::Outcome(Outcome { variants });
        Outcomes::Enum(id)
    }

    fn operation_security(&mut self, op: &'a openapiv3::Operation, at: &Pointer) -> Vec<Vec<usize>> {
        let (requirements, req_at) = match &op.security {
            Some(list) => (list, at.push("security")),
            None => match &self.doc.api.security {
                Some(list) => (list, Pointer::root().push("security")),
                None => return Vec::new(),
            },
        };
        // Indices into `Api::schemes`, not into `components.securitySchemes`: a
        // scheme that cannot be used is left out there (found by fuzzing).
        let scheme_names = self.scheme_names.clone();
        let mut out = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut usable = true;
            for name in requirement.keys() {
                match scheme_names.iter().position(|n| n == name) {
                    Some(index) => alternative.push(index),
                    None => {
                        self.warn(
                            &req_at.push(i.to_string()),
                            format!("security scheme `{name}` is not defined; this alternative is ignored"),
                        );
                        usable = false;
                    }
                }
            }
            if usable {
                out.push(alternative);
            }
        }
        out
    }
}

/// A piece of a path template as written.
enum RawPart {
    Literal(String),
    /// Parameter name, and whether it fills a whole segment.
    Param(String, bool),
}

fn parse_path(path: &str) -> Result<Vec<RawPart>, String> {
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        match rest.find('{') {
            None => {
                if rest.contains('}') {
                    return Err(format!("the path `{path}` has an unmatched `}}`"));
                }
                parts.push(RawPart::Literal(rest.to_owned()));
                break;
            }
            Some(open) => {
                let literal = &rest[..open];
                if literal.contains('}') {
                    return Err(format!("the path `{path}` has an unmatched `}}`"));
                }
                let close = rest[open..]
                    .find('}')
                    .map(|c| c + open)
                    .ok_or_else(|| format!("the path `{path}` has an unclosed `{{`"))?;
                let name = &rest[open + 1..close];
                if name.is_empty() || name.contains('{') {
                    return Err(format!("the path `{path}` has an invalid parameter `{{{name}}}`"));
                }
                let starts_segment = literal.ends_with('/') || (literal.is_empty() && parts.is_empty());
                let after = &rest[close + 1..];
                let ends_segment = after.is_empty() || after.starts_with('/');
                if !literal.is_empty() {
                    parts.push(RawPart::Literal(literal.to_owned()));
                }
                parts.push(RawPart::Param(name.to_owned(), starts_segment && ends_segment));
                rest = after;
            }
        }
    }
    Ok(parts)
}

/// How a media type is encoded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
}

fn media_kind(media_type: &str, media: &MediaType) -> MediaKind {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    if sub == "json" || sub.ends_with("+json") || sub.starts_with("json") || sub.contains("json-") {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if top == "multipart" {
        MediaKind::Multipart
    } else if top == "text" || sub == "xml" || sub.ends_with("+xml") {
        MediaKind::Text
    } else if essence == "*/*" || essence == "application/*" {
        match &media.schema {
            Some(ReferenceOr::Item(schema)) if is_binary_schema(schema) => MediaKind::Binary,
            Some(ReferenceOr::Item(Schema { schema_kind: SchemaKind::Type(OaType::String(_)), .. })) => MediaKind::Text,
            Some(_) => MediaKind::Json,
            None => MediaKind::Binary,
        }
    } else {
        MediaKind::Binary
    }
}

/// The media type to use: JSON first, then form, multipart, text and binary.
fn choose_media(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType, MediaKind)> {
    let order = [MediaKind::Json, MediaKind::Form, MediaKind::Multipart, MediaKind::Text, MediaKind::Binary];
    let kinds: Vec<(&str, &MediaType, MediaKind)> =
        content.iter().map(|(name, media)| (name.as_str(), media, media_kind(name, media))).collect();
    order.iter().find_map(|wanted| kinds.iter().find(|(_, _, kind)| kind == wanted).copied())
}

fn is_binary_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) => {
            matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
        }
        SchemaKind::Any(any) => any.format.as_deref() == Some("binary"),
        _ => false,
    }
}

fn is_binary(node: &ReferenceOr<Box<Schema>>) -> bool {
    match node {
        ReferenceOr::Item(schema) => is_binary_schema(schema),
        ReferenceOr::Reference { .. } => false,
    }
}

/// Whether `name` is an RFC 9110 token (a valid header name).
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0')))
        && version[core.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b"-+.".contains(&b))
}

fn server_url(url: &str, variables: Option<&IndexMap<String, openapiv3::ServerVariable>>) -> String {
    let mut out = url.to_owned();
    if let Some(variables) = variables {
        for (name, variable) in variables {
            out = out.replace(&format!("{{{name}}}"), &variable.default);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_segments() {
        let parts = parse_path("/v1/webhooks/{id}").unwrap_or_default();
        assert!(
            matches!(&parts[..], [RawPart::Literal(l), RawPart::Param(p, true)] if l == "/v1/webhooks/" && p == "id")
        );
        let parts = parse_path("/files/{name}.{ext}").unwrap_or_default();
        assert!(
            matches!(&parts[..], [RawPart::Literal(_), RawPart::Param(_, false), RawPart::Literal(dot), RawPart::Param(_, false)] if dot == ".")
        );
        assert!(parse_path("/a/{b").is_err());
        assert!(parse_path("/a/b}").is_err());
        assert!(parse_path("a").is_err());
    }

    #[test]
    fn semver_versions() {
        assert!(is_semver("1.0.0"));
        assert!(is_semver("1.2.3-beta.1"));
        assert!(!is_semver("2024-06-01"));
        assert!(!is_semver("1.0"));
        assert!(!is_semver("01.0.0"));
    }
}
