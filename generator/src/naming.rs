//! Every Rust name the generator writes is chosen here: case conversion (heck),
//! words for punctuation, keyword escaping and deterministic collision handling.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every Rust edition; a snake_case name equal to one becomes `r#name`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "union",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Names of the Rust prelude (and of traits the generated code derives or
/// implements): a type of the spec with one of these names gets a `Type` suffix,
/// so generated code can use the prelude names unqualified.
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Display",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// A type name that does not shadow a prelude name.
pub fn type_name(camel_name: String) -> String {
    if PRELUDE.contains(&camel_name.as_str()) { format!("{camel_name}Type") } else { camel_name }
}

/// Words for values made only of punctuation, such as the operators some APIs
/// use as enum values.
const SYMBOLS: &[(&str, &str)] = &[
    ("!=", "not equal"),
    ("==", "double equal"),
    ("=", "equal"),
    ("<=", "less or equal"),
    (">=", "greater or equal"),
    ("<", "less"),
    (">", "greater"),
    ("!~", "not tilde"),
    ("~", "tilde"),
    ("+", "plus"),
    ("-", "minus"),
    ("*", "star"),
    ("/", "slash"),
    ("%", "percent"),
    ("&", "and"),
    ("|", "pipe"),
    ("^", "caret"),
    ("!", "bang"),
    ("?", "question"),
    ("@", "at"),
    ("#", "hash"),
    ("$", "dollar"),
    (".", "dot"),
    (",", "comma"),
    (":", "colon"),
    (";", "semicolon"),
];

/// Splits text into words, spelling out punctuation that carries meaning
/// (a leading minus, operators) and dropping the rest.
fn words(raw: &str) -> String {
    let trimmed = raw.trim();
    if !trimmed.is_empty() && trimmed.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace()) {
        // Only punctuation: spell every symbol out, longest match first.
        let mut out = String::new();
        let mut rest = trimmed;
        'outer: while !rest.is_empty() {
            for (symbol, word) in SYMBOLS {
                if let Some(after) = rest.strip_prefix(symbol) {
                    out.push(' ');
                    out.push_str(word);
                    rest = after;
                    continue 'outer;
                }
            }
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                out.push_str(&format!(" u{:x}", c as u32));
            }
            rest = chars.as_str();
        }
        return out;
    }
    let mut out = String::with_capacity(raw.len() + 4);
    let mut chars = trimmed.chars().peekable();
    // A leading minus before a digit is a negative number: keep its meaning.
    if trimmed.starts_with('-') && trimmed[1..].starts_with(|c: char| c.is_ascii_digit()) {
        out.push_str("minus ");
        chars.next();
    }
    for c in chars {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '+' {
            out.push_str(" plus ");
        } else {
            out.push(' ');
        }
    }
    out
}

/// Keeps only characters valid in a Rust identifier.
fn identifier_chars(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

/// An UpperCamelCase name for a type or enum variant. Never empty, never
/// starting with a digit, never a keyword.
pub fn camel(raw: &str, fallback: &str) -> String {
    let mut name = identifier_chars(&words(raw).to_upper_camel_case());
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}{name}");
    }
    if name == "Self" {
        name = format!("{name}{fallback}");
    }
    name
}

/// A snake_case name for a field, parameter or method; a keyword becomes a raw
/// identifier (`r#type`), or gets a trailing underscore where raw is not allowed.
pub fn snake(raw: &str, fallback: &str) -> String {
    let mut name = identifier_chars(&words(raw).to_snake_case());
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}_{name}");
    }
    escape_keyword(name)
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A Cargo package name (kebab-case) from a title.
pub fn crate_name(raw: &str) -> String {
    let snake = identifier_chars(&words(raw).to_snake_case());
    let name = snake.trim_matches('_').replace('_', "-");
    if name.is_empty() {
        "api-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    }
}

/// The Rust library name of a Cargo package name.
pub fn lib_name(crate_name: &str) -> String {
    crate_name.replace('-', "_")
}

/// A set of names in one scope. Claiming a name that is taken appends the
/// smallest number that makes it unique, so the result depends only on the
/// order of claims, which follows the spec.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    used: HashSet<String>,
    /// For each numbered base (with its separator), the number after the last
    /// one given: every smaller number is taken, so claiming the same name
    /// thousands of times takes linear, not quadratic, time.
    next: HashMap<String, usize>,
}

impl Namespace {
    /// An empty scope.
    pub fn new() -> Self {
        Namespace::default()
    }

    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namespace { used: reserved.iter().map(|s| (*s).to_owned()).collect(), next: HashMap::new() }
    }

    /// Claims `name`, or `name2`, `name3`, ... if it is taken. Raw identifiers
    /// (`r#type`) and the plain word collide.
    pub fn claim(&mut self, name: &str) -> String {
        let plain = name.strip_prefix("r#").unwrap_or(name);
        if self.used.insert(plain.to_owned()) {
            return name.to_owned();
        }
        let base = plain.trim_end_matches('_');
        let separator = if base.contains('_') || base.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let numbered = format!("{base}{separator}");
        let mut n = self.next.get(&numbered).copied().unwrap_or(2);
        loop {
            let candidate = format!("{numbered}{n}");
            if self.used.insert(candidate.clone()) {
                self.next.insert(numbered, n + 1);
                return candidate;
            }
            n += 1;
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name.strip_prefix("r#").unwrap_or(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_names() {
        assert_eq!(camel("update-webhook request", "Type"), "UpdateWebhookRequest");
        assert_eq!(camel("2fa", "Type"), "Type2fa");
        assert_eq!(camel("", "Empty"), "Empty");
        assert_eq!(camel("=", "Value"), "Equal");
        assert_eq!(camel("!=", "Value"), "NotEqual");
        assert_eq!(camel(">=", "Value"), "GreaterOrEqual");
        assert_eq!(camel("-1", "Value"), "Minus1");
        assert_eq!(camel("1", "Value"), "Value1");
        assert_eq!(camel("Self", "Type"), "SelfType");
        assert_eq!(camel("application/json", "Type"), "ApplicationJson");
        assert_eq!(camel("+1", "Value"), "Plus1");
        assert_eq!(camel("é", "Value"), "Value");
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake("workspaceId", "field"), "workspace_id");
        assert_eq!(snake("_id", "field"), "id");
        assert_eq!(snake("type", "field"), "r#type");
        assert_eq!(snake("self", "field"), "self_");
        assert_eq!(snake("Self", "field"), "self_");
        assert_eq!(snake("crate", "field"), "crate_");
        assert_eq!(snake("2fa", "field"), "field_2fa");
        assert_eq!(snake("@type", "field"), "r#type");
        assert_eq!(snake("$", "field"), "dollar");
        assert_eq!(snake("", "field"), "field");
        assert_eq!(snake("X-Api-Key", "field"), "x_api_key");
    }

    #[test]
    fn collisions_are_numbered_in_claim_order() {
        let mut ns = Namespace::new();
        assert_eq!(ns.claim("Pet"), "Pet");
        assert_eq!(ns.claim("Pet"), "Pet2");
        assert_eq!(ns.claim("Pet"), "Pet3");
        let mut fields = Namespace::new();
        assert_eq!(fields.claim("foo_bar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("type"), "type_2");
        assert_eq!(fields.claim("self_"), "self_");
        assert_eq!(fields.claim("self_"), "self_2");
    }

    #[test]
    fn prelude_names_are_not_shadowed() {
        assert_eq!(type_name("Result".to_owned()), "ResultType");
        assert_eq!(type_name("String".to_owned()), "StringType");
        assert_eq!(type_name("Results".to_owned()), "Results");
    }

    #[test]
    fn crate_names() {
        assert_eq!(crate_name("SendKit API"), "send-kit-api");
        assert_eq!(crate_name("GitHub v3 REST API"), "git-hub-v3-rest-api");
        assert_eq!(crate_name("!!!"), "bang-bang-bang");
        assert_eq!(crate_name("123"), "api-123");
    }
}
