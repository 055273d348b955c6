// This file is @generated from api/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Query parameters and form fields in their style (`form`,
//! `spaceDelimited`, `pipeDelimited`, `deepObject`, or JSON text).

use super::{Encoding, InvalidRequest, Node, Query, Style};

impl Query {
    /// Appends a serialized value (`json` its JSON text), written as `encoding` says.
    pub(super) fn push_node(
        &mut self,
        field: &str,
        name: &str,
        json: &str,
        node: &Node,
        encoding: Encoding,
    ) -> Result<(), InvalidRequest> {
        match (node, encoding.style) {
            (Node::Null, _) => {}
            (_, Style::Json) => self.pair_with(name, json, encoding),
            (Node::Array(items), Style::DeepObject) => {
                // Stripe's convention: `name[0]=x`, `name[key][0]=x`.
                for (index, item) in items.iter().enumerate() {
                    self.push_node(field, &format!("{name}[{index}]"), "", item, encoding)?;
                }
            }
            (Node::Object(pairs), Style::DeepObject) => {
                for (key, item) in pairs {
                    self.push_node(field, &format!("{name}[{key}]"), "", item, encoding)?;
                }
            }
            (Node::Array(_) | Node::Object(_), _) if node.is_undefined() => {
                // An empty array or object: left out, as RFC 6570 leaves out an
                // undefined value, unless the spec allows an empty value.
                if encoding.allow_empty {
                    self.pair_with(name, "", encoding);
                }
            }
            (Node::Array(_) | Node::Object(_), _) if encoding.explode => {
                for (key, item) in node.pairs(name, field)? {
                    self.pair_with(key, item, encoding);
                }
            }
            (Node::Array(_) | Node::Object(_), style) => {
                // RFC 6570's comma, as it is; a space and a pipe, which RFC 3986
                // does not allow in a query, percent-encoded.
                let separator = match style {
                    Style::SpaceDelimited => "%20",
                    Style::PipeDelimited => "%7C",
                    _ => ",",
                };
                let object = matches!(node, Node::Object(_));
                let pairs = node.pairs(name, field)?;
                let parts: Vec<&str> =
                    pairs.iter().flat_map(|(key, item)| if object { vec![*key, *item] } else { vec![*item] }).collect();
                let mut value = String::new();
                for (index, part) in parts.iter().enumerate() {
                    if index > 0 {
                        value.push_str(separator);
                    }
                    encoding.escape_into(&mut value, part);
                }
                self.raw_pair(name, &value);
            }
            (scalar, _) => self.pair_with(name, scalar.scalar().unwrap_or_default(), encoding),
        }
        Ok(())
    }

    /// Appends `name=value`, the value escaped as `encoding` says.
    fn pair_with(&mut self, name: &str, value: &str, encoding: Encoding) {
        let mut escaped = String::new();
        encoding.escape_into(&mut escaped, value);
        self.raw_pair(name, &escaped);
    }
}
