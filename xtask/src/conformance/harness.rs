//! The harness crate of one spec: a binary that calls every operation of the
//! spec's generated client (with its `full-serde` feature, so that every
//! argument type deserializes from the case's JSON) through
//! `conformance-support`'s recording proxy. Its source is tokens (`quote!`)
//! printed by the generator's own formatter, as the generated crates are.

use std::path::Path;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use generator::format;
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
pub fn main_rs(api: &Api) -> Result<String, String> {
    let operations = api.operations.iter().enumerate().map(|(index, op)| operation(api, index, op));
    let arms = (0..api.operations.len()).map(|index| {
        let function = function(index);
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => Box::pin(#function(client, v)).await,)
    });
    let credentials = api.schemes.iter().map(|scheme| {
        let method = &scheme.rust_name;
        if scheme.kind == SchemeKind::Basic {
            quote!(.#method("conformance-user", "conformance-password"))
        } else {
            quote!(.#method("conformance-credential"))
        }
    });
    let tokens = quote! {
        #![doc = " Calls every operation of the generated client against Prism (written by `cargo xtask conformance`)."]
        #![allow(deprecated, clippy::all)]

        use conformance_support::{Harness, Outcome, Skip, Values};

        /// How a call's result becomes an outcome: the same for every operation.
        fn outcome<T, E>(result: Result<api::Response<T>, api::Error<E>>) -> Outcome {
            match result {
                Ok(response) => Outcome::Ok { status: response.status().as_u16() },
                Err(api::Error::Api(error)) => Outcome::Api { status: error.status().as_u16() },
                Err(api::Error::Decode(error)) => {
                    Outcome::Decode { status: error.status().as_u16(), message: error.to_string() }
                }
                Err(api::Error::UnexpectedStatus(error)) => Outcome::Unexpected { status: error.status().as_u16() },
                Err(api::Error::InvalidRequest(error)) => Outcome::Refused { message: error.to_string() },
                Err(other) => Outcome::Failed { message: other.to_string() },
            }
        }

        #(#operations)*

        async fn call(client: &api::Client, index: usize, v: &Values) -> Result<Outcome, Skip> {
            match index {
                #(#arms)*
                _ => Err(Skip::new("no such operation")),
            }
        }

        #[tokio::main(flavor = "current_thread")]
        async fn main() -> std::process::ExitCode {
            let harness = match Harness::from_env().await {
                Ok(harness) => harness,
                Err(error) => {
                    eprintln!("harness: {error}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            let built = api::Client::builder()
                .base_url(harness.base_url())
                .max_retries(0)
                .timeout(harness.timeout())
                #(#credentials)*
                .build();
            let client = match built {
                Ok(client) => client,
                Err(error) => {
                    eprintln!("harness: the client does not build: {error}");
                    return std::process::ExitCode::FAILURE;
                }
            };
            harness
                .run(move |index, values| {
                    let client = client.clone();
                    Box::pin(async move { call(&client, index, &values).await })
                })
                .await;
            std::process::ExitCode::SUCCESS
        }
    };
    format::rust_file("src/main.rs", tokens).map_err(|diagnostic| diagnostic.message)
}

/// The name of the function that calls the operation at `index`.
fn function(index: usize) -> proc_macro2::Ident {
    format_ident!("op_{index}")
}

/// How an argument of type `ty` is bound and passed: the annotation of its
/// binding (when the call alone cannot infer it), and the expression passed.
fn pass(ty: &Type, var: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    match ty {
        _ if ty.passes_by_value() => (TokenStream::new(), quote!(#var)),
        Type::String | Type::Secret => (quote!(: String), quote!(&#var)),
        Type::Bytes => (quote!(: Vec<u8>), quote!(&#var)),
        Type::Upload => (quote!(: Vec<u8>), quote!(#var)),
        Type::Vec(_) => (quote!(: Vec<_>), quote!(#var.as_slice())),
        _ => (TokenStream::new(), quote!(&#var)),
    }
}

/// The function that calls `op` (the operation at `index`) with its case's
/// arguments and classifies the result.
fn operation(api: &Api, index: usize, op: &Operation) -> TokenStream {
    let doc = format!(" `{} {}`", op.method, op.path.replace('`', "'"));
    let mut bindings = Vec::new();
    let mut args = Vec::new();
    for (i, param) in op.path_params.iter().enumerate() {
        let var = format_ident!("path_{i}");
        let (annotation, expr) = pass(&param.ty, &var);
        let key = format!("path.{}", param.name.as_str());
        bindings.push(quote!(let #var #annotation = v.arg(#key)?;));
        args.push(expr);
    }
    if let Some(id) = op.params_type {
        let name = &api.types[id].name;
        let fields = op.params.iter().map(|param| {
            let field = &param.name;
            let key = format!("params.{}", param.name.as_str());
            quote!(#field: v.arg(#key)?,)
        });
        bindings.push(quote!(let params = api::types::#name { #(#fields)* };));
        args.push(quote!(&params));
    }
    if let Some(body) = &op.body {
        let var = format_ident!("body");
        if matches!(body.encoding, BodyEncoding::MultipartForm) {
            // The spec names no part: one text part stands for the form.
            bindings.push(quote!(let body = api::MultipartForm::new().text("conformance", "conformance");));
            args.push(if body.required { quote!(&body) } else { quote!(Some(&body)) });
        } else {
            // An upload is taken as `impl Into<Upload>` when required and as an `Option<Upload>` when not.
            let (annotation, expr) = match &body.encoding {
                BodyEncoding::Binary(_) | BodyEncoding::MultipartFile if body.required => {
                    (quote!(: Vec<u8>), quote!(body))
                }
                BodyEncoding::Binary(_) | BodyEncoding::MultipartFile => (quote!(: Vec<u8>), quote!(body.into())),
                BodyEncoding::Text(_) => (quote!(: String), quote!(body)),
                _ => pass(&body.ty, &var),
            };
            bindings.push(quote!(let body #annotation = v.arg("body")?;));
            args.push(if body.required { expr } else { quote!(Some(#expr)) });
        }
    }
    let function = function(index);
    let method = &op.name;
    quote! {
        #[doc = #doc]
        async fn #function(client: &api::Client, v: &Values) -> Result<Outcome, Skip> {
            #(#bindings)*
            Ok(outcome(client.#method(#(#args),*).await))
        }
    }
}
