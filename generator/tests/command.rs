//! The `openapi-rust-generator` command, end to end: the built binary is run
//! as a user runs it, and its exit code, output and files are checked. The
//! crates it generates with a config file (a selection, replaced schemas, a
//! base URL, extra dependencies) and with `--only tag:repos` on GitHub's spec
//! are compiled with warnings denied.

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
        format!("client: 5 operations, 8 types; {files} of {files} files written, the rest unchanged\n")
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
            "removed client/src/old.rs\nclient: 5 operations, 8 types; 2 of {files} files written, the rest unchanged\n"
        )
    );
    assert!(dir.join("client/src/mine.rs").exists(), "a file without the header is never removed");
    assert_eq!(run(&dir, &check).status.code(), Some(0));
}

/// The example workspace's spec, with a config file of `config` beside it.
fn petstore_with_config(name: &str, config: &str) -> PathBuf {
    let dir = scratch(name);
    fs::create_dir_all(dir.join("api")).unwrap_or_else(|e| panic!("{e}"));
    fs::copy(root().join("tests/example-workspace/api/openapi.yaml"), dir.join("api/openapi.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("api/openapi-rust-generator.toml"), config).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const PETSTORE_CONFIG: &str = r##"
crate-name = "selected-pets"
base-url = "https://staging.petstore.example.com/v1"
only = ["getPet", "POST /pets"]

[types]
PetId = "uuid::Uuid"
"#/components/schemas/Pet/properties/tag" = "std::boxed::Box<str>"

[dependencies]
uuid = { version = "1", features = ["serde"] }
"##;

/// `cargo check` of the crates `members` of `dir` (made a workspace of its
/// own, so that the workspace above it is not theirs), warnings denied.
fn cargo_check(dir: &Path, members: &[&str]) -> std::time::Duration {
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")))
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["check", "--workspace", "--quiet"])
        .current_dir(dir)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", root().join("target/generated-crates/command"))
        .output()
        .unwrap_or_else(|e| panic!("cargo: {e}"));
    assert!(output.status.success(), "{}", stderr(&output));
    started.elapsed()
}

#[test]
fn a_config_file_selects_operations_replaces_schemas_and_the_crate_compiles() {
    let dir = petstore_with_config("config", PETSTORE_CONFIG);
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("client"));
    assert_eq!(
        stdout(&output),
        format!("client: 2 operations, 4 types; {files} of {files} files written, the rest unchanged\n")
    );

    let types = read(&dir.join("client/src/types.rs"));
    let client = read(&dir.join("client/src/client.rs"));
    let manifest = read(&dir.join("client/Cargo.toml"));
    // The selected operations, and only the types they reach; PetId is no type of its own.
    assert!(client.contains("pub async fn get_pet(") && client.contains("pub async fn create_pet("), "{client}");
    assert!(!client.contains("pub async fn list_pets(") && !client.contains("pub async fn get_inventory("));
    for kept in ["pub struct Pet {", "pub enum PetStatus {", "pub struct NewPet {", "pub struct Error {"] {
        assert!(types.contains(kept), "{kept} missing:\n{types}");
    }
    for dropped in ["PetId", "pub struct User", "pub struct Order", "ListPetsParams"] {
        assert!(!types.contains(dropped), "{dropped} is generated:\n{types}");
    }
    assert!(types.contains("    pub id: uuid::Uuid,\n"), "{types}");
    assert!(types.contains("    pub tag: Option<std::boxed::Box<str>>,\n"), "{types}");
    assert!(client.contains("pet_id: &uuid::Uuid,"), "{client}");
    assert!(client.contains("\"https://staging.petstore.example.com/v1\""), "{client}");
    assert!(!client.contains("\"https://petstore.example.com/v1\""), "{client}");
    assert!(manifest.contains("\nname = \"selected-pets\"\n"), "{manifest}");
    assert!(manifest.contains("\nuuid = { version = \"1\", features = [\"serde\"] }\n"), "{manifest}");
    // The headers name the command as run (the config file is found beside the spec).
    assert!(
        client.contains("\n// Regenerate it with: openapi-rust-generator generate api/openapi.yaml --out client\n")
    );

    // The command line's selection replaces the config file's.
    let output = run(
        &dir,
        &["generate", "api/openapi.yaml", "--out", "inventory", "--only", "tag:store", "--crate-name", "inventory"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("inventory"));
    assert_eq!(
        stdout(&output),
        format!("inventory: 1 operations, 0 types; {files} of {files} files written, the rest unchanged\n")
    );

    cargo_check(&dir, &["client", "inventory"]);
}

#[test]
fn config_mistakes_name_the_key_and_the_near_matches() {
    let dir = petstore_with_config(
        "config-mistakes",
        "base-url = \"staging.example.com\"\nonly = [\"tag:pet\", \"getPett\", \"get /pets/{id}\"]\n\n[types]\nPetIdd = \"uuid::Uuid\"\nPet = \"not a path\"\n\"#/components/schemas/Pett\" = \"x::Y\"\n",
    );
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "api/openapi-rust-generator.toml: base-url: `staging.example.com` is not an absolute `http://` or `https://` URL\n\
         api/openapi-rust-generator.toml: only: `tag:pet` selects nothing: no operation has the tag `pet`; did you mean `tag:pets`?\n\
         api/openapi-rust-generator.toml: only: `getPett` selects nothing: no operation has the operationId `getPett`; did you mean `getPet`?\n\
         api/openapi-rust-generator.toml: only: `get /pets/{id}` selects nothing: the spec has no operation `GET /pets/{id}`; \
         did you mean `GET /pets/{petId}`?\n\
         api/openapi-rust-generator.toml: types.\"#/components/schemas/Pett\": `#/components/schemas/Pett` points to no schema; \
         did you mean `#/components/schemas/Pet`, `#/components/schemas/PetId`?\n\
         api/openapi-rust-generator.toml: types.Pet: `not a path` is not a Rust type path (such as `uuid::Uuid` or `crate::ids::UserId`)\n\
         api/openapi-rust-generator.toml: types.PetIdd: the spec has no component schema `PetIdd`; did you mean `PetId`?\n"
    );
    assert!(!dir.join("client").exists());

    // Selectors on the command line are named as such.
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client", "--only", "tag:user"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "\n--only: `tag:user` selects nothing: no operation has the tag `user`; did you mean `tag:users`?\n"
        ),
        "{}",
        stderr(&output)
    );

    // A config file that is not valid TOML, or has an unknown key.
    fs::write(dir.join("bad.toml"), "only = [\"tag:pets\"\ncrate-name = 1\n").unwrap_or_else(|e| panic!("{e}"));
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client", "--config", "bad.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("bad.toml:2:1: "), "{}", stderr(&output));
    fs::write(dir.join("typo.toml"), "crate_name = \"x\"\n").unwrap_or_else(|e| panic!("{e}"));
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client", "--config", "typo.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("typo.toml:1:1: unknown field `crate_name`, expected one of `crate-name`"),
        "{}",
        stderr(&output)
    );
    let output = run(&dir, &["generate", "api/openapi.yaml", "--out", "client", "--config", "none.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("none.toml: cannot read the config file: "), "{}", stderr(&output));
    assert!(!dir.join("client").exists());
}

/// Every setting the config file has is an option too, and an option wins
/// over the config file's setting.
#[test]
fn every_setting_is_an_option_that_wins_over_the_config_file() {
    let dir = petstore_with_config(
        "options",
        "crate-name = \"from-config\"\nonly = [\"tag:users\"]\ntag-features = true\nregenerate-with = \"make client\"\n\n\
         [types]\nPetId = \"std::string::String\"\n\n[dependencies]\nuuid = \"0.8\"\n",
    );
    let generate = [
        "generate",
        "api/openapi.yaml",
        "--out",
        "client",
        "--regenerate-with",
        "make pets",
        "--no-tag-features",
        "--dependency",
        "uuid={ version = \"1\", features = [\"serde\"] }",
        "--dependency=time=0.3",
        "--type",
        "PetId=uuid::Uuid",
        "--base-url",
        "https://staging.petstore.example.com/v1",
        "--only",
        "tag:pets",
        "--only",
        "tag:store",
        "--crate-name",
        "pets",
    ];
    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("client"));
    assert_eq!(
        stdout(&output),
        format!("client: 4 operations, 5 types; {files} of {files} files written, the rest unchanged\n")
    );
    let manifest = read(&dir.join("client/Cargo.toml"));
    let client = read(&dir.join("client/src/client.rs"));
    let types = read(&dir.join("client/src/types.rs"));
    assert!(manifest.contains("\nname = \"pets\"\n"), "{manifest}");
    assert!(manifest.contains("\nuuid = { version = \"1\", features = [\"serde\"] }\n"), "{manifest}");
    assert!(manifest.contains("\ntime = \"0.3\"\n"), "{manifest}");
    // Two tags, yet no feature per tag.
    assert!(!manifest.contains("\npets = ") && !manifest.contains("\nstore = "), "{manifest}");
    assert!(!client.contains("#[cfg(feature"), "{client}");
    assert!(client.contains("pub async fn get_pet(") && client.contains("pub async fn get_inventory("));
    assert!(!client.contains("pub async fn get_user("), "{client}");
    assert!(client.contains("\"https://staging.petstore.example.com/v1\""), "{client}");
    assert!(types.contains("    pub id: uuid::Uuid,\n"), "{types}");
    assert!(client.contains("\n// Regenerate it with: make pets\n"), "{client}");

    // Without --regenerate-with (here or in a config file), the headers name
    // the command as run, its settings in one order whatever the order given.
    let plain = with_petstore("options-order");
    let given = ["--type=PetId=uuid::Uuid", "--only", "tag:pets", "--no-tag-features", "--crate-name", "pets"];
    let output = run(&plain, &[&["generate", "petstore.yaml", "--out", "client"][..], &given].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let header = "openapi-rust-generator generate petstore.yaml --out client --crate-name pets --only tag:pets \
                  --type PetId=uuid::Uuid --no-tag-features";
    let lib = read(&plain.join("client/src/lib.rs"));
    assert!(lib.contains(&format!("\n// Regenerate it with: {header}\n")), "{lib}");
    let words: Vec<&str> = header.split(' ').skip(1).chain(["--check"]).collect();
    assert_eq!(run(&plain, &words).status.code(), Some(0), "the header's command checks the same crate");

    // Mistakes in the options are named as options, the config file's as its keys.
    let output = run(
        &dir,
        &[
            "generate",
            "api/openapi.yaml",
            "--out",
            "wrong",
            "--type",
            "PetIdd=uuid::Uuid",
            "--base-url",
            "staging",
            "--dependency",
            "a b=1",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "--dependency \"a b\": a dependency's name is a crate name (letters, digits, `-` and `_`)\n"
    );
    let output = run(
        &dir,
        &["generate", "api/openapi.yaml", "--out", "wrong", "--type", "PetIdd=uuid::Uuid", "--base-url", "x"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "--base-url: `x` is not an absolute `http://` or `https://` URL\n\
         --type PetIdd: the spec has no component schema `PetIdd`; did you mean `PetId`?\n"
    );
    assert!(!dir.join("wrong").exists());
}

/// GitHub's REST API spec, from the corpus of real-world specs beside the
/// checkout (or in `CORPUS_DIR`), when it is there.
fn github_spec() -> Option<PathBuf> {
    let dir = std::env::var_os("CORPUS_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/specs"));
    let spec = dir.join("github-api.github.com.json");
    if spec.is_file() {
        Some(spec)
    } else {
        eprintln!("NOTE: {} is missing (set CORPUS_DIR); GitHub's spec was not run", spec.display());
        None
    }
}

#[test]
fn only_a_tag_of_github_gives_a_much_smaller_crate_that_compiles() {
    let Some(spec) = github_spec() else { return };
    let dir = scratch("github");
    let spec = spec.display().to_string();
    let output =
        run(&dir, &["generate", &spec, "--out", "repos", "--only", "tag:repos", "--crate-name", "github-repos"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(summary.starts_with("repos: 204 operations, "), "{summary}");
    let size = |dir: &Path| -> u64 {
        ["src/lib.rs", "src/client.rs", "src/types.rs"].iter().map(|f| read(&dir.join(f)).len() as u64).sum()
    };
    let selected = size(&dir.join("repos"));
    // Every operation of the full spec: 1,223 operations and 15.5 MB of client and types.
    assert!(selected < 2_500_000, "{selected} bytes");
    let client = read(&dir.join("repos/src/client.rs"));
    assert!(client.contains("pub async fn repos_get(") && !client.contains("pub async fn issues_get("));
    let elapsed = cargo_check(&dir, &["repos"]);
    eprintln!("github --only tag:repos: {summary} {selected} bytes of Rust; cargo check {elapsed:.1?}");

    let output = run(&dir, &["generate", &spec, "--out", "none", "--only", "tag:repo"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "--only: `tag:repo` selects nothing: no operation has the tag `repo`; did you mean `tag:repos`?\n"
    );
    assert!(!dir.join("none").exists());
}

#[test]
fn the_readme_shows_the_example_workspace_code_as_it_is() {
    let readme = read(&root().join("README.md"));
    for file in ["xtask/src/main.rs", "petstore-inline/build.rs"] {
        let code = read(&root().join("tests/example-workspace").join(file));
        assert!(readme.contains(&format!("```rust,ignore\n{code}```\n")), "README.md does not show {file} as it is");
    }
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

#[test]
fn tag_features_can_be_turned_off_for_code_a_build_script_includes() {
    let spec = read(&root().join("tests/fixtures/valid/features.yaml"));
    let file = |generated: &generator::Generated, path: &str| {
        generated.files.iter().find(|f| f.path == path).map(|f| f.contents.clone()).unwrap_or_default()
    };
    let per_tag = generator::generate(&spec, &generator::Options::new("features.yaml", "test"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    assert!(file(&per_tag, "Cargo.toml").contains("\npets = []\n"));
    assert!(file(&per_tag, "src/client.rs").contains("#[cfg(feature = \"pets\")]"));

    let mut builder = generator::Options::new("features.yaml", "test");
    builder.tag_features(generator::TagFeatures::Off);
    let mut config = generator::Options::new("features.yaml", "test");
    config.config("tag-features = false\n").unwrap_or_else(|d| panic!("{d}"));
    for options in [builder, config] {
        let off = generator::generate(&spec, &options).unwrap_or_else(|d| panic!("{d:?}"));
        for path in ["Cargo.toml", "src/lib.rs", "src/client.rs", "src/types.rs"] {
            let text = file(&off, path);
            assert!(!text.is_empty(), "{path}");
            assert!(
                !text.contains("feature = \"pets\"") && !text.contains("\npets = []"),
                "{path} names a tag feature"
            );
        }
    }
}

/// What is at a path, links not followed: what a directory looked like, to
/// show that every byte there before is there after.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Every path under `dir` (itself included) and what is there; links are not followed.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Entry> {
    let mut entries = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = fs::symlink_metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let entry = if meta.file_type().is_symlink() {
            Entry::Link(fs::read_link(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        } else if meta.is_dir() {
            for child in fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).flatten() {
                pending.push(child.path());
            }
            Entry::Dir
        } else if meta.is_file() {
            Entry::File(fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        } else {
            Entry::Other
        };
        entries.insert(path, entry);
    }
    entries
}

/// Panics naming each path added, removed or changed since `before`.
fn assert_unchanged(dir: &Path, before: &std::collections::BTreeMap<PathBuf, Entry>, context: &str) {
    let after = snapshot(dir);
    let mut differences = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => differences.push(format!("removed: {}", path.display())),
            Some(now) if now != entry => differences.push(format!("changed: {}", path.display())),
            Some(_) => {}
        }
    }
    differences.extend(after.keys().filter(|p| !before.contains_key(*p)).map(|p| format!("added: {}", p.display())));
    assert!(
        differences.is_empty(),
        "{context}: every byte there before must be there after\n{}",
        differences.join("\n")
    );
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

const HAND_WRITTEN_ADVICE: &str = "Move each away or pick another --out; or add --force to overwrite the files \
                                   without the generated header (what they hold is lost).\n";

#[test]
fn hand_written_files_where_generated_files_go_stop_the_write_until_force() {
    let dir = with_petstore("hand-written");
    write(&dir.join("mine/Cargo.toml"), "[package]\nname = \"mine\"\n");
    write(&dir.join("mine/src/lib.rs"), "// mine\n");
    let before = snapshot(&dir);
    let generate = ["generate", "petstore.yaml", "--out", "mine"];

    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "nothing was written: 2 paths where the generated crate goes hold what the generator did not write\n  \
             mine/Cargo.toml: a file the generator did not write (it has no generated header)\n  \
             mine/src/lib.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )
    );
    assert_unchanged(&dir, &before, "a write");

    // --check names them as what is in the way, not as stale files.
    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("mine/rustfmt.toml is missing\n\n"), "{message}");
    assert!(
        message.ends_with(&format!(
            "mine/src/types.rs is missing\n\n\
             2 paths where the generated crate goes hold what the generator did not write, which it will not replace:\n  \
             mine/Cargo.toml: a file the generator did not write (it has no generated header)\n  \
             mine/src/lib.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )),
        "{message}"
    );
    assert!(!message.contains("stale") && !message.contains("out of date"), "{message}");
    assert_unchanged(&dir, &before, "");

    let output = run(&dir, &[&generate[..], &["--check", "--force"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: --check writes nothing: it cannot be combined with --force\n"));
    assert_unchanged(&dir, &before, "");

    // --force replaces them, and says so.
    let output = run(&dir, &[&generate[..], &["--force"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("mine"));
    assert_eq!(
        stdout(&output),
        format!(
            "replaced mine/Cargo.toml, which the generator did not write\n\
             replaced mine/src/lib.rs, which the generator did not write\n\
             mine: 5 operations, 8 types; {files} of {files} files written \
             (2 of them over files the generator did not write), the rest unchanged\n"
        )
    );
    assert!(read(&dir.join("mine/Cargo.toml")).contains("\nname = \"petstore\"\n"));
    assert!(read(&dir.join("mine/src/lib.rs")).starts_with("// This file is @generated"));

    // A generated crate is the generator's: regenerating over it is no conflict.
    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("mine: 5 operations, 8 types; 0 of {files} files written, the rest unchanged\n")
    );
    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn one_hand_written_file_in_a_generated_crate_stops_every_write() {
    let dir = with_petstore("hand-written-in-crate");
    let generate = ["generate", "petstore.yaml", "--out", "client"];
    assert_eq!(run(&dir, &generate).status.code(), Some(0));
    // A stale generated file (which alone would be rewritten), a leftover (which
    // alone would be removed) and a hand-written file where a generated one goes.
    let types = dir.join("client/src/types.rs");
    write(&types, &read(&types).replace("pub struct Pet {", "pub struct Pet { // edited"));
    let header = read(&dir.join("client/src/lib.rs")).lines().next().unwrap_or_default().to_owned();
    write(&dir.join("client/src/old.rs"), &format!("{header}\npub fn old() {{}}\n"));
    write(&dir.join("client/src/client.rs"), "//! My own client.\n");
    let before = snapshot(&dir);

    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "nothing was written: 1 path where the generated crate goes holds what the generator did not write\n  \
             client/src/client.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )
    );
    assert_unchanged(&dir, &before, "nothing rewritten, nothing removed");

    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("client/src/types.rs is stale:\n"), "{message}");
    assert!(message.contains("\n\nclient/src/old.rs is a generated file the generator no longer produces\n\n"));
    assert!(message.contains(
        "\n\n1 path where the generated crate goes holds what the generator did not write, which it will not replace:\n  \
         client/src/client.rs: a file the generator did not write (it has no generated header)\n\n"
    ));
    assert!(!message.contains("client.rs is stale"), "{message}");
    assert_unchanged(&dir, &before, "");

    let output = run(&dir, &[&generate[..], &["--force"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("client"));
    assert_eq!(
        stdout(&output),
        format!(
            "replaced client/src/client.rs, which the generator did not write\nremoved client/src/old.rs\n\
             client: 5 operations, 8 types; 2 of {files} files written \
             (1 of them over a file the generator did not write), the rest unchanged\n"
        )
    );
}

/// Directories, special files, links leading outside or nowhere, and files
/// where directories go: `--force` replaces none of them.
#[cfg(unix)]
#[test]
fn directories_links_and_special_files_in_the_way_stop_the_write_even_with_force() {
    use std::os::unix::fs::symlink;

    let dir = with_petstore("in-the-way");
    let header = "// This file is @generated from petstore.yaml by openapi-rust-generator. Do not edit it by hand.\n";
    // Outside the output directory: a manifest, a directory of generated-looking files.
    write(&dir.join("shared/Cargo.toml"), "[package]\nname = \"shared\"\n");
    write(&dir.join("elsewhere/mod.rs"), &format!("{header}pub fn elsewhere() {{}}\n"));
    write(&dir.join("elsewhere/old.rs"), &format!("{header}pub fn old() {{}}\n"));
    fs::create_dir_all(dir.join("client/src/types.rs/inner")).unwrap_or_else(|e| panic!("{e}"));
    write(&dir.join("client/src/types.rs/inner/notes.txt"), "notes\n");
    let link = |target: &str, at: &str| symlink(target, dir.join(at)).unwrap_or_else(|e| panic!("{at}: {e}"));
    link("../shared/Cargo.toml", "client/Cargo.toml");
    link("../../elsewhere", "client/src/runtime");
    link("missing.toml", "client/rustfmt.toml");
    // Not where a generated file goes: never followed, never a leftover.
    link("../elsewhere", "client/vendor");
    let fifo = Command::new("mkfifo").arg(dir.join("client/src/client.rs")).status();
    assert!(fifo.as_ref().is_ok_and(|status| status.success()), "mkfifo: {fifo:?}");
    let before = snapshot(&dir);

    let elsewhere = fs::canonicalize(dir.join("elsewhere")).unwrap_or_else(|e| panic!("{e}"));
    let shared = fs::canonicalize(dir.join("shared/Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    let expected = format!(
        "nothing was written: 5 paths where the generated crate goes hold what the generator did not write\n  \
         client/Cargo.toml: a symbolic link that leads outside the output directory, to {}\n  \
         client/rustfmt.toml: a symbolic link to missing.toml, which does not exist\n  \
         client/src/client.rs: not a regular file, where a generated file goes\n  \
         client/src/runtime: a symbolic link that leads outside the output directory, to {}\n  \
         client/src/types.rs: a directory where a generated file goes\n\n\
         Move each away or pick another --out.\n",
        shared.display(),
        elsewhere.display()
    );
    for force in [&[][..], &["--force"]] {
        let output = run(&dir, &[&["generate", "petstore.yaml", "--out", "client"][..], force].concat());
        assert_eq!(output.status.code(), Some(1), "{force:?}");
        assert_eq!(stderr(&output), expected, "{force:?}");
        assert_unchanged(&dir, &before, &format!("{force:?}"));
    }

    let output = run(&dir, &["generate", "petstore.yaml", "--out", "client", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "5 paths where the generated crate goes hold what the generator did not write, which it will not replace:\n  \
             client/Cargo.toml: a symbolic link that leads outside the output directory"
        ),
        "{message}"
    );
    assert!(message.ends_with("\n\nMove each away or pick another --out.\n"), "{message}");
    assert!(!message.contains("old.rs"), "a link is not followed to leftovers: {message}");
    assert_unchanged(&dir, &before, "");

    // A file where a directory of generated files goes, and where the crate's directory goes.
    let dir = with_petstore("file-for-directory");
    write(&dir.join("client/src"), "not a directory\n");
    write(&dir.join("notes.txt"), "notes\n");
    let before = snapshot(&dir);
    for (out, path) in [("client", "client/src"), ("notes.txt", "notes.txt")] {
        let output = run(&dir, &["generate", "petstore.yaml", "--out", out, "--force"]);
        assert_eq!(output.status.code(), Some(1), "{out}");
        assert_eq!(
            stderr(&output),
            format!(
                "nothing was written: 1 path where the generated crate goes holds what the generator did not write\n  \
                 {path}: a file where a directory of generated files goes\n\nMove each away or pick another --out.\n"
            )
        );
        assert_unchanged(&dir, &before, out);
    }
}

/// Links that stay inside the output directory are followed: the files are written through them.
#[cfg(unix)]
#[test]
fn links_inside_the_output_directory_are_written_through() {
    let dir = with_petstore("links-inside");
    let generate = ["generate", "petstore.yaml", "--out", "client"];
    assert_eq!(run(&dir, &generate).status.code(), Some(0));
    fs::rename(dir.join("client/src/runtime"), dir.join("client/runtime")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../runtime", dir.join("client/src/runtime")).unwrap_or_else(|e| panic!("{e}"));
    let output = run(&dir, &[&generate[..], &["--crate-name", "pets"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // No file reached through the link is taken for a leftover.
    assert!(!stdout(&output).contains("removed"), "{}", stdout(&output));
    assert_eq!(fs::read_link(dir.join("client/src/runtime")).ok(), Some(PathBuf::from("../runtime")));
    assert!(read(&dir.join("client/runtime/mod.rs")).contains("--crate-name pets"));
    assert_eq!(run(&dir, &[&generate[..], &["--crate-name", "pets", "--check"]].concat()).status.code(), Some(0));
}

/// A write that fails part way (here: files larger than the process may
/// write, a limit root is held to as well) is undone: the files already
/// written to temporary files are removed, the directories created for them
/// too, and every file there before keeps its bytes.
#[cfg(unix)]
#[test]
fn a_write_that_fails_part_way_is_undone() {
    let dir = with_petstore("write-fails");
    assert_eq!(run(&dir, &["generate", "petstore.yaml", "--out", "client"]).status.code(), Some(0));
    write(&dir.join("client/src/mine.rs"), "// mine\n");
    let before = snapshot(&dir);
    // Another crate name: every file's text changes. Files over 8 blocks (4 KiB
    // in dash, 8 KiB in bash; Cargo.toml and rustfmt.toml are smaller, types.rs
    // is larger) cannot be written; SIGXFSZ ignored makes that an error, not death.
    let limited = |out: &str| {
        Command::new("sh")
            .args(["-c", "ulimit -f 8 && trap '' XFSZ && exec \"$0\" \"$@\""])
            .arg(BIN)
            .args(["generate", "petstore.yaml", "--out", out, "--crate-name", "pets", "--force"])
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("sh: {e}"))
    };
    for out in ["client", "fresh/client"] {
        let output = limited(out);
        assert_eq!(output.status.code(), Some(1), "{out}: {}", stdout(&output));
        let message = stderr(&output);
        let (path, reason) = message.split_once(": ").unwrap_or_default();
        assert!(path.starts_with(&format!("{out}/src/")) && path.ends_with(".rs"), "{message}");
        assert!(
            reason.starts_with("cannot write it: File too large") && reason.ends_with("; nothing was written\n"),
            "{message}"
        );
        // Nothing written, no temporary file left, no directory created.
        assert_unchanged(&dir, &before, out);
    }
    // Without the limit, the same command writes.
    let output = run(&dir, &["generate", "petstore.yaml", "--out", "client", "--crate-name", "pets"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// The library refuses as the command does, with typed errors; a `build.rs`'s
/// `write_file` into its own directory is unchanged.
#[test]
fn the_library_reports_conflicts_as_a_typed_error() {
    use generator::write::{self, ConflictKind, Error, Overwrite};

    let dir = scratch("library");
    let spec = read(&root().join("tests/example-workspace/api/openapi.yaml"));
    let generated = generator::generate(&spec, &generator::Options::new("petstore.yaml", "test"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let out = dir.join("client");
    write(&out.join("src/lib.rs"), "// mine\n");
    match write::write_crate(&out, &generated.files) {
        Err(Error::Conflicts(conflicts)) => {
            let found: Vec<_> = conflicts.iter().map(|c| (c.path.clone(), c.kind.clone())).collect();
            assert_eq!(found, [(out.join("src/lib.rs"), ConflictKind::HandWritten)]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(read(&out.join("src/lib.rs")), "// mine\n");
    assert_eq!(file_count(&out), 1);

    let written =
        write::write_crate_with(&out, &generated.files, Overwrite::HandWritten).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.replaced, ["src/lib.rs"]);
    assert_eq!(written.written.len(), generated.files.len());
    assert!(write::write_crate(&out, &generated.files).is_ok_and(|w| w.written.is_empty()));

    // A build script's one file: written wherever it is told, as before.
    let single = dir.join("out/petstore.rs");
    write(&single, "// an earlier build's\n");
    assert_eq!(write::write_file(&single, "// this build's\n"), Ok(true));
    assert_eq!(read(&single), "// this build's\n");
}
