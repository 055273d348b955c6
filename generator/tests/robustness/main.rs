//! Robustness: specs that are huge, deeply nested or full of cycles must
//! neither overflow the stack nor hang, and bad input is a diagnostic.
//!
//! Every spec here is built in code and run through the whole pipeline on a
//! thread with a small stack (`STACK`), far below the 8 MiB of a main thread,
//! so any recursion that grows with the input shows up as a stack overflow.
//! Sizes are chosen to keep the file to a few seconds in a debug build.
//!
//! Huge specs, long `$ref` chains and cycles are in `scale.rs`; deep nesting
//! and the inputs the fuzzers found in `deep.rs`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use generator::{Diagnostic, Location, Options};
use serde_json::{Value, json};

/// The stack every pipeline run gets.
const STACK: usize = 1024 * 1024;

/// What one run of the pipeline gave.
#[derive(Debug)]
enum Outcome {
    /// Generated (or, from `run_emit`, emitted) files: how many, and the warnings.
    Generated { files: usize, warnings: Vec<Diagnostic> },
    /// Diagnostics, errors first.
    Failed(Vec<Diagnostic>),
}

impl Outcome {
    fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Outcome::Generated { warnings, .. } => warnings,
            Outcome::Failed(diags) => diags,
        }
    }

    fn is_generated(&self) -> bool {
        matches!(self, Outcome::Generated { .. })
    }

    /// Whether some diagnostic's message contains `text`.
    fn mentions(&self, text: &str) -> bool {
        self.diagnostics().iter().any(|d| d.message.contains(text))
    }

    /// The diagnostics as `spec#/pointer: message` lines, for failure messages.
    fn listing(&self) -> String {
        let diags = self.diagnostics();
        let mut out: Vec<String> = diags.iter().take(8).map(|d| d.display_for("spec")).collect();
        if diags.len() > 8 {
            out.push(format!("... and {} more", diags.len() - 8));
        }
        out.join("\n")
    }
}

/// Runs the whole pipeline (`generator::generate`) on `text` on a thread with
/// a `STACK`-sized stack, and checks what every run must give (see `check`).
fn run(text: String) -> Outcome {
    on_small_stack(move || {
        let options = Options::new("spec.json", "cargo test --test robustness");
        match generator::generate(&text, &options) {
            Ok(generated) => Outcome::Generated { files: generated.files.len(), warnings: generated.warnings },
            Err(diags) => Outcome::Failed(diags),
        }
    })
}

/// Loads, lowers and emits `text` (no formatting, which is the slow part of
/// a debug build) on a thread with a `STACK`-sized stack. Parsing and
/// formatting run on threads of their own inside the generator; lowering and
/// emitting run on the caller's stack, so this shows their recursion is bounded.
fn run_emit(text: String) -> Outcome {
    on_small_stack(move || {
        let doc = match generator::load::load(&text) {
            Ok(doc) => doc,
            Err(diags) => return Outcome::Failed(diags),
        };
        match generator::lower::lower(&doc, &Options::new("spec.json", "cargo test --test robustness")) {
            Ok(lowered) => {
                let emitted = generator::emit::emit(&lowered.api);
                Outcome::Generated { files: emitted.len(), warnings: lowered.warnings }
            }
            Err(diags) => Outcome::Failed(diags),
        }
    })
}

/// Runs `stages` on a thread with a `STACK`-sized stack and checks what every
/// run must give: a failure has at least one error, each diagnostic has a
/// location (a JSON pointer, or a line and column for a syntax error in the
/// text), and it ends in reasonable time.
fn on_small_stack(stages: impl FnOnce() -> Outcome + Send + 'static) -> Outcome {
    let started = Instant::now();
    let outcome = std::thread::Builder::new()
        .name("pipeline".into())
        .stack_size(STACK)
        .spawn(stages)
        .expect("spawn the pipeline thread")
        .join()
        .expect("the pipeline panicked");
    if let Outcome::Failed(diags) = &outcome {
        assert!(!diags.is_empty(), "the pipeline failed without a diagnostic");
        assert!(
            diags.iter().any(|d| d.severity == generator::Severity::Error),
            "the pipeline failed with warnings only:\n{}",
            outcome.listing()
        );
    }
    for diag in outcome.diagnostics() {
        match &diag.location {
            Location::Pointer(pointer) => assert!(pointer.starts_with('#'), "not a JSON pointer: {diag:?}"),
            Location::LineColumn(line, column) => assert!(*line >= 1 && *column >= 1, "no position: {diag:?}"),
            Location::Setting(key) => panic!("no setting was given, yet a diagnostic names `{key}`: {diag:?}"),
        }
    }
    // Generous: a debug build on a busy 2-core machine. A hang or a quadratic
    // blow-up takes far longer.
    assert!(started.elapsed() < Duration::from_secs(30), "the pipeline took {:?}", started.elapsed());
    outcome
}

fn text(doc: &Value) -> String {
    serde_json::to_string(doc).expect("serialize the spec")
}

/// A document with these component schemas and paths.
fn document(schemas: Value, paths: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Robustness", "version": "1.0.0" },
        "servers": [{ "url": "https://api.example.com" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

/// One `POST /<name>` operation that sends and returns the schema `name`.
fn echo(name: &str) -> Value {
    let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
    json!({
        "post": {
            "operationId": format!("echo{name}"),
            "requestBody": { "required": true, "content": { "application/json": { "schema": reference } } },
            "responses": {
                "200": { "description": "ok", "content": { "application/json": { "schema": reference } } }
            }
        }
    })
}

fn reference(name: impl std::fmt::Display) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn assert_generated(outcome: &Outcome, what: &str) {
    match outcome {
        Outcome::Generated { files, .. } => assert!(*files >= 4, "{what}: only {files} files"),
        Outcome::Failed(_) => panic!("{what}: expected generated files, got:\n{}", outcome.listing()),
    }
}

mod deep;
mod scale;
