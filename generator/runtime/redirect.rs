//! Calls of operations that document a redirect response (a `301`, `302`,
//! `303`, `307` or `308`, or `3XX`) return that response, with its `Location`
//! and other headers, instead of following it; every other call keeps the
//! client's policy (redirects followed within the origin). reqwest's redirect
//! policy belongs to a client, not to a request, so these calls go through a
//! second HTTP client built from the same settings that follows no redirect.
//! A client given to `ClientBuilder::http_client` sends every call with its
//! own policy.

use super::Request;

impl Request {
    /// Returns a redirect response to the caller instead of following it: the
    /// attempts go through the client's `http_returning_redirects`.
    pub(crate) fn returning_redirects(mut self) -> Self {
        self.returns_redirects = true;
        self
    }
}
