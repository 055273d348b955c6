//! Tidy: checks of the repository's own sources that no compiler or linter
//! makes, one test each, run with the rest of the suite (`cargo test -p xtask
//! tidy`). Each reads the files as they are on disk (new files included) and
//! fails with every offending place at once, and what to do about it.
//!
//! - A module's `//!` docs name each of its child modules' files, and every
//!   file they name (`name.rs`) is one of them: the docs are the module's map.
//! - Every crate of ours lints `missing_docs` (`[lints]` in its manifest).
//! - The xtask's usage text (`cargo xtask --help`) names every task it parses.
//! - No hand-written source file is over [`MAX_LINES`] lines.
//!
//! The sources are the hand-written Rust files under `generator/`, `xtask/`,
//! `tests/` and `fuzz/` (a crate of its own workspace, so no workspace lint
//! sees it): generated files (whose first line carries the generated header)
//! and build output are left out.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use generator::format::GENERATED_MARKER;

use crate::cli::{self, Task};
use crate::workspace_root;

/// The most lines a hand-written source file may have: past it, split the
/// file by concern (a test file into a module directory).
const MAX_LINES: usize = 700;

/// The directories whose Rust sources are checked, from the workspace root.
const SOURCE_DIRS: &[&str] = &["generator", "xtask", "tests", "fuzz"];

/// Directories never looked into: build output and installed tools.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".tools", ".git"];

/// Module roots whose declarations are no map of their files: the root of
/// the runtime's modules, which the generated crates copy part by part as the
/// runtime's table chooses (ARCHITECTURE.md lists the parts).
const NOT_MODULE_MAPS: &[&str] = &["generator/runtime/mod.rs"];

/// A hand-written source file: its path from the workspace root, and its text.
struct Source {
    path: PathBuf,
    text: String,
}

impl Source {
    /// The path with `/` separators, for messages and comparisons.
    fn name(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }
}

/// Every file under `dir` whose name ends with `suffix`, in a stable order.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() && !SKIPPED_DIRS.contains(&name.as_str()) => pending.push(path),
                Ok(kind) if kind.is_file() && name.ends_with(suffix) => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Whether a file's text is generated (its first line carries the header).
fn is_generated(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(GENERATED_MARKER))
}

/// The hand-written Rust sources.
fn sources() -> Vec<Source> {
    let root = workspace_root();
    let mut out = Vec::new();
    for dir in SOURCE_DIRS {
        for path in files(&root.join(dir), ".rs") {
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if is_generated(&text) {
                continue;
            }
            let path = path.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(path);
            out.push(Source { path, text });
        }
    }
    assert!(out.len() > 100, "only {} sources found under {}", out.len(), root.display());
    out
}

/// Fails with `problems`, one a line, under `what` and `advice`.
fn report(what: &str, advice: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}:\n\n{}\n\n{advice}", problems.join("\n"));
}

#[test]
fn no_source_file_is_over_the_line_limit() {
    let problems: Vec<String> = sources()
        .iter()
        .filter(|source| source.text.lines().count() > MAX_LINES)
        .map(|source| format!("{}: {} lines", source.name(), source.text.lines().count()))
        .collect();
    report(
        &format!("source files over {MAX_LINES} lines"),
        "Split each by concern: a module's parts into files of their own, a test file into a module directory.",
        &problems,
    );
}

/// The directory of a module's child files: beside `mod.rs`, `lib.rs` and
/// `main.rs`, else the directory named as the file.
fn child_dir(path: &Path) -> PathBuf {
    let parent = path.parent().map(Path::to_path_buf).unwrap_or_default();
    match path.file_name().and_then(|name| name.to_str()) {
        Some("mod.rs" | "lib.rs" | "main.rs") => parent,
        _ => parent.join(path.file_stem().unwrap_or_default()),
    }
}

/// The modules a file declares whose source is a file of their own (`mod
/// name;` with `name.rs` or `name/mod.rs` in the child directory), in
/// order; `mod` items inside macros that write code (`quote!`) have no file.
fn child_modules(source: &Source) -> Vec<String> {
    let dir = workspace_root().join(child_dir(&source.path));
    let mut out = Vec::new();
    for line in source.text.lines() {
        let line = line.trim_start();
        let line = ["pub ", "pub(crate) ", "pub(super) "].iter().find_map(|vis| line.strip_prefix(vis)).unwrap_or(line);
        let Some(name) = line.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';')) else { continue };
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let has_file = dir.join(format!("{name}.rs")).is_file() || dir.join(name).join("mod.rs").is_file();
        if plain && has_file && !out.iter().any(|seen| seen == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// The text of a file's `//!` docs.
fn module_docs(text: &str) -> String {
    let lines = text.lines().map(str::trim_start).filter_map(|line| line.strip_prefix("//!"));
    lines.collect::<Vec<_>>().join("\n")
}

/// The code spans of docs: the text between each pair of backticks.
fn code_spans(docs: &str) -> Vec<&str> {
    docs.split('`').skip(1).step_by(2).collect()
}

#[test]
fn module_docs_list_the_files_of_their_modules() {
    let mut problems = Vec::new();
    for source in sources() {
        if NOT_MODULE_MAPS.contains(&source.name().as_str()) {
            continue;
        }
        // A unit-test module is the tests of the module, not a part of it.
        let children: Vec<String> = child_modules(&source).into_iter().filter(|name| name != "tests").collect();
        if children.is_empty() {
            continue;
        }
        let docs = module_docs(&source.text);
        let spans = code_spans(&docs);
        let names_child = |child: &str| {
            spans.iter().any(|span| {
                let span = span.trim_start_matches("crate::");
                span == child
                    || span.strip_suffix(".rs") == Some(child)
                    || span.strip_suffix('/') == Some(child)
                    || span.strip_suffix("/mod.rs") == Some(child)
            })
        };
        let missing: Vec<&str> = children.iter().map(String::as_str).filter(|child| !names_child(child)).collect();
        if !missing.is_empty() {
            problems.push(format!(
                "{}: the `//!` docs do not name {}",
                source.name(),
                missing.iter().map(|m| format!("`{m}.rs`")).collect::<Vec<_>>().join(", ")
            ));
        }
        let dir = workspace_root().join(child_dir(&source.path));
        let listed: BTreeSet<&str> = spans
            .iter()
            .filter_map(|span| span.strip_suffix(".rs"))
            .filter(|stem| !stem.contains(['/', ' ', ':']))
            .collect();
        for stem in listed {
            let declared = children.iter().any(|child| child == stem) || stem == "tests";
            if !declared {
                let why = if dir.join(format!("{stem}.rs")).is_file() { "is not declared" } else { "does not exist" };
                problems.push(format!("{}: the `//!` docs name `{stem}.rs`, which {why}", source.name()));
            }
        }
    }
    report(
        "module docs that do not match the module's files",
        "Name each child module's file in the module's `//!` docs (what it holds, in a few words), and no file that is not one; a generated file is named by its path (`src/lib.rs`).",
        &problems,
    );
}

/// The manifests of the crates of ours: every `Cargo.toml` of the repository
/// but the generated crates', with its path from the root and its table.
fn manifests() -> Vec<(PathBuf, toml::Table)> {
    let root = workspace_root();
    files(&root, "Cargo.toml")
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| name == "Cargo.toml"))
        .filter_map(|path| {
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if is_generated(&text) {
                return None;
            }
            let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Some((path.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(path), table))
        })
        .collect()
}

/// The value of `key` (dotted) in a table.
fn lookup<'t>(table: &'t toml::Table, key: &str) -> Option<&'t toml::Value> {
    let mut parts = key.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.as_table()?.get(part)?;
    }
    Some(value)
}

/// Whether a lint level (`"warn"`, or `{ level = "deny", ... }`) reports the lint.
fn reports(level: &toml::Value) -> bool {
    let level = level.as_str().or_else(|| level.as_table()?.get("level")?.as_str());
    matches!(level, Some("warn" | "deny" | "forbid"))
}

#[test]
fn every_crate_of_ours_lints_missing_docs() {
    let manifests = manifests();
    assert!(manifests.len() >= 5, "only {} manifests found", manifests.len());
    let mut problems = Vec::new();
    for (path, table) in &manifests {
        if !table.contains_key("package") {
            continue;
        }
        let own = lookup(table, "lints.rust.missing_docs");
        let inherited = lookup(table, "lints.workspace").and_then(toml::Value::as_bool) == Some(true);
        let ok = match (own, inherited) {
            (Some(level), _) => reports(level),
            (None, true) => {
                // The nearest manifest at or above it with a `[workspace]`.
                let root = path.ancestors().skip(1).find_map(|dir| {
                    manifests
                        .iter()
                        .find(|(other, table)| other.parent() == Some(dir) && table.contains_key("workspace"))
                });
                root.and_then(|(_, table)| lookup(table, "workspace.lints.rust.missing_docs")).is_some_and(reports)
            }
            (None, false) => false,
        };
        if !ok {
            problems.push(format!("{}: no `[lints]` that reports `missing_docs`", path.display()));
        }
    }
    report(
        "crates that do not lint missing documentation",
        "Add `[lints]\\nworkspace = true` (the workspace sets `missing_docs = \"warn\"`), or `[lints.rust]\\nmissing_docs = \"warn\"` in a crate of its own workspace.",
        &problems,
    );
}

/// The tasks `cli::parse` recognises: the names its `match` on the task reads.
fn parsed_tasks() -> Vec<String> {
    let path = workspace_root().join("xtask/src/cli.rs");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start =
        text.find("match task.to_str()").unwrap_or_else(|| panic!("{}: no `match task.to_str()`", path.display()));
    let block = &text[start..];
    let block = &block[..block.find("\n    }").unwrap_or(block.len())];
    block
        .split("Some(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_owned()))
        .filter(|name| name != "help")
        .collect()
}

/// The tasks the usage text lists: the names that start a line of its `tasks:` section.
fn listed_tasks() -> Vec<String> {
    let text = cli::USAGE.text;
    let section = text.split_once("tasks:\n").map(|(_, rest)| rest).unwrap_or_default();
    section
        .lines()
        .take_while(|line| line.is_empty() || line.starts_with(' '))
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn the_usage_names_every_task_and_each_task_has_its_help() {
    let parsed = parsed_tasks();
    assert!(parsed.len() >= 5, "tasks found in cli.rs: {parsed:?}");
    let listed = listed_tasks();
    let mut problems = Vec::new();
    for task in &parsed {
        if !listed.contains(task) {
            problems.push(format!("`{task}` is parsed, and `cargo xtask --help` does not list it"));
        }
        match cli::parse([task.as_str(), "--help"]) {
            Ok(Task::Help(help)) if help.command == format!("cargo xtask {task}") => {
                if !help.text.starts_with(&format!("usage: cargo xtask {task}")) {
                    problems.push(format!("`cargo xtask {task} --help` does not start with its synopsis"));
                }
            }
            _ => problems.push(format!("`cargo xtask {task} --help` does not print the task's own help")),
        }
    }
    for task in listed.iter().filter(|task| !parsed.contains(task)) {
        problems.push(format!("`cargo xtask --help` lists `{task}`, which is not a task"));
    }
    report("the xtask's usage and its tasks disagree", "List each task in `cli::USAGE` with its synopsis.", &problems);
}
