//! The parts of runtime modules: an item, field, arm or statement under
//! `#[cfg(feature = "<module>")]`, compiled in a module only together with the
//! runtime module it names. The runtime crate (`generator/runtime`) has a cargo
//! feature per such module and compiles with every one on; a generated crate has
//! none of them: as a module is copied, each part is kept (its attribute
//! removed), dropped, or put behind the `cfg` of the generated crate's own
//! features under which the module it names is compiled.
//!
//! The runtime is formatted by rustfmt, so a part's extent is read off its
//! lines: from its doc comments and attribute to the last line of its first
//! line's indentation or deeper (a closing `}`, `)` or `]` at that indentation
//! included). `tests.rs` checks this reading against syn's.

use std::borrow::Cow;

/// What becomes of a part of a runtime module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// It is kept as it is: the module it names is compiled whenever its host is.
    Kept,
    /// It is dropped: the module it names is never compiled.
    Dropped,
    /// It is kept behind `#[cfg(...)]` with this predicate.
    Behind(String),
}

/// One term of a part's `cfg`: what becomes of a part naming a runtime
/// module, or any other predicate (a feature of the generated crate itself,
/// such as `tracing`), kept as written.
#[derive(Debug, PartialEq, Eq)]
enum Term<'a> {
    Module(Part),
    Other(&'a str),
}

/// The terms of an attribute line `#[cfg(feature = "a")]` or
/// `#[cfg(all(feature = "a", ...))]` that names at least one runtime module
/// (one `part` knows); `None` for any other line.
fn terms<'a>(line: &'a str, part: &dyn Fn(&str) -> Option<Part>) -> Option<Vec<Term<'a>>> {
    let predicate = line.trim().strip_prefix("#[cfg(")?.strip_suffix(")]")?;
    let listed = match predicate.strip_prefix("all(").and_then(|rest| rest.strip_suffix(')')) {
        Some(list) => list.split(", ").collect(),
        None => vec![predicate],
    };
    let terms: Vec<Term<'a>> = listed
        .into_iter()
        .map(|term| {
            let module = term.strip_prefix("feature = \"").and_then(|rest| rest.strip_suffix('"'));
            match module.and_then(part) {
                Some(part) => Term::Module(part),
                None => Term::Other(term),
            }
        })
        .collect();
    terms.iter().any(|term| matches!(term, Term::Module(_))).then_some(terms)
}

/// The indentation of a line, in spaces.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The index of the last line of the node whose first line (after its
/// attributes) is `lines[first]`.
fn node_end(lines: &[&str], first: usize) -> usize {
    let depth = indent(lines[first]);
    let mut end = first;
    for (index, line) in lines.iter().enumerate().skip(first + 1) {
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let closing = text.starts_with(['}', ')', ']', '.']);
        if indent(line) > depth || (indent(line) == depth && closing) {
            end = index;
        } else {
            break;
        }
    }
    end
}

/// The text of a runtime module with its parts settled by `part`, which says
/// what becomes of the parts that name each module (`None`: no module of the
/// runtime; the attribute is left as it is). A part naming several modules is
/// dropped when one is, and put behind the conditions of all the others.
pub(super) fn settle(text: &str, part: &dyn Fn(&str) -> Option<Part>) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut kept: Vec<Cow<'_, str>> = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let Some(terms) = terms(line, part) else {
            kept.push(Cow::Borrowed(line));
            index += 1;
            continue;
        };
        let mut conditions = Vec::new();
        let mut dropped = false;
        for term in terms {
            match term {
                Term::Module(Part::Dropped) => dropped = true,
                Term::Module(Part::Behind(predicate)) => conditions.push(predicate),
                Term::Module(Part::Kept) => {}
                Term::Other(predicate) => conditions.push(predicate.to_owned()),
            }
        }
        if dropped {
            // The part's doc comments and comments go with it.
            while kept.last().is_some_and(|last| indent(last) == indent(line) && last.trim_start().starts_with("//")) {
                kept.pop();
            }
            let mut first = index + 1;
            // Its other attributes, and its docs when they follow the attribute.
            let leading = |line: &str| ["#[", "///"].iter().any(|start| line.trim_start().starts_with(start));
            while lines.get(first).is_some_and(|next| leading(next)) {
                first += 1;
            }
            index = if first < lines.len() { node_end(&lines, first) + 1 } else { first };
            continue;
        }
        let depth = &line[..indent(line)];
        match conditions.as_slice() {
            [] => {}
            [one] => kept.push(Cow::Owned(format!("{depth}#[cfg({one})]"))),
            all => kept.push(Cow::Owned(format!("{depth}#[cfg(all({}))]", all.join(", ")))),
        }
        index += 1;
    }
    tidy_blank_lines(&kept)
}

/// Joins the lines, as rustfmt would leave them once parts are gone: no blank
/// line after an opening brace or before a closing one, never two in a row.
fn tidy_blank_lines(lines: &[Cow<'_, str>]) -> String {
    let mut out = String::with_capacity(lines.iter().map(|line| line.len() + 1).sum());
    let (mut previous, mut started) = ("", false);
    for (index, line) in lines.iter().enumerate() {
        if line.trim().is_empty() && index + 1 < lines.len() {
            let next = lines[index + 1..].iter().find(|line| !line.trim().is_empty());
            let closes = next.is_some_and(|next| next.trim_start().starts_with(['}', ')', ']']));
            if previous.is_empty() || previous.ends_with(['{', '(', '[']) || closes || previous.trim().is_empty() {
                continue;
            }
        }
        if started {
            out.push('\n');
        }
        out.push_str(line);
        previous = line.as_ref();
        started = true;
    }
    out
}
