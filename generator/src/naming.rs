//! Every Rust name the generator writes is chosen here: case conversion (heck),
//! words for punctuation, keyword escaping and deterministic collision handling.

use std::collections::{HashMap, HashSet};
use std::fmt;

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
fn type_name(camel_name: String) -> String {
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

/// A Rust identifier the generator chose: its plain spelling (`type`,
/// `self_`, `UpdateWebhook`) and whether it must be written raw (`r#type`).
///
/// Names are compared, claimed and derived from their plain spelling; the raw
/// form exists only where the identifier is written as code ([`Ident::to_ident`],
/// [`fmt::Display`], [`quote::ToTokens`]). Prose names the plain form ([`Ident::as_str`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    plain: String,
    raw: bool,
}

impl Ident {
    /// An identifier that is no keyword, such as a type name or a numbered name.
    fn plain(plain: String) -> Self {
        Ident { plain, raw: false }
    }

    /// The identifier for `name` as it is, escaped when it is a keyword
    /// (`type` becomes raw, `self` becomes `self_`). `name` must already consist
    /// of identifier characters.
    fn escaped(name: String) -> Self {
        if NOT_RAW.contains(&name.as_str()) {
            Ident::plain(format!("{name}_"))
        } else {
            let raw = KEYWORDS.contains(&name.as_str());
            Ident { plain: name, raw }
        }
    }

    /// The plain spelling, without `r#`: what prose and derived names use.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    /// Whether the identifier is a keyword that code writes as `r#name`.
    #[cfg(test)]
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// The `proc_macro2` identifier, raw when it must be.
    pub fn to_ident(&self) -> proc_macro2::Ident {
        if self.raw {
            proc_macro2::Ident::new_raw(&self.plain, proc_macro2::Span::call_site())
        } else {
            proc_macro2::Ident::new(&self.plain, proc_macro2::Span::call_site())
        }
    }

    /// This name with `_suffix` appended (`api_key_username`); never a keyword.
    pub fn suffixed(&self, suffix: &str) -> Ident {
        Ident::plain(format!("{}_{suffix}", self.plain))
    }
}

/// The spelling in code: `r#type` for a raw identifier.
impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.plain)
    }
}

impl quote::ToTokens for Ident {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        tokens.extend([proc_macro2::TokenTree::Ident(self.to_ident())]);
    }
}

/// An UpperCamelCase name for a type or enum variant, as text to build on.
/// Never empty, never starting with a digit, never a keyword.
pub fn camel(raw: &str, fallback: &str) -> String {
    let words = words(raw);
    let camel = if words.is_ascii() { ascii_upper_camel(&words) } else { words.to_upper_camel_case() };
    let mut name = identifier_chars(&camel);
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

/// heck's UpperCamelCase of ASCII text, without its Unicode case tables and
/// formatting machinery (type names are made tens of thousands of times for
/// a large spec). Words are split at every character that is not a letter or
/// digit, and inside a run of them after a lowercase letter followed by an
/// uppercase one (`fooBar`) and before the last of several uppercase letters
/// followed by a lowercase one (`HTTPServer`: `HTTP`, `Server`); each word
/// is written with its first letter uppercase and the rest lowercase.
fn ascii_upper_camel(text: &str) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lowercase,
        Uppercase,
    }
    let mut out = String::with_capacity(text.len());
    let mut push_word = |word: &[u8]| {
        if let Some((first, rest)) = word.split_first() {
            out.push(first.to_ascii_uppercase() as char);
            out.extend(rest.iter().map(|b| b.to_ascii_lowercase() as char));
        }
    };
    for word in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in word.iter().enumerate() {
            let Some(&next) = word.get(i + 1) else {
                push_word(word.get(start..).unwrap_or_default());
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lowercase
            } else if c.is_ascii_uppercase() {
                Mode::Uppercase
            } else {
                mode
            };
            if next_mode == Mode::Lowercase && next.is_ascii_uppercase() {
                push_word(word.get(start..=i).unwrap_or_default());
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Uppercase && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                push_word(word.get(start..i).unwrap_or_default());
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
    out
}

/// An UpperCamelCase identifier (a variant name, a security scheme's type name).
pub fn camel_ident(raw: &str, fallback: &str) -> Ident {
    Ident::plain(camel(raw, fallback))
}

/// A type name: UpperCamelCase text that does not shadow a prelude name.
pub fn type_ident(camel_name: String) -> Ident {
    Ident::plain(type_name(camel_name))
}

/// A snake_case name for a field, parameter or method; a keyword becomes a raw
/// identifier (`r#type`), or gets a trailing underscore where raw is not allowed.
pub fn snake(raw: &str, fallback: &str) -> Ident {
    if is_plain_snake(raw) {
        // Most wire names are snake_case already; the general path gives them back unchanged.
        return Ident::escaped(raw.to_owned());
    }
    let mut name = identifier_chars(&words(raw).to_snake_case());
    if name.is_empty() {
        name = fallback.to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("{fallback}_{name}");
    }
    Ident::escaped(name)
}

/// Whether `raw` is snake_case that [`snake`] would give back as it is:
/// lowercase ASCII words of letters and digits, the first starting with a
/// letter, joined by single underscores.
fn is_plain_snake(raw: &str) -> bool {
    raw.starts_with(|c: char| c.is_ascii_lowercase())
        && !raw.ends_with('_')
        && !raw.contains("__")
        && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Names clippy denies for bindings as placeholders (its `disallowed_names`
/// defaults), which a field may have but a local variable may not.
const PLACEHOLDER_NAMES: [&str; 3] = ["foo", "baz", "quux"];

/// The local variable that holds a field's value while an object is decoded:
/// the field's own name, unless that is a placeholder name clippy denies
/// (`foo`), then that name followed by as many `_` as it takes for `taken`
/// (the struct's field names) not to hold it.
pub fn field_local(field: &Ident, taken: impl Fn(&str) -> bool) -> Ident {
    if !PLACEHOLDER_NAMES.contains(&field.as_str()) {
        return field.clone();
    }
    untaken(&format!("{}_", field.as_str()), taken)
}

/// `name`, or `name` followed by as many `_` as it takes for `taken` not to
/// hold it (the decoder's own locals, `map` and `index`, beside the fields').
pub fn untaken(name: &str, taken: impl Fn(&str) -> bool) -> Ident {
    let mut name = name.to_owned();
    while taken(&name) {
        name.push('_');
    }
    Ident::plain(name)
}

/// The UpperCamelCase stem of the types an operation gets (its parameters,
/// its responses), from the plain form of its method name: `r#type` gives `Type`.
pub fn operation_stem(method: &Ident) -> String {
    camel(method.as_str(), "Op")
}

/// The struct of an operation's query, header and cookie parameters: `<Stem>Params`.
pub fn params_type(stem: &str) -> String {
    format!("{stem}Params")
}

/// The second method of an operation whose answer can be streamed (server-sent
/// events, or a binary body's bytes): `<method>_stream`. It is claimed in the
/// namespace of `Client`'s methods after every operation's own name, so an
/// operation named so keeps its name and the stream method is numbered
/// (`<method>_stream_2`).
pub fn stream_method(method: &Ident) -> Ident {
    method.suffixed("stream")
}

/// The enum of an operation's several success bodies: `<Stem>Response`.
pub fn response_type(stem: &str) -> String {
    format!("{stem}Response")
}

/// The enum of an operation's several error bodies: `<Stem>Error`.
pub fn error_type(stem: &str) -> String {
    format!("{stem}Error")
}

/// A human name for an HTTP status key (`200`, `4XX`, `default`), used in
/// type and variant names: `Ok`, `ClientError`, `Default`, `Status299`.
pub fn status_word(code: &str) -> String {
    let word = match code {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "203" => "NonAuthoritative",
        "204" => "NoContent",
        "205" => "ResetContent",
        "206" => "PartialContent",
        "207" => "MultiStatus",
        "301" => "MovedPermanently",
        "302" => "Found",
        "303" => "SeeOther",
        "304" => "NotModified",
        "307" => "TemporaryRedirect",
        "308" => "PermanentRedirect",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "411" => "LengthRequired",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "416" => "RangeNotSatisfiable",
        "422" => "UnprocessableEntity",
        "423" => "Locked",
        "424" => "FailedDependency",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "451" => "UnavailableForLegalReasons",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "1XX" | "1xx" => "Informational",
        "2XX" | "2xx" => "Success",
        "3XX" | "3xx" => "Redirection",
        "4XX" | "4xx" => "ClientError",
        "5XX" | "5xx" => "ServerError",
        "default" => "Default",
        other => return format!("Status{other}"),
    };
    word.to_owned()
}

/// The variant of an operation's outcome enum for the response with status key `code`.
pub fn status_variant(code: &str) -> Ident {
    Ident::plain(status_word(code))
}

/// A Cargo package name (kebab-case) from a name given for it: the
/// `--crate-name` option, or a title's words. A name whose library name
/// would be a Rust keyword gets `-api` (`move-api`): the crate's paths start
/// with it.
pub fn crate_name(raw: &str) -> String {
    let snake = identifier_chars(&words(raw).to_snake_case());
    let name = snake.trim_matches('_').replace('_', "-");
    if name.is_empty() {
        "api-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("{name}-api")
    } else {
        name
    }
}

/// Words of a title that name no product: the kind of document, the
/// protocol, articles.
const TITLE_NOISE: &[&str] = &[
    "a", "an", "the", "api", "apis", "spec", "specs", "specification", "official", "unofficial", "openapi", "swagger",
    "rest", "restful", "http", "json", "web", "documentation", "docs", "doc", "reference", "version", "edition",
];

/// The package name a person would choose for an API titled `title`: its
/// leading product word, lower case, as one word however it is capitalised
/// (`GitHub's official OpenAPI spec + Octokit extension` is `github`, `OpenAI
/// API` is `openai`, `The Jira Cloud platform REST API` is `jira`), without
/// the words that name no product (`API`, `spec`, `official`, ...), versions
/// (`v3`, `2.1`) and possessives. `None` when no word is left.
pub fn title_crate_name(title: &str) -> Option<String> {
    title.split(|c: char| c.is_whitespace() || matches!(c, '/' | ':' | '+' | ',' | '(' | ')' | '|')).find_map(|word| {
        let word = word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word);
        let word: String = word
            .chars()
            .filter_map(|c| match c {
                c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                '-' | '_' => Some('-'),
                _ => None,
            })
            .collect();
        let word = word.trim_matches('-');
        let version = word.strip_prefix('v').unwrap_or(word);
        let is_version = !version.is_empty() && version.chars().all(|c| c.is_ascii_digit() || c == '.');
        (!word.is_empty() && !is_version && !TITLE_NOISE.contains(&word)).then(|| crate_name(word))
    })
}

/// A cargo feature name (kebab-case, ASCII) from a tag: `Code Scanning` is
/// `code-scanning`. Unique names are [`Features`]' business.
pub fn feature_name(tag: &str) -> String {
    let snake = identifier_chars(&words(tag).to_snake_case());
    let name = snake.trim_matches('_').replace('_', "-");
    if name.is_empty() {
        "tag".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("tag-{name}")
    } else {
        name
    }
}

/// The cargo feature of the types no operation uses.
pub const UNUSED_TYPES_FEATURE: &str = "unused-types";

/// The cargo feature names of one crate: a name that is taken (another tag's,
/// or `default`, `full-serde`, `tracing`, `untagged` and `unused-types`, which
/// the crate has itself) gets
/// the smallest number that makes it unique: `repos-2`.
#[derive(Debug, Clone)]
pub struct Features(HashSet<String>);

impl Default for Features {
    fn default() -> Self {
        Features(["default", "full-serde", "tracing", "untagged", UNUSED_TYPES_FEATURE].map(str::to_owned).into())
    }
}

impl Features {
    /// The feature name for `tag`, claimed.
    pub fn claim(&mut self, tag: &str) -> String {
        let base = feature_name(tag);
        let mut name = base.clone();
        let mut n = 2;
        while !self.0.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
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

    /// Claims `name`, or `name2`, `name_2`, ... if it is taken. Names collide by
    /// their plain spelling (`r#type` and `type` are the same name); a numbered
    /// name is never a keyword.
    pub fn claim(&mut self, name: Ident) -> Ident {
        if self.used.insert(name.plain.clone()) {
            return name;
        }
        let base = name.plain.trim_end_matches('_');
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
                return Ident::plain(candidate);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests;
