//! Documentation comments from the spec's prose. Descriptions are CommonMark
//! written for humans, not rustdoc: code blocks are marked `text` so rustdoc
//! does not compile them as tests, list continuations are indented, tabs
//! become spaces.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::model::Docs;

/// Doc lines for an item: summary, description, deprecation note, example.
/// `fallback` is used when the spec says nothing, so every item is documented.
pub fn lines(docs: &Docs, fallback: &str) -> Vec<String> {
    let out = spec_lines(docs);
    if out.is_empty() { vec![fallback.to_owned()] } else { out }
}

/// Doc lines from what the spec says about an item (summary, description,
/// example); none where it says nothing, for an item that is then left
/// undocumented ([`attrs_or_allow`]) rather than documented with filler.
pub fn spec_lines(docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    let summary = docs.summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let description = docs.description.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match (summary, description) {
        (Some(s), Some(d)) if d.starts_with(s) => out.extend(prose(d)),
        (Some(s), Some(d)) => {
            out.extend(prose(s));
            out.push(String::new());
            out.extend(prose(d));
        }
        (Some(s), None) => out.extend(prose(s)),
        (None, Some(d)) => out.extend(prose(d)),
        (None, None) => {}
    }
    if let Some(example) = &docs.example {
        push_paragraph(&mut out, example_block(example));
    }
    out
}

/// Appends a paragraph to doc lines, after a blank line unless it is the first.
pub fn push_paragraph(lines: &mut Vec<String>, paragraph: impl IntoIterator<Item = String>) {
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(paragraph);
}

/// The first paragraph of doc lines (all of them where it opens a code block).
pub fn first_paragraph(lines: Vec<String>) -> Vec<String> {
    let end = lines.iter().position(String::is_empty).unwrap_or(lines.len());
    if lines[..end].iter().any(|line| line.trim_start().starts_with("```")) {
        return lines;
    }
    lines.into_iter().take(end).collect()
}

/// A JSON example as a `json` code block (rustdoc does not compile it).
pub fn example_block(example: &Value) -> Vec<String> {
    let text = match example {
        Value::String(s) if s.contains(['\n', '\r']) => return text_block(s),
        Value::String(s) => return vec![format!("Example: `{}`", s.replace('`', "'"))],
        Value::Number(_) | Value::Bool(_) => return vec![format!("Example: `{example}`")],
        other => serde_json::to_string_pretty(other).unwrap_or_default(),
    };
    let mut out = vec!["Example:".to_owned(), String::new(), "```json".to_owned()];
    out.extend(text.lines().map(str::to_owned));
    out.push("```".to_owned());
    out
}

/// A string example of several lines as a `text` code block, fenced with more
/// backticks than any run of them in the string.
fn text_block(text: &str) -> Vec<String> {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut out = vec!["Example:".to_owned(), String::new(), format!("{fence}text")];
    out.extend(
        text.replace("\r\n", "\n").replace('\r', "\n").lines().map(|line| line.trim_end().replace('\t', "    ")),
    );
    out.push(fence);
    out
}

/// Makes spec prose safe for rustdoc and clippy (HTML's common tags as Markdown).
pub fn prose(text: &str) -> Vec<String> {
    let markdown = super::html::to_markdown(text);
    let text = markdown.as_deref().unwrap_or(text);
    let mut out = Vec::new();
    let mut in_fence: Option<String> = None;
    let mut in_indented = false;
    let mut list_indent: Option<usize> = None;
    let mut previous_blank = true;
    let mut in_quote = false;
    for raw in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let line = raw.replace('\t', "    ");
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if let Some(fence) = &in_fence {
            if trimmed.starts_with(fence.as_str()) {
                out.push(fence.clone());
                in_fence = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if in_indented {
                out.push("```".to_owned());
                in_indented = false;
            }
            let fence: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            out.push(format!("{fence}text"));
            in_fence = Some(fence);
            list_indent = None;
            previous_blank = false;
            continue;
        }
        let indent = line.len() - trimmed.len();
        if in_indented {
            if trimmed.is_empty() || indent >= 4 {
                out.push(line.get(4.min(indent)..).unwrap_or(trimmed).to_owned());
                continue;
            }
            // Drop trailing blank lines inside the block before closing it.
            while out.last().is_some_and(|l: &String| l.is_empty()) {
                out.pop();
            }
            out.push("```".to_owned());
            out.push(String::new());
            in_indented = false;
        }
        if trimmed.is_empty() {
            out.push(String::new());
            previous_blank = true;
            list_indent = None;
            in_quote = false;
            continue;
        }
        if indent >= 4 && previous_blank && list_indent.is_none() {
            out.push("```text".to_owned());
            // `indent` counts bytes, and Unicode spaces are wider than one.
            out.push(line.get(4..).unwrap_or(trimmed).to_owned());
            in_indented = true;
            previous_blank = false;
            continue;
        }
        let quote = trimmed.starts_with('>');
        if let Some(marker) = list_marker(trimmed) {
            list_indent = Some(indent + marker);
            out.push(line.to_owned());
        } else if let Some(width) = list_indent {
            // A line continuing the item's paragraph sits where the item's
            // text starts: less reads as a lazy continuation, more as
            // over-indented (clippy denies both; neither can start a code
            // block inside a paragraph).
            out.push(format!("{}{trimmed}", " ".repeat(width)));
        } else if in_quote && !quote {
            // A lazy continuation of a block quote gets the quote's marker.
            out.push(format!("> {trimmed}"));
        } else {
            out.push(line.to_owned());
        }
        in_quote = quote || in_quote;
        previous_blank = false;
    }
    if in_indented {
        while out.last().is_some_and(|l: &String| l.is_empty()) {
            out.pop();
        }
        out.push("```".to_owned());
    }
    if let Some(fence) = in_fence {
        out.push(fence);
    }
    while out.last().is_some_and(|l: &String| l.is_empty()) {
        out.pop();
    }
    out
}

/// The width of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of
/// a line, with the spaces after it: where the item's text starts (one to four
/// spaces; after more, the text starts one space after the marker).
fn list_marker(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = match bytes {
        [b'-' | b'*' | b'+', b' ', ..] => 1,
        _ => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if (1..=9).contains(&digits)
                && matches!(bytes.get(digits), Some(b'.' | b')'))
                && bytes.get(digits + 1) == Some(&b' ')
            {
                digits + 1
            } else {
                return None;
            }
        }
    };
    let spaces = bytes.get(marker..).unwrap_or_default().iter().take_while(|b| **b == b' ').count();
    Some(marker + if spaces <= 4 { spaces } else { 1 })
}

/// `#[doc = "..."]` attributes for doc lines (outer attributes).
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = attribute_texts(lines).map(|text| literal(&text));
    quote! { #( #[doc = #lines] )* }
}

/// [`attrs`], or `#[allow(missing_docs)]` for an item the spec says nothing
/// about and nothing true can be derived for.
pub fn attrs_or_allow(lines: &[String]) -> TokenStream {
    attrs_allowing(lines, lines.is_empty())
}

/// [`attrs`], then `#[allow(missing_docs)]` with `allow`: for an item the
/// spec says nothing about, or one whose parts it says nothing about.
pub fn attrs_allowing(lines: &[String], allow: bool) -> TokenStream {
    let attrs = attrs(lines);
    let allow = allow.then(|| quote!(#[allow(missing_docs)]));
    quote!(#attrs #allow)
}

/// `#![doc = "..."]` attributes for doc lines (inner attributes, crate docs).
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = attribute_texts(lines).map(|text| literal(&text));
    quote! { #( #![doc = #lines] )* }
}

/// Stands between the lines of a comment that travels to the formatter as one
/// attribute; the formatter prints such an attribute as one `///` line, and
/// [`crate::format`] makes each part a `///` line of its own again. No other
/// text of a generated file holds the character unescaped: literals escape it
/// and doc lines never contain it ([`attribute_texts`] puts a space instead).
pub const LINE_BREAK: char = '\u{1f}';

/// The texts of the doc attributes for `lines`: one attribute for all of them,
/// their texts joined by [`LINE_BREAK`], which the formatter parses once
/// instead of once per line (a tenth of the formatting time of a large crate
/// went on doc attributes); one per line where a line holds a line break of
/// its own (the formatter would print such a line as an attribute).
fn attribute_texts(lines: &[String]) -> impl Iterator<Item = String> {
    let texts = lines.iter().map(|line| line_text(line));
    if lines.len() > 1 && !lines.iter().any(|line| line.contains(['\n', '\r'])) {
        let joined = texts.collect::<Vec<_>>().join(&LINE_BREAK.to_string());
        vec![joined].into_iter()
    } else {
        texts.collect::<Vec<_>>().into_iter()
    }
}

/// A doc line as its attribute holds it: after one space, unless empty.
/// A [`LINE_BREAK`] in the line becomes a space.
pub(super) fn line_text(line: &str) -> String {
    let mut text = String::with_capacity(line.len() + 1);
    if !line.is_empty() {
        text.push(' ');
    }
    if line.contains(LINE_BREAK) {
        text.extend(line.chars().map(|c| if c == LINE_BREAK { ' ' } else { c }));
    } else {
        text.push_str(line);
    }
    text
}

/// The string literal of one doc line's attribute.
///
/// The formatter prints a one-line doc attribute as a `///` comment with the
/// literal's value, so how the literal is spelled does not reach the output.
/// A raw string is the cheap spelling: nothing is escaped when the token is
/// made, nor unescaped when the formatter parses the file and reads the value
/// back (an ordinary literal costs both, for every line of every comment:
/// about a tenth of generating GitHub's crate). Text that would not be printed
/// as a `///` line (several lines; a leading `/`) or that a raw string cannot
/// hold (a carriage return) keeps the ordinary spelling.
pub fn literal(text: &str) -> Literal {
    let printed_as_comment = !text.contains(['\n', '\r']) && !text.starts_with('/');
    match printed_as_comment.then(|| raw_string(text).parse::<Literal>().ok()).flatten() {
        Some(raw) => raw,
        None => Literal::string(text),
    }
}

/// A Rust raw string literal holding `text`, with enough `#`s: one more than
/// the longest run of `#` after a `"` in `text`, and at least one.
pub fn raw_string(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut hashes = 1;
    for (at, _) in text.match_indices('"') {
        let run = bytes[at + 1..].iter().take_while(|b| **b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let mut literal = String::with_capacity(text.len() + 2 * hashes + 3);
    literal.push('r');
    literal.extend(std::iter::repeat_n('#', hashes));
    literal.push('"');
    literal.push_str(text);
    literal.push('"');
    literal.extend(std::iter::repeat_n('#', hashes));
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_become_text() {
        assert_eq!(prose("Use:\n```\nlet x = 1;\n```"), vec!["Use:", "```text", "let x = 1;", "```"]);
        assert_eq!(prose("Use:\n```bash\nls\n```"), vec!["Use:", "```text", "ls", "```"]);
        assert_eq!(
            prose("Text\n\n    indented code\n    more\n\nafter"),
            vec!["Text", "", "```text", "indented code", "more", "```", "", "after"]
        );
    }

    #[test]
    fn list_continuations_are_indented() {
        assert_eq!(prose("- item\ncontinued\n- next"), vec!["- item", "  continued", "- next"]);
        assert_eq!(prose("1. first\nmore"), vec!["1. first", "   more"]);
    }

    #[test]
    fn list_continuations_sit_where_the_item_text_starts() {
        assert_eq!(
            prose("- `a` When set,\n    prune only\n      more\n        code?\n- b"),
            vec!["- `a` When set,", "  prune only", "  more", "  code?", "- b"]
        );
    }

    #[test]
    fn continuations_of_items_whose_text_starts_further_in_line_up_with_it() {
        assert_eq!(
            prose("*   Only 5 requests,\n  and more.\n1.  First\nstill first"),
            vec!["*   Only 5 requests,", "    and more.", "1.  First", "    still first"]
        );
    }

    #[test]
    fn lazy_block_quote_continuations_get_the_marker() {
        assert_eq!(
            prose("Intro.\n> Note: follow the\n[guide](x) to\nfigure it out.\n\nAfter."),
            vec!["Intro.", "> Note: follow the", "> [guide](x) to", "> figure it out.", "", "After."]
        );
    }

    #[test]
    fn string_examples_of_several_lines_are_code_blocks() {
        let example = Value::String("#cloud-config\nruncmd:\n  - touch /test.txt\n".to_owned());
        assert_eq!(
            example_block(&example),
            vec!["Example:", "", "```text", "#cloud-config", "runcmd:", "  - touch /test.txt", "```"]
        );
        let fenced = Value::String("a\n```\nb".to_owned());
        assert_eq!(example_block(&fenced), vec!["Example:", "", "````text", "a", "```", "b", "````"]);
    }

    #[test]
    fn tabs_and_carriage_returns() {
        assert_eq!(prose("a\tb\r\nc"), vec!["a    b", "c"]);
    }

    #[test]
    fn raw_strings_escape_hashes() {
        assert_eq!(raw_string("{\"a\": 1}"), "r#\"{\"a\": 1}\"#");
        assert_eq!(raw_string("\"#"), "r##\"\"#\"##");
        assert_eq!(raw_string("a \"### b \"# c"), "r####\"a \"### b \"# c\"####");
        assert_eq!(raw_string("plain"), "r#\"plain\"#");
    }

    /// However a doc line's literal is spelled, the formatted comment is the
    /// one the ordinary string literal gives.
    #[test]
    fn doc_literals_print_as_ordinary_strings_do() {
        let lines = [
            " plain",
            "",
            " \"quoted\" and \\ back\\slashes \\n",
            " a \"# raw \"## end",
            " unicode: é, 名前, tab\tand nul\0",
            " two\nlines",
            " carriage\rreturn",
            "/ leading slash",
        ];
        for line in lines {
            let print = |literal: Literal| {
                let file: syn::File =
                    syn::parse2(quote! { #[doc = #literal] struct S; }).unwrap_or_else(|e| panic!("{line:?}: {e}"));
                prettyplease::unparse(&file)
            };
            assert_eq!(print(literal(line)), print(Literal::string(line)), "{line:?}");
        }
    }
}
