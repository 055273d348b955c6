//! How structs decode: `runtime::FromObject` impls written out, instead of
//! serde's derive (see `runtime/object.rs` and docs/performance.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Field, Presence, Struct, TypeDef};
use crate::naming::Ident;

/// Whether a struct derives `Deserialize` rather than implementing it with
/// [`deserialize_impls`]: when a field is flattened (`#[serde(flatten)]`), whose
/// keys are the flattened type's own, which only serde's derive collects.
pub(super) fn derives_deserialize(s: &Struct) -> bool {
    s.fields.iter().any(Field::is_flattened)
}

/// `Deserialize` of a struct without flattened fields, behind `cfg`: it decodes
/// exactly as serde's derive would (see `runtime/object.rs`), with one short
/// `from_map` instead of the derive's visitor and field enum, which were most
/// of the compile time of a large crate. `from_map` keeps a local per field,
/// named after it: `Option<T>` of the field's type `T`, except a field that may
/// be absent or `null` (`Option<Nullable<T>>`), whose local is the field itself
/// (a present `null` is `Some(Nullable::Null)`).
pub(super) fn deserialize_impls(def: &TypeDef, s: &Struct, cfg: &TokenStream) -> TokenStream {
    let name = &def.name;
    let name_text = name.as_str();
    let keys = s.fields.iter().map(|field| field.key().unwrap_or_default());
    let DecoderLocals { map, index, fields: local_names } = DecoderLocals::of(s);
    let locals = local_names.iter().map(|local| quote!(let mut #local = None;));
    let arms = local_names.iter().enumerate().map(|(i, local)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#i => #map.value(&mut #local)?,)
    });
    let read = if let [local] = local_names.as_slice() {
        quote! {
            while let Some(#index) = #map.next_field()? {
                if #index == 0 {
                    #map.value(&mut #local)?;
                }
            }
        }
    } else if s.fields.is_empty() {
        quote!(while #map.next_field()?.is_some() {})
    } else {
        quote! {
            while let Some(#index) = #map.next_field()? {
                match #index {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    let values = s.fields.iter().zip(&local_names).map(|(field, local)| {
        let member = &field.name;
        match FieldValue::of(field, local) {
            FieldValue::Required => {
                let key = field.key().unwrap_or_default();
                quote!(#member: #map.required(#local, #key)?,)
            }
            FieldValue::Default => quote!(#member: #local.unwrap_or_default(),),
            FieldValue::Shorthand => quote!(#member,),
            FieldValue::Local => quote!(#member: #local,),
        }
    });
    quote! {
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                runtime::deserialize_object(deserializer)
            }
        }

        #cfg
        impl runtime::FromObject for #name {
            const NAME: &'static str = #name_text;
            const FIELDS: &'static [&'static str] = &[#(#keys),*];

            fn from_map<'de, A: serde::de::MapAccess<'de>>(mut #map: runtime::Object<'de, A>) -> Result<Self, A::Error> {
                #(#locals)*
                #read
                Ok(Self {
                    #(#values)*
                })
            }
        }
    }
}

/// The locals of a struct's `from_map` besides the fields' values: the
/// object, the key's index, and one per field, all named apart from the
/// fields (the printed impls, `printed.rs`, use the same).
pub(super) struct DecoderLocals {
    /// The object being read.
    pub(super) map: Ident,
    /// The index of the key just read.
    pub(super) index: Ident,
    /// One per field, in field order.
    pub(super) fields: Vec<Ident>,
}

impl DecoderLocals {
    pub(super) fn of(s: &Struct) -> Self {
        let is_field = |name: &str| s.fields.iter().any(|f| f.name.as_str() == name);
        DecoderLocals {
            map: crate::naming::untaken("map", is_field),
            index: crate::naming::untaken("index", is_field),
            fields: s.fields.iter().map(|field| crate::naming::field_local(&field.name, is_field)).collect(),
        }
    }
}

/// How `from_map` gives a field its value from the field's local.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldValue {
    /// `map.required(local, "key")?`: the value, or the error of a missing field.
    Required,
    /// `local.unwrap_or_default()`: an optional field absent is `None`.
    Default,
    /// The local is the field itself (`Option<Nullable<T>>`), named alike: `member`.
    Shorthand,
    /// The local is the field itself, named apart: `member: local`.
    Local,
}

impl FieldValue {
    pub(super) fn of(field: &Field, local: &Ident) -> Self {
        match field.presence {
            Presence::Required | Presence::RequiredNullable => FieldValue::Required,
            Presence::Optional => FieldValue::Default,
            Presence::OptionalNullable if *local == field.name => FieldValue::Shorthand,
            Presence::OptionalNullable => FieldValue::Local,
        }
    }
}
