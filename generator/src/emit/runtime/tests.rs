//! Unit tests of the runtime module's selection and its markers.

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

/// Keeps the modules named `kept`, drops the others.
fn keeping(kept: &'static [&'static str]) -> impl Fn(&str) -> Part {
    move |name| if kept.contains(&name) { Part::Kept } else { Part::Dropped }
}

#[test]
fn optional_parts_are_kept_only_with_their_modules() {
    let text = "a\n    // [with sse]\n    b\n    // [end]\n    // [with sse upload]\n    c\n    // [end]\nd\n";
    assert_eq!(with_modules(text, &keeping(&["sse"])), "a\n    b\nd\n");
    assert_eq!(with_modules(text, &keeping(&["sse", "upload"])), "a\n    b\n    c\nd\n");
    assert_eq!(with_modules(text, &keeping(&[])), "a\nd\n");
}

#[test]
fn optional_parts_of_modules_under_other_features_are_behind_their_cfg() {
    let text = "a\n    // [with sse]\n\n    /// Docs.\n    b\n    // [end]\n    // [with sse upload]\n    c\n    // [end]\nd\n";
    let part = |name: &str| match name {
        "sse" => Part::Behind("feature = \"chat\"".to_owned()),
        _ => Part::Behind("feature = \"files\"".to_owned()),
    };
    assert_eq!(
        with_modules(text, &part),
        "a\n\n    /// Docs.\n    #[cfg(feature = \"chat\")]\n    b\n    \
         #[cfg(all(feature = \"chat\", feature = \"files\"))]\n    c\nd\n"
    );
}

#[test]
fn a_blank_line_after_a_dropped_part_is_not_doubled() {
    let text = "a\n\n// [with sse]\nb\n// [end]\n\n// [with sse]\nc\n// [end]\n\nd\n";
    assert_eq!(with_modules(text, &keeping(&[])), "a\n\nd\n");
    assert_eq!(with_modules(text, &keeping(&["sse"])), "a\n\nb\n\nc\n\nd\n");
}

#[test]
fn presences_print_as_cfg_predicates() {
    let api = crate::lower::lower(
        &crate::load::load(include_str!("../../../../spec/openapi.yaml")).unwrap_or_else(|d| panic!("{d:?}")),
        &crate::Options::default(),
    )
    .unwrap_or_else(|d| panic!("{d:?}"))
    .api;
    let mut api = api;
    for name in ["a", "b"] {
        api.features.push(crate::model::Feature {
            name: name.to_owned(),
            kind: crate::model::FeatureKind::Tag(name.to_owned()),
            description: None,
            operations: 1,
        });
    }
    let (a, b) = (Gate::feature(crate::model::FeatureId(0)), Gate::feature(crate::model::FeatureId(1)));
    assert_eq!(Presence::always().predicate(&api), None);
    assert_eq!(Presence::from(a.clone()).predicate(&api).as_deref(), Some("feature = \"a\""));
    assert_eq!(
        Presence::from(a.union(&b)).predicate(&api).as_deref(),
        Some("any(feature = \"a\", feature = \"b\")")
    );
    assert_eq!(Presence::full_serde(Gate::Always).predicate(&api).as_deref(), Some("feature = \"full-serde\""));
    assert_eq!(
        Presence::full_serde(b.clone()).predicate(&api).as_deref(),
        Some("all(feature = \"full-serde\", feature = \"b\")")
    );
    assert_eq!(
        Presence::from(a.clone()).or(&Presence::full_serde(b)).predicate(&api).as_deref(),
        Some("any(feature = \"a\", all(feature = \"full-serde\", feature = \"b\"))")
    );
    // `full-serde` under a gate the plain one covers adds nothing.
    assert_eq!(
        Presence::from(a.clone()).or(&Presence::full_serde(a)).predicate(&api).as_deref(),
        Some("feature = \"a\"")
    );
}

#[test]
fn every_optional_part_names_modules_of_the_runtime_and_ends() {
    for module in MODULES {
        let mut open = false;
        for line in module.text.lines().map(str::trim) {
            if let Some(names) = line.strip_prefix("// [with ").and_then(|rest| rest.strip_suffix(']')) {
                assert!(!open, "{}: a part inside a part", module.name);
                assert!(
                    names.split_whitespace().all(|name| MODULES.iter().any(|m| m.name == name)),
                    "{}: {line}",
                    module.name
                );
                open = true;
            } else if line == "// [end]" {
                assert!(open, "{}: an end without a start", module.name);
                open = false;
            }
        }
        assert!(!open, "{}: a part without its end", module.name);
    }
}

#[test]
fn modules_only_full_serde_needs_are_behind_the_feature() {
    let text = mod_rs(
        &|name| match name {
            "trim" => Part::Behind("feature = \"full-serde\"".to_owned()),
            "multipart" => Part::Dropped,
            _ => Part::Kept,
        },
        true,
    );
    assert!(text.contains(
        "#[cfg(feature = \"full-serde\")]\nmod trim;\n#[cfg(feature = \"full-serde\")]\npub(crate) use trim::*;\n"
    ));
    assert!(!text.contains("mod multipart;") && !text.contains("use multipart::"));
    assert!(text.contains("\nmod form;\npub(crate) use form::*;\n"));
    assert!(!text.contains("\n\n\n"));
}
