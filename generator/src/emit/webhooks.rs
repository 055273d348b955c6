//! `webhooks.rs`, for an API whose spec lists webhooks (OpenAPI 3.1): the
//! `Webhook` enum, one variant per webhook holding its payload, which decodes
//! an incoming request's body by the webhook's name, and verifies the
//! signature of an API that signs them as Standard Webhooks signs requests.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Scope, docs, rust_type};
use crate::model::{Api, Webhook};
use crate::naming::lib_name;

/// The `webhooks` module.
pub(super) fn module(api: &Api) -> TokenStream {
    let variants = api.webhooks.iter().map(|webhook| variant(api, webhook));
    let names = api.webhooks.iter().map(|webhook| &webhook.name);
    let decode_arms = api.webhooks.iter().map(|webhook| {
        let (name, variant) = (&webhook.name, &webhook.variant);
        match webhook.payload {
            Some(_) => quote!(#name => Ok(Webhook::#variant(decode(#name, body)?)),),
            None => quote!(#name => Ok(Webhook::#variant),),
        }
    });
    let name_arms = api.webhooks.iter().map(|webhook| {
        let (name, variant) = (&webhook.name, &webhook.variant);
        match webhook.payload {
            Some(_) => quote!(Webhook::#variant(_) => #name,),
            None => quote!(Webhook::#variant => #name,),
        }
    });
    let decode_doc = docs::attrs(&[
        "Decodes the body of an incoming request of the webhook called `name` (as".to_owned(),
        "the spec lists it, see [`Webhook::NAMES`]).".to_owned(),
        String::new(),
        "# Errors".to_owned(),
        String::new(),
        "[`WebhookError::Unknown`] when the spec lists no webhook called `name`,".to_owned(),
        "and [`WebhookError::Decode`] when the body is not that webhook's payload.".to_owned(),
    ]);
    let uses_body = api.webhooks.iter().any(|webhook| webhook.payload.is_some());
    let body = if uses_body { quote!(body) } else { quote!(_body) };
    let decode_helper = uses_body.then(|| {
        quote! {
            /// Decodes a webhook's JSON payload.
            fn decode<T: serde::de::DeserializeOwned>(webhook: &'static str, body: &[u8]) -> Result<T, WebhookError> {
                serde_json::from_slice(body).map_err(|error| WebhookError::Decode {
                    webhook,
                    message: runtime::redact_values(&error.to_string()),
                })
            }
        }
    });
    let signed = api.webhooks.iter().any(|webhook| webhook.signed);
    let runtime = (uses_body || signed).then(|| {
        quote!(
            use crate::runtime;
        )
    });
    let (verify, signature_error, signature_export) = if signed { signature_parts() } else { Default::default() };
    quote! {
        //! The webhooks of the API: requests it sends to its users. A receiver
        //! decodes an incoming request with [`Webhook::decode`].
        #![allow(deprecated)]

        #runtime

        /// A webhook request the API sends, decoded.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Webhook {
            #(#variants)*
        }

        impl Webhook {
            /// The names of the webhooks, as the spec lists them.
            pub const NAMES: &'static [&'static str] = &[#(#names),*];

            #decode_doc
            pub fn decode(name: &str, #body: &[u8]) -> Result<Self, WebhookError> {
                match name {
                    #(#decode_arms)*
                    _ => Err(WebhookError::Unknown(name.to_owned())),
                }
            }

            #verify

            /// The name of the webhook, as the spec lists it.
            pub fn name(&self) -> &'static str {
                match self {
                    #(#name_arms)*
                }
            }
        }

        #signature_export

        /// Why a webhook request could not be decoded.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum WebhookError {
            /// The spec lists no webhook of this name.
            #[error("the spec lists no webhook called `{0}`")]
            Unknown(String),
            /// The body is not the webhook's payload.
            #[error("the body of a `{webhook}` webhook request does not decode: {message}")]
            Decode {
                /// The webhook's name.
                webhook: &'static str,
                /// What is wrong, without the values of the body.
                message: String,
            },
            #signature_error
        }

        #decode_helper
    }
}

/// For an API whose webhooks are signed as Standard Webhooks signs them:
/// `Webhook::verify_and_decode` (and `_at`), the `WebhookError::Signature`
/// variant, and the re-export of the runtime's `SignatureError`.
fn signature_parts() -> (TokenStream, TokenStream, TokenStream) {
    let verify = quote! {
        /// Verifies that an incoming request of the webhook called `name` was signed
        /// with `secret` as Standard Webhooks signs requests (its `webhook-id`,
        /// `webhook-timestamp` and `webhook-signature` headers, an HMAC-SHA256 of the
        /// body under the secret, `whsec_` and base64, and a timestamp within five
        /// minutes of now), then decodes its body. Pass the body's bytes exactly as
        /// they arrived.
        ///
        /// # Errors
        ///
        /// [`WebhookError::Signature`] when the request is not signed with the
        /// secret or its timestamp is too old (or too far ahead), else as
        /// [`Webhook::decode`].
        pub fn verify_and_decode(
            name: &str,
            headers: &reqwest::header::HeaderMap,
            body: &[u8],
            secret: &crate::Secret,
        ) -> Result<Self, WebhookError> {
            Self::verify_and_decode_at(name, headers, body, secret, std::time::SystemTime::now())
        }

        /// [`Webhook::verify_and_decode`], with `now` as the current time (for a
        /// request stored and checked later, or a test).
        ///
        /// # Errors
        ///
        /// As [`Webhook::verify_and_decode`].
        pub fn verify_and_decode_at(
            name: &str,
            headers: &reqwest::header::HeaderMap,
            body: &[u8],
            secret: &crate::Secret,
            now: std::time::SystemTime,
        ) -> Result<Self, WebhookError> {
            runtime::verify_signature(headers, body, secret, now)?;
            Self::decode(name, body)
        }
    };
    let error = quote! {
        /// The request's signature does not verify.
        #[error("the webhook request's signature does not verify: {0}")]
        Signature(#[from] SignatureError),
    };
    let export = quote!(pub use crate::runtime::SignatureError;);
    (verify, error, export)
}

/// One variant of the `Webhook` enum, documented from the spec, with a doctest
/// decoding the spec's example payload.
fn variant(api: &Api, webhook: &Webhook) -> TokenStream {
    let fallback = format!("The `{}` webhook.", webhook.name);
    // The example is shown once, as the doctest below.
    let prose = crate::model::Docs { example: None, ..webhook.docs.clone() };
    let mut lines = docs::lines(&prose, &fallback);
    if let Some(example) = webhook.payload.as_ref().and(webhook.docs.example.as_ref()) {
        if let Ok(json) = serde_json::to_string_pretty(example) {
            let lib = lib_name(&api.crate_name);
            let literal = docs::raw_string(&format!("\n{json}\n"));
            lines.push(String::new());
            lines.push("The spec's example of this webhook's body decodes:".to_owned());
            lines.push(String::new());
            lines.push("```".to_owned());
            let mut literal_lines = literal.lines();
            lines.push(format!(
                "let webhook = {lib}::webhooks::Webhook::decode({:?}, {}",
                webhook.name,
                literal_lines.next().unwrap_or_default()
            ));
            lines.extend(literal_lines.map(str::to_owned));
            if let Some(last) = lines.last_mut() {
                last.push_str(".as_bytes())?;");
            }
            lines.push(format!("assert_eq!(webhook.name(), {:?});", webhook.name));
            lines.push(format!("# Ok::<(), {lib}::webhooks::WebhookError>(())"));
            lines.push("```".to_owned());
        }
    }
    let doc = docs::attrs(&lines);
    let deprecated = webhook.docs.deprecated.then(|| quote!(#[deprecated]));
    let variant = &webhook.variant;
    match &webhook.payload {
        Some(ty) => {
            let ty = rust_type(api, ty, Scope::Crate);
            quote!(#doc #deprecated #variant(#ty),)
        }
        None => quote!(#doc #deprecated #variant,),
    }
}
