// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Turning the secrets given to the client builder into the credentials
//! their security schemes send.

use super::{BuildError, Credential, HeaderName, HeaderValue, Scheme, SchemeKind, Secret};

/// Turns a secret into the credential its scheme sends, refusing values that are
/// not valid in an HTTP header. Header values are marked sensitive.
pub(crate) fn credential(
    scheme: &Scheme,
    secret: &Secret,
    password: Option<&Secret>,
) -> Result<Credential, BuildError> {
    let invalid = || BuildError::InvalidCredential { scheme: scheme.name };
    if secret.expose().is_empty() {
        return Err(invalid());
    }
    let header = |name: HeaderName, text: String| {
        let mut value = HeaderValue::from_str(&text).map_err(|_| invalid())?;
        value.set_sensitive(true);
        Ok(Credential::Header(name, value))
    };
    match scheme.kind {
        SchemeKind::Header(name) => {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            header(name, secret.expose().to_owned())
        }
        SchemeKind::Bearer => header(reqwest::header::AUTHORIZATION, format!("Bearer {}", secret.expose())),
        SchemeKind::Basic => {
            let user_pass = format!("{}:{}", secret.expose(), password.map(Secret::expose).unwrap_or(""));
            header(reqwest::header::AUTHORIZATION, format!("Basic {}", base64_encode(user_pass.as_bytes())))
        }
        SchemeKind::Query(name) => Ok(Credential::Query(name, secret.clone())),
        SchemeKind::Cookie(name) => {
            if secret.expose().bytes().any(|b| b.is_ascii_control() || b == b';') {
                return Err(invalid());
            }
            Ok(Credential::Cookie(name, secret.clone()))
        }
    }
}

/// Base64 with padding (RFC 4648), for `Authorization: Basic`.
pub(crate) fn base64_encode(input: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
