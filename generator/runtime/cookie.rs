//! Cookie parameters.

use percent_encoding::utf8_percent_encode;
use serde::Serialize;

use super::{COMPONENT, InvalidRequest, Request, simple_text, to_json_value};

/// Builds a `Cookie` header from name/value pairs, percent-encoding values.
pub(crate) fn cookie_pair<T: Serialize + ?Sized>(
    cookies: &mut String,
    name: &str,
    value: &T,
) -> Result<(), InvalidRequest> {
    let value = to_json_value(value, || format!("cookie.{name}"))?;
    let text = simple_text(&value).unwrap_or_default();
    if !cookies.is_empty() {
        cookies.push_str("; ");
    }
    cookies.extend(utf8_percent_encode(name, COMPONENT));
    cookies.push('=');
    cookies.extend(utf8_percent_encode(&text, COMPONENT));
    Ok(())
}

impl Request {
    /// The `Cookie` header built from the cookie parameters.
    pub(crate) fn cookies(mut self, cookies: String) -> Self {
        self.cookies = cookies;
        self
    }
}
