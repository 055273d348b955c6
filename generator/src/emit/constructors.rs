//! `new`: the constructor of a request struct with required fields, which takes those
//! fields (strings, secrets and uploads as `impl Into<...>`) and leaves every
//! other field unset (`None`), so that a caller writes only what the spec
//! requires and sets the rest with struct update syntax:
//! `Foo { bar: Some(1), ..Foo::new("id") }`.
//!
//! A required field whose type is an enum of one value is set to that value,
//! not taken. Emitted as tokens (the formatter prints them), never printed
//! directly.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Scope, rust_type};
use crate::model::{Api, Field, Presence, Storage, Struct, Type, TypeDef, TypeKind};

/// Above this many arguments clippy's `too_many_arguments` fires; the
/// constructor takes exactly what the spec requires, however many that is.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The names clippy's `disallowed_names` rejects by default, as arguments.
const CLIPPY_DISALLOWED_NAMES: [&str; 3] = ["foo", "baz", "quux"];

/// Whether a struct gets a constructor: when a field is required (a struct
/// without one derives `Default` instead) and requests contain it (a params
/// struct always). Values of the types only responses contain are built by
/// the server: a constructor for each would be code nobody calls (40,000
/// lines of GitHub's crate).
pub(super) fn has_constructor(def: &TypeDef, s: &Struct) -> bool {
    (def.in_request() || matches!(def.kind, TypeKind::Params(_)))
        && s.fields.iter().any(|field| field.presence == Presence::Required)
}

/// The one value a required field can hold, when its type is an enum of one
/// value (OpenAI's `role: "user"`, a `type` tag): the constructor sets it, and
/// takes no argument for it.
pub(super) fn only_value<'a>(api: &'a Api, field: &Field) -> Option<&'a crate::model::EnumVariant> {
    let (Type::Named(id), Storage::Inline) = (&field.ty, field.storage) else { return None };
    match &api.types[*id].kind {
        TypeKind::Enum(e) if e.variants.len() == 1 => e.variants.first(),
        _ => None,
    }
}

/// How a required field's argument is taken and stored.
enum Argument {
    /// `impl Into<T>`, stored with `.into()`.
    Into,
    /// `T`, stored in a `Box`.
    Boxed,
    /// `T`, stored as it is.
    Plain,
}

impl Argument {
    fn of(field: &Field) -> Self {
        match (&field.ty, field.storage) {
            (_, Storage::Boxed) => Argument::Boxed,
            (Type::String | Type::Secret | Type::Upload, _) => Argument::Into,
            _ => Argument::Plain,
        }
    }
}

/// The `impl` block with the constructor of the struct `def`, behind `cfg`;
/// nothing for a struct without required fields.
pub(super) fn constructor(api: &Api, def: &TypeDef, s: &Struct, cfg: &TokenStream) -> TokenStream {
    if !has_constructor(def, s) {
        return TokenStream::new();
    }
    let name = &def.name;
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|field| field.presence == Presence::Required && only_value(api, field).is_none())
        .collect();
    let params = required.iter().map(|field| {
        let member = &field.name;
        let ty = rust_type(api, &field.ty, Scope::Types);
        match Argument::of(field) {
            Argument::Into => quote!(#member: impl Into<#ty>),
            Argument::Boxed | Argument::Plain => quote!(#member: #ty),
        }
    });
    let values = s.fields.iter().map(|field| {
        let member = &field.name;
        if field.presence != Presence::Required {
            return quote!(#member: None,);
        }
        if let (Some(variant), Type::Named(id)) = (only_value(api, field), &field.ty) {
            let ty = &api.types[*id].name;
            let variant = &variant.name;
            return quote!(#member: #ty::#variant,);
        }
        match Argument::of(field) {
            Argument::Into => quote!(#member: #member.into(),),
            Argument::Boxed => quote!(#member: Box::new(#member),),
            Argument::Plain => quote!(#member,),
        }
    });
    let optional = s.fields.iter().any(|field| field.presence != Presence::Required);
    let doc = if optional {
        " Creates one from its required fields, with the optional fields `None`."
    } else {
        " Creates one from its fields."
    };
    let too_many = (required.len() > CLIPPY_MAX_ARGUMENTS).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per field the spec requires")])
    });
    let disallowed = required.iter().any(|field| CLIPPY_DISALLOWED_NAMES.contains(&field.name.as_str())).then(|| {
        quote!(#[allow(clippy::disallowed_names, reason = "the arguments are named as the spec names the fields")])
    });
    // Every required field holds its one value: `new()` takes nothing.
    let nothing = required.is_empty().then(|| {
        quote!(#[allow(clippy::new_without_default, reason = "the fields the spec requires have one value each")])
    });
    let allow = quote!(#too_many #disallowed #nothing);
    quote! {
        #cfg
        impl #name {
            #[doc = #doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#values)* }
            }
        }
    }
}
