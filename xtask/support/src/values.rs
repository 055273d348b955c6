//! The arguments of one call, taken from a [`Case`]'s JSON values and turned
//! into the client's Rust types with serde.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::de::DeserializeOwned;

use crate::{Case, Variant};

/// Why a call could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip(String);

impl Skip {
    /// A reason.
    pub fn new(reason: impl Into<String>) -> Self {
        Skip(reason.into())
    }

    /// The reason.
    pub fn reason(&self) -> &str {
        &self.0
    }
}

/// The arguments of one call: [`Values::arg`] gives each in the type the
/// client's method takes. Cloning shares the record of what was used.
#[derive(Debug, Clone)]
pub struct Values {
    inner: Rc<Inner>,
}

#[derive(Debug)]
struct Inner {
    case: Rc<Case>,
    variant: Variant,
    used_example: Cell<bool>,
    notes: RefCell<Vec<String>>,
}

impl Values {
    /// The values of `case` for a call made with `variant`.
    pub fn new(case: Rc<Case>, variant: Variant) -> Self {
        Values {
            inner: Rc::new(Inner { case, variant, used_example: Cell::new(false), notes: RefCell::new(Vec::new()) }),
        }
    }

    /// The argument `name` as a `T`: the spec's example when it fits `T` (and
    /// the variant allows examples), else the built value.
    ///
    /// # Errors
    ///
    /// When no value of the argument fits `T`.
    pub fn arg<T: DeserializeOwned>(&self, name: &str) -> Result<T, Skip> {
        let inner = &self.inner;
        let Some(candidates) = inner.case.args.get(name) else {
            return Err(Skip::new(format!("no value for the argument `{name}`")));
        };
        if inner.variant == Variant::Examples {
            if let Some(example) = &candidates.example {
                match serde_json::from_value(example.clone()) {
                    Ok(value) => {
                        inner.used_example.set(true);
                        return Ok(value);
                    }
                    Err(error) => inner
                        .notes
                        .borrow_mut()
                        .push(format!("the example of `{name}` does not fit its Rust type: {error}")),
                }
            }
        }
        let built = match inner.variant {
            Variant::Complete => candidates.complete.as_ref().or(candidates.synthesized.as_ref()),
            Variant::Examples | Variant::Synthesized => candidates.synthesized.as_ref(),
        };
        match built {
            Some(value) => serde_json::from_value(value.clone()).map_err(|error| {
                Skip::new(format!("the value built for `{name}` does not fit its Rust type: {error}"))
            }),
            None => Err(Skip::new(format!("no value could be built for `{name}`"))),
        }
    }

    /// Which values the call is made with.
    pub fn variant(&self) -> Variant {
        self.inner.variant
    }

    /// Whether an argument so far is the spec's example.
    pub fn used_example(&self) -> bool {
        self.inner.used_example.get()
    }

    /// What was noticed on the way (examples that did not fit).
    pub fn notes(&self) -> Vec<String> {
        self.inner.notes.borrow().clone()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Candidates;

    fn case() -> Rc<Case> {
        let mut args = std::collections::BTreeMap::new();
        args.insert(
            "path.id".to_owned(),
            Candidates { example: Some(json!("from-the-spec")), synthesized: Some(json!("built")), complete: None },
        );
        args.insert(
            "params.limit".to_owned(),
            Candidates { example: Some(json!("ten")), synthesized: Some(json!(10)), complete: None },
        );
        args.insert(
            "body".to_owned(),
            Candidates { example: None, synthesized: Some(json!({"a": 1})), complete: None },
        );
        Rc::new(Case {
            operation: "op".to_owned(),
            request: "GET /x".to_owned(),
            args,
            checks: vec![None],
            response_examples: Vec::new(),
        })
    }

    #[test]
    fn examples_are_used_where_they_fit_and_built_values_elsewhere() {
        let values = Values::new(case(), Variant::Examples);
        assert_eq!(values.arg::<String>("path.id"), Ok("from-the-spec".to_owned()));
        assert!(values.used_example());
        assert_eq!(values.arg::<Option<u32>>("params.limit"), Ok(Some(10)));
        assert_eq!(values.notes().len(), 1, "{:?}", values.notes());
        assert!(values.notes()[0].starts_with("the example of `params.limit` does not fit its Rust type"));
        assert_eq!(values.arg::<serde_json::Value>("body"), Ok(json!({"a": 1})));
    }

    #[test]
    fn the_synthesized_variant_ignores_examples() {
        let values = Values::new(case(), Variant::Synthesized);
        assert_eq!(values.arg::<String>("path.id"), Ok("built".to_owned()));
        assert!(!values.used_example());
        let missing = values.arg::<String>("path.other").unwrap_err();
        assert_eq!(missing.reason(), "no value for the argument `path.other`");
        let wrong = values.arg::<bool>("body").unwrap_err();
        assert!(wrong.reason().starts_with("the value built for `body` does not fit its Rust type"), "{wrong:?}");
    }
}
