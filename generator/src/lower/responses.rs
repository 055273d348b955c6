//! Responses: each documented status with its body and headers, and the one
//! Rust type each side (success, error) of an operation answers with.

use openapiv3::{Header, ReferenceOr, StatusCode};

use super::draft::{CaseDraft, ResponsesDraft, Shape};
use super::media::{MediaKind, choose_media, example_of};
use super::{Lowerer, resolve};
use crate::diag::Pointer;
use crate::model::{EVENT_STREAM, BodyKind, Docs, OutcomeType, OutcomeVariant, ResponseHeader, StatusMatch, Type};
use crate::naming::{self, Namespace};

/// Which side of an operation's result a set of responses is.
#[derive(Clone, Copy)]
enum Side {
    Success,
    Error,
}

impl<'a> Lowerer<'a> {
    /// The documented responses of an operation; `stem` names its outcome enums.
    /// The responses to a `HEAD` request have no body.
    pub(super) fn responses(
        &mut self,
        op: &'a openapiv3::Operation,
        at: &Pointer,
        stem: &str,
        head: bool,
    ) -> ResponsesDraft {
        let responses_at = at.push("responses");
        let mut entries: Vec<(StatusMatch, &'a ReferenceOr<openapiv3::Response>)> = op
            .responses
            .responses
            .iter()
            .map(|(code, node)| match code {
                StatusCode::Code(n) => (StatusMatch::Code(*n), node),
                StatusCode::Range(n) => (StatusMatch::Range(u8::try_from(*n).unwrap_or(9)), node),
            })
            .collect();
        if let Some(node) = &op.responses.default {
            entries.push((StatusMatch::Default, node));
        }
        let mut success = Vec::new();
        let mut errors = Vec::new();
        // The media types the client reads, and whether a response offers a choice.
        let mut read: Vec<&str> = Vec::new();
        let mut choice = false;
        if entries.is_empty() {
            // OpenAPI 3.1 lets an operation document no response at all.
            success.push(CaseDraft {
                status: StatusMatch::Range(2),
                body: BodyKind::Empty,
                variant: None,
                docs: Docs {
                    description: Some("The spec documents no response: any 2xx status is a success.".to_owned()),
                    ..Docs::default()
                },
                headers: Vec::new(),
            });
        }
        for (status, node) in entries {
            let response_at = responses_at.push(status.key());
            let (target, response) = match self.resolver.follow(node) {
                Ok(found) => found,
                Err(message) => {
                    self.error(&response_at, message);
                    continue;
                }
            };
            if !head && !has_no_body(status) && response.content.len() > 1 {
                choice = true;
            }
            if let Some((media_type, _, _)) = choose_media(&response.content) {
                if !read.contains(&media_type) {
                    read.push(media_type);
                }
            }
            let case = self.response(status, response, &target.unwrap_or(response_at), head);
            if status.is_success() {
                success.push(case);
            } else {
                errors.push(case);
            }
        }
        self.settle_event_streams(&mut success, at, true);
        self.settle_event_streams(&mut errors, at, false);
        let success_type = self.outcome_type(&mut success, at, &naming::response_type(stem), Side::Success);
        let error_type = self.outcome_type(&mut errors, at, &naming::error_type(stem), Side::Error);
        // Only what a header can carry (visible ASCII), and no range the client cannot choose from.
        let accept = read.join(", ");
        let sendable = accept.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
        let accept = (choice && sendable && !accept.is_empty()).then_some(accept);
        // An event stream is asked for as the EventSource standard does: servers
        // that negotiate answer JSON to `*/*`.
        let accept = match &success_type {
            OutcomeType::Single(BodyKind::Events(_)) if accept.is_none() => Some(EVENT_STREAM.to_owned()),
            _ => accept,
        };
        ResponsesDraft { success, errors, success_type, error_type, accept }
    }

    /// One response, written at `at`.
    fn response(
        &mut self,
        status: StatusMatch,
        response: &'a openapiv3::Response,
        at: &Pointer,
        head: bool,
    ) -> CaseDraft {
        let content = if head || has_no_body(status) { None } else { choose_media(&response.content) };
        let (body, example) = match content {
            None => (BodyKind::Empty, None),
            Some((media_type, media, kind)) => {
                let body = match (kind, &media.schema) {
                    (MediaKind::Json, Some(schema)) => {
                        let schema_at = at.push("content").push(media_type).push("schema");
                        let lowered = self.schema_use(schema.into(), &schema_at, 0);
                        BodyKind::Json(lowered.ty.nullable_if(lowered.nullable))
                    }
                    (MediaKind::Json, None) => BodyKind::Json(Type::Json),
                    (MediaKind::EventStream, _) => {
                        let schema_at = at.push("content").push(media_type).push("schema");
                        BodyKind::Events(self.event_data(media, &schema_at))
                    }
                    (MediaKind::Text, _) => BodyKind::Text,
                    _ => BodyKind::Binary,
                };
                (body, example_of(media))
            }
        };
        let headers = response
            .headers
            .iter()
            .map(|(name, header)| ResponseHeader { name: name.clone(), description: self.header_description(header) })
            .collect();
        CaseDraft {
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
        }
    }

    /// The description of a response header, following a reference to `#/components/headers`.
    fn header_description(&self, header: &ReferenceOr<Header>) -> Option<String> {
        match header {
            ReferenceOr::Item(h) => h.description.clone(),
            ReferenceOr::Reference { reference } => {
                let name = resolve::parse_ref(reference).ok()?.component("headers")?;
                let components = self.doc.api.components.as_ref()?;
                components.headers.get(&name)?.as_item()?.description.clone()
            }
        }
    }

    /// One Rust type for several responses: their common body kind, or an
    /// enum with one variant per response (recorded in each case).
    fn outcome_type(&mut self, cases: &mut [CaseDraft], at: &Pointer, name: &str, side: Side) -> OutcomeType {
        let mut kinds: Vec<&BodyKind> = Vec::new();
        for case in cases.iter() {
            if !kinds.contains(&&case.body) {
                kinds.push(&case.body);
            }
        }
        match kinds.as_slice() {
            [] => return OutcomeType::Single(BodyKind::Empty),
            [kind] => return OutcomeType::Single((*kind).clone()),
            _ => {}
        }
        let mut names = Namespace::new();
        let mut variants = Vec::new();
        for case in cases.iter_mut() {
            let variant = names.claim(naming::status_variant(&case.status.key()));
            case.variant = Some(variant.clone());
            let body = match &case.body {
                BodyKind::Empty => None,
                BodyKind::Json(ty) => Some(ty.clone()),
                BodyKind::Text => Some(Type::String),
                BodyKind::Binary => Some(Type::Bytes),
                // An event stream among other kinds of response is read as text (`settle_event_streams`).
                BodyKind::Events(_) => Some(Type::String),
            };
            variants.push(OutcomeVariant { name: variant, body, docs: case.docs.clone() });
        }
        let what = match side {
            Side::Success => "response",
            Side::Error => "error",
        };
        let docs = Docs {
            summary: Some(format!("The documented {what} bodies of one operation, one variant per status.")),
            ..Docs::default()
        };
        let id = self.new_type(&at.push("responses").push(format!("x-{what}")), name.to_owned(), docs, None);
        self.types[id].shape = Shape::Outcome(variants);
        OutcomeType::Enum(id)
    }
}

/// Whether responses with this status never have a body (RFC 9110: 1xx, 204
/// No Content, 205 Reset Content, 304 Not Modified), whatever content the
/// spec lists for them: the client reads none.
fn has_no_body(status: StatusMatch) -> bool {
    matches!(status, StatusMatch::Code(100..=199 | 204 | 205 | 304) | StatusMatch::Range(1))
}
