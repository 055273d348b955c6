//! Query parameters in their styles (`query.rs`, `style.rs`, `encode.rs`), read
//! from the URL as sent: the OpenAPI style table
//! (<https://spec.openapis.org/oas/v3.1.0#style-examples>), percent-encoding,
//! `allowReserved`, `allowEmptyValue`, and form bodies written the same way.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ARRAY, RGB};

use super::wire::{get, send};
use crate::runtime::{Encoding, Query, Style, form_body};

/// The query string sent for one parameter `color` with `value`.
async fn query_of<T: Serialize + ?Sized>(value: &T, encoding: Encoding) -> String {
    let mut query = Query::new();
    query.push("query", "color", value, encoding).unwrap();
    send(get().query(query)).await.unwrap().query().to_owned()
}

#[tokio::test]
async fn form_style_matches_the_spec_table() {
    let plain = Style::Form.explode(false);
    let exploded = Style::Form.explode(true);
    assert_eq!(query_of("", plain).await, "color=");
    assert_eq!(query_of("blue", plain).await, "color=blue");
    assert_eq!(query_of(&ARRAY, plain).await, "color=blue,black,brown");
    assert_eq!(query_of(&RGB, plain).await, "color=R,100,G,200,B,150");
    assert_eq!(query_of("", exploded).await, "color=");
    assert_eq!(query_of("blue", exploded).await, "color=blue");
    assert_eq!(query_of(&ARRAY, exploded).await, "color=blue&color=black&color=brown");
    assert_eq!(query_of(&RGB, exploded).await, "R=100&G=200&B=150");
}

#[tokio::test]
async fn space_and_pipe_delimited_join_with_encoded_separators() {
    // The spec's ` ` and `|`, which RFC 3986 does not allow in a query, as `%20` and `%7C`.
    let space = Style::SpaceDelimited.explode(false);
    let pipe = Style::PipeDelimited.explode(false);
    assert_eq!(query_of(&ARRAY, space).await, "color=blue%20black%20brown");
    assert_eq!(query_of(&RGB, space).await, "color=R%20100%20G%20200%20B%20150");
    assert_eq!(query_of(&ARRAY, pipe).await, "color=blue%7Cblack%7Cbrown");
    assert_eq!(query_of(&RGB, pipe).await, "color=R%7C100%7CG%7C200%7CB%7C150");
    // Exploded, they are `form`'s pairs; a scalar is one pair.
    assert_eq!(query_of(&ARRAY, Style::PipeDelimited.explode(true)).await, "color=blue&color=black&color=brown");
    assert_eq!(query_of("blue", space).await, "color=blue");
    // An item's own separator is escaped, so the items can be told apart.
    assert_eq!(query_of(&["a|b", "c d"], pipe).await, "color=a%7Cb%7Cc%20d");
    assert_eq!(query_of(&["a,b", "c"], Style::Form.explode(false)).await, "color=a%2Cb,c");
}

#[tokio::test]
async fn deep_object_nests_names_in_brackets() {
    let deep = Style::DeepObject.explode(true);
    // `color[R]=100&color[G]=200&color[B]=150`, the brackets percent-encoded.
    assert_eq!(query_of(&RGB, deep).await, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150");
    let nested = serde_json::json!({"a": {"b": [1, "x y"]}, "c": true});
    assert_eq!(
        query_of(&nested, deep).await,
        "color%5Ba%5D%5Bb%5D%5B0%5D=1&color%5Ba%5D%5Bb%5D%5B1%5D=x%20y&color%5Bc%5D=true"
    );
    assert_eq!(query_of(&ARRAY, deep).await, "color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown");
    assert_eq!(query_of("blue", deep).await, "color=blue");
    // A null property is left out, as a null parameter is.
    assert_eq!(query_of(&serde_json::json!({"a": null, "b": 1}), deep).await, "color%5Bb%5D=1");
}

#[tokio::test]
async fn values_are_percent_encoded_but_unreserved_characters() {
    let plain = Style::Form.explode(false);
    assert_eq!(
        query_of("a b&c=d/e?f#g%h+i,j;k:l@m!n$o'p(q)r*s[t]u", plain).await,
        "color=a%20b%26c%3Dd%2Fe%3Ff%23g%25h%2Bi%2Cj%3Bk%3Al%40m%21n%24o%27p%28q%29r%2As%5Bt%5Du"
    );
    assert_eq!(query_of("AZaz09-._~", plain).await, "color=AZaz09-._~");
    assert_eq!(query_of("é€", plain).await, "color=%C3%A9%E2%82%AC");
    assert_eq!(query_of("\"<>\\^`{|}", plain).await, "color=%22%3C%3E%5C%5E%60%7B%7C%7D");
    // Names are encoded too.
    let mut query = Query::new();
    query.push("query", "a b[c]", "v", plain).unwrap();
    assert_eq!(send(get().query(query)).await.unwrap().query(), "a%20b%5Bc%5D=v");
}

#[tokio::test]
async fn allow_reserved_keeps_reserved_characters_but_hash_and_percent() {
    let reserved = Style::Form.explode(false).reserved();
    // `'` is kept by the runtime; the URL parser escapes it in a query of an
    // http URL (WHATWG's special-query set), so it goes out as `%27`.
    assert_eq!(
        query_of("a b&c=d/e?f#g%h+i,j;k:l@m!n$o'p(q)r*s[t]u", reserved).await,
        "color=a%20b&c=d/e?f%23g%25h+i,j;k:l@m!n$o%27p(q)r*s[t]u"
    );
    // Characters neither reserved nor unreserved stay encoded.
    assert_eq!(query_of("\"<>\\^`{|} é", reserved).await, "color=%22%3C%3E%5C%5E%60%7B%7C%7D%20%C3%A9");
    // Items of an array: the separator is the comma, an item's comma is kept as sent.
    assert_eq!(query_of(&["a/b", "c,d"], reserved).await, "color=a/b,c,d");
    assert_eq!(query_of(&["a/b", "c"], Style::Form.explode(true).reserved()).await, "color=a/b&color=c");
}

#[tokio::test]
async fn empty_values_are_left_out_unless_allowed() {
    let empty: [&str; 0] = [];
    let no_properties = BTreeMap::<String, u32>::new();
    for encoding in [Style::Form.explode(false), Style::Form.explode(true), Style::PipeDelimited.explode(false)] {
        assert_eq!(query_of(&empty, encoding).await, "", "{encoding:?}");
        assert_eq!(query_of(&no_properties, encoding).await, "", "{encoding:?}");
        assert_eq!(query_of(&empty, encoding.empty()).await, "color=", "{encoding:?}");
        assert_eq!(query_of(&no_properties, encoding.empty()).await, "color=", "{encoding:?}");
    }
    // `null` is never sent, allowed empty or not; an empty string always is.
    assert_eq!(query_of(&None::<u32>, Style::Form.explode(false).empty()).await, "");
    assert_eq!(query_of(&(), Style::Form.explode(true)).await, "");
    assert_eq!(query_of("", Style::SpaceDelimited.explode(false)).await, "color=");
    // An item that is null is an empty item.
    assert_eq!(query_of(&[Some("a"), None, Some("b")], Style::Form.explode(false)).await, "color=a,,b");
    // An empty object in a deep object has no pairs at all.
    assert_eq!(query_of(&serde_json::json!({"a": {}}), Style::DeepObject.explode(true).empty()).await, "");
}

#[tokio::test]
async fn scalars_are_written_as_json_writes_them() {
    let plain = Style::Form.explode(false);
    assert_eq!(query_of(&42_i64, plain).await, "color=42");
    assert_eq!(query_of(&-7_i32, plain).await, "color=-7");
    assert_eq!(query_of(&1.0_f64, plain).await, "color=1.0");
    assert_eq!(query_of(&2.5e-7_f64, plain).await, "color=2.5e-7");
    assert_eq!(query_of(&true, plain).await, "color=true");
    assert_eq!(query_of(&u64::MAX, plain).await, "color=18446744073709551615");
}

#[tokio::test]
async fn content_json_parameters_send_their_json_text() {
    let json = Style::Json.explode(false);
    assert_eq!(query_of(&RGB, json).await, "color=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D");
    assert_eq!(query_of(&ARRAY, json).await, "color=%5B%22blue%22%2C%22black%22%2C%22brown%22%5D");
    assert_eq!(query_of("blue", json).await, "color=%22blue%22");
    assert_eq!(query_of(&None::<u32>, json).await, "");
}

#[tokio::test]
async fn nested_values_are_refused_outside_deep_object() {
    let nested = serde_json::json!({"a": {"b": 1}});
    for encoding in [Style::Form.explode(true), Style::Form.explode(false), Style::SpaceDelimited.explode(false)] {
        let mut query = Query::new();
        let error = query.push("query", "filter", &nested, encoding).unwrap_err();
        assert_eq!(
            (error.field(), error.reason()),
            ("query.filter", "nested values cannot be encoded in this style"),
            "{encoding:?}"
        );
    }
    let mut query = Query::new();
    let error = query.push("query", "ids", &[[1, 2]], Style::Form.explode(true)).unwrap_err();
    assert_eq!(error.field(), "query.ids");
}

#[tokio::test]
async fn parameters_follow_one_another_in_order() {
    let mut query = Query::new();
    query.push("query", "limit", &10, Style::Form.explode(true)).unwrap();
    query.push("query", "skipped", &None::<String>, Style::Form.explode(true)).unwrap();
    query.push("query", "tag", &["a", "b"], Style::Form.explode(true)).unwrap();
    query.push("query", "q", "x y", Style::Form.explode(false)).unwrap();
    let sent = send(get().query(query)).await.unwrap();
    assert_eq!(sent.url, "http://api.test/items?limit=10&tag=a&tag=b&q=x%20y");
    // No parameter, no `?`.
    assert_eq!(send(get().query(Query::new())).await.unwrap().url, "http://api.test/items");
}

/// A form body with a string, an array and an object property.
#[derive(Serialize)]
struct Order {
    name: &'static str,
    tags: Vec<&'static str>,
    meta: BTreeMap<&'static str, &'static str>,
    note: Option<&'static str>,
}

#[tokio::test]
async fn form_bodies_are_written_as_query_strings() {
    let order =
        Order { name: "a b&c", tags: vec!["x", "y/z"], meta: BTreeMap::from([("k", "v"), ("l", "w")]), note: None };
    let body = form_body(&order, &[]).unwrap();
    let sent = send(get().body(body)).await.unwrap();
    assert_eq!(sent.header("content-type"), Some("application/x-www-form-urlencoded"));
    // Arrays exploded in the `form` style, objects as deep objects, nulls left out.
    assert_eq!(String::from_utf8(sent.body).unwrap(), "name=a%20b%26c&tags=x&tags=y%2Fz&meta%5Bk%5D=v&meta%5Bl%5D=w");
    // The `encoding` object's styles apply to the properties it names.
    let styles = [("tags", Style::PipeDelimited.explode(false)), ("name", Style::Form.explode(false).reserved())];
    let body = form_body(&order, &styles).unwrap();
    let sent = send(get().body(body)).await.unwrap();
    assert_eq!(String::from_utf8(sent.body).unwrap(), "name=a%20b&c&tags=x%7Cy%2Fz&meta%5Bk%5D=v&meta%5Bl%5D=w");
    let error = form_body(&["not", "an", "object"], &[]).err().unwrap();
    assert_eq!((error.field(), error.reason()), ("body", "a form body must be an object"));
}
