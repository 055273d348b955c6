//! The harness crate of one spec: a binary that calls every operation of the
//! spec's generated client (with its `full-serde` feature, so that every
//! argument type deserializes from the case's JSON) through
//! `conformance-support`'s recording proxy.

use std::fmt::Write as _;
use std::path::Path;

use generator::model::{Api, BodyEncoding, Operation, SchemeKind, Type};

/// `Cargo.toml` of the harness of the crate `package` (at `crate_dir`).
pub fn cargo_toml(name: &str, package: &str, crate_dir: &str, support: &Path) -> String {
    format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n\
         api = {{ package = \"{package}\", path = \"{crate_dir}\", features = [\"full-serde\"] }}\n\
         conformance-support = {{ path = \"{}\" }}\n\
         tokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n",
        support.display().to_string().replace('\\', "/")
    )
}

/// `src/main.rs` of the harness: one function per operation, the dispatch by
/// index (the order of the cases), and `main`.
pub fn main_rs(api: &Api) -> String {
    let mut out = String::new();
    out.push_str(
        "//! Calls every operation of the generated client against Prism (written by `cargo xtask conformance`).\n\
         #![allow(deprecated, clippy::all)]\n\n\
         use conformance_support::{Harness, Outcome, Skip, Values};\n\n",
    );
    out.push_str(OUTCOME);
    for (index, op) in api.operations.iter().enumerate() {
        operation(&mut out, api, index, op);
    }
    out.push_str("async fn call(client: &api::Client, index: usize, v: &Values) -> Result<Outcome, Skip> {\n");
    out.push_str("    match index {\n");
    for index in 0..api.operations.len() {
        let _ = writeln!(out, "        {index} => Box::pin(op_{index}(client, v)).await,");
    }
    out.push_str("        _ => Err(Skip::new(\"no such operation\")),\n    }\n}\n\n");
    out.push_str("#[tokio::main(flavor = \"current_thread\")]\nasync fn main() -> std::process::ExitCode {\n");
    out.push_str(
        "    let harness = match Harness::from_env().await {\n        Ok(harness) => harness,\n        Err(error) => {\n            eprintln!(\"harness: {error}\");\n            return std::process::ExitCode::FAILURE;\n        }\n    };\n",
    );
    out.push_str("    let built = api::Client::builder()\n        .base_url(harness.base_url())\n        .max_retries(0)\n        .timeout(harness.timeout())");
    for scheme in &api.schemes {
        if scheme.kind == SchemeKind::Basic {
            let _ = write!(out, "\n        .{}(\"conformance-user\", \"conformance-password\")", scheme.rust_name);
        } else {
            let _ = write!(out, "\n        .{}(\"conformance-credential\")", scheme.rust_name);
        }
    }
    out.push_str(
        "\n        .build();\n    let client = match built {\n        Ok(client) => client,\n        Err(error) => {\n            eprintln!(\"harness: the client does not build: {error}\");\n            return std::process::ExitCode::FAILURE;\n        }\n    };\n",
    );
    out.push_str(
        "    harness\n        .run(move |index, values| {\n            let client = client.clone();\n            Box::pin(async move { call(&client, index, &values).await })\n        })\n        .await;\n    std::process::ExitCode::SUCCESS\n}\n",
    );
    out
}

/// How a call's result becomes an outcome: the same for every operation.
const OUTCOME: &str = "\
fn outcome<T, E>(result: Result<api::Response<T>, api::Error<E>>) -> Outcome {
    match result {
        Ok(response) => Outcome::Ok { status: response.status().as_u16() },
        Err(api::Error::Api(error)) => Outcome::Api { status: error.status().as_u16() },
        Err(api::Error::Decode(error)) => Outcome::Decode { status: error.status().as_u16(), message: error.to_string() },
        Err(api::Error::UnexpectedStatus(error)) => Outcome::Unexpected { status: error.status().as_u16() },
        Err(api::Error::InvalidRequest(error)) => Outcome::Refused { message: error.to_string() },
        Err(other) => Outcome::Failed { message: other.to_string() },
    }
}

";

/// How an argument of type `ty` is bound and passed: the annotation of its
/// binding (when the call alone cannot infer it), and the expression passed.
fn pass(ty: &Type, var: &str) -> (&'static str, String) {
    match ty {
        _ if ty.passes_by_value() => ("", var.to_owned()),
        Type::String | Type::Secret => (": String", format!("&{var}")),
        Type::Bytes => (": Vec<u8>", format!("&{var}")),
        Type::Upload => (": Vec<u8>", var.to_owned()),
        Type::Vec(_) => (": Vec<_>", format!("{var}.as_slice()")),
        _ => ("", format!("&{var}")),
    }
}

fn operation(out: &mut String, api: &Api, index: usize, op: &Operation) {
    let _ = writeln!(out, "/// `{} {}`", op.method, op.path.replace('`', "'"));
    let _ = writeln!(out, "async fn op_{index}(client: &api::Client, v: &Values) -> Result<Outcome, Skip> {{");
    let mut args = Vec::new();
    for (i, param) in op.path_params.iter().enumerate() {
        let var = format!("path_{i}");
        let (annotation, expr) = pass(&param.ty, &var);
        let _ = writeln!(out, "    let {var}{annotation} = v.arg({:?})?;", format!("path.{}", param.name.as_str()));
        args.push(expr);
    }
    if let Some(id) = op.params_type {
        let _ = writeln!(out, "    let params = api::types::{} {{", api.types[id].name);
        for param in &op.params {
            let _ = writeln!(out, "        {}: v.arg({:?})?,", param.name, format!("params.{}", param.name.as_str()));
        }
        out.push_str("    };\n");
        args.push("&params".to_owned());
    }
    if let Some(body) = &op.body {
        // An upload is taken as `impl Into<Upload>` when required and as an `Option<Upload>` when not.
        let (annotation, expr) = match &body.encoding {
            BodyEncoding::Binary(_) | BodyEncoding::MultipartFile if body.required => (": Vec<u8>", "body".to_owned()),
            BodyEncoding::Binary(_) | BodyEncoding::MultipartFile => (": Vec<u8>", "body.into()".to_owned()),
            BodyEncoding::Text(_) => (": String", "body".to_owned()),
            _ => pass(&body.ty, "body"),
        };
        if matches!(body.encoding, BodyEncoding::MultipartForm) {
            // The spec names no part: one text part stands for the form.
            out.push_str("    let body = api::MultipartForm::new().text(\"conformance\", \"conformance\");\n");
            args.push(if body.required { "&body".to_owned() } else { "Some(&body)".to_owned() });
        } else {
            let _ = writeln!(out, "    let body{annotation} = v.arg(\"body\")?;");
            args.push(if body.required { expr } else { format!("Some({expr})") });
        }
    }
    let _ = writeln!(out, "    Ok(outcome(client.{}({}).await))", op.name, args.join(", "));
    out.push_str("}\n\n");
}
