//! Streamed answers: server-sent event bodies (`text/event-stream`), what each
//! event's data is, and the second method an operation gets when its answer can
//! be streamed (its binary body as bytes arrive, or events where the spec offers
//! them beside JSON and a boolean `stream` property of the body, or the `Accept`
//! header of an operation without a body, asks for them).

use openapiv3::{MediaType, Schema};

use super::classify::{Class, classify};
use super::draft::{CaseDraft, ResponsesDraft, Shape};
use super::media::{MediaKind, media_kind};
use super::schema::Node;
use super::{Lowerer, Skip};
use crate::diag::Pointer;
use crate::model::{BodyKind, EventData, OutcomeType, RequestBody, StreamKind, StreamMethod, Switch, Type};
use crate::naming::{self, Ident};

/// How deep nested `oneOf`/`anyOf` are followed to find the events of a keyed union.
const MAX_KEYED_DEPTH: usize = 8;

/// The property of a request body that asks for server-sent events.
const STREAM_PROPERTY: &str = "stream";

/// A union of event objects found in the spec: where it is written, and the
/// `event` value of each of its alternatives (several for a nested union).
pub(super) struct KeyedUnion {
    pointer: Pointer,
    tags: Vec<Vec<String>>,
}

impl<'a> Lowerer<'a> {
    /// The data of the events of a `text/event-stream` content entry.
    pub(super) fn event_data(&mut self, media: &'a MediaType, at: &Pointer) -> EventData {
        let Some(schema) = &media.schema else { return EventData::Text };
        let node: Node<'a> = schema.into();
        let keyed = self.keyed_union(node, at, 0);
        let lowered = self.schema_use(node, at, 0);
        let ty = lowered.ty.nullable_if(lowered.nullable);
        match (keyed, ty) {
            (_, Type::String) => EventData::Text,
            (Some(found), ty @ Type::Named(_)) => {
                self.keyed_unions.extend(found);
                EventData::Keyed(ty)
            }
            (_, ty) => EventData::Json(ty),
        }
    }

    /// When the schema at `node` is a union (possibly of unions) whose every
    /// alternative is an object of an `event` with one value and its `data`, each
    /// union found with the events of its alternatives.
    fn keyed_union(&mut self, node: Node<'a>, at: &Pointer, depth: usize) -> Option<Vec<KeyedUnion>> {
        if depth > MAX_KEYED_DEPTH {
            return None;
        }
        let (pointer, schema) = match node {
            Node::Ref(reference) => self.resolver.schema(reference).ok()?,
            Node::Inline(schema) => (at.clone(), schema),
        };
        let Class::Union { keyword, alternatives, beside } = classify(schema) else { return None };
        // Properties beside the alternatives belong to each: the plain union carries them.
        if !beside.is_empty() {
            return None;
        }
        let mut found = Vec::new();
        let mut tags = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let alternative_at = pointer.push(keyword.as_str()).push(index.to_string());
            let node: Node<'a> = alternative.into();
            if let Some(event) = self.event_of(node) {
                tags.push(vec![event]);
            } else {
                let inner = self.keyed_union(node, &alternative_at, depth + 1)?;
                tags.push(inner.iter().flat_map(|union| union.tags.iter().flatten().cloned()).collect());
                found.extend(inner);
            }
        }
        found.push(KeyedUnion { pointer, tags });
        Some(found)
    }

    /// The one value of the `event` property of an event object that also has `data`.
    fn event_of(&mut self, node: Node<'a>) -> Option<String> {
        let schema: &'a Schema = match node {
            Node::Ref(reference) => self.resolver.schema(reference).ok()?.1,
            Node::Inline(schema) => schema,
        };
        let Class::Object { properties, .. } = classify(schema) else { return None };
        if !properties.contains_key("data") {
            return None;
        }
        self.single_value(schema, "event", 0)
    }

    /// The unions of event objects become unions discriminated by `event`, now
    /// that their types are built.
    pub(super) fn key_event_unions(&mut self) {
        for KeyedUnion { pointer, tags } in std::mem::take(&mut self.keyed_unions) {
            let Some(&id) = self.by_pointer.get(&pointer) else { continue };
            if let Shape::Union(union) = &mut self.types[id].shape {
                if union.variants.len() == tags.len() {
                    for (variant, tags) in union.variants.iter_mut().zip(tags) {
                        variant.tags = tags;
                    }
                    union.discriminator = Some("event".to_owned());
                }
            }
        }
    }

    /// An event stream among several kinds of response is read as text: one
    /// method cannot return both a stream and a body.
    pub(super) fn settle_event_streams(&mut self, cases: &mut [CaseDraft], at: &Pointer, success: bool) {
        let mut kinds: Vec<&BodyKind> = Vec::new();
        for case in cases.iter() {
            if !kinds.contains(&&case.body) {
                kinds.push(&case.body);
            }
        }
        if success && kinds.len() <= 1 {
            return;
        }
        for case in cases.iter_mut().filter(|case| matches!(case.body, BodyKind::Events(_))) {
            case.body = BodyKind::Text;
            let why = if success { "beside other kinds of success response" } else { "as an error response" };
            self.warn(
                &at.push("responses").push(case.status.key()),
                format!("a `text/event-stream` response {why} is read in full, as text"),
            );
        }
    }

    /// The second method of an operation whose answer can be streamed, named
    /// `{name}_stream`: server-sent events where the spec offers them beside JSON
    /// and the body's boolean `stream` property chooses, or the operation has no
    /// body (the `Accept` header chooses), else the bytes of a binary success body.
    pub(super) fn stream_method(
        &mut self,
        op: &'a openapiv3::Operation,
        at: &Pointer,
        name: &Ident,
        responses: &ResponsesDraft,
        body: Option<&RequestBody>,
    ) -> Result<Option<StreamMethod>, Skip> {
        let events = self.alternative_events(op, at, responses);
        let kind = match (events, body) {
            (Some(data), Some(body)) => {
                self.stream_switch(body).map(|switch| StreamKind::Events { data, switch: Some(switch) })
            }
            // Nothing in a body to choose with: `Accept` chooses.
            (Some(data), None) => Some(StreamKind::Events { data, switch: None }),
            _ => None,
        };
        let kind = kind
            .or_else(|| (responses.success_type == OutcomeType::Single(BodyKind::Binary)).then_some(StreamKind::Bytes));
        Ok(kind.map(|kind| StreamMethod { name: self.method_names.claim(naming::stream_method(name)), kind }))
    }

    /// The event data of a JSON success response that also offers `text/event-stream`.
    fn alternative_events(
        &mut self,
        op: &'a openapiv3::Operation,
        at: &Pointer,
        responses: &ResponsesDraft,
    ) -> Option<EventData> {
        if !matches!(responses.success_type, OutcomeType::Single(BodyKind::Json(_))) {
            return None;
        }
        for (code, node) in &op.responses.responses {
            let openapiv3::StatusCode::Code(code) = code else { continue };
            if !(200..300).contains(code) {
                continue;
            }
            let response_at = at.push("responses").push(code.to_string());
            let Ok((target, response)) = self.resolver.follow(node) else { continue };
            let response_at = target.unwrap_or(response_at);
            let found = response
                .content
                .iter()
                .find(|(media_type, media)| media_kind(media_type, media) == MediaKind::EventStream);
            if let Some((media_type, media)) = found {
                let schema_at = response_at.push("content").push(media_type).push("schema");
                return Some(self.event_data(media, &schema_at));
            }
        }
        None
    }

    /// The boolean `stream` field of a required request body's struct.
    fn stream_switch(&mut self, body: &RequestBody) -> Option<Switch> {
        if !body.required {
            return None;
        }
        let Type::Named(mut id) = body.ty else { return None };
        // The body's struct may still be waiting in the work queue.
        self.drain();
        if let Shape::Alias(Type::Named(target)) = &self.types[id].shape {
            id = *target;
        }
        let Shape::Struct(fields) = &self.types[id].shape else { return None };
        let field =
            fields.fields.iter().find(|field| field.key() == Some(STREAM_PROPERTY) && field.ty == Type::Bool)?;
        Some(Switch { field: field.name.clone(), presence: field.presence })
    }
}

#[cfg(test)]
mod tests {
    use crate::lower::{Options, lower};
    use crate::model::{Api, BodyKind, EventData, OutcomeType, StreamKind};

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Streams, version: 1.0.0 }
paths:
  /download:
    get:
      operationId: download
      responses:
        "200": { description: Bytes., content: { application/octet-stream: { schema: { type: string, format: binary } } } }
  /download-stream:
    get:
      operationId: download_stream
      responses:
        "204": { description: Done. }
  /complete:
    post:
      operationId: complete
      requestBody:
        required: true
        content:
          application/json:
            schema: { type: object, properties: { stream: { type: boolean } } }
      responses:
        "200":
          description: JSON or events.
          content:
            application/json: { schema: { type: object, properties: { text: { type: string } } } }
            text/event-stream: { schema: { type: object, properties: { delta: { type: string } } } }
  /no-switch:
    post:
      operationId: no_switch
      requestBody:
        required: true
        content: { application/json: { schema: { type: object, properties: { prompt: { type: string } } } } }
      responses:
        "200":
          description: JSON or events, and nothing in the body to choose.
          content:
            application/json: { schema: { type: object, properties: { text: { type: string } } } }
            text/event-stream: { schema: { type: string } }
  /stats:
    get:
      operationId: stats
      responses:
        "200":
          description: JSON or events, chosen by `Accept`.
          content:
            application/json: { schema: { type: object, properties: { count: { type: integer } } } }
            text/event-stream: { schema: { type: object, properties: { count: { type: integer } } } }
  /mixed:
    get:
      operationId: mixed
      responses:
        "200": { description: Events., content: { text/event-stream: {} } }
        "201": { description: JSON., content: { application/json: { schema: { type: integer } } } }
"##;

    fn api() -> (Api, Vec<String>) {
        let doc = crate::load::load(SPEC).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        (lowered.api, lowered.warnings.iter().map(|w| w.display_for("spec")).collect())
    }

    #[test]
    fn stream_methods_are_named_after_their_operation_after_every_operation_name() {
        let (api, _) = api();
        let stream = |name: &str| {
            let op = api.operations.iter().find(|op| op.name.as_str() == name).unwrap_or_else(|| panic!("{name}"));
            op.stream.as_ref().map(|stream| (stream.name.as_str().to_owned(), matches!(stream.kind, StreamKind::Bytes)))
        };
        // `download_stream` is an operation's name, so the stream method of `download` is numbered.
        assert_eq!(stream("download"), Some(("download_stream_2".to_owned(), true)));
        assert_eq!(stream("download_stream"), None);
        assert_eq!(stream("complete"), Some(("complete_stream".to_owned(), false)));
        assert_eq!(stream("no_switch"), None, "without a `stream` property the caller could not ask for events");
        assert_eq!(stream("stats"), Some(("stats_stream".to_owned(), false)), "without a body, `Accept` chooses");
    }

    #[test]
    fn the_stream_method_sets_the_switch_and_decodes_the_event_schema() {
        let (api, _) = api();
        let op = api.operations.iter().find(|op| op.name.as_str() == "complete").unwrap_or_else(|| panic!("complete"));
        let Some(StreamKind::Events { data: EventData::Json(_), switch: Some(switch) }) =
            op.stream.as_ref().map(|s| &s.kind)
        else {
            panic!("{:?}", op.stream)
        };
        assert_eq!(switch.field.as_str(), "stream");
        assert!(matches!(op.responses.success_type, OutcomeType::Single(BodyKind::Json(_))), "the JSON method stays");
    }

    #[test]
    fn an_event_stream_among_other_success_bodies_is_read_as_text_with_a_warning() {
        let (api, warnings) = api();
        let op = api.operations.iter().find(|op| op.name.as_str() == "mixed").unwrap_or_else(|| panic!("mixed"));
        assert_eq!(op.responses.success[0].body, BodyKind::Text);
        assert!(
            warnings.iter().any(|w| w.contains("/responses/200") && w.contains("read in full, as text")),
            "{warnings:?}"
        );
    }
}
