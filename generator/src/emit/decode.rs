//! How structs decode: `runtime::FromObject` impls written out, instead of
//! serde's derive (see `runtime/object.rs` and docs/performance.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::{Field, Presence, Struct, TypeDef};

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
    // The locals besides the fields' own, named apart from them.
    let is_field = |name: &str| s.fields.iter().any(|f| f.name.as_str() == name);
    let map = crate::naming::untaken("map", is_field);
    let index = crate::naming::untaken("index", is_field);
    let local_names: Vec<crate::naming::Ident> =
        s.fields.iter().map(|field| crate::naming::field_local(&field.name, is_field)).collect();
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
        match field.presence {
            Presence::Required | Presence::RequiredNullable => {
                let key = field.key().unwrap_or_default();
                quote!(#member: #map.required(#local, #key)?,)
            }
            Presence::Optional => quote!(#member: #local.unwrap_or_default(),),
            Presence::OptionalNullable if local == member => quote!(#member,),
            Presence::OptionalNullable => quote!(#member: #local,),
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
