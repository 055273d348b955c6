//! Walking a paginated list: its pages are requested one after the other, as
//! the stream of its items is read, never ahead of it.

use std::collections::HashSet;
use std::future::Future;
use std::hash::Hash;

use futures_core::Stream;
use futures_util::{TryStreamExt, stream};

use super::Error;

/// One page of a list: its items, and where the page after it is (a cursor,
/// a page number or a URL); `None` on the last page.
pub(crate) struct Page<T, C> {
    items: Vec<T>,
    next: Option<C>,
}

impl<T, C> Page<T, C> {
    pub(crate) fn new(items: Vec<T>, next: Option<C>) -> Self {
        Page { items, next }
    }
}

/// What a walk has left to do.
struct Walk<C, F> {
    fetch: F,
    /// The page to request next: `Some(None)` for the first, `None` when done.
    next: Option<Option<C>>,
    /// Every next page asked for so far, to recognise a loop.
    seen: HashSet<C>,
}

/// The items of a list, page after page: `fetch(None)` requests the first
/// page, `fetch(Some(next))` the page a previous page named as its next.
///
/// A page is requested only when the items before it have been read. The walk
/// ends after a page without items, a page without a next page, or a page
/// whose next page was asked for before (a server that sends the client round
/// in a loop). An error ends it too: it is the stream's last item, after the
/// items of the pages before.
pub(crate) fn paginate<C, T, E, F, Fut>(fetch: F) -> impl Stream<Item = Result<T, Error<E>>> + Unpin
where
    C: Clone + Eq + Hash,
    F: FnMut(Option<C>) -> Fut,
    Fut: Future<Output = Result<Page<T, C>, Error<E>>>,
{
    let walk = Walk { fetch, next: Some(None), seen: HashSet::new() };
    let pages = stream::try_unfold(walk, |mut walk| async move {
        let Some(at) = walk.next.take() else { return Ok::<_, Error<E>>(None) };
        let Page { items, next } = (walk.fetch)(at).await?;
        if let Some(next) = next.filter(|_| !items.is_empty()) {
            if walk.seen.insert(next.clone()) {
                walk.next = Some(Some(next));
            }
        }
        Ok(Some((stream::iter(items.into_iter().map(Ok)), walk)))
    });
    Box::pin(pages.try_flatten())
}
