//! Following the URL of a list's next page: it is resolved against the page
//! that named it, and followed only when it is at the client's origin, under
//! its base URL, so that credentials never go to another host.

use super::{Core, InvalidRequest, Query, Request};

/// The field errors about a next page's URL name.
const FIELD: &str = "next page";

/// The URL a request goes to, without its query: what the links in its
/// response are relative to.
pub(crate) fn page_url(core: &Core, request: &Request) -> String {
    format!("{}{}", core.base_url, request.path)
}

/// The absolute URL that `link`, a URL reference found in the page at `page`, refers to.
pub(crate) fn resolve_link(page: &str, link: &str) -> Result<String, InvalidRequest> {
    let invalid = || InvalidRequest::new(FIELD, "the link to the next page is not a valid URL reference");
    let base = reqwest::Url::parse(page).map_err(|_| invalid())?;
    let mut url = base.join(link.trim()).map_err(|_| invalid())?;
    url.set_fragment(None);
    Ok(url.into())
}

/// `request` sent to `url` instead: its path and query become the URL's; its
/// headers, cookies, body and credentials stay. A URL at another origin, or
/// outside the client's base URL, is refused.
pub(crate) fn retarget(core: &Core, mut request: Request, url: &str) -> Result<Request, InvalidRequest> {
    let url = reqwest::Url::parse(url).map_err(|_| InvalidRequest::new(FIELD, "its URL is not a valid URL"))?;
    let base = reqwest::Url::parse(&core.base_url).map_err(|_| InvalidRequest::new("url", "invalid base URL"))?;
    if url.origin() != base.origin() {
        let origin = url.origin().ascii_serialization();
        return Err(InvalidRequest::new(
            FIELD,
            format!("it is at another origin ({origin}) than the client's, so it is not followed"),
        ));
    }
    let prefix = base.path().trim_end_matches('/');
    let path = url.path();
    let rest = path.strip_prefix(prefix).filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let Some(rest) = rest else {
        return Err(InvalidRequest::new(FIELD, "it is outside the client's base URL, so it is not followed"));
    };
    request.path = rest.to_owned();
    let mut query = Query::new();
    for (name, value) in url.query_pairs() {
        query.pair(&name, &value);
    }
    request.query = query;
    Ok(request)
}
