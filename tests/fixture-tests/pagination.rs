//! Behaviour of the `pagination` fixture's stream methods against a local
//! server: three pages of each form, the exact requests for each page, and the
//! walk's ends (a loop, a next page at another host, an error on page 2).

use corpus_pagination::types::{
    FernCursorParams, FernOffsetParams, GroupListParams, GroupListSortBy, ListThingsParams, SpeakeasyCursorParams,
    SpeakeasyOffsetParams, SpeakeasyPagesParams, SpeakeasyUrlParams,
};
use corpus_pagination::{Client, Error};
use futures_core::Stream;
use futures_util::StreamExt;
use tests::server::{Action, Reply, TestServer};

/// A client for the server, under the base path `/api`, that never retries.
fn client(server: &TestServer) -> Client {
    Client::builder().base_url(format!("{}/api", server.url())).max_retries(0).build().unwrap()
}

fn page(body: &str) -> Action {
    Action::Reply(Reply::json(200, body))
}

/// Reads the whole stream: its items, and the error that ended it, if one did.
async fn walk<T, E>(mut stream: impl Stream<Item = Result<T, Error<E>>> + Unpin) -> (Vec<T>, Option<Error<E>>) {
    let mut items = Vec::new();
    while let Some(next) = stream.next().await {
        match next {
            Ok(item) => items.push(item),
            Err(error) => {
                assert!(stream.next().await.is_none(), "an error ends the stream");
                return (items, Some(error));
            }
        }
    }
    (items, None)
}

fn targets(server: &TestServer) -> Vec<String> {
    server.requests().into_iter().map(|r| r.target).collect()
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    items.iter().map(id).collect()
}

#[tokio::test]
async fn dropshot_sends_the_page_token_instead_of_the_scan_parameters() {
    let server = TestServer::start(vec![
        page(r#"{"items":[{"id":"a"},{"id":"b"}],"next_page":"t1"}"#),
        page(r#"{"items":[{"id":"c"},{"id":"d"}],"next_page":"t2"}"#),
        page(r#"{"items":[{"id":"e"}],"next_page":null}"#),
    ])
    .await;
    let client = client(&server);
    let params = GroupListParams {
        limit: Some(Some(2)),
        page_token: None,
        sort_by: Some(GroupListSortBy::NameDescending),
        project: "p1".to_owned(),
    };
    let (items, error) = walk(client.group_list_stream(&params)).await;
    assert!(error.is_none());
    assert_eq!(items.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "d", "e"]);
    assert_eq!(
        targets(&server),
        [
            "/api/groups?limit=2&sort_by=name_descending&project=p1",
            "/api/groups?limit=2&page_token=t1&project=p1",
            "/api/groups?limit=2&page_token=t2&project=p1",
        ]
    );
}

#[tokio::test]
async fn pages_are_requested_only_as_the_items_are_read() {
    let server = TestServer::start(vec![
        page(r#"{"items":[{"id":"a"},{"id":"b"}],"next_page":"t1"}"#),
        page(r#"{"items":[{"id":"c"}]}"#),
    ])
    .await;
    let client = client(&server);
    let params = GroupListParams { limit: None, page_token: None, sort_by: None, project: "p1".to_owned() };
    let mut stream = client.group_list_stream(&params);
    assert_eq!(server.request_count(), 0, "nothing is sent before the stream is read");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "a");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "b");
    assert_eq!(server.request_count(), 1, "page 2 is not requested before page 1's items are read");
    assert_eq!(stream.next().await.unwrap().unwrap().id, "c");
    assert!(stream.next().await.is_none());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn a_cursor_seen_before_ends_the_walk() {
    let server = TestServer::start(vec![
        page(r#"{"items":[{"id":"a"}],"next_page":"t1"}"#),
        page(r#"{"items":[{"id":"b"}],"next_page":"t2"}"#),
        page(r#"{"items":[{"id":"c"}],"next_page":"t1"}"#),
    ])
    .await;
    let client = client(&server);
    let params = GroupListParams { limit: None, page_token: None, sort_by: None, project: "p1".to_owned() };
    let (items, error) = walk(client.group_list_stream(&params)).await;
    assert!(error.is_none());
    assert_eq!(items.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    assert_eq!(server.request_count(), 3, "the loop back to `t1` is not followed");
}

#[tokio::test]
async fn speakeasy_cursor_stops_at_a_page_shorter_than_the_limit() {
    let server = TestServer::start(vec![
        page(r#"{"data":{"items":[{"id":1},{"id":2}]},"meta":{"next":"c1"}}"#),
        page(r#"{"data":{"items":[{"id":3},{"id":4}]},"meta":{"next":"c2"}}"#),
        page(r#"{"data":{"items":[{"id":5}]},"meta":{"next":"c3"}}"#),
    ])
    .await;
    let client = client(&server);
    let params = SpeakeasyCursorParams { limit: Some(2), ..Default::default() };
    let (items, error) = walk(client.speakeasy_cursor_stream(&params)).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server),
        ["/api/speakeasy/cursor?limit=2", "/api/speakeasy/cursor?cursor=c1&limit=2", "/api/speakeasy/cursor?cursor=c2&limit=2"]
    );
}

#[tokio::test]
async fn speakeasy_offset_moves_on_by_the_items_read() {
    let server = TestServer::start(vec![
        page(r#"{"items":[{"id":1},{"id":2}]}"#),
        page(r#"{"items":[{"id":3},{"id":4}]}"#),
        page(r#"{"items":[{"id":5}]}"#),
    ])
    .await;
    let client = client(&server);
    let params = SpeakeasyOffsetParams { offset: None, limit: Some(2) };
    let (items, error) = walk(client.speakeasy_offset_stream(&params)).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server),
        ["/api/speakeasy/offset?limit=2", "/api/speakeasy/offset?offset=2&limit=2", "/api/speakeasy/offset?offset=4&limit=2"]
    );
}

#[tokio::test]
async fn speakeasy_pages_stop_after_num_pages() {
    let server = TestServer::start(vec![
        page(r#"{"items":[{"id":1}],"pages":3}"#),
        page(r#"{"items":[{"id":2}],"pages":3}"#),
        page(r#"{"items":[{"id":3}],"pages":3}"#),
        page(r#"{"items":[{"id":4}],"pages":3}"#),
    ])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.speakeasy_pages_stream(&SpeakeasyPagesParams::default())).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3]);
    assert_eq!(targets(&server), ["/api/speakeasy/pages", "/api/speakeasy/pages?page=2", "/api/speakeasy/pages?page=3"]);
}

#[tokio::test]
async fn speakeasy_url_follows_absolute_and_relative_next_urls_with_the_same_headers() {
    let server = TestServer::start_with(|url| {
        vec![
            page(&format!(r#"{{"items":[{{"id":1}}],"next":"{url}/api/speakeasy/url?kind=x&after=1"}}"#)),
            page(r#"{"items":[{"id":2}],"next":"?kind=x&after=2"}"#),
            page(r#"{"items":[{"id":3}]}"#),
        ]
    })
    .await;
    let client = client(&server);
    let params = SpeakeasyUrlParams { kind: Some("x".to_owned()), x_tenant: Some("t-9".to_owned()) };
    let (items, error) = walk(client.speakeasy_url_stream(&params)).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3]);
    assert_eq!(
        targets(&server),
        ["/api/speakeasy/url?kind=x", "/api/speakeasy/url?kind=x&after=1", "/api/speakeasy/url?kind=x&after=2"]
    );
    for request in server.requests() {
        assert_eq!(request.header("x-tenant"), Some("t-9"), "{}", request.target);
    }
}

#[tokio::test]
async fn fern_cursor_stops_at_an_empty_page() {
    let server = TestServer::start(vec![
        page(r#"{"data":[{"id":1},{"id":2}],"next_cursor":"n1"}"#),
        page(r#"{"data":[{"id":3}],"next_cursor":"n2"}"#),
        page(r#"{"data":[],"next_cursor":"n3"}"#),
    ])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.fern_cursor_stream(&FernCursorParams::default())).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3]);
    assert_eq!(
        targets(&server),
        ["/api/fern/cursor", "/api/fern/cursor?starting_after=n1", "/api/fern/cursor?starting_after=n2"]
    );
}

#[tokio::test]
async fn fern_offset_from_the_document_stops_when_has_more_is_false() {
    let server = TestServer::start(vec![
        page(r#"{"data":[{"id":1}],"has_more":true}"#),
        page(r#"{"data":[{"id":2}],"has_more":true}"#),
        page(r#"{"data":[{"id":3}],"has_more":false}"#),
        page(r#"{"data":[{"id":4}],"has_more":false}"#),
    ])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.fern_offset_stream(&FernOffsetParams { page: Some(5) })).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3]);
    assert_eq!(targets(&server), ["/api/fern/offset?page=5", "/api/fern/offset?page=6", "/api/fern/offset?page=7"]);
}

#[tokio::test]
async fn fern_next_uri_follows_paths_until_there_is_none() {
    let server = TestServer::start(vec![
        page(r#"{"data":[{"id":1}],"links":{"next":"/api/fern/next?after=1"}}"#),
        page(r#"{"data":[{"id":2}],"links":{"next":"/api/fern/next?after=2"}}"#),
        page(r#"{"data":[{"id":3}],"links":{"next":null}}"#),
    ])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.fern_next_stream()).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3]);
    assert_eq!(targets(&server), ["/api/fern/next", "/api/fern/next?after=1", "/api/fern/next?after=2"]);
}

#[tokio::test]
async fn link_headers_name_the_next_page() {
    let server = TestServer::start_with(|url| {
        let things = format!("{url}/api/orgs/acme/things");
        vec![
            Action::Reply(Reply::json(200, r#"[{"id":1},{"id":2}]"#).header(
                "Link",
                &format!(r#"<{things}?per_page=2&page=2>; rel="next", <{things}?per_page=2&page=3>; rel="last""#),
            )),
            Action::Reply(
                Reply::json(200, r#"[{"id":3},{"id":4}]"#)
                    .header("Link", &format!(r#"<{things}?per_page=2&page=1>; rel="prev first""#))
                    .header("Link", &format!(r#"<{things}?a=b,c&per_page=2&page=3>; title="x, y; z"; REL=Next"#)),
            ),
            Action::Reply(
                Reply::json(200, r#"[{"id":5}]"#).header("Link", &format!(r#"<{things}?per_page=2&page=2>; rel=prev"#)),
            ),
        ]
    })
    .await;
    let client = client(&server);
    let params = ListThingsParams { per_page: Some(2), page: None };
    let (items, error) = walk(client.list_things_stream_2("acme", &params)).await;
    assert!(error.is_none());
    assert_eq!(ids(&items, |t| t.id), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server),
        [
            "/api/orgs/acme/things?per_page=2",
            "/api/orgs/acme/things?per_page=2&page=2",
            "/api/orgs/acme/things?a=b%2Cc&per_page=2&page=3",
        ]
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused() {
    let server = TestServer::start(vec![Action::Reply(
        Reply::json(200, r#"[{"id":1}]"#).header("Link", r#"<http://other.example/api/orgs/acme/things?page=2>; rel="next""#),
    )])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.list_things_stream_2("acme", &ListThingsParams::default())).await;
    assert_eq!(ids(&items, |t| t.id), [1]);
    let error = error.expect("the link is refused");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "request not sent: invalid `next page`: it is at another origin (http://other.example) than the client's, so it is not followed"
    );
    assert_eq!(server.request_count(), 1, "the other host is never asked");
}

#[tokio::test]
async fn a_next_link_outside_the_base_url_is_refused() {
    let server = TestServer::start_with(|url| {
        vec![Action::Reply(
            Reply::json(200, r#"[{"id":1}]"#).header("Link", &format!("<{url}/admin/things?page=2>; rel=next")),
        )]
    })
    .await;
    let client = client(&server);
    let (items, error) = walk(client.list_things_stream_2("acme", &ListThingsParams::default())).await;
    assert_eq!(ids(&items, |t| t.id), [1]);
    assert_eq!(
        error.expect("the link is refused").to_string(),
        "request not sent: invalid `next page`: it is outside the client's base URL, so it is not followed"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn an_error_on_page_two_comes_after_the_items_of_page_one() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, r#"[{"id":1},{"id":2}]"#).header("Link", "</api/orgs/acme/things?page=2>; rel=\"next\"")),
        Action::Reply(Reply::json(404, r#"{"message":"no such organisation"}"#)),
    ])
    .await;
    let client = client(&server);
    let (items, error) = walk(client.list_things_stream_2("acme", &ListThingsParams::default())).await;
    assert_eq!(ids(&items, |t| t.id), [1, 2]);
    let error = error.expect("page 2 fails");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error.api_body().and_then(|p| p.message.as_deref()), Some("no such organisation"));
    assert_eq!(targets(&server), ["/api/orgs/acme/things", "/api/orgs/acme/things?page=2"]);
}

#[tokio::test]
async fn an_extension_the_generator_cannot_follow_leaves_the_ordinary_method() {
    let server = TestServer::start(vec![page(r#"{"items":[{"id":7}]}"#)]).await;
    let client = client(&server);
    let page = client.broken(&Default::default()).await.unwrap();
    assert_eq!(page.items.as_ref().map(Vec::len), Some(1));
}
