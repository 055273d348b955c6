//! `cargo xtask deps --newest|--minimal`: the generated crates built against
//! the versions of their dependencies that a fresh resolution gives, as their
//! users build them, and linted with warnings denied.
//!
//! - `--newest`: copies of the committed generated crates (`generated/`,
//!   `tests/streams-client`, the example workspace's `petstore`) in a workspace
//!   of their own, resolved afresh: the newest compatible versions, as a user's
//!   `cargo build` gets them. When one fails, the dependencies that moved from
//!   this repository's lockfiles are named, so that an upstream deprecation is
//!   seen for what it is.
//! - `--minimal`: the same copies and a crate of every fixture spec, resolved
//!   with `cargo +nightly update -Z direct-minimal-versions` (the lowest
//!   version each requirement of theirs admits); then the generator's own
//!   crate, packaged as `cargo install` sees it, resolved the same way.
//!
//! The SendKit copy is also linted on each TLS feature but the default one,
//! and with none. All builds share the workspace's target directory.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::corpus::{self, Run, TLS_SETS};
use crate::workspace_root;

/// Which versions the dependencies resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The newest each requirement admits (a plain fresh resolution).
    Newest,
    /// The lowest each direct requirement admits.
    Minimal,
}

/// Options of one check.
#[derive(Debug, Clone)]
pub struct Check {
    /// Which versions.
    pub resolution: Resolution,
    /// Where the copies go (removed first).
    pub work: PathBuf,
}

/// The committed generated crates: their directory, and the package name.
const COMMITTED: [(&str, &str); 3] =
    [("generated", "sendkit"), ("tests/streams-client", "streams"), ("tests/example-workspace/petstore", "petstore")];

/// The lockfiles the committed crates are built with in this repository.
const LOCKFILES: [&str; 2] = ["Cargo.lock", "tests/example-workspace/Cargo.lock"];

/// Runs the check; the error says which build failed and what moved.
pub fn run(check: &Check) -> Result<(), String> {
    let root = workspace_root();
    if check.work.exists() {
        fs::remove_dir_all(&check.work).map_err(|e| format!("{}: {e}", check.work.display()))?;
    }
    let crates = check.work.join("crates");
    fs::create_dir_all(&crates).map_err(|e| format!("{}: {e}", crates.display()))?;
    let mut members = Vec::new();
    for (dir, package) in COMMITTED {
        copy_crate(&root.join(dir), &crates.join(package))?;
        members.push(format!("crates/{package}"));
    }
    if check.resolution == Resolution::Minimal {
        // Every fixture's crate: between them, every dependency the generator names.
        let fixtures = Run {
            dir: root.join("tests/fixtures/valid"),
            only: Vec::new(),
            max_size: None,
            compile: false,
            work: check.work.join("fixtures"),
            clippy: true,
            all_features: false,
            feature_sets: false,
            tls_sets: false,
            behaviour_tests: None,
        };
        for row in corpus::corpus(&fixtures)? {
            let stem = row.file.rsplit_once('.').map_or(row.file.as_str(), |(stem, _)| stem);
            members.push(format!("fixtures/crates/{stem}"));
        }
        // The corpus run's own workspace manifest would make the crates members twice.
        let manifest = check.work.join("fixtures/Cargo.toml");
        fs::remove_file(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    let listed: Vec<String> = members.iter().map(|m| format!("    \"{m}\",")).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [\n{}\n]\n", listed.join("\n"));
    fs::write(check.work.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", check.work.display()))?;

    resolve(&check.work, check.resolution)?;
    let references: Vec<PathBuf> = LOCKFILES.iter().map(|lockfile| root.join(lockfile)).collect();
    let moved = moved(&references, &check.work.join("Cargo.lock"))?;
    if check.resolution == Resolution::Newest && !moved.is_empty() {
        eprintln!("deps: resolved to versions this repository's lockfiles do not have:\n{}", moved.join("\n"));
    }
    let what = match check.resolution {
        Resolution::Newest => "the newest versions of their dependencies",
        Resolution::Minimal => "the lowest versions their requirements admit",
    };
    let failure = |set: &str| {
        let moved = if moved.is_empty() {
            "no dependency resolved to a version other than this repository's lockfiles have".to_owned()
        } else {
            format!(
                "dependencies resolved to versions other than this repository's lockfiles have:\n{}",
                moved.join("\n")
            )
        };
        format!("deps: the generated crates do not build cleanly against {what} ({set})\n{moved}")
    };
    let sets = std::iter::once(None).chain(TLS_SETS.iter().map(Some));
    for set in sets {
        let mut args: Vec<&str> = Vec::new();
        let name = match set {
            None => {
                args.extend(["--workspace", "--all-targets"]);
                "default features".to_owned()
            }
            Some(feature) => {
                args.extend(["-p", "sendkit", "--all-targets", "--no-default-features"]);
                if !feature.is_empty() {
                    args.extend(["--features", feature]);
                }
                if feature.is_empty() {
                    "sendkit with no TLS feature".to_owned()
                } else {
                    format!("sendkit with {feature}")
                }
            }
        };
        eprintln!("deps: cargo clippy {} -- -D warnings", args.join(" "));
        if !clippy(&check.work, &args)? {
            return Err(failure(&name));
        }
    }
    if check.resolution == Resolution::Minimal {
        check_generator_minimal(&root, &check.work)?;
    }
    eprintln!("deps: the generated crates build cleanly against {what}");
    Ok(())
}

/// Copies a crate's manifest and sources (not its lockfile or build output).
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?.flatten() {
        let name = entry.file_name();
        if name == "target" || name == "Cargo.lock" {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        if source.is_dir() {
            copy_crate(&source, &target)?;
        } else {
            fs::copy(&source, &target).map_err(|e| format!("{}: {e}", source.display()))?;
        }
    }
    Ok(())
}

/// `cargo` as this task was run with; `cargo +nightly` through rustup's proxy.
fn cargo(nightly: bool) -> Command {
    if nightly {
        let mut command = Command::new("cargo");
        command.arg("+nightly");
        command
    } else {
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
    }
}

/// Writes the lockfile of the workspace in `dir`, afresh.
fn resolve(dir: &Path, resolution: Resolution) -> Result<(), String> {
    let lockfile = dir.join("Cargo.lock");
    if lockfile.exists() {
        fs::remove_file(&lockfile).map_err(|e| format!("{}: {e}", lockfile.display()))?;
    }
    let mut command = match resolution {
        Resolution::Newest => {
            let mut command = cargo(false);
            command.arg("generate-lockfile");
            command
        }
        Resolution::Minimal => {
            let mut command = cargo(true);
            command.args(["update", "-Z", "direct-minimal-versions"]);
            command
        }
    };
    let status = command.current_dir(dir).status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        let hint = match resolution {
            Resolution::Newest => "",
            Resolution::Minimal => {
                " (it needs the nightly toolchain; a requirement whose lowest version conflicts with what \
                  another crate of the tree asks for must be raised)"
            }
        };
        return Err(format!("deps: cannot resolve the dependencies of {}{hint}", dir.display()));
    }
    Ok(())
}

/// `cargo clippy ARGS -- -D warnings` in `dir`, sharing the workspace's
/// target directory; whether it passed.
fn clippy(dir: &Path, args: &[&str]) -> Result<bool, String> {
    let status = cargo(false)
        .arg("clippy")
        .args(args)
        .args(["--", "-D", "warnings"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", workspace_root().join("target"))
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    Ok(status.success())
}

/// The packages (name and version) of a lockfile.
fn packages(lockfile: &Path) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let text = fs::read_to_string(lockfile).map_err(|e| format!("{}: {e}", lockfile.display()))?;
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut name = None;
    for line in text.lines() {
        let quoted = |key: &str| line.strip_prefix(key)?.strip_prefix(" = \"")?.strip_suffix('"').map(str::to_owned);
        if line == "[[package]]" {
            name = None;
        } else if let Some(value) = quoted("name") {
            name = Some(value);
        } else if let (Some(version), Some(name)) = (quoted("version"), name.take()) {
            packages.entry(name).or_default().insert(version);
        }
    }
    Ok(packages)
}

/// The packages of `lockfile` that the `references` lockfiles have, but none
/// at the version `lockfile` has, as `  name: old -> new` lines.
fn moved(references: &[PathBuf], lockfile: &Path) -> Result<Vec<String>, String> {
    let mut known: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for reference in references {
        for (name, versions) in packages(reference)? {
            known.entry(name).or_default().extend(versions);
        }
    }
    let mut lines = Vec::new();
    for (name, versions) in packages(lockfile)? {
        let Some(old) = known.get(&name) else { continue };
        let new: Vec<&String> = versions.iter().filter(|v| !old.contains(*v)).collect();
        if !new.is_empty() {
            let old: Vec<&str> = old.iter().map(String::as_str).collect();
            let new: Vec<&str> = new.into_iter().map(String::as_str).collect();
            lines.push(format!("  {name}: {} -> {}", old.join(", "), new.join(", ")));
        }
    }
    Ok(lines)
}

/// The generator's crate as `cargo install --path generator` builds it (the
/// workspace's settings filled in by `cargo package`), with the lowest
/// versions its requirements admit, linted with warnings denied.
fn check_generator_minimal(root: &Path, work: &Path) -> Result<(), String> {
    let target = root.join("target");
    let status = cargo(false)
        .args(["package", "-p", "openapi-rust-generator", "--no-verify", "--allow-dirty", "--quiet"])
        .arg("--target-dir")
        .arg(&target)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("deps: cannot package the generator".to_owned());
    }
    let packaged = fs::read_dir(target.join("package"))
        .map_err(|e| format!("{}: {e}", target.join("package").display()))?
        .flatten()
        .map(|entry| entry.path())
        .find(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("openapi-rust-generator-") && name.ends_with(".crate")
        })
        .ok_or("deps: `cargo package` wrote no .crate file")?;
    let unpacked = work.join("generator");
    fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&packaged)
        .arg("--strip-components=1")
        .arg("-C")
        .arg(&unpacked)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("deps: cannot unpack {}", packaged.display()));
    }
    // A workspace of its own, not a member of the generated crates' one.
    let manifest = unpacked.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    text.push_str("\n[workspace]\n");
    fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))?;
    resolve(&unpacked, Resolution::Minimal)?;
    eprintln!("deps: cargo clippy (the generator, lowest versions) -- -D warnings");
    if !clippy(&unpacked, &[])? {
        return Err(
            "deps: the generator does not build cleanly against the lowest versions its requirements admit".to_owned()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dependencies_that_moved_are_named_with_both_versions() {
        let dir = std::env::temp_dir().join(format!("xtask-deps-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let lockfile = |name: &str, packages: &[(&str, &str)]| {
            let mut text = "version = 4\n".to_owned();
            for (package, version) in packages {
                text.push_str(&format!(
                    "\n[[package]]\nname = \"{package}\"\nversion = \"{version}\"\nsource = \"x\"\n"
                ));
            }
            let path = dir.join(name);
            fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
            path
        };
        let committed = lockfile("a.lock", &[("rustls", "0.23.46"), ("serde", "1.0.228"), ("tokio", "1.54.1")]);
        let other = lockfile("b.lock", &[("serde", "1.0.229")]);
        let fresh = lockfile(
            "fresh.lock",
            &[("rustls", "0.23.48"), ("serde", "1.0.229"), ("tokio", "1.54.1"), ("sendkit", "1.0.0")],
        );
        let moved = moved(&[committed, other], &fresh).unwrap_or_else(|e| panic!("{e}"));
        // serde's version is in one of the lockfiles, tokio's unchanged, sendkit new to both.
        assert_eq!(moved, ["  rustls: 0.23.46 -> 0.23.48"]);
        let _ = fs::remove_dir_all(&dir);
    }
}
