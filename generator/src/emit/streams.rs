//! Methods that return streams: an operation answered with server-sent events
//! (its method returns an `EventStream`), and the `_stream` method of an
//! operation whose answer can be streamed (events the spec offers beside JSON,
//! or the bytes of a binary body). And what streams and uploads an API has, for
//! the runtime modules, the manifest, the builder and the crate's re-exports.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::SecuritySets;
use super::operation::{self, outcome_type, status_arm, status_pattern};
use super::{Scope, docs, examples, rust_type};
use crate::model::EVENT_STREAM;
use crate::model::{
    Api, BodyEncoding, BodyKind, EventData, Gate, Operation, OutcomeType, Presence, Side, StatusMatch, StatusOutcome,
    StreamKind, StreamMethod,
};

/// The streams and uploads an API's operations have: when the operations
/// that have each are compiled (never, when none has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streaming {
    /// Some operation answers with server-sent events.
    pub events: Gate,
    /// Some operation streams a binary body.
    pub bytes: Gate,
    /// Some request body is an upload (binary or multipart).
    pub uploads: Gate,
    /// Some request body is a multipart form whose parts the caller names.
    pub forms: Gate,
}

impl Streaming {
    /// What `api` has.
    pub fn of(api: &Api) -> Self {
        let mut streaming =
            Streaming { events: Gate::never(), bytes: Gate::never(), uploads: Gate::never(), forms: Gate::never() };
        for op in &api.operations {
            let add = |gate: &mut Gate, has: bool| {
                if has {
                    *gate = gate.union(&op.gate);
                }
            };
            let stream = op.stream.as_ref().map(|stream| &stream.kind);
            add(
                &mut streaming.events,
                matches!(op.responses.success_type, OutcomeType::Single(BodyKind::Events(_)))
                    || matches!(stream, Some(StreamKind::Events { .. })),
            );
            add(&mut streaming.bytes, matches!(stream, Some(StreamKind::Bytes)));
            add(
                &mut streaming.uploads,
                op.body.as_ref().is_some_and(|body| {
                    matches!(
                        body.encoding,
                        BodyEncoding::Binary(_)
                            | BodyEncoding::Multipart(_)
                            | BodyEncoding::MultipartFile
                            | BodyEncoding::MultipartForm
                    )
                }),
            );
            add(
                &mut streaming.forms,
                op.body.as_ref().is_some_and(|body| matches!(body.encoding, BodyEncoding::MultipartForm)),
            );
        }
        streaming
    }

    /// When a response body is read as a stream.
    pub fn streams(&self) -> Gate {
        self.events.union(&self.bytes)
    }

    /// When a body is streamed either way (a response read or an upload sent as it goes).
    pub fn any(&self) -> Gate {
        self.streams().union(&self.uploads)
    }
}

/// The return type and body of the method of an operation answered with
/// server-sent events, after its request `statements`.
pub(super) fn events(api: &Api, op: &Operation, data: &EventData, statements: &[TokenStream]) -> TokenStream {
    let err = outcome_type(api, &op.responses.error_type);
    let (item, decode) = event_item(api, data);
    let body = open_then(api, op, statements, quote!(response.events(#decode)));
    quote!(Result<runtime::EventStream<#item, #err>, runtime::Error<#err>> #body)
}

/// The `_stream` method of an operation.
pub(super) fn stream_method(
    api: &Api,
    op: &Operation,
    stream: &StreamMethod,
    security_sets: &SecuritySets,
) -> TokenStream {
    let name = &stream.name;
    let err = outcome_type(api, &op.responses.error_type);
    let attrs = operation::method_attrs(api, op);
    let doc = docs::attrs(&stream_docs(api, op, stream));
    match &stream.kind {
        StreamKind::Bytes => {
            let (args, statements) = operation::request(api, op, security_sets, None);
            let body = open_then(api, op, &statements, quote!(response.bytes()));
            quote! {
                #doc
                #attrs
                pub async fn #name(&self, #(#args),*) -> Result<runtime::ByteStream<#err>, runtime::Error<#err>> #body
            }
        }
        StreamKind::Events { data, switch } => {
            let first = switch.as_ref().map(|switch| {
                let field = &switch.field;
                let on = match switch.presence {
                    Presence::Required => quote!(true),
                    Presence::RequiredNullable | Presence::Optional => quote!(Some(true)),
                    Presence::OptionalNullable => quote!(Some(runtime::Nullable::Value(true))),
                };
                quote! {
                    let mut body = body.clone();
                    body.#field = #on;
                    let body = &body;
                }
            });
            let (args, mut statements) = operation::request(api, op, security_sets, first);
            statements.push(quote!(let request = request.accept(#EVENT_STREAM);));
            let (item, decode) = event_item(api, data);
            let body = open_then(api, op, &statements, quote!(response.events(#decode)));
            quote! {
                #doc
                #attrs
                pub async fn #name(&self, #(#args),*) -> Result<runtime::EventStream<#item, #err>, runtime::Error<#err>> #body
            }
        }
    }
}

/// The type of each event's data, and the runtime decoder that makes it.
fn event_item(api: &Api, data: &EventData) -> (TokenStream, TokenStream) {
    match data {
        EventData::Json(ty) => (rust_type(api, ty, Scope::Crate), quote!(runtime::json_event)),
        EventData::Keyed(ty) => (rust_type(api, ty, Scope::Crate), quote!(runtime::keyed_event)),
        EventData::Text => (quote!(String), quote!(runtime::text_event)),
    }
}

/// The method body that sends the request, streams the body of a success, and
/// reads any other response in full to decode it as the spec documents.
fn open_then(api: &Api, op: &Operation, statements: &[TokenStream], success: TokenStream) -> TokenStream {
    let outcomes = op.responses.outcomes();
    let successes: Vec<TokenStream> = outcomes
        .iter()
        .filter(|outcome| outcome.side == Side::Success)
        .map(|outcome| status_pattern(outcome.status))
        .collect();
    let mut errors: Vec<_> = outcomes.iter().filter(|outcome| outcome.side == Side::Error).collect();
    errors.sort_by_key(|outcome| outcome.status.specificity());
    let has_default = errors.iter().any(|outcome| outcome.status == StatusMatch::Default);
    let arms: Vec<TokenStream> = errors.iter().map(|outcome| status_arm(api, outcome)).collect();
    let error = if arms.is_empty() {
        quote!(Err(raw.unexpected()))
    } else if let [only @ StatusOutcome { status: StatusMatch::Default, .. }] = errors.as_slice() {
        // One answer for every other status: no `match` (clippy: `match_single_binding`).
        operation::status_read(api, only)
    } else {
        let fallback = (!has_default).then(|| quote!(_ => Err(raw.unexpected()),));
        quote! {
            match raw.status() {
                #(#arms)*
                #fallback
            }
        }
    };
    quote! {{
        #(#statements)*
        let response = self.core.open(&self.options, request).await.map_err(runtime::Error::widen)?;
        if !matches!(response.status(), #(#successes)|*) {
            let raw = response.read().await.map_err(runtime::Error::widen)?;
            return #error;
        }
        Ok(#success)
    }}
}

/// The documentation of a `_stream` method.
fn stream_docs(api: &Api, op: &Operation, stream: &StreamMethod) -> Vec<String> {
    let base = &op.name;
    let mut lines = match &stream.kind {
        StreamKind::Bytes => vec![
            format!("[`Client::{base}`], with the binary body read as it arrives: a stream of byte chunks."),
            String::new(),
            "The response size bound (`max_response_bytes`) is for bodies held in memory and does not apply: bound the stream with [`ByteStream::max_bytes`](crate::ByteStream::max_bytes). The idle timeout bounds each wait for more.".to_owned(),
        ],
        StreamKind::Events { switch, .. } => vec![
            match switch {
                Some(switch) => format!(
                    "[`Client::{base}`], answered with server-sent events: it sends the body with `{}` set to `true`, asks for `text/event-stream`, and returns the events as they arrive.",
                    switch.field.as_str()
                ),
                None => format!(
                    "[`Client::{base}`], answered with server-sent events: it asks for `text/event-stream` (`Accept`) and returns the events as they arrive."
                ),
            },
            String::new(),
            "The stream ends after a `[DONE]` event or when the server ends it between events. Each item is an event or an error: an event whose data does not decode is an [`Error::Stream`](crate::Error::Stream) item holding its raw data, and the stream goes on; a stall longer than the idle timeout, a connection that breaks off and an event larger than the bound end it with an error that says how many events arrived.".to_owned(),
        ],
    };
    lines.push(String::new());
    lines.push(format!("`{} {}`", op.method, op.path));
    lines.extend([String::new(), "# Errors".to_owned(), String::new()]);
    lines.push(format!(
        "As [`Client::{base}`] before the answer starts; see [the errors every method returns](crate::Client#errors)."
    ));
    lines.extend([String::new(), "# Example".to_owned(), String::new()]);
    lines.extend(examples::stream_call(api, op, stream));
    lines
}
