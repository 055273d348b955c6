//! Validation code: the checks the model lists for a value ([`Api::checks`])
//! written as statements, such as
//! `runtime::check_length(&at.field("name"), &self.name, Some(1), None, runtime::Whitespace::Trimmed)?;`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Scope, rust_type};
use crate::model::{Api, Bound, Check, RequiredRule, Struct, Type, Whitespace};

/// The statements that refuse a struct value whose fields satisfy none of the
/// alternatives of one of its required sets (or, for a `oneOf`, more than
/// one): `if !(self.state.is_some() || self.assignee.is_some()) { return Err(..) }`.
pub(super) fn required_sets(s: &Struct) -> TokenStream {
    let checks = s.checked_required_sets().into_iter().map(|set| {
        let holds: Vec<TokenStream> = set
            .alternatives
            .iter()
            .map(|keys| {
                let present: Vec<TokenStream> = keys
                    .iter()
                    .filter_map(|key| s.field_by_key(key))
                    .map(|field| {
                        let member = &field.name;
                        quote!(self.#member.is_some())
                    })
                    .collect();
                if present.is_empty() { quote!(true) } else { quote!(#(#present)&&*) }
            })
            .collect();
        let message = format!("must have {}", set.describe(&|key| key.to_owned()));
        let refused = match set.rule {
            RequiredRule::AnyOf => quote!(!(#(#holds)||*)),
            RequiredRule::OneOf => quote!([#(#holds),*].into_iter().filter(|holds| *holds).count() != 1),
        };
        quote! {
            if #refused {
                return Err(at.invalid(#message));
            }
        }
    });
    quote!(#(#checks)*)
}

/// A value to check, as the generated code reaches it.
#[derive(Clone)]
pub(super) enum Value {
    /// An expression of reference type (`value`, the argument `body`).
    Ref(TokenStream),
    /// A place of the value's own type (`self.name`, a by-value argument).
    Place(TokenStream),
}

impl Value {
    /// The value, for a method call (auto-referencing makes both forms work).
    fn expr(&self) -> &TokenStream {
        match self {
            Value::Ref(expr) | Value::Place(expr) => expr,
        }
    }

    /// A reference to the value.
    fn by_ref(&self) -> TokenStream {
        match self {
            Value::Ref(expr) => expr.clone(),
            Value::Place(place) => quote!(&#place),
        }
    }

    /// The value itself (of a `Copy` type).
    fn copied(&self) -> TokenStream {
        match self {
            Value::Ref(expr) => quote!(*#expr),
            Value::Place(place) => place.clone(),
        }
    }
}

/// Where a value is, as a `runtime::FieldPath` the generated code names.
#[derive(Clone)]
pub(super) enum At {
    /// A reference to a field path in scope (`at`).
    Ref(TokenStream),
    /// An expression that builds one (`at.field("name")`, `runtime::FieldPath::Root("body")`).
    Path(TokenStream),
}

impl At {
    /// The path's location, for a method call such as `.field(..)`.
    fn expr(&self) -> &TokenStream {
        match self {
            At::Ref(expr) | At::Path(expr) => expr,
        }
    }

    /// A reference to the path, as the runtime's checks take it.
    fn by_ref(&self) -> TokenStream {
        match self {
            At::Ref(expr) => expr.clone(),
            At::Path(expr) => quote!(&#expr),
        }
    }
}

/// Statements that make `checks` on `value` at `at`, each returning the
/// runtime's `InvalidRequest` with `?`.
pub(super) fn statements(api: &Api, checks: &[Check], value: &Value, at: &At, scope: Scope) -> TokenStream {
    Writer { api, scope }.statements(checks, value, at, 0)
}

/// Writes the statements of one value's checks.
struct Writer<'a> {
    api: &'a Api,
    scope: Scope,
}

impl Writer<'_> {
    /// `loops` counts the loops around the statements: each loop's counter has
    /// a name of its own, so the paths of nested items name every counter.
    fn statements(&self, checks: &[Check], value: &Value, at: &At, loops: usize) -> TokenStream {
        checks.iter().map(|check| self.statement(check, value, at, loops)).collect()
    }

    fn statement(&self, check: &Check, value: &Value, at: &At, loops: usize) -> TokenStream {
        let at_ref = at.by_ref();
        match check {
            Check::Length { min, max, secret, whitespace } => {
                let text = text(value, *secret);
                let (min, max) = (count(*min), count(*max));
                let whitespace = match whitespace {
                    Whitespace::Kept => quote!(runtime::Whitespace::Kept),
                    Whitespace::Trimmed => quote!(runtime::Whitespace::Trimmed),
                };
                quote!(runtime::check_length(#at_ref, #text, #min, #max, #whitespace)?;)
            }
            Check::Uri { secret } => {
                let text = text(value, *secret);
                quote!(runtime::check_uri(#at_ref, #text)?;)
            }
            Check::Range { number, min, max } => {
                let copied = value.copied();
                let number = match number {
                    Type::F64 => copied,
                    Type::I64 | Type::U64 => quote!(#copied as f64),
                    _ => quote!(f64::from(#copied)),
                };
                let (min, max) = (bound(*min), bound(*max));
                quote!(runtime::check_range(#at_ref, #number, #min, #max)?;)
            }
            Check::Items { min, max } => {
                let list = value.expr();
                let (min, max) = (count(*min), count(*max));
                quote!(runtime::check_items(#at_ref, #list.len(), #min, #max)?;)
            }
            Check::EachItem(inner) => {
                let list = value.expr();
                let index = counter("index", loops);
                let item_at = at.expr();
                let inner = self.statements(inner, &item(), &At::Path(quote!(#item_at.index(#index))), loops + 1);
                quote! {
                    for (#index, value) in #list.iter().enumerate() {
                        #inner
                    }
                }
            }
            Check::EachValue(inner) => {
                let map = value.by_ref();
                let key = counter("key", loops);
                let value_at = at.expr();
                let inner = self.statements(inner, &item(), &At::Path(quote!(#value_at.key(#key))), loops + 1);
                quote! {
                    for (#key, value) in #map {
                        #inner
                    }
                }
            }
            Check::IfSome(inner) => {
                let option = value.by_ref();
                let inner = self.statements(inner, &item(), at, loops);
                quote! {
                    if let Some(value) = #option {
                        #inner
                    }
                }
            }
            Check::Known(id) => {
                let name = rust_type(self.api, &Type::Named(*id), self.scope);
                let value = value.expr();
                quote!(runtime::check_known(#at_ref, !matches!(#value, #name::Unknown(_)))?;)
            }
            Check::Nested => {
                let value = value.expr();
                quote!(#value.validate_at(#at_ref)?;)
            }
        }
    }
}

/// The name of a loop's counter: `index`, then `index_2` inside it, and so on.
fn counter(name: &str, loops: usize) -> proc_macro2::Ident {
    if loops == 0 { format_ident!("{name}") } else { format_ident!("{name}_{}", loops + 1) }
}

/// The value bound by a loop or an `if let` as `value`.
fn item() -> Value {
    Value::Ref(quote!(value))
}

/// The text of a string value, read through `expose` for a secret.
fn text(value: &Value, secret: bool) -> TokenStream {
    if secret {
        let value = value.expr();
        quote!(#value.expose())
    } else {
        value.by_ref()
    }
}

fn count(n: Option<usize>) -> TokenStream {
    match n {
        Some(n) => {
            let n = Literal::usize_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    }
}

/// A bound as the runtime's `Bound` (`std::ops::Bound`): `Included`,
/// `Excluded`, or `Unbounded` where there is none.
fn bound(bound: Option<Bound>) -> TokenStream {
    match bound {
        Some(Bound { value, exclusive }) => {
            let value = Literal::f64_suffixed(value);
            if exclusive { quote!(runtime::Bound::Excluded(#value)) } else { quote!(runtime::Bound::Included(#value)) }
        }
        None => quote!(runtime::Bound::Unbounded),
    }
}
