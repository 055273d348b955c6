//! Paginated list operations: where a page's items are, and how the client
//! asks for the page after it. An operation with a [`Pagination`] gets a
//! `<name>_stream` method that walks its pages lazily, item by item.

use super::Type;
use crate::naming::Ident;

/// How the items of a paginated list operation are walked, page after page.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Rust name of the stream method (`<operation>_stream`, numbered on a collision).
    pub method: Ident,
    /// The spec's way of saying that the operation is paginated.
    pub source: PaginationSource,
    /// Where a page's items are in its body; they end with the array of items.
    pub items: ValuePath,
    /// The type of one item.
    pub item: Type,
    /// How the next page is asked for.
    pub next: NextPage,
    /// What else marks the last page (besides an empty page, no next page and a
    /// cursor or URL seen before, which always do).
    pub last_page: Vec<LastPage>,
}

/// Where the spec says that an operation is paginated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaginationSource {
    /// Oxide's Dropshot: `x-dropshot-pagination`.
    Dropshot,
    /// `x-speakeasy-pagination`.
    Speakeasy,
    /// `x-fern-pagination` (on the operation, or on the document for operations that say `true`).
    Fern,
    /// A `Link` response header (RFC 8288) on a list whose body is an array.
    LinkHeader,
}

impl PaginationSource {
    /// How documentation names it.
    pub fn describe(self) -> &'static str {
        match self {
            PaginationSource::Dropshot => "Dropshot pagination (`x-dropshot-pagination`)",
            PaginationSource::Speakeasy => "`x-speakeasy-pagination`",
            PaginationSource::Fern => "`x-fern-pagination`",
            PaginationSource::LinkHeader => "the `Link` response header (`rel=\"next\"`)",
        }
    }
}

/// How the page after the current one is asked for.
#[derive(Debug, Clone)]
pub enum NextPage {
    /// The operation again, with a parameter set to a cursor the page gives.
    Cursor {
        /// The parameter that carries the cursor.
        param: ParamPath,
        /// Where the page gives the next cursor; absent or `null`: no next page.
        cursor: ValuePath,
        /// Parameters left out of every request after the first (Dropshot: a
        /// page token stands for the query that started the walk).
        cleared: Vec<Ident>,
    },
    /// The operation again, with a page number or offset advanced.
    Offset {
        /// The parameter that holds the page number or offset.
        param: ParamPath,
        /// How far it moves from one page to the next.
        step: Step,
        /// Its value on the first page when the caller gives none.
        start: i64,
    },
    /// The URL of the next page, read from the page's body.
    BodyUrl(ValuePath),
    /// The URL of the `Link` response header's `rel="next"` target.
    LinkHeader,
}

/// How far a page number or offset moves from one page to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// By one: a page number.
    One,
    /// By the number of items the page had: an offset into the list.
    Items,
}

/// Something besides the walk's own rules that marks the last page.
#[derive(Debug, Clone)]
pub enum LastPage {
    /// A boolean of the page that is `false` on the last page (Fern's `has-next-page`).
    NoMore(ValuePath),
    /// A page with fewer items than this parameter asked for (Speakeasy's `limit` input).
    Short(ParamPath),
    /// A page number past this value of the page (Speakeasy's `numPages` output).
    PageCount(ValuePath),
}

/// A value inside a page's body: the fields to follow from the body, each
/// with what wraps the value it holds. No steps: the body itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ValuePath {
    /// The fields, outermost first.
    pub steps: Vec<FieldStep>,
    /// What wraps the body itself (when the body is an `Option`).
    pub root: Vec<Wrapper>,
    /// The type at the end of the path, without its wrappers.
    pub leaf: Type,
}

/// One field on a [`ValuePath`] or a [`ParamPath`].
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    /// The field's Rust name.
    pub field: Ident,
    /// What wraps the value in the field, outermost first.
    pub wrappers: Vec<Wrapper>,
}

/// A field of an operation's parameter struct, with what wraps its value.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamPath {
    /// The field.
    pub field: FieldStep,
    /// The type of the value, without its wrappers.
    pub leaf: Type,
    /// The parameter's name on the wire.
    pub wire_name: String,
}

/// What wraps a value in the Rust type that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    /// `Option<_>`.
    Option,
    /// `runtime::Nullable<_>`.
    Nullable,
}
