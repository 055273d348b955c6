//! The parts of a `multipart/form-data` body, collected from its struct's
//! fields: one part per field (per item of an array), each with the
//! `Content-Type` and headers the model gives it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, PartEncoding, Presence, Type, TypeKind};

/// The statements that collect the parts of a `multipart/form-data` body from
/// a struct's fields, and the body built from them.
pub(super) fn multipart(api: &Api, ty: &Type, encodings: &[PartEncoding]) -> (Vec<TokenStream>, TokenStream) {
    let fields = match ty {
        Type::Named(id) => match &api.types[api.resolve(*id)].kind {
            TypeKind::Struct(s) if !s.fields.is_empty() => &s.fields,
            _ => return (Vec::new(), quote!(runtime::multipart_body(Vec::new()))),
        },
        _ => return (Vec::new(), quote!(runtime::multipart_body(Vec::new()))),
    };
    // The parts of required fields start the vector; the others are pushed when present.
    let mut leading = Vec::new();
    let mut statements = Vec::new();
    for field in fields {
        let member = &field.name;
        let wire = field.key().unwrap_or_default();
        let label = format!("body.{wire}");
        let encoding = encodings.iter().find(|encoding| encoding.name == wire);
        let content_type = encoding
            .and_then(|encoding| encoding.content_type.as_deref())
            .map(|content_type| quote!(.content_type(#content_type)));
        let headers = encoding.filter(|encoding| !encoding.headers.is_empty()).map(|encoding| {
            let headers = encoding.headers.iter().map(|(name, value)| quote!((#name, #value)));
            quote!(.headers(&[#(#headers),*]))
        });
        let with = quote!(#content_type #headers);
        let part = |value: TokenStream| {
            if field.ty == Type::Upload {
                quote!(runtime::Part::file(#wire, #wire, #value) #with)
            } else {
                quote!(runtime::Part::text(#wire, runtime::part_text(#label, #value)?) #with)
            }
        };
        // An array is sent as one part per item (the `form` style, exploded).
        let push = |value: TokenStream| match &field.ty {
            Type::Vec(item) if **item == Type::Upload => quote! {
                for item in #value {
                    parts.push(runtime::Part::file(#wire, #wire, item) #with);
                }
            },
            Type::Vec(_) => quote! {
                for item in #value {
                    parts.push(runtime::Part::text(#wire, runtime::part_text(#label, item)?) #with);
                }
            },
            _ => {
                let part = part(value);
                quote!(parts.push(#part);)
            }
        };
        let array = matches!(field.ty, Type::Vec(_));
        match field.presence {
            Presence::Required if statements.is_empty() && !array => leading.push(part(quote!(&body.#member))),
            Presence::Required => statements.push(push(quote!(&body.#member))),
            Presence::OptionalNullable => {
                let push = push(quote!(value));
                statements.push(quote! {
                    if let Some(runtime::Nullable::Value(value)) = &body.#member {
                        #push
                    }
                });
            }
            Presence::Optional | Presence::RequiredNullable => {
                let push = push(quote!(value));
                statements.push(quote! {
                    if let Some(value) = &body.#member {
                        #push
                    }
                });
            }
        }
    }
    let declaration = match (leading.is_empty(), statements.is_empty()) {
        (true, _) => quote!(let mut parts = Vec::new();),
        (false, true) => quote!(let parts = Vec::from([#(#leading),*]);),
        (false, false) => quote!(let mut parts = Vec::from([#(#leading),*]);),
    };
    statements.insert(0, declaration);
    (statements, quote!(runtime::multipart_body(parts)))
}

