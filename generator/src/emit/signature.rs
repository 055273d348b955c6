//! How operation methods take their arguments: the Rust type of each argument,
//! as tokens for the method and as text for the documentation examples that
//! call it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Scope, rust_type};
use crate::model::{Api, Type};

/// The type of a method argument that passes `ty`.
pub(super) fn arg_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        _ if ty.passes_by_value() => rust_type(api, ty, Scope::Crate),
        Type::String | Type::Secret => quote!(&str),
        Type::Bytes => quote!(&[u8]),
        Type::Vec(inner) => {
            let inner = rust_type(api, inner, Scope::Crate);
            quote!(&[#inner])
        }
        _ => {
            let ty = rust_type(api, ty, Scope::Crate);
            quote!(&#ty)
        }
    }
}

/// [`arg_type`] as text, with paths from outside the crate.
pub(super) fn arg_type_text(api: &Api, ty: &Type) -> String {
    match ty {
        _ if ty.passes_by_value() => type_text(api, ty),
        Type::String | Type::Secret => "&str".to_owned(),
        Type::Bytes => "&[u8]".to_owned(),
        // Taken by value (anything that converts into an upload).
        Type::Upload => type_text(api, ty),
        Type::Vec(inner) => format!("&[{}]", type_text(api, inner)),
        _ => format!("&{}", type_text(api, ty)),
    }
}

/// The Rust type of `ty` as text, with paths from outside the crate.
pub(super) fn type_text(api: &Api, ty: &Type) -> String {
    super::type_text(api, ty, super::TextScope::Outside)
}
