//! Security schemes and requirements: how each credential is sent, and which
//! credentials each operation needs; a header parameter named `Authorization`
//! becomes a credential of its own.

use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme as OaScheme};

use super::Lowerer;
use crate::diag::Pointer;
use crate::model::{ClientCredentials, OAuth2, SchemeId, SchemeKind, SecurityScheme};
use crate::naming::{Ident, Namespace, snake};

/// Method names the generated `ClientBuilder` already uses.
pub(super) const BUILDER_METHODS: &[&str] = &[
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

/// The scopes an operation's requirement lists, by scheme.
pub(super) type Scopes = Vec<(SchemeId, Vec<String>)>;

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
        let mut names = std::mem::replace(&mut self.scheme_methods, Namespace::new());
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
                    _ => {
                        let rust_name = names.claim(snake(name, "credential"));
                        let signer = names.claim(rust_name.suffixed("signer"));
                        self.warn(
                            &at.push("scheme"),
                            format!("HTTP authentication scheme `{http}` is sent as a complete `Authorization` header value that the caller provides (`ClientBuilder::{rust_name}`), or by a signer of each request (`ClientBuilder::{signer}`)"),
                        );
                        let kind = SchemeKind::Signed { scheme: http.clone(), signer };
                        out.push(SecurityScheme { name: name.clone(), rust_name, kind, description: description.clone() });
                        continue;
                    }
                },
                OaScheme::OAuth2 { description, flows, .. } => {
                    let rust_name = names.claim(snake(name, "credential"));
                    let token_source = names.claim(rust_name.suffixed("token_source"));
                    let client_credentials = flows.client_credentials.as_ref().and_then(|flow| {
                        let flow_at = at.push("flows").push("clientCredentials").push("tokenUrl");
                        if !is_token_url(&flow.token_url) {
                            self.warn(
                                &flow_at,
                                format!("`{}` is not an http(s) URL or a relative reference; the client credentials flow is left out (a token source still works)", flow.token_url),
                            );
                            return None;
                        }
                        Some(ClientCredentials {
                            setter: names.claim(rust_name.suffixed("client_credentials")),
                            with_settings: names.claim(rust_name.suffixed("client_credentials_with")),
                            token_url: flow.token_url.clone(),
                        })
                    });
                    let kind = SchemeKind::OAuth2(OAuth2 { token_source, client_credentials });
                    out.push(SecurityScheme { name: name.clone(), rust_name, kind, description: description.clone() });
                    continue;
                }
                OaScheme::OpenIDConnect { description, .. } => {
                    let rust_name = names.claim(snake(name, "credential"));
                    let token_source = names.claim(rust_name.suffixed("token_source"));
                    let kind = SchemeKind::OAuth2(OAuth2 { token_source, client_credentials: None });
                    out.push(SecurityScheme { name: name.clone(), rust_name, kind, description: description.clone() });
                    continue;
                }
            };
            let rust_name = names.claim(snake(name, "credential"));
            out.push(SecurityScheme { name: name.clone(), rust_name, kind, description });
        }
        self.scheme_methods = names;
        out
    }

    /// The scheme that sends the `Authorization` header parameters of the
    /// operations: its id (after the spec's schemes) and builder method,
    /// claimed when the first operation declares one.
    fn authorization_scheme(&mut self) -> (SchemeId, Ident) {
        if let Some(scheme) = &self.authorization_scheme {
            return scheme.clone();
        }
        let scheme = (SchemeId::new(self.scheme_names.len()), self.scheme_methods.claim(snake("authorization", "credential")));
        self.authorization_scheme = Some(scheme.clone());
        scheme
    }

    /// The scheme of the `Authorization` header parameters, when an operation declared one.
    pub(super) fn authorization_parameter_scheme(&self) -> Option<SecurityScheme> {
        let (_, rust_name) = self.authorization_scheme.clone()?;
        Some(SecurityScheme {
            name: "Authorization".to_owned(),
            rust_name,
            kind: SchemeKind::Header("authorization".to_owned()),
            description: Some(
                "The complete value of the `Authorization` header that operations declare as a parameter.".to_owned(),
            ),
        })
    }

    /// The security alternatives of an operation that declares an `Authorization`
    /// header parameter (at `at`, required or not): the parameter's credential is
    /// added to every alternative without a scheme that sends the header itself
    /// (for an optional parameter, as an alternative before it). `sends_authorization`
    /// tells the schemes that do.
    pub(super) fn authorization_parameter(
        &mut self,
        security: Vec<Vec<SchemeId>>,
        sends_authorization: &[SchemeId],
        at: &Pointer,
        required: bool,
    ) -> Vec<Vec<SchemeId>> {
        let alternatives = if security.is_empty() { vec![Vec::new()] } else { security };
        let covered = |alternative: &Vec<SchemeId>| alternative.iter().any(|id| sends_authorization.contains(id));
        if alternatives.iter().all(covered) {
            let names: Vec<String> = alternatives
                .iter()
                .flat_map(|alternative| alternative.iter().filter(|id| sends_authorization.contains(id)))
                .filter_map(|id| self.scheme_names.get(id.index()))
                .map(|name| format!("`{name}`"))
                .collect();
            let mut names = names;
            names.dedup();
            self.warn(
                at,
                format!("`Authorization` is not a parameter (OpenAPI ignores header parameters of this name): the client sends the credential of security scheme {} instead", names.join(" or ")),
            );
            return alternatives;
        }
        let (id, rust_name) = self.authorization_scheme();
        self.warn(
            at,
            format!("`Authorization` is not a parameter (OpenAPI ignores header parameters of this name): the client sends the credential given to `ClientBuilder::{rust_name}` (a `Secret`, the header's complete value) instead"),
        );
        let mut out = Vec::new();
        for alternative in alternatives {
            if covered(&alternative) {
                out.push(alternative);
                continue;
            }
            let mut with = alternative.clone();
            with.push(id);
            out.push(with);
            if !required {
                out.push(alternative);
            }
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

    /// The security alternatives of an operation (its own `security`, else the
    /// document's), and the scopes they list for the schemes in `scoped` (the
    /// first list given for each, when it is not empty).
    pub(super) fn operation_security(
        &mut self,
        op: &'a openapiv3::Operation,
        at: &Pointer,
        scoped: &[SchemeId],
    ) -> (Vec<Vec<SchemeId>>, Scopes) {
        let (requirements, requirements_at): (&[SecurityRequirement], Pointer) = match &op.security {
            Some(list) => (list, at.push("security")),
            None => match &self.doc.api.security {
                Some(list) => (list, Pointer::root().push("security")),
                None => return (Vec::new(), Vec::new()),
            },
        };
        let mut scopes: Scopes = Vec::new();
        for requirement in requirements {
            for (name, listed) in requirement {
                if let Some(id) = self.scheme_id(name).filter(|id| scoped.contains(id)) {
                    if !listed.is_empty() && scopes.iter().all(|(seen, _)| *seen != id) {
                        scopes.push((id, listed.clone()));
                    }
                }
            }
        }
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
        (out, scopes)
    }
}

/// Whether `url` can be a token endpoint: an absolute `http(s)` URL, or a
/// reference relative to the base URL.
fn is_token_url(url: &str) -> bool {
    if url.is_empty() || url.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            url.starts_with("https://") || url.starts_with("http://")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_token, is_token_url};
    use crate::lower::{Options, lower};
    use crate::model::{Api, SchemeKind};

    const SPEC: &str = r##"
openapi: 3.0.3
info: { title: Credentials, version: 1.0.0 }
paths:
  /legacy:
    get:
      operationId: legacy
      parameters:
        - { name: Authorization, in: header, required: true, schema: { type: string } }
        - { name: accept, in: header, schema: { type: string } }
      responses:
        "200":
          description: Two media types.
          content: { application/json: { schema: { type: string } }, text/csv: { schema: { type: string } } }
  /optional:
    post:
      operationId: optional
      parameters:
        - { name: authorization, in: header, schema: { type: string } }
        - { name: Content-Type, in: header, schema: { type: string } }
      security: [{ key: [] }]
      requestBody: { content: { application/json: { schema: { type: object } } } }
      responses: { "204": { description: Done. } }
  /bearer:
    get:
      operationId: bearer
      parameters:
        - { name: Authorization, in: header, schema: { type: string } }
      security: [{ machine: [reports:read, reports:write] }]
      responses: { "204": { description: Done. } }
components:
  securitySchemes:
    key: { type: apiKey, in: query, name: key }
    machine:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: /oauth/token, scopes: { reports:read: Read } } }
    broken:
      type: oauth2
      flows: { clientCredentials: { tokenUrl: "ftp://auth.example.com/token", scopes: {} } }
    hmac: { type: http, scheme: HMAC-SHA256 }
"##;

    fn api() -> (Api, Vec<String>) {
        let doc = crate::load::load(SPEC).unwrap_or_else(|d| panic!("{d:?}"));
        let lowered = lower(&doc, &Options::default()).unwrap_or_else(|d| panic!("{d:?}"));
        (lowered.api, lowered.warnings.iter().map(|w| w.display_for("spec")).collect())
    }

    fn security(api: &Api, name: &str) -> Vec<Vec<String>> {
        let op = api.operations.iter().find(|op| op.name.as_str() == name).unwrap_or_else(|| panic!("{name}"));
        op.security.iter().map(|alt| alt.iter().map(|&id| api.scheme(id).name.clone()).collect()).collect()
    }

    #[test]
    fn an_authorization_header_parameter_is_a_credential_with_a_warning() {
        let (api, warnings) = api();
        let scheme = api.schemes.last().unwrap_or_else(|| panic!("no schemes"));
        assert_eq!((scheme.name.as_str(), scheme.rust_name.as_str()), ("Authorization", "authorization"));
        assert_eq!(scheme.kind, SchemeKind::Header("authorization".to_owned()));
        // Required: the only alternative; optional: an alternative before the one without it.
        assert_eq!(security(&api, "legacy"), [["Authorization"]]);
        assert_eq!(security(&api, "optional"), [vec!["key", "Authorization"], vec!["key"]]);
        let expected = "spec#/paths/~1legacy/get/parameters/0: warning: `Authorization` is not a parameter (OpenAPI ignores header parameters of this name): the client sends the credential given to `ClientBuilder::authorization` (a `Secret`, the header's complete value) instead";
        assert!(warnings.iter().any(|w| w == expected), "{warnings:#?}");
    }

    #[test]
    fn an_authorization_parameter_beside_a_scheme_that_sends_it_names_the_scheme() {
        let (api, warnings) = api();
        assert_eq!(security(&api, "bearer"), [["machine"]]);
        let expected = "spec#/paths/~1bearer/get/parameters/0: warning: `Authorization` is not a parameter (OpenAPI ignores header parameters of this name): the client sends the credential of security scheme `machine` instead";
        assert!(warnings.iter().any(|w| w == expected), "{warnings:#?}");
    }

    #[test]
    fn accept_and_content_type_parameters_say_what_the_client_sends() {
        let (_, warnings) = api();
        for expected in [
            "spec#/paths/~1legacy/get/parameters/1: warning: `accept` is not a parameter (OpenAPI ignores header parameters of this name): the client sends `Accept: application/json`, from the media types of the responses",
            "spec#/paths/~1optional/post/parameters/1: warning: `Content-Type` is not a parameter (OpenAPI ignores header parameters of this name): the client sends `Content-Type: application/json`, the request body's media type",
        ] {
            assert!(warnings.iter().any(|w| w == expected), "{expected}\n{warnings:#?}");
        }
    }

    #[test]
    fn oauth2_schemes_take_tokens_sources_and_client_credentials_with_the_operations_scopes() {
        let (api, warnings) = api();
        let kind = |name: &str| api.schemes.iter().find(|s| s.name == name).map(|s| s.kind.clone());
        let Some(SchemeKind::OAuth2(machine)) = kind("machine") else { panic!("{:?}", kind("machine")) };
        assert_eq!(machine.token_source.as_str(), "machine_token_source");
        let flow = machine.client_credentials.unwrap_or_else(|| panic!("no client credentials"));
        assert_eq!((flow.setter.as_str(), flow.token_url.as_str()), ("machine_client_credentials", "/oauth/token"));
        let Some(SchemeKind::OAuth2(broken)) = kind("broken") else { panic!("{:?}", kind("broken")) };
        assert!(broken.client_credentials.is_none());
        let expected = "spec#/components/securitySchemes/broken/flows/clientCredentials/tokenUrl: warning: `ftp://auth.example.com/token` is not an http(s) URL or a relative reference; the client credentials flow is left out (a token source still works)";
        assert!(warnings.iter().any(|w| w == expected), "{warnings:#?}");
        let Some(SchemeKind::Signed { scheme, signer }) = kind("hmac") else { panic!("{:?}", kind("hmac")) };
        assert_eq!((scheme.as_str(), signer.as_str()), ("HMAC-SHA256", "hmac_signer"));
        let op = api.operations.iter().find(|op| op.name.as_str() == "bearer").unwrap_or_else(|| panic!("bearer"));
        let scopes: Vec<(&str, Vec<String>)> =
            op.scopes.iter().map(|(id, scopes)| (api.scheme(*id).name.as_str(), scopes.clone())).collect();
        assert_eq!(scopes, [("machine", vec!["reports:read".to_owned(), "reports:write".to_owned()])]);
    }

    #[test]
    fn token_urls_are_http_urls_or_relative_references() {
        assert!(is_token_url("https://auth.example.com/token"));
        assert!(is_token_url("/oauth/token"));
        assert!(is_token_url("oauth/token?x=a:b"));
        assert!(!is_token_url("ftp://auth.example.com/token"));
        assert!(!is_token_url("urn:token"));
        assert!(!is_token_url(""));
        assert!(!is_token_url("/oauth token"));
    }

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
