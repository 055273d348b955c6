//! Path items: templates built from pieces (literals, parameters, pairs in
//! one segment, any text) and the operations and parameters under them.

use arbitrary::Arbitrary;
use serde_json::{Map, Value};

use super::operation::{Item, Method, Operation, Parameter, parameters};
use super::reference::{Ref, Section};
use super::text::{Name, Text};

/// One piece of a path template.
#[derive(Arbitrary, Debug, Clone)]
pub(super) enum PathPiece {
    Literal(Name),
    Param(Name),
    /// `{a}.{b}` in one segment.
    Pair(Name, Name),
    Raw(Text),
}

#[derive(Arbitrary, Debug, Clone)]
pub(super) struct PathItem {
    pieces: Vec<PathPiece>,
    no_leading_slash: bool,
    /// The whole item as a `$ref`.
    reference: Option<Ref>,
    parameters: Vec<Item<Parameter>>,
    operations: Vec<(Method, Operation)>,
}

impl PathItem {
    pub(super) fn template(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if !out.is_empty() || !self.no_leading_slash {
                out.push('/');
            }
            match piece {
                PathPiece::Literal(n) => out.push_str(&n.value()),
                PathPiece::Param(n) => out.push_str(&format!("{{{}}}", n.value())),
                PathPiece::Pair(a, b) => out.push_str(&format!("{{{}}}.{{{}}}", a.value(), b.value())),
                PathPiece::Raw(t) => out.push_str(&t.value()),
            }
        }
        if out.is_empty() && !self.no_leading_slash {
            out.push('/');
        }
        out
    }

    pub(super) fn value(&self) -> Value {
        if let Some(r) = &self.reference {
            return r.value(Section::PathItems);
        }
        let mut out = Map::new();
        if !self.parameters.is_empty() {
            out.insert("parameters".into(), parameters(&self.parameters));
        }
        for (method, op) in &self.operations {
            out.insert(method.key().into(), op.value());
        }
        Value::Object(out)
    }
}
