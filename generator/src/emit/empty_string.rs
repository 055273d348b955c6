//! A union with a variant that is the empty string (`Union::empty`): its
//! `Serialize` writes that variant as `""` and each other variant as its value;
//! its `Deserialize` reads `""` as that variant, else the first other variant
//! that fits, in order.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::serde_attrs::serde_derives;
use crate::model::{Storage, TypeDef, Union};
use crate::naming::Ident;

/// The union (its `variants` already written) with its `empty` variant, and
/// its serde impls, each behind `cfg` (and `full-serde` for a direction the
/// API does not need).
pub(super) fn union_item(def: &TypeDef, u: &Union, empty: &Ident, variants: Vec<TokenStream>, cfg: &TokenStream) -> TokenStream {
    let name = &def.name;
    let serde = serde_derives(def, true);
    let full_serde = quote!(#[cfg(feature = "full-serde")]);
    let serialize_gate = (!serde.serialize).then(|| full_serde.clone());
    let deserialize_gate = (!serde.deserialize).then(|| full_serde.clone());
    let doc = docs::literal(" The empty string, `\"\"`.");
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = &v.name;
        quote!(Self::#variant(value) => serde::Serialize::serialize(value, serializer),)
    });
    let attempts = u.variants.iter().map(|v| {
        let variant = &v.name;
        let wrap = if v.storage == Storage::Boxed {
            quote!(Self::#variant(Box::new(inner)))
        } else {
            quote!(Self::#variant(inner))
        };
        quote! {
            if let Ok(inner) = serde_json::from_value(value.clone()) {
                return Ok(#wrap);
            }
        }
    });
    let no_match = format!("data did not match any variant of untagged enum {name}");
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #[doc = #doc]
            #empty,
            #(#variants)*
        }

        #cfg
        #serialize_gate
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::#empty => serializer.serialize_str(""),
                    #(#serialize_arms)*
                }
            }
        }

        #cfg
        #deserialize_gate
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                if value.as_str() == Some("") {
                    return Ok(Self::#empty);
                }
                #(#attempts)*
                Err(serde::de::Error::custom(#no_match))
            }
        }
    }
}
