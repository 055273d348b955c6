//! `cargo xtask corpus DIR`: runs the generator on every spec in DIR, writes
//! each crate into one temporary cargo workspace (one shared target
//! directory), checks them with warnings denied, and prints a table. It never
//! stops at the first failure.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use generator::{Options, Severity};

/// Options of one corpus run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The directory of specs.
    pub dir: PathBuf,
    /// Only specs whose file name contains one of these (all when empty).
    pub only: Vec<String>,
    /// Skip specs larger than this many bytes.
    pub max_size: Option<u64>,
    /// Check the generated crates with cargo.
    pub compile: bool,
    /// Where the workspace of generated crates goes.
    pub work: PathBuf,
    /// Lint with clippy (warnings denied) instead of only checking.
    pub clippy: bool,
    /// Build with every feature of the generated crates (`full-serde`).
    pub all_features: bool,
    /// Also check each crate that has a feature per tag with no default
    /// features, and with each of those features alone (each with `full-serde`
    /// too, with `all_features`).
    pub feature_sets: bool,
    /// Also check every crate on each TLS feature but the default one
    /// ([`TLS_SETS`]: `rustls-ring`, `native-tls`, and none), its other default
    /// features on (and `full-serde`, with `all_features`).
    pub tls_sets: bool,
    /// A directory of behaviour tests: `<stem>.rs` becomes the generated crate's
    /// `tests/behaviour.rs`, run with `cargo test` after the check. The tests
    /// may use the crate the directory is in (the `tests` crate, for its test
    /// server) and tokio's `#[tokio::test]`.
    pub behaviour_tests: Option<PathBuf>,
}

/// How one spec fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Generated (and compiled, when compiling).
    Ok,
    /// Generated, but some operations were skipped.
    Partial(usize),
    /// Diagnostics instead of a crate (the first one).
    Diagnostics(String),
    /// The crate does not compile without warnings (the first error).
    CompileError(String),
    /// The crate's behaviour tests fail (the end of their output).
    TestFailure(String),
    /// The generator panicked.
    Panic(String),
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The spec's file name.
    pub file: String,
    /// The spec's declared version.
    pub openapi: String,
    /// Operations generated.
    pub operations: usize,
    /// Named types generated.
    pub types: usize,
    /// Time spent in the generator.
    pub generation: Duration,
    /// Lines of generated Rust.
    pub lines: usize,
    /// The outcome.
    pub outcome: Outcome,
    /// The generated crate's package name.
    pub package: String,
    /// The crate's features, one per tag (empty when it has none).
    pub features: Vec<String>,
}

/// Runs `cargo xtask corpus`: the corpus, then the table and the summary.
pub fn run(run: &Run) -> Result<(), String> {
    let rows = corpus(run)?;
    print!("{}", table(&rows, run.compile));
    let summary = summary(&rows, run.compile);
    println!("{summary}");
    let failed = rows.iter().any(|r| match &r.outcome {
        Outcome::Panic(_) | Outcome::CompileError(_) | Outcome::TestFailure(_) | Outcome::Partial(_) => true,
        Outcome::Diagnostics(_) => true,
        Outcome::Ok => false,
    });
    if failed { Err("corpus: some documents were not fully generated and compiled".to_owned()) } else { Ok(()) }
}

/// The `openapi` (or `swagger`) field of a document, cheaply.
pub fn declared_version(text: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Head {
        openapi: Option<serde_json::Value>,
        swagger: Option<serde_json::Value>,
    }
    let head: Option<Head> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    };
    let show = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    match head {
        Some(Head { openapi: Some(v), .. }) => show(v),
        Some(Head { swagger: Some(v), .. }) => format!("swagger {}", show(v)),
        _ => "?".to_owned(),
    }
}

/// The specs (`.json`, `.yaml`, `.yml`) of `dir` whose file name contains one
/// of `only` (all when empty) and whose size is at most `max_size`, sorted.
pub fn specs(dir: &Path, only: &[String], max_size: Option<u64>) -> Result<Vec<PathBuf>, String> {
    let mut specs: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml"))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            only.is_empty() || only.iter().any(|o| name.contains(o.as_str()))
        })
        .filter(|p| match max_size {
            Some(max) => fs::metadata(p).map(|m| m.len() <= max).unwrap_or(false),
            None => true,
        })
        .collect();
    specs.sort();
    Ok(specs)
}

/// Generates every spec, then checks the crates. Never stops at a failure.
pub fn corpus(run: &Run) -> Result<Vec<Row>, String> {
    let specs = specs(&run.dir, &run.only, run.max_size)?;
    let crates_dir = run.work.join("crates");
    if crates_dir.exists() {
        fs::remove_dir_all(&crates_dir).map_err(|e| format!("{}: {e}", crates_dir.display()))?;
    }
    fs::create_dir_all(&crates_dir).map_err(|e| format!("{}: {e}", crates_dir.display()))?;

    let mut rows = Vec::new();
    for spec in &specs {
        let file = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&file).to_owned();
        let package = format!("corpus-{}", generator::naming::crate_name(&stem));
        let text = fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        let openapi = declared_version(&text);
        let mut options = Options::new(file.clone(), format!("cargo xtask corpus {}", run.dir.display()));
        options.crate_name(package.clone());
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| generator::generate(&text, &options)));
        let generation = started.elapsed();
        let mut row = Row {
            file,
            openapi,
            operations: 0,
            types: 0,
            generation,
            lines: 0,
            outcome: Outcome::Ok,
            package: package.clone(),
            features: Vec::new(),
        };
        match result {
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                row.outcome = Outcome::Panic(message);
            }
            Ok(Err(diagnostics)) => {
                let first = diagnostics
                    .iter()
                    .find(|d| d.severity == Severity::Error)
                    .or(diagnostics.first())
                    .map(|d| d.display_for(""))
                    .unwrap_or_default();
                let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
                row.outcome =
                    Outcome::Diagnostics(if errors > 1 { format!("{first} (+{} more)", errors - 1) } else { first });
            }
            Ok(Ok(generated)) => {
                row.operations = generated.operations;
                row.types = generated.types;
                row.features = generated.features.clone();
                row.lines = generated
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".rs"))
                    .map(|f| f.contents.lines().count())
                    .sum();
                if generated.skipped_operations > 0 {
                    row.outcome = Outcome::Partial(generated.skipped_operations);
                }
                let out = crates_dir.join(&stem);
                for file in &generated.files {
                    let path = out.join(&file.path);
                    if let Some(parent) = path.parent() {
                        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
                    }
                    fs::write(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
                }
                if let Some(tests) = &run.behaviour_tests {
                    let test = tests.join(format!("{stem}.rs"));
                    if test.is_file() {
                        let target = out.join("tests/behaviour.rs");
                        fs::create_dir_all(out.join("tests")).map_err(|e| format!("{}: {e}", out.display()))?;
                        fs::copy(&test, &target).map_err(|e| format!("{}: {e}", test.display()))?;
                        let manifest = out.join("Cargo.toml");
                        let mut text =
                            fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
                        text.push_str(&behaviour_dev_dependencies(tests));
                        fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))?;
                    }
                }
            }
        }
        eprintln!("generated {:<40} {:>8.1?}  {}", row.file, row.generation, outcome_text(&row.outcome));
        rows.push(row);
    }
    let members: Vec<String> = rows
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Ok | Outcome::Partial(_)))
        .map(|r| format!("    \"crates/{}\",", r.file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&r.file)))
        .collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n", members.join("\n"));
    fs::write(run.work.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", run.work.display()))?;
    if run.compile && !members.is_empty() {
        check(run, members.len(), &mut rows)?;
        if run.tls_sets {
            check_tls_sets(run, &mut rows)?;
        }
        if run.feature_sets {
            check_feature_sets(run, &mut rows)?;
        }
        run_behaviour_tests(run, &crates_dir, &mut rows)?;
    }
    Ok(rows)
}

/// The dev-dependencies of a crate's behaviour tests: the crate that holds
/// them (the parent of their directory, `tests/`, whose scriptable HTTP server
/// they may drive the generated client against) and tokio's test runtime (with its paused clock).
fn behaviour_dev_dependencies(tests: &std::path::Path) -> String {
    let support = tests.parent().unwrap_or(tests);
    let support = fs::canonicalize(support).unwrap_or_else(|_| support.to_path_buf());
    let path = support.display().to_string().replace('\\', "/").replace('"', "\\\"");
    format!(
        "\n[dev-dependencies]\ntests = {{ path = \"{path}\" }}\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"test-util\"] }}\n"
    )
}

/// Runs `tests/behaviour.rs` of each generated crate that compiled and has one.
fn run_behaviour_tests(run: &Run, crates_dir: &std::path::Path, rows: &mut [Row]) -> Result<(), String> {
    for row in rows.iter_mut().filter(|r| r.outcome == Outcome::Ok) {
        let stem = row.file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&row.file);
        if !crates_dir.join(stem).join("tests/behaviour.rs").is_file() {
            continue;
        }
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
            .args(["test", "-p", &row.package, "--test", "behaviour"])
            .args(run.all_features.then_some("--all-features"))
            .current_dir(&run.work)
            .env("CARGO_TARGET_DIR", run.work.join("target"))
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        eprintln!("behaviour tests of {}: {}", row.package, if output.status.success() { "ok" } else { "FAILED" });
        if !output.status.success() {
            let text =
                format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
            let tail: Vec<&str> = text.lines().rev().take(30).collect();
            row.outcome = Outcome::TestFailure(tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
        }
    }
    Ok(())
}

/// Runs `cargo check` over every generated crate, warnings denied, and records
/// the first error of each crate that fails.
fn check(run: &Run, count: usize, rows: &mut [Row]) -> Result<(), String> {
    let tool = if run.clippy { "clippy" } else { "check" };
    eprintln!("{tool}: {count} crates (warnings denied)...");
    let started = Instant::now();
    let features: Vec<&str> = if run.all_features { vec!["--all-features"] } else { Vec::new() };
    let first_error = cargo_errors(run, &[&["--workspace", "--keep-going"], features.as_slice()].concat())?;
    eprintln!("cargo {tool} finished in {:.1?}", started.elapsed());
    for row in rows.iter_mut() {
        if let Some(error) = first_error.get(&row.package) {
            row.outcome = Outcome::CompileError(error.clone());
        }
    }
    Ok(())
}

/// The TLS features of every generated crate that [`Run::tls_sets`]
/// checks each alone, and no TLS at all (the empty name): the default feature,
/// `rustls`, is what the first check builds.
pub const TLS_SETS: [&str; 3] = ["rustls-ring", "native-tls", ""];

/// Checks every crate that compiled with its default features on each of
/// [`TLS_SETS`] instead of `rustls`, with every other default feature (its
/// tags) still on: one cargo run per set over all of them, warnings denied;
/// the first failing set's error is a crate's outcome.
fn check_tls_sets(run: &Run, rows: &mut [Row]) -> Result<(), String> {
    let checked: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].outcome == Outcome::Ok).collect();
    if checked.is_empty() {
        return Ok(());
    }
    for tls in TLS_SETS {
        let mut args: Vec<String> = Vec::new();
        let mut features: Vec<String> = Vec::new();
        for &i in &checked {
            let row = &rows[i];
            args.extend(["-p".to_owned(), row.package.clone()]);
            let own = row.features.iter().map(String::as_str).chain((!tls.is_empty()).then_some(tls));
            let own = own.chain(run.all_features.then_some("full-serde"));
            features.extend(own.map(|feature| format!("{}/{feature}", row.package)));
        }
        args.push("--no-default-features".to_owned());
        if !features.is_empty() {
            args.extend(["--features".to_owned(), features.join(",")]);
        }
        let name = if tls.is_empty() { "no TLS feature" } else { tls };
        let started = Instant::now();
        let errors = cargo_errors(run, &args.iter().map(String::as_str).collect::<Vec<_>>())?;
        eprintln!("{} crates with {name}: {:.1?}", checked.len(), started.elapsed());
        for &i in &checked {
            let row = &mut rows[i];
            if let (Some(error), Outcome::Ok) = (errors.get(&row.package), &row.outcome) {
                row.outcome = Outcome::CompileError(format!("with {name}: {error}"));
            }
        }
    }
    Ok(())
}

/// Checks each crate that has a feature per tag, and compiled with its
/// default features, with no default features and with each feature alone
/// (with `full-serde` too, under `all_features`), warnings denied; the first
/// failing set's error is the crate's outcome.
fn check_feature_sets(run: &Run, rows: &mut [Row]) -> Result<(), String> {
    for row in rows.iter_mut().filter(|r| r.outcome == Outcome::Ok && !r.features.is_empty()) {
        let sets: Vec<Option<&String>> = std::iter::once(None).chain(row.features.iter().map(Some)).collect();
        for set in sets {
            let mut features: Vec<&str> = set.into_iter().map(String::as_str).collect();
            if run.all_features {
                features.push("full-serde");
            }
            let list = features.join(",");
            let started = Instant::now();
            let errors = cargo_errors(run, &["-p", &row.package, "--no-default-features", "--features", &list])?;
            eprintln!("{} with features [{list}]: {:.1?}", row.package, started.elapsed());
            if let Some(error) = errors.get(&row.package) {
                row.outcome = Outcome::CompileError(format!("with features [{list}]: {error}"));
                break;
            }
        }
    }
    Ok(())
}

/// Runs cargo check (or clippy) with `args` in the workspace, warnings denied,
/// and returns the first error of each package that has one.
fn cargo_errors(run: &Run, args: &[&str]) -> Result<BTreeMap<String, String>, String> {
    let tool = if run.clippy { "clippy" } else { "check" };
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .arg(tool)
        .args(args)
        .arg("--message-format=json")
        .current_dir(&run.work)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", run.work.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut first_error: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let package = message["target"]["name"].as_str().unwrap_or_default().replace('_', "-");
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        let short: String = rendered.lines().take(3).collect::<Vec<_>>().join(" | ");
        first_error.entry(package).or_insert(short);
    }
    if !output.status.success() && first_error.is_empty() {
        return Err(format!(
            "cargo {tool} failed without compiler errors:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(first_error)
}

fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Ok => "ok".to_owned(),
        Outcome::Partial(n) => format!("ok, {n} operations skipped"),
        Outcome::Diagnostics(d) => format!("diagnostics: {d}"),
        Outcome::CompileError(e) => format!("compile error: {e}"),
        Outcome::TestFailure(e) => format!("behaviour tests failed: {e}"),
        Outcome::Panic(p) => format!("panic: {p}"),
    }
}

/// The table, as Markdown.
pub fn table(rows: &[Row], compiled: bool) -> String {
    let mut out = String::new();
    let result = if compiled { "result" } else { "result (not compiled)" };
    let _ = writeln!(out, "| spec | openapi | operations | types | generation | lines | {result} |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---|");
    for row in rows {
        let generation = format!("{:.1} ms", row.generation.as_secs_f64() * 1000.0);
        let outcome = outcome_text(&row.outcome).replace('|', "\\|");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {generation} | {} | {outcome} |",
            row.file, row.openapi, row.operations, row.types, row.lines
        );
    }
    out
}

/// The summary line.
pub fn summary(rows: &[Row], compiled_checked: bool) -> String {
    let generated = rows
        .iter()
        .filter(|r| {
            matches!(r.outcome, Outcome::Ok | Outcome::Partial(_) | Outcome::CompileError(_) | Outcome::TestFailure(_))
        })
        .count();
    let compiled = rows.iter().filter(|r| matches!(r.outcome, Outcome::Ok | Outcome::Partial(_))).count();
    let panicked = rows.iter().filter(|r| matches!(r.outcome, Outcome::Panic(_))).count();
    let skipped: usize = rows.iter().map(|r| if let Outcome::Partial(n) = r.outcome { n } else { 0 }).sum();
    let compiled = if compiled_checked { compiled.to_string() } else { "(not checked)".to_owned() };
    format!(
        "corpus: {} specs, {generated} generated, {compiled} compiled, {panicked} panicked, {skipped} operations skipped",
        rows.len()
    )
}
