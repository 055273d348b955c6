//! Names of inline types, derived from where the schema is written: the
//! component or operation it belongs to, then the properties leading to it
//! (`#/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner`
//! names `ListPetsResponseOwner`), each alternative of a union by its word
//! (`variants.rs`); an `allOf` part's properties are named as the whole's.

use openapiv3::ReferenceOr;

use super::Lowerer;
use crate::diag::Pointer;
use crate::naming::{camel, status_word};

impl Lowerer<'_> {
    /// The name a type written at `at` gets (before collisions are numbered);
    /// `title` names a union alternative that has no other name.
    pub(super) fn name_for(&mut self, at: &Pointer, title: Option<&str>) -> String {
        let tokens = at.tokens();
        let mut parts: Vec<String> = Vec::new();
        let mut rest: &[String] = &tokens;
        match tokens.as_slice() {
            [c, section, name, tail @ ..] if c == "components" => {
                parts.push(name.clone());
                rest = tail;
                if section == "responses" || section == "requestBodies" {
                    // content/<media>/schema
                    rest = rest.get(3..).unwrap_or_default();
                } else if section == "parameters" || section == "headers" {
                    rest = rest.get(1..).unwrap_or_default();
                }
            }
            [p, path, method, tail @ ..] if p == "paths" || p == "webhooks" => {
                let (operation, tail) = match (method.as_str(), tail) {
                    ("additionalOperations", [extra, tail @ ..]) => {
                        (Pointer::root().push(p).push(path).push(method).push(extra), tail)
                    }
                    _ => (Pointer::root().push(p).push(path).push(method), tail),
                };
                match self.op_stems.get(&operation) {
                    Some(stem) => {
                        parts.push(stem.clone());
                        rest = tail;
                        match tail {
                            [rb, _content, _media, _schema, more @ ..] if rb == "requestBody" => {
                                parts.push(if p == "webhooks" { "Payload" } else { "Body" }.to_owned());
                                rest = more;
                            }
                            [r, code, h, header, _schema, more @ ..] if r == "responses" && h == "headers" => {
                                parts.push(status_word(code));
                                parts.push(header.clone());
                                rest = more;
                            }
                            [r, code, _content, _media, _schema, more @ ..] if r == "responses" => {
                                if !code.starts_with('2') {
                                    parts.push(status_word(code));
                                }
                                parts.push("Response".to_owned());
                                rest = more;
                            }
                            [params, index, more @ ..] if params == "parameters" => {
                                if let Some(name) = self.param_name_at(at, index) {
                                    parts.push(name);
                                }
                                rest = more.get(1..).unwrap_or_default();
                            }
                            _ => {}
                        }
                    }
                    None => {
                        parts.push(path.clone());
                        rest = tail;
                    }
                }
            }
            _ => {}
        }
        // Where `rest` starts among the pointer's tokens: a union's pointer is the
        // tokens before its keyword.
        let offset = tokens.len() - rest.len();
        let mut position = 0;
        while let Some(token) = rest.get(position) {
            position += 1;
            match token.as_str() {
                "properties" | "$defs" | "definitions" => {
                    if let Some(name) = rest.get(position) {
                        parts.push(name.clone());
                        position += 1;
                    }
                }
                "items" => parts.push("Item".to_owned()),
                "additionalProperties" => parts.push("Value".to_owned()),
                keyword @ ("allOf" | "oneOf" | "anyOf") => {
                    let Some(index) = rest.get(position) else { continue };
                    position += 1;
                    let last = position == rest.len();
                    if keyword == "allOf" {
                        // An `allOf` part's properties are the merged struct's own:
                        // named as the whole's; a part that is a type of its own
                        // by its title or its position.
                        if last {
                            parts.push(title.map_or_else(|| format!("Part{index}"), str::to_owned));
                        }
                        continue;
                    }
                    let union_at = tokens[..offset + position - 2].iter().fold(Pointer::root(), |at, token| at.push(token));
                    let word = index.parse().ok().and_then(|index| self.alternative_word(&union_at, keyword, index));
                    match (word, title) {
                        // The one alternative left (beside `null`) is the whole.
                        (Some((_, 1)), _) if !last => {}
                        (Some((word, _)), _) => parts.push(word),
                        (None, Some(title)) if last => parts.push(title.to_owned()),
                        (None, _) => parts.push(format!("Variant{index}")),
                    }
                }
                "not" => parts.push("Not".to_owned()),
                "schema" | "content" => {}
                other => parts.push(other.to_owned()),
            }
        }
        let joined: Vec<String> = parts.iter().map(|p| camel(p, "")).collect();
        camel(&joined.join(" "), "Type")
    }

    /// The name of the parameter written at `<operation>/parameters/<index>`.
    fn param_name_at(&self, at: &Pointer, index: &str) -> Option<String> {
        let tokens = at.tokens();
        let (path, method) = (tokens.get(1)?, tokens.get(2)?);
        let item = self.doc.api.paths.paths.get(path)?.as_item()?;
        let op = item.iter().find(|(m, _)| m == method)?.1;
        let index: usize = index.parse().ok()?;
        match op.parameters.get(index)? {
            ReferenceOr::Item(p) => Some(p.parameter_data_ref().name.clone()),
            ReferenceOr::Reference { reference } => reference.rsplit('/').next().map(str::to_owned),
        }
    }
}
