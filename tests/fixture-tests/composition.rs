//! Behaviour of the `composition` fixture's generated types: allOf merges,
//! discriminated unions dispatch on the tag, untagged unions try in order,
//! properties declared beside a union belong to each alternative (on the wire
//! too).

use corpus_composition::Client;
use corpus_composition::types::{
    Account, Cat, Contact, ContactPhone, GetValueResponse, Labelled, Notice, NoticeElectronic, NoticeKind, Pet,
    Shape, Tagged,
};
use serde_json::json;
use tests::server::{Reply, TestServer};

#[test]
fn all_of_merges_the_base_properties() {
    let cat: Cat = serde_json::from_value(json!({"id": "c1", "petType": "cat", "indoor": true})).unwrap();
    assert_eq!(cat.id, "c1");
    assert_eq!(cat.indoor, Some(true));
    assert!(serde_json::from_value::<Cat>(json!({"petType": "cat"})).is_err(), "`id` comes from the base and is required");
}

#[test]
fn the_discriminator_picks_the_variant_through_the_mapping() {
    let pet: Pet = serde_json::from_value(json!({"id": "d1", "petType": "dog", "barks": true})).unwrap();
    assert!(matches!(&pet, Pet::Dog(dog) if dog.barks == Some(true)), "{pet:?}");
    // Encoding a variant writes its fields, tag included.
    assert_eq!(serde_json::to_value(&pet).unwrap(), json!({"id": "d1", "petType": "dog", "barks": true}));
}

#[test]
fn an_unknown_tag_in_a_response_is_kept_not_an_error() {
    let value = json!({"id": "h1", "petType": "hamster"});
    let pet: Pet = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(pet, Pet::Unknown(value));
    assert!(serde_json::from_value::<Pet>(json!({"id": "x"})).is_err(), "the tag is required");
}

#[test]
fn implicit_discriminator_values_are_the_schema_names() {
    let shape: Shape = serde_json::from_value(json!({"kind": "Square", "side": 2.0})).unwrap();
    assert!(matches!(shape, Shape::Square(ref s) if s.side == 2.0), "{shape:?}");
}

#[test]
fn all_of_with_a_union_part_flattens_it() {
    let labelled: Labelled = serde_json::from_value(json!({"label": "c", "kind": "Circle", "radius": 1.0})).unwrap();
    assert_eq!(labelled.label.as_deref(), Some("c"));
    assert!(matches!(labelled.shape, Shape::Circle(_)));
}

#[test]
fn untagged_unions_take_the_first_variant_that_fits() {
    assert_eq!(serde_json::from_value::<GetValueResponse>(json!("s")).unwrap(), GetValueResponse::String("s".to_owned()));
    assert_eq!(serde_json::from_value::<GetValueResponse>(json!(3)).unwrap(), GetValueResponse::Integer(3));
    assert!(matches!(serde_json::from_value::<GetValueResponse>(json!(["a"])).unwrap(), GetValueResponse::Array(_)));
}

#[test]
fn without_its_tag_a_value_takes_the_first_variant_that_fits() {
    // The spec leaves the discriminator property optional: a response may omit it.
    let public: Account = serde_json::from_value(json!({"login": "octocat"})).unwrap();
    assert!(matches!(&public, Account::Public(a) if a.login == "octocat"), "{public:?}");
    let private: Account = serde_json::from_value(json!({"login": "octocat", "plan": "pro"})).unwrap();
    assert!(matches!(&private, Account::Private(a) if a.plan == "pro"), "{private:?}");
    // With the tag, the tag decides.
    let tagged: Account = serde_json::from_value(json!({"login": "o", "plan": "pro", "view": "public"})).unwrap();
    assert!(matches!(tagged, Account::Public(_)), "{tagged:?}");
    assert!(serde_json::from_value::<Account>(json!({"plan": "pro"})).is_err(), "no variant fits");
}

#[test]
fn an_all_of_of_strings_is_a_string_that_may_be_null() {
    let tagged: Tagged = serde_json::from_value(json!({"region": "nyc3"})).unwrap();
    assert_eq!(tagged.region, Some(Some("nyc3".to_owned())));
    let tagged: Tagged = serde_json::from_value(json!({"region": null})).unwrap();
    assert_eq!(tagged.region.flatten(), None);
    assert!(serde_json::from_value::<Tagged>(json!({"region": {"slug": "nyc3"}})).is_err(), "an object is no string");
}

#[tokio::test]
async fn a_tag_declared_only_beside_the_one_of_is_sent_and_read() {
    let server =
        TestServer::replying(Reply::json(200, r#"{"kind":"letter","street":"1 Rue Verte","sentAt":19000}"#)).await;
    let client = Client::builder().base_url(server.url()).max_retries(0).build().unwrap();
    let notice = Notice::Electronic(NoticeElectronic {
        kind: NoticeKind::Sms,
        sent_at: None,
        reply_to: Some(Contact::Phone(ContactPhone { label: Some("home".to_owned()), phone: "+1 555".to_owned() })),
        address: "+15550100".to_owned(),
    });
    let answer = client.send_notice(&notice).await.unwrap();
    let sent = String::from_utf8(server.requests()[0].body.clone()).unwrap();
    assert_eq!(sent, r#"{"kind":"sms","replyTo":{"label":"home","phone":"+1 555"},"address":"+15550100"}"#);
    // The tag picks the alternative; the alternative's own `sentAt` (a number) is the one read.
    match answer.body() {
        Notice::Paper(paper) => {
            assert_eq!(paper.kind, NoticeKind::Letter);
            assert_eq!((paper.street.as_str(), paper.sent_at), ("1 Rue Verte", Some(19000)));
        }
        other => panic!("expected a letter, got {other:?}"),
    }
}

#[test]
fn a_tag_beside_the_one_of_that_several_values_share_selects_the_alternative() {
    let email: Notice = serde_json::from_value(json!({"kind": "email", "address": "a@example.com"})).unwrap();
    assert!(matches!(&email, Notice::Electronic(e) if e.kind == NoticeKind::Email), "{email:?}");
    assert!(serde_json::from_value::<Notice>(json!({"kind": "sms"})).is_err(), "`address` is required by the alternative");
    // Beside an `anyOf`: the label belongs to each object alternative; a string stays a string.
    let contact: Contact = serde_json::from_value(json!({"label": "work", "email": "b@example.com"})).unwrap();
    assert_eq!(serde_json::to_value(&contact).unwrap(), json!({"label": "work", "email": "b@example.com"}));
    assert_eq!(serde_json::from_value::<Contact>(json!("+1 555")).unwrap(), Contact::String("+1 555".to_owned()));
    // An alternative that is itself a union takes no label (the generator warns); it is read as it is.
    let shape: Contact = serde_json::from_value(json!({"label": "round", "kind": "Circle", "radius": 1.0})).unwrap();
    assert!(matches!(shape, Contact::Shape(Shape::Circle(_))), "{shape:?}");
}
