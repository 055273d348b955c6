//! `Cargo.toml` of the generated crate: only registry dependencies, and only
//! those its types need.

use super::streams::Streaming;
use crate::model::{Api, FeatureKind, Type};

/// Escapes a string for a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` on one line, for a TOML comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The manifest. The header comment is added by the format stage.
pub fn cargo_toml(api: &Api) -> String {
    let description = format!(
        "Rust client for the {} (version {}), generated from its OpenAPI document.",
        api.display_name(),
        api.api_version
    );
    let mut out = String::new();
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_string(&api.crate_name)));
    out.push_str(&format!("version = {}\n", toml_string(&api.crate_version)));
    out.push_str("edition = \"2024\"\n");
    out.push_str("rust-version = \"1.85\"\n");
    out.push_str(&format!("description = {}\n", toml_string(&description)));
    out.push_str("readme = \"README.md\"\n");
    if let Some(license) = &api.license {
        out.push_str(&format!("license = {}\n", toml_string(license)));
    }
    out.push_str("publish = false\n");
    out.push('\n');
    out.push_str("[features]\n");
    let mut default = vec![toml_string("rustls")];
    default.extend(api.features.iter().map(|feature| toml_string(&feature.name)));
    if api.features.is_empty() {
        out.push_str("# TLS through rustls on aws-lc-rs.\n");
    } else {
        out.push_str("# TLS through rustls on aws-lc-rs, and every tag's operations (and every type).\n");
    }
    out.push_str(&format!("default = [{}]\n", default.join(", ")));
    out.push_str("# The TLS stack, through one of reqwest's TLS features (the crate docs say more):\n");
    out.push_str("# rustls with its default crypto provider, aws-lc-rs (post-quantum key exchange),\n");
    out.push_str("rustls = [\"reqwest/rustls\"]\n");
    out.push_str("# rustls on the *ring* provider (builds where aws-lc does not; no post-quantum key exchange),\n");
    // `rustls?/ring`, not `rustls/ring`: the latter would also turn on this crate's `rustls` feature.
    out.push_str("rustls-ring = [\"reqwest/rustls-no-provider\", \"dep:rustls\", \"rustls?/ring\"]\n");
    out.push_str("# the platform's TLS (OpenSSL on Linux, Security framework on macOS, SChannel on Windows).\n");
    out.push_str("native-tls = [\"reqwest/native-tls\"]\n");
    for feature in &api.features {
        match &feature.kind {
            FeatureKind::Tag(tag) => out.push_str(&format!(
                "# The operations tagged `{}` ({}), and the types they use.\n",
                one_line(tag),
                feature.operations
            )),
            FeatureKind::Untagged => out.push_str(&format!(
                "# The operations without a tag ({}), and the types they use.\n",
                feature.operations
            )),
            FeatureKind::UnusedTypes => out.push_str("# The types no operation uses, and the types inside them.\n"),
        }
        out.push_str(&format!("{} = []\n", feature.name));
    }
    out.push_str("# Types implement `Serialize` when requests send them and `Deserialize` when responses\n");
    out.push_str("# carry them (or no operation uses them); this feature adds the other direction too.\n");
    out.push_str("full-serde = []\n");
    if api.has_client() {
        out.push_str("# A span per call and an event per retry, through `tracing`, with OpenTelemetry's HTTP attributes.\n");
        out.push_str("tracing = [\"dep:tracing\"]\n");
    }
    out.push('\n');
    out.push_str("[dependencies]\n");
    for (name, requirement) in dependencies(api) {
        out.push_str(&format!("{name} = {requirement}\n"));
    }
    out
}

/// The dependencies, sorted by name: the crates the generated code uses, and
/// those of the API's [`Api::dependencies`] (whose requirement replaces the
/// generator's for a crate both name).
///
/// Each requirement's lowest version works: CI resolves the generated crates
/// with `cargo +nightly update -Z direct-minimal-versions` and lints them with
/// warnings denied (`cargo xtask deps --minimal`). A bound is the highest of
/// what the generated code needs and what the newest versions of the crates
/// in its tree ask of the same crate (cargo cannot resolve a lower one), as
/// the comments say.
fn dependencies(api: &Api) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, requirement: &str| out.push((name.to_owned(), requirement.to_owned()));
    // hyper-util asks for bytes 1.7.1.
    add("bytes", "\"1.7.1\"");
    if api.uses(&|ty| matches!(ty, Type::DateTime | Type::Date)) {
        // chrono's `std` feature is 0.4.10's.
        add("chrono", "{ version = \"0.4.10\", default-features = false, features = [\"serde\", \"std\"] }");
    }
    let paginated = api.operations.iter().any(|op| op.pagination.is_some());
    // Streamed bodies: the `Stream` trait, and the body trait reqwest reads and writes them through.
    let streaming = Streaming::of(api);
    let streamed = !streaming.any().is_never();
    if paginated || streamed {
        // futures-util and futures-channel ask for futures-core 0.3.34.
        add("futures-core", "\"0.3.34\"");
    }
    if paginated {
        // The stream methods of paginated lists; reqwest asks for futures-util 0.3.28.
        add("futures-util", "{ version = \"0.3.28\", default-features = false }");
    }
    if streamed {
        add("http-body", "\"1\"");
    }
    let signed = api.webhooks.iter().any(|webhook| webhook.signed);
    if signed {
        // Standard Webhooks signatures: base64 signatures and secrets, HMAC-SHA256.
        add("base64", "\"0.22\"");
        add("hmac", "\"0.12\"");
        add("sha2", "{ version = \"0.10\", default-features = false }");
    }
    add("httpdate", "\"1\"");
    // url and form_urlencoded ask for percent-encoding 2.3.2.
    add("percent-encoding", "\"2.3.2\"");
    // No TLS feature of reqwest's here: the crate's own features choose one.
    add("reqwest", "{ version = \"0.13\", default-features = false }");
    // Only with `rustls-ring`: the runtime asks rustls for the process's crypto
    // provider. tokio-rustls and rustls-platform-verifier ask for rustls 0.23.27.
    add("rustls", "{ version = \"0.23.27\", default-features = false, features = [\"std\"], optional = true }");
    // serde_json asks for serde 1.0.220.
    add("serde", "{ version = \"1.0.220\", features = [\"derive\"] }");
    // icu_provider (under url) asks for serde_json 1.0.45.
    add("serde_json", "\"1.0.45\"");
    // quinn (an optional dependency of reqwest's, in every lockfile) asks for thiserror 2.0.3 and tokio 1.28.1.
    add("thiserror", "\"2.0.3\"");
    if api.has_client() {
        // The `tracing` feature's spans and events.
        add("tracing", "{ version = \"0.1.41\", default-features = false, features = [\"std\"], optional = true }");
    }
    // Files to upload are read as they are sent; tokens are fetched by one call at a time.
    let mut tokio = Vec::new();
    if !streaming.uploads.is_never() {
        tokio.push("\"fs\"");
    }
    if api.settled_credentials().tokens {
        tokio.push("\"sync\"");
    }
    tokio.push("\"time\"");
    add("tokio", &format!("{{ version = \"1.28.1\", features = [{}] }}", tokio.join(", ")));
    // Idempotency keys are random UUIDs.
    let idempotency = api.operations.iter().any(|op| op.idempotency_header.is_some());
    match (api.uses(&|ty| matches!(ty, Type::Uuid)), idempotency) {
        (true, true) => add("uuid", "{ version = \"1\", features = [\"serde\", \"v4\"] }"),
        (true, false) => add("uuid", "{ version = \"1\", features = [\"serde\"] }"),
        (false, true) => add("uuid", "{ version = \"1\", features = [\"v4\"] }"),
        (false, false) => {}
    }
    for dependency in &api.dependencies {
        match out.iter_mut().find(|(name, _)| *name == dependency.name) {
            Some(existing) => existing.1 = dependency.requirement.clone(),
            None => out.push((dependency.name.clone(), dependency.requirement.clone())),
        }
    }
    out.sort();
    out
}
