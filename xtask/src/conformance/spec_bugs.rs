//! Failures that are not the client's, each with its evidence: bugs of the
//! specs (the JSON pointer of the inconsistency and what is inconsistent) and
//! limitations of Prism. A failure listed here is reported, but does not fail
//! the run.

use super::report::FailureKind;

/// Whose fault a known failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The spec contradicts itself or OpenAPI.
    Spec,
    /// Prism does not do what the spec asks.
    Prism,
}

/// A known failure: the spec file, the client's method, the kind of failure,
/// whose fault it is, and the evidence.
pub struct Known {
    /// The spec's file name.
    pub file: &'static str,
    /// The client's methods it concerns.
    pub operations: &'static [&'static str],
    /// The failure it explains.
    pub kind: FailureKind,
    /// Whose fault it is.
    pub cause: Cause,
    /// The JSON pointer and what is inconsistent there.
    pub evidence: &'static str,
}

/// Every known failure.
pub const KNOWN: &[Known] = &[];

/// The evidence of the known failure behind a failure, if it is one, with its cause.
pub fn find(file: &str, operation: &str, kind: FailureKind) -> Option<String> {
    let known = KNOWN.iter().find(|k| k.file == file && k.operations.contains(&operation) && k.kind == kind);
    known.map(|k| match k.cause {
        Cause::Spec => format!("spec bug: {}", k.evidence),
        Cause::Prism => format!("Prism limitation: {}", k.evidence),
    })
}
