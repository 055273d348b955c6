//! The RFC 6570 expansions of `encode.rs` as path, header and cookie
//! parameters write them: the `simple`, `label` and `matrix` rows of the
//! OpenAPI style table (<https://spec.openapis.org/oas/v3.1.0#style-examples>).

use serde::Serialize;

use super::{ARRAY, RGB};

use crate::runtime::{Encoding, Segment, Style, cookie_pair, header_value, push_styled_path_param};

/// The path text of the parameter `color` (part of a segment).
fn path<T: Serialize + ?Sized>(value: &T, encoding: Encoding) -> String {
    let mut out = "/x/".to_owned();
    push_styled_path_param(&mut out, "color", value, encoding, Segment::Shared).unwrap();
    out.split_off(3)
}

#[test]
fn simple_style_matches_the_spec_table() {
    let plain = Style::Simple.explode(false);
    let exploded = Style::Simple.explode(true);
    assert_eq!(path("blue", plain), "blue");
    assert_eq!(path(&ARRAY, plain), "blue,black,brown");
    assert_eq!(path(&RGB, plain), "R,100,G,200,B,150");
    assert_eq!(path("blue", exploded), "blue");
    assert_eq!(path(&ARRAY, exploded), "blue,black,brown");
    assert_eq!(path(&RGB, exploded), "R=100,G=200,B=150");
}

#[test]
fn label_style_matches_the_spec_table() {
    let plain = Style::Label.explode(false);
    let exploded = Style::Label.explode(true);
    assert_eq!(path("", plain), ".");
    assert_eq!(path("blue", plain), ".blue");
    assert_eq!(path(&ARRAY, plain), ".blue,black,brown");
    assert_eq!(path(&RGB, plain), ".R,100,G,200,B,150");
    assert_eq!(path("", exploded), ".");
    assert_eq!(path("blue", exploded), ".blue");
    assert_eq!(path(&ARRAY, exploded), ".blue.black.brown");
    assert_eq!(path(&RGB, exploded), ".R=100.G=200.B=150");
}

#[test]
fn matrix_style_matches_the_spec_table() {
    let plain = Style::Matrix.explode(false);
    let exploded = Style::Matrix.explode(true);
    assert_eq!(path("", plain), ";color");
    assert_eq!(path("blue", plain), ";color=blue");
    assert_eq!(path(&ARRAY, plain), ";color=blue,black,brown");
    assert_eq!(path(&RGB, plain), ";color=R,100,G,200,B,150");
    assert_eq!(path("", exploded), ";color");
    assert_eq!(path("blue", exploded), ";color=blue");
    assert_eq!(path(&ARRAY, exploded), ";color=blue;color=black;color=brown");
    assert_eq!(path(&RGB, exploded), ";R=100;G=200;B=150");
    // An empty item of an exploded array: the name alone.
    assert_eq!(path(&["a", ""], exploded), ";color=a;color");
}

#[test]
fn path_values_are_one_segment_and_never_dot_segments() {
    let plain = Style::Simple.explode(false);
    assert_eq!(path("a/b?c#d e%", plain), "a%2Fb%3Fc%23d%20e%25");
    assert_eq!(path(&["a,b", "c"], plain), "a%2Cb,c");
    // `allowReserved` keeps `/`, but not `#`, `%` or a space.
    assert_eq!(path("a/b?c#d e%", plain.reserved()), "a/b?c%23d%20e%25");
    for (value, reason) in
        [("", "must not be empty"), (".", "must not be `.` or `..`"), ("..", "must not be `.` or `..`")]
    {
        let mut out = String::new();
        let error = push_styled_path_param(&mut out, "id", value, plain, Segment::Whole).unwrap_err();
        assert_eq!((error.field(), error.reason()), ("path.id", reason), "{value:?}");
        assert_eq!(out, "");
    }
    // Part of a segment, `.` is text like any other; empty is refused all the same.
    let mut out = String::new();
    push_styled_path_param(&mut out, "id", ".", plain, Segment::Shared).unwrap();
    assert_eq!(out, ".");
    let error =
        push_styled_path_param(&mut String::new(), "id", &Vec::<u8>::new(), plain, Segment::Shared).unwrap_err();
    assert_eq!(error.reason(), "must not be empty");
    // A label's leading dot makes `.`, `..` whole segments that are still refused.
    let error =
        push_styled_path_param(&mut String::new(), "id", "", Style::Label.explode(false), Segment::Whole).unwrap_err();
    assert_eq!(error.reason(), "must not be `.` or `..`");
}

#[test]
fn header_values_are_simple_style_and_never_escaped() {
    assert_eq!(header_value("X-Color", &ARRAY, Style::Simple.explode(false)).unwrap(), "blue,black,brown");
    assert_eq!(header_value("X-Color", &RGB, Style::Simple.explode(false)).unwrap(), "R,100,G,200,B,150");
    assert_eq!(header_value("X-Color", &RGB, Style::Simple.explode(true)).unwrap(), "R=100,G=200,B=150");
    assert_eq!(header_value("X-Color", "a b/c%", Style::Simple.explode(false)).unwrap(), "a b/c%");
    assert_eq!(header_value("X-Color", &RGB, Style::Json.explode(false)).unwrap(), r#"{"R":100,"G":200,"B":150}"#);
    let error = header_value("X-Color", "a\r\nSet-Cookie: x", Style::Simple.explode(false)).unwrap_err();
    assert_eq!(
        (error.field(), error.reason()),
        ("header.X-Color", "contains characters not allowed in an HTTP header (such as CR or LF)")
    );
}

#[test]
fn cookie_pairs_are_form_style_with_every_comma_encoded() {
    fn cookie<T: Serialize + ?Sized>(value: &T, encoding: Encoding) -> String {
        let mut out = String::new();
        cookie_pair(&mut out, "color", value, encoding).unwrap();
        out
    }
    let plain = Style::Form.explode(false);
    let exploded = Style::Form.explode(true);
    assert_eq!(cookie(&ARRAY, plain), "color=blue%2Cblack%2Cbrown");
    assert_eq!(cookie(&RGB, plain), "color=R%2C100%2CG%2C200%2CB%2C150");
    assert_eq!(cookie(&ARRAY, exploded), "color=blue; color=black; color=brown");
    assert_eq!(cookie(&RGB, exploded), "R=100; G=200; B=150");
    assert_eq!(cookie(&None::<u8>, plain), "");
    assert_eq!(cookie(&Vec::<u8>::new(), plain), "");
    assert_eq!(cookie(&Vec::<u8>::new(), plain.empty()), "color=");
    assert_eq!(cookie(&RGB, Style::Json.explode(false)), "color=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D");
    // Pairs follow one another after `; `, names and values encoded.
    let mut out = String::new();
    cookie_pair(&mut out, "a b", "x;y", plain).unwrap();
    cookie_pair(&mut out, "n", &7, plain).unwrap();
    assert_eq!(out, "a%20b=x%3By; n=7");
}
