//! `cargo xtask codegen`: this repository's way to run the generator. By
//! default it regenerates every generated crate the repository commits:
//! `generated/` from `spec/openapi.yaml`, the example workspace's `petstore/`
//! (see `tests/example-workspace`), and the client the stream tests drive
//! (`tests/streams-client`). The reading, writing and
//! `--check` comparing are the library's ([`generator::write`]), shared with
//! the installed `openapi-rust-generator generate` command.

use generator::write::Job;

use crate::workspace_root;

/// The default job: `spec/openapi.yaml` to `generated/`, named `cargo xtask codegen` in headers.
pub fn workspace_job() -> Job {
    let root = workspace_root();
    Job {
        spec: root.join("spec/openapi.yaml"),
        spec_display: "spec/openapi.yaml".to_owned(),
        out: root.join("generated"),
        config: None,
        command: "cargo xtask codegen".to_owned(),
        crate_name: None,
        only: Vec::new(),
    }
}

/// The example workspace's generated crate: `tests/example-workspace/petstore`
/// from its `api/openapi.yaml`, with the settings of the config file beside it.
/// Its own xtask (`cargo xtask codegen` in that workspace) writes the same files.
pub fn example_job() -> Job {
    let root = workspace_root().join("tests/example-workspace");
    Job {
        spec: root.join("api/openapi.yaml"),
        spec_display: "api/openapi.yaml".to_owned(),
        out: root.join("petstore"),
        config: None,
        command: "cargo xtask codegen".to_owned(),
        crate_name: None,
        only: Vec::new(),
    }
}

/// The client the stream wire tests drive: `tests/streams-client` from the
/// `streams` fixture (committed, so the tests crate can depend on it).
pub fn streams_job() -> Job {
    let root = workspace_root();
    Job {
        spec: root.join("tests/fixtures/valid/streams.yaml"),
        spec_display: "tests/fixtures/valid/streams.yaml".to_owned(),
        out: root.join("tests/streams-client"),
        config: None,
        command: "cargo xtask codegen".to_owned(),
        crate_name: None,
        only: Vec::new(),
    }
}

/// Every crate `cargo xtask codegen` regenerates.
pub fn default_jobs() -> Vec<Job> {
    vec![workspace_job(), example_job(), streams_job()]
}

/// Runs `cargo xtask codegen` for each job: writes the files, or with `check`
/// compares them. Every job runs; the failures are reported together.
pub fn run(jobs: &[Job], check: bool) -> Result<(), String> {
    let failures: Vec<String> = jobs.iter().filter_map(|job| generator::write::run(job, check).err()).collect();
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n\n")) }
}
