//! Path templates (`/v1/webhooks/{id}`) split into literal text and parameters.

use crate::model::Segment;

/// A piece of a path template as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RawPart {
    /// Literal text.
    Literal(String),
    /// A parameter's name, and how much of its segment it fills.
    Param(String, Segment),
}

/// Splits a path template; the error says what is wrong with it.
pub(super) fn parse_path(path: &str) -> Result<Vec<RawPart>, String> {
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            if rest.contains('}') {
                return Err(format!("the path `{path}` has an unmatched `}}`"));
            }
            parts.push(RawPart::Literal(rest.to_owned()));
            break;
        };
        let literal = &rest[..open];
        if literal.contains('}') {
            return Err(format!("the path `{path}` has an unmatched `}}`"));
        }
        let close = rest[open..]
            .find('}')
            .map(|c| c + open)
            .ok_or_else(|| format!("the path `{path}` has an unclosed `{{`"))?;
        let name = &rest[open + 1..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("the path `{path}` has an invalid parameter `{{{name}}}`"));
        }
        let starts_segment = literal.ends_with('/') || (literal.is_empty() && parts.is_empty());
        let after = &rest[close + 1..];
        let ends_segment = after.is_empty() || after.starts_with('/');
        if !literal.is_empty() {
            parts.push(RawPart::Literal(literal.to_owned()));
        }
        let segment = if starts_segment && ends_segment { Segment::Whole } else { Segment::Shared };
        parts.push(RawPart::Param(name.to_owned(), segment));
        rest = after;
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> RawPart {
        RawPart::Literal(text.to_owned())
    }

    fn param(name: &str, segment: Segment) -> RawPart {
        RawPart::Param(name.to_owned(), segment)
    }

    #[test]
    fn a_parameter_filling_its_segment_is_whole() {
        assert_eq!(parse_path("/v1/webhooks/{id}"), Ok(vec![literal("/v1/webhooks/"), param("id", Segment::Whole)]));
        assert_eq!(
            parse_path("/users/{user}/keys/{key}"),
            Ok(vec![
                literal("/users/"),
                param("user", Segment::Whole),
                literal("/keys/"),
                param("key", Segment::Whole)
            ])
        );
    }

    #[test]
    fn parameters_sharing_a_segment_are_shared() {
        assert_eq!(
            parse_path("/files/{name}.{ext}"),
            Ok(vec![literal("/files/"), param("name", Segment::Shared), literal("."), param("ext", Segment::Shared)])
        );
        assert_eq!(
            parse_path("/v{version}/x"),
            Ok(vec![literal("/v"), param("version", Segment::Shared), literal("/x")])
        );
    }

    #[test]
    fn malformed_templates_are_refused() {
        assert_eq!(parse_path("/a/{b"), Err("the path `/a/{b` has an unclosed `{`".to_owned()));
        assert_eq!(parse_path("/a/b}"), Err("the path `/a/b}` has an unmatched `}`".to_owned()));
        assert_eq!(parse_path("/a/}{b}"), Err("the path `/a/}{b}` has an unmatched `}`".to_owned()));
        assert_eq!(parse_path("/a/{}"), Err("the path `/a/{}` has an invalid parameter `{}`".to_owned()));
        assert_eq!(parse_path("a"), Err("the path `a` does not start with `/`".to_owned()));
    }
}
