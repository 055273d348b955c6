//! Cookie parameters.

use serde::Serialize;

use super::{Encoding, InvalidRequest, Node, Request, Style, serialize};

/// Adds a cookie parameter to a `Cookie` header's pairs, in the `form` style:
/// not exploded, one `name=value` with the items (or an object's keys and
/// values) joined by commas; exploded, one pair per item (`name=a; name=b`) or
/// per property (`R=100; G=200`). Names and values are percent-encoded, commas
/// between items included: RFC 6265 allows no comma in a cookie value. A
/// parameter described by `content` sends its JSON text.
pub(crate) fn cookie_pair<T: Serialize + ?Sized>(
    cookies: &mut String,
    name: &str,
    value: &T,
    encoding: Encoding,
) -> Result<(), InvalidRequest> {
    let field = format!("cookie.{name}");
    let (json, node) = serialize(value, || field.clone())?;
    let mut push = |name: &str, value: &str| {
        if !cookies.is_empty() {
            cookies.push_str("; ");
        }
        let plain = Style::Form.explode(false);
        plain.escape_into(cookies, name);
        cookies.push('=');
        plain.escape_into(cookies, value);
    };
    match &node {
        Node::Null => {}
        _ if encoding.style == Style::Json => push(name, &json),
        _ if node.is_undefined() && !encoding.allow_empty => {}
        Node::Array(_) | Node::Object(_) if encoding.explode => {
            for (key, item) in node.pairs(name, &field)? {
                push(key, item);
            }
        }
        Node::Object(_) => {
            let pairs = node.pairs(name, &field)?;
            let text: Vec<&str> = pairs.iter().flat_map(|(key, item)| [*key, *item]).collect();
            push(name, &text.join(","));
        }
        _ => {
            let pairs = node.pairs(name, &field)?;
            let text: Vec<&str> = pairs.iter().map(|(_, item)| *item).collect();
            push(name, &text.join(","));
        }
    }
    Ok(())
}

impl Request {
    /// The `Cookie` header built from the cookie parameters.
    pub(crate) fn cookies(mut self, cookies: String) -> Self {
        self.cookies = cookies;
        self
    }
}
