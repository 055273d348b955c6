//! `$ref`s: to a component of the section the use site expects or of
//! another, into schemas and paths by pointer segments, to the whole document,
//! to other documents, or any text.

use arbitrary::Arbitrary;
use serde_json::{Value, json};

use super::operation::Method;
use super::text::{Name, Text, escape};

/// One token of a JSON pointer inside a `$ref`.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Segment {
    Properties(Name),
    Items,
    AdditionalProperties,
    AllOf(u8),
    OneOf(u8),
    Any(Text),
}

/// A `$ref`.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum Ref {
    /// `#/components/<section>/<name>`, in the section the use site expects.
    Component(Name),
    /// A component of another section (a schema ref to a parameter, say).
    OtherSection(Section, Name),
    /// Into a component schema: `#/components/schemas/<name>/properties/...`.
    Into(Name, Vec<Segment>),
    /// Into the paths: `#/paths/<path>/<method>/...`.
    Paths(Name, Method, Vec<Segment>),
    /// The whole document.
    Root,
    /// Another document.
    External(Text),
    /// Any text after `#`.
    Fragment(Text),
    /// Any text.
    Raw(Text),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub(super) enum Section {
    Schemas,
    Parameters,
    Responses,
    RequestBodies,
    SecuritySchemes,
    Headers,
    PathItems,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Schemas => "schemas",
            Section::Parameters => "parameters",
            Section::Responses => "responses",
            Section::RequestBodies => "requestBodies",
            Section::SecuritySchemes => "securitySchemes",
            Section::Headers => "headers",
            Section::PathItems => "pathItems",
        }
    }
}

impl Ref {
    pub(super) fn value(&self, section: Section) -> Value {
        let text = match self {
            Ref::Component(name) => format!("#/components/{}/{}", section.key(), escape(&name.value())),
            Ref::OtherSection(other, name) => format!("#/components/{}/{}", other.key(), escape(&name.value())),
            Ref::Into(name, segments) => {
                format!("#/components/schemas/{}{}", escape(&name.value()), segments_text(segments))
            }
            Ref::Paths(name, method, segments) => {
                format!("#/paths/~1{}/{}{}", escape(&name.value()), method.key(), segments_text(segments))
            }
            Ref::Root => "#".to_owned(),
            Ref::External(t) => format!("{}#/components/schemas/Pet", t.value()),
            Ref::Fragment(t) => format!("#{}", t.value()),
            Ref::Raw(t) => t.value(),
        };
        json!({ "$ref": text })
    }
}

fn segments_text(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Properties(name) => {
                out.push_str("/properties/");
                out.push_str(&escape(&name.value()));
            }
            Segment::Items => out.push_str("/items"),
            Segment::AdditionalProperties => out.push_str("/additionalProperties"),
            Segment::AllOf(i) => out.push_str(&format!("/allOf/{}", i % 3)),
            Segment::OneOf(i) => out.push_str(&format!("/oneOf/{}", i % 3)),
            Segment::Any(t) => {
                out.push('/');
                out.push_str(&t.value());
            }
        }
    }
    out
}
