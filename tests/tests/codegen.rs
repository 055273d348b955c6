//! The codegen contract of `generator::write` (which `cargo xtask codegen` and
//! `openapi-rust-generator generate` share): `generated/` is up to date (the
//! drift check as a test), `--check` names every stale file, writes are minimal
//! and a bad spec writes nothing; and every fixture spec's crate compiles clippy-clean.

use std::fs;
use std::path::{Path, PathBuf};

use generator::write::{self, Action, Job};
use tests::workspace_root as root;
use xtask::codegen;
use xtask::corpus::{self, Outcome, Run};

/// A fresh directory under the workspace's `target/`, removed first if present.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-scratch").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

fn request_for(spec: &Path, out: &Path) -> Job {
    let command = format!("cargo xtask codegen --spec spec.yaml --out {}", out.display());
    Job::new(spec, out, generator::Options::new("spec.yaml", command))
}

/// The crate of a job.
fn generate(job: &Job) -> Result<generator::Generated, String> {
    job.generate().map(|generation| generation.generated).map_err(|e| e.to_string())
}

/// Generates and writes; returns how many files were written.
fn write_files(job: &Job) -> Result<usize, String> {
    let generated = generate(job)?;
    let written = write::write_crate(&job.out, &generated.files).map_err(|e| e.to_string())?;
    Ok(written.written.len())
}

/// `--check`.
fn check_files(job: &Job) -> Result<(), String> {
    job.run(Action::Check, |_| {}).map(drop).map_err(|e| e.with_advice(None))
}

#[test]
fn generated_crates_are_up_to_date_with_their_specs() {
    for job in codegen::default_jobs() {
        let generated = generate(&job).unwrap_or_else(|e| panic!("{e}"));
        let stale: Vec<String> =
            write::check_crate(&job.out, &generated.files).iter().map(ToString::to_string).collect();
        assert!(stale.is_empty(), "{}\n\nrun `cargo xtask codegen` to update them", stale.join("\n\n"));
    }
}

/// The SendKit spec written in OpenAPI 3.1's forms generates the same client,
/// byte for byte but for the header naming the spec: every wire, hostile-server
/// and Prism test of `generated/` holds for the 3.1 twin too (and the Prism
/// tests run against Prism serving each spec).
#[test]
fn the_openapi_3_1_twin_of_the_spec_generates_the_same_client() {
    let twin = generate(&request_for(&root().join("tests/fixtures/sendkit-3.1.yaml"), &scratch("twin")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(twin.warnings.is_empty(), "{:?}", twin.warnings);
    let original = generate(&codegen::workspace_job()).unwrap_or_else(|e| panic!("{e}"));
    // Every file's first two lines are the header that names the spec.
    let body = |text: &str| text.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(
        twin.files.iter().map(|f| &f.path).collect::<Vec<_>>(),
        original.files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    for (a, b) in twin.files.iter().zip(&original.files) {
        assert!(body(&a.contents).len() > 40, "{} is compared", a.path);
        assert_eq!(body(&a.contents), body(&b.contents), "{} differs", a.path);
    }
}

#[test]
fn check_names_each_stale_file_with_a_diff_and_the_fixing_command() {
    let dir = scratch("check");
    // A copy, without the config file beside the original.
    let spec = scratch("check-spec").join("spec.yaml");
    fs::copy(root().join("spec/openapi.yaml"), &spec).unwrap_or_else(|e| panic!("{e}"));
    let request = request_for(&spec, &dir);
    let files = generate(&request).unwrap_or_else(|e| panic!("{e}")).files.len();
    assert_eq!(write_files(&request).unwrap_or_else(|e| panic!("{e}")), files);
    check_files(&request).unwrap_or_else(|e| panic!("fresh output must pass the check: {e}"));

    // Edit one file, delete another, and leave a generated file the generator no longer produces.
    let types = dir.join("src/types.rs");
    let edited = fs::read_to_string(&types)
        .unwrap_or_default()
        .replace("pub struct Webhook {", "pub struct Webhook { // edited");
    fs::write(&types, edited).unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(dir.join("rustfmt.toml")).unwrap_or_else(|e| panic!("{e}"));
    let leftover = dir.join("src/old.rs");
    let header = fs::read_to_string(dir.join("src/lib.rs")).unwrap_or_default();
    let first_line = header.lines().next().unwrap_or_default();
    fs::write(&leftover, format!("{first_line}\npub fn old() {{}}\n")).unwrap_or_else(|e| panic!("{e}"));
    // A hand-written file without the header is never reported or removed.
    fs::write(dir.join("src/handwritten.rs"), "pub fn mine() {}\n").unwrap_or_else(|e| panic!("{e}"));

    let message = check_files(&request).expect_err("stale output must fail the check");
    assert!(message.contains("src/types.rs is stale:"), "{message}");
    assert!(message.contains("-pub struct Webhook { // edited"), "the diff shows the edit: {message}");
    assert!(message.contains("+pub struct Webhook {"), "{message}");
    assert!(message.contains("rustfmt.toml is missing"), "{message}");
    assert!(message.contains("old.rs is a generated file the generator no longer produces"), "{message}");
    assert!(!message.contains("handwritten"), "{message}");
    let command = format!("cargo xtask codegen --spec spec.yaml --out {}", dir.display());
    assert!(message.ends_with(&format!("run `{command}` to update it")), "{message}");

    // Regenerating writes exactly the two changed files and removes the leftover.
    assert_eq!(write_files(&request).unwrap_or_else(|e| panic!("{e}")), 2);
    assert!(!leftover.exists());
    assert!(dir.join("src/handwritten.rs").exists());
    check_files(&request).unwrap_or_else(|e| panic!("{e}"));
    // Nothing changed, nothing written.
    assert_eq!(write_files(&request).unwrap_or_else(|e| panic!("{e}")), 0);
}

#[test]
fn a_bad_spec_reports_diagnostics_with_locations_and_writes_nothing() {
    let dir = scratch("bad-spec");
    let out = dir.join("crate");
    let spec = root().join("tests/fixtures/invalid/missing-path-param.yaml");
    let request = request_for(&spec, &out);
    let message = write_files(&request).expect_err("an invalid spec must fail");
    assert_eq!(
        message,
        "spec.yaml#/paths/~1v1~1webhooks~1{id}/patch/parameters: path parameter `{id}` in `/v1/webhooks/{id}` is not declared; \
         add it to `parameters` with `in: path`\n\
         spec.yaml#/paths/~1v1~1users~1{userId}~1keys~1{keyId}/get/parameters: path parameter `{keyId}` in \
         `/v1/users/{userId}/keys/{keyId}` is not declared; add it to `parameters` with `in: path`"
    );
    assert!(!out.exists(), "nothing may be written for a bad spec");
}

/// Generates every fixture into one workspace and lints it with clippy (warnings
/// denied): every crate also on each TLS feature but the default (`rustls-ring`,
/// `native-tls`) and with none, each crate that has a feature per tag also with
/// no default features and with each feature alone; with every feature
/// (`full-serde`, which the behaviour tests need to encode and decode in both
/// directions, added to each of those sets too), also runs `tests/fixture-tests`.
fn check_fixtures(work: &str, all_features: bool) {
    let run = Run {
        dir: root().join("tests/fixtures/valid"),
        only: Vec::new(),
        max_size: None,
        compile: true,
        work: root().join("target/generated-crates").join(work),
        clippy: true,
        all_features,
        feature_sets: true,
        tls_sets: true,
        behaviour_tests: all_features.then(|| root().join("tests/fixture-tests")),
    };
    let rows = corpus::corpus(&run).unwrap_or_else(|e| panic!("{e}"));
    assert!(rows.len() >= 12, "{} fixtures", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter(|row| row.outcome != Outcome::Ok)
        .map(|row| format!("{}: {:?}", row.file, row.outcome))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The fixture of features has them: its sets were checked.
    let features = rows.iter().find(|row| row.file == "features.yaml").map(|row| row.features.clone());
    assert_eq!(features.unwrap_or_default(), ["pets", "pet-stores", "chat", "untagged", "unused-types"]);
}

#[test]
fn every_fixture_crate_compiles_clippy_clean_and_behaves() {
    check_fixtures("fixtures", false);
}

#[test]
fn every_fixture_crate_compiles_clippy_clean_and_behaves_with_full_serde() {
    check_fixtures("fixtures-full-serde", true);
}
