//! Failures that are not the client's, each with its evidence: bugs of the
//! specs (the JSON pointer of the inconsistency and what is inconsistent) and
//! limitations of Prism. A failure listed here is reported, but does not fail
//! the run.

use super::report::FailureKind;

/// Whose fault a known failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The spec contradicts itself or OpenAPI.
    Spec,
    /// Prism does not do what the spec asks.
    Prism,
}

/// A known failure: the spec file, the client's method, the kind of failure,
/// whose fault it is, and the evidence.
pub struct Known {
    /// The spec's file name.
    pub file: &'static str,
    /// The client's methods it concerns.
    pub operations: &'static [&'static str],
    /// The failure it explains.
    pub kind: FailureKind,
    /// Whose fault it is.
    pub cause: Cause,
    /// The JSON pointer and what is inconsistent there.
    pub evidence: &'static str,
}

/// Every known failure.
pub const KNOWN: &[Known] = &[
    Known {
        file: "apisguru-jira.json",
        operations: &["get_permitted_projects"],
        kind: FailureKind::DecodeFailure,
        cause: Cause::Prism,
        evidence: "#/paths/~1rest~1api~13~1permissions~1project/post/responses/400/content/application~1json has no \
                   schema and no example (any JSON value); Prism answers it with an empty body under \
                   `Content-Type: application/json`, which is no JSON value",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &["add_security_level_members"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/components/schemas/SecuritySchemeMembersRequest lists `securitySchemeLevelMembers` in `required`, \
                   which its `properties` (`members`) do not declare, and sets `additionalProperties: false`: no \
                   value is valid (checked with a JSON Schema validator: without it the property is missing, with \
                   it it is not allowed; the spec's own example sends `members`)",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &["create_screen_scheme"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/components/schemas/ScreenTypes (the `screens` of #/components/schemas/ScreenSchemeDetails) \
                   lists `defaultScreen` in `required`, which its `properties` (`create`, `default`, `edit`, `view`) \
                   do not declare, and sets `additionalProperties: false`: no value is valid (checked with a JSON \
                   Schema validator: without `defaultScreen` it is missing, with it it is not allowed)",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &["add_attachment"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1rest~1api~13~1issue~1{issueIdOrKey}~1attachments/post/requestBody/content/multipart~1form-data/schema \
                   is a binary string, but a `multipart/form-data` body is an object whose properties are its parts: \
                   the client sends the file as one part, and Prism checks the parts (an object) against `type: string`; \
                   no multipart body satisfies it",
    },
    Known {
        file: "apisguru-digitalocean.json",
        operations: &["droplet_actions_post_by_tag"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1v2~1droplets~1actions/post/requestBody/content/application~1json/schema is a `oneOf` of \
                   `droplet_action` and `droplet_action_snapshot`, which is `allOf: [droplet_action, {properties: \
                   {name}}]` with `name` optional: every value valid under the first alternative is valid under the \
                   second, so none matches exactly one (checked with a JSON Schema validator: `{\"type\": \
                   \"enable_backups\"}` and `{\"type\": \"snapshot\", \"name\": \"n\"}` are valid under each)",
    },
    Known {
        file: "progenitor-keeper.json",
        operations: &["enrol", "global_jobs", "ping", "report_finish", "report_output", "report_start"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1enrol/post/parameters/0 (and the same parameter of every operation) is a required header \
                   parameter named `Authorization`, which OpenAPI says SHALL be ignored (credentials belong in a \
                   security scheme, and the spec declares none): no client that follows OpenAPI sends it, and Prism \
                   requires it",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &["image_build"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1build/post/parameters/21 is a `Content-type` header parameter (which OpenAPI says SHALL \
                   be ignored) whose only value, `application/x-tar`, contradicts the request body's only media type, \
                   `application/octet-stream` (#/paths/~1build/post/requestBody/content); Prism checks the parameter",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &["network_connect", "network_disconnect"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1networks~1{id}~1connect/post/requestBody/content/application~1octet-stream (and \
                   .../disconnect) gives an object schema to `application/octet-stream`: the client sends raw bytes, \
                   as the media type says, and Prism checks them against the object schema",
    },
    Known {
        file: "apisguru-asana.json",
        operations: &["create_section_for_project"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/components/schemas/SectionRequest/required lists `project`, which its `properties` do not \
                   declare: the request type has no such field, and Prism requires it",
    },
    Known {
        file: "apisguru-vercel.3_1.json",
        operations: &["create_edge_config"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1v1~1edge-config/post/requestBody/content/application~1json/schema/properties/items/\
                   propertyNames/pattern is `^[\\\\w-]+$` (an escaped backslash, not `\\w`): it admits only the \
                   characters `\\`, `w` and `-` in the keys of `items`, so no ordinary key passes",
    },
    Known {
        file: "readme-discriminators.yaml",
        operations: &[
            "one_of_with_top_level_discriminator_and_mapping",
            "one_of_with_top_level_discriminator_no_mapping",
            "patch_embedded_discriminator",
            "patch_oneof_allof_top_level_disc",
            "patch_nested_one_of_object_with_nested_one_of",
            "patch_mapping_with_duplicate_schemas",
            "patch_mapping_of_schema_names",
            "one_of_with_improperly_placed_discriminator",
            "post_potentially_undefined_form_data",
        ],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "the `oneOf` of the request body (at the operation's requestBody schema, e.g. \
                   #/paths/~1discriminator-with-mapping/patch/requestBody/content/application~1json/schema) has \
                   alternatives that do not exclude each other (they require the same properties, or none, and \
                   allow any others), so every value that matches one matches another and no request satisfies \
                   `oneOf`; the discriminator does not narrow JSON Schema validation, which is what Prism checks",
    },
    Known {
        file: "readme-polymorphism.yaml",
        operations: &[
            "patch_pets",
            "post_anything_one_of_object",
            "post_anything_one_of_object_ref",
            "post_anything_nested_one_of_object_ref",
            "post_anything_nested_one_of_ref",
            "post_anything_nested_one_of_object_with_nested_one_of",
        ],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "the `oneOf` of the request body (e.g. #/paths/~1pets/patch/requestBody/content/application~1json/\
                   schema: `Cat` and `Dog`, which constrain different properties and allow any others) has \
                   alternatives that do not exclude each other, so every value that matches one matches another and \
                   no request satisfies `oneOf`; the discriminator does not narrow JSON Schema validation",
    },
    Known {
        file: "readme-polymorphism.yaml",
        operations: &["post_one_of_complex"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1one-of-complex/post/requestBody/content/application~1json/schema is a `oneOf` whose \
                   alternatives overlap: the value built for the first, `Andalucia` (its required fields and those \
                   of `registration` and `exemption`), also matches `Chicago` (checked with a JSON Schema \
                   validator), so it matches two alternatives",
    },
    Known {
        file: "readme-polymorphism.yaml",
        operations: &["post_one_of_with_type"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1one-of-with-type/post/requestBody/content/application~1json/schema/properties/event is a \
                   string whose `oneOf` has two alternatives without any constraint: every string matches both, so \
                   no value satisfies `oneOf`",
    },
    Known {
        file: "readme-schema-types.yaml",
        operations: &[
            "quirks_entirely_incompatible_all_of",
            "quirks_incompatible_nested_all_of",
            "quirks_partially_usable_incompatible_all_of",
        ],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "the request body (#/paths/~1anything~1quirks~1polymorphism, put, post and patch) is an `allOf` of a \
                   string and an integer (at the top or in the property `incompatible`): no value is both, as the \
                   operations' own names say",
    },
    Known {
        file: "readme-schema-types.3_1.json",
        operations: &[
            "quirks_entirely_incompatible_all_of",
            "quirks_incompatible_nested_all_of",
            "quirks_partially_usable_incompatible_all_of",
        ],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "the request body (#/paths/~1anything~1quirks~1polymorphism, put, post and patch) is an `allOf` of a \
                   string and an integer (at the top or in the property `incompatible`): no value is both, as the \
                   operations' own names say",
    },
    Known {
        file: "apisguru-docker-engine.json",
        operations: &["plugin_list", "system_data_usage"],
        kind: FailureKind::DecodeFailure,
        cause: Cause::Prism,
        evidence: "the spec's example breaks the schema, so Prism is asked for a generated body, and its generator \
                   ignores `format: uint32` (#/components/schemas/Mount... `Mode`, `UID`, `GID` and the like): it \
                   sends a negative number where the spec asks for an unsigned one",
    },
    Known {
        file: "progenitor-nexus.json",
        operations: &["login_local"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Prism,
        evidence: "#/paths/~1login~1{silo_name}~1local/post/responses/303 has a `Location` header without an example: \
                   Prism sends `Location: string`, the client follows the redirect (within the origin) to \
                   /login/{silo_name}/string, which the spec does not have",
    },
    Known {
        file: "apisguru-digitalocean.json",
        operations: &["apps_create"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1v2~1apps/post/parameters/0 is a header parameter named `Accept` (which OpenAPI says \
                   SHALL be ignored) with the values `application/json` and `application/yaml`; the client sends no \
                   such parameter, and Prism requires it",
    },
    Known {
        file: "apisguru-digitalocean.json",
        operations: &["uptime_check_create"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1v2~1uptime~1checks/post/requestBody/content/application~1json/schema/required lists \
                   `method`, which neither the schema nor its `allOf` part declares: no typed client can send it",
    },
    Known {
        file: "apisguru-jira.json",
        operations: &["get_recent", "search_projects"],
        kind: FailureKind::RequestViolation,
        cause: Cause::Spec,
        evidence: "#/paths/~1rest~1api~13~1project~1recent/get/parameters (`properties`, and the same parameter of \
                   /project/search) is an array of #/components/schemas/StringList, an object with no properties \
                   (`additionalProperties: false`), though the parameter's description asks for a comma-separated \
                   list of property names: the only object it allows is `{}`, which a query string cannot carry",
    },
    Known {
        file: "apisguru-codat-accounting.3_1.json",
        operations: &["list_items"],
        kind: FailureKind::DecodeFailure,
        cause: Cause::Prism,
        evidence: "#/components/schemas/Items is an `allOf` of the items and #/components/schemas/PagingInfo, whose \
                   3.1 `examples` Prism puts under `_links` instead of at the top: its answer lacks the required \
                   `pageNumber`, and Prism does not flag its own answer",
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

/// The evidence of the known failure behind a failure, if it is one, with its cause.
pub fn find(file: &str, operation: &str, kind: FailureKind) -> Option<String> {
    let known = KNOWN.iter().find(|k| k.file == file && k.operations.contains(&operation) && k.kind == kind);
    known.map(|k| match k.cause {
        Cause::Spec => format!("spec bug: {}", k.evidence),
        Cause::Prism => format!("Prism limitation: {}", k.evidence),
    })
}
