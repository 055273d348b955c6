//! The generator's output, pinned: the SendKit client from `spec/openapi.yaml`,
//! one small fixture spec per construct (`tests/fixtures/valid`), and the
//! diagnostics of invalid specs (`tests/fixtures/invalid`).

use std::fs;
use std::path::{Path, PathBuf};

use generator::{Generated, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn generate(relative: &str) -> Result<Generated, Vec<generator::Diagnostic>> {
    let text = fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    generator::generate(
        &text,
        &Options { crate_name: None, spec_name: relative.to_owned(), command: "cargo xtask codegen".to_owned() },
    )
}

/// The warnings, then every generated file but the runtime's (copies of
/// `generator/runtime/`), of which only the names are listed: which of them
/// the API gets.
fn render(generated: &Generated, spec: &str) -> String {
    let mut out = String::new();
    for warning in &generated.warnings {
        out.push_str(&warning.display_for(spec));
        out.push('\n');
    }
    let runtime: Vec<&str> = generated.files.iter().filter_map(|f| f.path.strip_prefix("src/runtime/")).collect();
    for file in generated.files.iter().filter(|f| !f.path.starts_with("src/runtime/")) {
        out.push_str(&format!("==> {} <==\n{}\n", file.path, file.contents));
    }
    out.push_str(&format!("==> src/runtime/ <==\n{}\n", runtime.join("\n")));
    out
}

fn fixtures(kind: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("tests/fixtures").join(kind))
        .unwrap_or_else(|e| panic!("fixtures/{kind}: {e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn sendkit_client() {
    let generated = generate("spec/openapi.yaml").unwrap_or_else(|d| panic!("{d:?}"));
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    insta::assert_snapshot!("sendkit", render(&generated, "spec/openapi.yaml"));
}

#[test]
fn valid_fixtures() {
    for name in fixtures("valid") {
        let spec = format!("tests/fixtures/valid/{name}");
        let generated = generate(&spec).unwrap_or_else(|d| panic!("{spec}: {d:#?}"));
        let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name).to_owned();
        insta::assert_snapshot!(format!("valid_{stem}"), render(&generated, &spec));
    }
}

#[test]
fn invalid_fixtures_report_every_problem_with_its_location() {
    for name in fixtures("invalid") {
        let spec = format!("tests/fixtures/invalid/{name}");
        let diagnostics = match generate(&spec) {
            Ok(_) => panic!("{spec} generated, but it is invalid"),
            Err(diagnostics) => diagnostics,
        };
        let lines: Vec<String> = diagnostics.iter().map(|d| d.display_for(&spec)).collect();
        let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(&name).to_owned();
        insta::assert_snapshot!(format!("invalid_{stem}"), lines.join("\n"));
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let mut specs = vec!["spec/openapi.yaml".to_owned()];
    specs.extend(fixtures("valid").into_iter().map(|n| format!("tests/fixtures/valid/{n}")));
    for spec in specs {
        let first = generate(&spec).unwrap_or_else(|d| panic!("{d:?}"));
        let second = generate(&spec).unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(first.files, second.files, "{spec}");
    }
}

#[test]
fn every_generated_file_names_the_command_that_regenerates_it() {
    let generated = generate("spec/openapi.yaml").unwrap_or_else(|d| panic!("{d:?}"));
    for file in &generated.files {
        let head: Vec<&str> = file.contents.lines().take(2).collect();
        assert!(
            head[0].contains("generated from spec/openapi.yaml") && head[0].contains("Do not edit"),
            "{}",
            file.path
        );
        assert!(head[1].ends_with("Regenerate it with: cargo xtask codegen"), "{}", file.path);
    }
}

#[test]
fn generated_code_has_no_unwrap_expect_or_panic() {
    let mut specs = vec!["spec/openapi.yaml".to_owned()];
    specs.extend(fixtures("valid").into_iter().map(|n| format!("tests/fixtures/valid/{n}")));
    for spec in specs {
        let generated = generate(&spec).unwrap_or_else(|d| panic!("{d:?}"));
        for file in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
            for (number, line) in file.contents.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                for banned in
                    [".unwrap()", ".expect(", "panic!(", "unreachable!(", "todo!(", "unimplemented!(", "unsafe "]
                {
                    assert!(!code.contains(banned), "{spec}: {}:{}: `{banned}` in `{code}`", file.path, number + 1);
                }
            }
        }
    }
}
