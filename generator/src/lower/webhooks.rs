//! Webhooks (OpenAPI 3.1's top-level `webhooks`): the requests an API sends to
//! its users. Each becomes a variant of the generated `Webhook` enum, which
//! holds the request's JSON body, so a receiver decodes a request by the
//! webhook's name. A webhook that declares a `webhook-signature` header (or
//! every webhook, with the `webhook-signatures` setting) is signed as Standard
//! Webhooks signs requests, and its receiver can verify it.

use super::{Lowerer, Skip};
use crate::diag::Pointer;
use crate::load::Document;
use crate::model::{BodyEncoding, Docs, ParamLocation, RequestBody, Webhook};
use crate::naming::{Namespace, camel_ident};

impl<'a> Lowerer<'a> {
    /// The document's webhooks, in document order; `all_signed` when the
    /// `webhook-signatures` setting says every one is signed.
    pub(super) fn webhooks(&mut self, all_signed: bool) -> Vec<Webhook> {
        let doc: &'a Document = self.doc;
        let mut names = Namespace::new();
        let mut out = Vec::new();
        for (name, node) in &doc.webhooks {
            let item_at = Pointer::root().push("webhooks").push(name);
            let item = match self.resolver.follow(node) {
                Ok((_, item)) => item,
                Err(message) => {
                    self.error(&item_at, message);
                    continue;
                }
            };
            let operations: Vec<(&str, &'a openapiv3::Operation)> = item.iter().collect();
            let chosen = operations.iter().find(|(method, _)| *method == "post").or(operations.first());
            let Some(&(method, op)) = chosen else {
                self.warn(&item_at, "a webhook without an operation is not generated");
                continue;
            };
            if operations.len() > 1 {
                self.warn(
                    &item_at,
                    format!("a webhook with several operations: only its `{method}` request is decoded"),
                );
            }
            let at = item_at.push(method);
            let variant = names.claim(camel_ident(name, "Webhook"));
            self.op_stems.insert(at.clone(), variant.as_str().to_owned());
            let mut docs = Docs {
                summary: op.summary.clone(),
                description: op.description.clone(),
                example: None,
                deprecated: op.deprecated,
            };
            let payload = match &op.request_body {
                None => None,
                Some(node) => match self.request_body(node, &at.push("requestBody")) {
                    Ok(None) => None,
                    Ok(Some(RequestBody { ty, encoding: BodyEncoding::Json(_), docs: body_docs, .. })) => {
                        docs.example = body_docs.example;
                        Some(ty)
                    }
                    Ok(Some(_)) => {
                        self.warn(&at.push("requestBody"), "a webhook whose body is not JSON is not generated");
                        continue;
                    }
                    Err(Skip::Reported) => continue,
                    Err(Skip::Unsupported(at, message)) => {
                        self.warn(&at, format!("webhook skipped: {message}"));
                        continue;
                    }
                },
            };
            self.drain();
            let params = self.resolve_params(item, op, &item_at, &at);
            let signed = all_signed
                || params.keys().any(|(name, location)| {
                *location == ParamLocation::Header && name.eq_ignore_ascii_case("webhook-signature")
            });
            out.push(Webhook { name: name.clone(), variant, payload, docs, signed });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::Options;

    /// The webhooks file and manifest of an API with one unsigned-looking webhook.
    fn generate(options: &Options) -> (String, String) {
        let spec = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"},
            "webhooks": {"ping": {"post": {"responses": {"204": {"description": "ok"}}}}}}"#;
        let generated = crate::generate(spec, options).unwrap_or_else(|d| panic!("{d:?}"));
        let file = |path: &str| {
            generated.files.iter().find(|f| f.path == path).map(|f| f.contents.clone()).unwrap_or_default()
        };
        (file("src/webhooks.rs"), file("Cargo.toml"))
    }

    #[test]
    fn the_webhook_signatures_setting_signs_webhooks_that_declare_no_signature_header() {
        let (webhooks, manifest) = generate(&Options::default());
        assert!(webhooks.contains("pub fn decode(") && !webhooks.contains("verify_and_decode"), "{webhooks}");
        assert!(!manifest.contains("hmac"), "{manifest}");

        let mut options = Options::default();
        options.webhook_signatures("standard-webhooks");
        let (webhooks, manifest) = generate(&options);
        assert!(webhooks.contains("pub fn verify_and_decode(") && webhooks.contains("Signature(#[from]"), "{webhooks}");
        assert!(manifest.contains("hmac = \"0.12\"") && manifest.contains("sha2 = "), "{manifest}");
    }
}
