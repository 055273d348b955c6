//! `cargo xtask codegen`: this repository's way to run the generator. By
//! default it regenerates every generated crate the repository commits:
//! `generated/` from `spec/openapi.yaml`, the example workspace's `petstore/`
//! (see `tests/example-workspace`), and the client the stream tests drive
//! (`tests/streams-client`). The reading, writing and `--check` comparing are
//! the library's ([`generator::write::Job`]), shared with the installed
//! `openapi-rust-generator generate` command; this module prints what they
//! return.

use std::path::Path;

use generator::write::{Action, Job};

use crate::workspace_root;

/// The command the generated files' headers name.
pub const COMMAND: &str = "cargo xtask codegen";

/// The workspace's spec, relative to the workspace root (as the headers name it).
pub const WORKSPACE_SPEC: &str = "spec/openapi.yaml";

/// A job for `spec` (relative to the workspace root, as the headers name it)
/// into `out`, named `cargo xtask codegen` in headers.
fn job(root: &Path, spec: &str, out: &str) -> Job {
    Job::new(root.join(spec), root.join(out), generator::Options::new(spec, COMMAND))
}

/// The default job: `spec/openapi.yaml` to `generated/`, named `cargo xtask codegen` in headers.
pub fn workspace_job() -> Job {
    job(&workspace_root(), WORKSPACE_SPEC, "generated")
}

/// The example workspace's generated crate: `tests/example-workspace/petstore`
/// from its `api/openapi.yaml`, with the settings of the config file beside it.
/// Its own xtask (`cargo xtask codegen` in that workspace) writes the same files.
pub fn example_job() -> Job {
    job(&workspace_root().join("tests/example-workspace"), "api/openapi.yaml", "petstore")
}

/// The client the stream wire tests drive: `tests/streams-client` from the
/// `streams` fixture (committed, so the tests crate can depend on it).
pub fn streams_job() -> Job {
    job(&workspace_root(), "tests/fixtures/valid/streams.yaml", "tests/streams-client")
}

/// Every crate `cargo xtask codegen` regenerates.
pub fn default_jobs() -> Vec<Job> {
    vec![workspace_job(), example_job(), streams_job()]
}

/// Runs `cargo xtask codegen` for each job: writes the files, or with
/// [`Action::Check`] compares them, printing each job's warnings (to stderr)
/// and what was done (to stdout). Every job runs; the failures are returned
/// together, each with how to proceed when something is in the way.
pub fn run(jobs: &[Job], action: Action) -> Result<(), String> {
    let mut failures = Vec::new();
    for job in jobs {
        match job.run(action, |warnings| eprintln!("{warnings}")) {
            Ok(report) => println!("{report}"),
            Err(error) => failures.push(error.with_advice(Some("--force"))),
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(failures.join("\n\n")) }
}
