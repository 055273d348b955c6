//! What every conformance harness shares. `cargo xtask conformance` writes, for
//! each spec, a harness crate that calls every operation of the spec's
//! generated client against Stoplight Prism serving that spec; this crate is
//! the part of the harness that is the same for every spec:
//!
//! - [`Case`]: the arguments of one operation as JSON (the spec's example and
//!   a value built from the schema), and the responses to ask Prism for;
//! - [`Values`]: turning those into the client's argument types (`values.rs`);
//! - the [`Record`] of each call: how it ended ([`Outcome`]), what Prism said
//!   about the request and the response ([`Violation`]s), and the exchange on
//!   the wire ([`Exchange`]);
//! - with the `harness` feature (the default), the recording proxy between
//!   the client and Prism ([`proxy`]) and the loop over the cases ([`Harness`]).
//!
//! The xtask reads the records with this crate's types (without the `harness`
//! feature, which needs tokio).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod values;
pub use values::{Skip, Values};

#[cfg(feature = "harness")]
mod harness;
#[cfg(feature = "harness")]
pub mod proxy;
#[cfg(feature = "harness")]
pub use harness::{Call, Harness};

/// The environment variable that gives a harness Prism's base URL.
pub const PRISM_URL_VAR: &str = "CONFORMANCE_PRISM_URL";
/// The environment variable that gives a harness the file of its cases.
pub const CASES_VAR: &str = "CONFORMANCE_CASES";
/// The environment variable that gives the index of the first case to call (0 if unset).
pub const FROM_VAR: &str = "CONFORMANCE_FROM";

/// How the proxy's own answer begins when the server could not be reached.
pub const UNREACHABLE: &str = "the proxy could not reach the server";
/// How the proxy's own answer begins when the server did not answer in time.
pub const NO_ANSWER: &str = "the server did not answer in time";

/// One operation to call: its arguments and the responses to ask for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// The Rust name of the client's method.
    pub operation: String,
    /// `METHOD /path` as the spec writes it.
    pub request: String,
    /// Each argument by name (`path.<name>`, `params.<field>`, `body`).
    pub args: BTreeMap<String, Candidates>,
    /// One call per entry: the `Prefer` header asking Prism for a response
    /// (`code=404`), or none to let Prism choose.
    pub checks: Vec<Option<String>>,
    /// The spec's examples of the operation's responses, which Prism serves
    /// when it has one: a body the client does not decode that is one of them
    /// is the spec's own example breaking its schema.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_examples: Vec<ResponseExample>,
}

impl Case {
    /// The status key of the response whose example `body` is, when it is one
    /// of the spec's examples (compared as JSON values, numbers by value:
    /// Prism writes the example again, `1.0` as `1`).
    pub fn spec_example(&self, body: &[u8]) -> Option<&str> {
        if self.response_examples.is_empty() {
            return None;
        }
        let body: Value = serde_json::from_slice(body).ok()?;
        self.response_examples.iter().find(|example| same_json(&example.value, &body)).map(|e| e.status.as_str())
    }
}

/// One example of a response, as the spec gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseExample {
    /// The response's key under `responses` (`200`, `4XX`, `default`).
    pub status: String,
    /// The example.
    pub value: Value,
}

/// Whether two JSON values are the same, numbers compared by value.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64().zip(y.as_f64()).is_some_and(|(x, y)| x == y),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

/// The values an argument can take, in the order they are tried.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Candidates {
    /// The spec's example of the argument, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// A value built from the schema to satisfy its constraints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synthesized: Option<Value>,
    /// The built value with every optional field of the object too, for a
    /// body whose spec asks for more than its type says (at least one of
    /// several optional fields, with `anyOf` of `required` lists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete: Option<Value>,
}

/// Which values a call is made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// The spec's examples where they fit the argument's type, else built values.
    Examples,
    /// Built values only (after the examples made a request Prism refused).
    Synthesized,
    /// Built values with every optional field of the body (after the built
    /// values made a request Prism refused).
    Complete,
}

/// How a call of a generated client ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// A documented success, its body decoded.
    Ok {
        /// The status.
        status: u16,
    },
    /// A documented error status, its body decoded into the typed error.
    Api {
        /// The status.
        status: u16,
    },
    /// A documented status whose body did not decode.
    Decode {
        /// The status.
        status: u16,
        /// The client's error message.
        message: String,
    },
    /// A status the operation does not document.
    Unexpected {
        /// The status.
        status: u16,
    },
    /// The client refused to send the request (`Error::InvalidRequest`).
    Refused {
        /// The client's error message.
        message: String,
    },
    /// Anything else: transport, timeout, missing credentials, a body too large.
    Failed {
        /// The client's error message.
        message: String,
    },
}

impl Outcome {
    /// Whether the response was read into the operation's types.
    pub fn decoded(&self) -> bool {
        matches!(self, Outcome::Ok { .. } | Outcome::Api { .. })
    }
}

/// One violation Prism reports (in the `sl-violations` header, or in the
/// `validation` list of its problem report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// Where: `["request", "query", "limit"]`, `["body", "name"]`, `["response", "body"]`.
    #[serde(default)]
    pub location: Vec<Value>,
    /// `Error`, `Warning`, ...
    #[serde(default)]
    pub severity: Value,
    /// The rule broken (`type`, `required`, `pattern`, ...).
    #[serde(default)]
    pub code: Value,
    /// Prism's message.
    #[serde(default)]
    pub message: String,
}

impl Violation {
    /// Whether it is about the response Prism produced (rather than the request).
    pub fn is_response(&self) -> bool {
        self.location.first().and_then(Value::as_str) == Some("response")
    }

    /// Whether Prism counts it as an error (not a warning or a hint).
    pub fn is_error(&self) -> bool {
        match &self.severity {
            Value::String(s) => s.eq_ignore_ascii_case("error"),
            Value::Number(n) => n.as_u64() == Some(0),
            _ => true,
        }
    }

    /// The location as a path: `request.query.limit`.
    pub fn path(&self) -> String {
        let parts: Vec<String> = self
            .location
            .iter()
            .map(|part| match part {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        parts.join(".")
    }
}

/// One HTTP exchange between the client and Prism, as the proxy saw it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// The request method.
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// The request headers the client sent (names in lower case).
    pub request_headers: Vec<(String, String)>,
    /// The request body (lossy UTF-8, cut at [`BODY_KEEP`] bytes).
    pub request_body: String,
    /// The response status.
    pub status: u16,
    /// The response headers (names in lower case).
    pub response_headers: Vec<(String, String)>,
    /// The response body (lossy UTF-8, cut at [`BODY_KEEP`] bytes).
    pub response_body: String,
}

/// How many bytes of a body an [`Exchange`] keeps.
pub const BODY_KEEP: usize = 8 * 1024;

/// The prefix of the `type` of Prism's own problem reports.
const PRISM_PROBLEM: &str = "https://stoplight.io/prism/errors#";

impl Exchange {
    /// The value of a response header.
    pub fn response_header(&self, name: &str) -> Option<&str> {
        self.response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The value of a request header.
    pub fn request_header(&self, name: &str) -> Option<&str> {
        self.request_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Prism's problem report, when the response is one of Prism's own errors
    /// rather than a response of the spec: its kind (`UNPROCESSABLE_ENTITY`,
    /// `VIOLATIONS`, `NO_PATH_MATCHED_ERROR`, ...).
    pub fn prism_error(&self) -> Option<String> {
        let content_type = self.response_header("content-type")?;
        if !content_type.to_ascii_lowercase().starts_with("application/problem+json") {
            return None;
        }
        match serde_json::from_str::<Value>(&self.response_body) {
            Ok(problem) => Some(problem.get("type")?.as_str()?.strip_prefix(PRISM_PROBLEM)?.to_owned()),
            // A report cut at BODY_KEEP bytes (thousands of violations): Prism writes its `type` first.
            Err(_) => {
                let rest = self.response_body.split_once(&format!("\"type\":\"{PRISM_PROBLEM}"))?.1;
                rest.split('"').next().filter(|kind| !kind.is_empty()).map(str::to_owned)
            }
        }
    }

    /// Whether the proxy answered itself because the server was gone or silent.
    pub fn server_lost(&self) -> bool {
        self.status == 502
            && self.response_headers.is_empty()
            && (self.response_body.starts_with(UNREACHABLE) || self.response_body.starts_with(NO_ANSWER))
    }

    /// Every violation Prism reports, once each: those of the `sl-violations`
    /// header, then those of its problem report.
    pub fn violations(&self) -> Vec<Violation> {
        let mut found: Vec<Violation> = Vec::new();
        if let Some(header) = self.response_header("sl-violations") {
            if let Ok(list) = serde_json::from_str::<Vec<Violation>>(header) {
                found.extend(list);
            }
        }
        if self.prism_error().is_some() {
            if let Ok(problem) = serde_json::from_str::<Value>(&self.response_body) {
                if let Some(list) = problem.get("validation").cloned() {
                    if let Ok(list) = serde_json::from_value::<Vec<Violation>>(list) {
                        found.extend(list);
                    }
                }
            }
        }
        let mut unique: Vec<Violation> = Vec::with_capacity(found.len());
        for violation in found {
            if !unique.iter().any(|v| v.location == violation.location && v.message == violation.message) {
                unique.push(violation);
            }
        }
        unique
    }
}

/// What the harness records about one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The operation's position among the cases.
    pub index: usize,
    /// The Rust name of the client's method.
    pub operation: String,
    /// Which check of the case (an index into [`Case::checks`]).
    pub check: usize,
    /// The `Prefer` header sent to Prism, if any.
    pub prefer: Option<String>,
    /// Which values the arguments were made from.
    pub variant: Variant,
    /// Whether one of the arguments is the spec's example.
    pub used_example: bool,
    /// Examples that did not fit their argument's type, and the like.
    pub notes: Vec<String>,
    /// How the call ended; `None` when it was not made.
    pub outcome: Option<Outcome>,
    /// Why the call was not made.
    pub skipped: Option<String>,
    /// Prism's kind of problem, when it answered with a problem report of its own.
    pub prism_error: Option<String>,
    /// What Prism found wrong with the request (errors only).
    pub request_violations: Vec<Violation>,
    /// What Prism found wrong with the response it produced (errors only).
    pub response_violations: Vec<Violation>,
    /// What Prism reported below the error severity.
    pub warnings: Vec<Violation>,
    /// The request and response on the wire.
    pub exchange: Option<Exchange>,
    /// When the body the client did not decode is the spec's own example of a
    /// response: that response's status key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec_example: Option<String>,
}

impl Record {
    /// The record of a call that was made, with the verdicts read from the exchange.
    pub fn of_call(
        index: usize,
        case: &Case,
        check: usize,
        prefer: Option<String>,
        values: &Values,
        outcome: Outcome,
        exchange: Option<Exchange>,
    ) -> Record {
        let mut record = Record::blank(index, case, check, prefer, values);
        if let Some(exchange) = &exchange {
            record.prism_error = exchange.prism_error();
            for violation in exchange.violations() {
                if !violation.is_error() {
                    record.warnings.push(violation);
                } else if violation.is_response() {
                    record.response_violations.push(violation);
                } else {
                    record.request_violations.push(violation);
                }
            }
        }
        record.outcome = Some(outcome);
        record.exchange = exchange;
        record
    }

    /// The record of a call that could not be made.
    pub fn of_skip(index: usize, case: &Case, check: usize, values: &Values, skip: Skip) -> Record {
        let mut record = Record::blank(index, case, check, None, values);
        record.skipped = Some(skip.reason().to_owned());
        record
    }

    fn blank(index: usize, case: &Case, check: usize, prefer: Option<String>, values: &Values) -> Record {
        Record {
            index,
            operation: case.operation.clone(),
            check,
            prefer,
            variant: values.variant(),
            used_example: values.used_example(),
            notes: values.notes(),
            outcome: None,
            skipped: None,
            prism_error: None,
            request_violations: Vec::new(),
            response_violations: Vec::new(),
            warnings: Vec::new(),
            exchange: None,
            spec_example: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(headers: &[(&str, &str)], body: &str) -> Exchange {
        Exchange {
            status: 422,
            response_headers: headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
            response_body: body.to_owned(),
            ..Exchange::default()
        }
    }

    #[test]
    fn a_body_is_the_spec_example_whatever_its_layout_and_number_spelling() {
        let case = Case {
            operation: "op".to_owned(),
            request: "GET /x".to_owned(),
            args: BTreeMap::new(),
            checks: vec![None],
            response_examples: vec![
                ResponseExample { status: "404".to_owned(), value: serde_json::json!({"message": "gone"}) },
                ResponseExample { status: "200".to_owned(), value: serde_json::json!({"a": 1.0, "b": [true, null]}) },
            ],
        };
        assert_eq!(case.spec_example(br#"{ "b": [true, null], "a": 1 }"#), Some("200"));
        assert_eq!(case.spec_example(br#"{"a": 1, "b": [true]}"#), None);
        assert_eq!(case.spec_example(b"not json"), None);
    }

    #[test]
    fn a_problem_report_cut_short_is_still_prisms() {
        let body = r#"{"type":"https://stoplight.io/prism/errors#VIOLATIONS","title":"Request/Response not valid","status":500,"validation":[{"location":["response","body","items","0"],"sev"#;
        let found = exchange(&[("content-type", "application/problem+json")], body);
        assert_eq!(found.prism_error().as_deref(), Some("VIOLATIONS"));
        let spec_answer = exchange(&[("content-type", "application/problem+json")], r#"{"type":"about:blank","tit"#);
        assert_eq!(spec_answer.prism_error(), None);
    }

    #[test]
    fn violations_come_from_the_header_and_the_problem_report_once_each() {
        let header = r#"[{"location":["request","query","limit"],"severity":"Error","code":"type","message":"Request query parameter limit must be integer"}]"#;
        let body = r#"{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,"validation":[{"location":["request","query","limit"],"severity":"Error","code":"type","message":"Request query parameter limit must be integer"},{"location":["header","x-id","0"],"severity":"Error","code":"type","message":"Request header parameter x-id.0 must be integer"}]}"#;
        let found = exchange(&[("sl-violations", header), ("content-type", "application/problem+json")], body);
        assert_eq!(found.prism_error().as_deref(), Some("UNPROCESSABLE_ENTITY"));
        let paths: Vec<String> = found.violations().iter().map(Violation::path).collect();
        assert_eq!(paths, ["request.query.limit", "header.x-id.0"]);
        assert!(found.violations().iter().all(|v| v.is_error() && !v.is_response()));
    }

    #[test]
    fn a_problem_report_of_the_spec_is_not_prisms() {
        let body = r#"{"type":"https://example.com/problems/invalid","title":"Invalid"}"#;
        let spec_problem = exchange(&[("content-type", "application/problem+json")], body);
        assert_eq!(spec_problem.prism_error(), None);
        assert!(spec_problem.violations().is_empty());
    }

    #[test]
    fn response_violations_and_warnings_are_told_apart() {
        let header = r#"[{"location":["response","body","n"],"severity":"Error","code":"type","message":"Response body property n must be integer"},{"location":["request","header"],"severity":"Warning","message":"w"}]"#;
        let found = exchange(&[("sl-violations", header)], "");
        let violations = found.violations();
        assert!(violations[0].is_response() && violations[0].is_error());
        assert!(!violations[1].is_error());
    }
}
