//! Tests of `cli.rs`.

use super::*;

fn parse_ok(args: &[&str]) -> Task {
    parse(args.iter().copied()).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn parse_err(args: &[&str]) -> UsageError {
    match parse(args.iter().copied()) {
        Ok(task) => panic!("{args:?} parsed as {task:?}"),
        Err(error) => error,
    }
}

#[test]
fn codegen_defaults_to_the_workspace_spec_and_crate() {
    let Task::Codegen { jobs, action } = parse_ok(&["codegen"]) else { panic!() };
    assert_eq!(action, Action::Write(Overwrite::Never));
    let [job, example, streams] = &jobs[..] else { panic!("{jobs:?}") };
    assert!(streams.spec.ends_with("tests/fixtures/valid/streams.yaml"));
    assert!(streams.out.ends_with("tests/streams-client"));
    assert_eq!(streams.options, generator::Options::new("tests/fixtures/valid/streams.yaml", "cargo xtask codegen"));
    assert!(example.spec.ends_with("tests/example-workspace/api/openapi.yaml"));
    assert!(example.out.ends_with("tests/example-workspace/petstore"));
    assert_eq!(example.options, generator::Options::new("api/openapi.yaml", "cargo xtask codegen"));
    assert!(job.spec.ends_with("spec/openapi.yaml"));
    assert!(job.out.ends_with("generated"));
    assert_eq!(job.options, generator::Options::new("spec/openapi.yaml", "cargo xtask codegen"));
    assert_eq!(job.config, None);
    let Task::Codegen { action, .. } = parse_ok(&["codegen", "--force"]) else { panic!() };
    assert_eq!(action, Action::Write(Overwrite::HandWritten));
}

#[test]
fn codegen_takes_every_option_in_either_spelling() {
    let Task::Codegen { jobs, action } = parse_ok(&[
        "codegen",
        "--spec=api.json",
        "--check",
        "--out",
        "out dir",
        "--only",
        "tag:pets",
        "--crate-name",
        "my-api",
        "--config=api.toml",
        "--only=GET /pets/{id}",
        "--no-tag-features",
        "--type",
        "PetId=uuid::Uuid",
        "--dependency=uuid=1",
        "--base-url",
        "https://staging.example.com",
        "--regenerate-with",
        "make api",
    ]) else {
        panic!()
    };
    let [job] = &jobs[..] else { panic!("{jobs:?}") };
    assert_eq!(action, Action::Check);
    assert_eq!(job.spec, PathBuf::from("api.json"));
    assert_eq!(job.out, PathBuf::from("out dir"));
    assert_eq!(job.config, Some(PathBuf::from("api.toml")));
    let command = "cargo xtask codegen --spec api.json --out 'out dir' --crate-name my-api --only tag:pets \
                   --only 'GET /pets/{id}' --base-url https://staging.example.com --type PetId=uuid::Uuid \
                   --dependency uuid=1 --no-tag-features --regenerate-with 'make api' --config api.toml";
    let mut expected = generator::Options::new("api.json", command);
    expected
        .crate_name("my-api")
        .only("tag:pets")
        .only("GET /pets/{id}")
        .base_url("https://staging.example.com")
        .external_type("PetId", "uuid::Uuid")
        .dependency("uuid", "1")
        .tag_features(generator::TagFeatures::Off)
        .regenerate_with("make api");
    assert_eq!(job.options, expected);

    // Settings without --spec apply to generated/.
    let Task::Codegen { jobs, .. } = parse_ok(&["codegen", "--no-tag-features"]) else { panic!() };
    let [job] = &jobs[..] else { panic!("{jobs:?}") };
    assert!(job.out.ends_with("generated"));
    let mut expected = generator::Options::new("spec/openapi.yaml", "cargo xtask codegen --no-tag-features");
    expected.tag_features(generator::TagFeatures::Off);
    assert_eq!(job.options, expected);
}

#[test]
fn codegen_describes_every_setting_as_the_command_does() {
    for setting in Setting::ALL {
        let usage = match setting.value_name() {
            Some(value) => format!("\n  {} {value}", setting.option()),
            None => format!("\n  {} ", setting.option()),
        };
        assert!(CODEGEN_USAGE.text.contains(&usage), "`{usage}` missing from:\n{}", CODEGEN_USAGE.text);
    }
}

#[test]
fn codegen_reports_bad_arguments_with_its_synopsis() {
    let error = parse_err(&["codegen", "--chek"]);
    assert_eq!(error.message, "invalid option '--chek'");
    assert_eq!(error.usage, &CODEGEN_USAGE);
    assert_eq!(
        error.to_string(),
        "error: invalid option '--chek'\n\n\
         usage: cargo xtask codegen [--check | --force] [--spec PATH --out DIR] [--config FILE] [SETTINGS]\n\n\
         For more, run `cargo xtask codegen --help`."
    );
    assert_eq!(parse_err(&["codegen", "--spec"]).message, "missing argument for option '--spec'");
    assert_eq!(
        parse_err(&["codegen", "--spec", "a.yaml"]).message,
        "--spec needs --out (the crate directory to write)"
    );
    assert_eq!(parse_err(&["codegen", "--out", "x"]).message, "--out needs --spec (the OpenAPI document to read)");
    assert_eq!(parse_err(&["codegen", "extra"]).message, "unexpected argument \"extra\"");
    assert_eq!(parse_err(&["codegen", "--check=yes"]).message, "unexpected argument for option '--check': \"yes\"");
    assert_eq!(
        parse_err(&["codegen", "--check", "--force"]).message,
        "--check writes nothing: it cannot be combined with --force"
    );
    assert_eq!(
        parse_err(&["codegen", "--type", "uuid::Uuid"]).message,
        "--type takes SCHEMA=TYPE (such as PetId=uuid::Uuid), not \"uuid::Uuid\""
    );
    assert_eq!(parse_err(&["codegen", "--crate-name"]).message, "missing argument for option '--crate-name'");
}

#[test]
fn corpus_takes_a_directory_and_every_option() {
    let Task::Corpus(run) = parse_ok(&[
        "corpus",
        "--only",
        "petstore",
        "specs",
        "--only=stripe",
        "--no-compile",
        "--clippy",
        "--all-features",
        "--feature-sets",
        "--tls-sets",
        "--max-size",
        "1000000",
        "--work",
        "/tmp/w",
    ]) else {
        panic!()
    };
    assert_eq!(run.dir, PathBuf::from("specs"));
    assert_eq!(run.only, ["petstore", "stripe"]);
    assert!(!run.compile && run.clippy && run.all_features && run.feature_sets && run.tls_sets);
    assert_eq!(run.max_size, Some(1_000_000));
    assert_eq!(run.work, PathBuf::from("/tmp/w"));
    assert_eq!(run.behaviour_tests, None);

    let Task::Corpus(run) = parse_ok(&["corpus", "specs"]) else { panic!() };
    assert!(run.compile && !run.clippy && !run.all_features && !run.feature_sets && !run.tls_sets);
    assert!(run.only.is_empty());
    assert_eq!(run.max_size, None);
    assert!(run.work.ends_with("target/corpus"));
}

#[test]
fn corpus_reports_bad_arguments() {
    let error = parse_err(&["corpus"]);
    assert_eq!(error.message, "missing the directory of specs (DIR)");
    assert!(error.to_string().ends_with("For more, run `cargo xtask corpus --help`."), "{error}");
    assert_eq!(parse_err(&["corpus", "a", "b"]).message, "unexpected argument \"b\"");
    assert_eq!(parse_err(&["corpus", "a", "--max-size", "1MB"]).message, "--max-size: `1MB` is not a number of bytes");
    assert_eq!(parse_err(&["corpus", "a", "--only"]).message, "missing argument for option '--only'");
    assert_eq!(parse_err(&["corpus", "a", "--fast"]).message, "invalid option '--fast'");
}

#[test]
fn conformance_takes_a_directory_and_every_option() {
    let Task::Conformance(run) =
        parse_ok(&["conformance", "specs", "--only", "petstore", "--only=xkcd", "--max-size=2000", "--work", "/tmp/c"])
    else {
        panic!()
    };
    assert_eq!(run.dir, PathBuf::from("specs"));
    assert_eq!(run.only, ["petstore", "xkcd"]);
    assert_eq!(run.max_size, Some(2000));
    assert_eq!(run.work, PathBuf::from("/tmp/c"));
    let Task::Conformance(run) = parse_ok(&["conformance", "specs"]) else { panic!() };
    assert!(run.work.ends_with("target/conformance") && run.only.is_empty() && run.max_size.is_none());
    assert_eq!(parse_err(&["conformance"]).message, "missing the directory of specs (DIR)");
    assert_eq!(
        parse_err(&["conformance", "a", "--max-size", "big"]).message,
        "--max-size: `big` is not a number of bytes"
    );
    assert_eq!(parse_err(&["conformance", "a", "--clippy"]).usage, &CONFORMANCE_USAGE);
}

#[test]
fn test_passes_its_arguments_to_cargo_test() {
    let Task::Test(args) = parse_ok(&["test"]) else { panic!() };
    assert!(args.is_empty());
    let Task::Test(args) = parse_ok(&["test", "--", "--test", "prism"]) else { panic!() };
    assert_eq!(args, ["--test", "prism"]);
    let Task::Test(args) = parse_ok(&["test", "-p", "tests", "--", "--nocapture"]) else { panic!() };
    assert_eq!(args, ["-p", "tests", "--", "--nocapture"]);
    // After `--`, `--help` is cargo test's.
    let Task::Test(args) = parse_ok(&["test", "--", "--help"]) else { panic!() };
    assert_eq!(args, ["--help"]);
}

#[test]
fn deps_takes_one_resolution_and_a_work_directory() {
    let Task::Deps(check) = parse_ok(&["deps", "--newest"]) else { panic!("deps") };
    assert_eq!(check.resolution, deps::Resolution::Newest);
    assert_eq!(check.work, workspace_root().join("target/deps-newest"));
    let Task::Deps(check) = parse_ok(&["deps", "--minimal", "--work", "w"]) else { panic!("deps") };
    assert_eq!((check.resolution, check.work), (deps::Resolution::Minimal, PathBuf::from("w")));
    assert_eq!(parse_err(&["deps"]).message, "give --newest or --minimal");
    assert_eq!(parse_err(&["deps", "--newest", "--minimal"]).message, "give one of --newest and --minimal");
    assert_eq!(parse_err(&["deps", "--nope"]).usage, &DEPS_USAGE);
}

#[test]
fn every_task_has_help() {
    for (args, usage) in [
        (&["--help"][..], &USAGE),
        (&["-h"], &USAGE),
        (&["help"], &USAGE),
        (&["codegen", "--help"], &CODEGEN_USAGE),
        (&["codegen", "--check", "-h"], &CODEGEN_USAGE),
        (&["corpus", "--help"], &CORPUS_USAGE),
        (&["conformance", "--help"], &CONFORMANCE_USAGE),
        (&["test", "--help"], &TEST_USAGE),
        (&["test", "-h"], &TEST_USAGE),
        (&["deps", "--help"], &DEPS_USAGE),
    ] {
        let Task::Help(text) = parse_ok(args) else { panic!("{args:?}") };
        assert_eq!(text, usage, "{args:?}");
    }
}

#[test]
fn a_missing_or_unknown_task_is_a_usage_error() {
    let error = parse_err(&[]);
    assert_eq!(error.message, "no task given");
    assert_eq!(error.usage, &USAGE);
    assert!(error.to_string().ends_with("For more, run `cargo xtask --help`."), "{error}");
    assert_eq!(parse_err(&["build"]).message, "unknown task \"build\"");
    assert_eq!(parse_err(&["--check"]).message, "invalid option '--check'");
}

#[test]
fn usage_errors_exit_with_code_2() {
    assert_eq!(main_with(["codegen", "--nope"]), ExitCode::from(2));
    assert_eq!(main_with(["corpus"]), ExitCode::from(2));
    assert_eq!(main_with(["codegen", "--help"]), ExitCode::SUCCESS);
}

#[test]
fn a_failing_task_exits_with_code_1() {
    let missing = std::env::temp_dir().join(format!("xtask-no-such-spec-{}.yaml", std::process::id()));
    let out = std::env::temp_dir().join(format!("xtask-no-such-out-{}", std::process::id()));
    let args = [OsString::from("codegen"), "--spec".into(), missing.into(), "--out".into(), out.clone().into()];
    assert_eq!(main_with(args), ExitCode::FAILURE);
    assert!(!out.exists());
}
