//! Times each pipeline stage (load, lower, emit, format) and the whole run, for
//! the SendKit spec and, when the corpus is present, GitHub's REST API spec.
//! The floor for GitHub is plain JSON parsing into `openapiv3` (`parse_only`;
//! `examples/parse_only.rs` is the same as a whole process).
//!
//! Run with `cargo bench -p openapi-rust-generator --bench pipeline`.

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use generator::{emit, format, load, lower};

/// The allocator the command uses (its default feature `mimalloc`), for every
/// stage and for the bare parse alike.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The specs measured: SendKit always; GitHub's when `../shared/specs` exists.
fn spec(name: &str) -> Option<&'static str> {
    static SENDKIT: OnceLock<Option<String>> = OnceLock::new();
    static GITHUB: OnceLock<Option<String>> = OnceLock::new();
    let (cell, path) = match name {
        "sendkit" => (&SENDKIT, workspace().join("spec/openapi.yaml")),
        _ => (&GITHUB, workspace().join("../shared/specs/github-api.github.com.json")),
    };
    cell.get_or_init(|| std::fs::read_to_string(path).ok()).as_deref()
}

const SPECS: &[&str] = &["sendkit", "github"];

#[divan::bench(args = SPECS, sample_count = 10)]
fn parse_only(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    bencher.bench(|| {
        let api: Result<openapiv3::OpenAPI, _> = if name == "github" {
            serde_json::from_str(black_box(text)).map_err(|e| e.to_string())
        } else {
            serde_yaml::from_str(black_box(text)).map_err(|e| e.to_string())
        };
        api
    });
}

#[divan::bench(args = SPECS, sample_count = 10)]
fn stage_load(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    bencher.bench(|| load::load(black_box(text)));
}

#[divan::bench(args = SPECS, sample_count = 10)]
fn stage_lower(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    let Ok(doc) = load::load(text) else { return };
    bencher.bench(|| lower::lower(black_box(&doc), &generator::Options::new("spec", "cmd")));
}

#[divan::bench(args = SPECS, sample_count = 10)]
fn stage_emit(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    let Ok(doc) = load::load(text) else { return };
    let Ok(lowered) = lower::lower(&doc, &generator::Options::new("spec", "cmd")) else { return };
    bencher.bench(|| emit::emit(black_box(&lowered.api)));
}

#[divan::bench(args = SPECS, sample_count = 10)]
fn stage_format(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    let Ok(doc) = load::load(text) else { return };
    let Ok(lowered) = lower::lower(&doc, &generator::Options::new("spec", "cmd")) else { return };
    bencher.with_inputs(|| emit::emit(&lowered.api)).bench_values(|emitted| format::format(emitted, "spec", "cmd"));
}

#[divan::bench(args = SPECS, sample_count = 10)]
fn whole_pipeline(bencher: Bencher, name: &str) {
    let Some(text) = spec(name) else { return };
    let options = generator::Options::new("spec", "cmd");
    bencher.bench(|| generator::generate(black_box(text), &options));
}
