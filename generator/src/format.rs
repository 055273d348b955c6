//! Stage 4, format: tokens to text with prettyplease, and the header every
//! generated file starts with.
//!
//! [`format`] formats what [`crate::emit::emit`] produced, on one thread.
//! [`render`] does emit and format together, piece by piece on every core
//! (tokens cannot move between threads, so each worker emits its own pieces);
//! both give the same bytes.

use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;

use crate::diag::{Diagnostic, Pointer};
use crate::emit::{self, Emitted};
use crate::model::Api;

/// A generated file: its path relative to the crate root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the crate root, with `/` separators.
    pub path: String,
    /// Full text.
    pub contents: String,
}

/// The header lines (without comment markers) that every generated file starts with.
pub fn header_lines(spec: &str, command: &str) -> [String; 2] {
    [
        format!("This file is generated from {spec} by openapi-rust-generator. Do not edit it by hand."),
        format!("Regenerate it with: {command}"),
    ]
}

fn rust_header(spec: &str, command: &str) -> String {
    let [first, second] = header_lines(spec, command);
    format!("// {first}\n// {second}\n\n")
}

fn text_file(file: Emitted, spec: &str, command: &str) -> Option<File> {
    let [first, second] = header_lines(spec, command);
    match file {
        Emitted::RustText(path, text) => Some(File { contents: format!("{}{text}", rust_header(spec, command)), path }),
        Emitted::Text(path, text) => Some(File { contents: format!("# {first}\n# {second}\n\n{text}"), path }),
        Emitted::Rust(..) => None,
    }
}

/// Formats one piece of a Rust file.
fn format_piece(path: &str, tokens: TokenStream) -> Result<String, Diagnostic> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostic::error(&Pointer::root(), format!("internal error: the generated {path} does not parse: {e}"))
    })?;
    Ok(prettyplease::unparse(&parsed))
}

/// Formats emitted files on this thread, each behind the header naming `command`.
pub fn format(emitted: Vec<Emitted>, spec: &str, command: &str) -> Result<Vec<File>, Diagnostic> {
    let mut files = Vec::with_capacity(emitted.len());
    for file in emitted {
        match file {
            Emitted::Rust(path, pieces) => {
                let mut contents = rust_header(spec, command);
                for piece in pieces {
                    contents.push_str(&format_piece(&path, piece)?);
                }
                files.push(File { path, contents });
            }
            other => files.extend(text_file(other, spec, command)),
        }
    }
    Ok(files)
}

/// Pieces a worker takes at a time.
const BATCH: usize = 32;

/// Emits and formats every file of the crate for `api`, using every core.
pub fn render(api: &Api, spec: &str, command: &str) -> Result<Vec<File>, Diagnostic> {
    let context = emit::context(api);
    let jobs: Vec<(&'static str, usize)> =
        emit::rust_files(api).into_iter().flat_map(|(path, count)| (0..count).map(move |i| (path, i))).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len().div_ceil(BATCH)).max(1);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Result<String, Diagnostic>)> = Vec::new();
        loop {
            let start = next.fetch_add(BATCH, Ordering::Relaxed);
            if start >= jobs.len() {
                break;
            }
            for (offset, (path, index)) in jobs[start..(start + BATCH).min(jobs.len())].iter().enumerate() {
                let tokens = emit::piece(api, &context, path, *index);
                done.push((start + offset, format_piece(path, tokens)));
            }
        }
        done
    };
    // Each worker, like the single one, gets a stack of its own: syn and
    // prettyplease recurse as deep as the types nest (see `crate::stack`).
    let mut results: Vec<(usize, Result<String, Diagnostic>)> = if workers == 1 {
        crate::stack::with_stack(work)
    } else {
        std::thread::scope(|scope| {
            let spawn = |_| std::thread::Builder::new().stack_size(crate::stack::STACK).spawn_scoped(scope, work);
            let handles: Vec<_> = (0..workers).map(spawn).collect();
            let mut all = Vec::with_capacity(jobs.len());
            for handle in handles {
                match handle.map(|handle| handle.join()) {
                    Ok(Ok(done)) => all.extend(done),
                    // No thread could be started: this one takes that share.
                    Err(_) => all.extend(work()),
                    Ok(Err(_)) => all.push((
                        usize::MAX,
                        Err(Diagnostic::error(&Pointer::root(), "internal error: a formatting thread panicked")),
                    )),
                }
            }
            all
        })
    };
    results.sort_by_key(|(index, _)| *index);

    let mut files = Vec::new();
    let mut results = results.into_iter();
    for (path, count) in emit::rust_files(api) {
        let mut contents = rust_header(spec, command);
        for _ in 0..count {
            match results.next() {
                Some((_, Ok(text))) => contents.push_str(&text),
                Some((_, Err(diagnostic))) => return Err(diagnostic),
                None => {
                    return Err(Diagnostic::error(&Pointer::root(), "internal error: a formatted piece is missing"));
                }
            }
        }
        files.push(File { path: path.to_owned(), contents });
    }
    files.extend(emit::text_files(api).into_iter().filter_map(|file| text_file(file, spec, command)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_rendering_matches_sequential_formatting() {
        let text = include_str!("../../spec/openapi.yaml");
        let doc = crate::load::load(text).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = crate::lower::lower(&doc, &crate::lower::Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        let sequential = format(emit::emit(&lowered.api), "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        let parallel = render(&lowered.api, "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(sequential, parallel);
    }
}
