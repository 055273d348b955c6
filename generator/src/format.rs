//! Stage 4, format: tokens to text with prettyplease, and the header every
//! generated file starts with.

use crate::diag::{Diagnostic, Pointer};
use crate::emit::Emitted;

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

/// Formats emitted files, each behind the header naming `command`.
pub fn format(emitted: Vec<Emitted>, spec: &str, command: &str) -> Result<Vec<File>, Diagnostic> {
    let [first, second] = header_lines(spec, command);
    let rust_header = format!("// {first}\n// {second}\n\n");
    let toml_header = format!("# {first}\n# {second}\n\n");
    let mut files = Vec::with_capacity(emitted.len());
    for file in emitted {
        files.push(match file {
            Emitted::Rust(path, tokens) => {
                let parsed: syn::File = syn::parse2(tokens).map_err(|e| {
                    Diagnostic::error(
                        &Pointer::root(),
                        format!("internal error: the generated {path} does not parse: {e}"),
                    )
                })?;
                File { contents: format!("{rust_header}{}", prettyplease::unparse(&parsed)), path }
            }
            Emitted::RustText(path, text) => File { contents: format!("{rust_header}{text}"), path },
            Emitted::Text(path, text) => File { contents: format!("{toml_header}{text}"), path },
        });
    }
    Ok(files)
}
