//! The generator's output, pinned: for each fixture spec (`tests/fixtures/valid`),
//! the code the fixture is about, its types and its operations; for each invalid
//! spec (`tests/fixtures/invalid`), its diagnostics.
//!
//! A fixture's snapshot, `types_and_operations@STEM.snap`, holds its warnings, the
//! items of `src/types.rs` and the per-operation `impl Client` blocks of
//! `src/client.rs`, taken piece by piece from the generator (`emit::rust_files`,
//! `emit::piece`, `format::format`) and checked to be the very text of the
//! generated files. What every crate shares (the crate docs of `src/lib.rs`, the
//! client's head and builder, `Cargo.toml`, the runtime) is not repeated in each
//! snapshot: the drift check (`codegen::generated_crates_are_up_to_date_with_their_specs`)
//! pins the SendKit crate byte for byte, and `codegen` compiles and lints every
//! fixture's crate. Only where they hold what the fixture is about, the client's
//! head and builder (the security schemes and their credential setters) are pinned
//! too, in `client_setup@STEM.snap`.

use std::fs;
use std::ops::Range;
use std::path::Path;

use generator::emit::{self, Emitted, RustFile};
use generator::model::Api;
use generator::{Generated, Options, format, load, lower};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use tests::workspace_root;

/// The command the generated files name.
const COMMAND: &str = "cargo xtask codegen";

/// How the tests name a spec: its path from the workspace root.
fn spec_name(path: &Path) -> String {
    let root = workspace_root();
    let canonical = root.canonicalize().unwrap_or_else(|_| root.clone());
    let relative = path.strip_prefix(&canonical).or_else(|_| path.strip_prefix(&root)).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

fn generate(spec: &str) -> Result<Generated, Vec<generator::Diagnostic>> {
    let text = fs::read_to_string(workspace_root().join(spec)).unwrap_or_else(|e| panic!("{spec}: {e}"));
    generator::generate(&text, &Options::new(spec, COMMAND))
}

/// Asserts `text` as the snapshot `NAME@STEM` of the fixture at `path`.
fn assert_fixture_snapshot(name: &str, path: &Path, text: &str) {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_suffix(stem);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The pieces of one generated Rust file, formatted as the file has them.
struct Pieces<'a> {
    api: &'a Api,
    context: emit::Context,
    spec: &'a str,
    file: RustFile,
    path: String,
    /// The file's whole text, as the generator writes it.
    full: String,
}

impl<'a> Pieces<'a> {
    fn new(api: &'a Api, spec: &'a str, files: &[generator::File], file: RustFile) -> Self {
        let context = emit::context(api);
        let path = file.path(&context);
        let full = files.iter().find(|f| f.path == path).map(|f| f.contents.clone());
        let full = full.unwrap_or_else(|| panic!("{spec}: no {path}"));
        Pieces { api, context, spec, file, path, full }
    }

    /// How many pieces the generator emits for the file.
    fn piece_count(&self) -> usize {
        let files = emit::rust_files(self.api);
        let count = files.iter().find(|(file, _)| *file == self.file).map(|(_, count)| *count);
        count.unwrap_or_else(|| panic!("{}: the generator emits no {}", self.spec, self.path))
    }

    /// The tokens of one piece, as text (to check what a piece is).
    fn tokens(&self, index: usize) -> String {
        emit::piece(self.api, &self.context, self.file, index).iter().map(emit::Part::text).collect()
    }

    /// The formatted text of the pieces in `range`, without the file's header;
    /// checked to be part of the file exactly so.
    fn text(&self, range: Range<usize>) -> String {
        let format = |pieces| {
            let file = Emitted::Rust(self.path.clone(), pieces);
            let formatted = format::format(vec![file], self.spec, COMMAND).unwrap_or_else(|d| panic!("{d}"));
            formatted.into_iter().next().map(|file| file.contents).unwrap_or_default()
        };
        let header = format(Vec::new());
        let pieces = range.map(|index| emit::piece(self.api, &self.context, self.file, index)).collect();
        let with_header = format(pieces);
        let text = with_header.strip_prefix(&header).unwrap_or_else(|| panic!("{}: no header", self.path));
        assert!(self.full.contains(text), "{}: the pieces are not the text of {}", self.spec, self.path);
        text.to_owned()
    }
}

/// Asserts that `files`, rendered with regular items printed directly
/// (`emit::Part::Printed`), are byte for byte what the formatter prints when
/// every item goes to it as tokens.
fn assert_printed_items_are_formatted_text(api: &Api, spec: &str, files: &[generator::File]) {
    let context = emit::context_without_printing(api);
    let formatted = format::format(emit::emit_with(api, &context), spec, COMMAND).unwrap_or_else(|d| panic!("{d}"));
    for file in files.iter().filter(|file| file.path.ends_with(".rs")) {
        let Some(expected) = formatted.iter().find(|f| f.path == file.path) else {
            panic!("{spec}: {} only when items are printed", file.path);
        };
        if let Some((line, (printed, tokens))) =
            file.contents.lines().zip(expected.contents.lines()).enumerate().find(|(_, (a, b))| a != b)
        {
            panic!("{spec}: {} line {}: printed {printed:?}, formatted {tokens:?}", file.path, line + 1);
        }
        assert_eq!(file.contents, expected.contents, "{spec}: {}", file.path);
    }
}

/// Items printed directly match the formatter on every spec of the corpus
/// (`$CORPUS_DIR`, else `../shared/specs`, from the workspace root) that
/// generates; CI runs it, and by hand:
/// `cargo test -p tests --test integration -- --ignored printed`.
#[test]
#[ignore = "reads the corpus, outside the repository"]
fn printed_items_match_the_formatter_on_the_corpus() {
    // A relative `CORPUS_DIR` is from the workspace root, as CI gives it.
    let dir = workspace_root().join(std::env::var_os("CORPUS_DIR").unwrap_or_else(|| "../shared/specs".into()));
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("the corpus {}: {e}", dir.display()));
    let mut paths: Vec<_> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
    paths.retain(|path| path.extension().is_some_and(|e| e == "json" || e == "yaml" || e == "yml"));
    paths.sort();
    let mut compared = 0;
    for path in paths {
        let spec = path.display().to_string();
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let Ok(doc) = load::load(&text) else { continue };
        let Ok(lowered) = lower::lower(&doc, &Options::new(&spec, COMMAND)) else { continue };
        let files = format::render(&lowered.api, &spec, COMMAND).unwrap_or_else(|d| panic!("{spec}: {d}"));
        assert_printed_items_are_formatted_text(&lowered.api, &spec, &files);
        eprintln!("{spec}: the same");
        compared += 1;
    }
    assert!(compared > 0, "no spec of {} generates", dir.display());
}

/// Titled sections, `==> TITLE <==` then the text, one blank line apart; empty ones left out.
fn sections_text(sections: &[(&str, String)]) -> String {
    let shown: Vec<String> = sections
        .iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(title, text)| format!("==> {title} <==\n{text}"))
        .collect();
    shown.join("\n")
}

#[test]
fn each_valid_fixture_pins_its_types_and_operations() {
    insta::glob!("../fixtures/valid", "*.yaml", |path| {
        let spec = spec_name(path);
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{spec}: {e}"));
        let doc = load::load(&text).unwrap_or_else(|d| panic!("{spec}: {d:#?}"));
        let lowered = lower::lower(&doc, &Options::new(&spec, COMMAND)).unwrap_or_else(|d| panic!("{spec}: {d:#?}"));
        let api = &lowered.api;
        let files = format::render(api, &spec, COMMAND).unwrap_or_else(|d| panic!("{spec}: {d}"));
        assert_printed_items_are_formatted_text(api, &spec, &files);

        // src/types.rs: the module's docs and attributes, then one piece per type.
        let types = Pieces::new(api, &spec, &files, RustFile::Types);
        assert_eq!(types.piece_count(), api.types.len() + 1, "{spec}: the pieces of src/types.rs");
        let type_items = types.text(1..types.piece_count());
        assert!(types.full.ends_with(&type_items), "{spec}: the types end src/types.rs");

        // src/client.rs: the head (schemes, `Client`, its constructors), the
        // `impl Client` blocks of the operations (64 operations to a block,
        // each method behind the `#[cfg]` of its operation's features when the
        // crate has them), then the builder. An API without operations has no client.
        if !api.has_client() {
            assert!(!files.iter().any(|f| f.path == "src/client.rs"), "{spec}: a client without operations");
        }
        let client = api.has_client().then(|| Pieces::new(api, &spec, &files, RustFile::Client));
        let operations = 1..api.operations.len().div_ceil(64) + 1;
        if let Some(client) = &client {
            assert_eq!(client.piece_count(), operations.end + 1, "{spec}: the pieces of src/client.rs");
            for index in operations.clone() {
                let tokens = client.tokens(index);
                assert!(tokens.starts_with("impl Client {"), "{spec}: piece {index} of src/client.rs is {tokens}");
            }
        }

        let warnings: String = lowered.warnings.iter().map(|w| format!("{}\n", w.display_for(&spec))).collect();
        // The webhooks module, without its header, when the spec has webhooks.
        let webhooks = files.iter().find(|f| f.path == "src/webhooks.rs").map(|f| f.contents.lines().skip(3));
        let webhooks = webhooks.map(|lines| lines.collect::<Vec<_>>().join("\n") + "\n").unwrap_or_default();
        // Which runtime modules the crate gets (their text is `generator/runtime/`'s).
        let runtime: String =
            files.iter().filter_map(|f| f.path.strip_prefix("src/runtime/")).map(|name| format!("{name}\n")).collect();
        let sections = [
            ("warnings", warnings),
            ("src/types.rs: the types", type_items),
            ("src/client.rs: the operations", client.as_ref().map(|c| c.text(operations.clone())).unwrap_or_default()),
            ("src/webhooks.rs", webhooks),
            ("src/runtime/: the modules", runtime),
        ];
        assert_fixture_snapshot("types_and_operations", path, &sections_text(&sections));

        if let Some(client) = client.as_ref().filter(|_| !api.schemes.is_empty()) {
            let sections = [
                ("src/client.rs: the head", client.text(0..1)),
                ("src/client.rs: the builder", client.text(operations.end..operations.end + 1)),
            ];
            assert_fixture_snapshot("client_setup", path, &sections_text(&sections));
        }
    });
}

#[test]
fn each_invalid_fixture_reports_every_problem_with_its_location() {
    insta::glob!("../fixtures/invalid", "*.{json,yaml}", |path| {
        let spec = spec_name(path);
        let diagnostics = match generate(&spec) {
            Ok(_) => panic!("{spec} generated, but it is invalid"),
            Err(diagnostics) => diagnostics,
        };
        let lines: Vec<String> = diagnostics.iter().map(|d| d.display_for(&spec)).collect();
        assert_fixture_snapshot("diagnostics", path, &lines.join("\n"));
    });
}

/// The SendKit spec and every valid fixture, as the tests name them.
fn all_valid_specs() -> Vec<String> {
    let dir = workspace_root().join("tests/fixtures/valid");
    let mut specs: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|entry| spec_name(&entry.path()))
        .collect();
    specs.sort();
    specs.insert(0, "spec/openapi.yaml".to_owned());
    specs
}

#[test]
fn output_is_byte_identical_across_runs() {
    for spec in all_valid_specs() {
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
        // A Markdown file's header is an HTML comment.
        let second = head[1].strip_suffix(" -->").unwrap_or(head[1]);
        assert!(second.ends_with("Regenerate it with: cargo xtask codegen"), "{}", file.path);
    }
}

#[test]
fn generated_code_has_no_unwrap_expect_or_panic() {
    for spec in all_valid_specs() {
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

/// A call into the runtime names its flags (`runtime::Segment::Whole`,
/// `runtime::Whitespace::Trimmed`, `runtime::Bound::Excluded(0f64)`): no
/// argument of a runtime function is a bare `true` or `false`, `Some` of one,
/// or a tuple holding one. A variant's or struct's value (`runtime::Nullable::Value(true)`)
/// is data, not a flag.
#[test]
fn calls_into_the_runtime_pass_no_bare_booleans() {
    for spec in all_valid_specs() {
        let generated = generate(&spec).unwrap_or_else(|d| panic!("{d:?}"));
        let emitted = generated.files.iter().filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/"));
        for file in emitted {
            let tokens: TokenStream = file.contents.parse().unwrap_or_else(|e| panic!("{spec}: {}: {e}", file.path));
            let mut found = Vec::new();
            runtime_calls_with_flags(tokens, &mut found);
            assert!(found.is_empty(), "{spec}: {}: {}", file.path, found.join("\n"));
        }
    }
}

/// Collects the calls of runtime functions (`runtime::name(..)`,
/// `runtime::Type::name(..)`) in `tokens` that pass a bare boolean.
fn runtime_calls_with_flags(tokens: TokenStream, found: &mut Vec<String>) {
    // The path being read, from `runtime` on (`runtime :: check_length`).
    let mut path: Vec<String> = Vec::new();
    for tree in tokens {
        match &tree {
            TokenTree::Ident(ident) if path.is_empty() && ident == "runtime" => path.push(ident.to_string()),
            TokenTree::Ident(ident) if path.last().is_some_and(|last| last == "::") => path.push(ident.to_string()),
            TokenTree::Punct(punct) if punct.as_char() == ':' && !path.is_empty() => {
                if path.last().is_some_and(|last| last == ":") {
                    path.pop();
                    path.push("::".to_owned());
                } else {
                    path.push(":".to_owned());
                }
            }
            TokenTree::Group(group) => {
                let function = path.last().is_some_and(|last| last.starts_with(|c: char| c.is_ascii_lowercase()));
                if group.delimiter() == Delimiter::Parenthesis && path.len() > 2 && function {
                    let args = split_arguments(group.stream());
                    if args.iter().any(|arg| is_flag(arg)) {
                        found.push(format!("{}({})", path.concat(), group.stream()));
                    }
                }
                path.clear();
                runtime_calls_with_flags(group.stream(), found);
            }
            _ => path.clear(),
        }
    }
}

/// The arguments of a call (or the items of a tuple), split at its top-level commas.
fn split_arguments(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut args = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(punct) if punct.as_char() == ',' => args.push(Vec::new()),
            _ => args.last_mut().into_iter().for_each(|arg| arg.push(tree.clone())),
        }
    }
    args.retain(|arg| !arg.is_empty());
    args
}

/// Whether an argument is `true`, `false`, `Some` of one, or a tuple holding one.
fn is_flag(arg: &[TokenTree]) -> bool {
    match arg {
        [TokenTree::Ident(ident)] => ident == "true" || ident == "false",
        [TokenTree::Ident(some), TokenTree::Group(group)] if some == "Some" => {
            split_arguments(group.stream()).iter().any(|inner| is_flag(inner))
        }
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Parenthesis => {
            split_arguments(group.stream()).iter().any(|inner| is_flag(inner))
        }
        _ => false,
    }
}
