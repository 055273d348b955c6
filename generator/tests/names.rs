//! Rust keywords in a spec (operations, schemas, properties, parameters and
//! enum values named `type`, `self`, `Self`, `match`, `fn`) give names derived
//! from their plain spelling: `TypeParams` and `r#type`, never `RTypeParams`
//! from the spelling of the raw identifier.

use std::collections::BTreeSet;

use proc_macro2::{TokenStream, TokenTree};

/// Keywords the spec below uses as names.
const KEYWORDS: &[&str] = &["type", "self", "Self", "match", "fn"];

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Keywords, version: 1.0.0 }
servers: [{ url: "https://keywords.example.com" }]
paths:
  /type:
    get:
      operationId: type
      parameters:
        - { name: match, in: query, schema: { type: string } }
        - { name: fn, in: header, schema: { type: string } }
      responses:
        "200": { description: A type., content: { application/json: { schema: { $ref: "#/components/schemas/type" } } } }
        "201": { description: Created., content: { text/plain: { schema: { type: string } } } }
        "400": { description: Bad., content: { application/json: { schema: { $ref: "#/components/schemas/match" } } } }
        "404": { description: Missing. }
  /self/{type}:
    post:
      operationId: self
      parameters:
        - { name: type, in: path, required: true, schema: { type: string } }
        - { name: self, in: query, schema: { type: integer } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                Self: { type: string, minLength: 1 }
                match: { type: string, enum: [type, self, Self] }
      responses:
        "204": { description: Done. }
  /match:
    get:
      operationId: match
      responses:
        "204": { description: Done. }
  /Self:
    get:
      operationId: Self
      parameters:
        - { name: Self, in: query, schema: { type: boolean } }
      responses:
        "204": { description: Done. }
components:
  schemas:
    type:
      type: object
      properties:
        type: { type: string }
        self: { type: string }
        Self: { type: string }
        match: { type: integer }
        fn: { $ref: "#/components/schemas/Self" }
    self:
      type: object
      properties:
        type: { type: boolean }
    Self:
      type: string
      enum: [type, self, Self, match]
    match:
      oneOf:
        - $ref: "#/components/schemas/type"
        - $ref: "#/components/schemas/self"
"##;

/// The generated Rust files, by path.
fn generate() -> Vec<(String, String)> {
    let options = generator::Options::new("spec.yaml", "cargo test --test names");
    let generated = generator::generate(SPEC, &options).unwrap_or_else(|d| panic!("{d:?}"));
    generated
        .files
        .into_iter()
        .filter(|f| f.path.ends_with(".rs") && f.path != "src/runtime.rs")
        .map(|f| (f.path, f.contents))
        .collect()
}

/// Every identifier of some Rust source, as it is written (`r#type` for a raw one).
fn identifiers(source: &str) -> BTreeSet<String> {
    fn walk(tokens: TokenStream, out: &mut BTreeSet<String>) {
        for token in tokens {
            match token {
                TokenTree::Ident(ident) => {
                    out.insert(ident.to_string());
                }
                TokenTree::Group(group) => walk(group.stream(), out),
                _ => {}
            }
        }
    }
    let tokens: TokenStream = source.parse().unwrap_or_else(|e| panic!("generated code does not parse: {e}"));
    let mut out = BTreeSet::new();
    walk(tokens, &mut out);
    out
}

fn all_identifiers() -> BTreeSet<String> {
    generate().iter().flat_map(|(_, text)| identifiers(text)).collect()
}

#[test]
fn no_name_comes_from_the_spelling_of_a_raw_identifier() {
    let idents = all_identifiers();
    for keyword in KEYWORDS {
        let mut chars = keyword.chars();
        let camel: String = chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
        let spelled = format!("R{camel}");
        let wrong: Vec<&String> = idents.iter().filter(|i| i.starts_with(&spelled)).collect();
        assert!(wrong.is_empty(), "`{keyword}` gave {wrong:?}");
    }
    for ident in idents.iter().filter_map(|i| i.strip_prefix("r#")) {
        assert!(KEYWORDS.contains(&ident) || ident == "async", "`r#{ident}` is raw but no keyword");
    }
}

#[test]
fn names_derived_from_an_operation_use_its_plain_name() {
    let idents = all_identifiers();
    for expected in [
        // The methods: raw where Rust allows it, else with an underscore.
        "r#type",
        "self_",
        "r#match",
        "self_2",
        // The types derived from the operation `type`.
        "TypeParams",
        "TypeResponse",
        "TypeError",
        // From `self` (a type cannot be named `Self`) and `Self` (the method `self_2`).
        "SelfOpParams",
        "SelfOpBody",
        "Self2Params",
    ] {
        assert!(idents.contains(expected), "no `{expected}` in {idents:?}");
    }
}

#[test]
fn schemas_and_properties_named_after_keywords_keep_their_wire_names() {
    let files = generate();
    let types =
        files.iter().find(|(path, _)| path == "src/types.rs").map(|(_, text)| text.as_str()).unwrap_or_default();
    let idents = identifiers(types);
    for expected in ["Type", "SelfType", "SelfType2", "Match", "r#type", "self_", "self_2", "r#match", "r#fn"] {
        assert!(idents.contains(expected), "no `{expected}` in types.rs");
    }
    // The response type `type` decodes the key `Self` into `self_2` (the third
    // key, read into the third field), and writes it back under that key with `full-serde`.
    let keys = "const FIELDS: &'static [&'static str] = &[\"type\", \"self\", \"Self\", \"match\", \"fn\"];";
    assert!(types.contains(keys), "the keys of `Type`");
    assert!(types.contains("2 => map.value(&mut self_2)?,"), "`self_2` is not read from `Self`");
    let renamed = "serde(rename = \"Self\", skip_serializing_if = \"Option::is_none\")\n    )]\n    pub self_2:";
    assert!(types.contains(renamed), "`self_2` is not renamed to `Self`");
    // A raw field is its wire name: no rename.
    for field in ["r#type", "r#match", "r#fn"] {
        let declared = format!(
            "#[cfg_attr(feature = \"full-serde\", serde(skip_serializing_if = \"Option::is_none\"))]\n    pub {field}:"
        );
        assert!(types.contains(&declared), "`{field}`");
        assert!(types.contains(&format!("let mut {field} = None;")), "`{field}` is no local");
    }
}

#[test]
fn documentation_examples_call_raw_methods_by_their_raw_name() {
    let files = generate();
    let client =
        files.iter().find(|(path, _)| path == "src/client.rs").map(|(_, text)| text.as_str()).unwrap_or_default();
    assert!(client.contains("/// let response = client.r#type(&params).await?;"), "{client}");
    assert!(client.contains("/// let response = client.r#match().await?;"));
    assert!(!client.contains("client.type("));
}
