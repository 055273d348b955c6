//! Diagnostics: what is wrong with a spec, and where.

use std::fmt;

/// Where in the spec a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A JSON pointer as a URI fragment, e.g. `#/paths/~1pets/get`.
    Pointer(String),
    /// A line and column (1-based), for syntax errors.
    LineColumn(usize, usize),
    /// A setting of the generator rather than the spec: a key of the config
    /// file (`types.PetId`, `only`), named as the config file names it.
    Setting(String),
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The spec cannot be generated.
    Error,
    /// Something was skipped or approximated; the rest is generated.
    Warning,
}

/// A problem with a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at a JSON pointer.
    pub(crate) fn error(pointer: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Location::Pointer(pointer.to_string()),
            message: message.into(),
        }
    }

    /// A warning at a JSON pointer.
    pub(crate) fn warning(pointer: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: Location::Pointer(pointer.to_string()),
            message: message.into(),
        }
    }

    /// An error about a setting (see [`Location::Setting`]).
    pub(crate) fn setting(key: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, location: Location::Setting(key.into()), message: message.into() }
    }

    /// Formats the diagnostic for the spec file `file`: `file#/pointer: message`
    /// or `file:line:column: message`, with `warning: ` before warnings' messages.
    /// A setting's diagnostic is `key: message`; [`Diagnostic::display_with`]
    /// names where the settings come from too.
    pub fn display_for(&self, file: &str) -> String {
        self.display_with(file, None)
    }

    /// Like [`Diagnostic::display_for`], with a setting's key shown as a key of
    /// the config file `settings` (`openapi-rust-generator.toml: types.PetId: message`).
    pub fn display_with(&self, file: &str, settings: Option<&str>) -> String {
        let prefix = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        match &self.location {
            Location::Pointer(pointer) => format!("{file}{pointer}: {prefix}{}", self.message),
            Location::LineColumn(line, column) => format!("{file}:{line}:{column}: {prefix}{}", self.message),
            Location::Setting(key) => match settings {
                Some(settings) => format!("{settings}: {key}: {prefix}{}", self.message),
                None => format!("{key}: {prefix}{}", self.message),
            },
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_for(""))
    }
}

/// A JSON pointer into the spec, built token by token.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The document root.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// A pointer from its fragment form (`#/a/b`) or plain form (`/a/b`).
    pub fn parse(fragment: &str) -> Self {
        Pointer(fragment.strip_prefix('#').unwrap_or(fragment).to_owned())
    }

    /// This pointer extended by one reference token (escaped as RFC 6901 says).
    pub fn push(&self, token: impl AsRef<str>) -> Self {
        let token = token.as_ref();
        let mut out = String::with_capacity(self.0.len() + token.len() + 1);
        out.push_str(&self.0);
        out.push('/');
        for c in token.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
        Pointer(out)
    }

    /// The pointer as a `$ref` within the document: `#` and the pointer, with
    /// the characters a URI fragment cannot hold percent-encoded.
    pub fn to_reference(&self) -> String {
        /// Characters escaped in a JSON pointer written as a URI fragment.
        const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
            .add(b' ')
            .add(b'"')
            .add(b'#')
            .add(b'%')
            .add(b'<')
            .add(b'>')
            .add(b'`')
            .add(b'{')
            .add(b'}');
        format!("#{}", percent_encoding::utf8_percent_encode(&self.0, FRAGMENT))
    }

    /// The pointer without the leading `#` (as `serde_json::Value::pointer` wants it).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name `name` when the pointer is exactly `#/components/<section>/<name>`.
    pub fn component(&self, section: &str) -> Option<String> {
        let escaped = self.0.strip_prefix("/components/")?.strip_prefix(section)?.strip_prefix('/')?;
        (!escaped.contains('/')).then(|| escaped.replace("~1", "/").replace("~0", "~"))
    }

    /// The unescaped reference tokens.
    pub fn tokens(&self) -> Vec<String> {
        if self.0.is_empty() {
            return Vec::new();
        }
        self.0[1..].split('/').map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tokens() {
        let p = Pointer::root().push("paths").push("/v1/webhooks/{id}").push("patch").push("a~b");
        assert_eq!(p.to_string(), "#/paths/~1v1~1webhooks~1{id}/patch/a~0b");
        assert_eq!(p.tokens(), vec!["paths", "/v1/webhooks/{id}", "patch", "a~b"]);
        assert_eq!(Pointer::parse("#/a/b").push("c").to_string(), "#/a/b/c");
        assert_eq!(Pointer::root().push("/a/{id}").push("50%").to_reference(), "#/~1a~1%7Bid%7D/50%25");
    }

    #[test]
    fn component_names() {
        let schemas = Pointer::root().push("components").push("schemas");
        assert_eq!(schemas.push("a/b~c").component("schemas").as_deref(), Some("a/b~c"));
        assert_eq!(schemas.push("Pet").push("properties").component("schemas"), None);
        assert_eq!(schemas.push("Pet").component("responses"), None);
        assert_eq!(schemas.component("schemas"), None);
    }
}
