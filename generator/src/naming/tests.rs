//! Tests of the naming rules.

use super::*;

#[test]
fn feature_names_are_kebab_case_and_unique() {
    assert_eq!(feature_name("Code Scanning"), "code-scanning");
    assert_eq!(feature_name("secret_scanning"), "secret-scanning");
    assert_eq!(feature_name("2fa"), "tag-2fa");
    assert_eq!(feature_name("???"), "question-question-question");
    assert_eq!(feature_name(""), "tag");
    let mut names = Features::default();
    assert_eq!(names.claim("repos"), "repos");
    assert_eq!(names.claim("Repos"), "repos-2");
    assert_eq!(names.claim("repos"), "repos-3");
    assert_eq!(names.claim("Full Serde"), "full-serde-2");
    assert_eq!(names.claim("untagged"), "untagged-2");
}

#[test]
fn camel_names() {
    assert_eq!(camel("update-webhook request", "Type"), "UpdateWebhookRequest");
    assert_eq!(camel("2fa", "Type"), "Type2fa");
    assert_eq!(camel("", "Empty"), "Empty");
    assert_eq!(camel("=", "Value"), "Equal");
    assert_eq!(camel("!=", "Value"), "NotEqual");
    assert_eq!(camel(">=", "Value"), "GreaterOrEqual");
    assert_eq!(camel("-1", "Value"), "Minus1");
    assert_eq!(camel("1", "Value"), "Value1");
    assert_eq!(camel("Self", "Type"), "SelfType");
    assert_eq!(camel("application/json", "Type"), "ApplicationJson");
    assert_eq!(camel("+1", "Value"), "Plus1");
    assert_eq!(camel("é", "Value"), "Value");
}

/// The code spelling (`r#type`) of a snake_case name.
fn snake_code(raw: &str) -> String {
    snake(raw, "field").to_string()
}

#[test]
fn snake_names() {
    assert_eq!(snake_code("workspaceId"), "workspace_id");
    assert_eq!(snake_code("_id"), "id");
    assert_eq!(snake_code("type"), "r#type");
    assert_eq!(snake_code("self"), "self_");
    assert_eq!(snake_code("Self"), "self_");
    assert_eq!(snake_code("crate"), "crate_");
    assert_eq!(snake_code("2fa"), "field_2fa");
    assert_eq!(snake_code("@type"), "r#type");
    assert_eq!(snake_code("$"), "dollar");
    assert_eq!(snake_code(""), "field");
    assert_eq!(snake_code("X-Api-Key"), "x_api_key");
}

/// The ASCII UpperCamelCase is heck's, on names of every shape: a
/// deterministic sample of strings over letters of both cases, digits
/// and separators.
#[test]
fn ascii_upper_camel_case_is_hecks() {
    let alphabet = b"aAbBzZ09_- ./+xYHTTPs";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..20_000 {
        let len = round % 13;
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize] as char
            })
            .collect();
        assert_eq!(ascii_upper_camel(&text), text.to_upper_camel_case(), "{text:?}");
    }
    for text in ["HTTPServer", "fooBar", "ABC", "a b c", "v1beta2", "X-Api-Key", "IPv6Address", "", "__"] {
        assert_eq!(ascii_upper_camel(text), text.to_upper_camel_case(), "{text:?}");
    }
}

/// The shortcut for names that are snake_case already gives what the
/// general path gives.
#[test]
fn plain_snake_names_take_the_short_way_to_the_same_name() {
    let names = [
        "id",
        "node_id",
        "html_url",
        "v1",
        "v2_beta",
        "a1b2",
        "sha256_sum",
        "x",
        "type",
        "self",
        "crate",
        "async",
        "r#type",
        "per_page",
        "created_at",
        "ipv6_cidr_block",
        "item_2",
        "tag42x",
    ];
    for raw in names {
        let general = identifier_chars(&words(raw).to_snake_case());
        if is_plain_snake(raw) {
            assert_eq!(raw, general, "{raw}");
        }
    }
    for raw in ["_id", "id_", "a__b", "2fa", "Id", "nodeId", "a-b", "a b", "é"] {
        assert!(!is_plain_snake(raw), "{raw}");
    }
}

#[test]
fn raw_identifiers_know_their_plain_form() {
    let name = snake("type", "field");
    assert!(name.is_raw());
    assert_eq!(name.as_str(), "type");
    assert_eq!(name.to_string(), "r#type");
    assert_eq!(name.to_ident().to_string(), "r#type");
    assert_eq!(quote::quote!(#name).to_string(), "r#type");
    assert_eq!(name.suffixed("username").to_string(), "type_username");
    let plain = snake("name", "field");
    assert!(!plain.is_raw());
    assert_eq!(plain.to_ident().to_string(), "name");
}

#[test]
fn derived_names_come_from_the_plain_form() {
    for (operation, stem) in [("type", "Type"), ("match", "Match"), ("self", "SelfOp"), ("Self", "SelfOp")] {
        let derived = operation_stem(&snake(operation, "op"));
        assert_eq!(derived, stem, "{operation}");
        assert_eq!(params_type(&derived), format!("{stem}Params"));
    }
    assert_eq!(operation_stem(&snake("update webhook", "op")), "UpdateWebhook");
}

#[test]
fn collisions_are_numbered_in_claim_order() {
    let mut ns = Namespace::new();
    assert_eq!(ns.claim(type_ident("Pet".to_owned())).to_string(), "Pet");
    assert_eq!(ns.claim(type_ident("Pet".to_owned())).to_string(), "Pet2");
    assert_eq!(ns.claim(type_ident("Pet".to_owned())).to_string(), "Pet3");
    let mut fields = Namespace::new();
    let mut claim = |raw: &str| fields.claim(snake(raw, "field")).to_string();
    assert_eq!(claim("foo_bar"), "foo_bar");
    assert_eq!(claim("foo_bar"), "foo_bar_2");
    assert_eq!(claim("type"), "r#type");
    assert_eq!(claim("type"), "type_2");
    assert_eq!(claim("self"), "self_");
    assert_eq!(claim("self"), "self_2");
}

#[test]
fn prelude_names_are_not_shadowed() {
    assert_eq!(type_name("Result".to_owned()), "ResultType");
    assert_eq!(type_name("String".to_owned()), "StringType");
    assert_eq!(type_name("Results".to_owned()), "Results");
}

#[test]
fn crate_names() {
    assert_eq!(crate_name("SendKit API"), "send-kit-api");
    assert_eq!(crate_name("GitHub v3 REST API"), "git-hub-v3-rest-api");
    assert_eq!(crate_name("!!!"), "bang-bang-bang");
    assert_eq!(crate_name("123"), "api-123");
    assert_eq!(crate_name("move"), "move-api");
}

#[test]
fn crate_names_from_titles_are_the_leading_product_word() {
    let name = |title: &str| title_crate_name(title);
    assert_eq!(name("GitHub's official OpenAPI spec + Octokit extension").as_deref(), Some("github"));
    assert_eq!(name("OpenAI API").as_deref(), Some("openai"));
    assert_eq!(name("Stripe API").as_deref(), Some("stripe"));
    assert_eq!(name("The Jira Cloud platform REST API").as_deref(), Some("jira"));
    assert_eq!(name("DigitalOcean API").as_deref(), Some("digitalocean"));
    assert_eq!(name("Swagger Petstore").as_deref(), Some("petstore"));
    assert_eq!(name("Netlify's API documentation").as_deref(), Some("netlify"));
    assert_eq!(name("Twilio - Api").as_deref(), Some("twilio"));
    assert_eq!(name("API v3.1: Podcasts").as_deref(), Some("podcasts"));
    assert_eq!(name("Move API").as_deref(), Some("move-api"));
    assert_eq!(name("3D Secure").as_deref(), Some("api-3d"));
    assert_eq!(name("The REST API"), None);
    assert_eq!(name(""), None);
}
