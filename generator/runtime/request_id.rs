//! The server's request id: the first of the client's request-id headers that
//! a response carries, kept on [`Response`](super::Response) and on every
//! [`Error`](super::Error) that has a response, and printed in the error's message.

use super::{HeaderMap, HeaderName};

/// The response headers a client reads the server's request id from, in order,
/// unless `ClientBuilder::request_id_headers` names others.
const DEFAULT_REQUEST_ID_HEADERS: [&str; 6] =
    ["x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "x-ms-request-id", "x-github-request-id"];

/// The longest request id kept; a longer value is not a request id worth printing.
const MAX_REQUEST_ID_LEN: usize = 256;

/// The default request-id headers, as header names.
pub(super) fn default_request_id_headers() -> Vec<HeaderName> {
    DEFAULT_REQUEST_ID_HEADERS.iter().map(|name| HeaderName::from_static(name)).collect()
}

/// The value of the first of `names` that `headers` carries as visible ASCII
/// (no control characters, so it prints safely), at most 256 bytes long.
pub(super) fn find_request_id(headers: &HeaderMap, names: &[HeaderName]) -> Option<Box<str>> {
    names.iter().find_map(|name| {
        let value = headers.get(name)?.to_str().ok()?.trim();
        (!value.is_empty() && value.len() <= MAX_REQUEST_ID_LEN).then(|| value.into())
    })
}
