//! The unit tests of the I/O edge (the command's end-to-end tests are in
//! `generator/tests/command/`).

use std::fs;
use std::path::{Path, PathBuf};

use super::staging::Transaction;
use super::*;
use crate::format::File;

#[test]
fn generated_files_are_recognised_by_their_first_line() {
    let [first, second] = crate::format::header_lines("spec.yaml", "cargo xtask codegen");
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

/// A fresh directory under the workspace's `target/`.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-scratch/write").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Every path under `dir` with its text (`/` for a directory), sorted.
fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
            if path.is_dir() {
                found.push((name, "/".to_owned()));
                pending.push(path);
            } else {
                found.push((name, fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_failed_rename_or_removal_puts_back_what_the_commit_had_changed() {
    let dir = scratch("commit-fails");
    fs::write(dir.join("a.rs"), "old a").unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("old.rs"), "old generated").unwrap_or_else(|e| panic!("{e}"));
    let stage = |changes: &mut Transaction| {
        changes.stage(&dir.join("a.rs"), b"new a", Some(b"old a".to_vec()))?;
        changes.stage(&dir.join("new/b.rs"), b"new b", None)?;
        changes.stage(&dir.join("c.rs"), b"new c", None)
    };

    // c.rs's place is taken after staging, by a directory no rename replaces.
    let mut changes = Transaction::default();
    stage(&mut changes).unwrap_or_else(|e| panic!("{e}"));
    fs::create_dir_all(dir.join("c.rs/inside")).unwrap_or_else(|e| panic!("{e}"));
    let before = listing(&dir).into_iter().filter(|(name, _)| !name.starts_with('.') && !name.starts_with("new"));
    let before: Vec<_> = before.collect();
    match changes.commit(&[dir.join("old.rs")]) {
        Err(Error::Io { path, message, .. }) => {
            assert_eq!(path, dir.join("c.rs"));
            assert!(
                message.starts_with("cannot write it: ") && message.ends_with("; nothing was written"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(listing(&dir), before, "a.rs has its old text, new/ and the temporary files are gone");

    // A leftover gone by the time it is removed: every file renamed is put back.
    fs::remove_dir_all(dir.join("c.rs")).unwrap_or_else(|e| panic!("{e}"));
    let before = listing(&dir);
    let mut changes = Transaction::default();
    stage(&mut changes).unwrap_or_else(|e| panic!("{e}"));
    match changes.commit(&[dir.join("old.rs"), dir.join("gone.rs")]) {
        Err(Error::Io { path, message, .. }) => {
            assert_eq!(path, dir.join("gone.rs"));
            assert!(message.starts_with("cannot remove it: "), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(listing(&dir), before, "old.rs is back, a.rs has its old text, c.rs and new/ are gone");
}

#[test]
fn command_lines_quote_what_the_shell_would_split_or_expand() {
    assert_eq!(command_line(&["cargo", "xtask", "codegen"]), "cargo xtask codegen");
    assert_eq!(
        command_line(&["gen", "api spec.yaml", "--only", "GET /pets/{id}", "--only=tag:pets", "it's", ""]),
        "gen 'api spec.yaml' --only 'GET /pets/{id}' --only=tag:pets 'it'\\''s' ''"
    );
}

fn file(path: &str, contents: &str) -> File {
    File { path: path.to_owned(), contents: contents.to_owned() }
}

#[test]
fn a_single_file_inlines_every_module_and_drops_the_crate_attributes() {
    let header = "// This file is @generated from a.yaml by openapi-rust-generator. Do not edit it by hand.\n// Regenerate it with: x\n\n";
    let files = [
        file("Cargo.toml", "# header\n\n[package]\n"),
        file(
            "src/lib.rs",
            &format!(
                "{header}//! # The API\n//!\n//! Docs.\n#![forbid(unsafe_code)]\n#![warn(\n    missing_docs\n)]\n\nmod client;\npub mod types;\n\npub use client::Client;\n"
            ),
        ),
        file("src/client.rs", &format!("{header}//! The client.\nuse crate::types::Pet;\n\npub struct Client;\n")),
        file("src/types.rs", &format!("{header}//! Types.\nmod inner;\n\npub struct Pet;\n")),
        file("src/types/inner.rs", &format!("{header}pub(crate) struct Inner;\n")),
    ];
    let single = single_file(&files).unwrap_or_default();
    assert_eq!(
        single,
        format!(
            "{header}mod client {{\n//! The client.\nuse crate::types::Pet;\n\npub struct Client;\n}}\npub mod types {{\n//! Types.\nmod inner {{\npub(crate) struct Inner;\n}}\n\npub struct Pet;\n}}\n\npub use client::Client;\n"
        )
    );
    assert_eq!(single_file(&files[..1]), None);
}
