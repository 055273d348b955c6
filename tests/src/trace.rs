//! A tracing subscriber that records every span and event with its fields as
//! text, for the tests of a generated client's `tracing` feature.
//!
//! ```no_run
//! let (capture, _guard) = tests::trace::capture();
//! // ... make a call on this thread (a current-thread runtime) ...
//! let spans = capture.spans_with("otel.name");
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::DefaultGuard;
use tracing::{Event, Metadata, Subscriber};
use tracing_core::span::Current;

/// A span: its name and fields (the values recorded later included).
#[derive(Clone, Debug, Default)]
pub struct SpanRecord {
    /// The span's name.
    pub name: String,
    /// Its fields, each value as text (`Debug` but for strings).
    pub fields: BTreeMap<String, String>,
}

/// An event: its fields (`message` among them) and the span it happened in.
#[derive(Clone, Debug, Default)]
pub struct EventRecord {
    /// Its fields, each value as text.
    pub fields: BTreeMap<String, String>,
    /// The index (in [`Capture::spans`]) of the span it happened in.
    pub span: Option<usize>,
}

#[derive(Default)]
struct Captured {
    spans: Vec<SpanRecord>,
    metadata: Vec<&'static Metadata<'static>>,
    events: Vec<EventRecord>,
    entered: Vec<usize>,
}

/// What the subscriber recorded.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Captured>>);

impl Capture {
    fn lock(&self) -> std::sync::MutexGuard<'_, Captured> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every span, in the order created.
    pub fn spans(&self) -> Vec<SpanRecord> {
        self.lock().spans.clone()
    }

    /// The spans that have the field `field`.
    pub fn spans_with(&self, field: &str) -> Vec<SpanRecord> {
        self.spans().into_iter().filter(|span| span.fields.contains_key(field)).collect()
    }

    /// Every event, in order.
    pub fn events(&self) -> Vec<EventRecord> {
        self.lock().events.clone()
    }

    /// Everything recorded, as one text: span names, field names and values.
    pub fn text(&self) -> String {
        let captured = self.lock();
        let spans = captured.spans.iter().map(|span| format!("{} {:?}", span.name, span.fields));
        let events = captured.events.iter().map(|event| format!("{:?}", event.fields));
        spans.chain(events).collect::<Vec<_>>().join("\n")
    }
}

/// Starts recording every span and event of this thread until the guard is dropped.
pub fn capture() -> (Capture, DefaultGuard) {
    let capture = Capture::default();
    let guard = tracing::subscriber::set_default(Recorder(capture.clone()));
    (capture, guard)
}

struct Recorder(Capture);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut span = SpanRecord { name: attributes.metadata().name().to_owned(), fields: BTreeMap::new() };
        attributes.record(&mut Fields(&mut span.fields));
        let mut captured = self.0.lock();
        captured.spans.push(span);
        captured.metadata.push(attributes.metadata());
        Id::from_u64(captured.spans.len() as u64)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut captured = self.0.lock();
        let index = id.into_u64() as usize - 1;
        if let Some(span) = captured.spans.get_mut(index) {
            values.record(&mut Fields(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut record = EventRecord::default();
        event.record(&mut Fields(&mut record.fields));
        let mut captured = self.0.lock();
        record.span = captured.entered.last().copied();
        captured.events.push(record);
    }

    fn enter(&self, id: &Id) {
        self.0.lock().entered.push(id.into_u64() as usize - 1);
    }

    fn exit(&self, _: &Id) {
        self.0.lock().entered.pop();
    }

    fn current_span(&self) -> Current {
        let captured = self.0.lock();
        match captured.entered.last() {
            Some(&index) => Current::new(Id::from_u64(index as u64 + 1), captured.metadata[index]),
            None => Current::none(),
        }
    }
}
