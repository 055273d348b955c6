//! A string that matches a simple regular expression (a schema's `pattern`):
//! literals, classes (`[a-z0-9]`, `\d`, `\w`, `.`), groups with alternatives
//! (the first is taken) and quantifiers (the fewest repetitions, more when a
//! minimum length asks for them). Anything else (look-arounds, back
//! references, Unicode properties) gives `None`. Every result is checked with
//! `regex-lite` before it is returned.

/// A string of at least `min_length` characters matching `pattern`, if one is found.
pub fn matching(pattern: &str, min_length: usize, max_length: Option<usize>) -> Option<String> {
    let regex = regex_lite::Regex::new(pattern).ok()?;
    let nodes = parse(&mut pattern.chars().peekable(), 0)?;
    for extra in [0, 1, 2, 4, 8, 16, 32, 64] {
        let mut out = String::new();
        generate(&nodes, extra, &mut out);
        let length = out.chars().count();
        if length >= min_length && max_length.is_none_or(|max| length <= max) && regex.is_match(&out) {
            return Some(out);
        }
        if max_length.is_some_and(|max| length > max) {
            break;
        }
    }
    None
}

/// Whether `text` matches `pattern` (`None` when the pattern is not one `regex-lite` reads).
pub fn matches(pattern: &str, text: &str) -> Option<bool> {
    regex_lite::Regex::new(pattern).ok().map(|regex| regex.is_match(text))
}

enum Node {
    /// One character out of these (the first is used).
    Char(char),
    Class(Vec<(char, char)>, bool),
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, usize, Option<usize>),
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Parses alternatives up to a `)` (at `depth` > 0) or the end.
fn parse(chars: &mut Chars<'_>, depth: usize) -> Option<Vec<Node>> {
    let mut alternatives: Vec<Vec<Node>> = vec![Vec::new()];
    while let Some(c) = chars.next() {
        let node = match c {
            '^' | '$' => continue,
            '|' => {
                alternatives.push(Vec::new());
                continue;
            }
            ')' if depth > 0 => return Some(vec![Node::Group(alternatives)]),
            ')' => return None,
            '(' => {
                if chars.peek() == Some(&'?') {
                    chars.next();
                    if chars.next() != Some(':') {
                        return None;
                    }
                }
                if depth > 32 {
                    return None;
                }
                let mut inner = parse(chars, depth + 1)?;
                inner.pop()?
            }
            '[' => class(chars)?,
            '.' => Node::Char('a'),
            '\\' => escape(chars.next()?)?,
            '*' | '+' | '?' | '{' => {
                let (min, max) = match c {
                    '*' => (0, None),
                    '+' => (1, None),
                    '?' => (0, Some(1)),
                    _ => counts(chars)?,
                };
                if chars.peek() == Some(&'?') || chars.peek() == Some(&'+') {
                    chars.next();
                }
                let last = alternatives.last_mut()?.pop()?;
                Node::Repeat(Box::new(last), min, max)
            }
            c => Node::Char(c),
        };
        alternatives.last_mut()?.push(node);
    }
    if depth > 0 {
        return None;
    }
    Some(vec![Node::Group(alternatives)])
}

fn counts(chars: &mut Chars<'_>) -> Option<(usize, Option<usize>)> {
    let mut text = String::new();
    for c in chars.by_ref() {
        if c == '}' {
            let (min, max) = match text.split_once(',') {
                None => (text.trim().parse().ok()?, Some(text.trim().parse().ok()?)),
                Some((min, max)) if max.trim().is_empty() => (min.trim().parse().ok()?, None),
                Some((min, max)) => (min.trim().parse().ok()?, Some(max.trim().parse().ok()?)),
            };
            return Some((min, max));
        }
        text.push(c);
    }
    None
}

fn escape(c: char) -> Option<Node> {
    Some(match c {
        'd' => Node::Class(vec![('0', '9')], false),
        'w' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
        's' => Node::Char(' '),
        'D' | 'W' | 'S' => Node::Char(if c == 'W' { '-' } else { 'a' }),
        'n' => Node::Char('\n'),
        't' => Node::Char('\t'),
        c if c.is_ascii_alphanumeric() => return None,
        c => Node::Char(c),
    })
}

fn class(chars: &mut Chars<'_>) -> Option<Node> {
    let negated = chars.peek() == Some(&'^');
    if negated {
        chars.next();
    }
    let mut ranges: Vec<(char, char)> = Vec::new();
    let mut first = true;
    loop {
        let c = chars.next()?;
        let low = match c {
            ']' if !first => break,
            '\\' => match escape(chars.next()?)? {
                Node::Char(c) => c,
                Node::Class(more, false) => {
                    ranges.extend(more);
                    first = false;
                    continue;
                }
                _ => return None,
            },
            c => c,
        };
        first = false;
        if chars.peek() == Some(&'-') {
            chars.next();
            match chars.peek() {
                Some(']') | None => {
                    ranges.push((low, low));
                    ranges.push(('-', '-'));
                }
                Some(_) => {
                    let high = match chars.next()? {
                        '\\' => match escape(chars.next()?)? {
                            Node::Char(c) => c,
                            _ => return None,
                        },
                        c => c,
                    };
                    ranges.push((low, high));
                }
            }
        } else {
            ranges.push((low, low));
        }
    }
    Some(Node::Class(ranges, negated))
}

fn generate(nodes: &[Node], extra: usize, out: &mut String) {
    for node in nodes {
        match node {
            Node::Char(c) => out.push(*c),
            Node::Class(ranges, false) => out.push(ranges.first().map_or('a', |(low, _)| *low)),
            Node::Class(ranges, true) => {
                let free = ['a', 'x', '0', 'A', '_', '-', '.'];
                let inside = |c: char| ranges.iter().any(|(low, high)| (*low..=*high).contains(&c));
                out.push(free.into_iter().find(|c| !inside(*c)).unwrap_or('~'));
            }
            Node::Group(alternatives) => {
                if let Some(first) = alternatives.first() {
                    generate(first, extra, out);
                }
            }
            Node::Repeat(inner, min, max) => {
                let wanted = if extra > 0 { min.max(&1) + extra } else { *min };
                let times = max.map_or(wanted, |max| wanted.min(max));
                for _ in 0..times {
                    generate(std::slice::from_ref(inner), extra, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_patterns_get_a_matching_string() {
        let cases = [
            (r"^[A-Z]{3}-\d+$", 0, "AAA-0"),
            (r"^\d{4}-\d{2}-\d{2}$", 0, "0000-00-00"),
            (r"^(cus|acct)_[a-zA-Z0-9]+$", 0, "cus_a"),
            (r"^[^@]+@[^@]+$", 0, "a@a"),
            (r"^[a-z]*$", 3, "aaa"),
            (r"^\+?[1-9]\d{1,14}$", 0, "10"),
            (r"[a-z0-9-]{2,}", 0, "aa"),
            (r"^(?:[0-9a-f]{2})+$", 0, "00"),
        ];
        for (pattern, min, expected) in cases {
            assert_eq!(matching(pattern, min, None).as_deref(), Some(expected), "{pattern}");
        }
    }

    #[test]
    fn unsupported_patterns_give_nothing() {
        for pattern in [r"^(?=a)a$", r"(a)\1", r"\p{L}+", "[a-"] {
            assert_eq!(matching(pattern, 0, None), None, "{pattern}");
        }
        assert_eq!(matching("^a{5}$", 0, Some(3)), None);
    }
}
