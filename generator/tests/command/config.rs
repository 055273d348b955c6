//! The config file and the setting options: what they select, replace and
//! add, the mistakes they report, and which wins.

use super::*;

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
        format!(
            "client: crate selected-pets, 2 operations, 4 types; {files} of {files} files written, the rest unchanged\n"
        )
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
        format!(
            "inventory: crate inventory, 1 operations, 0 types; {files} of {files} files written, the rest unchanged\n"
        )
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
        format!("client: crate pets, 4 operations, 5 types; {files} of {files} files written, the rest unchanged\n")
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
    assert!(summary.starts_with("repos: crate github-repos, 204 operations, "), "{summary}");
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
