//! `anyOf`/`oneOf` lists of `required` properties beside an object's
//! properties (`anyOf: [{required: [state]}, {required: [assignee]}]`): not a
//! union but a constraint on which of the struct's optional fields a value
//! has, carried as the struct's [`RequiredSets`] and checked before sending.

use openapiv3::{ReferenceOr, SchemaKind, Type as OaType};

use super::Lowerer;
use super::classify::{Keyword, RequiredLists};
use crate::diag::Pointer;
use super::draft::StructDraft;
use crate::model::{RequiredRule, RequiredSets};

impl<'a> Lowerer<'a> {
    /// The required sets of the struct `object` built at `at` from `lists`. A
    /// list whose alternative names a key the struct has no field for (not a
    /// property, a property never present, a property of a flattened part)
    /// is left unchecked, with a warning naming it.
    pub(super) fn required_sets(
        &mut self,
        at: &Pointer,
        object: &StructDraft,
        lists: RequiredLists<'a>,
    ) -> Vec<RequiredSets> {
        let mut sets = Vec::with_capacity(lists.len());
        for (keyword, entries) in lists {
            let list_at = at.push(keyword.as_str());
            let mut alternatives: Vec<Vec<String>> = Vec::with_capacity(entries.len());
            let mut unknown = None;
            let mut constrains_values = false;
            for (index, entry) in entries.iter().enumerate() {
                let (keys, properties) = match entry {
                    ReferenceOr::Item(schema) => match &schema.schema_kind {
                        SchemaKind::Any(any) => (&any.required, &any.properties),
                        SchemaKind::Type(OaType::Object(o)) => (&o.required, &o.properties),
                        _ => continue,
                    },
                    ReferenceOr::Reference { .. } => continue,
                };
                constrains_values |= !properties.is_empty();
                if let Some(key) = keys.iter().find(|key| object.field_by_key(key).is_none()) {
                    unknown = Some((index, key));
                    break;
                }
                alternatives.push(keys.clone());
            }
            // Alternatives that also constrain values (`status: {enum: [completed]}`)
            // are told apart by them too: of what they ask, only that one
            // alternative's fields are present is checked.
            let rule = match keyword {
                Keyword::OneOf if !constrains_values => RequiredRule::OneOf,
                _ => RequiredRule::AnyOf,
            };
            if constrains_values && unknown.is_none() {
                self.warn(
                    &list_at,
                    format!(
                        "the alternatives of this `{}` also constrain the values of properties, which the client does not check; it checks that the fields of one alternative are present",
                        keyword.as_str()
                    ),
                );
            }
            match unknown {
                Some((index, key)) => self.warn(
                    &list_at.push(index.to_string()).push("required"),
                    format!(
                        "`{key}` is not a field of the object, so the client cannot check which alternative of this `{}` holds; values are sent unchecked",
                        keyword.as_str()
                    ),
                ),
                None => sets.push(RequiredSets { pointer: list_at, rule, alternatives }),
            }
        }
        sets
    }
}
