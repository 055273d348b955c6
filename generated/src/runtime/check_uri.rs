// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! `format: uri`: an absolute URI, as RFC 3986 defines it.

use super::{FieldPath, InvalidRequest};

/// Checks that a string is an absolute URI (`format: uri`).
pub(crate) fn check_uri(at: &FieldPath<'_>, value: &str) -> Result<(), InvalidRequest> {
    if is_absolute_uri(value) {
        Ok(())
    } else {
        Err(at.invalid("must be an absolute URI (RFC 3986), such as `https://example.com/path`"))
    }
}

/// Whether `text` is an absolute URI as RFC 3986 defines it: a scheme, then
/// only the characters the grammar allows, with valid percent-escapes. (A
/// browser's URL parser is more lenient: it accepts spaces, non-ASCII
/// characters and backslashes, which servers validating `format: uri` refuse.)
fn is_absolute_uri(text: &str) -> bool {
    /// Every byte is in one of the `allowed` classes or is part of a valid percent-escape.
    fn chars(part: &str, allowed: u8) -> bool {
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if URI_CLASSES[usize::from(c)] & allowed != 0 {
                i += 1;
            } else if c == b'%'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
            {
                i += 3;
            } else {
                return false;
            }
        }
        true
    }
    const PCHAR: u8 = UNRESERVED_OR_SUB_DELIM | COLON | AT;
    let Some((scheme, rest)) = text.split_once(':') else { return false };
    let mut scheme_chars = scheme.bytes();
    if !scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !scheme_chars.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
    {
        return false;
    }
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !chars(fragment, PCHAR | SLASH | QUESTION) || !chars(query, PCHAR | SLASH | QUESTION) {
        return false;
    }
    let Some(after) = rest.strip_prefix("//") else {
        // path-absolute, path-rootless or path-empty.
        return chars(rest, PCHAR | SLASH);
    };
    let (authority, path) = match after.find('/') {
        Some(slash) => after.split_at(slash),
        None => (after, ""),
    };
    if !chars(path, PCHAR | SLASH) {
        return false;
    }
    let host_port = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => {
            if !chars(userinfo, UNRESERVED_OR_SUB_DELIM | COLON) {
                return false;
            }
            host_port
        }
        None => authority,
    };
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else { return false };
        let valid_literal = !inside.is_empty()
            && inside.bytes().all(|c| URI_CLASSES[usize::from(c)] & (UNRESERVED_OR_SUB_DELIM | COLON) != 0);
        if !valid_literal {
            return false;
        }
        match after {
            "" => ("", None),
            _ => match after.strip_prefix(':') {
                Some(port) => ("", Some(port)),
                None => return false,
            },
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    chars(host, UNRESERVED_OR_SUB_DELIM) && port.is_none_or(|p| p.bytes().all(|c| c.is_ascii_digit()))
}

/// Classes of the bytes RFC 3986 allows in the parts of a URI, as bit flags.
const UNRESERVED_OR_SUB_DELIM: u8 = 1;
const COLON: u8 = 2;
const AT: u8 = 4;
const SLASH: u8 = 8;
const QUESTION: u8 = 16;

/// The classes of each byte: one table lookup instead of searching lists of characters.
static URI_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        table[i] = if c.is_ascii_alphanumeric() {
            UNRESERVED_OR_SUB_DELIM
        } else {
            match c {
                b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';'
                | b'=' => UNRESERVED_OR_SUB_DELIM,
                b':' => COLON,
                b'@' => AT,
                b'/' => SLASH,
                b'?' => QUESTION,
                _ => 0,
            }
        };
        i += 1;
    }
    table
};
