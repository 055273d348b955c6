//! Header parameters.

use serde::Serialize;

use super::{Encoding, HeaderName, HeaderValue, InvalidRequest, Request, expand, serialize};

/// Turns a header parameter into a header value, in its encoding (the
/// `simple` style, exploded or not, or JSON text for a parameter described by
/// `content`), refusing CR, LF and other bytes HTTP does not allow. The error
/// names the header, never the value.
pub(crate) fn header_value<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    encoding: Encoding,
) -> Result<HeaderValue, InvalidRequest> {
    // The field's name is only built for an error.
    let field = || format!("header.{name}");
    let (json_text, node) = serialize(value, field)?;
    let text = expand(name, &json_text, &node, encoding, &field(), &|out, text| out.push_str(text))?;
    HeaderValue::from_str(&text).map_err(|_| {
        InvalidRequest::new(field(), "contains characters not allowed in an HTTP header (such as CR or LF)")
    })
}

impl Request {
    /// Adds a header parameter.
    pub(crate) fn header(mut self, name: &'static str, value: HeaderValue) -> Result<Self, InvalidRequest> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| InvalidRequest::new(format!("header.{name}"), "is not a valid header name"))?;
        self.headers.append(header, value);
        Ok(self)
    }
}
