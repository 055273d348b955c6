//! `cargo xtask codegen`: this repository's way to run the generator, with
//! `generated/` from `spec/openapi.yaml` as the default. The reading, writing
//! and `--check` comparing are the library's ([`generator::write`]), shared
//! with the installed `openapi-rust-generator generate` command.

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

/// Runs `cargo xtask codegen`: writes the files, or with `check` compares them.
pub fn run(job: &Job, check: bool) -> Result<(), String> {
    generator::write::run(job, check)
}
