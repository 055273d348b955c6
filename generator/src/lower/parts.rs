//! The parts of a `multipart/form-data` body: each property's `Content-Type`
//! and headers, from the spec's `encoding` object and the property's type.

use openapiv3::{Header, MediaType, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type as OaType};

use super::Lowerer;
use super::draft::Shape;
use super::security::is_token;
use crate::diag::Pointer;
use crate::model::{PartEncoding, Type, TypeId};

/// The media type of an object (or of each object of an array) sent as a part
/// the spec's `encoding` says nothing about: the Encoding Object's default.
const JSON: &str = "application/json";

impl<'a> Lowerer<'a> {
    /// How each property of the multipart body struct `id` is sent: the
    /// `encoding` entry's `contentType` (its first media type without a
    /// wildcard) and the headers whose value the spec fixes; else
    /// `application/json` for an object, and for each item of an array of
    /// objects (the Encoding Object's defaults). Only the parts that differ
    /// from the plain defaults are listed.
    pub(super) fn multipart_parts(&mut self, id: TypeId, media: &'a MediaType, at: &Pointer) -> Vec<PartEncoding> {
        let fields: Vec<(String, Type)> = match &self.types[id].shape {
            Shape::Struct(s) => s.fields.iter().filter_map(|f| Some((f.key()?.to_owned(), f.ty.clone()))).collect(),
            _ => return Vec::new(),
        };
        let mut parts = Vec::new();
        for (name, ty) in fields {
            let encoding = media.encoding.get(&name);
            let encoding_at = at.push("encoding").push(&name);
            let declared = encoding.and_then(|e| e.content_type.as_deref()).and_then(|types| {
                types.split(',').map(str::trim).find(|t| !t.is_empty() && !t.contains('*')).map(str::to_owned)
            });
            let content_type = declared.or_else(|| self.is_json_part(&ty).then(|| JSON.to_owned()));
            let mut headers = Vec::new();
            for (header_name, header) in encoding.map(|e| &e.headers).into_iter().flatten() {
                let header_at = encoding_at.push("headers").push(header_name);
                // `Content-Type` is described by `contentType` (the spec ignores it here).
                if header_name.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                match self.fixed_header_value(header) {
                    Some(value)
                        if is_token(header_name) && value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) =>
                    {
                        headers.push((header_name.clone(), value));
                    }
                    _ => self.warn(
                        &header_at,
                        "a part header is sent only with a value the spec fixes (`default`, or an `enum` of one value) that HTTP can carry; this one is not sent",
                    ),
                }
            }
            if content_type.is_some() || !headers.is_empty() {
                parts.push(PartEncoding { name, content_type, headers });
            }
        }
        parts
    }

    /// Whether a part of type `ty` is JSON: an object, a map, any JSON value, or
    /// an array of those (each item its own part).
    fn is_json_part(&self, ty: &Type) -> bool {
        match ty {
            Type::Json | Type::Map(_) => true,
            Type::Vec(item) | Type::Option(item) => self.is_json_part(item),
            Type::Named(id) => match &self.types[*id].shape {
                Shape::Struct(_) | Shape::Union(_) | Shape::Tuple(_) => true,
                Shape::Alias(target) => matches!(target, Type::Json | Type::Map(_)) || self.is_json_part(target),
                _ => false,
            },
            _ => false,
        }
    }

    /// The value a part header's schema fixes: its `default`, or its one `enum` value.
    fn fixed_header_value(&mut self, header: &'a ReferenceOr<Header>) -> Option<String> {
        let header = match header {
            ReferenceOr::Item(header) => header,
            ReferenceOr::Reference { reference } => {
                let name = super::resolve::parse_ref(reference).ok()?.component("headers")?;
                self.doc.api.components.as_ref()?.headers.get(&name)?.as_item()?
            }
        };
        let ParameterSchemaOrContent::Schema(schema) = &header.format else { return None };
        let schema = match schema {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => self.resolver.schema(reference).ok()?.1,
        };
        let value = schema.schema_data.default.clone().or_else(|| match &schema.schema_kind {
            SchemaKind::Type(OaType::String(s)) if s.enumeration.len() == 1 => {
                s.enumeration[0].clone().map(serde_json::Value::String)
            }
            _ => None,
        })?;
        match value {
            serde_json::Value::String(text) => Some(text),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lower::{Options, lower};
    use crate::model::{Api, BodyEncoding, ParamLocation, PartEncoding, Style, Type};

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Parts, version: 1.0.0 }
paths:
  /items/{id}:
    post:
      operationId: post_item
      parameters:
        - { name: id, in: path, required: true, style: matrix, explode: true, schema: { type: array, items: { type: string } } }
        - { name: tag, in: path, required: false, style: label, schema: { type: string } }
        - { name: X-Color, in: header, explode: true, schema: { type: object, properties: { r: { type: integer } } } }
        - { name: q, in: query, allowReserved: true, allowEmptyValue: true, schema: { type: string } }
        - name: filter
          in: query
          content: { application/json: { schema: { type: object, properties: { a: { type: integer } } } } }
        - { name: raw, in: query, content: { text/plain: { schema: { type: string } } } }
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: { type: string, format: binary }
                meta: { type: object, properties: { a: { type: string } } }
                list: { type: array, items: { type: object, properties: { a: { type: string } } } }
                words: { type: array, items: { type: string } }
                text: { type: string }
            encoding:
              file:
                contentType: "image/*, image/png, image/jpeg"
                headers:
                  X-Fixed: { schema: { type: string, enum: [one] } }
                  X-Free: { schema: { type: integer } }
                  Content-Type: { schema: { type: string, default: text/plain } }
      responses:
        "204": { description: Done. }
"##;

    fn api() -> (Api, Vec<String>) {
        let doc = crate::load::load(SPEC).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        (lowered.api, lowered.warnings.iter().map(|w| w.display_for("spec")).collect())
    }

    #[test]
    fn every_style_and_flag_of_a_parameter_is_kept() {
        let (api, warnings) = api();
        let op = &api.operations[0];
        let path = &op.path_params[0];
        assert_eq!((path.style, path.explode), (Style::Matrix, true));
        let params: Vec<(&str, ParamLocation, Style, bool, bool, bool)> = op
            .params
            .iter()
            .map(|p| (p.wire_name.as_str(), p.location, p.style, p.explode, p.allow_reserved, p.allow_empty))
            .collect();
        assert_eq!(
            params,
            [
                ("x-color", ParamLocation::Header, Style::Simple, true, false, false),
                ("q", ParamLocation::Query, Style::Form, true, true, true),
                ("filter", ParamLocation::Query, Style::Json, true, false, false),
                ("raw", ParamLocation::Query, Style::Form, true, false, false),
            ]
        );
        assert!(matches!(op.params[2].ty, Type::Named(_)), "a JSON content parameter has its schema's type");
        assert!(!warnings.iter().any(|w| w.contains("simple")), "no style is downgraded: {warnings:?}");
        assert!(
            warnings.iter().any(|w| w.contains("/parameters/5") && w.contains("other than JSON")),
            "{warnings:?}"
        );
    }

    #[test]
    fn multipart_parts_get_their_encoding_and_json_for_objects() {
        let (api, warnings) = api();
        let Some(BodyEncoding::Multipart(parts)) = api.operations[0].body.as_ref().map(|b| &b.encoding) else {
            panic!("{:?}", api.operations[0].body)
        };
        let part = |name: &str, content_type: Option<&str>, headers: &[(&str, &str)]| PartEncoding {
            name: name.to_owned(),
            content_type: content_type.map(str::to_owned),
            headers: headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
        };
        assert_eq!(
            *parts,
            [
                part("file", Some("image/png"), &[("X-Fixed", "one")]),
                part("meta", Some("application/json"), &[]),
                part("list", Some("application/json"), &[]),
            ]
        );
        let header_warnings: Vec<&String> = warnings.iter().filter(|w| w.contains("part header")).collect();
        assert_eq!(header_warnings.len(), 1, "{warnings:?}");
        assert!(header_warnings[0].contains("/encoding/file/headers/X-Free"), "{header_warnings:?}");
    }
}
