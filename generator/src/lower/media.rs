//! Media types: which encoding a content entry uses, which entry of several
//! is chosen, and request bodies.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, MediaType, QueryStyle, ReferenceOr, Schema, SchemaKind, StringFormat, Type as OaType,
};
use serde_json::Value;

use super::classify::{Class, Inline, classify};
use super::schema::Use;
use super::{Lowerer, Skip};
use crate::diag::Pointer;
use super::draft::Shape;
use crate::model::{BodyEncoding, Docs, FormField, RequestBody, Style, Type, TypeId};

/// How a media type is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MediaKind {
    Json,
    Form,
    Multipart,
    Text,
    Binary,
    /// Server-sent events (`text/event-stream`).
    EventStream,
}

/// The encoding of a content entry, from its media type (and, for wildcards, its schema).
pub(super) fn media_kind(media_type: &str, media: &MediaType) -> MediaKind {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let (top, sub) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
    if sub == "json" || sub.ends_with("+json") || sub.starts_with("json") || sub.contains("json-") {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if top == "multipart" {
        MediaKind::Multipart
    } else if essence == "text/event-stream" {
        MediaKind::EventStream
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

/// The content entry to use: JSON first, then form, multipart, text, binary and
/// server-sent events (a stream is the answer of a method only when it is the only one).
pub(super) fn choose_media(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType, MediaKind)> {
    let order = [
        MediaKind::Json,
        MediaKind::Form,
        MediaKind::Multipart,
        MediaKind::Text,
        MediaKind::Binary,
        MediaKind::EventStream,
    ];
    let kinds: Vec<(&str, &MediaType, MediaKind)> =
        content.iter().map(|(name, media)| (name.as_str(), media, media_kind(name, media))).collect();
    order.iter().find_map(|wanted| kinds.iter().find(|(_, _, kind)| kind == wanted).copied())
}

/// The example of a content entry: its `example`, else its first `examples` value.
pub(super) fn example_of(media: &MediaType) -> Option<Value> {
    media.example.clone().or_else(|| media.examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone())))
}

/// Whether a media type is JSON Patch (RFC 6902), whose documents are arrays.
fn is_json_patch(media_type: &str) -> bool {
    media_type.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case("application/json-patch+json")
}

/// Whether a schema is a string of `format: binary`.
fn is_binary_schema(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(OaType::String(s)) => {
            matches!(s.format, openapiv3::VariantOrUnknownOrEmpty::Item(StringFormat::Binary))
        }
        SchemaKind::Any(any) => any.format.as_deref() == Some("binary"),
        _ => false,
    }
}

impl<'a> Lowerer<'a> {
    /// The request body of an operation; `Err` skips the operation.
    pub(super) fn request_body(
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
            return Err(Skip::Unsupported(body_at.push("content"), "no supported media type".to_owned()));
        };
        let schema_at = body_at.push("content").push(media_type).push("schema");
        // An optional body that can hold nothing (Stripe's GET and DELETE
        // operations declare one) is no argument.
        if !body.required && self.holds_nothing(media.schema.as_ref()) {
            self.warn(
                &schema_at,
                "this optional request body allows no property (`additionalProperties: false` and no `properties`), so it carries nothing; the method takes no body",
            );
            return Ok(None);
        }
        let lowered = match &media.schema {
            Some(schema) => self.schema_use(schema.into(), &schema_at, 0),
            None => Use::of(Type::Json),
        };
        let docs = Docs {
            summary: None,
            description: body.description.clone(),
            example: example_of(media),
            deprecated: false,
        };
        let (ty, encoding) = match kind {
            MediaKind::Json if is_json_patch(media_type) && lowered.ty.is_json_object() => {
                // Kubernetes' `Patch` body: its schema says object, RFC 6902 an array.
                self.warn_once(
                    &schema_at,
                    "a JSON Patch body (`application/json-patch+json`) is an array of operations (RFC 6902), but its schema is an object; it is typed as any JSON value",
                );
                (Type::Json, BodyEncoding::Json(media_type.to_owned()))
            }
            MediaKind::Json => (lowered.ty, BodyEncoding::Json(sent_media_type(media_type, "application/json"))),
            MediaKind::Form => (lowered.ty, BodyEncoding::Form(form_fields(media))),
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
                        let encoding = BodyEncoding::MultipartFile;
                        return Ok(Some(RequestBody { ty: Type::Upload, encoding, required: body.required, docs }));
                    }
                    if lowered.ty == Type::Json || lowered.ty.is_json_object() {
                        // No field is described (any value, or a free-form
                        // object): the caller names the parts.
                        let encoding = BodyEncoding::MultipartForm;
                        return Ok(Some(RequestBody { ty: Type::Json, encoding, required: body.required, docs }));
                    }
                    return Err(Skip::Unsupported(
                        schema_at,
                        "a multipart body must be an object schema or a binary string".to_owned(),
                    ));
                };
                // The struct's fields exist once it is built: it may still wait in the queue.
                self.drain();
                self.mark_file_fields(id, media.schema.as_ref());
                let parts = self.multipart_parts(id, media, &body_at.push("content").push(media_type));
                (Type::Named(id), BodyEncoding::Multipart(parts))
            }
            MediaKind::Text | MediaKind::EventStream => {
                (Type::String, BodyEncoding::Text(sent_media_type(media_type, "text/plain")))
            }
            MediaKind::Binary => {
                (Type::Upload, BodyEncoding::Binary(sent_media_type(media_type, "application/octet-stream")))
            }
        };
        Ok(Some(RequestBody { ty, encoding, required: body.required, docs }))
    }

    /// Whether a body's schema allows only the empty object: an object without
    /// properties whose `additionalProperties` is `false`.
    fn holds_nothing(&mut self, schema: Option<&'a ReferenceOr<Schema>>) -> bool {
        let schema = match schema {
            Some(ReferenceOr::Item(schema)) => schema,
            Some(ReferenceOr::Reference { reference }) => match self.resolver.schema(reference) {
                Ok((_, schema)) => schema,
                Err(_) => return false,
            },
            None => return false,
        };
        !schema.schema_data.nullable
            && matches!(classify(schema), Class::Inline(Inline::Map(Some(AdditionalProperties::Any(false)))))
    }

    /// In a multipart body, `format: binary` string properties are file parts: uploads.
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
        // A binary string is a file part; an array of them, one file part per item.
        let files: Vec<(&String, Type)> = properties
            .iter()
            .filter_map(|(name, node)| {
                let ReferenceOr::Item(schema) = node else { return None };
                if is_binary_schema(schema) {
                    return Some((name, Type::Upload));
                }
                match &schema.schema_kind {
                    SchemaKind::Type(OaType::Array(array)) => match &array.items {
                        Some(ReferenceOr::Item(item)) if is_binary_schema(item) => {
                            Some((name, Type::Vec(Box::new(Type::Upload))))
                        }
                        _ => None,
                    },
                    _ => None,
                }
            })
            .collect();
        if let Shape::Struct(s) = &mut self.types[id].shape {
            for field in &mut s.fields {
                if let Some((_, ty)) = files.iter().find(|(name, _)| field.key() == Some(name.as_str())) {
                    field.ty = ty.clone();
                }
            }
        }
    }
}

/// The `Content-Type` a request body is sent with: the spec's media type, or
/// `fallback` when the spec gives a range (`*/*`, `application/*`), which no
/// request can carry.
fn sent_media_type(media_type: &str, fallback: &str) -> String {
    if media_type.contains('*') { fallback.to_owned() } else { media_type.to_owned() }
}

/// The styles of a form body's properties that the spec's `encoding` names.
fn form_fields(media: &MediaType) -> Vec<FormField> {
    media
        .encoding
        .iter()
        .map(|(name, encoding)| {
            let style = match encoding.style {
                Some(QueryStyle::DeepObject) => Style::DeepObject,
                Some(QueryStyle::SpaceDelimited) => Style::SpaceDelimited,
                Some(QueryStyle::PipeDelimited) => Style::PipeDelimited,
                _ => Style::Form,
            };
            let explode =
                encoding.explode || matches!(style, Style::Form | Style::DeepObject) && encoding.style.is_none();
            FormField { name: name.clone(), style, explode, allow_reserved: encoding.allow_reserved }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(schema: Option<&str>) -> MediaType {
        let schema = schema.map(|text| serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}")));
        MediaType { schema, ..MediaType::default() }
    }

    #[test]
    fn media_types_are_classified_by_their_essence() {
        let none = media(None);
        assert_eq!(media_kind("application/json; charset=utf-8", &none), MediaKind::Json);
        assert_eq!(media_kind("application/merge-patch+json", &none), MediaKind::Json);
        assert_eq!(media_kind("application/x-www-form-urlencoded", &none), MediaKind::Form);
        assert_eq!(media_kind("multipart/form-data", &none), MediaKind::Multipart);
        assert_eq!(media_kind("text/plain", &none), MediaKind::Text);
        assert_eq!(media_kind("text/event-stream; charset=utf-8", &none), MediaKind::EventStream);
        assert_eq!(media_kind("application/xml", &none), MediaKind::Text);
        assert_eq!(media_kind("application/octet-stream", &none), MediaKind::Binary);
        assert_eq!(media_kind("*/*", &none), MediaKind::Binary);
        assert_eq!(media_kind("*/*", &media(Some(r#"{"type": "string", "format": "binary"}"#))), MediaKind::Binary);
        assert_eq!(media_kind("*/*", &media(Some(r#"{"type": "string"}"#))), MediaKind::Text);
        assert_eq!(media_kind("*/*", &media(Some(r#"{"type": "object"}"#))), MediaKind::Json);
    }

    #[test]
    fn json_is_preferred_over_other_media_types() {
        let content: IndexMap<String, MediaType> =
            ["text/plain", "application/json", "application/octet-stream"].map(|m| (m.to_owned(), media(None))).into();
        assert_eq!(
            choose_media(&content).map(|(name, _, kind)| (name, kind)),
            Some(("application/json", MediaKind::Json))
        );
    }
}
