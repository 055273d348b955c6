//! `types.rs`: one Rust type per named model type, with serde attributes for
//! the exact wire names, and request validation where the spec has constraints.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::checks::{self, At, Value};
use super::constructors::constructor;
use super::decode::{derives_deserialize, deserialize_impls};
use super::runtime::Presence as Compiled;
use super::serde_attrs::{FieldSerde, SerdeDerives, serde_derives};
use super::type_modules::TypeModules;
use super::{Part, Scope, docs, rust_type};
use crate::model::{
    Api, Check, Constraints, Enum, EnumRepr, EnumValue, Field, Outcome, Presence, Storage, Struct, Tuple, Type,
    TypeDef, TypeKind, Union, VariantSizes, Whitespace,
};
use crate::naming::Ident;

/// The number of pieces of the `types` module: its head and one per type
/// (only the head, which declares the modules, where they are split).
pub fn pieces(api: &Api, modules: &TypeModules) -> usize {
    if modules.is_split() { 1 } else { api.types.len() + 1 }
}

/// One piece of the `types` module.
pub fn piece(api: &Api, index: usize, print: bool, modules: &TypeModules) -> Vec<Part> {
    if modules.is_split() {
        return vec![Part::Tokens(super::type_modules::split_head(modules))];
    }
    match index.checked_sub(1).and_then(|i| api.types.iter().nth(i)) {
        Some(def) => type_def(api, def, print),
        None => {
            let module_docs = docs::inner_attrs(&[
                "Request and response types of the API, one per schema of the spec, with".to_owned(),
                "the exact JSON names of the wire.".to_owned(),
            ]);
            let presence = runtime_gate(api.types.iter());
            let runtime = (!presence.is_absent()).then(|| {
                let cfg = presence.cfg(api);
                quote!(
                    #cfg
                    use crate::runtime;
                )
            });
            vec![Part::Tokens(quote! {
                #module_docs
                // The spec's deprecations are for callers; the types themselves refer to each other.
                #![allow(deprecated)]

                #runtime
            })]
        }
    }
}

/// When the `types` module (or one of its modules, holding `defs`) refers to
/// the runtime: for enums (their impls come
/// from runtime macros), validation, secrets, uploads, three-state fields,
/// trimmed strings and the `Deserialize` of structs (only with `full-serde`,
/// for a struct only requests contain); each type under its own gate.
pub(super) fn runtime_gate<'a>(defs: impl Iterator<Item = &'a TypeDef>) -> Compiled {
    // Secrets and uploads are runtime types.
    let secret = |ty: &Type| matches!(ty, Type::Secret | Type::Upload);
    defs.fold(Compiled::default(), |presence, def| {
        let item = match &def.kind {
            TypeKind::Enum(_) => true,
            TypeKind::Struct(s) => {
                def.uses(&secret)
                    || s.fields.iter().any(|f| f.presence == Presence::OptionalNullable || sends_trimmed(f))
            }
            TypeKind::Params(_)
            | TypeKind::Union(_)
            | TypeKind::Tuple(_)
            | TypeKind::Alias(_)
            | TypeKind::Outcome(_) => def.uses(&secret),
        };
        let mut presence = if item { presence.or(&def.gate.clone().into()) } else { presence };
        if let TypeKind::Struct(s) = &def.kind {
            if !derives_deserialize(s) {
                presence = presence.or(&deserialize_presence(def));
            }
        }
        if def.is_validated() { presence.or(&def.checks_gate.clone().into()) } else { presence }
    })
}

/// When a struct implements `Deserialize`: always under its gate when
/// responses contain it (or nothing does), else only with `full-serde`.
fn deserialize_presence(def: &TypeDef) -> Compiled {
    if def.in_response() || !def.in_request() {
        Compiled::from(def.gate.clone())
    } else {
        Compiled::full_serde(def.gate.clone())
    }
}

/// Whether a field's string is serialized trimmed.
pub(super) fn sends_trimmed(field: &Field) -> bool {
    field.whitespace == Whitespace::Trimmed && matches!(field.ty, Type::String | Type::Secret)
}

/// The items of one named type; a struct's decoder printed directly when
/// `print` and the printer can (see [`super::printed`]).
pub(super) fn type_def(api: &Api, def: &TypeDef, print: bool) -> Vec<Part> {
    let name = &def.name;
    let mut doc_lines = docs::spec_lines(&def.docs);
    let deprecated = def.docs.deprecated.then(|| quote!(#[deprecated]));
    let cfg = super::cfg(api, &def.gate);
    // `validate_at` is compiled only where requests contain the type.
    let checks_cfg = if def.checks_gate.covers(&def.gate) { cfg.clone() } else { super::cfg(api, &def.checks_gate) };
    let tokens = match &def.kind {
        TypeKind::Struct(s) => {
            // An alternative that requires nothing holds for every value: nothing to say.
            for set in s.required_sets.iter().filter(|set| set.alternatives.iter().all(|keys| !keys.is_empty())) {
                docs::push_paragraph(
                    &mut doc_lines,
                    [format!(
                        "A value must have {} (the spec's `{}`).",
                        set.describe(&|key| key.to_owned()),
                        set.pointer.tokens().last().map_or("anyOf", String::as_str)
                    )],
                );
            }
            let serde = serde_derives(def, derives_deserialize(s));
            let decode = if serde.derives_deserialize {
                None
            } else {
                let full_serde = !serde.deserialize;
                let printed = if print { super::printed::deserialize_impls(api, def, s, full_serde) } else { None };
                Some(printed.map(Part::Printed).unwrap_or_else(|| {
                    let full_serde = full_serde.then(|| quote!(#[cfg(feature = "full-serde")]));
                    Part::Tokens(deserialize_impls(def, s, &quote!(#cfg #full_serde)))
                }))
            };
            let struct_docs = StructDocs::of(s, doc_lines);
            let printed = if print { super::printed::struct_item(api, def, s, &struct_docs, Some(&serde)) } else { None };
            let item = printed.map(Part::Printed).unwrap_or_else(|| {
                let item = struct_item(api, def, s, &struct_docs, Some(&serde));
                let doc = struct_docs.head_attrs();
                Part::Tokens(quote! { #doc #cfg #deprecated #item })
            });
            let validate =
                if def.is_validated() { validate_struct(api, name, s, &checks_cfg) } else { TokenStream::new() };
            let mut parts = vec![item, Part::Tokens(constructor(api, def, s, &cfg))];
            parts.extend(decode);
            parts.push(Part::Tokens(validate));
            return parts;
        }
        TypeKind::Params(s) => {
            let struct_docs = StructDocs::of(s, doc_lines);
            let printed = if print { super::printed::struct_item(api, def, s, &struct_docs, None) } else { None };
            let item = printed.map(Part::Printed).unwrap_or_else(|| {
                let item = struct_item(api, def, s, &struct_docs, None);
                let doc = struct_docs.head_attrs();
                Part::Tokens(quote! { #doc #cfg #item })
            });
            let validate =
                if def.is_validated() { validate_struct(api, name, s, &checks_cfg) } else { TokenStream::new() };
            return vec![item, Part::Tokens(constructor(api, def, s, &cfg)), Part::Tokens(validate)];
        }
        TypeKind::Enum(e) => {
            if def.in_response() {
                docs::push_paragraph(
                    &mut doc_lines,
                    ["Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client."
                        .to_owned()],
                );
            }
            let open = def.in_response();
            let printed = if print { super::printed::enum_item(api, def, e, &doc_lines, open) } else { None };
            let item = printed.map(Part::Printed).unwrap_or_else(|| {
                let doc = docs::attrs_or_allow(&doc_lines);
                let item = enum_item(name, e, open);
                Part::Tokens(quote! { #doc #cfg #deprecated #item })
            });
            return vec![item, Part::Tokens(enum_impls(name, e, open, &cfg))];
        }
        TypeKind::Union(u) => {
            // An allow on the enum covers variants of which none has docs.
            let variants_allowed = u.variants.iter().all(|v| variant_doc_lines(api, v).is_empty());
            let doc = docs::attrs_allowing(&doc_lines, doc_lines.is_empty() || variants_allowed);
            let item = union_item(api, def, u, &cfg, variants_allowed);
            let validate =
                if def.is_validated() { validate_union(api, def, u, &checks_cfg) } else { TokenStream::new() };
            quote! { #doc #cfg #deprecated #item #validate }
        }
        TypeKind::Alias(ty) => {
            if let Some(printed) = print.then(|| super::printed::alias_item(api, def, ty, &doc_lines)).flatten() {
                return vec![Part::Printed(printed)];
            }
            let doc = docs::attrs_or_allow(&doc_lines);
            let ty = rust_type(api, ty, Scope::Types);
            quote! { #doc #cfg pub type #name = #ty; }
        }
        TypeKind::Outcome(o) => {
            let doc = docs::attrs_or_allow(&doc_lines);
            let item = outcome_item(api, name, o);
            quote! { #doc #cfg #item }
        }
        TypeKind::Tuple(t) => {
            let doc = docs::attrs_or_allow(&doc_lines);
            let item = tuple_item(api, def, t);
            let validate =
                if def.is_validated() { validate_tuple(api, name, t, &checks_cfg) } else { TokenStream::new() };
            quote! { #doc #cfg #deprecated #item #validate }
        }
    };
    vec![Part::Tokens(tokens)]
}

/// A tuple struct: serde reads and writes it as a JSON array of exactly its positions.
fn tuple_item(api: &Api, def: &TypeDef, t: &Tuple) -> TokenStream {
    let name = &def.name;
    let derives = serde_derives(def, true).attrs(None);
    let items = t.items.iter().map(|item| {
        let ty = rust_type(api, &item.ty, Scope::Types);
        if item.storage == Storage::Boxed { quote!(pub Box<#ty>) } else { quote!(pub #ty) }
    });
    quote! {
        #derives
        pub struct #name(#(#items),*);
    }
}

/// The `validate_at` method of a tuple: the checks of each position.
fn validate_tuple(api: &Api, name: &Ident, t: &Tuple, cfg: &TokenStream) -> TokenStream {
    let checks = t.items.iter().enumerate().map(|(index, item)| {
        let checks = api.checks(&item.ty, &Constraints::default(), Whitespace::Kept);
        if checks.is_empty() {
            return TokenStream::new();
        }
        let member = syn::Index::from(index);
        let at = At::Path(quote!(at.index(#index)));
        checks::statements(api, &checks, &Value::Place(quote!(self.#member)), &at, Scope::Types)
    });
    validate_impl(name, quote!(#(#checks)*), cfg)
}

/// The Rust type of a field, with the `Option`/`Nullable`/`Box` wrappers its
/// requiredness, nullability and recursion call for.
fn field_type(api: &Api, field: &Field) -> TokenStream {
    let inner = rust_type(api, &field.ty, Scope::Types);
    let inner = if field.storage == Storage::Boxed { quote!(Box<#inner>) } else { inner };
    match field.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => quote!(Option<#inner>),
        Presence::OptionalNullable => quote!(Option<runtime::Nullable<#inner>>),
    }
}

/// The doc lines of a struct and of its fields, and where `missing_docs` is
/// allowed: on the struct when it has no docs or none of its fields has
/// (which covers them), else on each field without docs.
pub(super) struct StructDocs {
    /// The struct's own lines.
    pub(super) head: Vec<String>,
    /// Each field's lines, in order.
    pub(super) fields: Vec<Vec<String>>,
    /// Whether the struct's allow covers its fields: no field has docs.
    pub(super) fields_allowed: bool,
}

impl StructDocs {
    pub(super) fn of(s: &Struct, head: Vec<String>) -> Self {
        let fields: Vec<Vec<String>> = s.fields.iter().map(field_doc_lines).collect();
        let fields_allowed = !fields.is_empty() && fields.iter().all(Vec::is_empty);
        StructDocs { head, fields, fields_allowed }
    }

    /// The struct's doc attributes, with the allow where it has one.
    fn head_attrs(&self) -> TokenStream {
        docs::attrs_allowing(&self.head, self.head.is_empty() || self.fields_allowed)
    }

    /// Whether a field with `lines` has an allow of its own.
    pub(super) fn allows_field(&self, lines: &[String]) -> bool {
        lines.is_empty() && !self.fields_allowed
    }
}

fn struct_item(api: &Api, def: &TypeDef, s: &Struct, struct_docs: &StructDocs, serde: Option<&SerdeDerives>) -> TokenStream {
    let name = &def.name;
    let fields: Vec<TokenStream> = s
        .fields
        .iter()
        .zip(&struct_docs.fields)
        .map(|(field, lines)| {
            let field_name = &field.name;
            let ty = field_type(api, field);
            let doc = docs::attrs_allowing(lines, struct_docs.allows_field(lines));
            let deprecated = field.docs.deprecated.then(|| quote!(#[deprecated]));
            let attrs = serde.and_then(|serde| FieldSerde::of(field, serde)).map(|attr| attr.tokens());
            quote! {
                #doc
                #deprecated
                #attrs
                pub #field_name: #ty,
            }
        })
        .collect();
    let default = s.all_optional().then(|| quote!(Default,));
    let derives = match serde {
        Some(serde) => serde.attrs(default),
        None => quote!(#[derive(Debug, Clone, PartialEq, #default)]),
    };
    quote! {
        #derives
        pub struct #name {
            #(#fields)*
        }
    }
}

/// The doc lines of a struct's field: what the spec says, and what is true
/// of it that its type does not show (its JSON key where the spec says
/// nothing and the key differs from its name, its default, pattern and
/// trimming); none where there is nothing to say.
pub(super) fn field_doc_lines(field: &Field) -> Vec<String> {
    let mut doc_lines = docs::spec_lines(&field.docs);
    if let Some(key) = field.key().filter(|key| doc_lines.is_empty() && *key != field.name.as_str()) {
        doc_lines.push(format!("`{}` in JSON.", key.replace('`', "'")));
    }
    if let Some(default) = &field.default {
        docs::push_paragraph(&mut doc_lines, [format!("The server's default: `{default}`.")]);
    }
    if let Some(pattern) = &field.constraints.pattern {
        docs::push_paragraph(&mut doc_lines, [format!("Must match the pattern `{}`.", pattern.replace('`', "'"))]);
    }
    if field.whitespace == Whitespace::Trimmed {
        docs::push_paragraph(
            &mut doc_lines,
            ["The server trims surrounding whitespace; the client sends the value trimmed.".to_owned()],
        );
    }
    doc_lines
}

/// The enum (whose attributes before it the caller writes) and its impls, each behind `cfg`.
fn enum_item(name: &Ident, e: &Enum, open: bool) -> TokenStream {
    let variants = e.variants.iter().map(|v| {
        let variant = &v.name;
        let doc = docs::literal(&variant_doc(v));
        quote!(#[doc = #doc] #variant,)
    });
    let unknown = open.then(|| {
        let ty = proc_macro2::Ident::new(unknown_type(e), proc_macro2::Span::call_site());
        quote! {
            /// A value the spec does not list.
            Unknown(#ty),
        }
    });
    let copy = enum_is_copy(e, open).then(|| quote!(Copy,));
    quote! {
        #[derive(Debug, Clone, #copy PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            #unknown
        }
    }
}

/// The doc text of an enum's variant (after the space a doc line starts with).
pub(super) fn variant_doc(v: &crate::model::EnumVariant) -> String {
    match &v.value {
        EnumValue::Str(s) if s.is_empty() => " The empty string.".to_owned(),
        EnumValue::Str(s) => format!(" `{}`", s.replace('`', "'")),
        EnumValue::Int(n) => format!(" `{n}`"),
    }
}

/// The type an open enum keeps a value it does not list in.
pub(super) fn unknown_type(e: &Enum) -> &'static str {
    if e.repr == EnumRepr::Integer { "i64" } else { "String" }
}

/// Whether an enum is `Copy`: when closed, or when its unknown values are integers.
pub(super) fn enum_is_copy(e: &Enum, open: bool) -> bool {
    !open || e.repr == EnumRepr::Integer
}

/// The impls of an enum: the runtime macro that writes them, behind `cfg`.
fn enum_impls(name: &Ident, e: &Enum, open: bool, cfg: &TokenStream) -> TokenStream {
    let pairs = e.variants.iter().map(|v| {
        let variant = &v.name;
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
        if e.repr == EnumRepr::Integer { quote!(runtime::integer_enum!) } else { quote!(runtime::string_enum!) };
    quote! {
        #cfg
        #implement(#name #open { #(#pairs),* });
    }
}

/// The union (whose attributes before it the caller writes) and its impls, each behind `cfg`.
fn union_item(api: &Api, def: &TypeDef, u: &Union, cfg: &TokenStream, variants_allowed: bool) -> TokenStream {
    let name = &def.name;
    let open = def.in_response() && u.discriminator.is_some();
    let serde = serde_derives(def, true);
    let derives = serde.attrs(None);
    let deserialize = serde.deserialize;
    let variants = u.variants.iter().map(|v| {
        let variant = &v.name;
        let ty = rust_type(api, &v.ty, Scope::Types);
        let ty = if v.storage == Storage::Boxed { quote!(Box<#ty>) } else { ty };
        let lines = variant_doc_lines(api, v);
        let doc = docs::attrs_allowing(&lines, lines.is_empty() && !variants_allowed);
        quote!(#doc #variant(#ty),)
    });
    if let (None, Some(empty)) = (&u.discriminator, &u.empty) {
        return super::empty_string::union_item(def, u, empty, variants.collect(), cfg);
    }
    if let (None, Some(empty)) = (&u.discriminator, &u.empty) {
        return super::empty_string::union_item(def, u, empty, variants.collect(), cfg);
    }
    let unknown = open.then(|| {
        quote! {
            /// A discriminator value the spec does not list, with the whole object.
            Unknown(serde_json::Value),
        }
    });
    match &u.discriminator {
        None => quote! {
            #derives
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }
        },
        Some(property) => {
            // A tag that several alternatives list (OpenAI's `message`, an input and
            // an output message) tries them in order; any other selects one.
            let owners = |tag: &String| u.variants.iter().filter(|v| v.tags.contains(tag)).collect::<Vec<_>>();
            let wrap = |v: &crate::model::UnionVariant| {
                let variant = &v.name;
                if v.storage == Storage::Boxed {
                    quote!(|v| Self::#variant(Box::new(v)))
                } else {
                    quote!(Self::#variant)
                }
            };
            let mut arms = Vec::new();
            let mut shared_done: Vec<&String> = Vec::new();
            for v in &u.variants {
                let own: Vec<&String> = v.tags.iter().filter(|tag| owners(tag).len() == 1).collect();
                if !own.is_empty() {
                    let wrap = wrap(v);
                    arms.push(quote! {
                        Some(#(#own)|*) => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),
                    });
                }
                for tag in v.tags.iter().filter(|tag| owners(tag).len() > 1) {
                    if shared_done.contains(&tag) {
                        continue;
                    }
                    shared_done.push(tag);
                    let tries = owners(tag);
                    let last = tries.len() - 1;
                    let attempts = tries.iter().enumerate().map(|(i, v)| {
                        let wrap = wrap(v);
                        let value = if i == last { quote!(value) } else { quote!(value.clone()) };
                        quote!(serde_json::from_value(#value).map(#wrap))
                    });
                    let mut attempts = attempts.collect::<Vec<_>>().into_iter();
                    let first = attempts.next().unwrap_or_default();
                    let chain = attempts.fold(first, |chain, next| quote!(#chain.or_else(|_| #next)));
                    arms.push(quote! {
                        Some(#tag) => #chain.map_err(serde::de::Error::custom),
                    });
                }
            }
            let mut all_tags: Vec<&String> = Vec::new();
            for tag in u.variants.iter().flat_map(|v| &v.tags) {
                if !all_tags.contains(&tag) {
                    all_tags.push(tag);
                }
            }
            // Without the tag (which the spec may leave optional), the first variant that fits.
            let untagged = u.variants.iter().map(|v| {
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
            let serialize = if def.in_request() {
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
            let full_serde = (!deserialize).then(|| quote!(#[cfg(feature = "full-serde")]));
            quote! {
                #serialize
                pub enum #name {
                    #(#variants)*
                    #unknown
                }

                #cfg
                #full_serde
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                        let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                        match tag.as_deref() {
                            #(#arms)*
                            #fallback
                            None => {
                                #(#untagged)*
                                Err(serde::de::Error::missing_field(#property))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The doc lines of a union's variant: the first paragraph of the
/// description of the alternative it holds, and its discriminator values.
fn variant_doc_lines(api: &Api, v: &crate::model::UnionVariant) -> Vec<String> {
    let mut lines = match &v.ty {
        Type::Named(id) => {
            docs::first_paragraph(docs::spec_lines(&crate::model::Docs { example: None, ..api.types[*id].docs.clone() }))
        }
        _ => Vec::new(),
    };
    if !v.tags.is_empty() {
        let tags = v.tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
        docs::push_paragraph(&mut lines, [format!("Discriminator value {tags}.")]);
    }
    lines
}

fn outcome_item(api: &Api, name: &Ident, o: &Outcome) -> TokenStream {
    let variants = o.variants.iter().map(|v| {
        let variant = &v.name;
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
    let allow = (o.sizes == VariantSizes::Lopsided).then(|| {
        quote!(#[allow(
            clippy::large_enum_variant,
            reason = "built once per call and moved to the caller: a `Box` would add an allocation and nothing else"
        )])
    });
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #name {
            #(#variants)*
        }
    }
}

fn validate_struct(api: &Api, name: &Ident, s: &Struct, cfg: &TokenStream) -> TokenStream {
    let required_sets = checks::required_sets(s);
    let checks = s.fields.iter().map(|field| {
        let checks = api.checks(&field.ty, &field.constraints, field.whitespace);
        if checks.is_empty() {
            return TokenStream::new();
        }
        let member = &field.name;
        let at = match field.key() {
            Some(key) => At::Path(quote!(at.field(#key))),
            None => At::Ref(quote!(at)),
        };
        let bound = Value::Ref(quote!(value));
        match field.presence {
            Presence::Required => {
                checks::statements(api, &checks, &Value::Place(quote!(self.#member)), &at, Scope::Types)
            }
            Presence::RequiredNullable | Presence::Optional => match checks.as_slice() {
                // An optional value that may be null (a nullable parameter): one pattern for both.
                [Check::IfSome(inner)] => {
                    let body = checks::statements(api, inner, &bound, &at, Scope::Types);
                    quote! {
                        if let Some(Some(value)) = &self.#member {
                            #body
                        }
                    }
                }
                _ => {
                    let body = checks::statements(api, &checks, &bound, &at, Scope::Types);
                    quote! {
                        if let Some(value) = &self.#member {
                            #body
                        }
                    }
                }
            },
            Presence::OptionalNullable => {
                let body = checks::statements(api, &checks, &bound, &at, Scope::Types);
                quote! {
                    if let Some(runtime::Nullable::Value(value)) = &self.#member {
                        #body
                    }
                }
            }
        }
    });
    validate_impl(name, quote!(#required_sets #(#checks)*), cfg)
}

fn validate_union(api: &Api, def: &TypeDef, u: &Union, cfg: &TokenStream) -> TokenStream {
    let mut arms: Vec<(TokenStream, TokenStream)> = u
        .variants
        .iter()
        .filter_map(|v| {
            let checks = api.checks(&v.ty, &Constraints::default(), Whitespace::Kept);
            if checks.is_empty() {
                return None;
            }
            let variant = &v.name;
            let body = checks::statements(api, &checks, &Value::Ref(quote!(value)), &At::Ref(quote!(at)), Scope::Types);
            Some((quote!(Self::#variant(value)), body))
        })
        .collect();
    let open = def.in_response() && u.discriminator.is_some();
    if open {
        arms.push((
            quote!(Self::Unknown(_)),
            quote!(return Err(at.invalid("is a variant the spec does not list; requests may only send listed variants"));),
        ));
    }
    let all = u.variants.len() + usize::from(open) + usize::from(u.empty.is_some());
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
    validate_impl(&def.name, check, cfg)
}

/// The `validate_at` method of a type, running `checks`, behind `cfg`.
fn validate_impl(name: &Ident, checks: TokenStream, cfg: &TokenStream) -> TokenStream {
    quote! {
        #cfg
        impl #name {
            /// Checks the constraints of the spec that the client enforces before sending.
            pub(crate) fn validate_at(&self, at: &runtime::FieldPath<'_>) -> Result<(), runtime::InvalidRequest> {
                #checks
                Ok(())
            }
        }
    }
}
