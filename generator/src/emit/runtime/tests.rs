//! Tests of the runtime module's selection: the template, the parts of modules, `cfg` predicates.

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
        let lines: Vec<&str> =
            block.lines().filter(|line| !line.starts_with("//") && !line.starts_with("#[cfg(")).collect();
        let (declaration, imports) = lines.split_first().unwrap_or_else(|| panic!("block {block:?}"));
        let name = declaration.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';'));
        let name = name.unwrap_or_else(|| panic!("block {block:?}"));
        let allowed =
            [format!("use {name}::*;"), format!("pub(crate) use {name}::*;"), format!("pub use {name}::*;")];
        assert!(imports.len() <= 1 && imports.iter().all(|i| allowed.iter().any(|a| a == i)), "block {block:?}");
    }
}

/// Keeps the modules named `kept`, drops the other modules of the runtime.
fn keeping(kept: &'static [&'static str]) -> impl Fn(&str) -> Option<Part> {
    move |name| {
        let module = MODULES.iter().any(|module| module.name == name);
        module.then(|| if kept.contains(&name) { Part::Kept } else { Part::Dropped })
    }
}

#[test]
fn parts_are_kept_only_with_their_modules() {
    let text = "struct A {\n    a: u8,\n    #[cfg(feature = \"sse\")]\n    b: u8,\n    \
                #[cfg(all(feature = \"sse\", feature = \"upload\"))]\n    c: u8,\n}\n";
    assert_eq!(settle(text, &keeping(&["sse"])), "struct A {\n    a: u8,\n    b: u8,\n}\n");
    assert_eq!(settle(text, &keeping(&["sse", "upload"])), "struct A {\n    a: u8,\n    b: u8,\n    c: u8,\n}\n");
    assert_eq!(settle(text, &keeping(&[])), "struct A {\n    a: u8,\n}\n");
}

#[test]
fn a_dropped_part_takes_its_docs_comments_and_whole_extent() {
    let text = "fn f() {\n    a();\n    // Why.\n    #[cfg(feature = \"sse\")]\n    if x {\n        b();\n    } else {\n        \
                c();\n    }\n    d();\n}\n\n/// Docs.\n#[cfg(feature = \"sse\")]\n#[derive(Debug)]\nstruct B;\n\nstruct C;\n";
    assert_eq!(settle(text, &keeping(&[])), "fn f() {\n    a();\n    d();\n}\n\nstruct C;\n");
    // Docs after the attribute go with the part too.
    let text = "#[cfg(feature = \"sse\")]\n/// Docs.\n#[derive(Debug)]\nstruct B {\n    a: u8,\n}\n\nstruct C;\n";
    assert_eq!(settle(text, &keeping(&[])), "struct C;\n");
}

#[test]
fn parts_of_modules_under_features_are_behind_their_cfg() {
    let text = "a\n\n    /// Docs.\n    #[cfg(feature = \"sse\")]\n    b\n    \
                #[cfg(all(feature = \"sse\", feature = \"upload\"))]\n    c\n    \
                #[cfg(all(feature = \"tracing\", feature = \"sse\"))]\n    d\n    #[cfg(feature = \"tracing\")]\n    e\n";
    let part = |name: &str| match name {
        "sse" => Some(Part::Behind("feature = \"chat\"".to_owned())),
        "upload" => Some(Part::Behind("feature = \"files\"".to_owned())),
        _ => None,
    };
    assert_eq!(
        settle(text, &part),
        "a\n\n    /// Docs.\n    #[cfg(feature = \"chat\")]\n    b\n    \
         #[cfg(all(feature = \"chat\", feature = \"files\"))]\n    c\n    \
         #[cfg(all(feature = \"tracing\", feature = \"chat\"))]\n    d\n    #[cfg(feature = \"tracing\")]\n    e\n"
    );
}

#[test]
fn a_blank_line_after_a_dropped_part_is_not_doubled() {
    let text = "a\n\n#[cfg(feature = \"sse\")]\nb\n\n#[cfg(feature = \"sse\")]\nc\n\nd\n";
    assert_eq!(settle(text, &keeping(&[])), "a\n\nd\n");
    assert_eq!(settle(text, &keeping(&["sse"])), "a\n\nb\n\nc\n\nd\n");
    let text = "impl A {\n    #[cfg(feature = \"sse\")]\n    fn b() {}\n\n    fn c() {}\n}\n";
    assert_eq!(settle(text, &keeping(&[])), "impl A {\n    fn c() {}\n}\n");
}

/// The cargo features of the runtime crate.
fn runtime_features() -> Vec<String> {
    // Read from the repository: the generator's package leaves the manifest out.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/crate/Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}"));
    manifest["features"].as_table().map(|features| features.keys().cloned().collect()).unwrap_or_default()
}

/// The generated crate's own features, which the runtime reads as they are.
const CRATE_FEATURES: &[&str] = &["tracing", "rustls", "rustls-ring", "native-tls", "full-serde"];

#[test]
fn every_part_names_a_module_of_the_runtime_that_is_a_feature_of_its_crate() {
    let features = runtime_features();
    for module in MODULES.iter().map(|m| (m.name, m.text)).chain([("mod", MOD_RS)]) {
        for line in module.1.lines().map(str::trim).filter(|line| line.starts_with("#[cfg(")) {
            for name in line.split("feature = \"").skip(1).filter_map(|rest| rest.split('"').next()) {
                if CRATE_FEATURES.contains(&name) {
                    continue;
                }
                assert!(MODULES.iter().any(|m| m.name == name), "{}: {line} names no module", module.0);
                assert!(features.iter().any(|f| f == name), "{}: {line}: no feature of the runtime crate", module.0);
            }
        }
    }
    for feature in features.iter().filter(|f| !CRATE_FEATURES.contains(&f.as_str()) && *f != "default") {
        assert!(MODULES.iter().any(|m| m.name == feature), "the feature {feature} names no module");
    }
}

/// Whether `line` is the attribute of a part: `#[cfg(feature = "<module>")]`.
fn names_a_part(line: &str) -> bool {
    let name = line.trim().strip_prefix("#[cfg(feature = \"").and_then(|rest| rest.split('"').next());
    name.is_some_and(|name| MODULES.iter().any(|m| m.name == name))
}

#[test]
fn with_every_part_kept_a_module_is_copied_as_it_is_but_for_the_attributes() {
    for module in MODULES {
        let all = |name: &str| MODULES.iter().any(|m| m.name == name).then_some(Part::Kept);
        let expected: Vec<&str> = module
            .text
            .split('\n')
            .filter(|line| !names_a_part(line))
            .collect();
        assert_eq!(settle(module.text, &all), expected.join("\n"), "{}", module.name);
    }
}

/// Whether `node`'s outer attributes include a `cfg` naming a module `dropped` holds for.
fn dropped_by_syn(node: &dyn quote::ToTokens, dropped: &dyn Fn(&str) -> bool) -> bool {
    let mut tokens = node.to_token_stream().into_iter();
    while let (Some(proc_macro2::TokenTree::Punct(hash)), Some(proc_macro2::TokenTree::Group(group))) =
        (tokens.next(), tokens.next())
    {
        if hash.as_char() != '#' {
            return false;
        }
        let text = group.stream().to_string();
        if text.starts_with("cfg") && text.split("feature = \"").skip(1).any(|rest| dropped(rest.split('"').next().unwrap_or(""))) {
            return true;
        }
    }
    false
}

/// Drops the nodes under a `cfg` naming a dropped module, as the compiler would.
struct Strip<'a>(&'a dyn Fn(&str) -> bool);

impl syn::visit_mut::VisitMut for Strip<'_> {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain(|item| !dropped_by_syn(item, self.0));
        syn::visit_mut::visit_file_mut(self, file);
    }
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain(|item| !dropped_by_syn(item, self.0));
        syn::visit_mut::visit_item_impl_mut(self, item);
    }
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        block.stmts.retain(|stmt| !dropped_by_syn(stmt, self.0));
        syn::visit_mut::visit_block_mut(self, block);
    }
    fn visit_fields_named_mut(&mut self, fields: &mut syn::FieldsNamed) {
        fields.named = std::mem::take(&mut fields.named).into_iter().filter(|f| !dropped_by_syn(f, self.0)).collect();
        syn::visit_mut::visit_fields_named_mut(self, fields);
    }
    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        item.variants =
            std::mem::take(&mut item.variants).into_iter().filter(|v| !dropped_by_syn(v, self.0)).collect();
        syn::visit_mut::visit_item_enum_mut(self, item);
    }
    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        expr.fields = std::mem::take(&mut expr.fields).into_iter().filter(|f| !dropped_by_syn(f, self.0)).collect();
        syn::visit_mut::visit_expr_struct_mut(self, expr);
    }
    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        expr.arms.retain(|arm| !dropped_by_syn(arm, self.0));
        syn::visit_mut::visit_expr_match_mut(self, expr);
    }
}

/// The text as prettyplease prints it.
fn printed(text: &str, name: &str) -> String {
    prettyplease::unparse(&syn::parse_file(text).unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn a_part_spans_what_the_compiler_would_drop_with_it() {
    let parts: Vec<String> = runtime_features().into_iter().filter(|f| MODULES.iter().any(|m| m.name == f)).collect();
    // Each part dropped alone, then all of them.
    let choices: Vec<Vec<&str>> =
        parts.iter().map(|part| vec![part.as_str()]).chain([parts.iter().map(String::as_str).collect()]).collect();
    for module in MODULES {
        for dropped in &choices {
            let is_dropped = |name: &str| dropped.contains(&name);
            let ours = settle(module.text, &|name| {
                MODULES.iter().any(|m| m.name == name).then(|| if is_dropped(name) { Part::Dropped } else { Part::Kept })
            });
            // The attributes of kept parts, which `settle` removes, removed from the source.
            let source: Vec<&str> = module
                .text
                .split('\n')
                .filter(|line| {
                    let name = line.trim().strip_prefix("#[cfg(feature = \"").and_then(|rest| rest.split('"').next());
                    name.is_none_or(|name| CRATE_FEATURES.contains(&name) || is_dropped(name))
                })
                .collect();
            let mut file = syn::parse_file(&source.join("\n")).unwrap_or_else(|e| panic!("{}: {e}", module.name));
            syn::visit_mut::VisitMut::visit_file_mut(&mut Strip(&is_dropped), &mut file);
            let compiled = prettyplease::unparse(&file);
            let ours = printed(&ours, module.name);
            if ours != compiled {
                let diff = similar::TextDiff::from_lines(&compiled, &ours);
                panic!("{} without {dropped:?}:\n{}", module.name, diff.unified_diff().context_radius(2));
            }
        }
    }
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

#[test]
fn each_module_is_used_by_modules_of_the_table_and_the_uses_end() {
    for module in MODULES {
        for user in module.used_by {
            assert!(MODULES.iter().any(|m| m.name == *user), "{} is used by {user}, no module", module.name);
        }
    }
    // No module uses itself, through any chain: the walk up the table ends.
    fn reaches(from: &str, to: &str, depth: usize) -> bool {
        let users = MODULES.iter().find(|m| m.name == from).map_or(&[][..], |m| m.used_by);
        depth < MODULES.len() && users.iter().any(|user| *user == to || reaches(user, to, depth + 1))
    }
    for module in MODULES {
        assert!(!reaches(module.name, module.name, 0), "{} uses itself", module.name);
    }
}

#[test]
fn every_module_the_walk_records_is_in_the_table() {
    let source = include_str!("mod.rs");
    let walk = &source[source.find("fn needs(").unwrap_or(0)..source.find("/// When each module").unwrap_or(0)];
    let mut recorded = 0;
    for quoted in walk.split("add(\"").chain(walk.split("add_if(\"")).chain(walk.split("=> \"")).skip(1) {
        let name = quoted.split('"').next().unwrap_or_default();
        if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            assert!(MODULES.iter().any(|m| m.name == name), "the walk records `{name}`, no module of the table");
            recorded += 1;
        }
    }
    assert!(recorded > 30, "{recorded} names read off the walk");
}

/// The names a runtime module gives the rest of the crate: its items and
/// methods declared `pub`, `pub(crate)` or `pub(super)`, and its macros; not
/// the names every type has (`new`, `status`, ...), which say nothing of where
/// they come from.
fn defined_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for line in text.lines().map(str::trim_start) {
        let mut words = line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '!')).filter(|w| !w.is_empty());
        let (first, mut keyword) = (words.next(), None);
        if first == Some("macro_rules!") {
            keyword = first;
        } else if first == Some("pub") {
            keyword = words.find(|word| !["crate", "super", "async", "unsafe"].contains(word));
        }
        let item = ["fn", "struct", "enum", "trait", "const", "type", "static", "macro_rules!"];
        if let (Some(keyword), Some(name)) = (keyword, words.next()) {
            let common = ["new", "from", "default", "status", "len", "is_empty", "as_str", "into_inner"];
            if item.contains(&keyword) && !common.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn each_runtime_module_a_crate_gets_is_used_by_its_other_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
    let mut specs: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "json"))
        .collect();
    specs.sort();
    specs.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml"));
    for spec in &specs {
        let text = std::fs::read_to_string(spec).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        let Ok(generated) = crate::generate(&text, &crate::Options::default()) else { continue };
        let files: Vec<(&str, &str)> =
            generated.files.iter().map(|file| (file.path.as_str(), file.contents.as_str())).collect();
        for (path, module) in &files {
            let Some(name) = path.strip_prefix("src/runtime/").and_then(|rest| rest.strip_suffix(".rs")) else {
                continue;
            };
            if name == "mod" {
                continue;
            }
            let defined = defined_names(module);
            let used = files.iter().filter(|(other, _)| other != path && !other.ends_with("runtime/mod.rs")).any(
                |(_, text)| {
                    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '!'))
                        .any(|word| defined.contains(&word) || defined.contains(&word.trim_end_matches('!')))
                },
            );
            assert!(used, "{}: the crate's runtime has `{name}`, which none of its other files uses", spec.display());
        }
    }
}
