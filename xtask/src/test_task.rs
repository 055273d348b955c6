//! `cargo xtask test`: installs the tools the tests need, then runs the whole test suite.
//!
//! The tools: Stoplight Prism, the independent mock server of `spec/openapi.yaml` that
//! the conformance tests (`tests/tests/prism.rs`) run. It is installed with npm into
//! `.tools/prism` (ignored by git) when it is missing or has another version, then
//! `cargo test --workspace` runs with `PRISM_BIN` pointing at it. Arguments after
//! `cargo xtask test` go to `cargo test`, e.g. `cargo xtask test -- --test prism`
//! (a leading `--` is dropped by [`crate::cli`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::workspace_root;

/// The npm package of Prism.
pub const PRISM_PACKAGE: &str = "@stoplight/prism-cli";
/// The Prism version the tests are written against.
pub const PRISM_VERSION: &str = "5.16.0";
/// Where Prism is installed, relative to the workspace root.
pub const PRISM_DIR: &str = ".tools/prism";

/// The Prism binary inside an install directory.
pub fn prism_binary(dir: &Path) -> PathBuf {
    dir.join("node_modules/.bin/prism")
}

/// The version of Prism installed in `dir`, if any (read from its `package.json`).
pub fn installed_version(dir: &Path) -> Option<String> {
    if !prism_binary(dir).is_file() {
        return None;
    }
    let manifest = dir.join("node_modules/@stoplight/prism-cli/package.json");
    let text = std::fs::read_to_string(manifest).ok()?;
    // `"version": "5.16.0"`: the first "version" key of the manifest.
    let rest = &text[text.find("\"version\"")? + "\"version\"".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}

/// Installs Prism into `dir` unless that version is already there; returns the binary.
pub fn ensure_prism(dir: &Path) -> Result<PathBuf, String> {
    let binary = prism_binary(dir);
    match installed_version(dir) {
        Some(version) if version == PRISM_VERSION => {
            println!("xtask: Stoplight Prism {version} is installed at {}", binary.display());
            return Ok(binary);
        }
        Some(version) => {
            println!("xtask: Stoplight Prism {version} found in {}, but the tests need {PRISM_VERSION}", dir.display())
        }
        None => println!("xtask: Stoplight Prism is not installed in {}", dir.display()),
    }
    let spec = format!("{PRISM_PACKAGE}@{PRISM_VERSION}");
    println!("xtask: installing it: npm install --prefix {} --no-audit --no-fund {spec}", dir.display());
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let status = Command::new("npm")
        .arg("install")
        .arg("--prefix")
        .arg(dir)
        .args(["--no-audit", "--no-fund", &spec])
        .status()
        .map_err(|e| {
            format!("cannot run npm ({e}); the Prism tests need Node.js and npm (Debian: apt-get install nodejs npm)")
        })?;
    if !status.success() {
        return Err(format!("npm install {spec} failed ({status})"));
    }
    match installed_version(dir) {
        Some(version) if version == PRISM_VERSION => {
            println!("xtask: installed Stoplight Prism {version} at {}", binary.display());
            Ok(binary)
        }
        other => Err(format!(
            "npm install {spec} succeeded, but {} is not Prism {PRISM_VERSION} (found: {other:?})",
            binary.display()
        )),
    }
}

/// Runs the task: install Prism, then `cargo test --workspace ARGS`. Returns
/// the exit code of `cargo test` (a failing run's own code, so a caller can
/// pass it on).
pub fn run(args: &[OsString]) -> Result<ExitCode, String> {
    let root = workspace_root();
    let binary = ensure_prism(&root.join(PRISM_DIR))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let shown: Vec<_> = args.iter().map(|a| a.to_string_lossy()).collect();
    println!("xtask: PRISM_BIN={} cargo test --workspace {}", binary.display(), shown.join(" "));
    let status = Command::new(cargo)
        .current_dir(&root)
        .env("PRISM_BIN", &binary)
        .args(["test", "--workspace"])
        .args(args)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if status.success() {
        return Ok(ExitCode::SUCCESS);
    }
    match status.code() {
        Some(code) => Ok(ExitCode::from(u8::try_from(code).unwrap_or(1))),
        None => Err(format!("cargo test was stopped by a signal ({status})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_install(name: &str, version_json: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-prism-{}-{name}", std::process::id()));
        let package = dir.join("node_modules/@stoplight/prism-cli");
        std::fs::create_dir_all(&package).unwrap();
        std::fs::create_dir_all(dir.join("node_modules/.bin")).unwrap();
        std::fs::write(package.join("package.json"), version_json).unwrap();
        std::fs::write(prism_binary(&dir), "#!/bin/sh\n").unwrap();
        dir
    }

    #[test]
    fn reads_the_installed_version() {
        let dir = fake_install(
            "current",
            "{\n  \"name\": \"@stoplight/prism-cli\",\n  \"version\" : \"5.16.0\",\n  \"x\": 1\n}",
        );
        assert_eq!(installed_version(&dir).as_deref(), Some("5.16.0"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_binary_is_not_installed() {
        let dir = fake_install("no-binary", "{\"version\": \"5.16.0\"}");
        std::fs::remove_file(prism_binary(&dir)).unwrap();
        assert_eq!(installed_version(&dir), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn another_version_is_reported_as_such() {
        let dir = fake_install("older", "{\"name\": \"@stoplight/prism-cli\", \"version\": \"4.10.0\"}");
        assert_eq!(installed_version(&dir).as_deref(), Some("4.10.0"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
