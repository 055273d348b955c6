//! Cargo features of the generated crate: one per tag of the operations, and
//! when each part of the crate is compiled.

/// A cargo feature of the generated crate: the operations of one tag, or the
/// types no operation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    /// The feature's name in `Cargo.toml` (from the tag, kebab-case, unique).
    pub name: String,
    /// What the feature compiles.
    pub kind: FeatureKind,
    /// The tag's description in the spec's `tags`.
    pub description: Option<String>,
    /// How many operations the feature has.
    pub operations: usize,
}

/// What a [`Feature`] compiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureKind {
    /// The operations with this tag, and the types they use.
    Tag(String),
    /// The operations without a tag, and the types they use.
    Untagged,
    /// The types no operation uses (component schemas kept for callers, such
    /// as webhook payloads in a 3.0 document), and the types inside them.
    UnusedTypes,
}

/// Identifies a feature: an index into [`crate::model::Api::features`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FeatureId(pub usize);

impl FeatureId {
    /// Its position in the API's features.
    pub fn index(self) -> usize {
        self.0
    }
}

/// When an item of the generated crate is compiled.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Gate {
    /// Whatever features are on.
    #[default]
    Always,
    /// When any of these features is on (sorted, without repeats); never when
    /// there are none.
    Any(Vec<FeatureId>),
}

impl Gate {
    /// Never compiled.
    pub fn never() -> Gate {
        Gate::Any(Vec::new())
    }

    /// When `feature` is on.
    pub fn feature(feature: FeatureId) -> Gate {
        Gate::Any(vec![feature])
    }

    /// Whether the item is never compiled.
    pub fn is_never(&self) -> bool {
        matches!(self, Gate::Any(features) if features.is_empty())
    }

    /// When either gate holds.
    pub fn union(&self, other: &Gate) -> Gate {
        match (self, other) {
            (Gate::Always, _) | (_, Gate::Always) => Gate::Always,
            (Gate::Any(a), Gate::Any(b)) => {
                let mut features: Vec<FeatureId> = a.iter().chain(b).copied().collect();
                features.sort();
                features.dedup();
                Gate::Any(features)
            }
        }
    }

    /// Whether this gate holds whenever `other` does.
    pub fn covers(&self, other: &Gate) -> bool {
        match (self, other) {
            (Gate::Always, _) => true,
            (Gate::Any(_), Gate::Always) => false,
            (Gate::Any(a), Gate::Any(b)) => b.iter().all(|feature| a.contains(feature)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_unite_and_cover() {
        let (a, b) = (Gate::feature(FeatureId(0)), Gate::feature(FeatureId(1)));
        let both = a.union(&b);
        assert_eq!(both, Gate::Any(vec![FeatureId(0), FeatureId(1)]));
        assert_eq!(b.union(&a), both);
        assert!(both.covers(&a) && !a.covers(&both));
        assert!(Gate::Always.covers(&both) && !both.covers(&Gate::Always));
        assert!(a.covers(&Gate::never()) && Gate::never().is_never() && !a.is_never());
        assert_eq!(Gate::never().union(&a), a);
        assert_eq!(Gate::Always.union(&a), Gate::Always);
    }
}
