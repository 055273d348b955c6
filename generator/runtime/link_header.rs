//! The `Link` response header (RFC 8288): the target of the link whose
//! relation type is `next`.

use super::HeaderMap;

/// The target of the first link with the relation type `next` among the
/// response's `Link` header fields, as written (a URI reference).
pub(crate) fn next_link(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| link_with_rel(value, "next"))
}

/// The target of the first link in `value` whose `rel` names `relation`
/// (relation types are compared case-insensitively; a `rel` after the first
/// is ignored, as RFC 8288 says).
fn link_with_rel(value: &str, relation: &str) -> Option<String> {
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        let after = rest.strip_prefix('<')?;
        let end = after.find('>')?;
        let target = &after[..end];
        rest = &after[end + 1..];
        let mut rel: Option<String> = None;
        loop {
            rest = rest.trim_start_matches([' ', '\t']);
            let Some(after) = rest.strip_prefix(';') else { break };
            let (name, value, remaining) = parameter(after);
            if rel.is_none() && name.eq_ignore_ascii_case("rel") {
                rel = Some(value);
            }
            rest = remaining;
        }
        if rel.is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case(relation))) {
            return Some(target.to_owned());
        }
        // Anything else before the comma that ends this link is not a parameter: skip it.
        rest = &rest[rest.find(',').unwrap_or(rest.len())..];
        if rest.is_empty() {
            return None;
        }
    }
}

/// One link parameter after its `;`: its name, its value (unquoted) and the text after it.
fn parameter(text: &str) -> (&str, String, &str) {
    let end = text.find(['=', ';', ',']).unwrap_or(text.len());
    let name = text[..end].trim();
    let Some(after) = text[end..].strip_prefix('=') else { return (name, String::new(), &text[end..]) };
    let after = after.trim_start_matches([' ', '\t']);
    let Some(quoted) = after.strip_prefix('"') else {
        let end = after.find([';', ',']).unwrap_or(after.len());
        return (name, after[..end].trim().to_owned(), &after[end..]);
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((index, c)) = chars.next() {
        match c {
            '\\' => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(escaped);
                }
            }
            '"' => return (name, value, &quoted[index + 1..]),
            c => value.push(c),
        }
    }
    (name, value, "")
}
