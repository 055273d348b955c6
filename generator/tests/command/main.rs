//! The `openapi-rust-generator` command, end to end: the built binary is run
//! as a user runs it, and its exit code, output and files are checked. The
//! crates it generates with a config file (a selection, replaced schemas, a
//! base URL, extra dependencies) and with `--only tag:repos` on GitHub's spec
//! are compiled with warnings denied.
//!
//! The tests of the config file and the setting options are in `config.rs`;
//! those of what stands where the generated files go (files the generator
//! did not write, links, directories, a write that fails part way) in
//! `overwrite.rs`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_openapi-rust-generator");

fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// A fresh directory under the workspace's `target/`.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/test-scratch/command").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Runs the command in `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().unwrap_or_else(|e| panic!("{BIN}: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const SYNOPSIS: &str =
    "usage: openapi-rust-generator generate SPEC --out DIR [--check | --force] [--config FILE] [SETTINGS]";

#[test]
fn help_shows_the_usage_the_config_file_and_a_complete_example() {
    let dir = scratch("help");
    for args in [&["--help"][..], &["-h"], &["help"], &["generate", "--help"], &["generate", "api.yaml", "-h"]] {
        let output = run(&dir, args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = stdout(&output);
        assert!(text.starts_with(&format!("{SYNOPSIS}\n")), "{args:?}: {text}");
        for needle in [
            "--only SELECTOR",
            "tag:NAME, an operationId, or 'METHOD /path'",
            "openapi-rust-generator.toml",
            "[types]",
            "PetId = \"uuid::Uuid\"",
            "[dependencies]",
            "example:\n  openapi-rust-generator generate api/openapi.yaml --out crates/petstore --only tag:pets\n",
            "exit status: 0 success; 1 ",
            "tag-features = false",
        ] {
            assert!(text.contains(needle), "{args:?}: `{needle}` missing from:\n{text}");
        }
    }
    // Every setting option is described, with its value.
    let help = stdout(&run(&dir, &["--help"]));
    for setting in generator::write::Setting::ALL {
        let usage = match setting.value_name() {
            Some(value) => format!("\n  {} {value}", setting.option()),
            None => format!("\n  {} ", setting.option()),
        };
        assert!(help.contains(&usage), "`{usage}` missing from:\n{help}");
    }
    let version = run(&dir, &["--version"]);
    assert_eq!(stdout(&version), format!("openapi-rust-generator {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn usage_errors_exit_with_2_and_the_synopsis() {
    let dir = scratch("usage");
    for (args, message) in [
        (&[][..], "no command given (the command is `generate`)"),
        (&["build"], "unknown command \"build\" (the command is `generate`)"),
        (&["generate", "api.yaml", "--out", "x", "--nope"], "invalid option '--nope'"),
        (&["generate", "api.yaml"], "missing --out DIR (the crate directory to write)"),
        (&["generate", "--out", "x"], "missing the OpenAPI document to read (SPEC)"),
        (&["generate", "a.yaml", "b.yaml", "--out", "x"], "unexpected argument \"b.yaml\""),
        (&["generate", "a.yaml", "--out"], "missing argument for option '--out'"),
        (&["generate", "a.yaml", "--out", "x", "--check=yes"], "unexpected argument for option '--check': \"yes\""),
        (
            &["generate", "a.yaml", "--out", "x", "--type", "PetId"],
            "--type takes SCHEMA=TYPE (such as PetId=uuid::Uuid), not \"PetId\"",
        ),
        (
            &["generate", "a.yaml", "--out", "x", "--dependency=uuid"],
            "--dependency takes NAME=REQUIREMENT (such as uuid=1), not \"uuid\"",
        ),
        (
            &["generate", "a.yaml", "--out", "x", "--no-tag-features=yes"],
            "unexpected argument for option '--no-tag-features': \"yes\"",
        ),
        (&["generate", "a.yaml", "--out", "x", "--base-url"], "missing argument for option '--base-url'"),
    ] {
        let output = run(&dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&output),
            format!("error: {message}\n\n{SYNOPSIS}\n\nFor more, run `openapi-rust-generator --help`.\n"),
            "{args:?}"
        );
        assert!(stdout(&output).is_empty());
    }
    assert!(!dir.join("x").exists(), "a usage error writes nothing");
}

#[test]
fn a_bad_spec_gets_located_diagnostics_exit_1_and_nothing_written() {
    let dir = scratch("bad-spec");
    fs::copy(root().join("tests/fixtures/invalid/missing-path-param.yaml"), dir.join("spec.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let output = run(&dir, &["generate", "spec.yaml", "--out", "client"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "spec.yaml#/paths/~1v1~1webhooks~1{id}/patch/parameters: path parameter `{id}` in `/v1/webhooks/{id}` is not declared; \
         add it to `parameters` with `in: path`\n\
         spec.yaml#/paths/~1v1~1users~1{userId}~1keys~1{keyId}/get/parameters: path parameter `{keyId}` in \
         `/v1/users/{userId}/keys/{keyId}` is not declared; add it to `parameters` with `in: path`\n"
    );
    assert!(!dir.join("client").exists(), "nothing may be written for a bad spec");

    let output = run(&dir, &["generate", "missing.yaml", "--out", "client"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("missing.yaml: cannot read the spec: "), "{}", stderr(&output));
}

#[test]
fn generate_writes_a_crate_and_check_reports_drift_without_writing() {
    let dir = scratch("check");
    fs::copy(root().join("tests/example-workspace/api/openapi.yaml"), dir.join("petstore.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let generate = ["generate", "petstore.yaml", "--out", "client", "--crate-name", "pets"];
    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("client"));
    assert_eq!(
        stdout(&output),
        format!("client: crate pets, 5 operations, 8 types; {files} of {files} files written, the rest unchanged\n")
    );
    let lib = read(&dir.join("client/src/lib.rs"));
    assert!(
        lib.starts_with(
            "// This file is @generated from petstore.yaml by openapi-rust-generator. Do not edit it by hand.\n\
             // Regenerate it with: openapi-rust-generator generate petstore.yaml --out client --crate-name pets\n"
        ),
        "{lib}"
    );
    assert!(read(&dir.join("client/Cargo.toml")).contains("\nname = \"pets\"\n"));

    let check = [&generate[..], &["--check"]].concat();
    let output = run(&dir, &check);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "client is up to date with petstore.yaml\n");

    // An edit, a missing file, and a generated file no longer produced.
    let types = dir.join("client/src/types.rs");
    let edited = read(&types).replace("pub struct Pet {", "pub struct Pet { // edited");
    fs::write(&types, &edited).unwrap_or_else(|e| panic!("{e}"));
    fs::remove_file(dir.join("client/rustfmt.toml")).unwrap_or_else(|e| panic!("{e}"));
    let header = lib.lines().next().unwrap_or_default();
    fs::write(dir.join("client/src/old.rs"), format!("{header}\npub fn old() {{}}\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("client/src/mine.rs"), "pub fn mine() {}\n").unwrap_or_else(|e| panic!("{e}"));

    let output = run(&dir, &check);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message
            .contains("client/src/types.rs is stale:\n--- client/src/types.rs\n+++ client/src/types.rs (generated)\n"),
        "{message}"
    );
    assert!(message.contains("\n-pub struct Pet { // edited\n+pub struct Pet {\n"), "{message}");
    assert!(message.contains("client/rustfmt.toml is missing"), "{message}");
    assert!(message.contains("client/src/old.rs is a generated file the generator no longer produces"), "{message}");
    assert!(!message.contains("mine.rs"), "{message}");
    assert!(
        message.ends_with(
            "the generated code is out of date; run `openapi-rust-generator generate petstore.yaml --out client --crate-name pets` to update it\n"
        ),
        "{message}"
    );
    assert_eq!(read(&types), edited, "--check writes nothing");
    assert!(dir.join("client/src/old.rs").exists());

    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "removed client/src/old.rs\nclient: crate pets, 5 operations, 8 types; 2 of {files} files written, the rest unchanged\n"
        )
    );
    assert!(dir.join("client/src/mine.rs").exists(), "a file without the header is never removed");
    assert_eq!(run(&dir, &check).status.code(), Some(0));
}

/// How many files a generated crate has (every one of them generated).
fn file_count(dir: &Path) -> usize {
    let mut count = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() { pending.push(path) } else { count += 1 }
        }
    }
    count
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A scratch directory with the example workspace's Petstore spec in it.
fn with_petstore(name: &str) -> PathBuf {
    let dir = scratch(name);
    fs::copy(root().join("tests/example-workspace/api/openapi.yaml"), dir.join("petstore.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    dir
}

mod config;
mod overwrite;
