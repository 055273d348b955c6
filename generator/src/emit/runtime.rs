//! The `runtime` module of the generated crate: the files of
//! `generator/runtime/` that the API needs, copied verbatim, and a `mod.rs`
//! declaring them. Which files an API needs is decided here, from the model:
//! a file the crate would not use is not written (it would be dead code).

use super::Emitted;
use crate::model::{
    Api, BodyEncoding, BodyKind, Check, Constraints, EnumRepr, Method, ParamLocation, PathPart,
    Presence as FieldPresence, Type, TypeKind, Whitespace,
};

/// The template of `runtime/mod.rs`: one block (lines between blank lines) per
/// module, holding its `mod` declaration and its re-export.
const MOD_RS: &str = include_str!("../../runtime/mod.rs");

/// Whether, and under which configuration, a module is compiled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Presence {
    /// The crate does not use it: it is not written.
    #[default]
    Absent,
    /// Only the `full-serde` feature uses it (a serde helper of a direction the
    /// API itself never needs).
    FullSerde,
    /// Always compiled.
    Always,
}

impl From<bool> for Presence {
    fn from(used: bool) -> Self {
        if used { Presence::Always } else { Presence::Absent }
    }
}

/// One file of the runtime module.
struct Module {
    name: &'static str,
    text: &'static str,
    presence: fn(&Uses) -> Presence,
}

macro_rules! module {
    ($name:literal, $presence:expr) => {
        Module { name: $name, text: include_str!(concat!("../../runtime/", $name, ".rs")), presence: $presence }
    };
}

/// Every module of the runtime, in the order of `mod.rs`, with when the crate needs it.
const MODULES: &[Module] = &[
    module!("settings", |_| Presence::Always),
    module!("execute", |_| Presence::Always),
    module!("retry", |_| Presence::Always),
    module!("security", |_| Presence::Always),
    module!("credentials", |u| u.schemes.into()),
    module!("request", |_| Presence::Always),
    module!("method", |u| u.extension_methods.into()),
    module!("encode", |u| (u.path || u.query || u.header || u.cookie || u.form).into()),
    module!("path", |u| u.path.into()),
    module!("style", |u| (u.query || u.form).into()),
    module!("query", |u| u.query.into()),
    module!("header", |u| u.header.into()),
    module!("cookie", |u| u.cookie.into()),
    module!("body", |u| u.body.into()),
    module!("json_body", |u| u.json_body.into()),
    module!("form", |u| u.form.into()),
    module!("multipart", |u| u.multipart.into()),
    module!("response", |_| Presence::Always),
    module!("response_text", |u| u.text_responses.into()),
    module!("error", |_| Presence::Always),
    module!("secret", |_| Presence::Always),
    module!("nullable", |_| Presence::Always),
    module!("nullable_field", |u| u.nullable_field),
    module!("trim", |u| u.trim),
    module!("string_enum", |u| u.string_enum.into()),
    module!("integer_enum", |u| u.integer_enum.into()),
    module!("validate", |u| u.validate.into()),
    module!("check_length", |u| u.check_length.into()),
    module!("check_uri", |u| u.check_uri.into()),
    module!("check_items", |u| u.check_items.into()),
    module!("check_range", |u| u.check_range.into()),
    module!("check_known", |u| u.check_known.into()),
];

/// What the generated code of an API uses from the runtime.
#[derive(Debug, Default)]
struct Uses {
    schemes: bool,
    extension_methods: bool,
    path: bool,
    query: bool,
    header: bool,
    cookie: bool,
    body: bool,
    json_body: bool,
    form: bool,
    multipart: bool,
    text_responses: bool,
    nullable_field: Presence,
    trim: Presence,
    string_enum: bool,
    integer_enum: bool,
    validate: bool,
    check_length: bool,
    check_uri: bool,
    check_items: bool,
    check_range: bool,
    check_known: bool,
}

/// Reads off the model what the emitted client, types and webhooks call
/// (mirroring `operation.rs`, `types.rs` and `checks.rs`): the checks come from
/// [`Api::checks`], as the emitters' do.
fn uses(api: &Api) -> Uses {
    let mut uses = Uses { schemes: !api.schemes.is_empty(), ..Uses::default() };
    let mut checks: Vec<Check> = Vec::new();
    for op in &api.operations {
        uses.path |= op.path_parts.iter().any(|part| matches!(part, PathPart::Param { .. }));
        uses.extension_methods |= matches!(op.method, Method::Other(_));
        for param in &op.params {
            match param.location {
                ParamLocation::Query => uses.query = true,
                ParamLocation::Header => uses.header = true,
                ParamLocation::Cookie => uses.cookie = true,
                ParamLocation::Path => {}
            }
        }
        for param in &op.path_params {
            // A secret path parameter is passed, and checked, as a string.
            let ty = if param.ty == Type::Secret { Type::String } else { param.ty.clone() };
            checks.extend(api.checks(&ty, &param.constraints, Whitespace::Kept));
        }
        if let Some(body) = &op.body {
            uses.body = true;
            match body.encoding {
                BodyEncoding::Json(_) => uses.json_body = true,
                BodyEncoding::Form(_) => uses.form = true,
                BodyEncoding::Multipart | BodyEncoding::MultipartFile => uses.multipart = true,
                BodyEncoding::Binary(_) | BodyEncoding::Text(_) => {}
            }
            checks.extend(api.checks(&body.ty, &Constraints::default(), Whitespace::Kept));
        }
        let cases = op.responses.success.iter().chain(&op.responses.errors);
        uses.text_responses |= cases.into_iter().any(|case| matches!(case.body, BodyKind::Text | BodyKind::Binary));
    }
    for def in api.types.iter() {
        match &def.kind {
            TypeKind::Enum(e) => match e.repr {
                EnumRepr::Integer => uses.integer_enum = true,
                EnumRepr::String => uses.string_enum = true,
            },
            TypeKind::Struct(s) => {
                // `serialize_with` and `deserialize_with` matter only with the derive
                // they belong to; the one the API does not need comes with `full-serde`.
                let serialize = if def.in_request() { Presence::Always } else { Presence::FullSerde };
                let deserialize =
                    if def.in_response() || !def.in_request() { Presence::Always } else { Presence::FullSerde };
                for field in s.fields.iter().filter(|f| !f.is_flattened()) {
                    if field.whitespace == Whitespace::Trimmed && matches!(field.ty, Type::String | Type::Secret) {
                        uses.trim = uses.trim.max(serialize);
                    }
                    if field.presence == FieldPresence::OptionalNullable {
                        uses.nullable_field = uses.nullable_field.max(deserialize);
                    }
                }
            }
            _ => {}
        }
        if def.is_validated() {
            uses.validate = true;
            match &def.kind {
                TypeKind::Struct(s) | TypeKind::Params(s) => {
                    for field in &s.fields {
                        checks.extend(api.checks(&field.ty, &field.constraints, field.whitespace));
                    }
                }
                TypeKind::Union(u) => {
                    for variant in &u.variants {
                        checks.extend(api.checks(&variant.ty, &Constraints::default(), Whitespace::Kept));
                    }
                }
                TypeKind::Tuple(t) => {
                    for item in &t.items {
                        checks.extend(api.checks(&item.ty, &Constraints::default(), Whitespace::Kept));
                    }
                }
                _ => {}
            }
        }
    }
    uses.validate |= !checks.is_empty();
    record(&checks, &mut uses);
    uses
}

/// Records the runtime checks that `checks` call.
fn record(checks: &[Check], uses: &mut Uses) {
    for check in checks {
        match check {
            Check::Length { .. } => uses.check_length = true,
            Check::Uri { .. } => uses.check_uri = true,
            Check::Range { .. } => uses.check_range = true,
            Check::Items { .. } => uses.check_items = true,
            Check::Known(_) => uses.check_known = true,
            Check::EachItem(inner) | Check::EachValue(inner) | Check::IfSome(inner) => record(inner, uses),
            Check::Nested => {}
        }
    }
}

/// The files of the runtime module for `api`: `mod.rs` and the modules it declares.
pub fn files(api: &Api) -> Vec<Emitted> {
    let uses = uses(api);
    let presence =
        |name: &str| MODULES.iter().find(|m| m.name == name).map_or(Presence::Absent, |m| (m.presence)(&uses));
    let mut files = vec![Emitted::RustText("src/runtime/mod.rs".to_owned(), mod_rs(&presence))];
    for module in MODULES {
        if presence(module.name) != Presence::Absent {
            files.push(Emitted::RustText(format!("src/runtime/{}.rs", module.name), module.text.to_owned()));
        }
    }
    files
}

/// `mod.rs`: the template's blocks of the modules present, those only
/// `full-serde` needs behind `#[cfg]`.
fn mod_rs(presence: &dyn Fn(&str) -> Presence) -> String {
    let mut out = String::with_capacity(MOD_RS.len());
    for block in MOD_RS.split("\n\n") {
        let module = block.lines().find_map(|line| line.strip_prefix("mod ")?.strip_suffix(';'));
        let present = module.map_or(Presence::Always, presence);
        if present == Presence::Absent {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for line in block.lines() {
            let declaration =
                ["mod ", "use ", "pub use ", "pub(crate) use "].iter().any(|start| line.starts_with(start));
            if present == Presence::FullSerde && declaration {
                out.push_str("#[cfg(feature = \"full-serde\")]\n");
            }
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_declares_every_module_in_table_order() {
        let declared: Vec<&str> =
            MOD_RS.lines().filter_map(|line| line.strip_prefix("mod ")?.strip_suffix(';')).collect();
        let table: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
        assert_eq!(declared, table);
    }

    #[test]
    fn each_module_block_declares_one_module_and_imports_only_from_it() {
        for block in MOD_RS.split("\n\n").filter(|block| block.contains("\nmod ") || block.starts_with("mod ")) {
            let lines: Vec<&str> = block.lines().filter(|line| !line.starts_with("//")).collect();
            let (declaration, imports) = lines.split_first().unwrap_or_else(|| panic!("block {block:?}"));
            let name = declaration.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';'));
            let name = name.unwrap_or_else(|| panic!("block {block:?}"));
            let allowed =
                [format!("use {name}::*;"), format!("pub(crate) use {name}::*;"), format!("pub use {name}::*;")];
            assert!(imports.len() <= 1 && imports.iter().all(|i| allowed.iter().any(|a| a == i)), "block {block:?}");
        }
    }

    #[test]
    fn modules_only_full_serde_needs_are_behind_the_feature() {
        let text = mod_rs(&|name| match name {
            "trim" => Presence::FullSerde,
            "multipart" => Presence::Absent,
            _ => Presence::Always,
        });
        assert!(text.contains(
            "#[cfg(feature = \"full-serde\")]\nmod trim;\n#[cfg(feature = \"full-serde\")]\npub(crate) use trim::*;\n"
        ));
        assert!(!text.contains("mod multipart;") && !text.contains("use multipart::"));
        assert!(text.contains("\nmod form;\npub(crate) use form::*;\n"));
        assert!(!text.contains("\n\n\n"));
    }
}
