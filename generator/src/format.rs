//! Stage 4, format: tokens to text with prettyplease, blank lines between
//! items (where hand-written code has them; prettyplease leaves none), and the
//! `@generated` header every generated file starts with.
//!
//! [`render`] emits and formats together, piece by piece on every core (a
//! rayon pool of large-stack threads; tokens cannot move between threads, so
//! each worker emits its own pieces). `format` formats what `emit::emit`
//! produced, on one thread: the reference the tests and benchmarks hold
//! `render` to (both give the same bytes).

use proc_macro2::TokenStream;
use rayon::prelude::*;
use syn::Item;

use crate::diag::{Diagnostic, Pointer};
use crate::emit::{self, Emitted, Part, RustFile};
use crate::model::Api;

/// A generated file: its path relative to the crate root, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the crate root, with `/` separators.
    pub path: String,
    /// Full text.
    pub contents: String,
}

/// The text the first line of every generated file contains, whatever the
/// spec and the command; tools find generated files by it.
pub const GENERATED_MARKER: &str = "by openapi-rust-generator. Do not edit it by hand.";

/// The header lines (without comment markers) that every generated file starts
/// with. The first carries `@generated`, the marker rustfmt and other tools
/// recognise generated files by; the second names the command that regenerates it.
pub fn header_lines(spec: &str, command: &str) -> [String; 2] {
    [format!("This file is @generated from {spec} {GENERATED_MARKER}"), format!("Regenerate it with: {command}")]
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
        Emitted::Markdown(path, text) => {
            Some(File { contents: format!("<!-- {first} -->\n<!-- {second} -->\n\n{text}"), path })
        }
        #[cfg(any(test, feature = "internals"))]
        Emitted::Rust(..) => None,
    }
}

/// What a file holds at one place, for deciding where blank lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// The file's (or inline module's) inner attributes: `//!` docs, `#![...]`.
    InnerAttributes,
    /// A `use` declaration.
    Use,
    /// A module declared without a body: `mod name;`.
    ModDeclaration,
    /// `extern crate`.
    ExternCrate,
    /// Any other item, with its doc comments and attributes.
    Item,
}

impl Entry {
    fn of(item: &Item) -> Entry {
        match item {
            Item::Use(_) => Entry::Use,
            Item::Mod(module) if module.content.is_none() => Entry::ModDeclaration,
            Item::ExternCrate(_) => Entry::ExternCrate,
            _ => Entry::Item,
        }
    }
}

/// Whether a blank line separates two consecutive entries, as in hand-written
/// code that rustfmt keeps: a run of `use` declarations (or of `mod` or
/// `extern crate` declarations) stays together; everything else is set apart.
fn blank_between(previous: Entry, next: Entry) -> bool {
    !(previous == next && matches!(next, Entry::Use | Entry::ModDeclaration | Entry::ExternCrate))
}

/// prettyplease leaves no blank lines between items. Before printing, an
/// invocation of this macro is put, as an item of its own, wherever a blank
/// line belongs; the printed invocations (each alone on its line, and counted)
/// then become the blank lines. Nothing else of the text is touched, so string
/// literals and doc comments never change.
const BLANK_LINE: &str = "__openapi_rust_generator_blank_line";

fn blank_line_macro() -> syn::Macro {
    syn::Macro {
        path: syn::Ident::new(BLANK_LINE, proc_macro2::Span::call_site()).into(),
        bang_token: Default::default(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens: TokenStream::new(),
    }
}

fn is_blank_line(mac: &syn::Macro) -> bool {
    mac.path.is_ident(BLANK_LINE)
}

/// Puts a blank-line marker between the entries of `items` that
/// [`blank_between`] separates (and first, after `inner_attributes`), then
/// into the impl blocks, traits and inline modules among them. Function bodies
/// are left alone. Returns how many markers were put.
fn mark_items(items: &mut Vec<Item>, inner_attributes: bool) -> usize {
    let marker = || {
        Item::Macro(syn::ItemMacro {
            attrs: Vec::new(),
            ident: None,
            mac: blank_line_macro(),
            semi_token: Some(Default::default()),
        })
    };
    let mut count = separate(items, inner_attributes.then_some(Entry::InnerAttributes), Entry::of, marker);
    for item in items {
        count += match item {
            Item::Impl(block) => separate(
                &mut block.items,
                None,
                |_| Entry::Item,
                || {
                    syn::ImplItem::Macro(syn::ImplItemMacro {
                        attrs: Vec::new(),
                        mac: blank_line_macro(),
                        semi_token: Some(Default::default()),
                    })
                },
            ),
            Item::Trait(block) => separate(
                &mut block.items,
                None,
                |_| Entry::Item,
                || {
                    syn::TraitItem::Macro(syn::TraitItemMacro {
                        attrs: Vec::new(),
                        mac: blank_line_macro(),
                        semi_token: Some(Default::default()),
                    })
                },
            ),
            Item::Mod(module) => {
                let inner = module.attrs.iter().any(|a| matches!(a.style, syn::AttrStyle::Inner(_)));
                module.content.as_mut().map_or(0, |(_, items)| mark_items(items, inner))
            }
            _ => 0,
        };
    }
    count
}

/// Inserts `marker()` between the consecutive entries of `items` that a blank
/// line separates, and before the first when it follows `first_after`.
fn separate<T>(
    items: &mut Vec<T>,
    first_after: Option<Entry>,
    entry: impl Fn(&T) -> Entry,
    marker: impl Fn() -> T,
) -> usize {
    let mut previous = first_after;
    let mut count = 0;
    let mut separated = Vec::with_capacity(items.len() * 2);
    for item in items.drain(..) {
        let next = entry(&item);
        if previous.is_some_and(|previous| blank_between(previous, next)) {
            separated.push(marker());
            count += 1;
        }
        previous = Some(next);
        separated.push(item);
    }
    *items = separated;
    count
}

/// Takes every blank-line marker out again.
fn unmark_items(items: &mut Vec<Item>) {
    items.retain(|item| !matches!(item, Item::Macro(m) if is_blank_line(&m.mac)));
    for item in items {
        match item {
            Item::Impl(block) => block.items.retain(|i| !matches!(i, syn::ImplItem::Macro(m) if is_blank_line(&m.mac))),
            Item::Trait(block) => {
                block.items.retain(|i| !matches!(i, syn::TraitItem::Macro(m) if is_blank_line(&m.mac)))
            }
            Item::Mod(module) => {
                if let Some((_, items)) = &mut module.content {
                    unmark_items(items);
                }
            }
            _ => {}
        }
    }
}

/// `text` with its `expected` marker lines made blank, provided the marker's
/// name occurs in `text` exactly that often and each time as a line of its own
/// (`None` otherwise: a literal or a comment holds the name too).
fn blank_marker_lines(text: String, expected: usize) -> Option<String> {
    if expected == 0 {
        return Some(text);
    }
    const CALL: &str = "!();\n";
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = 0;
    for (at, _) in text.match_indices(BLANK_LINE) {
        let line_start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
        let end = at + BLANK_LINE.len();
        let indented = text[line_start..at].bytes().all(|b| b == b' ');
        if !indented || !text[end..].starts_with(CALL) || line_start < copied {
            return None;
        }
        out.push_str(&text[copied..line_start]);
        out.push('\n');
        copied = end + CALL.len();
        found += 1;
    }
    out.push_str(&text[copied..]);
    (found == expected).then_some(out)
}

/// `text` with each doc comment whose lines travelled as one attribute (see
/// [`emit::docs::LINE_BREAK`]) printed as one `///` (or `//!`) line per line,
/// at the comment's indentation, each without trailing spaces as the
/// formatter prints a one-line comment.
fn split_doc_lines(text: String) -> String {
    use emit::docs::LINE_BREAK;
    if !text.contains(LINE_BREAK) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let comment = body.trim_start_matches(' ');
        let indent = &body[..body.len() - comment.len()];
        let parts = ["///", "//!"].into_iter().find_map(|marker| Some((marker, comment.strip_prefix(marker)?)));
        match parts {
            Some((marker, joined)) if joined.contains(LINE_BREAK) => {
                for part in joined.split(LINE_BREAK) {
                    out.push_str(indent);
                    out.push_str(marker);
                    out.push_str(part.trim_end_matches(' '));
                    out.push('\n');
                }
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// One formatted piece of a Rust file, with what it starts and ends with.
struct Piece {
    text: String,
    first: Option<Entry>,
    last: Option<Entry>,
}

impl Piece {
    /// An empty piece.
    fn empty() -> Self {
        Piece { text: String::new(), first: None, last: None }
    }

    /// Appends `next`, after a blank line where its first entry and this
    /// piece's last one are set apart.
    fn push(&mut self, next: Piece) {
        if let (Some(last), Some(first)) = (self.last, next.first) {
            if blank_between(last, first) {
                self.text.push('\n');
            }
        }
        if self.first.is_none() {
            self.first = next.first;
        }
        self.text.push_str(&next.text);
        self.last = next.last.or(self.last);
    }
}

/// Formats one piece of a Rust file: its parts, joined by the rules of
/// blank lines between items.
fn format_piece(path: &str, parts: Vec<Part>) -> Result<Piece, Diagnostic> {
    let mut piece = Piece::empty();
    for part in parts {
        piece.push(match part {
            Part::Tokens(tokens) => format_tokens(path, tokens)?,
            Part::Printed(text) => {
                let entry = (!text.is_empty()).then_some(Entry::Item);
                Piece { text, first: entry, last: entry }
            }
        });
    }
    Ok(piece)
}

/// Formats tokens, with blank lines between their items.
fn format_tokens(path: &str, tokens: TokenStream) -> Result<Piece, Diagnostic> {
    let mut parsed: syn::File = syn::parse2(tokens).map_err(|e| {
        Diagnostic::error(&Pointer::root(), format!("internal error: the generated {path} does not parse: {e}"))
    })?;
    let inner_attributes = !parsed.attrs.is_empty();
    let first = if inner_attributes { Some(Entry::InnerAttributes) } else { parsed.items.first().map(Entry::of) };
    let last = parsed.items.last().map(Entry::of).or(first);
    let markers = mark_items(&mut parsed.items, inner_attributes);
    let text = match blank_marker_lines(prettyplease::unparse(&parsed), markers) {
        Some(text) => text,
        None => {
            unmark_items(&mut parsed.items);
            prettyplease::unparse(&parsed)
        }
    };
    Ok(Piece { text: split_doc_lines(text), first, last })
}

/// The start of a Rust file put together from formatted pieces: its header.
fn file_start(spec: &str, command: &str) -> Piece {
    Piece { text: rust_header(spec, command), first: None, last: None }
}

/// Formats emitted files on this thread, each behind the header naming
/// `command`: with [`emit::emit`], the sequential pipeline that
/// [`render`] is held to (only the tests and benchmarks compile it).
#[cfg(any(test, feature = "internals"))]
pub fn format(emitted: Vec<Emitted>, spec: &str, command: &str) -> Result<Vec<File>, Diagnostic> {
    let mut files = Vec::with_capacity(emitted.len());
    for file in emitted {
        match file {
            Emitted::Rust(path, pieces) => {
                let mut file = file_start(spec, command);
                for piece in pieces {
                    file.push(format_piece(&path, piece)?);
                }
                files.push(File { path, contents: file.text });
            }
            other => files.extend(text_file(other, spec, command)),
        }
    }
    Ok(files)
}

/// Formats the tokens of a whole Rust file, without the generated header,
/// as the generated files are formatted (blank lines between items, a doc
/// comment's lines apart): for the repository's tools that write Rust of
/// their own (the conformance harness), through the `internals` feature.
#[cfg(any(test, feature = "internals"))]
pub fn rust_file(path: &str, tokens: TokenStream) -> Result<String, Diagnostic> {
    format_tokens(path, tokens).map(|piece| piece.text)
}

/// Emits and formats every file of the crate for `api`, using every core.
pub fn render(api: &Api, spec: &str, command: &str) -> Result<Vec<File>, Diagnostic> {
    let context = emit::context(api);
    let jobs: Vec<(RustFile, usize)> =
        emit::rust_files(api).into_iter().flat_map(|(file, count)| (0..count).map(move |i| (file, i))).collect();
    let work =
        |&(file, index): &(RustFile, usize)| format_piece(&file.path(&context), emit::piece(api, &context, file, index));
    // The pool's threads have large stacks: syn and prettyplease recurse as
    // deep as the types nest (see `crate::stack`). Results keep the jobs' order.
    let results: Vec<Result<Piece, Diagnostic>> = match crate::stack::pool() {
        // One job a task: the pieces differ in cost by orders of magnitude (a
        // printed struct, a block of 64 methods), and rayon does not split a
        // range that a thread has begun, so larger tasks left one core idle.
        Some(pool) => pool.install(|| jobs.par_iter().with_max_len(1).map(work).collect()),
        None => jobs.iter().map(work).collect(),
    };

    let mut files = Vec::new();
    let mut results = results.into_iter();
    for (rust_file, count) in emit::rust_files(api) {
        let mut file = file_start(spec, command);
        for _ in 0..count {
            match results.next() {
                Some(Ok(piece)) => file.push(piece),
                Some(Err(diagnostic)) => return Err(diagnostic),
                None => {
                    return Err(Diagnostic::error(&Pointer::root(), "internal error: a formatted piece is missing"));
                }
            }
        }
        files.push(File { path: rust_file.path(&context), contents: file.text });
    }
    files.extend(emit::text_files(api).into_iter().filter_map(|file| text_file(file, spec, command)));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_rendering_matches_sequential_formatting_and_formatting_every_item() {
        let text = include_str!("../../spec/openapi.yaml");
        let doc = crate::load::load(text).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = crate::lower::lower(&doc, &crate::Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        let sequential = format(emit::emit(&lowered.api), "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        let parallel = render(&lowered.api, "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(sequential, parallel);
        let context = emit::context_without_printing(&lowered.api);
        let formatted =
            format(emit::emit_with(&lowered.api, &context), "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(formatted, parallel);
    }

    /// Formats `sources` as the pieces of one file (after the header).
    fn formatted(sources: &[&str]) -> String {
        let mut file = file_start("spec.yaml", "cmd");
        for source in sources {
            let tokens: TokenStream = source.parse().unwrap_or_else(|e| panic!("{source}: {e}"));
            file.push(format_tokens("src/lib.rs", tokens).unwrap_or_else(|d| panic!("{d}")));
        }
        let header = rust_header("spec.yaml", "cmd");
        file.text.strip_prefix(&header).unwrap_or_else(|| panic!("{}", file.text)).to_owned()
    }

    #[test]
    fn a_whole_file_is_formatted_with_blank_lines_between_items_and_no_header() {
        let tokens: TokenStream = "#![doc = \" A tool.\"] use std::fmt; fn a() {} #[doc = \" B.\"] fn b() -> u8 { 1 }"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = rust_file("src/main.rs", tokens).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(text, "//! A tool.\n\nuse std::fmt;\n\nfn a() {}\n\n/// B.\nfn b() -> u8 {\n    1\n}\n");
        let broken: TokenStream = "fn ()".parse().unwrap_or_else(|e| panic!("{e}"));
        let error = rust_file("src/main.rs", broken).err().map(|d| d.message).unwrap_or_default();
        assert!(error.contains("the generated src/main.rs does not parse"), "{error}");
    }

    #[test]
    fn every_file_starts_with_the_generated_marker_and_the_command() {
        let header = rust_header("spec/openapi.yaml", "cargo xtask codegen");
        assert_eq!(
            header,
            "// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.\n\
             // Regenerate it with: cargo xtask codegen\n\n"
        );
        assert!(header.lines().next().is_some_and(|line| line.contains(GENERATED_MARKER)));
    }

    #[test]
    fn items_are_set_apart_but_use_and_mod_declarations_stay_together() {
        let source = "//! Crate docs.\n#![forbid(unsafe_code)]\nmod a;\npub mod b;\nuse std::fmt;\npub use a::X;\n\
                      const N: u8 = 1;\nstatic S: u8 = 2;\nstruct Unit;\nextern crate alloc;\nextern crate core;";
        assert_eq!(
            formatted(&[source]),
            "//! Crate docs.\n#![forbid(unsafe_code)]\n\nmod a;\npub mod b;\n\nuse std::fmt;\npub use a::X;\n\n\
             const N: u8 = 1;\n\nstatic S: u8 = 2;\n\nstruct Unit;\n\nextern crate alloc;\nextern crate core;\n"
        );
    }

    #[test]
    fn fields_variants_and_statements_stay_together_and_docs_and_attributes_stay_with_their_item() {
        let source = r#"
            /// A struct.
            ///
            /// ```
            /// fn example() {}
            ///
            /// struct Inside;
            /// ```
            #[derive(Debug)]
            #[serde(rename_all = "camelCase")]
            pub struct S {
                /// First.
                pub a: u8,
                #[serde(default)]
                pub b: u8,
            }
            /// An enum.
            pub enum E {
                /// One.
                One,
                Two(u8),
            }
            fn body() {
                let a = 1;
                fn inner() {}
                struct Local;
                impl Local { fn f() {} fn g() {} }
                let b = a;
            }
        "#;
        assert_eq!(
            formatted(&[source]),
            "/// A struct.\n///\n/// ```\n/// fn example() {}\n///\n/// struct Inside;\n/// ```\n#[derive(Debug)]\n\
             #[serde(rename_all = \"camelCase\")]\npub struct S {\n    /// First.\n    pub a: u8,\n    #[serde(default)]\n    \
             pub b: u8,\n}\n\n/// An enum.\npub enum E {\n    /// One.\n    One,\n    Two(u8),\n}\n\nfn body() {\n    \
             let a = 1;\n    fn inner() {}\n    struct Local;\n    impl Local {\n        fn f() {}\n        fn g() {}\n    }\n    \
             let b = a;\n}\n"
        );
    }

    #[test]
    fn items_of_impl_blocks_traits_and_nested_modules_are_set_apart() {
        let source = "mod outer { #![allow(dead_code)] use std::fmt; mod inner { pub struct A; impl A { \
                      /// The answer.\n const N: u8 = 42; type T = u8; #[inline] fn f() {} fn g() {} } } \
                      trait Tr { type T; fn f(); } }";
        assert_eq!(
            formatted(&[source]),
            "mod outer {\n    #![allow(dead_code)]\n\n    use std::fmt;\n\n    mod inner {\n        pub struct A;\n\n        \
             impl A {\n            /// The answer.\n            const N: u8 = 42;\n\n            type T = u8;\n\n            \
             #[inline]\n            fn f() {}\n\n            fn g() {}\n        }\n    }\n\n    trait Tr {\n        \
             type T;\n\n        fn f();\n    }\n}\n"
        );
    }

    #[test]
    fn string_literals_and_macros_are_never_changed() {
        // A raw string whose lines look like items, a macro definition whose
        // body holds items, and an invocation.
        let source = "const S: &str = r#\"a }\nfn f() {}\n\nimpl X { fn g() {} }\n\"#;\n\
                      macro_rules! make { ($name:ident) => { fn $name() {} struct Made; }; }\n\
                      make!(made);\nconst T: &str = \"}\\nfn h() {}\";";
        assert_eq!(
            formatted(&[source]),
            "const S: &str = r#\"a }\nfn f() {}\n\nimpl X { fn g() {} }\n\"#;\n\n\
             macro_rules! make {\n    ($name:ident) => {\n        fn $name () {} struct Made;\n    };\n}\n\n\
             make!(made);\n\nconst T: &str = \"}\\nfn h() {}\";\n"
        );
    }

    #[test]
    fn a_literal_holding_the_marker_gets_no_blank_lines_and_is_kept() {
        let source = format!("const A: &str = \"\n{BLANK_LINE}!();\n\";\nconst B: u8 = 1;");
        assert_eq!(formatted(&[&source]), format!("const A: &str = \"\n{BLANK_LINE}!();\n\";\nconst B: u8 = 1;\n"));
    }

    #[test]
    fn pieces_are_joined_by_the_same_rules() {
        let pieces =
            ["//! Docs.\n#![allow(deprecated)]", "use a::B;", "use c::D;", "struct S;", "impl S { fn f() {} }"];
        assert_eq!(
            formatted(&pieces),
            "//! Docs.\n#![allow(deprecated)]\n\nuse a::B;\nuse c::D;\n\nstruct S;\n\nimpl S {\n    fn f() {}\n}\n"
        );
        assert_eq!(formatted(&["use a::B;", "", "struct S;"]), "use a::B;\n\nstruct S;\n");
    }
}
