//! The `Link` header parser (`link_header.rs`): the target of the `next` link
//! among the links of one or more header fields (RFC 8288).

use crate::runtime::{HeaderMap, HeaderValue, next_link};

/// The `next` link of a response with these `Link` header fields.
fn next(fields: &[&str]) -> Option<String> {
    let mut headers = HeaderMap::new();
    for field in fields {
        headers.append("link", HeaderValue::from_str(field).unwrap());
    }
    next_link(&headers)
}

#[test]
fn next_is_found_among_several_links() {
    let github = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last""#;
    assert_eq!(next(&[github]).as_deref(), Some("https://api.github.com/repositories/1/issues?page=2"));
    let later =
        r#"<https://a.test/1>; rel="prev", <https://a.test/first>; rel="first", <https://a.test/3>; rel="next""#;
    assert_eq!(next(&[later]).as_deref(), Some("https://a.test/3"));
    // The first `next` wins.
    assert_eq!(next(&["<a>; rel=next, <b>; rel=next"]).as_deref(), Some("a"));
}

#[test]
fn rel_may_be_quoted_or_not_in_any_case() {
    assert_eq!(next(&["<u>; rel=next"]).as_deref(), Some("u"));
    assert_eq!(next(&["<u>;rel=next"]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; rel="next""#]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; REL="NeXt""#]).as_deref(), Some("u"));
    assert_eq!(next(&["<u> ;\trel = next "]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; rel = "next""#]).as_deref(), Some("u"));
}

#[test]
fn rel_may_name_several_relation_types() {
    assert_eq!(next(&[r#"<u>; rel="next last""#]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; rel="prefetch  next""#]).as_deref(), Some("u"));
    assert_eq!(next(&["<u>; rel=\"prev\tnext\""]).as_deref(), Some("u"));
    // Whole relation types only.
    assert_eq!(next(&[r#"<u>; rel="nextpage next-archive""#]).as_deref(), None);
    assert_eq!(next(&[r#"<u>; rel="prev,next""#]).as_deref(), None);
}

#[test]
fn only_the_first_rel_of_a_link_counts() {
    assert_eq!(next(&[r#"<u>; rel="prev"; rel="next""#]).as_deref(), None);
    assert_eq!(next(&[r#"<u>; rel="next"; rel="prev""#]).as_deref(), Some("u"));
    // `rev` and other parameters are not `rel`.
    assert_eq!(next(&[r#"<u>; rev="next"; relation="next"; title="next""#]).as_deref(), None);
}

#[test]
fn quoted_parameters_may_hold_separators_and_escapes() {
    let value = r#"<a>; title="a, <b>; rel=next"; rel="prev", <c>; title="say \"hi\"; \\"; rel="next""#;
    assert_eq!(next(&[value]).as_deref(), Some("c"));
    assert_eq!(next(&[r#"<u>; rel="ne\xt""#]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; title*=UTF-8'de'n%c3%a4chste; rel=next"#]).as_deref(), Some("u"));
}

#[test]
fn targets_are_returned_as_written() {
    assert_eq!(next(&["<https://a.test/?q=1,2;x=<y>; rel=next"]).as_deref(), Some("https://a.test/?q=1,2;x=<y"));
    assert_eq!(next(&["</items?page=2>; rel=next"]).as_deref(), Some("/items?page=2"));
    assert_eq!(next(&["<>; rel=next"]).as_deref(), Some(""));
    assert_eq!(next(&["< u >; rel=next"]).as_deref(), Some(" u "));
}

#[test]
fn every_link_header_field_is_read() {
    assert_eq!(next(&["<p>; rel=prev", "<n>; rel=next"]).as_deref(), Some("n"));
    assert_eq!(next(&["<n1>; rel=next", "<n2>; rel=next"]).as_deref(), Some("n1"));
    // A field that is not visible ASCII is skipped, not the end of the search.
    let mut headers = HeaderMap::new();
    headers.append("link", HeaderValue::from_bytes(b"<\xC3\xA9>; rel=next").unwrap());
    headers.append("link", HeaderValue::from_static("<n>; rel=next"));
    assert_eq!(next_link(&headers).as_deref(), Some("n"));
    assert_eq!(next_link(&HeaderMap::new()), None);
}

#[test]
fn malformed_links_yield_no_target_or_are_skipped() {
    assert_eq!(next(&[""]), None);
    assert_eq!(next(&["<u>"]), None);
    assert_eq!(next(&["<u>; rel"]), None);
    assert_eq!(next(&["<u>; rel="]), None);
    assert_eq!(next(&[r#"<u>; rel="""#]), None);
    assert_eq!(next(&["u; rel=next"]), None);
    assert_eq!(next(&["<u; rel=next"]), None);
    assert_eq!(next(&[",,, ; rel=next"]), None);
    // Text that is no parameter is skipped up to the next link.
    assert_eq!(next(&["<p>; rel=prev junk; rel=next, <n>; rel=next"]).as_deref(), Some("n"));
    assert_eq!(next(&["<p> junk, <n>; rel=next"]).as_deref(), Some("n"));
    // A link that cannot be read ends the field: what follows it is not searched.
    assert_eq!(next(&["junk, <n>; rel=next"]), None);
    // An unterminated quoted value runs to the end of the field.
    assert_eq!(next(&[r#"<u>; rel="next"#]).as_deref(), Some("u"));
    assert_eq!(next(&[r#"<u>; title="a, <n>; rel=next"#]), None);
}
