//! Failures that are the spec's fault, each with its evidence: the JSON
//! pointer of the inconsistency and what is inconsistent. A failure listed
//! here is reported, but does not fail the run.

use super::report::FailureKind;

/// A known spec bug: the spec file, the client's method, the kind of failure,
/// and the evidence.
pub struct SpecBug {
    /// The spec's file name.
    pub file: &'static str,
    /// The client's method.
    pub operation: &'static str,
    /// The failure it explains.
    pub kind: FailureKind,
    /// The JSON pointer and what is inconsistent there.
    pub evidence: &'static str,
}

/// Every known spec bug.
pub const SPEC_BUGS: &[SpecBug] = &[];

/// The evidence of the known spec bug behind a failure, if it is one.
pub fn find(file: &str, operation: &str, kind: FailureKind) -> Option<&'static str> {
    SPEC_BUGS.iter().find(|bug| bug.file == file && bug.operation == operation && bug.kind == kind).map(|bug| bug.evidence)
}
