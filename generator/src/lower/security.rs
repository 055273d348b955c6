//! Security schemes and requirements: how each credential is sent, and which
//! credentials each operation needs.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme as OaScheme};

use super::Lowerer;
use crate::diag::Pointer;
use crate::model::{SchemeId, SchemeKind, SecurityScheme};
use crate::naming::{Namespace, snake};

/// Method names the generated `ClientBuilder` already uses.
const BUILDER_METHODS: &[&str] = &[
    "base_url",
    "timeout",
    "connect_timeout",
    "max_retries",
    "retry_backoff",
    "max_retry_after",
    "max_response_bytes",
    "user_agent",
    "default_header",
    "http_client",
    "build",
];

/// Whether `name` is an RFC 9110 token, as a header name must be.
pub(super) fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

impl<'a> Lowerer<'a> {
    /// The security schemes that can be used, in spec order.
    pub(super) fn security_schemes(&mut self) -> Vec<SecurityScheme> {
        let Some(components) = &self.doc.api.components else {
            return Vec::new();
        };
        let mut names = Namespace::with_reserved(BUILDER_METHODS);
        let mut out = Vec::new();
        let base = Pointer::root().push("components").push("securitySchemes");
        for (name, node) in &components.security_schemes {
            let at = base.push(name);
            let ReferenceOr::Item(scheme) = node else {
                self.warn(&at, "a `$ref` security scheme is not supported; it is ignored");
                continue;
            };
            let (kind, description) = match scheme {
                OaScheme::APIKey { location, name: key, description, .. } => {
                    let kind = match location {
                        APIKeyLocation::Header => {
                            if !is_token(key) {
                                self.error(&at.push("name"), format!("`{key}` is not a valid HTTP header name"));
                                continue;
                            }
                            SchemeKind::Header(key.to_ascii_lowercase())
                        }
                        APIKeyLocation::Query => SchemeKind::Query(key.clone()),
                        APIKeyLocation::Cookie => SchemeKind::Cookie(key.clone()),
                    };
                    (kind, description.clone())
                }
                OaScheme::HTTP { scheme: http, description, .. } => match http.to_ascii_lowercase().as_str() {
                    "basic" => (SchemeKind::Basic, description.clone()),
                    "bearer" => (SchemeKind::Bearer, description.clone()),
                    other => {
                        self.warn(
                            &at.push("scheme"),
                            format!("HTTP authentication scheme `{other}` is sent as a complete `Authorization` header value that the caller provides"),
                        );
                        (SchemeKind::Header("authorization".to_owned()), description.clone())
                    }
                },
                OaScheme::OAuth2 { description, .. } | OaScheme::OpenIDConnect { description, .. } => {
                    (SchemeKind::Bearer, description.clone())
                }
            };
            let rust_name = names.claim(snake(name, "credential"));
            out.push(SecurityScheme { name: name.clone(), rust_name, kind, description });
        }
        out
    }

    /// The schemes of the document's security requirement, when it has exactly one.
    pub(super) fn required_schemes(&self) -> Vec<SchemeId> {
        match &self.doc.api.security {
            Some(requirements) if requirements.len() == 1 => {
                requirements[0].keys().filter_map(|name| self.scheme_id(name)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The lowered scheme called `name`. Ids index `Api::schemes`, not
    /// `components.securitySchemes`: a scheme that cannot be used is left out
    /// there (found by fuzzing).
    fn scheme_id(&self, name: &str) -> Option<SchemeId> {
        self.scheme_names.iter().position(|n| n == name).map(SchemeId::new)
    }

    /// The security alternatives of an operation: its own `security`, else the document's.
    pub(super) fn operation_security(&mut self, op: &'a openapiv3::Operation, at: &Pointer) -> Vec<Vec<SchemeId>> {
        let (requirements, requirements_at): (&[SecurityRequirement], Pointer) = match &op.security {
            Some(list) => (list, at.push("security")),
            None => match &self.doc.api.security {
                Some(list) => (list, Pointer::root().push("security")),
                None => return Vec::new(),
            },
        };
        let mut out = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut usable = true;
            for name in requirement.keys() {
                match self.scheme_id(name) {
                    Some(id) => alternative.push(id),
                    None => {
                        self.warn(
                            &requirements_at.push(i.to_string()),
                            format!("security scheme `{name}` is not defined; this alternative is ignored"),
                        );
                        usable = false;
                    }
                }
            }
            if usable {
                out.push(alternative);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::is_token;

    #[test]
    fn header_names_are_tokens() {
        assert!(is_token("X-Api-Key"));
        assert!(is_token("x_trace~1"));
        assert!(!is_token(""));
        assert!(!is_token("X Api"));
        assert!(!is_token("a:b"));
        assert!(!is_token("é"));
    }
}
