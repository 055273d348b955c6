//! The generated crate as one Rust file, for a `build.rs` that writes it into
//! `OUT_DIR` for an `include!`.

use crate::format::File;

/// The generated crate as one Rust file, for `include!` at the root of a
/// crate (a `build.rs` writes it into `OUT_DIR`): `src/lib.rs` with each
/// `mod name;` replaced by the module's file inline (`mod name { ... }`),
/// without the crate-level documentation and attributes (`//!`, `#![...]`),
/// which `include!` cannot take. The including crate supplies those, and
/// the dependencies of the generated `Cargo.toml`. `None` when `files` has
/// no `src/lib.rs`.
pub fn single_file(files: &[File]) -> Option<String> {
    let lib = files.iter().find(|f| f.path == "src/lib.rs")?;
    let (header, body) = split_header(&lib.contents);
    let mut body_lines = body.lines().peekable();
    let mut kept: Vec<&str> = Vec::new();
    // The crate's inner attributes and documentation come first.
    let mut in_attribute = false;
    while let Some(line) = body_lines.peek() {
        let trimmed = line.trim();
        if in_attribute || trimmed.starts_with("#![") {
            in_attribute = !trimmed.ends_with(']');
        } else if !(trimmed.starts_with("//!") || trimmed.is_empty()) {
            break;
        }
        body_lines.next();
    }
    kept.extend(body_lines);
    let mut out = header.to_owned();
    inline_modules(files, "src", &kept.join("\n"), 0, &mut out);
    out.push('\n');
    Some(out)
}

/// The header comment of a generated file (with the blank line after it), and the rest.
fn split_header(text: &str) -> (&str, &str) {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("// ") || line.starts_with("# ") || (end > 0 && line.trim().is_empty()) {
            end += line.len();
            if line.trim().is_empty() {
                break;
            }
        } else {
            break;
        }
    }
    text.split_at(end)
}

/// Appends `text` (a file of the module whose files are in `dir`) to `out`,
/// with each `mod name;` replaced by the module's own file inline.
fn inline_modules(files: &[File], dir: &str, text: &str, depth: usize, out: &mut String) {
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let declaration = trimmed
            .strip_suffix(';')
            .and_then(|d| {
                d.strip_prefix("pub mod ").map(|n| ("pub mod ", n)).or(d.strip_prefix("mod ").map(|n| ("mod ", n)))
            })
            .filter(|(_, name)| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let module = declaration.and_then(|(keyword, name)| {
            let candidates = [format!("{dir}/{name}.rs"), format!("{dir}/{name}/mod.rs")];
            files.iter().find(|f| candidates.contains(&f.path)).map(|file| (keyword, name, file))
        });
        match module {
            Some((keyword, name, file)) if depth < 16 => {
                out.push_str(&format!("{indent}{keyword}{name} {{\n"));
                let (_, body) = split_header(&file.contents);
                inline_modules(files, &format!("{dir}/{name}"), body.trim_end(), depth + 1, out);
                out.push_str(&format!("\n{indent}}}"));
            }
            _ => out.push_str(line),
        }
    }
}
