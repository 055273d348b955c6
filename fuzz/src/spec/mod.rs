//! A structured generator of OpenAPI documents: `Spec` is built by `arbitrary`
//! from the fuzzer's bytes and turned into a `serde_json::Value` shaped like an
//! OpenAPI 3.0 document. Names come from a small pool, so references hit each
//! other (and form cycles) often; strings come from a pool of odd values
//! (operators, keywords, digits first, Unicode spaces, Markdown fences), and
//! any schema, parameter, response or the whole document may be replaced by
//! arbitrary JSON.
//!
//! Enums list their non-recursive variants first: when the input runs out,
//! `arbitrary` picks variant 0, so generation always ends.
//!
//! The parts, each a file:
//! - `text.rs`: the name and text pools, `Text`, `Name`, arbitrary `Json`,
//!   JSON pointer escaping;
//! - `reference.rs`: `$ref`s and the component sections they point into;
//! - `schema.rs`: schemas, formats, discriminators, `Common` keywords;
//! - `operation.rs`: parameters, media types, request bodies, responses,
//!   operations, security requirements and schemes;
//! - `paths.rs`: path templates and path items.

mod operation;
mod paths;
mod reference;
mod schema;
mod text;

use arbitrary::Arbitrary;
use serde_json::{Map, Value, json};

use operation::{Item, Parameter, RequestBody, Response, SecurityScheme, security};
use paths::PathItem;
use reference::Section;
use schema::{Schema, properties};
use text::{Json, Name, Text};

#[derive(Arbitrary, Debug, Clone)]
struct Server {
    url: Text,
    variables: Vec<(Name, Text, Vec<Text>)>,
}

#[derive(Arbitrary, Debug, Clone)]
enum Version {
    V303,
    V300,
    V30,
    V31,
    Swagger,
    Number,
    Missing,
    Other(Text),
}

/// A whole document.
#[derive(Arbitrary, Debug, Clone)]
pub struct Spec {
    version: Version,
    title: Text,
    info_version: Text,
    crate_name: Option<Text>,
    description: Option<Text>,
    servers: Vec<Server>,
    schemas: Vec<(Name, Schema)>,
    parameters: Vec<(Name, Item<Parameter>)>,
    responses: Vec<(Name, Item<Response>)>,
    request_bodies: Vec<(Name, Item<RequestBody>)>,
    security_schemes: Vec<(Name, Item<SecurityScheme>)>,
    security: Option<Vec<Vec<Name>>>,
    paths: Vec<PathItem>,
    /// Arbitrary JSON written over one place of the document.
    overwrite: Option<(Vec<Text>, Json)>,
    /// Written as YAML rather than JSON.
    yaml: bool,
}

impl Spec {
    /// The document as JSON.
    pub fn value(&self) -> Value {
        let mut doc = Map::new();
        match &self.version {
            Version::V303 => {
                doc.insert("openapi".into(), json!("3.0.3"));
            }
            Version::V300 => {
                doc.insert("openapi".into(), json!("3.0.0"));
            }
            Version::V30 => {
                doc.insert("openapi".into(), json!("3.0"));
            }
            Version::V31 => {
                doc.insert("openapi".into(), json!("3.1.0"));
            }
            Version::Swagger => {
                doc.insert("swagger".into(), json!("2.0"));
            }
            Version::Number => {
                doc.insert("openapi".into(), json!(3.0));
            }
            Version::Missing => {}
            Version::Other(t) => {
                doc.insert("openapi".into(), Value::String(t.value()));
            }
        }
        let mut info = Map::new();
        info.insert("title".into(), Value::String(self.title.value()));
        info.insert("version".into(), Value::String(self.info_version.value()));
        if let Some(t) = &self.crate_name {
            info.insert("x-rust-crate-name".into(), Value::String(t.value()));
        }
        if let Some(t) = &self.description {
            info.insert("description".into(), Value::String(t.value()));
        }
        doc.insert("info".into(), Value::Object(info));
        if !self.servers.is_empty() {
            let servers = self.servers.iter().map(|s| {
                let mut server = Map::new();
                server.insert("url".into(), Value::String(s.url.value()));
                if !s.variables.is_empty() {
                    let variables = s.variables.iter().map(|(name, default, values)| {
                        let mut v = Map::new();
                        v.insert("default".into(), Value::String(default.value()));
                        if !values.is_empty() {
                            v.insert("enum".into(), Value::Array(values.iter().map(|t| json!(t.value())).collect()));
                        }
                        (name.value(), Value::Object(v))
                    });
                    server.insert("variables".into(), Value::Object(variables.collect()));
                }
                Value::Object(server)
            });
            doc.insert("servers".into(), Value::Array(servers.collect()));
        }
        let mut paths = Map::new();
        for item in &self.paths {
            paths.insert(item.template(), item.value());
        }
        doc.insert("paths".into(), Value::Object(paths));

        let mut components = Map::new();
        if !self.schemas.is_empty() {
            components.insert("schemas".into(), properties(&self.schemas));
        }
        let sections: [(&str, Vec<(String, Value)>); 4] = [
            (
                "parameters",
                self.parameters
                    .iter()
                    .map(|(n, p)| (n.value(), p.value(Section::Parameters, Parameter::value)))
                    .collect(),
            ),
            (
                "responses",
                self.responses.iter().map(|(n, r)| (n.value(), r.value(Section::Responses, Response::value))).collect(),
            ),
            (
                "requestBodies",
                self.request_bodies
                    .iter()
                    .map(|(n, b)| (n.value(), b.value(Section::RequestBodies, RequestBody::value)))
                    .collect(),
            ),
            (
                "securitySchemes",
                self.security_schemes
                    .iter()
                    .map(|(n, s)| (n.value(), s.value(Section::SecuritySchemes, SecurityScheme::value)))
                    .collect(),
            ),
        ];
        for (key, entries) in sections {
            if !entries.is_empty() {
                components.insert(key.into(), Value::Object(entries.into_iter().collect()));
            }
        }
        if !components.is_empty() {
            doc.insert("components".into(), Value::Object(components));
        }
        if let Some(list) = &self.security {
            doc.insert("security".into(), security(list));
        }
        let mut doc = Value::Object(doc);
        if let Some((path, value)) = &self.overwrite {
            overwrite(&mut doc, path, value.value());
        }
        doc
    }

    /// The document as spec text, JSON or YAML.
    pub fn text(&self) -> String {
        let value = self.value();
        if self.yaml {
            serde_yaml::to_string(&value).unwrap_or_default()
        } else {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
    }
}

/// Writes `value` at the place `path` leads to, following existing keys where
/// they match (by index into objects and arrays) and stopping where they end.
fn overwrite(at: &mut Value, path: &[Text], value: Value) {
    if let Some((token, rest)) = path.split_first() {
        let key = token.value();
        let next = match at {
            Value::Object(map) if !map.is_empty() => {
                let index = key.len() % map.len();
                map.values_mut().nth(index)
            }
            Value::Array(items) if !items.is_empty() => {
                let index = key.len() % items.len();
                items.get_mut(index)
            }
            _ => None,
        };
        if let Some(next) = next {
            overwrite(next, rest, value);
            return;
        }
    }
    *at = value;
}
