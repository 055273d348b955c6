//! `types.rs`: one Rust type per named model type, with serde attributes for
//! the exact wire names, and request validation where the spec has constraints.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::{Scope, ident, rust_type};
use crate::lower::contains_validated;
use crate::model::{Api, Constraints, Enum, EnumValue, Field, Outcome, Struct, Type, TypeDef, TypeKind, Union};

/// The number of pieces of the `types` module: its head and one per type.
pub fn pieces(api: &Api) -> usize {
    api.types.len() + 1
}

/// One piece of the `types` module.
pub fn piece(api: &Api, index: usize) -> TokenStream {
    match index.checked_sub(1).and_then(|i| api.types.get(i)) {
        Some(def) => type_def(api, def),
        None => {
            let module_docs = docs::inner_attrs(&[
                "Request and response types of the API, one per schema of the spec, with".to_owned(),
                "the exact JSON names of the wire.".to_owned(),
            ]);
            quote! {
                #module_docs
                // The spec's deprecations are for callers; the types themselves refer to each other.
                #![allow(deprecated)]
            }
        }
    }
}

fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let fallback = format!("The `{}` schema of the spec.", def.name);
    let mut doc_lines = docs::lines(&def.docs, &fallback);
    let deprecated = def.docs.deprecated.then(|| quote!(#[deprecated]));
    match &def.kind {
        TypeKind::Struct(s) => {
            let item = struct_item(api, def, s, Some(serde_derives(def)));
            let validate = if def.validated { validate_struct(api, &name, s) } else { TokenStream::new() };
            let doc = docs::attrs(&doc_lines);
            quote! { #doc #deprecated #item #validate }
        }
        TypeKind::Params(s) => {
            let item = struct_item(api, def, s, None);
            let validate = if def.validated { validate_struct(api, &name, s) } else { TokenStream::new() };
            let doc = docs::attrs(&doc_lines);
            quote! { #doc #item #validate }
        }
        TypeKind::Enum(e) => {
            if def.in_response {
                doc_lines.push(String::new());
                doc_lines.push(
                    "Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client."
                        .to_owned(),
                );
            }
            let doc = docs::attrs(&doc_lines);
            let item = enum_item(&name, e, def.in_response);
            quote! { #doc #deprecated #item }
        }
        TypeKind::Union(u) => {
            let doc = docs::attrs(&doc_lines);
            let item = union_item(api, def, u);
            let validate = if def.validated { validate_union(api, def, u) } else { TokenStream::new() };
            quote! { #doc #deprecated #item #validate }
        }
        TypeKind::Alias(ty) => {
            let doc = docs::attrs(&doc_lines);
            let ty = rust_type(api, ty, Scope::Types);
            quote! { #doc pub type #name = #ty; }
        }
        TypeKind::Outcome(o) => {
            let doc = docs::attrs(&doc_lines);
            let item = outcome_item(api, &name, o);
            quote! { #doc #item }
        }
    }
}

/// The Rust type of a field, with the `Option`/`Nullable`/`Box` wrappers its
/// requiredness, nullability and recursion call for.
fn field_type(api: &Api, field: &Field) -> TokenStream {
    let inner = rust_type(api, &field.ty, Scope::Types);
    let inner = if field.boxed { quote!(Box<#inner>) } else { inner };
    match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => quote!(Option<#inner>),
        (false, true) => quote!(Option<crate::runtime::Nullable<#inner>>),
    }
}

/// The serde derives of a type, and the attribute that adds the others with the
/// `full-serde` feature.
struct SerdeDerives {
    /// Derives in `#[derive(...)]`, each followed by a comma.
    always: TokenStream,
    /// `#[cfg_attr(feature = "full-serde", derive(...))]`, or nothing.
    optional: TokenStream,
    /// Whether `Deserialize` is always implemented.
    deserialize: bool,
}

/// A type implements `Serialize` when requests contain it, and `Deserialize`
/// when responses contain it (the lowering counts types no operation uses, such
/// as webhook payloads, as responses: callers read them). The other direction,
/// which the API never needs, comes with the crate's `full-serde` feature:
/// serde's derives are most of the compile time of a large crate.
fn serde_derives(def: &TypeDef) -> SerdeDerives {
    let serialize = def.in_request;
    let deserialize = def.in_response || !def.in_request;
    let mut always = TokenStream::new();
    let mut optional = Vec::new();
    if serialize {
        always.extend(quote!(serde::Serialize,));
    } else {
        optional.push(quote!(serde::Serialize));
    }
    if deserialize {
        always.extend(quote!(serde::Deserialize,));
    } else {
        optional.push(quote!(serde::Deserialize));
    }
    let optional = if optional.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[cfg_attr(feature = "full-serde", derive(#(#optional),*))])
    };
    SerdeDerives { always, optional, deserialize }
}

fn struct_item(api: &Api, def: &TypeDef, s: &Struct, serde: Option<SerdeDerives>) -> TokenStream {
    let name = ident(&def.name);
    let with_serde = serde.is_some();
    let fields = s.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        let ty = field_type(api, field);
        let mut doc_lines = docs::lines(&field.docs, &format!("The `{}` field.", field.wire_name));
        if let Some(default) = &field.default {
            doc_lines.push(String::new());
            doc_lines.push(format!("The server's default: `{default}`."));
        }
        if let Some(pattern) = &field.constraints.pattern {
            doc_lines.push(String::new());
            doc_lines.push(format!("Must match the pattern `{}`.", pattern.replace('`', "'")));
        }
        if field.trimmed {
            doc_lines.push(String::new());
            doc_lines.push("The server trims surrounding whitespace; the client sends the value trimmed.".to_owned());
        }
        let doc = docs::attrs(&doc_lines);
        let deprecated = field.docs.deprecated.then(|| quote!(#[deprecated]));
        let attrs = if with_serde { serde_field_attrs(field) } else { TokenStream::new() };
        quote! {
            #doc
            #deprecated
            #attrs
            pub #field_name: #ty,
        }
    });
    let default = s.all_optional.then(|| quote!(Default,));
    let (always, optional) = match serde {
        Some(SerdeDerives { always, optional, .. }) => (always, optional),
        None => (TokenStream::new(), TokenStream::new()),
    };
    quote! {
        #[derive(Debug, Clone, PartialEq, #default #always)]
        #optional
        pub struct #name {
            #(#fields)*
        }
    }
}

fn serde_field_attrs(field: &Field) -> TokenStream {
    if field.flatten {
        return quote!(#[serde(flatten)]);
    }
    let mut parts: Vec<TokenStream> = Vec::new();
    let plain = field.name.strip_prefix("r#").unwrap_or(&field.name);
    if plain != field.wire_name {
        let wire = &field.wire_name;
        parts.push(quote!(rename = #wire));
    }
    match (field.required, field.nullable) {
        (false, false) => parts.push(quote!(default, skip_serializing_if = "Option::is_none")),
        (false, true) => parts.push(quote!(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::runtime::deserialize_present"
        )),
        _ => {}
    }
    if field.trimmed && matches!(field.ty, Type::String | Type::Secret) {
        parts.push(quote!(serialize_with = "crate::runtime::serialize_trimmed"));
    }
    if parts.is_empty() { TokenStream::new() } else { quote!(#[serde(#(#parts),*)]) }
}

fn enum_item(name: &proc_macro2::Ident, e: &Enum, open: bool) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = match &v.value {
            EnumValue::Str(s) if s.is_empty() => " The empty string.".to_owned(),
            EnumValue::Str(s) => format!(" `{}`", s.replace('`', "'")),
            EnumValue::Int(n) => format!(" `{n}`"),
        };
        quote!(#[doc = #doc] #variant,)
    });
    let unknown = if open {
        let ty = if e.integer { quote!(i64) } else { quote!(String) };
        quote! {
            /// A value the spec does not list.
            Unknown(#ty),
        }
    } else {
        TokenStream::new()
    };
    let copy = (!open || e.integer).then(|| quote!(Copy,));
    let pairs = e.variants.iter().map(|v| {
        let variant = ident(&v.name);
        match &v.value {
            EnumValue::Str(s) => quote!(#variant = #s),
            EnumValue::Int(n) => {
                let lit = Literal::i64_unsuffixed(*n);
                quote!(#variant = #lit)
            }
        }
    });
    let open = open.then(|| quote!(open));
    let implement =
        if e.integer { quote!(crate::runtime::integer_enum!) } else { quote!(crate::runtime::string_enum!) };
    quote! {
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            #unknown
        }

        #implement(#name #open { #(#pairs),* });
    }
}

fn union_item(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let open = def.in_response && u.discriminator.is_some();
    let SerdeDerives { always, optional, deserialize } = serde_derives(def);
    let name = &name;
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(api, &v.ty, Scope::Types);
        let ty = if v.boxed { quote!(Box<#ty>) } else { ty };
        let doc = if v.tags.is_empty() {
            format!(" A `{}`.", v.name)
        } else {
            format!(" Discriminator value {}.", v.tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "))
        };
        quote!(#[doc = #doc] #variant(#ty),)
    });
    let unknown = open.then(|| {
        quote! {
            /// A discriminator value the spec does not list, with the whole object.
            Unknown(serde_json::Value),
        }
    });
    match &u.discriminator {
        None => quote! {
            #[derive(Debug, Clone, PartialEq, #always)]
            #optional
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        },
        Some(property) => {
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.name);
                let tags = &v.tags;
                let wrap = if v.boxed { quote!(|v| Self::#variant(Box::new(v))) } else { quote!(Self::#variant) };
                quote! {
                    Some(#(#tags)|*) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),
                }
            });
            let all_tags: Vec<&String> = u.variants.iter().flat_map(|v| &v.tags).collect();
            let fallback = if open {
                quote! {
                    Some(_) => Ok(Self::Unknown(value)),
                }
            } else {
                quote! {
                    Some(other) => Err(serde::de::Error::unknown_variant(other, &[#(#all_tags),*])),
                }
            };
            // `Deserialize` is written by hand (dispatching on the tag); `Serialize` is derived.
            let serialize = if def.in_request {
                quote! {
                    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
                    #[serde(untagged)]
                }
            } else {
                quote! {
                    #[derive(Debug, Clone, PartialEq)]
                    #[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
                }
            };
            let cfg = (!deserialize).then(|| quote!(#[cfg(feature = "full-serde")]));
            quote! {
                #serialize
                pub enum #name {
                    #(#variants)*
                    #unknown
                }

                #cfg
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                        let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                        match tag.as_deref() {
                            #(#arms)*
                            #fallback
                            None => Err(serde::de::Error::missing_field(#property)),
                        }
                    }
                }
            }
        }
    }
}

fn outcome_item(api: &Api, name: &proc_macro2::Ident, o: &Outcome) -> TokenStream {
    let variants = o.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(&docs::lines(
            &crate::model::Docs { example: None, ..v.docs.clone() },
            &format!("The `{}` response.", v.name),
        ));
        match &v.body {
            Some(ty) => {
                let ty = rust_type(api, ty, Scope::Types);
                quote!(#doc #variant(#ty),)
            }
            None => quote!(#doc #variant,),
        }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

fn validate_struct(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let checks = s.fields.iter().map(|field| {
        let member = ident(&field.name);
        let wire = if field.flatten { None } else { Some(field.wire_name.as_str()) };
        let body = checks(api, &field.ty, &field.constraints, field.trimmed, Scope::Types);
        if body.is_empty() {
            return TokenStream::new();
        }
        let at = match wire {
            Some(wire) => quote!(let at = at.field(#wire);),
            None => quote!(let at = *at;),
        };
        match (field.required, field.nullable) {
            (true, false) => quote! { { let value = &self.#member; #at #body } },
            (true, true) | (false, false) => quote! { if let Some(value) = &self.#member { #at #body } },
            (false, true) => {
                quote! { if let Some(crate::runtime::Nullable::Value(value)) = &self.#member { #at #body } }
            }
        }
    });
    quote! {
        impl #name {
            /// Checks the constraints of the spec that the client enforces before sending.
            pub(crate) fn validate_at(&self, at: &crate::runtime::FieldPath<'_>) -> Result<(), crate::runtime::InvalidRequest> {
                #(#checks)*
                Ok(())
            }
        }
    }
}

fn validate_union(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let mut arms: Vec<(TokenStream, TokenStream)> = u
        .variants
        .iter()
        .filter(|v| contains_validated(api, &v.ty))
        .map(|v| {
            let variant = ident(&v.name);
            (quote!(Self::#variant(value)), checks(api, &v.ty, &Constraints::default(), false, Scope::Types))
        })
        .collect();
    let open = def.in_response && u.discriminator.is_some();
    if open {
        arms.push((
            quote!(Self::Unknown(_)),
            quote!(return Err(at.invalid("is a variant the spec does not list; requests may only send listed variants"));),
        ));
    }
    let all = u.variants.len() + usize::from(open);
    let check = match arms.as_slice() {
        [(pattern, body)] if all > 1 => quote!(if let #pattern = self { #body }),
        _ => {
            let arms = arms.iter().map(|(pattern, body)| quote!(#pattern => { #body }));
            let rest = (arms.len() < all).then(|| quote!(_ => {}));
            quote! {
                match self {
                    #(#arms)*
                    #rest
                }
            }
        }
    };
    quote! {
        impl #name {
            /// Checks the constraints of the spec that the client enforces before sending.
            pub(crate) fn validate_at(&self, at: &crate::runtime::FieldPath<'_>) -> Result<(), crate::runtime::InvalidRequest> {
                #check
                Ok(())
            }
        }
    }
}

/// Statements that check `value` (a reference) at `at` (a `FieldPath` in scope).
pub(crate) fn checks(api: &Api, ty: &Type, constraints: &Constraints, trimmed: bool, scope: Scope) -> TokenStream {
    let mut out = TokenStream::new();
    let opt_usize = |v: Option<usize>| match v {
        Some(n) => {
            let n = Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    let opt_bound = |v: Option<(f64, bool)>| match v {
        Some((n, exclusive)) => {
            let n = Literal::f64_suffixed(n);
            quote!(Some((#n, #exclusive)))
        }
        None => quote!(None),
    };
    match ty {
        Type::String | Type::Secret => {
            let text = if matches!(ty, Type::Secret) { quote!(value.expose()) } else { quote!(value) };
            if constraints.min_length.is_some() || constraints.max_length.is_some() {
                let (min, max) = (opt_usize(constraints.min_length), opt_usize(constraints.max_length));
                out.extend(quote!(crate::runtime::check_length(&at, #text, #min, #max, #trimmed)?;));
            }
            if constraints.uri {
                out.extend(quote!(crate::runtime::check_uri(&at, #text)?;));
            }
        }
        Type::I32 | Type::I64 | Type::U32 | Type::U64 | Type::F32 | Type::F64
            if constraints.minimum.is_some() || constraints.maximum.is_some() =>
        {
            let (min, max) = (opt_bound(constraints.minimum), opt_bound(constraints.maximum));
            let number = match ty {
                Type::F64 => quote!(*value),
                Type::I64 | Type::U64 => quote!(*value as f64),
                _ => quote!(f64::from(*value)),
            };
            out.extend(quote!(crate::runtime::check_range(&at, #number, #min, #max)?;));
        }
        Type::Vec(inner) => {
            if constraints.min_items.is_some() || constraints.max_items.is_some() {
                let (min, max) = (opt_usize(constraints.min_items), opt_usize(constraints.max_items));
                out.extend(quote!(crate::runtime::check_items(&at, value.len(), #min, #max)?;));
            }
            let item_constraints = constraints.items.as_deref().cloned().unwrap_or_default();
            let inner_checks = checks(api, inner, &item_constraints, false, scope);
            if !inner_checks.is_empty() {
                out.extend(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let at = at.index(index);
                        #inner_checks
                    }
                });
            }
        }
        Type::Map(inner) => {
            let inner_checks = checks(api, inner, &Constraints::default(), false, scope);
            if !inner_checks.is_empty() {
                out.extend(quote! {
                    for (key, value) in value {
                        let at = at.key(key);
                        #inner_checks
                    }
                });
            }
        }
        Type::Option(inner) => {
            let inner_checks = checks(api, inner, constraints, trimmed, scope);
            if !inner_checks.is_empty() {
                out.extend(quote!(if let Some(value) = value { #inner_checks }));
            }
        }
        Type::Named(id) => {
            let def = &api.types[*id];
            if def.validated {
                match &def.kind {
                    TypeKind::Enum(_) => {
                        let name = rust_type(api, ty, scope);
                        out.extend(quote!(crate::runtime::check_known(&at, !matches!(value, #name::Unknown(_)))?;));
                    }
                    TypeKind::Alias(target) => out.extend(checks(api, target, constraints, trimmed, scope)),
                    _ => out.extend(quote!(value.validate_at(&at)?;)),
                }
            } else if let TypeKind::Alias(target) = &def.kind {
                if constraints.is_checked() {
                    out.extend(checks(api, target, constraints, trimmed, scope));
                }
            }
        }
        _ => {}
    }
    out
}
