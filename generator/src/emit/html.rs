//! The HTML that some specs write their descriptions in (Stripe's `<p>`,
//! `<code>`, `<a href>`, lists, emphasis and line breaks) as the Markdown
//! rustdoc reads. Only these tags are converted; any other `<...>` stays as
//! written, and text without them is left alone.

/// `text` with its common HTML tags as Markdown; `None` when it has none.
pub(super) fn to_markdown(text: &str) -> Option<String> {
    if !has_known_tag(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    // Open lists: the next item's number in an ordered one, and whether an
    // item came yet.
    let mut lists: Vec<(Option<usize>, bool)> = Vec::new();
    // The `href` of each open link (`None` for one that is not kept).
    let mut links: Vec<Option<String>> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(tag) = Tag::parse(after) else {
            out.push('<');
            rest = &after[1..];
            continue;
        };
        rest = &after[tag.length..];
        match (tag.name.as_str(), tag.closing) {
            ("p", _) => out.push_str("\n\n"),
            ("br", _) => out.push_str("\\\n"),
            ("code", _) => out.push('`'),
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("ul", false) => {
                lists.push((None, false));
                out.push_str("\n\n");
            }
            ("ol", false) => {
                lists.push((Some(1), false));
                out.push_str("\n\n");
            }
            ("ul" | "ol", true) => {
                lists.pop();
                out.push_str("\n\n");
            }
            ("li", false) => {
                // Items of one list on consecutive lines, after a blank one.
                out.truncate(out.trim_end().len());
                let started = lists.last().is_none_or(|(_, started)| *started);
                out.push_str(if started { "\n" } else { "\n\n" });
                if let Some((_, started)) = lists.last_mut() {
                    *started = true;
                }
                match lists.last_mut().and_then(|(number, _)| number.as_mut()) {
                    Some(number) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    None => out.push_str("- "),
                }
            }
            ("li", true) => {}
            ("a", false) => {
                // Only absolute links are kept: a relative one is relative to
                // the API's own documentation site, which the spec does not name.
                let href = tag.href.filter(|href| href.starts_with("https://") || href.starts_with("http://"));
                if href.is_some() {
                    out.push('[');
                }
                links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = links.pop() {
                    out.push_str("](");
                    out.push_str(&href);
                    out.push(')');
                }
            }
            _ => out.push_str(&after[..tag.length]),
        }
    }
    out.push_str(rest);
    Some(tidy(&out))
}

/// Whether `text` holds one of the tags converted.
fn has_known_tag(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        if Tag::parse(&rest[start..]).is_some_and(|tag| tag.known) {
            return true;
        }
        rest = &rest[start + 1..];
    }
    false
}

/// The lines of converted text without the indentation HTML source has (which
/// Markdown would read as code blocks), at most one blank line in a row, and
/// no blank lines at either end.
fn tidy(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() && lines.last().is_none_or(|last| last.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// An HTML tag at the start of some text.
struct Tag {
    /// Its name, lower case.
    name: String,
    /// Whether it is a closing tag (`</p>`).
    closing: bool,
    /// Its `href` attribute, if any.
    href: Option<String>,
    /// Whether it is one of the tags converted.
    known: bool,
    /// Its length in bytes, `<` to `>`.
    length: usize,
}

impl Tag {
    fn parse(text: &str) -> Option<Tag> {
        let end = text.find('>')?;
        let inner = &text[1..end];
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let inner = inner.trim_end_matches('/').trim_end();
        let name_end = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        let known = matches!(name.as_str(), "p" | "br" | "code" | "strong" | "b" | "em" | "i" | "ul" | "ol" | "li" | "a");
        // Attributes only on the tags that have them here.
        let attributes = &inner[name_end..];
        if known && !matches!(name.as_str(), "a" | "p") && !attributes.trim().is_empty() {
            return None;
        }
        let href = attributes.split_once("href=").and_then(|(_, value)| {
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &value[1..];
            Some(value[..value.find(quote)?].to_owned())
        });
        Some(Tag { name, closing, href, known, length: end + 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    #[test]
    fn stripe_descriptions_become_markdown() {
        assert_eq!(
            to_markdown("<p>Returns a list of your <code>customers</code>.</p>").as_deref(),
            Some("Returns a list of your `customers`.")
        );
        assert_eq!(
            to_markdown("<p>One.</p>\n\n<p>See <a href=\"https://stripe.com/docs\">the docs</a> and <a href=\"/docs/connect\">Connect</a>.</p>").as_deref(),
            Some("One.\n\nSee [the docs](https://stripe.com/docs) and Connect.")
        );
        assert_eq!(
            to_markdown("<p>Any of:</p>\n\n<ul>\n<li>Refund: <strong>new</strong></li>\n<li><em>Credit</em></li>\n</ul>").as_deref(),
            Some("Any of:\n\n- Refund: **new**\n- *Credit*")
        );
        assert_eq!(to_markdown("<ol><li>a</li><li>b</li></ol>").as_deref(), Some("1. a\n2. b"));
        assert_eq!(to_markdown("a<br>b<br/>c").as_deref(), Some("a\\\nb\\\nc"));
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(to_markdown("A three-letter <currency> code, 1 < 2."), None);
        assert_eq!(to_markdown("<p>In <currency>, 1 < 2</p>").as_deref(), Some("In <currency>, 1 < 2"));
    }
}
