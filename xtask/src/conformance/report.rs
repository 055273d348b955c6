//! From the harness's records to verdicts: per operation, whether Prism
//! refused a request the client made, and whether the client decoded every
//! response Prism gave; the table, the failures and the summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use conformance_support::{Case, Outcome, Record, Variant, Violation};

use super::spec_bugs;

/// How one spec fared.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The spec's file name.
    pub file: String,
    /// Its declared OpenAPI version.
    pub openapi: String,
    /// Operations the client has.
    pub operations: usize,
    /// Operations called.
    pub called: usize,
    /// Operations with a request Prism refused (the spec's own examples aside).
    pub violations: usize,
    /// Operations with a response the client did not decode.
    pub decode_failures: usize,
    /// Operations not called (and those the generator skips).
    pub skipped_count: usize,
    /// Why they were not called.
    pub skipped: Vec<String>,
    /// What stopped the whole spec (no crate, a compile error, no Prism).
    pub error: Option<String>,
    /// Remarks: how Prism was run, responses Prism could not produce.
    pub notes: Vec<String>,
    /// Every failure and every finding about the spec.
    pub failures: Vec<Failure>,
    /// How long the calls took.
    pub time: Duration,
    /// The cases, in operation order.
    pub cases: Vec<Case>,
    /// The JSON pointer of each operation.
    pub pointers: Vec<String>,
    /// For each operation, the statuses whose response has an example, with the example.
    pub examples: Vec<Vec<(String, serde_json::Value)>>,
    /// Operations whose request made Prism exit, with what Prism said.
    pub lost: BTreeMap<usize, String>,
    /// The entries of [`spec_bugs::KNOWN`] (by index) that excused a failure, with the operation.
    pub excused: Vec<(usize, String)>,
    /// The operations called.
    pub called_operations: Vec<String>,
    /// What is wrong with the known failures of this spec (a pointer not in it).
    pub stale: Vec<String>,
}

impl Row {
    /// A row for a spec, before anything is known.
    pub fn new(file: &str, openapi: &str) -> Row {
        Row { file: file.to_owned(), openapi: openapi.to_owned(), ..Row::default() }
    }

    /// Operations whose failures are all known spec bugs count as spec bugs.
    fn counted(&self, kind: FailureKind) -> (usize, usize) {
        let mut by_op: BTreeMap<&str, bool> = BTreeMap::new();
        for failure in self.failures.iter().filter(|f| f.kind == kind) {
            let ours = by_op.entry(&failure.operation).or_insert(false);
            *ours |= failure.spec_bug.is_none();
        }
        let ours = by_op.values().filter(|ours| **ours).count();
        (ours, by_op.len() - ours)
    }
}

/// What went wrong in one call, or what the call showed about the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The operation (the client's method).
    pub operation: String,
    /// `METHOD /path`.
    pub request: String,
    /// The JSON pointer of the operation.
    pub pointer: String,
    /// The `Prefer` header of the call.
    pub prefer: Option<String>,
    /// What kind of failure.
    pub kind: FailureKind,
    /// What Prism or the client said.
    pub detail: String,
    /// The request and response, shortened.
    pub exchange: String,
    /// Why it is the spec's fault, when it is a known spec bug.
    pub spec_bug: Option<String>,
}

/// The kinds of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FailureKind {
    /// Prism refused a request the client made.
    RequestViolation,
    /// The client did not decode the response (or refused to send, or failed otherwise).
    DecodeFailure,
    /// The spec's example of an argument breaks the spec (Prism refused it; built values passed).
    ExampleViolation,
    /// The response Prism produced breaks the spec: its example when it has one, else
    /// Prism's own generation (a Prism limitation); a generated body was decoded instead.
    ResponseViolation,
}

impl FailureKind {
    fn label(self) -> &'static str {
        match self {
            FailureKind::RequestViolation => "request violation",
            FailureKind::DecodeFailure => "decode failure",
            FailureKind::ExampleViolation => "spec example refused",
            FailureKind::ResponseViolation => "response breaks the spec",
        }
    }
}

/// Prism's problem kinds that are about the request (the others are about
/// the response it could not produce: `VIOLATIONS`, `NOT_FOUND` for a status
/// it cannot serve, `NO_COMPLEX_OBJECT_TEXT`, `UNKNOWN`, ...).
fn request_problem(kind: &str) -> bool {
    matches!(
        kind,
        "UNPROCESSABLE_ENTITY"
            | "NO_PATH_MATCHED_ERROR"
            | "NO_METHOD_MATCHED_ERROR"
            | "NO_SERVER_MATCHED_ERROR"
            | "INVALID_CONTENT_TYPE"
            | "UNAUTHORIZED"
            | "NOT_ACCEPTABLE"
    )
}

/// What Prism found wrong with the request of a call, one line each.
fn request_problems(record: &Record) -> Vec<String> {
    let mut problems: Vec<String> = record.request_violations.iter().map(violation_text).collect();
    if let (Some(kind), Some(exchange)) = (&record.prism_error, &record.exchange) {
        if problems.is_empty() && request_problem(kind) {
            let problem: serde_json::Value = serde_json::from_str(&exchange.response_body).unwrap_or_default();
            let detail = problem["detail"].as_str().or(problem["title"].as_str()).unwrap_or_default();
            problems.push(format!("{kind} ({}): {detail}", exchange.status));
        }
    }
    problems
}

fn violation_text(violation: &Violation) -> String {
    format!("{}: {}", violation.path(), violation.message)
}

/// The request and response of a call, shortened for a report.
fn exchange_text(record: &Record) -> String {
    let Some(exchange) = &record.exchange else { return String::new() };
    let cut = |text: &str, n: usize| {
        let short: String = text.chars().take(n).collect();
        if short.len() < text.len() { format!("{short}...") } else { short }
    };
    let mut out = format!("{} {}", exchange.method, exchange.target);
    for name in ["content-type", "cookie"] {
        if let Some(value) = exchange.request_header(name) {
            let _ = write!(out, " [{name}: {}]", cut(value, 80));
        }
    }
    if !exchange.request_body.is_empty() {
        let _ = write!(out, " body {}", cut(&exchange.request_body, 300));
    }
    let _ = write!(out, " -> {}", exchange.status);
    if let Some(content_type) = exchange.response_header("content-type") {
        let _ = write!(out, " ({content_type})");
    }
    if !exchange.response_body.is_empty() {
        let _ = write!(out, " {}", cut(&exchange.response_body, 300));
    }
    out
}

/// Reads the records of one spec into its row.
pub fn aggregate(row: &mut Row, file: &str, records: &[Record]) {
    let mut by_op: BTreeMap<usize, Vec<&Record>> = BTreeMap::new();
    for record in records {
        by_op.entry(record.index).or_default().push(record);
    }
    for (index, case) in row.cases.clone().iter().enumerate() {
        let pointer = row.pointers.get(index).cloned().unwrap_or_default();
        let examples = row.examples.get(index).cloned().unwrap_or_default();
        let Some(records) = by_op.get(&index) else {
            let why = row.lost.get(&index).cloned().unwrap_or_else(|| "not called (the harness stopped)".to_owned());
            row.skipped_count += 1;
            row.skipped.push(format!("{}: {why}", case.operation));
            continue;
        };
        if let Some(skip) = records.iter().find_map(|r| r.skipped.as_ref()) {
            row.skipped_count += 1;
            row.skipped.push(format!("{}: {skip}", case.operation));
            continue;
        }
        row.called += 1;
        row.called_operations.push(case.operation.clone());
        let mut failures = Vec::new();
        let mut by_check: BTreeMap<usize, Vec<&Record>> = BTreeMap::new();
        for record in records {
            by_check.entry(record.check).or_default().push(record);
        }
        for attempts in by_check.values() {
            let (Some(first), Some(last)) = (attempts.first(), attempts.last()) else { continue };
            let failure = |kind: FailureKind, detail: String, record: &Record| Failure {
                operation: case.operation.clone(),
                request: case.request.clone(),
                pointer: pointer.clone(),
                prefer: record.prefer.clone(),
                kind,
                detail,
                exchange: exchange_text(record),
                spec_bug: None,
            };
            let refused = request_problems(last);
            if !refused.is_empty() {
                failures.push(failure(FailureKind::RequestViolation, refused.join("; "), last));
            }
            let example_refused = match &first.outcome {
                Some(Outcome::Refused { message }) => Some(format!("the client refuses it: {message}")),
                _ if !first.request_violations.is_empty() => {
                    Some(first.request_violations.iter().map(violation_text).collect::<Vec<_>>().join("; "))
                }
                _ => None,
            };
            if let (Some(detail), true) = (example_refused, first.variant == Variant::Examples && first.used_example) {
                let passed =
                    |r: &&Record| request_problems(r).is_empty() && !matches!(r.outcome, Some(Outcome::Refused { .. }));
                if attempts.iter().filter(|r| r.variant != Variant::Examples).any(passed) {
                    failures.push(failure(FailureKind::ExampleViolation, detail, first));
                }
            }
            if let Some(broken) = attempts.iter().find(|r| !r.response_violations.is_empty()) {
                let status = broken.prefer.as_deref().and_then(|p| p.strip_prefix("code=")).unwrap_or_default();
                let status = status.split(',').next().unwrap_or_default();
                let from = if examples.iter().any(|(key, _)| key == status) {
                    "the spec's example"
                } else {
                    "a body Prism generated (no example)"
                };
                let detail = format!(
                    "{from}: {}",
                    broken.response_violations.iter().map(violation_text).collect::<Vec<_>>().join("; ")
                );
                failures.push(failure(FailureKind::ResponseViolation, detail, broken));
            }
            // The spec's example that the client did not decode, asked for again
            // generated from the schema: the client is judged on that one.
            let mut judged_later = attempts.iter().take(attempts.len().saturating_sub(1));
            if let Some((misfit, key)) = judged_later.find_map(|r| Some((*r, r.spec_example.as_deref()?))) {
                if let Some(Outcome::Decode { status, message }) = &misfit.outcome {
                    let detail = format!(
                        "the spec's example of the `{key}` response ({pointer}/responses/{}) does not fit its schema: {status}: {message}",
                        key.replace('~', "~0").replace('/', "~1")
                    );
                    failures.push(failure(FailureKind::ResponseViolation, detail, misfit));
                }
            }
            match &last.outcome {
                Some(outcome) if outcome.decoded() => {}
                // Prism answered with a problem report of its own, not a response of the
                // spec: there is nothing of the spec's to decode. A refused request is
                // counted above, a broken response as a finding about the spec.
                Some(_) if last.prism_error.is_some() => {
                    let kind = last.prism_error.as_deref().unwrap_or_default();
                    if !request_problem(kind) && last.response_violations.is_empty() {
                        let said = last.exchange.as_ref().map(prism_said).unwrap_or_default();
                        match last.exchange.as_ref().filter(|e| !is_request_of(e, &case.request)) {
                            // Not the operation's own request: the client sent another
                            // (it followed a redirect), and Prism answered that one.
                            Some(exchange) => {
                                let detail = format!(
                                    "the last request of the call is `{} {}`, not the operation's `{}` (a redirect was followed), and Prism answered it with its own error {kind}{said}",
                                    exchange.method, exchange.target, case.request
                                );
                                failures.push(failure(FailureKind::DecodeFailure, detail, last));
                            }
                            None => {
                                let detail = format!("Prism answered with its own error {kind}{said}");
                                failures.push(failure(FailureKind::ResponseViolation, detail, last));
                            }
                        }
                    }
                }
                Some(Outcome::Decode { status, message }) => {
                    let at = last.exchange.as_ref().and_then(|e| decode_location(&e.response_body, message));
                    let at = at.map(|pointer| format!(" (the body's {pointer})")).unwrap_or_default();
                    let mut found = failure(FailureKind::DecodeFailure, format!("{status}: {message}{at}"), last);
                    // Prism served the spec's own example (it does not always check it):
                    // the example disagrees with the schema the client decodes.
                    let body: Option<serde_json::Value> =
                        last.exchange.as_ref().and_then(|e| serde_json::from_str(&e.response_body).ok());
                    let same = |example: &serde_json::Value| {
                        body.as_ref().is_some_and(|b| conformance_support::same_json(example, b))
                    };
                    let key = last
                        .spec_example
                        .as_deref()
                        .or_else(|| examples.iter().find(|(_, example)| same(example)).map(|(key, _)| key.as_str()));
                    if let Some(key) = key {
                        found.spec_bug = Some(format!(
                            "spec bug: the body is the spec's example of the `{key}` response ({pointer}/responses/{key}), which does not fit its schema"
                        ));
                    }
                    failures.push(found);
                }
                Some(Outcome::Unexpected { status }) => {
                    let prism_refused = last.prism_error.as_deref().is_some_and(request_problem);
                    let prism_broken = !last.response_violations.is_empty();
                    // The answer to a HEAD request has no body, so Prism's problem report is not there to read.
                    let head_problem = last.exchange.as_ref().is_some_and(|e| {
                        e.method == "HEAD"
                            && e.response_header("content-type")
                                .is_some_and(|t| t.starts_with("application/problem+json"))
                    });
                    if head_problem {
                        let detail = format!("Prism answered the HEAD request with a problem report ({status})");
                        failures.push(failure(FailureKind::ResponseViolation, detail, last));
                    } else if !prism_refused && !prism_broken {
                        let detail = format!("status {status} is not one the client maps for this operation");
                        failures.push(failure(FailureKind::DecodeFailure, detail, last));
                    }
                }
                Some(Outcome::Refused { message }) => {
                    failures.push(failure(FailureKind::DecodeFailure, format!("not sent: {message}"), last));
                }
                Some(Outcome::Failed { message }) => {
                    failures.push(failure(FailureKind::DecodeFailure, message.clone(), last));
                }
                Some(_) | None => {}
            }
        }
        for failure in &mut failures {
            if failure.kind == FailureKind::RequestViolation && form_limitation(&failure.detail, &failure.exchange) {
                failure.spec_bug = Some(FORM_LIMITATION.to_owned());
            }
            if let Some((entry, known)) = spec_bugs::find(file, &failure.operation, failure.kind, &failure.detail) {
                failure.spec_bug = Some(known);
                row.excused.push((entry, failure.operation.clone()));
            }
        }
        row.failures.extend(failures);
    }
    row.violations = row.counted(FailureKind::RequestViolation).0;
    row.decode_failures = row.counted(FailureKind::DecodeFailure).0;
}

/// What Prism said in its own problem report: its `detail` (or `title`), and the status.
fn prism_said(exchange: &conformance_support::Exchange) -> String {
    let problem: serde_json::Value = serde_json::from_str(&exchange.response_body).unwrap_or_default();
    match problem["detail"].as_str().or(problem["title"].as_str()) {
        Some(detail) => format!(" ({}): {detail}", exchange.status),
        None => format!(" ({})", exchange.status),
    }
}

/// Whether the exchange's request is the operation's `METHOD /path/{param}`:
/// the same method, and a path that the template matches (a parameter takes
/// one non-empty segment).
fn is_request_of(exchange: &conformance_support::Exchange, request: &str) -> bool {
    let Some((method, template)) = request.split_once(' ') else { return true };
    let path = exchange.target.split(['?', '#']).next().unwrap_or_default();
    // A fragment in the template tells apart operations of one path (`/cookies#formExploded`).
    let template = template.split('#').next().unwrap_or_default();
    let (mut wanted, mut sent) = (template.split('/'), path.split('/'));
    let segments_match = loop {
        match (wanted.next(), sent.next()) {
            (None, None) => break true,
            (Some(w), Some(s)) if w.starts_with('{') && w.ends_with('}') => {
                if s.is_empty() {
                    break false;
                }
            }
            (Some(w), Some(s)) if w == s => {}
            // A parameter in the middle of a segment (`/files/{name}.json`): only its literal prefix is compared.
            (Some(w), Some(s)) if w.contains('{') => {
                if !s.starts_with(w.split('{').next().unwrap_or_default()) {
                    break false;
                }
            }
            _ => break false,
        }
    };
    exchange.method.eq_ignore_ascii_case(method) && segments_match
}

/// Where in a JSON body a decode error happened, as a JSON pointer into the
/// body: serde's message ends `at line L column C`. `None` when the message
/// has no position, it lies past what the record kept of the body, or it is
/// the whole body.
fn decode_location(body: &str, message: &str) -> Option<String> {
    let (_, position) = message.rsplit_once(" at line ")?;
    let (line, column) = position.split_once(" column ")?;
    let (line, column): (usize, usize) = (line.trim().parse().ok()?, column.trim().parse().ok()?);
    let start: usize = body.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let offset = start + column.saturating_sub(1);
    // serde reports a missing field at the `}` that ends the object lacking it: the object's place.
    let end = if message.contains("missing field") { offset + 1 } else { offset };
    Some(json_pointer_at(body, end)).filter(|pointer| offset < body.len() && !pointer.is_empty())
}

/// The JSON pointer of the value at byte `offset` of a JSON text: the keys and
/// indices of the objects and arrays open there (empty for the whole text).
fn json_pointer_at(text: &str, offset: usize) -> String {
    enum Frame {
        Object { key: Option<String>, in_value: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset.min(bytes.len()) {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, in_value: false }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, in_value: false }) = stack.last_mut() {
                    let raw = text.get(start..=i.min(text.len() - 1)).unwrap_or_default();
                    *key = Some(serde_json::from_str(raw).unwrap_or_else(|_| raw.trim_matches('"').to_owned()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut pointer = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
        }
    }
    pointer
}

/// What Prism 5.16 cannot read in form and multipart bodies.
const FORM_LIMITATION: &str = "Prism limitation: Prism 5.16 reads an array of a form body only as `name[]=...` \
    (not as the repeated `name=...` of OpenAPI's default `form` style, exploded), and every part of a multipart \
    body as a string (not an array of parts, nor a JSON object)";

/// Whether a request violation is only Prism not reading the arrays and
/// objects of a form or multipart body.
fn form_limitation(detail: &str, exchange: &str) -> bool {
    let form = exchange.contains("[content-type: application/x-www-form-urlencoded")
        || exchange.contains("[content-type: multipart/form-data");
    form && !detail.is_empty()
        && detail.split("; ").all(|v| v.ends_with(" must be array") || v.ends_with(" must be object"))
}

/// One line about a row, for progress output.
pub fn row_line(row: &Row) -> String {
    match &row.error {
        Some(error) => format!("NOT RUN: {error}"),
        None => format!(
            "{} called, {} request violations, {} decode failures, {} skipped",
            row.called, row.violations, row.decode_failures, row.skipped_count
        ),
    }
}

/// The table, as Markdown.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(
        "| spec | openapi | operations | called | request violations | decode failures | spec bugs | Prism limits | skipped | time |\n",
    );
    out.push_str("|---|---|---:|---:|---:|---:|---:|---:|---|---:|\n");
    for row in rows {
        let operations = |wanted: Blame| {
            let mut ops: Vec<&str> =
                row.failures.iter().filter(|f| blame(f) == Some(wanted)).map(|f| f.operation.as_str()).collect();
            ops.sort_unstable();
            ops.dedup();
            ops.len()
        };
        let (bugs, prism) = (operations(Blame::Spec), operations(Blame::Prism));
        let skipped = if row.skipped.is_empty() {
            row.skipped_count.to_string()
        } else {
            let reasons: Vec<String> = row.skipped.iter().take(3).map(|r| r.replace('|', "\\|")).collect();
            let more = if row.skipped.len() > 3 { format!("; {} more", row.skipped.len() - 3) } else { String::new() };
            format!("{} ({}{more})", row.skipped_count, reasons.join("; "))
        };
        match &row.error {
            Some(error) => {
                let error = error.replace('|', "\\|");
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | - | - | - | - | - | not run: {error} | - |",
                    row.file, row.openapi, row.operations
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {bugs} | {prism} | {skipped} | {} |",
                    row.file,
                    row.openapi,
                    row.operations,
                    row.called,
                    row.violations,
                    row.decode_failures,
                    super::seconds(row.time)
                );
            }
        }
    }
    out
}

/// Who a failure or finding is put down to, when it is not the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blame {
    Spec,
    Prism,
}

fn blame(failure: &Failure) -> Option<Blame> {
    match (&failure.spec_bug, failure.kind) {
        (Some(evidence), _) if evidence.starts_with("Prism") => Some(Blame::Prism),
        (Some(_), _) | (None, FailureKind::ExampleViolation) => Some(Blame::Spec),
        (None, FailureKind::ResponseViolation) if failure.detail.starts_with("the spec's example") => Some(Blame::Spec),
        (None, FailureKind::ResponseViolation) => Some(Blame::Prism),
        (None, _) => None,
    }
}

/// Findings about the spec rather than failures of the client.
fn is_finding(kind: FailureKind) -> bool {
    matches!(kind, FailureKind::ExampleViolation | FailureKind::ResponseViolation)
}

/// Every failure, ours first, then the known spec bugs and the findings about the specs.
pub fn failures_text(rows: &[Row]) -> String {
    let mut ours = String::new();
    let mut spec = String::new();
    for row in rows {
        for failure in &row.failures {
            let line = format!(
                "- {} `{}` ({}, {}){}: {}: {}\n    {}\n",
                row.file,
                failure.operation,
                failure.request,
                failure.pointer,
                failure.prefer.as_deref().map(|p| format!(" [Prefer: {p}]")).unwrap_or_default(),
                failure.kind.label(),
                failure.detail,
                failure.exchange
            );
            match &failure.spec_bug {
                Some(evidence) => {
                    let _ = writeln!(spec, "{line}    {evidence}");
                }
                None if is_finding(failure.kind) => spec.push_str(&line),
                None => ours.push_str(&line),
            }
        }
        for note in &row.notes {
            let _ = writeln!(spec, "- {}: {note}", row.file);
        }
    }
    let mut out = String::new();
    if !ours.is_empty() {
        out.push_str("failures:\n");
        out.push_str(&ours);
        out.push('\n');
    }
    if !spec.is_empty() {
        out.push_str(
            "about the specs (known spec bugs, examples that break their spec, responses Prism could not produce):\n",
        );
        out.push_str(&spec);
        out.push('\n');
    }
    out
}

/// The summary line, and a second one with the share of operations decoded.
pub fn summary(rows: &[Row]) -> String {
    let called: usize = rows.iter().map(|r| r.called).sum();
    let violations: usize = rows.iter().map(|r| r.violations).sum();
    let decode: usize = rows.iter().map(|r| r.decode_failures).sum();
    let skipped: usize = rows.iter().map(|r| r.skipped_count).sum();
    let bug_violations: usize = rows.iter().map(|r| r.counted(FailureKind::RequestViolation).1).sum();
    let bug_decode: usize = rows.iter().map(|r| r.counted(FailureKind::DecodeFailure).1).sum();
    let not_run = rows.iter().filter(|r| r.error.is_some()).count();
    let decoded = called.saturating_sub(decode + bug_decode);
    let share = if called == 0 { 100.0 } else { decoded as f64 * 100.0 / called as f64 };
    format!(
        "conformance: {} specs, {called} operations, {violations} request violations, {decode} decode failures, {skipped} skipped\n\
         conformance: {share:.1}% of operations called decode every response; known spec bugs: {bug_violations} request violations, {bug_decode} decode failures; {not_run} specs not run",
        rows.len()
    )
}

#[cfg(test)]
mod tests;
