//! Where a place in a normalised document was in the document as written.
//!
//! Normalising an OpenAPI 3.1 document into the 3.0 form moves a few schemas:
//! a `$ref` with sibling keywords becomes the last entry of an `allOf`, each
//! type of a `type` array becomes an entry of an `anyOf`, a `{type: "null"}`
//! branch leaves its `anyOf`. Each move is recorded here as a pair of
//! pointers; a pointer below a moved schema keeps the tokens that follow it.

use std::collections::HashMap;

use crate::diag::Pointer;

/// Moves between the document as written and its normalised form.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    /// Normalised pointer to the pointer as written, at each place a schema moved.
    to_original: HashMap<Pointer, Pointer>,
    /// The same moves, the other way.
    to_normalised: HashMap<Pointer, Pointer>,
}

impl SourceMap {
    /// Records that what is at `original` in the document as written is at
    /// `normalised` after normalisation.
    pub(crate) fn record(&mut self, normalised: &Pointer, original: &Pointer) {
        if normalised != original {
            self.to_original.insert(normalised.clone(), original.clone());
            self.to_normalised.entry(original.clone()).or_insert_with(|| normalised.clone());
        }
    }

    /// Records that `normalised` stands for what is at `original`, without the
    /// way back: a schema split into several branches is still at `original`,
    /// and a reference to it must stay there.
    pub(crate) fn record_origin(&mut self, normalised: &Pointer, original: &Pointer) {
        if normalised != original {
            self.to_original.insert(normalised.clone(), original.clone());
        }
    }

    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.to_original.is_empty()
    }

    /// Where `pointer`, a place in the normalised document, is in the document as written.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        translate(&self.to_original, pointer)
    }

    /// Where `pointer`, a place in the document as written, is after normalisation.
    pub fn normalised(&self, pointer: &Pointer) -> Pointer {
        translate(&self.to_normalised, pointer)
    }
}

/// `pointer` with its longest recorded prefix replaced.
fn translate(moves: &HashMap<Pointer, Pointer>, pointer: &Pointer) -> Pointer {
    if moves.is_empty() {
        return pointer.clone();
    }
    let text = pointer.as_str();
    let mut end = text.len();
    loop {
        let prefix = Pointer::parse(&text[..end]);
        if let Some(moved) = moves.get(&prefix) {
            return Pointer::parse(&format!("{}{}", moved.as_str(), &text[end..]));
        }
        match text[..end].rfind('/') {
            Some(slash) => end = slash,
            None => return pointer.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_below_a_move_keep_their_tail() {
        let mut map = SourceMap::default();
        let schema = Pointer::root().push("components").push("schemas").push("A");
        map.record_origin(&schema.push("anyOf").push("1"), &schema);
        map.record(&schema.push("anyOf").push("1").push("items"), &schema.push("items"));
        map.record(&schema.push("x"), &schema.push("x"));
        assert_eq!(map.original(&schema.push("anyOf").push("1").push("items")), schema.push("items"));
        assert_eq!(map.original(&schema.push("anyOf").push("10")), schema.push("anyOf").push("10"));
        assert_eq!(map.original(&schema.push("x")), schema.push("x"));
        assert_eq!(
            map.normalised(&schema.push("items").push("0")),
            schema.push("anyOf").push("1").push("items").push("0")
        );
        assert_eq!(map.normalised(&schema), schema);
        assert_eq!(map.original(&Pointer::root()), Pointer::root());
    }
}
