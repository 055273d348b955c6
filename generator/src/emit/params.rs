//! The parameters of an operation's method: the `params` argument's checks,
//! its query string, headers and cookies, and each parameter's encoding (its
//! style and flags) as the runtime takes it.

use proc_macro2::TokenStream;
use quote::quote;

use super::operation::RequestSteps;
use super::{Scope, rust_type};
use crate::model::{Api, Operation, Param, ParamLocation, Style, Type};

/// The `params` argument: its checks, and its query, headers and cookies.
pub(super) fn params(api: &Api, op: &Operation, args: &mut Vec<TokenStream>, steps: &mut RequestSteps) {
    let Some(id) = op.params_type else { return };
    let params_ty = rust_type(api, &Type::Named(id), Scope::Crate);
    args.push(quote!(params: &#params_ty));
    if api.types[id].is_validated() {
        steps.prepare(quote!(params.validate_at(&runtime::FieldPath::Root("params"))?;));
    }
    let in_location = |location: ParamLocation| op.params.iter().filter(move |p| p.location == location);

    let query: Vec<TokenStream> = in_location(ParamLocation::Query)
        .map(|param| {
            let field = &param.name;
            let wire = &param.wire_name;
            let encoding = encoding(param);
            quote!(query.push("query", #wire, &params.#field, #encoding)?;)
        })
        .collect();
    if !query.is_empty() {
        steps.prepare(quote! {
            let mut query = runtime::Query::new();
            #(#query)*
        });
        steps.call(quote!(.query(query)), false);
    }

    for param in in_location(ParamLocation::Header) {
        let field = &param.name;
        let wire = &param.wire_name;
        let encoding = encoding(param);
        if param.required {
            steps.call(quote!(.header(#wire, runtime::header_value(#wire, &params.#field, #encoding)?)?), true);
        } else {
            steps.change(quote! {
                if let Some(value) = &params.#field {
                    request = request.header(#wire, runtime::header_value(#wire, value, #encoding)?)?;
                }
            });
        }
    }

    let cookies: Vec<TokenStream> = in_location(ParamLocation::Cookie)
        .map(|param| {
            let field = &param.name;
            let wire = &param.wire_name;
            let encoding = encoding(param);
            if param.required {
                quote!(runtime::cookie_pair(&mut cookies, #wire, &params.#field, #encoding)?;)
            } else {
                quote! {
                    if let Some(value) = &params.#field {
                        runtime::cookie_pair(&mut cookies, #wire, value, #encoding)?;
                    }
                }
            }
        })
        .collect();
    if !cookies.is_empty() {
        steps.prepare(quote! {
            let mut cookies = String::new();
            #(#cookies)*
        });
        steps.call(quote!(.cookies(cookies)), false);
    }
}

/// The runtime's `Encoding` of a parameter: `runtime::Style::Form.explode(true)`,
/// with `.reserved()` and `.empty()` for `allowReserved` and `allowEmptyValue`.
pub(super) fn encoding(param: &Param) -> TokenStream {
    style_encoding(param.style, param.explode, param.allow_reserved, param.allow_empty)
}

/// The runtime's `Encoding` of a style and its flags.
pub(super) fn style_encoding(style: Style, explode: bool, allow_reserved: bool, allow_empty: bool) -> TokenStream {
    let style = match style {
        Style::Form => quote!(Form),
        Style::SpaceDelimited => quote!(SpaceDelimited),
        Style::PipeDelimited => quote!(PipeDelimited),
        Style::DeepObject => quote!(DeepObject),
        Style::Simple => quote!(Simple),
        Style::Label => quote!(Label),
        Style::Matrix => quote!(Matrix),
        Style::Json => quote!(Json),
    };
    let reserved = allow_reserved.then(|| quote!(.reserved()));
    let empty = allow_empty.then(|| quote!(.empty()));
    quote!(runtime::Style::#style.explode(#explode) #reserved #empty)
}
