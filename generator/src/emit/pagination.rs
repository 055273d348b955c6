//! The stream method of a paginated list operation (`<operation>_stream`): the
//! list's items, page after page, each page requested when the items before
//! it have been read. The walk itself (when it ends, loops) is the runtime's
//! `paginate`; this writes how one page is requested and read.
//!
//! The generated code's locals reuse the names the operation's arguments
//! never take (`at`, `root`, `parts`, `value`, `raw`), so an argument is never shadowed.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::client::SecuritySets;
use super::operation::{decode, outcome_type, request};
use super::{Scope, docs, examples, rust_type};
use crate::model::{
    Api, FieldStep, LastPage, NextPage, Operation, Pagination, ParamPath, Step, Type, ValuePath, Wrapper,
};

/// The stream method of `op`, when it is a paginated list.
pub(super) fn method(api: &Api, op: &Operation, security_sets: &SecuritySets) -> Option<TokenStream> {
    let pagination = op.pagination.as_ref()?;
    let name = &pagination.method;
    let doc = docs::attrs(&method_docs(api, op, pagination));
    let attrs = super::operation::method_attrs(api, op);
    let (args, statements) = request(api, op, security_sets, None);
    let item = rust_type(api, &pagination.item, Scope::Crate);
    let err = outcome_type(api, &op.responses.error_type);
    let ok = outcome_type(api, &op.responses.success_type);
    let operation = &op.name;
    let call_args: Vec<TokenStream> = args.iter().map(arg_name).collect();

    let parts = items_expr(&pagination.items);
    let (before, after) = last_page(pagination);
    let (cursor_ty, fetch) = match &pagination.next {
        NextPage::Cursor { param, cursor, cleared } => {
            let next_params = next_params(api, op, param, cleared);
            let cursor = read_owned(quote!(root), cursor);
            let fetch = quote! {
                let root = match at {
                    None => self.#operation(#(#call_args),*).await?,
                    Some(at) => self.#operation(#next_params).await?,
                }
                .into_body();
                let value = #cursor #before;
                let parts = #parts;
                #after
            };
            (rust_type(api, &param.leaf, Scope::Crate), fetch)
        }
        NextPage::Offset { param, step, start } => {
            let next_params = next_params(api, op, param, &[]);
            let start = Literal::i64_unsuffixed(*start);
            let field = &param.field.field;
            let given = match (param.field.wrappers.as_slice(), read(quote!(params), &param.field.wrappers, field)) {
                // An `Option` of an integer is `Copy`.
                ([Wrapper::Option], _) => quote!(params.#field.unwrap_or(#start)),
                (_, Read::Place(place)) => quote!(#place),
                (_, Read::Option(option)) => quote!(#option.copied().unwrap_or(#start)),
            };
            let advance = match step {
                Step::One => quote! {
                    let value = runtime::Advance::advance(value, 1) #before;
                    let parts = #parts;
                },
                Step::Items if before.is_empty() => quote! {
                    let parts = #parts;
                    let value = runtime::Advance::advance(value, parts.len());
                },
                Step::Items => quote! {
                    let value = Some(value) #before;
                    let parts = #parts;
                    let value = value.and_then(|value| runtime::Advance::advance(value, parts.len()));
                },
            };
            let fetch = quote! {
                let root = match at {
                    None => self.#operation(#(#call_args),*).await?,
                    Some(at) => self.#operation(#next_params).await?,
                }
                .into_body();
                let value = match at {
                    Some(at) => at,
                    None => #given,
                };
                #advance
                #after
            };
            (rust_type(api, &param.leaf, Scope::Crate), fetch)
        }
        NextPage::BodyUrl(_) | NextPage::LinkHeader => {
            let decode = decode(api, op);
            let read_page = match &pagination.next {
                NextPage::BodyUrl(url) => {
                    let link = read_ref(quote!(root), url);
                    quote! {
                        let root = root.into_body();
                        let value = #link.map(|link| runtime::resolve_link(&path, link)).transpose()? #before;
                        let parts = #parts;
                    }
                }
                _ => quote! {
                    let value = runtime::next_link(root.headers())
                        .map(|link| runtime::resolve_link(&path, &link))
                        .transpose()? #before;
                    let parts = root.into_body();
                },
            };
            let fetch = quote! {
                #(#statements)*
                let (request, path) = match at {
                    Some(at) => (runtime::retarget(&self.core, request, &at)?, at),
                    None => {
                        let path = runtime::page_url(&self.core, &request);
                        (request, path)
                    }
                };
                let raw = self.core.execute(&self.options, request).await.map_err(runtime::Error::widen)?;
                let root = {
                    let decoded: Result<runtime::Response<#ok>, runtime::Error<#err>> = #decode;
                    decoded?
                };
                #read_page
                #after
            };
            (quote!(String), fetch)
        }
    };
    Some(quote! {
        #doc
        #attrs
        pub fn #name(&self, #(#args),*) -> impl futures_core::Stream<Item = Result<#item, runtime::Error<#err>>> + Unpin {
            runtime::paginate(move |at: Option<#cursor_ty>| async move {
                #fetch
                Ok::<_, runtime::Error<#err>>(runtime::Page::new(parts, value))
            })
        }
    })
}

/// The name an argument is passed on with (`params` of `params: &T`).
fn arg_name(arg: &TokenStream) -> TokenStream {
    arg.clone()
        .into_iter()
        .take_while(|token| !matches!(token, proc_macro2::TokenTree::Punct(p) if p.as_char() == ':'))
        .collect()
}

/// The arguments of the operation's call for a page after the first: the same,
/// but `params` with the page's parameter set to `at`, and the `cleared`
/// parameters left out.
fn next_params(api: &Api, op: &Operation, param: &ParamPath, cleared: &[crate::naming::Ident]) -> TokenStream {
    let Some(id) = op.params_type else { return TokenStream::new() };
    let params_ty = rust_type(api, &Type::Named(id), Scope::Crate);
    let field = &param.field.field;
    let set = wrap(quote!(at), &param.field.wrappers);
    let cleared = cleared.iter().map(|name| quote!(#name: None,));
    let field_count = match &api.types[id].kind {
        crate::model::TypeKind::Params(s) => s.fields.len(),
        _ => 0,
    };
    let rest = (field_count > cleared.len() + 1).then(|| quote!(..params.clone()));
    let params = quote!(&#params_ty { #field: #set, #(#cleared)* #rest });
    let path_args = op.path_params.iter().map(|p| {
        let name = &p.name;
        quote!(#name,)
    });
    let body = op.body.as_ref().map(|_| quote!(, body));
    quote!(#(#path_args)* #params #body)
}

/// `value` wrapped as a field with `wrappers` holds it.
fn wrap(value: TokenStream, wrappers: &[Wrapper]) -> TokenStream {
    wrappers.iter().rev().fold(value, |inner, wrapper| match wrapper {
        Wrapper::Option => quote!(Some(#inner)),
        Wrapper::Nullable => quote!(runtime::Nullable::Value(#inner)),
    })
}

/// A value read through references: a place of the leaf type, or an `Option<&Leaf>`.
enum Read {
    Place(TokenStream),
    Option(TokenStream),
}

/// Reads the value at the end of `steps` from `root` by reference.
fn read_steps(root: TokenStream, root_wrappers: &[Wrapper], steps: &[(TokenStream, Vec<Wrapper>)]) -> Read {
    let mut current = unwrap_ref(Read::Place(root), root_wrappers);
    for (field, wrappers) in steps {
        current = match current {
            Read::Place(place) => Read::Place(quote!(#place.#field)),
            Read::Option(option) => Read::Option(quote!(#option.map(|v| &v.#field))),
        };
        current = unwrap_ref(current, wrappers);
    }
    current
}

/// Takes a value out of its wrappers, by reference.
fn unwrap_ref(mut current: Read, wrappers: &[Wrapper]) -> Read {
    for wrapper in wrappers {
        current = match (current, wrapper) {
            (Read::Place(place), Wrapper::Option) => Read::Option(quote!(#place.as_ref())),
            (Read::Place(place), Wrapper::Nullable) => Read::Option(quote!(#place.as_option())),
            (Read::Option(option), Wrapper::Option) => Read::Option(quote!(#option.and_then(Option::as_ref))),
            (Read::Option(option), Wrapper::Nullable) => {
                Read::Option(quote!(#option.and_then(runtime::Nullable::as_option)))
            }
        };
    }
    current
}

/// Reads a parameter's field of `root` (the parameter struct) by reference.
fn read(root: TokenStream, wrappers: &[Wrapper], field: &crate::naming::Ident) -> Read {
    read_steps(root, &[], &[(quote!(#field), wrappers.to_vec())])
}

/// Reads `path` from `root` by reference.
fn read_path(root: TokenStream, path: &ValuePath) -> Read {
    let steps: Vec<(TokenStream, Vec<Wrapper>)> =
        path.steps.iter().map(|step| (step.field.to_ident().into_token_stream(), step.wrappers.clone())).collect();
    read_steps(root, &path.root, &steps)
}

/// Reads `path`, whose leaf is `Copy` (a boolean or an integer), from `root`
/// by value: the leaf, or an `Option` of it.
fn read_copied(root: TokenStream, path: &ValuePath) -> Read {
    if let Some((last, before)) = path.steps.split_last() {
        let shortened = ValuePath {
            steps: before
                .iter()
                .cloned()
                .chain([FieldStep { field: last.field.clone(), wrappers: Vec::new() }])
                .collect(),
            root: path.root.clone(),
            leaf: path.leaf.clone(),
        };
        // `a.b` of type `Option<Leaf>` is itself `Copy`.
        if let (Read::Place(place), [Wrapper::Option]) = (read_path(root.clone(), &shortened), last.wrappers.as_slice())
        {
            return Read::Option(place);
        }
    }
    match read_path(root, path) {
        Read::Place(place) => Read::Place(place),
        Read::Option(option) => Read::Option(quote!(#option.copied())),
    }
}

/// Reads `path` from `root` by reference: an `Option<&Leaf>`.
fn read_ref(root: TokenStream, path: &ValuePath) -> TokenStream {
    match read_path(root, path) {
        Read::Place(place) => quote!(Some(&#place)),
        Read::Option(option) => option,
    }
}

/// Reads `path` from `root` as an owned `Option<Leaf>` (a cursor: a string or an integer).
fn read_owned(root: TokenStream, path: &ValuePath) -> TokenStream {
    let copy = path.leaf != Type::String;
    match (read_path(root, path), copy) {
        (Read::Place(place), true) => quote!(Some(#place)),
        (Read::Place(place), false) => quote!(Some(#place.clone())),
        (Read::Option(option), true) => quote!(#option.copied()),
        (Read::Option(option), false) => quote!(#option.cloned()),
    }
}

/// Moves the items out of the page `root`: a `Vec` (empty when absent or `null`).
fn items_expr(path: &ValuePath) -> TokenStream {
    let mut place = quote!(root);
    let mut optional = false;
    let apply = |place: TokenStream, optional: bool, wrappers: &[Wrapper]| -> (TokenStream, bool) {
        let mut place = place;
        let mut optional = optional;
        for wrapper in wrappers {
            place = match (optional, wrapper) {
                (false, Wrapper::Option) => place,
                (false, Wrapper::Nullable) => quote!(#place.into_option()),
                (true, Wrapper::Option) => quote!(#place.flatten()),
                (true, Wrapper::Nullable) => quote!(#place.and_then(runtime::Nullable::into_option)),
            };
            optional = true;
        }
        (place, optional)
    };
    (place, optional) = apply(place, optional, &path.root);
    for step in &path.steps {
        let field = &step.field;
        place = if optional { quote!(#place.map(|v| v.#field)) } else { quote!(#place.#field) };
        (place, optional) = apply(place, optional, &step.wrappers);
    }
    if optional { quote!(#place.unwrap_or_default()) } else { place }
}

/// The filters of the next page (`value`, an `Option`) for the spec's other
/// signs of the last page: those that read the page, applied before its items
/// are moved out of it (method calls to chain), and the statement of those
/// that count the items (`parts`).
fn last_page(pagination: &Pagination) -> (TokenStream, TokenStream) {
    let mut before = TokenStream::new();
    let mut after = TokenStream::new();
    for last in &pagination.last_page {
        match last {
            LastPage::NoMore(flag) => {
                let more = match read_copied(quote!(root), flag) {
                    Read::Place(place) => quote!(#place),
                    Read::Option(option) => quote!(#option.unwrap_or(true)),
                };
                before.extend(quote!(.filter(|_| #more)));
            }
            LastPage::PageCount(count) => {
                let within = match read_copied(quote!(root), count) {
                    Read::Place(place) => quote!(i128::from(*next) <= i128::from(#place)),
                    Read::Option(option) => {
                        quote!(#option.is_none_or(|count| i128::from(*next) <= i128::from(count)))
                    }
                };
                before.extend(quote!(.filter(|next| #within)));
            }
            LastPage::Short(limit) => {
                let full = match read(quote!(params), &limit.field.wrappers, &limit.field.field) {
                    Read::Place(place) => quote!(usize::try_from(#place).ok().is_none_or(|limit| parts.len() >= limit)),
                    Read::Option(option) => quote! {
                        #option.and_then(|limit| usize::try_from(*limit).ok()).is_none_or(|limit| parts.len() >= limit)
                    },
                };
                after.extend(quote!(let value = value.filter(|_| #full);));
            }
        }
    }
    (before, after)
}

/// The stream method's documentation.
fn method_docs(api: &Api, op: &Operation, pagination: &Pagination) -> Vec<String> {
    let operation = op.name.as_str();
    let mut lines = vec![
        format!(
            "Every item of [`Client::{operation}`](crate::Client::{operation})'s list, page after page: each page is requested when the items before it have been read."
        ),
        String::new(),
    ];
    let source = pagination.source.describe();
    let how = match &pagination.next {
        NextPage::Cursor { param, cleared, .. } if !cleared.is_empty() => format!(
            "Each next page is asked for with the page token the page before gives, in `{}`, in place of the scan parameters (the optional query parameters but `limit`), as {source} requires. A `{}` given in `params` is where the walk starts.",
            param.wire_name, param.wire_name
        ),
        NextPage::Cursor { param, .. } => format!(
            "Each next page is asked for with the cursor the page before gives, in `{}` ({source}). A `{}` given in `params` is where the walk starts.",
            param.wire_name, param.wire_name
        ),
        NextPage::Offset { param, step: Step::One, .. } => format!(
            "Each next page is asked for with the page number `{}` one higher ({source}), starting from the one given in `params`.",
            param.wire_name
        ),
        NextPage::Offset { param, step: Step::Items, .. } => format!(
            "Each next page is asked for with the offset `{}` moved on by the number of items read ({source}), starting from the one given in `params`.",
            param.wire_name
        ),
        NextPage::BodyUrl(_) | NextPage::LinkHeader => format!(
            "Each next page is the URL the page before names ({source}), followed only at the client's origin and under its base URL; its query is sent re-encoded, with the same meaning."
        ),
    };
    lines.push(how);
    lines.push(String::new());
    lines.push("The stream ends after a page without items or without a next page, and when a page names a next page asked for before (a server that loops). The arguments are those of the operation; each page's request goes through the client's retries, timeouts and credentials.".to_owned());
    lines.extend([String::new(), "# Errors".to_owned(), String::new()]);
    let mut errors =
        "An error ends the stream: it is its last item, after the items of the pages before. See [the errors every method returns](crate::Client#errors).".to_owned();
    if matches!(pagination.next, NextPage::BodyUrl(_) | NextPage::LinkHeader) {
        errors.push_str(" A next page at another origin, or outside the base URL, is [`Error::InvalidRequest`](crate::Error::InvalidRequest).");
    }
    lines.push(errors);
    lines.extend([String::new(), "# Example".to_owned(), String::new()]);
    lines.extend(example(api, op, pagination));
    lines
}

/// The operation's call example, walking the stream instead.
pub(super) fn example(api: &Api, op: &Operation, pagination: &Pagination) -> Vec<String> {
    let call = format!("let response = client.{}(", op.name);
    let mut lines = Vec::new();
    for line in examples::call(api, op) {
        if let Some(args) = line.strip_prefix(&call).and_then(|rest| rest.strip_suffix(").await?;")) {
            lines.push(format!("let mut items = client.{}({args});", pagination.method));
            lines.push("while let Some(item) = items.try_next().await? {".to_owned());
            lines.push("    println!(\"{item:?}\");".to_owned());
            lines.push("}".to_owned());
        } else if line.starts_with("println!(") && line.contains("response.") {
            continue;
        } else {
            let opens = line.starts_with("# async fn example(");
            lines.push(line);
            if opens {
                lines.push("use futures_util::TryStreamExt;".to_owned());
            }
        }
    }
    lines
}
