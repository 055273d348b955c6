//! `cargo xtask conformance DIR`: for every spec in DIR, the generated client
//! calls every operation against Stoplight Prism serving that spec.
//!
//! For each spec the task generates the client crate, the operations' cases
//! (argument values as JSON, built from the lowered model: [`values`]) and a
//! harness crate that makes the calls ([`harness`]), all in one cargo
//! workspace; builds them; then starts one Prism per spec (`prism mock
//! --errors`) and runs the spec's harness against it. Each call's record says
//! what Prism thought of the request (its violations) and whether the client
//! decoded the response Prism chose (the spec's example, or a body generated
//! from the schema) into the operation's types. The task prints a table and a
//! summary, and fails when a request violation or a decode failure is not one
//! of the spec bugs listed in [`spec_bugs`]. The spec's own response examples
//! are read from the document (`examples.rs`), simple patterns are satisfied
//! by values built for them (`pattern.rs`), and `report.rs` gives the
//! verdicts, the table and the summary.

mod examples;
mod harness;
mod pattern;
mod report;
pub mod spec_bugs;
mod values;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use conformance_support::{CASES_VAR, FROM_VAR, PRISM_URL_VAR, Record};
use generator::Severity;

use crate::corpus::{declared_version, specs};
use crate::prism::Prism;
use crate::workspace_root;

pub use report::{Failure, FailureKind, Row, summary, table};

/// Options of one conformance run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The directory of specs.
    pub dir: PathBuf,
    /// Only specs whose file name contains one of these (all when empty).
    pub only: Vec<String>,
    /// Skip specs larger than this many bytes.
    pub max_size: Option<u64>,
    /// Where the workspace of generated crates and harnesses goes.
    pub work: PathBuf,
}

/// Runs `cargo xtask conformance`: the table, the failures, the summary.
pub fn run(run: &Run) -> Result<(), String> {
    let started = Instant::now();
    let rows = conformance(run)?;
    print!("{}", table(&rows));
    println!();
    print!("{}", report::failures_text(&rows));
    println!("{}", summary(&rows));
    eprintln!("conformance: {:.0?} in all", started.elapsed());
    let ours: usize = rows.iter().map(|row| row.violations + row.decode_failures).sum();
    let broken: Vec<&str> = rows.iter().filter(|row| row.error.is_some()).map(|row| row.file.as_str()).collect();
    let known = known_problems(&rows);
    for problem in &known {
        println!("known failures: {problem}");
    }
    if ours > 0 || !broken.is_empty() || !known.is_empty() {
        let mut message = format!("conformance: {ours} operations fail for reasons that are not known spec bugs");
        if !broken.is_empty() {
            message.push_str(&format!("; not run: {}", broken.join(", ")));
        }
        if !known.is_empty() {
            message.push_str(&format!("; {} known failures are stale or dormant", known.len()));
        }
        return Err(message);
    }
    Ok(())
}

/// What is wrong with the list of known failures, for the specs of this run:
/// pointers not in their spec, and entries that excused nothing (only the
/// operations the run called count, so a run of a few specs, or a spec that
/// did not run, leaves the others' entries alone).
fn known_problems(rows: &[Row]) -> Vec<String> {
    let mut problems: Vec<String> = rows.iter().flat_map(|row| row.stale.iter().cloned()).collect();
    let row_of = |file: &str| rows.iter().find(|row| row.file == file && row.error.is_none());
    problems.extend(spec_bugs::dormant(
        |file, operation| row_of(file).is_some_and(|row| row.called_operations.iter().any(|op| op == operation)),
        |file| row_of(file).map_or(&[][..], |row| row.excused.as_slice()),
    ));
    problems
}

/// One spec on its way through the run.
struct Spec {
    file: String,
    stem: String,
    row: Row,
    /// The spec Prism serves (a copy when the original needs a change, see [`served_spec`]).
    served: PathBuf,
}

/// Generates, builds and runs every spec; never stops at a failure.
pub fn conformance(run: &Run) -> Result<Vec<Row>, String> {
    let paths = specs(&run.dir, &run.only, run.max_size)?;
    // Absolute: cargo runs inside it, with its target directory inside it too.
    let work = &std::path::absolute(&run.work).map_err(|e| format!("{}: {e}", run.work.display()))?;
    // The crates and harnesses are rewritten file by file, only where their text
    // changed, so that cargo rebuilds only what changed since the last run.
    for dir in ["cases", "specs", "results"] {
        let dir = work.join(dir);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut specs = Vec::new();
    for path in paths {
        specs.push(prepare(run, work, &path)?);
    }
    let members: Vec<String> = specs
        .iter()
        .filter(|spec| spec.row.error.is_none())
        .flat_map(|spec| {
            // A spec without operations has a crate (types, webhooks) and nothing to call;
            // so has one that Prism cannot serve (its cases are not kept).
            let harness = (!spec.row.cases.is_empty()).then(|| format!("    \"harnesses/{}\",", spec.stem));
            std::iter::once(format!("    \"crates/{}\",", spec.stem)).chain(harness)
        })
        .collect();
    // Without debug information or incremental state: the crates of the large
    // specs would take several gigabytes each.
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n\n[profile.dev]\ndebug = false\nincremental = false\n",
        members.join("\n")
    );
    write(&work.join("Cargo.toml"), &manifest)?;
    if !members.is_empty() {
        build(work, &mut specs)?;
    }
    for spec in &mut specs {
        if spec.row.error.is_none() && spec_bugs::unservable(&spec.file).is_none() {
            call_operations(work, spec);
        }
        eprintln!("conformance: {:<40} {}", spec.file, report::row_line(&spec.row));
    }
    Ok(specs.into_iter().map(|spec| spec.row).collect())
}

/// Writes `text` to `path` unless the file already holds it.
fn write(path: &Path, text: &str) -> Result<(), String> {
    if fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Generates the client crate, the cases and the harness of one spec.
fn prepare(run: &Run, work: &Path, path: &Path) -> Result<Spec, String> {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(&file).to_owned();
    let package = format!("corpus-{}", generator::naming::crate_name(&stem));
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut row = Row::new(&file, &declared_version(&text));
    row.stale = spec_bugs::stale_pointers(&file, &text);
    let mut spec = Spec { file: file.clone(), stem: stem.clone(), row: Row::default(), served: path.to_path_buf() };
    let command = format!("cargo xtask conformance {}", run.dir.display());
    let lowered = catch_unwind(AssertUnwindSafe(|| {
        let doc = generator::load::load(&text)?;
        let lowered = generator::lower::lower(
            &doc,
            generator::Options::new(file.clone(), command.clone()).crate_name(package.clone()),
        )?;
        let files = generator::format::render(&lowered.api, &file, &command).map_err(|d| vec![d])?;
        let examples: Vec<_> = match doc.raw() {
            Some(raw) => {
                lowered.api.operations.iter().map(|op| examples::response_examples(raw, op.pointer.as_str())).collect()
            }
            None => Vec::new(),
        };
        Ok::<_, Vec<generator::Diagnostic>>((lowered, files, examples))
    }));
    let (lowered, files, mut examples) = match lowered {
        Err(_) => {
            row.error = Some("the generator panicked".to_owned());
            spec.row = row;
            return Ok(spec);
        }
        Ok(Err(diagnostics)) => {
            let first = diagnostics.iter().find(|d| d.severity == Severity::Error).or(diagnostics.first());
            row.error = Some(format!("no crate: {}", first.map(|d| d.display_for("")).unwrap_or_default()));
            spec.row = row;
            return Ok(spec);
        }
        Ok(Ok(found)) => found,
    };
    let api = &lowered.api;
    row.operations = api.operations.len();
    if lowered.skipped_operations > 0 {
        row.skipped.push(format!("{} operations the generator skips", lowered.skipped_operations));
        row.skipped_count += lowered.skipped_operations;
    }
    let crate_dir = work.join("crates").join(&stem);
    for file in &files {
        write(&crate_dir.join(&file.path), &file.contents)?;
    }
    examples.resize(api.operations.len(), Vec::new());
    let cases: Vec<_> = api
        .operations
        .iter()
        .zip(examples)
        .map(|(op, response_examples)| conformance_support::Case { response_examples, ..values::case(api, op) })
        .collect();
    if let Some(evidence) = spec_bugs::unservable(&file) {
        row.skipped_count += cases.len();
        row.skipped.push("Prism does not start on the document, a Prism limitation".to_owned());
        row.notes.push(format!("not called: Prism limitation: {evidence}"));
        spec.row = row;
        return Ok(spec);
    }
    let cases_text = serde_json::to_string_pretty(&cases).map_err(|e| e.to_string())?;
    write(&work.join("cases").join(format!("{stem}.json")), &cases_text)?;
    let harness_dir = work.join("harnesses").join(&stem);
    let support = workspace_root().join("xtask/support");
    let manifest = harness::cargo_toml(&harness_package(&stem), &package, &format!("../../crates/{stem}"), &support);
    write(&harness_dir.join("Cargo.toml"), &manifest)?;
    write(&harness_dir.join("src/main.rs"), &harness::main_rs(api)?)?;
    row.cases = cases;
    row.pointers = api.operations.iter().map(|op| op.pointer.to_string()).collect();
    row.examples = row
        .cases
        .iter()
        .map(|case| case.response_examples.iter().map(|e| (e.status.clone(), e.value.clone())).collect())
        .collect();
    let (served, note) = served_spec(work, &file, &text)?;
    if let Some(served) = served {
        spec.served = served;
    }
    row.notes.extend(note);
    spec.row = row;
    Ok(spec)
}

/// The spec Prism is given. Prism 5.16 validates no request of an OpenAPI 3.1
/// document that declares `jsonSchemaDialect`, even the default dialect: such a
/// document is served without the declaration when it names the default (the
/// meaning is the same), and noted otherwise.
fn served_spec(work: &Path, file: &str, text: &str) -> Result<(Option<PathBuf>, Option<String>), String> {
    if !text.contains("jsonSchemaDialect") {
        return Ok((None, None));
    }
    let parsed: Result<serde_json::Value, String> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    };
    let Ok(serde_json::Value::Object(mut doc)) = parsed else { return Ok((None, None)) };
    let default = "https://spec.openapis.org/oas/3.1/dialect/base";
    match doc.get("jsonSchemaDialect").and_then(|d| d.as_str()) {
        Some(dialect) if dialect == default => {
            doc.remove("jsonSchemaDialect");
            let path = work.join("specs").join(format!("{file}.json"));
            let text = serde_json::to_string(&doc).map_err(|e| e.to_string())?;
            write(&path, &text)?;
            Ok((
                Some(path),
                Some("served without its `jsonSchemaDialect` (the default dialect), which turns off Prism's request validation".to_owned()),
            ))
        }
        Some(dialect) => {
            Ok((None, Some(format!("declares `jsonSchemaDialect: {dialect}`: Prism does not validate its requests"))))
        }
        None => Ok((None, None)),
    }
}

/// Builds every crate and harness (keeping going past failures), and records
/// the first compile error of each spec that fails.
fn build(work: &Path, specs: &mut [Spec]) -> Result<(), String> {
    eprintln!(
        "conformance: building {} clients and their harnesses...",
        specs.iter().filter(|s| s.row.error.is_none()).count()
    );
    let started = Instant::now();
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args(["build", "--workspace", "--keep-going", "--message-format=json"])
        .current_dir(work)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    eprintln!("conformance: cargo build finished in {:.1?}", started.elapsed());
    let mut failed = false;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        failed = true;
        let target = message["target"]["name"].as_str().unwrap_or_default().replace('_', "-");
        let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
        let short: String = rendered.lines().take(4).collect::<Vec<_>>().join(" | ");
        for spec in specs.iter_mut() {
            let package = format!("corpus-{}", generator::naming::crate_name(&spec.stem));
            let harness = harness_package(&spec.stem);
            if spec.row.error.is_none() && (target == package || target == harness) {
                spec.row.error = Some(format!("{target} does not compile: {short}"));
            }
        }
    }
    if !output.status.success() && !failed {
        return Err(format!(
            "cargo build failed without compiler errors:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(())
}

/// How many times Prism is restarted for one spec after a request made it exit.
const MAX_RESTARTS: usize = 8;

/// Starts Prism for the spec, runs its harness and reads the records. When a
/// request makes Prism exit (a Prism bug), that operation is noted, Prism is
/// started again and the harness goes on from the next operation.
fn call_operations(work: &Path, spec: &mut Spec) {
    let started = Instant::now();
    if spec.row.cases.is_empty() {
        spec.row.notes.push("no operations to call (Prism refuses to serve a document without any)".to_owned());
        return;
    }
    let binary =
        work.join("target/debug").join(format!("{}{}", harness_package(&spec.stem), std::env::consts::EXE_SUFFIX));
    let mut records: Vec<Record> = Vec::new();
    let mut from = 0;
    for _ in 0..=MAX_RESTARTS {
        let prism = match Prism::start_with_options(&spec.served, &["--seed", "conformance"]) {
            Ok(prism) => prism,
            Err(message) => {
                spec.row.error = Some(format!("Prism does not start: {}", first_lines(&message, 6)));
                return;
            }
        };
        let output = Command::new(&binary)
            .env(PRISM_URL_VAR, prism.base_url())
            .env(CASES_VAR, work.join("cases").join(format!("{}.json", spec.stem)))
            .env(FROM_VAR, from.to_string())
            .output();
        let output = match output {
            Ok(output) => output,
            Err(e) => {
                spec.row.error = Some(format!("cannot run {}: {e}", binary.display()));
                return;
            }
        };
        let stdout = String::from_utf8_lossy(&output.stdout);
        let mut found: Vec<Record> = stdout.lines().filter_map(|line| serde_json::from_str(line).ok()).collect();
        if !output.status.success() {
            spec.row.error = Some(format!(
                "the harness failed ({}): {}",
                output.status,
                first_lines(&String::from_utf8_lossy(&output.stderr), 6)
            ));
        }
        let lost = found.last().filter(|r| r.exchange.as_ref().is_some_and(|e| e.server_lost())).map(|r| r.index);
        match lost {
            Some(index) => {
                // The operation's records end with Prism gone: they say nothing about the client.
                found.retain(|r| r.index != index);
                let log = work.join("results").join(format!("{}.prism-{index}.log", spec.stem));
                let _ = fs::write(&log, prism.output_tail(40));
                spec.row.lost.insert(
                    index,
                    format!(
                        "Prism exited on the request (its log: results/{})",
                        log.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                    ),
                );
                records.extend(found);
                from = index + 1;
            }
            None => {
                records.extend(found);
                break;
            }
        }
    }
    let lines: Vec<String> = records.iter().filter_map(|r| serde_json::to_string(r).ok()).collect();
    let _ = fs::write(work.join("results").join(format!("{}.jsonl", spec.stem)), lines.join("\n"));
    spec.row.time = started.elapsed();
    report::aggregate(&mut spec.row, &spec.file, &records);
}

/// The package (and binary) name of a spec's harness.
fn harness_package(stem: &str) -> String {
    format!("harness-{}", generator::naming::crate_name(stem))
}

fn first_lines(text: &str, count: usize) -> String {
    text.lines().take(count).collect::<Vec<_>>().join(" | ")
}

/// How long a spec's calls took, for the table.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
