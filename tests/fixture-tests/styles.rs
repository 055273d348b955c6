//! Exact bytes on the wire for the `styles` fixture: one parameter per row and
//! column of the specification's style table (path, query, header and cookie;
//! exploded or not; a string, an array and an object; empty values), the flags
//! beside the styles, bodies whose `encoding` names their parts, and the
//! `Accept` of event streams. The server records each request as it arrived.
//!
//! The values are the table's own: `blue`, `[blue, black, brown]` and
//! `{R: 100, G: 200, B: 150}`, whose properties go out in the schema's order.
//!
//! Where the bytes could legitimately differ, the assertion says which form is
//! sent and why: RFC 6570 writes the commas between items as they are and
//! percent-encodes a comma inside an item; RFC 3986 allows no space and no `|`
//! in a query, so `spaceDelimited` and `pipeDelimited` separators go out
//! percent-encoded; RFC 6265 allows no comma in a cookie value, so a cookie's
//! separators are percent-encoded too.

use corpus_styles::types::{
    Color, CookiesParams, Filter, FilterRange, HeadersParams, PostFormBody, PostMultipartBody, QueryParams,
};
use corpus_styles::{Client, Error};
use tests::server::{Action, Recorded, Reply, TestServer};

fn color() -> Color {
    Color { r: 100, g: 200, b: 150 }
}

fn colors() -> Vec<String> {
    ["blue", "black", "brown"].map(str::to_owned).to_vec()
}

fn client(server: &TestServer) -> Client {
    Client::builder().base_url(server.url()).max_retries(0).build().unwrap()
}

/// The one request a call made.
async fn recorded(server: &TestServer) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().unwrap()
}

#[tokio::test]
async fn path_parameters_in_the_simple_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let (colors, color) = (colors(), color());
    client(&server).path_simple("blue", &colors, &color, "blue", &colors, &color).await.unwrap();
    assert_eq!(
        recorded(&server).await.target,
        "/simple/blue/blue,black,brown/R,100,G,200,B,150/blue/blue,black,brown/R=100,G=200,B=150"
    );
}

#[tokio::test]
async fn path_parameters_in_the_label_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let (colors, color) = (colors(), color());
    client(&server).path_label("blue", &colors, &color, "blue", &colors, &color).await.unwrap();
    // Not exploded, RFC 6570's `{.list}` joins the items with commas (some
    // versions of the OpenAPI table print `.blue.black.brown`, the exploded form).
    assert_eq!(
        recorded(&server).await.target,
        "/label/.blue/.blue,black,brown/.R,100,G,200,B,150/.blue/.blue.black.brown/.R=100.G=200.B=150"
    );
}

#[tokio::test]
async fn path_parameters_in_the_matrix_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let (colors, color) = (colors(), color());
    client(&server).path_matrix("blue", &colors, &color, "blue", &colors, &color).await.unwrap();
    assert_eq!(
        recorded(&server).await.target,
        "/matrix/;string=blue/;array=blue,black,brown/;object=R,100,G,200,B,150\
         /;stringExploded=blue/;arrayExploded=blue;arrayExploded=black;arrayExploded=brown/;R=100;G=200;B=150"
    );
}

#[tokio::test]
async fn empty_path_values_in_the_label_and_matrix_styles() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    client(&server).path_empty("", "").await.unwrap();
    assert_eq!(recorded(&server).await.target, "/empty/.;matrix");
}

#[tokio::test]
async fn path_values_are_percent_encoded_but_for_their_separators() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let items = vec!["a,b".to_owned(), "c/d".to_owned(), "e;f".to_owned()];
    client(&server).path_matrix("x y", &items, &color(), "ü", &items, &color()).await.unwrap();
    assert_eq!(
        recorded(&server).await.target,
        "/matrix/;string=x%20y/;array=a%2Cb,c%2Fd,e%3Bf/;object=R,100,G,200,B,150\
         /;stringExploded=%C3%BC/;arrayExploded=a%2Cb;arrayExploded=c%2Fd;arrayExploded=e%3Bf/;R=100;G=200;B=150"
    );
}

#[tokio::test]
async fn a_whole_segment_that_would_address_another_resource_is_refused() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let error = client(&server).path_label("", &[], &color(), "x", &colors(), &color()).await.unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(e) if e.to_string().contains("path.string")), "{error:?}");
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn query_parameters_in_every_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let params = QueryParams {
        string: Some("blue".to_owned()),
        array: Some(colors()),
        object: Some(color()),
        string_exploded: Some("blue".to_owned()),
        array_exploded: Some(colors()),
        object_exploded: Some(color()),
        spaced: Some(colors()),
        piped: Some(colors()),
        deep: Some(Filter {
            status: Some("open".to_owned()),
            tags: Some(vec!["a".to_owned(), "b".to_owned()]),
            range: Some(FilterRange { min: Some(1), max: Some(9) }),
        }),
        reserved: Some("a/b?c=d&e[0]:f#g".to_owned()),
        empty: Some(Vec::new()),
        omitted: Some(Vec::new()),
        json: Some(color()),
    };
    client(&server).query(&params).await.unwrap();
    let query = recorded(&server).await.query().unwrap_or_default().to_owned();
    let pairs: Vec<&str> = query.split('&').collect();
    assert_eq!(
        pairs,
        [
            "string=blue",
            // RFC 6570's commas between the items, as they are.
            "array=blue,black,brown",
            "object=R,100,G,200,B,150",
            "stringExploded=blue",
            "arrayExploded=blue",
            "arrayExploded=black",
            "arrayExploded=brown",
            "R=100",
            "G=200",
            "B=150",
            // RFC 3986 allows neither a space nor `|` in a query: both percent-encoded.
            "spaced=blue%20black%20brown",
            "piped=blue%7Cblack%7Cbrown",
            // Stripe's convention for arrays and objects inside a deep object.
            "deep%5Bstatus%5D=open",
            "deep%5Btags%5D%5B0%5D=a",
            "deep%5Btags%5D%5B1%5D=b",
            "deep%5Brange%5D%5Bmin%5D=1",
            "deep%5Brange%5D%5Bmax%5D=9",
            // `allowReserved`: reserved characters as they are, but `#`, which would end the query.
            "reserved=a/b?c=d",
            "e[0]:f%23g",
            // `allowEmptyValue`: an empty array is sent empty; `omitted`, without it, is left out.
            "empty=",
            // `content: application/json`: the JSON text, percent-encoded.
            "json=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D",
        ]
    );
}

#[tokio::test]
async fn query_items_with_a_comma_keep_it_percent_encoded() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let params = QueryParams {
        array: Some(vec!["a,b".to_owned(), "c".to_owned()]),
        string: Some(String::new()),
        ..QueryParams::default()
    };
    client(&server).query(&params).await.unwrap();
    // The separator is a comma; the comma inside an item is `%2C`, so the two stay apart.
    assert_eq!(recorded(&server).await.query(), Some("string=&array=a%2Cb,c"));
}

#[tokio::test]
async fn header_parameters_in_the_simple_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let params = HeadersParams {
        x_string: Some("blue".to_owned()),
        x_array: Some(colors()),
        x_object: Some(color()),
        x_array_exploded: Some(colors()),
        x_object_exploded: Some(color()),
        x_json: Some(color()),
    };
    client(&server).headers(&params).await.unwrap();
    let request = recorded(&server).await;
    assert_eq!(request.header("x-string"), Some("blue"));
    assert_eq!(request.header("x-array"), Some("blue,black,brown"));
    assert_eq!(request.header("x-object"), Some("R,100,G,200,B,150"));
    assert_eq!(request.header("x-array-exploded"), Some("blue,black,brown"));
    assert_eq!(request.header("x-object-exploded"), Some("R=100,G=200,B=150"));
    assert_eq!(request.header("x-json"), Some(r#"{"R":100,"G":200,"B":150}"#));
}

#[tokio::test]
async fn cookie_parameters_in_the_form_style() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let params = CookiesParams {
        string: Some("blue".to_owned()),
        array: Some(colors()),
        object: Some(color()),
        array_exploded: Some(colors()),
        object_exploded: Some(color()),
    };
    client(&server).cookies(&params).await.unwrap();
    // Exploded, each item or property is a cookie of its own; RFC 6265 allows
    // no comma in a value, so the commas of the unexploded forms are `%2C`.
    assert_eq!(
        recorded(&server).await.header("cookie"),
        Some(
            "string=blue; array=blue%2Cblack%2Cbrown; object=R%2C100%2CG%2C200%2CB%2C150; \
             arrayExploded=blue; arrayExploded=black; arrayExploded=brown; R=100; G=200; B=150"
        )
    );
}

fn event_stream(body: &str) -> Action {
    Action::Reply(Reply::new(200).header("Content-Type", "text/event-stream").body(body))
}

#[tokio::test]
async fn an_event_stream_is_requested_with_its_media_type() {
    let server = TestServer::start(vec![event_stream("data: one\n\n")]).await;
    let mut events = client(&server).events().await.unwrap();
    let event = events.next_event().await.unwrap().unwrap();
    assert_eq!(event.data(), "one");
    assert_eq!(recorded(&server).await.header("accept"), Some("text/event-stream"));
}

#[tokio::test]
async fn json_or_events_are_chosen_by_accept() {
    let server = TestServer::start(vec![
        Action::Reply(Reply::json(200, r#"{"R":1,"G":2,"B":3}"#)),
        event_stream("data: {\"R\":4,\"G\":5,\"B\":6}\n\n"),
    ])
    .await;
    let client = client(&server);
    assert_eq!(*client.stats().await.unwrap().body(), Color { r: 1, g: 2, b: 3 });
    let mut events = client.stats_stream().await.unwrap();
    let event = events.next_event().await.unwrap().unwrap();
    assert_eq!(*event.data(), Color { r: 4, g: 5, b: 6 });
    let accepts: Vec<Option<String>> =
        server.requests().iter().map(|request| request.header("accept").map(str::to_owned)).collect();
    assert_eq!(accepts, [Some("application/json".to_owned()), Some("text/event-stream".to_owned())]);
}

/// The body of a multipart request, its boundary replaced by `BOUNDARY`.
fn multipart_body(request: &Recorded) -> String {
    let content_type = request.header("content-type").unwrap_or_default();
    let boundary =
        content_type.strip_prefix("multipart/form-data; boundary=").unwrap_or_else(|| panic!("{content_type}"));
    String::from_utf8_lossy(&request.body).replace(boundary, "BOUNDARY")
}

#[tokio::test]
async fn multipart_parts_carry_their_encoding() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let body = PostMultipartBody {
        id: "p1".to_owned(),
        picture: Vec::from(*b"\x89PNG").into(),
        meta: color(),
        tags: Some(vec!["a".to_owned(), "b".to_owned()]),
        points: Some(vec![Color { r: 1, g: 2, b: 3 }]),
        note: Some("# Title".to_owned()),
    };
    client(&server).post_multipart(&body).await.unwrap();
    assert_eq!(
        multipart_body(&recorded(&server).await),
        "--BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"id\"\r\n\r\n\
         p1\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"picture\"; filename=\"picture\"\r\n\
         Content-Type: image/png\r\n\
         X-Rate-Limit-Limit: 100\r\n\r\n\
         \u{FFFD}PNG\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"meta\"\r\n\
         Content-Type: application/json\r\n\r\n\
         {\"R\":100,\"G\":200,\"B\":150}\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"tags\"\r\n\r\n\
         a\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"tags\"\r\n\r\n\
         b\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"points\"\r\n\
         Content-Type: application/json\r\n\r\n\
         {\"R\":1,\"G\":2,\"B\":3}\r\n\
         --BOUNDARY\r\n\
         Content-Disposition: form-data; name=\"note\"\r\n\
         Content-Type: text/markdown\r\n\r\n\
         # Title\r\n\
         --BOUNDARY--\r\n"
    );
}

#[tokio::test]
async fn form_fields_follow_their_encoding() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let body = PostFormBody {
        name: "a b".to_owned(),
        tags: Some(colors()),
        filter: Some(Filter {
            status: Some("open".to_owned()),
            tags: Some(vec!["x".to_owned()]),
            range: Some(FilterRange { min: Some(1), max: None }),
        }),
        color: Some(color()),
        link: Some("https://example.com/a?b=c".to_owned()),
    };
    client(&server).post_form(&body).await.unwrap();
    let request = recorded(&server).await;
    assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        // `tags`: `form`, not exploded; `filter`: an object, `deepObject` (Stripe's
        // convention, also for the array inside); `color`: `form`, exploded;
        // `link`: `allowReserved`.
        "name=a%20b&tags=blue,black,brown\
         &filter%5Bstatus%5D=open&filter%5Btags%5D%5B0%5D=x&filter%5Brange%5D%5Bmin%5D=1\
         &R=100&G=200&B=150&link=https://example.com/a?b=c"
    );
}

#[tokio::test]
async fn empty_values_in_queries_headers_and_cookies() {
    let server = TestServer::start(vec![Action::Reply(Reply::new(204))]).await;
    let client = client(&server);
    let empty = || Some(String::new());
    client.query(&QueryParams { string: empty(), string_exploded: empty(), ..QueryParams::default() }).await.unwrap();
    client
        .headers(&HeadersParams { x_string: empty(), x_array: Some(Vec::new()), ..HeadersParams::default() })
        .await
        .unwrap();
    client
        .cookies(&CookiesParams { string: empty(), array: Some(Vec::new()), ..CookiesParams::default() })
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].query(), Some("string=&stringExploded="));
    assert_eq!(requests[1].header("x-string"), Some(""));
    // An empty array is RFC 6570's undefined value: an empty header, no cookie.
    assert_eq!(requests[1].header("x-array"), Some(""));
    assert_eq!(requests[2].header("cookie"), Some("string="));
}
