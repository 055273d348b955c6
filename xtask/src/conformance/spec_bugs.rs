//! Failures that are not the client's, each with its evidence: bugs of the
//! specs (the JSON pointer of the inconsistency and what is inconsistent) and
//! limitations of Prism. A failure listed here, with the messages its entry
//! names, is reported but does not fail the run; an entry whose pointer is not
//! in its spec ([`stale_pointers`]), or that excuses nothing in a run that
//! called its operation ([`dormant`]), fails it.

use super::report::FailureKind;

/// Whose fault a known failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The spec contradicts itself or OpenAPI.
    Spec,
    /// Prism does not do what the spec asks.
    Prism,
}

/// A known failure: the spec file, the client's methods with the JSON pointer
/// of what is inconsistent for each, the kind of failure, what the failure
/// says, whose fault it is, and the evidence.
///
/// An entry excuses a failure only when all of it matches: the file, one of
/// the operations, the kind, and every part of the failure's detail (each
/// violation Prism reported, `location: message`, or the client's error)
/// contains one of `messages`. Each pointer must resolve in the spec as
/// written, and each operation must have such a failure in every run that
/// calls it (a dormant entry fails the run, see [`dormant`]): an entry cannot
/// excuse what it does not name, nor wait to excuse something new.
pub struct Known {
    /// The spec's file name.
    pub file: &'static str,
    /// The client's methods it concerns, each with the JSON pointer (in the
    /// spec as written) of the inconsistency behind its failure.
    pub operations: &'static [(&'static str, &'static str)],
    /// The failure it explains.
    pub kind: FailureKind,
    /// What the failure says: every part of its detail contains one of these.
    pub messages: &'static [&'static str],
    /// Whose fault it is.
    pub cause: Cause,
    /// What is inconsistent at the pointers, and how it was checked.
    pub evidence: &'static str,
}

/// Every known failure.
pub const KNOWN: &[Known] = &[
    Known {
        file: "apisguru-jira.json",
        operations: &[(
            "get_permitted_projects",
            "#/paths/~1rest~1api~13~1permissions~1project/post/responses/400/content/application~1json",
        )],
        kind: FailureKind::DecodeFailure,
        messages: &[
            "400: cannot decode the 400 Bad Request response (application/json): EOF while parsing a value at line 1 column 0",
        ],
        cause: Cause::Prism,
        evidence: "the 400 response's `application/json` has no schema and no example (any JSON value); Prism answers \
                   it with an empty body under `Content-Type: application/json`, which is no JSON value",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &[("add_security_level_members", "#/components/schemas/SecuritySchemeMembersRequest/required/0")],
        kind: FailureKind::RequestViolation,
        messages: &["request.body: Request body must have required property 'securitySchemeLevelMembers'"],
        cause: Cause::Spec,
        evidence: "#/components/schemas/SecuritySchemeMembersRequest lists `securitySchemeLevelMembers` in `required`, \
                   which its `properties` (`members`) do not declare, and sets `additionalProperties: false`: no \
                   value is valid (checked with a JSON Schema validator: without it the property is missing, with \
                   it it is not allowed; the spec's own example sends `members`). The client has an optional field \
                   for it (with a warning), which the run leaves unset",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &[("create_screen_scheme", "#/components/schemas/ScreenTypes/required/0")],
        kind: FailureKind::RequestViolation,
        messages: &["request.body.screens: Request body property screens must have required property 'defaultScreen'"],
        cause: Cause::Spec,
        evidence: "#/components/schemas/ScreenTypes (the `screens` of #/components/schemas/ScreenSchemeDetails) \
                   lists `defaultScreen` in `required`, which its `properties` (`create`, `default`, `edit`, `view`) \
                   do not declare, and sets `additionalProperties: false`: no value is valid (checked with a JSON \
                   Schema validator: without `defaultScreen` it is missing, with it it is not allowed). The client \
                   has an optional field for it (with a warning), which the run leaves unset",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &[(
            "add_attachment",
            "#/paths/~1rest~1api~13~1issue~1{issueIdOrKey}~1attachments/post/requestBody/content/multipart~1form-data/schema",
        )],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must be string"],
        cause: Cause::Spec,
        evidence: "the `multipart/form-data` body's schema is a binary string, but a multipart body is an object \
                   whose properties are its parts: the client sends the file as one part, and Prism checks the \
                   parts (an object) against `type: string`; no multipart body satisfies it",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &[
            ("get_recent", "#/paths/~1rest~1api~13~1project~1recent/get/parameters/1/schema/items"),
            ("search_projects", "#/paths/~1rest~1api~13~1project~1search/get/parameters/11/schema/items"),
        ],
        kind: FailureKind::RequestViolation,
        messages: &["request.query.properties.0: Request query parameter properties.0 must be object"],
        cause: Cause::Spec,
        evidence: "the `properties` query parameter is an array of #/components/schemas/StringList, an object with \
                   no properties (`additionalProperties: false`), though the parameter's description asks for a \
                   comma-separated list of property names: the only object it allows is `{}`, which a query \
                   string cannot carry",
    },
    Known {
        file: "apisguru-digitalocean.json",
        operations: &[(
            "droplet_actions_post_by_tag",
            "#/paths/~1v2~1droplets~1actions/post/requestBody/content/application~1json/schema",
        )],
        kind: FailureKind::RequestViolation,
        messages: &["request.body: Request body must match exactly one schema in oneOf"],
        cause: Cause::Spec,
        evidence: "the body is a `oneOf` of `droplet_action` and `droplet_action_snapshot`, which is `allOf: \
                   [droplet_action, {properties: {name}}]` with `name` optional: every value valid under the first \
                   alternative is valid under the second, so none matches exactly one (checked with a JSON Schema \
                   validator: `{\"type\": \"enable_backups\"}` and `{\"type\": \"snapshot\", \"name\": \"n\"}` \
                   are valid under each)",
    },
    Known {
        file: "apisguru-digitalocean.json",
        operations: &[("apps_create", "#/paths/~1v2~1apps/post/parameters/0")],
        kind: FailureKind::RequestViolation,
        messages: &[
            "request.header.accept: Request header parameter accept must be equal to one of the allowed values: application/json, application/yaml",
        ],
        cause: Cause::Spec,
        evidence: "an optional header parameter named `Accept` (which OpenAPI says SHALL be ignored) with the values \
                   `application/json` and `application/yaml`; the client sends no such parameter, only its own \
                   `Accept: */*`, which Prism checks against the parameter's `enum`",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &[("image_build", "#/paths/~1build/post/parameters/21")],
        kind: FailureKind::RequestViolation,
        messages: &[
            "request.header.content-type: Request header parameter content-type must be equal to one of the allowed values: application/x-tar",
        ],
        cause: Cause::Spec,
        evidence: "a `Content-type` header parameter (which OpenAPI says SHALL be ignored) whose only value, \
                   `application/x-tar`, contradicts the request body's only media type, `application/octet-stream` \
                   (#/paths/~1build/post/requestBody/content); Prism checks the parameter",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &[(
            "network_connect",
            "#/paths/~1networks~1{id}~1connect/post/requestBody/content/application~1octet-stream/schema",
        )],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must be object"],
        cause: Cause::Spec,
        evidence: "an object schema under `application/octet-stream`: the client sends raw bytes, as the media type \
                   says, and Prism checks them against the object schema (`network_disconnect` has the same body as \
                   `application/json`, and passes)",
    },
    Known {
        file: "readme-discriminators.yaml",
        operations: &[
            (
                "one_of_with_top_level_discriminator_and_mapping",
                "#/paths/~1discriminator-with-mapping/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "one_of_with_top_level_discriminator_no_mapping",
                "#/paths/~1discriminator-with-no-mapping/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "patch_embedded_discriminator",
                "#/paths/~1embedded-discriminator/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "patch_oneof_allof_top_level_disc",
                "#/paths/~1oneof-allof-top-level-disc/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "patch_mapping_with_duplicate_schemas",
                "#/paths/~1mapping-with-duplicate-schemas/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "patch_mapping_of_schema_names",
                "#/paths/~1mapping-of-schema-names/patch/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "post_potentially_undefined_form_data",
                "#/paths/~1potentially-undefined-formData/post/requestBody/content/application~1json/schema/oneOf",
            ),
        ],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must match exactly one schema in oneOf"],
        cause: Cause::Spec,
        evidence: "the body's `oneOf` has alternatives that do not exclude each other (they require the same \
                   properties, or none, and allow any others), so every value that matches one matches another \
                   and no request satisfies `oneOf`; the discriminator does not narrow JSON Schema validation, \
                   which is what Prism checks",
    },
    Known {
        file: "readme-polymorphism.yaml",
        operations: &[
            ("patch_pets", "#/paths/~1pets/patch/requestBody/content/application~1json/schema/oneOf"),
            (
                "post_anything_one_of_object",
                "#/paths/~1anything~1one-of-object/post/requestBody/content/application~1json/schema/oneOf",
            ),
            (
                "post_anything_one_of_object_ref",
                "#/paths/~1anything~1one-of-object-ref/post/requestBody/content/application~1json/schema/oneOf",
            ),
        ],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must match exactly one schema in oneOf"],
        cause: Cause::Spec,
        evidence: "the body's `oneOf` has alternatives that do not exclude each other (`Cat` and `Dog` constrain \
                   different properties and allow any others, and require none), so every value that matches one \
                   matches another and no request satisfies `oneOf`; the discriminator does not narrow JSON Schema \
                   validation",
    },
    Known {
        file: "readme-schema-types.yaml",
        operations: &[
            (
                "quirks_entirely_incompatible_all_of",
                "#/paths/~1anything~1quirks~1polymorphism/put/requestBody/content/application~1json/schema/allOf",
            ),
            (
                "quirks_partially_usable_incompatible_all_of",
                "#/paths/~1anything~1quirks~1polymorphism/patch/requestBody/content/application~1json/schema/allOf",
            ),
        ],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must be string", "body: Request body must be integer"],
        cause: Cause::Spec,
        evidence: "the body is an `allOf` of a string and an integer: no value is both, as the operations' own names \
                   say",
    },
    Known {
        file: "readme-schema-types.3_1.json",
        operations: &[
            (
                "quirks_entirely_incompatible_all_of",
                "#/paths/~1anything~1quirks~1polymorphism/put/requestBody/content/application~1json/schema/allOf",
            ),
            (
                "quirks_partially_usable_incompatible_all_of",
                "#/paths/~1anything~1quirks~1polymorphism/patch/requestBody/content/application~1json/schema/allOf",
            ),
        ],
        kind: FailureKind::RequestViolation,
        messages: &["body: Request body must be string", "body: Request body must be integer"],
        cause: Cause::Spec,
        evidence: "the body is an `allOf` of a string and an integer: no value is both, as the operations' own names \
                   say",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &[("plugin_list", "#/components/schemas/Plugin/properties/Config/properties/User/properties/GID")],
        kind: FailureKind::DecodeFailure,
        messages: &[
            "200: cannot decode the 200 OK response (application/json): invalid value: integer `-51356571`, expected u32 at line 1 column 7603 (the body's /0/Config/User/GID)",
        ],
        cause: Cause::Prism,
        evidence: "the spec's example breaks the schema, so Prism is asked for a generated body, and its generator \
                   ignores `format: uint32`: it sends a negative number where the spec asks for an unsigned one",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &[("system_data_usage", "#/components/schemas/Port/properties/PublicPort")],
        kind: FailureKind::DecodeFailure,
        messages: &[
            "200: cannot decode the 200 OK response (application/json): invalid value: integer `-60716872`, expected u32 at line 1 column 253 (the body's /Containers/0/0/Ports/0/PublicPort)",
        ],
        cause: Cause::Prism,
        evidence: "the spec's example breaks the schema, so Prism is asked for a generated body, and its generator \
                   ignores `format: uint16`: it sends a negative number where the spec asks for an unsigned one",
    },
    Known {
        file: "apisguru-codat-accounting.3_1.json",
        operations: &[("list_items", "#/components/schemas/PagingInfo/examples/0")],
        kind: FailureKind::DecodeFailure,
        messages: &[
            "200: cannot decode the 200 OK response (application/json): missing field `pageNumber` at line 1 column 759",
        ],
        cause: Cause::Spec,
        evidence: "#/components/schemas/Items is an `allOf` of the items and #/components/schemas/PagingInfo, whose \
                   own example nests the paging fields (`pageNumber`, `pageSize`, `totalResults`) under `_links` \
                   instead of beside it: Prism serves that example, which lacks the required `pageNumber`, and \
                   does not flag it",
    },
];

/// A document Prism cannot serve at all: it does not start on it.
pub struct Unservable {
    /// The spec's file name.
    pub file: &'static str,
    /// Why, with the evidence.
    pub evidence: &'static str,
}

/// The documents Prism (the version the project installs, [`crate::prism::PRISM_VERSION`])
/// does not start on. The run still generates and compiles their clients, and calls none
/// of their operations: each is skipped with this reason instead of waiting for a Prism
/// that does not come. Check again when Prism is upgraded (docs/conformance.md has the
/// commands).
pub const UNSERVABLE: &[Unservable] = &[Unservable {
    file: "apisguru-stripe.json",
    evidence: "Prism 5.16 does not start on it (by hand with an 8 GiB heap: still `Starting Prism…` after 29 min, 14 \
               min of CPU, 175 MB resident, so no heap limit). Before it listens, `getHttpOperationsFromSpec` dereferences the document \
               (@stoplight/json-schema-ref-parser 10.0.0) and then `decycle`s it (@stoplight/json 3.21.7); both walk \
               the dereferenced schemas as a tree, entering a shared object again on every path that reaches it and \
               stopping only at an object already on the current path. Stripe's schemas have a strongly connected \
               core of 65 (#/components/schemas/account, customer, charge, invoice, payment_intent, ... reach each \
               other through expandable `anyOf: [string, $ref]` fields), and every operation reaches it (its \
               `default` response is #/components/schemas/error, whose `error` is api_errors, whose \
               `payment_intent` is in the core), so the tree never ends: over #/components/schemas it has 75.7 \
               million objects down to depth 26 alone, about 1.5 times more per level, and the walk Prism was in \
               had reached depth 103 (GitHub's whole walk is 0.2 million objects, Kubernetes' 1.2 million). A \
               document of one operation (GET /v1/balance and the 489 schemas it reaches) does not start within \
               300 s either",
}];

/// Why Prism cannot serve a spec, if it is one of [`UNSERVABLE`].
pub fn unservable(file: &str) -> Option<&'static str> {
    UNSERVABLE.iter().find(|u| u.file == file).map(|u| u.evidence)
}

/// The known failure behind a failure, if it is one: the entry's index in
/// [`KNOWN`], and its evidence with its cause and the operation's pointer.
pub fn find(file: &str, operation: &str, kind: FailureKind, detail: &str) -> Option<(usize, String)> {
    let parts: Vec<&str> = detail.split("; ").collect();
    KNOWN.iter().enumerate().find_map(|(index, known)| {
        let (_, pointer) = known.operations.iter().find(|(name, _)| *name == operation)?;
        let named = parts.iter().all(|part| known.messages.iter().any(|message| part.contains(message)));
        (known.file == file && known.kind == kind && named).then(|| {
            let evidence = match known.cause {
                Cause::Spec => format!("spec bug: {pointer}: {}", known.evidence),
                Cause::Prism => format!("Prism limitation: {pointer}: {}", known.evidence),
            };
            (index, evidence)
        })
    })
}

/// What is wrong with the entries of [`KNOWN`] for the spec `file` (its text
/// as written is `text`), before anything is called: a pointer that does not
/// resolve in it.
pub fn stale_pointers(file: &str, text: &str) -> Vec<String> {
    let entries: Vec<&Known> = KNOWN.iter().filter(|known| known.file == file).collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let doc: Option<serde_json::Value> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        serde_yaml::from_str(text).ok()
    };
    let mut stale = Vec::new();
    for known in entries {
        for (operation, pointer) in known.operations {
            let found = pointer.strip_prefix('#').and_then(|p| doc.as_ref()?.pointer(p));
            if found.is_none() {
                stale.push(format!(
                    "the known failure of `{operation}` in {file} names {pointer}, which is not in the spec"
                ));
            }
        }
    }
    stale
}

/// The operations of the entries of [`KNOWN`] that matched no failure in a
/// run that called them (`called(file, operation)`), given what each excused
/// (`excused(file)`: the entry indices and operations): dormant entries, which
/// would only wait to excuse something new.
pub fn dormant<'a>(
    called: impl Fn(&str, &str) -> bool,
    excused: impl Fn(&str) -> &'a [(usize, String)],
) -> Vec<String> {
    let mut found = Vec::new();
    for (index, known) in KNOWN.iter().enumerate() {
        for (operation, pointer) in known.operations {
            if !called(known.file, operation) {
                continue;
            }
            if !excused(known.file).iter().any(|(entry, op)| *entry == index && op == operation) {
                found.push(format!(
                    "the known failure of `{operation}` in {} ({pointer}) matched no failure of this run: remove it, or correct what it names",
                    known.file
                ));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_excuses_only_the_failures_it_names() {
        let jira = "request.query.properties.0: Request query parameter properties.0 must be object";
        let found = find("apisguru-jira.json", "get_recent", FailureKind::RequestViolation, jira);
        let (index, evidence) = found.unwrap_or_default();
        assert_eq!(KNOWN[index].file, "apisguru-jira.json");
        assert!(
            evidence.starts_with("spec bug: #/paths/~1rest~1api~13~1project~1recent/get/parameters/1/schema/items: "),
            "{evidence}"
        );
        // Another violation beside the known one, another kind, another operation, another spec: not excused.
        let more = format!("{jira}; body: Request body must be object");
        assert_eq!(find("apisguru-jira.json", "get_recent", FailureKind::RequestViolation, &more), None);
        assert_eq!(find("apisguru-jira.json", "get_recent", FailureKind::DecodeFailure, jira), None);
        assert_eq!(find("apisguru-jira.json", "get_old", FailureKind::RequestViolation, jira), None);
        assert_eq!(find("other.json", "get_recent", FailureKind::RequestViolation, jira), None);
    }

    #[test]
    fn every_entry_names_pointers_and_messages() {
        for known in KNOWN {
            assert!(!known.operations.is_empty() && !known.messages.is_empty(), "{}", known.file);
            for (operation, pointer) in known.operations {
                assert!(pointer.starts_with("#/"), "{} {operation}: {pointer}", known.file);
            }
        }
    }

    #[test]
    fn an_entry_that_matched_nothing_in_a_run_that_called_its_operation_is_dormant() {
        let recent =
            KNOWN.iter().position(|k| k.operations.iter().any(|(op, _)| *op == "get_recent")).unwrap_or_default();
        let excused: Vec<(usize, String)> = vec![(recent, "search_projects".to_owned())];
        let called =
            |file: &str, op: &str| file == "apisguru-jira.json" && ["get_recent", "search_projects"].contains(&op);
        let found = dormant(called, |file| if file == "apisguru-jira.json" { &excused[..] } else { &[] });
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("the known failure of `get_recent` in apisguru-jira.json"), "{found:?}");
        // Specs the run did not call are left alone.
        assert!(dormant(|_, _| false, |_| &[]).is_empty());
    }

    #[test]
    fn a_pointer_not_in_the_spec_is_stale() {
        let spec =
            r#"{"paths": {"/rest/api/3/project/recent": {"get": {"parameters": [{}, {"schema": {"items": {}}}]}}}}"#;
        let stale = stale_pointers("apisguru-jira.json", spec);
        let pointers: usize = KNOWN.iter().filter(|k| k.file == "apisguru-jira.json").map(|k| k.operations.len()).sum();
        assert_eq!(stale.len(), pointers - 1, "only get_recent's pointer is in this spec: {stale:?}");
        assert!(!stale.iter().any(|line| line.contains("get_recent")), "{stale:?}");
        assert!(stale_pointers("no-entries.json", "{}").is_empty());
    }
}
