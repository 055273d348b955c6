//! The serde attributes of the generated types, described once and written
//! as tokens (for the formatter) or as text (for the items printed directly,
//! `printed.rs`): which serde traits a type derives, and each field's
//! `#[serde(...)]`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::sends_trimmed;
use crate::model::{Field, FieldWire, Presence, TypeDef};

/// A serde trait a type derives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SerdeTrait {
    Serialize,
    Deserialize,
}

impl SerdeTrait {
    /// The derive's path, as code writes it.
    pub(super) fn path(self) -> &'static str {
        match self {
            SerdeTrait::Serialize => "serde::Serialize",
            SerdeTrait::Deserialize => "serde::Deserialize",
        }
    }
}

impl quote::ToTokens for SerdeTrait {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(match self {
            SerdeTrait::Serialize => quote!(serde::Serialize),
            SerdeTrait::Deserialize => quote!(serde::Deserialize),
        });
    }
}

/// The serde derives of a type, and the attribute that adds the others with the
/// `full-serde` feature.
pub(super) struct SerdeDerives {
    /// Derived always.
    pub(super) always: Vec<SerdeTrait>,
    /// Derived with the `full-serde` feature (`#[cfg_attr(feature = "full-serde", derive(...))]`).
    pub(super) optional: Vec<SerdeTrait>,
    /// Whether `Serialize` is always implemented.
    pub(super) serialize: bool,
    /// Whether `Deserialize` is always implemented.
    pub(super) deserialize: bool,
    /// Whether `Deserialize` is derived (else [`deserialize_impls`](super::decode::deserialize_impls) writes it).
    pub(super) derives_deserialize: bool,
}

impl SerdeDerives {
    /// `#[derive(Debug, Clone, PartialEq, ...)]` with `extra` derives and the
    /// serde ones always derived, then the `cfg_attr` of the others.
    pub(super) fn attrs(&self, extra: Option<TokenStream>) -> TokenStream {
        let always = &self.always;
        let optional = (!self.optional.is_empty()).then(|| {
            let optional = &self.optional;
            quote!(#[cfg_attr(feature = "full-serde", derive(#(#optional),*))])
        });
        quote! {
            #[derive(Debug, Clone, PartialEq, #extra #(#always),*)]
            #optional
        }
    }
}

/// A type implements `Serialize` when requests contain it, and `Deserialize`
/// when responses contain it (the lowering counts types no operation uses, such
/// as webhook payloads, as responses: callers read them). The other direction,
/// which the API never needs, comes with the crate's `full-serde` feature:
/// serde's derives are most of the compile time of a large crate.
/// `Deserialize` is derived only with `derive_deserialize`.
pub(super) fn serde_derives(def: &TypeDef, derive_deserialize: bool) -> SerdeDerives {
    let serialize = def.in_request();
    let deserialize = def.in_response() || !def.in_request();
    let mut always = Vec::new();
    let mut optional = Vec::new();
    if serialize {
        always.push(SerdeTrait::Serialize);
    } else {
        optional.push(SerdeTrait::Serialize);
    }
    if derive_deserialize && deserialize {
        always.push(SerdeTrait::Deserialize);
    } else if derive_deserialize {
        optional.push(SerdeTrait::Deserialize);
    }
    SerdeDerives { always, optional, serialize, deserialize, derives_deserialize: derive_deserialize }
}

/// One part of a field's serde attribute.
#[derive(Clone, Copy)]
pub(super) enum SerdePart<'a> {
    Flatten,
    Rename(&'a str),
    Default,
    SkipIfNone,
    DeserializePresent,
    SerializeTrimmed,
}

impl SerdePart<'_> {
    fn tokens(self) -> TokenStream {
        match self {
            SerdePart::Flatten => quote!(flatten),
            SerdePart::Rename(key) => quote!(rename = #key),
            SerdePart::Default => quote!(default),
            SerdePart::SkipIfNone => quote!(skip_serializing_if = "Option::is_none"),
            SerdePart::DeserializePresent => quote!(deserialize_with = "runtime::deserialize_present"),
            SerdePart::SerializeTrimmed => quote!(serialize_with = "runtime::serialize_trimmed"),
        }
    }

    /// The part as the formatter prints it.
    fn text(self) -> String {
        match self {
            SerdePart::Flatten => "flatten".to_owned(),
            SerdePart::Rename(key) => format!("rename = {}", Literal::string(key)),
            SerdePart::Default => "default".to_owned(),
            SerdePart::SkipIfNone => "skip_serializing_if = \"Option::is_none\"".to_owned(),
            SerdePart::DeserializePresent => "deserialize_with = \"runtime::deserialize_present\"".to_owned(),
            SerdePart::SerializeTrimmed => "serialize_with = \"runtime::serialize_trimmed\"".to_owned(),
        }
    }
}

/// The serde attribute of a field: its key, and how it is written and read
/// (only written, when `Deserialize` is not derived; only with `full-serde`,
/// when no derive is there without it).
pub(super) struct FieldSerde<'a> {
    parts: Vec<SerdePart<'a>>,
    /// Whether the attribute is `#[cfg_attr(feature = "full-serde", serde(...))]`.
    full_serde_only: bool,
}

impl<'a> FieldSerde<'a> {
    /// The attribute of `field`, if it needs one.
    pub(super) fn of(field: &'a Field, serde: &SerdeDerives) -> Option<Self> {
        let FieldWire::Key(key) = &field.wire else {
            return Some(FieldSerde { parts: vec![SerdePart::Flatten], full_serde_only: false });
        };
        let derived = serde.derives_deserialize;
        let mut parts = Vec::new();
        if field.name.as_str() != key {
            parts.push(SerdePart::Rename(key));
        }
        match field.presence {
            Presence::Optional if derived => parts.extend([SerdePart::Default, SerdePart::SkipIfNone]),
            Presence::OptionalNullable if derived => {
                parts.extend([SerdePart::Default, SerdePart::SkipIfNone, SerdePart::DeserializePresent]);
            }
            Presence::Optional | Presence::OptionalNullable => parts.push(SerdePart::SkipIfNone),
            Presence::Required | Presence::RequiredNullable => {}
        }
        if sends_trimmed(field) {
            parts.push(SerdePart::SerializeTrimmed);
        }
        let full_serde_only = !(derived || serde.serialize);
        (!parts.is_empty()).then_some(FieldSerde { parts, full_serde_only })
    }

    pub(super) fn tokens(&self) -> TokenStream {
        let parts = self.parts.iter().map(|part| part.tokens());
        if self.full_serde_only {
            quote!(#[cfg_attr(feature = "full-serde", serde(#(#parts),*))])
        } else {
            quote!(#[serde(#(#parts),*)])
        }
    }

    /// Whether the attribute is `#[cfg_attr(feature = "full-serde", serde(...))]`
    /// rather than `#[serde(...)]`.
    pub(super) fn full_serde_only(&self) -> bool {
        self.full_serde_only
    }

    /// The parts inside `serde(...)` as the formatter prints them.
    pub(super) fn texts(&self) -> Vec<String> {
        self.parts.iter().map(|part| part.text()).collect()
    }
}
