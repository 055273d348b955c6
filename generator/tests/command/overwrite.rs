//! What stands where the generated files go: files the generator did not
//! write stop the write (until `--force`), links and directories stop it even
//! then, and a write that fails part way is undone.

use super::*;

/// What is at a path, links not followed: what a directory looked like, to
/// show that every byte there before is there after.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

/// Every path under `dir` (itself included) and what is there; links are not followed.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Entry> {
    let mut entries = std::collections::BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = fs::symlink_metadata(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let entry = if meta.file_type().is_symlink() {
            Entry::Link(fs::read_link(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        } else if meta.is_dir() {
            for child in fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).flatten() {
                pending.push(child.path());
            }
            Entry::Dir
        } else if meta.is_file() {
            Entry::File(fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        } else {
            Entry::Other
        };
        entries.insert(path, entry);
    }
    entries
}

/// Panics naming each path added, removed or changed since `before`.
fn assert_unchanged(dir: &Path, before: &std::collections::BTreeMap<PathBuf, Entry>, context: &str) {
    let after = snapshot(dir);
    let mut differences = Vec::new();
    for (path, entry) in before {
        match after.get(path) {
            None => differences.push(format!("removed: {}", path.display())),
            Some(now) if now != entry => differences.push(format!("changed: {}", path.display())),
            Some(_) => {}
        }
    }
    differences.extend(after.keys().filter(|p| !before.contains_key(*p)).map(|p| format!("added: {}", p.display())));
    assert!(
        differences.is_empty(),
        "{context}: every byte there before must be there after\n{}",
        differences.join("\n")
    );
}

const HAND_WRITTEN_ADVICE: &str = "Move each away or pick another --out; or add --force to overwrite the files \
                                   without the generated header (what they hold is lost).\n";

#[test]
fn hand_written_files_where_generated_files_go_stop_the_write_until_force() {
    let dir = with_petstore("hand-written");
    write(&dir.join("mine/Cargo.toml"), "[package]\nname = \"mine\"\n");
    write(&dir.join("mine/src/lib.rs"), "// mine\n");
    let before = snapshot(&dir);
    let generate = ["generate", "petstore.yaml", "--out", "mine"];

    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!(
            "nothing was written: 2 paths where the generated crate goes hold what the generator did not write\n  \
             mine/Cargo.toml: a file the generator did not write (it has no generated header)\n  \
             mine/src/lib.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )
    );
    assert_unchanged(&dir, &before, "a write");

    // --check names them as what is in the way, not as stale files.
    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("mine/README.md is missing\n\nmine/rustfmt.toml is missing\n\n"), "{message}");
    assert!(
        message.ends_with(&format!(
            "mine/src/types.rs is missing\n\n\
             2 paths where the generated crate goes hold what the generator did not write, which it will not replace:\n  \
             mine/Cargo.toml: a file the generator did not write (it has no generated header)\n  \
             mine/src/lib.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )),
        "{message}"
    );
    assert!(!message.contains("stale") && !message.contains("out of date"), "{message}");
    assert_unchanged(&dir, &before, "");

    let output = run(&dir, &[&generate[..], &["--check", "--force"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("error: --check writes nothing: it cannot be combined with --force\n"));
    assert_unchanged(&dir, &before, "");

    // --force replaces them, and says so.
    let output = run(&dir, &[&generate[..], &["--force"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("mine"));
    assert_eq!(
        stdout(&output),
        format!(
            "replaced mine/Cargo.toml, which the generator did not write\n\
             replaced mine/src/lib.rs, which the generator did not write\n\
             mine: crate petstore, 5 operations, 8 types; {files} of {files} files written \
             (2 of them over files the generator did not write), the rest unchanged\n"
        )
    );
    assert!(read(&dir.join("mine/Cargo.toml")).contains("\nname = \"petstore\"\n"));
    assert!(read(&dir.join("mine/src/lib.rs")).starts_with("// This file is @generated"));

    // A generated crate is the generator's: regenerating over it is no conflict.
    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("mine: crate petstore, 5 operations, 8 types; 0 of {files} files written, the rest unchanged\n")
    );
    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn one_hand_written_file_in_a_generated_crate_stops_every_write() {
    let dir = with_petstore("hand-written-in-crate");
    let generate = ["generate", "petstore.yaml", "--out", "client"];
    assert_eq!(run(&dir, &generate).status.code(), Some(0));
    // A stale generated file (which alone would be rewritten), a leftover (which
    // alone would be removed) and a hand-written file where a generated one goes.
    let types = dir.join("client/src/types.rs");
    write(&types, &read(&types).replace("pub struct Pet {", "pub struct Pet { // edited"));
    let header = read(&dir.join("client/src/lib.rs")).lines().next().unwrap_or_default().to_owned();
    write(&dir.join("client/src/old.rs"), &format!("{header}\npub fn old() {{}}\n"));
    write(&dir.join("client/src/client.rs"), "//! My own client.\n");
    let before = snapshot(&dir);

    let output = run(&dir, &generate);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "nothing was written: 1 path where the generated crate goes holds what the generator did not write\n  \
             client/src/client.rs: a file the generator did not write (it has no generated header)\n\n\
             {HAND_WRITTEN_ADVICE}"
        )
    );
    assert_unchanged(&dir, &before, "nothing rewritten, nothing removed");

    let output = run(&dir, &[&generate[..], &["--check"]].concat());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("client/src/types.rs is stale:\n"), "{message}");
    assert!(message.contains("\n\nclient/src/old.rs is a generated file the generator no longer produces\n\n"));
    assert!(message.contains(
        "\n\n1 path where the generated crate goes holds what the generator did not write, which it will not replace:\n  \
         client/src/client.rs: a file the generator did not write (it has no generated header)\n\n"
    ));
    assert!(!message.contains("client.rs is stale"), "{message}");
    assert_unchanged(&dir, &before, "");

    let output = run(&dir, &[&generate[..], &["--force"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = file_count(&dir.join("client"));
    assert_eq!(
        stdout(&output),
        format!(
            "replaced client/src/client.rs, which the generator did not write\nremoved client/src/old.rs\n\
             client: crate petstore, 5 operations, 8 types; 2 of {files} files written \
             (1 of them over a file the generator did not write), the rest unchanged\n"
        )
    );
}

/// Directories, special files, links leading outside or nowhere, and files
/// where directories go: `--force` replaces none of them.
#[cfg(unix)]
#[test]
fn directories_links_and_special_files_in_the_way_stop_the_write_even_with_force() {
    use std::os::unix::fs::symlink;

    let dir = with_petstore("in-the-way");
    let header = "// This file is @generated from petstore.yaml by openapi-rust-generator. Do not edit it by hand.\n";
    // Outside the output directory: a manifest, a directory of generated-looking files.
    write(&dir.join("shared/Cargo.toml"), "[package]\nname = \"shared\"\n");
    write(&dir.join("elsewhere/mod.rs"), &format!("{header}pub fn elsewhere() {{}}\n"));
    write(&dir.join("elsewhere/old.rs"), &format!("{header}pub fn old() {{}}\n"));
    fs::create_dir_all(dir.join("client/src/types.rs/inner")).unwrap_or_else(|e| panic!("{e}"));
    write(&dir.join("client/src/types.rs/inner/notes.txt"), "notes\n");
    let link = |target: &str, at: &str| symlink(target, dir.join(at)).unwrap_or_else(|e| panic!("{at}: {e}"));
    link("../shared/Cargo.toml", "client/Cargo.toml");
    link("../../elsewhere", "client/src/runtime");
    link("missing.toml", "client/rustfmt.toml");
    // Not where a generated file goes: never followed, never a leftover.
    link("../elsewhere", "client/vendor");
    let fifo = Command::new("mkfifo").arg(dir.join("client/src/client.rs")).status();
    assert!(fifo.as_ref().is_ok_and(|status| status.success()), "mkfifo: {fifo:?}");
    let before = snapshot(&dir);

    let elsewhere = fs::canonicalize(dir.join("elsewhere")).unwrap_or_else(|e| panic!("{e}"));
    let shared = fs::canonicalize(dir.join("shared/Cargo.toml")).unwrap_or_else(|e| panic!("{e}"));
    let expected = format!(
        "nothing was written: 5 paths where the generated crate goes hold what the generator did not write\n  \
         client/Cargo.toml: a symbolic link that leads outside the output directory, to {}\n  \
         client/rustfmt.toml: a symbolic link to missing.toml, which does not exist\n  \
         client/src/client.rs: not a regular file, where a generated file goes\n  \
         client/src/runtime: a symbolic link that leads outside the output directory, to {}\n  \
         client/src/types.rs: a directory where a generated file goes\n\n\
         Move each away or pick another --out.\n",
        shared.display(),
        elsewhere.display()
    );
    for force in [&[][..], &["--force"]] {
        let output = run(&dir, &[&["generate", "petstore.yaml", "--out", "client"][..], force].concat());
        assert_eq!(output.status.code(), Some(1), "{force:?}");
        assert_eq!(stderr(&output), expected, "{force:?}");
        assert_unchanged(&dir, &before, &format!("{force:?}"));
    }

    let output = run(&dir, &["generate", "petstore.yaml", "--out", "client", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "5 paths where the generated crate goes hold what the generator did not write, which it will not replace:\n  \
             client/Cargo.toml: a symbolic link that leads outside the output directory"
        ),
        "{message}"
    );
    assert!(message.ends_with("\n\nMove each away or pick another --out.\n"), "{message}");
    assert!(!message.contains("old.rs"), "a link is not followed to leftovers: {message}");
    assert_unchanged(&dir, &before, "");

    // A file where a directory of generated files goes, and where the crate's directory goes.
    let dir = with_petstore("file-for-directory");
    write(&dir.join("client/src"), "not a directory\n");
    write(&dir.join("notes.txt"), "notes\n");
    let before = snapshot(&dir);
    for (out, path) in [("client", "client/src"), ("notes.txt", "notes.txt")] {
        let output = run(&dir, &["generate", "petstore.yaml", "--out", out, "--force"]);
        assert_eq!(output.status.code(), Some(1), "{out}");
        assert_eq!(
            stderr(&output),
            format!(
                "nothing was written: 1 path where the generated crate goes holds what the generator did not write\n  \
                 {path}: a file where a directory of generated files goes\n\nMove each away or pick another --out.\n"
            )
        );
        assert_unchanged(&dir, &before, out);
    }
}

/// Links that stay inside the output directory are followed: the files are written through them.
#[cfg(unix)]
#[test]
fn links_inside_the_output_directory_are_written_through() {
    let dir = with_petstore("links-inside");
    let generate = ["generate", "petstore.yaml", "--out", "client"];
    assert_eq!(run(&dir, &generate).status.code(), Some(0));
    fs::rename(dir.join("client/src/runtime"), dir.join("client/runtime")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("../runtime", dir.join("client/src/runtime")).unwrap_or_else(|e| panic!("{e}"));
    let output = run(&dir, &[&generate[..], &["--crate-name", "pets"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // No file reached through the link is taken for a leftover.
    assert!(!stdout(&output).contains("removed"), "{}", stdout(&output));
    assert_eq!(fs::read_link(dir.join("client/src/runtime")).ok(), Some(PathBuf::from("../runtime")));
    assert!(read(&dir.join("client/runtime/mod.rs")).contains("--crate-name pets"));
    assert_eq!(run(&dir, &[&generate[..], &["--crate-name", "pets", "--check"]].concat()).status.code(), Some(0));
}

/// A write that fails part way (here: files larger than the process may
/// write, a limit root is held to as well) is undone: the files already
/// written to temporary files are removed, the directories created for them
/// too, and every file there before keeps its bytes.
#[cfg(unix)]
#[test]
fn a_write_that_fails_part_way_is_undone() {
    let dir = with_petstore("write-fails");
    assert_eq!(run(&dir, &["generate", "petstore.yaml", "--out", "client"]).status.code(), Some(0));
    write(&dir.join("client/src/mine.rs"), "// mine\n");
    let before = snapshot(&dir);
    // Another crate name: every file's text changes. Files over 8 blocks (4 KiB
    // in dash, 8 KiB in bash; Cargo.toml and rustfmt.toml are smaller, README.md
    // and types.rs are larger) cannot be written; SIGXFSZ ignored makes that an error, not death.
    let limited = |out: &str| {
        Command::new("sh")
            .args(["-c", "ulimit -f 8 && trap '' XFSZ && exec \"$0\" \"$@\""])
            .arg(BIN)
            .args(["generate", "petstore.yaml", "--out", out, "--crate-name", "pets", "--force"])
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("sh: {e}"))
    };
    for out in ["client", "fresh/client"] {
        let output = limited(out);
        assert_eq!(output.status.code(), Some(1), "{out}: {}", stdout(&output));
        let message = stderr(&output);
        let (path, reason) = message.split_once(": ").unwrap_or_default();
        let rust = path.starts_with(&format!("{out}/src/")) && path.ends_with(".rs");
        assert!(rust || path == format!("{out}/README.md"), "{message}");
        assert!(
            reason.starts_with("cannot write it: File too large") && reason.ends_with("; nothing was written\n"),
            "{message}"
        );
        // Nothing written, no temporary file left, no directory created.
        assert_unchanged(&dir, &before, out);
    }
    // Without the limit, the same command writes.
    let output = run(&dir, &["generate", "petstore.yaml", "--out", "client", "--crate-name", "pets"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

/// The library refuses as the command does, with typed errors; a `build.rs`'s
/// `write_file` into its own directory is unchanged.
#[test]
fn the_library_reports_conflicts_as_a_typed_error() {
    use generator::write::{self, ConflictKind, Error, Overwrite};

    let dir = scratch("library");
    let spec = read(&root().join("tests/example-workspace/api/openapi.yaml"));
    let generated = generator::generate(&spec, &generator::Options::new("petstore.yaml", "test"))
        .unwrap_or_else(|d| panic!("{d:?}"));
    let out = dir.join("client");
    write(&out.join("src/lib.rs"), "// mine\n");
    match write::write_crate(&out, &generated.files) {
        Err(Error::Conflicts(conflicts)) => {
            let found: Vec<_> = conflicts.iter().map(|c| (c.path.clone(), c.kind.clone())).collect();
            assert_eq!(found, [(out.join("src/lib.rs"), ConflictKind::HandWritten)]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(read(&out.join("src/lib.rs")), "// mine\n");
    assert_eq!(file_count(&out), 1);

    let written =
        write::write_crate_with(&out, &generated.files, Overwrite::HandWritten).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.replaced, ["src/lib.rs"]);
    assert_eq!(written.written.len(), generated.files.len());
    assert!(write::write_crate(&out, &generated.files).is_ok_and(|w| w.written.is_empty()));

    // A build script's one file: written wherever it is told, as before.
    let single = dir.join("out/petstore.rs");
    write(&single, "// an earlier build's\n");
    assert_eq!(write::write_file(&single, "// this build's\n"), Ok(true));
    assert_eq!(read(&single), "// this build's\n");
}
