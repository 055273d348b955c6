//! `cargo xtask codegen`: generate a client crate from a spec, write the files
//! whose text changed (each through a temporary file and a rename), or with
//! `--check` report every file that differs.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use generator::{File, Options, Severity};

use crate::workspace_root;

/// Marks a file as generated: every generated file's first line contains it
/// (in the headers of this version, which carry `@generated`, and of earlier ones).
const MARKER: &str = generator::format::GENERATED_MARKER;

/// Whether `text` is a generated file: its first line carries the [`MARKER`].
fn is_generated(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains(MARKER))
}

/// What `codegen` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The spec to read.
    pub spec: PathBuf,
    /// How the spec is named in headers and messages.
    pub spec_display: String,
    /// The crate directory to write.
    pub out: PathBuf,
    /// The command named in headers.
    pub command: String,
    /// The Cargo package name, when overridden.
    pub crate_name: Option<String>,
}

impl Request {
    /// The default: `spec/openapi.yaml` to `generated/`.
    pub fn default_for_workspace() -> Self {
        let root = workspace_root();
        Request {
            spec: root.join("spec/openapi.yaml"),
            spec_display: "spec/openapi.yaml".to_owned(),
            out: root.join("generated"),
            command: "cargo xtask codegen".to_owned(),
            crate_name: None,
        }
    }
}

/// Runs `cargo xtask codegen`: writes the files, or with `check` compares them.
pub fn run(request: &Request, check: bool) -> Result<(), String> {
    if check { check_files(request) } else { write_files(request).map(|_| ()) }
}

/// Runs the generator; diagnostics become the error text, one per line.
pub fn generate(request: &Request) -> Result<generator::Generated, String> {
    let text = fs::read_to_string(&request.spec)
        .map_err(|e| format!("{}: cannot read the spec: {e}", request.spec_display))?;
    let options = Options {
        crate_name: request.crate_name.clone(),
        spec_name: request.spec_display.clone(),
        command: request.command.clone(),
    };
    match generator::generate(&text, &options) {
        Ok(generated) => {
            for warning in &generated.warnings {
                eprintln!("{}", warning.display_for(&request.spec_display));
            }
            Ok(generated)
        }
        Err(diagnostics) => {
            let lines: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .chain(diagnostics.iter().filter(|d| d.severity == Severity::Warning))
                .map(|d| d.display_for(&request.spec_display))
                .collect();
            Err(lines.join("\n"))
        }
    }
}

/// Generated files under `dir` (those whose first line carries the marker).
fn existing_generated(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == "target" || n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if fs::read_to_string(&path).is_ok_and(|text| is_generated(&text)) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Files on disk that no longer match, with a short diff each. Empty when up to date.
pub fn stale(request: &Request, files: &[File]) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let path = request.out.join(&file.path);
        let shown = display_path(&request.out, &file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(current) => {
                let diff = similar::TextDiff::from_lines(&current, &file.contents);
                let mut unified = diff.unified_diff();
                let text = unified.context_radius(2).header(&shown, &format!("{shown} (generated)")).to_string();
                let lines: Vec<&str> = text.lines().collect();
                let shown_lines = lines.len().min(40);
                let mut report = format!("{shown} is stale:\n{}", lines[..shown_lines].join("\n"));
                if lines.len() > shown_lines {
                    report.push_str(&format!("\n... ({} more diff lines)", lines.len() - shown_lines));
                }
                problems.push(report);
            }
            Err(_) => problems.push(format!("{shown} is missing")),
        }
    }
    let produced: Vec<PathBuf> = files.iter().map(|f| request.out.join(&f.path)).collect();
    for path in existing_generated(&request.out) {
        if !produced.contains(&path) {
            problems.push(format!("{} is a generated file the generator no longer produces", path.display()));
        }
    }
    problems
}

fn display_path(out: &Path, relative: &str) -> String {
    let root = workspace_root();
    let full = out.join(relative);
    full.strip_prefix(&root).map(|p| p.display().to_string()).unwrap_or_else(|_| full.display().to_string())
}

/// `--check`: fails, naming each stale file, when the files differ.
pub fn check_files(request: &Request) -> Result<(), String> {
    let generated = generate(request)?;
    let problems = stale(request, &generated.files);
    if problems.is_empty() {
        println!("{} is up to date with {}", request.out.display(), request.spec_display);
        Ok(())
    } else {
        Err(format!(
            "{}\n\nthe generated code is out of date; run `{}` to update it",
            problems.join("\n\n"),
            request.command
        ))
    }
}

/// Writes the files whose text changed and removes generated files that are no
/// longer produced. Returns how many files were written.
pub fn write_files(request: &Request) -> Result<usize, String> {
    let generated = generate(request)?;
    let mut written = 0;
    for file in &generated.files {
        let path = request.out.join(&file.path);
        if fs::read_to_string(&path).is_ok_and(|current| current == file.contents) {
            continue;
        }
        write_atomically(&path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        written += 1;
    }
    let produced: Vec<PathBuf> = generated.files.iter().map(|f| request.out.join(&f.path)).collect();
    for path in existing_generated(&request.out) {
        if !produced.contains(&path) {
            fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("removed {}", path.display());
        }
    }
    println!(
        "{}: {} operations, {} types; {written} of {} files written, the rest unchanged",
        request.out.display(),
        generated.operations,
        generated.types,
        generated.files.len()
    );
    Ok(written)
}

/// Writes through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written file.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_recognised_by_their_first_line() {
        let [first, second] = generator::format::header_lines("spec.yaml", "cargo xtask codegen");
        assert!(first.contains("@generated"), "{first}");
        assert!(is_generated(&format!("// {first}\n// {second}\n\npub fn f() {{}}\n")));
        assert!(is_generated(&format!("# {first}\n# {second}\n\n[package]\n")));
        // The header before `@generated` was added.
        assert!(is_generated(
            "// This file is generated from spec.yaml by openapi-rust-generator. Do not edit it by hand.\n"
        ));
        assert!(!is_generated("pub fn mine() {}\n"));
        assert!(!is_generated(&format!("pub fn mine() {{}}\n// {first}\n")));
        assert!(!is_generated(""));
    }
}
