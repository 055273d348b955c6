//! The loop over the cases: each check of each operation is one call through
//! the proxy, repeated with built values when the spec's examples made a
//! request Prism refused, and with a generated response when Prism's own
//! answer broke the spec. Each call's [`Record`] is one JSON line on stdout.

use std::future::Future;
use std::io::Write as _;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use crate::proxy::Proxy;
use crate::{CASES_VAR, Case, FROM_VAR, Outcome, PRISM_URL_VAR, Record, Skip, Values, Variant};

/// One call of an operation, as the harness's generated code makes it.
pub type Call = Pin<Box<dyn Future<Output = Result<Outcome, Skip>>>>;

/// The attempts one check may take: examples, built values, each with a generated response.
const MAX_ATTEMPTS: usize = 4;

/// The cases of one spec and the proxy in front of its Prism.
#[derive(Debug)]
pub struct Harness {
    cases: Vec<Rc<Case>>,
    proxy: Proxy,
    timeout: Duration,
    /// The index of the first case to call.
    from: usize,
}

impl Harness {
    /// The harness described by the environment: Prism's base URL in
    /// `CONFORMANCE_PRISM_URL`, the cases file in `CONFORMANCE_CASES`, the
    /// first case to call in `CONFORMANCE_FROM` (0 if unset).
    ///
    /// # Errors
    ///
    /// A missing variable, an unreadable cases file, or a proxy that cannot start.
    pub async fn from_env() -> Result<Harness, String> {
        let prism = std::env::var(PRISM_URL_VAR).map_err(|_| format!("{PRISM_URL_VAR} is not set"))?;
        let file = std::env::var(CASES_VAR).map_err(|_| format!("{CASES_VAR} is not set"))?;
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
        let cases: Vec<Case> = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let timeout = Duration::from_secs(60);
        let proxy = Proxy::start(&prism, timeout).await?;
        let from = match std::env::var(FROM_VAR) {
            Ok(text) => text.parse().map_err(|_| format!("{FROM_VAR}: `{text}` is not an index"))?,
            Err(_) => 0,
        };
        Ok(Harness { cases: cases.into_iter().map(Rc::new).collect(), proxy, timeout, from })
    }

    /// The base URL of the client: the proxy's.
    pub fn base_url(&self) -> &str {
        self.proxy.url()
    }

    /// The timeout of one call.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// How many operations there are.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// Makes every call: `call(index, values)` calls the operation at `index`
    /// of the cases with `values`. Prints one [`Record`] per call. Stops after
    /// a call that found Prism gone (the caller restarts it and goes on from
    /// the next case).
    pub async fn run(&self, call: impl Fn(usize, Values) -> Call) {
        let stdout = std::io::stdout();
        for (index, case) in self.cases.iter().enumerate().skip(self.from) {
            let complete = case.args.get("body").is_some_and(|body| body.complete.is_some());
            'checks: for (check, prefer) in case.checks.iter().enumerate() {
                let mut variant = Variant::Examples;
                let mut prefer = prefer.clone();
                for _ in 0..MAX_ATTEMPTS {
                    let values = Values::new(Rc::clone(case), variant);
                    self.proxy.prefer(prefer.clone());
                    let _ = self.proxy.take_last();
                    let result = call(index, values.clone()).await;
                    let record = match result {
                        Ok(outcome) => {
                            let (exchange, body) = self.proxy.take_last_with_body().unzip();
                            let undecoded = matches!(outcome, Outcome::Decode { .. });
                            let mut record =
                                Record::of_call(index, case, check, prefer.clone(), &values, outcome, exchange);
                            if undecoded {
                                record.spec_example = body.and_then(|body| case.spec_example(&body).map(str::to_owned));
                            }
                            record
                        }
                        Err(skip) => Record::of_skip(index, case, check, &values, skip),
                    };
                    if let Ok(line) = serde_json::to_string(&record) {
                        let mut out = stdout.lock();
                        let _ = writeln!(out, "{line}");
                        let _ = out.flush();
                    }
                    if record.exchange.as_ref().is_some_and(|e| e.server_lost()) {
                        return;
                    }
                    if record.skipped.is_some() {
                        // The arguments do not depend on the check: the others cannot be made either.
                        break 'checks;
                    }
                    match next_attempt(&record, prefer.as_deref(), complete) {
                        Some(Next::Synthesized) => variant = Variant::Synthesized,
                        Some(Next::Complete) => variant = Variant::Complete,
                        Some(Next::Generated(next)) => prefer = Some(next),
                        None => break,
                    }
                }
            }
        }
    }
}

/// What to try after a call.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// The same call with built values: Prism refused a request made from the spec's examples.
    Synthesized,
    /// The same call with every optional field of the body: Prism refused the built values.
    Complete,
    /// The same call asking Prism for a response generated from the schema
    /// (this `Prefer` value): the response Prism chose broke the spec, or it
    /// is the spec's own example and the client did not decode it.
    Generated(String),
}

/// `complete`: whether the case has a body with every optional field to try.
fn next_attempt(record: &Record, prefer: Option<&str>, complete: bool) -> Option<Next> {
    let refused = matches!(record.outcome, Some(Outcome::Refused { .. }));
    if record.variant == Variant::Examples && record.used_example && (refused || !record.request_violations.is_empty())
    {
        return Some(Next::Synthesized);
    }
    let built = record.variant == Variant::Synthesized || (record.variant == Variant::Examples && !record.used_example);
    if built && complete && (refused || !record.request_violations.is_empty()) {
        return Some(Next::Complete);
    }
    let dynamic = prefer.is_some_and(|p| p.contains("dynamic=true"));
    // Prism's own report of a response it produced against the spec, even when
    // its list of violations is too long to read.
    let broken = !record.response_violations.is_empty() || record.prism_error.as_deref() == Some("VIOLATIONS");
    // The spec's example that the client did not decode: judged on a body built
    // from the schema instead (the example is a finding about the spec).
    let misfit = record.spec_example.is_some() && matches!(record.outcome, Some(Outcome::Decode { .. }));
    if !dynamic && (broken || misfit) {
        return Some(Next::Generated(match prefer {
            Some(prefer) => format!("{prefer}, dynamic=true"),
            None => "dynamic=true".to_owned(),
        }));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Violation;

    fn record(variant: Variant, used_example: bool, request: usize, response: usize) -> Record {
        let violation = |place: &str| Violation {
            location: vec![serde_json::json!(place)],
            severity: serde_json::json!("Error"),
            code: serde_json::Value::Null,
            message: String::new(),
        };
        Record {
            index: 0,
            operation: "op".to_owned(),
            check: 0,
            prefer: None,
            variant,
            used_example,
            notes: Vec::new(),
            outcome: Some(Outcome::Ok { status: 200 }),
            skipped: None,
            prism_error: None,
            request_violations: (0..request).map(|_| violation("request")).collect(),
            response_violations: (0..response).map(|_| violation("response")).collect(),
            warnings: Vec::new(),
            exchange: None,
            spec_example: None,
        }
    }

    #[test]
    fn a_refused_example_is_retried_with_built_values_and_a_broken_response_generated() {
        assert_eq!(next_attempt(&record(Variant::Examples, true, 1, 0), None, false), Some(Next::Synthesized));
        assert_eq!(next_attempt(&record(Variant::Examples, false, 1, 0), None, false), None);
        assert_eq!(next_attempt(&record(Variant::Synthesized, false, 1, 0), None, false), None);
        assert_eq!(
            next_attempt(&record(Variant::Synthesized, false, 0, 1), Some("code=404"), false),
            Some(Next::Generated("code=404, dynamic=true".to_owned()))
        );
        assert_eq!(next_attempt(&record(Variant::Examples, false, 0, 1), Some("code=404, dynamic=true"), false), None);
        assert_eq!(next_attempt(&record(Variant::Examples, true, 0, 0), None, false), None);
        let mut refused = record(Variant::Examples, true, 0, 0);
        refused.outcome = Some(Outcome::Refused { message: "invalid `body.url`".to_owned() });
        assert_eq!(next_attempt(&refused, None, false), Some(Next::Synthesized));
        // Built values Prism refused are sent again with every optional field, when there is such a body.
        assert_eq!(next_attempt(&record(Variant::Synthesized, false, 1, 0), None, true), Some(Next::Complete));
        assert_eq!(next_attempt(&record(Variant::Examples, false, 1, 0), None, true), Some(Next::Complete));
        assert_eq!(next_attempt(&record(Variant::Complete, false, 1, 0), None, true), None);
    }

    #[test]
    fn the_spec_example_the_client_does_not_decode_is_asked_for_again_generated() {
        let mut misfit = record(Variant::Examples, false, 0, 0);
        misfit.outcome = Some(Outcome::Decode { status: 200, message: "missing field `id`".to_owned() });
        // A body the client does not decode that is not the spec's example is a failure to judge as it is.
        assert_eq!(next_attempt(&misfit, Some("code=200"), false), None);
        misfit.spec_example = Some("200".to_owned());
        assert_eq!(
            next_attempt(&misfit, Some("code=200"), false),
            Some(Next::Generated("code=200, dynamic=true".to_owned()))
        );
        assert_eq!(next_attempt(&misfit, Some("code=200, dynamic=true"), false), None);
    }
}
