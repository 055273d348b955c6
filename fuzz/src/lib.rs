//! Shared code of the fuzz targets: the pipeline with its invariants, and a
//! structured generator of JSON-shaped OpenAPI documents (see `spec`).

pub mod spec;

use generator::{Diagnostic, Location, Severity, format, load, lower};

/// Runs text through every stage (load, lower, then emit and format) and checks what
/// the generator promises besides not panicking:
/// - a failed stage reports at least one diagnostic, and an error among them;
/// - diagnostics from `lower` carry a JSON pointer (`#...`);
/// - `format` never reports an internal error (tokens that do not parse).
pub fn run(text: &str) {
    let doc = match load::load(text) {
        Ok(doc) => doc,
        Err(diags) => {
            check_failed(&diags, false);
            return;
        }
    };
    let lowered = match lower::lower(&doc, &generator::Options::new("fuzz.yaml", "fuzz")) {
        Ok(lowered) => lowered,
        Err(diags) => {
            check_failed(&diags, true);
            return;
        }
    };
    check_located(&lowered.warnings);
    // As `generator::generate` does: emit and format together, on worker threads.
    if let Err(diag) = format::render(&lowered.api, "fuzz.yaml", "fuzz") {
        panic!("format failed (the emitted tokens do not parse): {diag}");
    }
}

fn check_failed(diags: &[Diagnostic], pointers_only: bool) {
    assert!(!diags.is_empty(), "a stage failed without a diagnostic");
    assert!(diags.iter().any(|d| d.severity == Severity::Error), "a stage failed with warnings only: {diags:?}");
    if pointers_only {
        check_located(diags);
    }
}

fn check_located(diags: &[Diagnostic]) {
    for diag in diags {
        match &diag.location {
            Location::Pointer(pointer) => {
                assert!(pointer.starts_with('#'), "a diagnostic pointer without `#`: {diag:?}")
            }
            Location::LineColumn(..) => panic!("a diagnostic after loading has a line and column: {diag:?}"),
            Location::Setting(..) => panic!("a diagnostic names a setting, yet none was given: {diag:?}"),
        }
    }
}
