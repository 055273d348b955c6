//! Regular items printed as text directly, exactly as the formatter prints
//! their tokens (prettyplease's layout at its width), instead of being built as
//! tokens, parsed by syn and laid out again: struct definitions and their
//! decoders, params structs, enum definitions and type aliases are most of a
//! large crate's text (GitHub's `types.rs`: 279,000 of 387,000 lines) and were
//! most of the generator's time (docs/performance.md).
//!
//! Each printer covers the shapes its item has at any length: a line that
//! fits, and the ways the formatter breaks one that does not (method calls,
//! generic arguments, attribute lists, impl headers). Where a line fits none
//! of them (a `match` arm longer than the width, say), the printer gives up
//! and the item goes the token way. The output is the same either way: the
//! snapshot tests render every fixture both ways and compare, this module's
//! test does so at every name length around the breaks, and CI does so on
//! the whole corpus (`printed_items_match_the_formatter_on_the_corpus`).

use proc_macro2::Literal;

use super::TextScope;
use super::decode::{DecoderLocals, FieldValue};
use super::serde_attrs::{FieldSerde, SerdeDerives};
use super::types::{StructDocs, enum_is_copy, unknown_type, variant_doc};
use crate::model::{Api, Enum, Field, Presence, Storage, Struct, Type, TypeDef};

/// The formatter's width: a line is at most this many bytes, indentation
/// included, unless one token is longer (prettyplease's `MARGIN`).
const WIDTH: usize = 89;

/// The widest struct literal the formatter keeps on one line, from its path
/// to before its closing brace.
const STRUCT_LITERAL_WIDTH: usize = 34;

/// One level of indentation.
const INDENT: &str = "    ";

/// The bytes a line at `depth` holds after its indentation: the width less
/// the indentation, but never less than the formatter's `MIN_SPACE` of 60.
fn room(depth: usize) -> usize {
    WIDTH.saturating_sub(depth * INDENT.len()).max(60)
}

/// Text the formatter breaks only at the delimiters of its lists: generic
/// arguments (`Option<T>`, broken with a trailing comma) and the lists of
/// attributes (`cfg(any(...))`, broken without one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Breakable {
    /// Text that is never broken.
    Text(String),
    /// `head`, `open`, the items joined by `, `, `close`; broken, one item
    /// to a line.
    List { head: String, open: &'static str, close: &'static str, items: Vec<Breakable>, trailing_comma: bool },
}

impl Breakable {
    /// A generic type: `head<items>`.
    pub(crate) fn generic(head: &str, items: Vec<Breakable>) -> Self {
        Breakable::List { head: head.to_owned(), open: "<", close: ">", items, trailing_comma: true }
    }

    /// An attribute's list: `head(items)`.
    pub(crate) fn meta(head: &str, items: Vec<Breakable>) -> Self {
        Breakable::List { head: head.to_owned(), open: "(", close: ")", items, trailing_comma: false }
    }

    /// The text on one line.
    pub(crate) fn flat(&self) -> String {
        match self {
            Breakable::Text(text) => text.clone(),
            Breakable::List { head, open, close, items, .. } => {
                let items: Vec<String> = items.iter().map(Breakable::flat).collect();
                format!("{head}{open}{}{close}", items.join(", "))
            }
        }
    }
}

/// Text being printed line by line, and whether every line fitted.
struct Lines {
    text: String,
    fits: bool,
}

impl Lines {
    fn new(capacity: usize) -> Self {
        Lines { text: String::with_capacity(capacity), fits: true }
    }

    /// A line at `depth` levels of indentation, made of `parts`, which must
    /// fit the width.
    fn line(&mut self, depth: usize, parts: &[&str]) {
        self.fits &= Lines::fit(depth, parts);
        self.overlong(depth, parts);
    }

    /// An attribute, `#[node]`, broken as the formatter breaks it.
    fn attribute(&mut self, depth: usize, node: &Breakable) {
        let mut line = "#[".to_owned();
        self.breakable(depth, &mut line, node, "]", 1);
        self.overlong(depth, &[&line]);
    }

    /// An impl's first line, `impl TRAIT for TYPE {`, or, where it does not
    /// fit, two: the formatter breaks before `for`.
    fn impl_header(&mut self, head: &str, ty: &str) {
        if Lines::fit(0, &[head, " for ", ty, " {"]) {
            self.overlong(0, &[head, " for ", ty, " {"]);
        } else {
            self.overlong(0, &[head]);
            self.overlong(0, &["for ", ty, " {"]);
        }
    }

    /// A line that the formatter keeps whole even when it does not fit: one
    /// that has no place to break.
    fn overlong(&mut self, depth: usize, parts: &[&str]) {
        for _ in 0..depth {
            self.text.push_str(INDENT);
        }
        for part in parts {
            self.text.push_str(part);
        }
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// Whether `parts` fit on one line at `depth`.
    fn fit(depth: usize, parts: &[&str]) -> bool {
        parts.iter().map(|part| part.len()).sum::<usize>() <= room(depth)
    }

    /// Prints `node` after `line` (the text of the current line so far, at
    /// `depth`), followed by `tail`, of which the first `counted` bytes count
    /// towards the width (the formatter measures up to its next place to
    /// break); lines it breaks into are written, and `line` is left holding
    /// the unfinished last one.
    fn breakable(&mut self, depth: usize, line: &mut String, node: &Breakable, tail: &str, counted: usize) {
        let flat = node.flat();
        let Breakable::List { head, open, close, items, trailing_comma } = node else {
            line.push_str(&flat);
            line.push_str(tail);
            return;
        };
        if line.len() + flat.len() + counted <= room(depth) {
            line.push_str(&flat);
            line.push_str(tail);
            return;
        }
        // One item to a line, a level deeper; the last one's comma (where
        // the list has one) is printed only now that it is broken, so the
        // formatter does not count it.
        line.push_str(head);
        line.push_str(open);
        self.overlong(depth, &[line]);
        for (index, item) in items.iter().enumerate() {
            let last = index + 1 == items.len();
            let comma = if !last || *trailing_comma { "," } else { "" };
            let mut item_line = String::new();
            self.breakable(depth + 1, &mut item_line, item, comma, usize::from(!last));
            self.overlong(depth + 1, &[&item_line]);
        }
        line.clear();
        line.push_str(close);
        line.push_str(tail);
    }

    fn finish(self) -> Option<String> {
        self.fits.then_some(self.text)
    }
}

/// The `#[cfg(...)]` lines of an item compiled under `def`'s gate, and, with
/// `full_serde`, only with that feature too.
fn cfg_lines(lines: &mut Lines, api: &Api, def: &TypeDef, full_serde: bool) {
    gate_line(lines, api, def);
    if full_serde {
        lines.line(0, &["#[cfg(feature = \"full-serde\")]"]);
    }
}

/// [`super::decode::deserialize_impls`] printed: the same `Deserialize` and
/// `FromObject` impls of a struct without flattened fields, as the formatter
/// prints them. `None` where a line would not fit.
pub(super) fn deserialize_impls(api: &Api, def: &TypeDef, s: &Struct, full_serde: bool) -> Option<String> {
    // The shapes below assume a struct literal with fields (`Ok(Self {})` is
    // printed otherwise) and keys (a flattened field has none).
    if s.fields.is_empty() || s.fields.iter().any(|field| field.key().is_none()) {
        return None;
    }
    let name = def.name.to_string();
    let name_literal = Literal::string(def.name.as_str()).to_string();
    let names = DecoderLocals::of(s);
    let (map, index) = (names.map.to_string(), names.index.to_string());
    let locals: Vec<String> = names.fields.iter().map(ToString::to_string).collect();
    let how: Vec<FieldValue> = s.fields.iter().zip(&names.fields).map(|(f, local)| FieldValue::of(f, local)).collect();
    let keys: Vec<String> =
        s.fields.iter().map(|field| Literal::string(field.key().unwrap_or_default()).to_string()).collect();

    let mut lines = Lines::new(256 + s.fields.len() * 200);
    cfg_lines(&mut lines, api, def, full_serde);
    lines.impl_header("impl<'de> serde::Deserialize<'de>", &name);
    lines.line(1, &["fn deserialize<D: serde::Deserializer<'de>>("]);
    lines.line(2, &["deserializer: D,"]);
    lines.line(1, &[") -> Result<Self, D::Error> {"]);
    lines.line(2, &["runtime::deserialize_object(deserializer)"]);
    lines.line(1, &["}"]);
    lines.line(0, &["}"]);
    lines.blank();

    cfg_lines(&mut lines, api, def, full_serde);
    lines.impl_header("impl runtime::FromObject", &name);
    // A literal and nowhere to break.
    lines.overlong(1, &["const NAME: &'static str = ", &name_literal, ";"]);
    lines.blank();
    fields_const(&mut lines, &keys);
    lines.blank();
    lines.line(1, &["fn from_map<'de, A: serde::de::MapAccess<'de>>("]);
    lines.line(2, &["mut ", &map, ": runtime::Object<'de, A>,"]);
    lines.line(1, &[") -> Result<Self, A::Error> {"]);
    for local in &locals {
        lines.line(2, &["let mut ", local, " = None;"]);
    }
    lines.line(2, &["while let Some(", &index, ") = ", &map, ".next_field()? {"]);
    if let [local] = locals.as_slice() {
        lines.line(3, &["if ", &index, " == 0 {"]);
        lines.line(4, &[&map, ".value(&mut ", local, ")?;"]);
        lines.line(3, &["}"]);
    } else {
        lines.line(3, &["match ", &index, " {"]);
        for (i, local) in locals.iter().enumerate() {
            lines.line(4, &[&i.to_string(), " => ", &map, ".value(&mut ", local, ")?,"]);
        }
        lines.line(4, &["_ => {}"]);
        lines.line(3, &["}"]);
    }
    lines.line(2, &["}"]);
    // The struct literal on one line where it is short (the formatter's
    // limit: 34 bytes from `Self` to before the closing brace) and fits, else
    // a field to a line.
    let members: Vec<String> = s.fields.iter().map(|field| field.name.to_string()).collect();
    let values: Vec<String> = how
        .iter()
        .zip(&members)
        .zip(&locals)
        .zip(&keys)
        .map(|(((how, member), local), key)| match how {
            FieldValue::Required => format!("{member}: {map}.required({local}, {key})?"),
            FieldValue::Default => format!("{member}: {local}.unwrap_or_default()"),
            FieldValue::Shorthand => member.clone(),
            FieldValue::Local => format!("{member}: {local}"),
        })
        .collect();
    let joined = values.join(", ");
    if "Self { ".len() + joined.len() + " ".len() <= STRUCT_LITERAL_WIDTH
        && Lines::fit(2, &["Ok(Self { ", &joined, " })"])
    {
        lines.line(2, &["Ok(Self { ", &joined, " })"]);
        lines.line(1, &["}"]);
        lines.line(0, &["}"]);
        return lines.finish();
    }
    lines.line(2, &["Ok(Self {"]);
    let fields = how.iter().zip(&members).zip(&locals).zip(&keys).zip(&values);
    for (position, ((((how, member), local), key), value)) in fields.enumerate() {
        // The formatter measures a field up to its comma, which the last
        // field gets only when the literal is broken: not counted there.
        let comma = if position + 1 == s.fields.len() { "" } else { "," };
        if Lines::fit(3, &[value, comma]) {
            lines.overlong(3, &[value, ","]);
            continue;
        }
        match how {
            FieldValue::Required => required_value(&mut lines, [member, &map, local, key], comma),
            FieldValue::Default => {
                lines.overlong(3, &[member, ": ", local]);
                lines.overlong(4, &[".unwrap_or_default(),"]);
            }
            // A name or `name: local`: nowhere to break.
            FieldValue::Shorthand | FieldValue::Local => lines.overlong(3, &[value, ","]),
        }
    }
    lines.line(2, &["})"]);
    lines.line(1, &["}"]);
    lines.line(0, &["}"]);
    lines.finish()
}

/// `const FIELDS`: the keys on one line, or one per line.
fn fields_const(lines: &mut Lines, keys: &[String]) {
    const START: &str = "const FIELDS: &'static [&'static str] = &[";
    let joined = keys.join(", ");
    if Lines::fit(1, &[START, &joined, "];"]) {
        lines.line(1, &[START, &joined, "];"]);
    } else {
        lines.line(1, &[START]);
        for key in keys {
            lines.line(2, &[key, ","]);
        }
        lines.line(1, &["];"]);
    }
}

/// `member: map.required(local, "key")?,` that does not fit on one line:
/// broken before the method, or also with its arguments on lines of their
/// own. `comma` is the comma the formatter counts after it.
fn required_value(lines: &mut Lines, [member, map, local, key]: [&str; 4], comma: &str) {
    lines.overlong(3, &[member, ": ", map]);
    if Lines::fit(4, &[".required(", local, ", ", key, ")?", comma]) {
        lines.overlong(4, &[".required(", local, ", ", key, ")?,"]);
    } else {
        lines.overlong(4, &[".required("]);
        lines.overlong(5, &[local, ","]);
        lines.overlong(5, &[key, ","]);
        lines.overlong(4, &[")?,"]);
    }
}

/// `///` lines at `depth` for a comment's `lines`, as the formatter prints
/// them (see [`super::docs`]), then `#[allow(missing_docs)]` with `allow`
/// ([`super::docs::attrs_allowing`]); `false` where it prints them otherwise
/// (a line that holds a line break of its own).
fn doc_lines(lines: &mut Lines, depth: usize, docs: &[String], allow: bool) -> bool {
    if !print_doc_comment(lines, depth, docs) {
        return false;
    }
    if allow {
        lines.line(depth, &["#[allow(missing_docs)]"]);
    }
    true
}

/// The `///` lines of [`doc_lines`].
fn print_doc_comment(lines: &mut Lines, depth: usize, docs: &[String]) -> bool {
    for line in docs {
        if line.contains(['\n', '\r']) {
            return false;
        }
        // The formatter never breaks a comment, however long.
        let text = super::docs::line_text(line);
        lines.overlong(depth, &["///", text.trim_end_matches(' ')]);
    }
    true
}

/// What every named type starts with: its doc comment (or, without one, or
/// with `allow`, `#[allow(missing_docs)]`) and its `cfg`. `false` where the
/// formatter prints the comment otherwise (see [`doc_lines`]).
fn item_head(lines: &mut Lines, api: &Api, def: &TypeDef, docs: &[String], allow: bool) -> bool {
    if !doc_lines(lines, 0, docs, allow || docs.is_empty()) {
        return false;
    }
    gate_line(lines, api, def);
    true
}

/// The `#[cfg(...)]` of the features `def` is compiled under, if any.
fn gate_line(lines: &mut Lines, api: &Api, def: &TypeDef) {
    if let Some(predicate) = super::cfg_predicate_layout(api, &def.gate) {
        lines.attribute(0, &Breakable::meta("cfg", vec![predicate]));
    }
}

/// [`super::types`]'s struct definition printed: its docs (`docs`), `cfg`,
/// `#[deprecated]`, derives, and each field with its docs and attributes.
/// `None` where a line would not fit, a doc line holds a line break, or a
/// field has a caller's own type (printed as the caller wrote it).
pub(super) fn struct_item(
    api: &Api,
    def: &TypeDef,
    s: &Struct,
    docs: &StructDocs,
    serde: Option<&SerdeDerives>,
) -> Option<String> {
    if s.fields.is_empty() || def.uses(&|ty| matches!(ty, Type::External(_))) {
        return None;
    }
    let mut lines = Lines::new(256 + s.fields.len() * 160);
    if !item_head(&mut lines, api, def, &docs.head, docs.fields_allowed) {
        return None;
    }
    // A params struct (no serde) is not deprecated as a whole.
    if def.docs.deprecated && serde.is_some() {
        lines.line(0, &["#[deprecated]"]);
    }
    let mut derives = vec!["Debug", "Clone", "PartialEq"];
    if s.all_optional() {
        derives.push("Default");
    }
    let (always, optional) = serde.map_or((&[][..], &[][..]), |serde| (&serde.always[..], &serde.optional[..]));
    derives.extend(always.iter().map(|t| t.path()));
    let texts = |paths: &[&str]| paths.iter().map(|path| Breakable::Text((*path).to_owned())).collect();
    lines.attribute(0, &Breakable::meta("derive", texts(&derives)));
    if !optional.is_empty() {
        let optional: Vec<&str> = optional.iter().map(|t| t.path()).collect();
        let derive = Breakable::meta("derive", texts(&optional));
        lines.attribute(0, &Breakable::meta("cfg_attr", vec![full_serde_feature(), derive]));
    }
    // Nowhere to break, however long the name.
    lines.overlong(0, &["pub struct ", &def.name.to_string(), " {"]);
    for (field, field_docs) in s.fields.iter().zip(&docs.fields) {
        if !doc_lines(&mut lines, 1, field_docs, docs.allows_field(field_docs)) {
            return None;
        }
        if field.docs.deprecated {
            lines.line(1, &["#[deprecated]"]);
        }
        if let Some(attr) = serde.and_then(|serde| FieldSerde::of(field, serde)) {
            let serde = Breakable::meta("serde", attr.texts().into_iter().map(Breakable::Text).collect());
            let attr = if attr.full_serde_only() {
                Breakable::meta("cfg_attr", vec![full_serde_feature(), serde])
            } else {
                serde
            };
            lines.attribute(1, &attr);
        }
        let mut line = format!("pub {}: ", field.name);
        lines.breakable(1, &mut line, &field_type(api, field), ",", 1);
        lines.overlong(1, &[&line]);
    }
    lines.line(0, &["}"]);
    lines.finish()
}

/// [`super::types`]'s enum definition printed (its impls, a runtime macro,
/// stay tokens): docs, `cfg`, `#[deprecated]`, derives, and each variant
/// with its value as its doc. `None` where a doc holds a line break.
pub(super) fn enum_item(api: &Api, def: &TypeDef, e: &Enum, docs: &[String], open: bool) -> Option<String> {
    if e.variants.is_empty() && !open {
        return None;
    }
    let mut lines = Lines::new(256 + e.variants.len() * 48);
    if !item_head(&mut lines, api, def, docs, false) {
        return None;
    }
    if def.docs.deprecated {
        lines.line(0, &["#[deprecated]"]);
    }
    let copy = if enum_is_copy(e, open) { "Copy, " } else { "" };
    lines.line(0, &["#[derive(Debug, Clone, ", copy, "PartialEq, Eq, Hash)]"]);
    // Nowhere to break, however long the name.
    lines.overlong(0, &["pub enum ", &def.name.to_string(), " {"]);
    for variant in &e.variants {
        let doc = variant_doc(variant);
        if doc.contains(['\n', '\r']) {
            return None;
        }
        lines.overlong(1, &["///", doc.trim_end_matches(' ')]);
        lines.overlong(1, &[&variant.name.to_string(), ","]);
    }
    if open {
        lines.line(1, &["/// A value the spec does not list."]);
        lines.line(1, &["Unknown(", unknown_type(e), "),"]);
    }
    lines.line(0, &["}"]);
    lines.finish()
}

/// [`super::types`]'s type alias printed: docs, `cfg`, `pub type NAME = TYPE;`.
/// `None` where a doc holds a line break or the type is a caller's own.
pub(super) fn alias_item(api: &Api, def: &TypeDef, ty: &Type, docs: &[String]) -> Option<String> {
    if ty.uses(&|ty| matches!(ty, Type::External(_))) {
        return None;
    }
    let mut lines = Lines::new(256);
    if !item_head(&mut lines, api, def, docs, false) {
        return None;
    }
    let mut line = format!("pub type {} = ", def.name);
    lines.breakable(0, &mut line, &super::type_layout(api, ty, TextScope::Types), ";", 1);
    lines.overlong(0, &[&line]);
    lines.finish()
}

/// `feature = "full-serde"`.
fn full_serde_feature() -> Breakable {
    Breakable::Text("feature = \"full-serde\"".to_owned())
}

/// [`super::types`]'s field type, with the `Box`, `Option` and `Nullable`
/// its storage and presence call for.
fn field_type(api: &Api, field: &Field) -> Breakable {
    let inner = super::type_layout(api, &field.ty, TextScope::Types);
    let inner = if field.storage == Storage::Boxed { Breakable::generic("Box", vec![inner]) } else { inner };
    match field.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => Breakable::generic("Option", vec![inner]),
        Presence::OptionalNullable => {
            Breakable::generic("Option", vec![Breakable::generic("runtime::Nullable", vec![inner])])
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::{self, Part};
    use crate::format;

    /// A spec whose structs have fields of every length around the width
    /// where the formatter starts breaking lines: required, optional and
    /// nullable ones, first, in the middle and last, with keys that differ
    /// from the field names, docs, deprecations and patterns.
    fn spec() -> String {
        let mut schemas = String::new();
        for length in 8..48 {
            let name = format!("f{}", "x".repeat(length));
            let key = format!("k{}", "Y".repeat(length));
            schemas.push_str(&format!(
                "    Required{length}:\n      type: object\n      required: [{name}, {key}]\n      properties:\n        \
                 {name}: {{type: string}}\n        {key}: {{type: integer}}\n"
            ));
            schemas.push_str(&format!(
                "    Optional{length}:\n      type: object\n      properties:\n        a: {{type: string}}\n        \
                 {name}: {{type: string, deprecated: true, pattern: '^[a-z]+$'}}\n        \
                 {key}: {{type: string, nullable: true, description: A key.}}\n"
            ));
            schemas.push_str(&format!(
                "    Last{length}:\n      type: object\n      required: [{key}]\n      properties:\n        \
                 {key}: {{type: boolean}}\n"
            ));
            schemas.push_str(&format!(
                "    Single{length}:\n      type: object\n      properties:\n        {name}: {{type: boolean}}\n"
            ));
        }
        // Aliases whose generic arguments break at some lengths, and enums,
        // open and closed.
        for length in 40..72 {
            let name = format!("M{}", "m".repeat(length));
            schemas.push_str(&format!(
                "    {name}:\n      type: object\n      additionalProperties:\n        type: array\n        \
                 items: {{type: string}}\n"
            ));
            schemas.push_str(&format!("    E{name}:\n      type: string\n      enum: [a, {name}, '', 'x  ']\n"));
        }
        // A one-field literal of 24, 27 and 30 bytes, around the formatter's
        // limit for a struct literal on one line.
        for length in 1..4 {
            let name = &"abc"[..length];
            schemas.push_str(&format!(
                "    Tiny{length}:\n      type: object\n      required: [{name}]\n      properties:\n        \
                 {name}: {{type: string}}\n"
            ));
        }
        let paths = "  /things:\n    get:\n      operationId: getThings\n      responses:\n        '200':\n          \
                     description: OK\n          content:\n            application/json:\n              schema:\n                \
                     type: array\n                items:\n                  anyOf:\n";
        let mut refs = String::new();
        for length in 1..4 {
            refs.push_str(&format!("                    - $ref: '#/components/schemas/Tiny{length}'\n"));
        }
        for length in 40..72 {
            let name = format!("M{}", "m".repeat(length));
            refs.push_str(&format!("                    - $ref: '#/components/schemas/{name}'\n"));
            refs.push_str(&format!("                    - $ref: '#/components/schemas/E{name}'\n"));
        }
        for length in 8..48 {
            for kind in ["Required", "Optional", "Last", "Single"] {
                refs.push_str(&format!("                    - $ref: '#/components/schemas/{kind}{length}'\n"));
            }
        }
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n{paths}{refs}components:\n  schemas:\n{schemas}"
        )
    }

    #[test]
    fn printed_items_are_the_formatters_text_at_every_length() {
        let text = spec();
        let doc = crate::load::load(&text).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = crate::lower::lower(&doc, &crate::Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        let api = &lowered.api;

        // Most items are printed; the rest (a line that cannot fit) go the token way.
        let context = emit::context(api);
        let parts: Vec<Part> = (0..emit::rust_files(api)[1].1)
            .flat_map(|index| emit::piece(api, &context, emit::RustFile::Types, index))
            .collect();
        let printed = parts.iter().filter(|part| matches!(part, Part::Printed(_))).count();
        assert!(printed > 300, "{printed} printed items");

        let printed = format::render(api, "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        let tokens = emit::context_without_printing(api);
        let formatted = format::format(emit::emit_with(api, &tokens), "spec", "cmd").unwrap_or_else(|d| panic!("{d}"));
        let types = |files: &[format::File]| {
            files.iter().find(|file| file.path == "src/types.rs").map(|file| file.contents.clone()).unwrap_or_default()
        };
        let (printed, formatted) = (types(&printed), types(&formatted));
        for (line, (a, b)) in printed.lines().zip(formatted.lines()).enumerate() {
            assert_eq!(a, b, "line {}", line + 1);
        }
        assert_eq!(printed, formatted);
        // Each way of breaking a field is reached.
        for broken in [
            "Ok(Self { a: map.required(a, \"a\")? })",
            "Ok(Self {\n            ab: map.required(ab, \"ab\")?,\n",
            ": map\n",
            "                .required(\n",
            "\n                .unwrap_or_default(),\n",
            " = std::collections::BTreeMap<\n    String,\n    Vec<String>,\n>;\n",
            "    /// A value the spec does not list.\n    Unknown(String),\n",
        ] {
            assert!(printed.contains(broken), "{broken:?}");
        }
    }
}
