//! The seed page's examples, as the tests expect them decoded.

use sendkit::Secret;
use sendkit::types::{ErrorResponse, WebhookResponse, WebhookStatus};

/// Asserts that a body is the spec's `200` example (the seed page's), field by field.
pub fn assert_is_the_200_example(body: &WebhookResponse) {
    assert!(body.success);
    let data = &body.data;
    assert_eq!(data.id, "664a1b2c3d4e5f6a7b8c9d0e");
    assert_eq!(data.workspace_id, "ws_123");
    assert_eq!(data.name, "CRM Sync");
    assert_eq!(data.url, "https://new-endpoint.example.com/webhooks");
    assert_eq!(data.events, ["email.replied", "email.positive_reply"]);
    assert_eq!(data.secret.as_ref().map(Secret::expose), Some("a1b2c3d4e5f6..."));
    assert_eq!(data.retry_attempts, Some(3));
    assert_eq!(data.timeout_ms, Some(10000));
    assert_eq!(data.status, WebhookStatus::Active);
    assert_eq!(data.created_by.as_deref(), Some("user_123"));
    // 2024-06-01T10:00:00.000Z and 2024-06-05T12:30:00.000Z.
    assert_eq!(data.created_at.to_rfc3339(), "2024-06-01T10:00:00+00:00");
    assert_eq!(data.created_at.timestamp_millis(), 1_717_236_000_000);
    assert_eq!(data.updated_at.to_rfc3339(), "2024-06-05T12:30:00+00:00");
    assert_eq!(data.updated_at.timestamp_millis(), 1_717_590_600_000);
}

/// The spec's `404` example (the seed page's), decoded.
pub fn not_found_example() -> ErrorResponse {
    ErrorResponse {
        error: "Not Found".to_owned(),
        message: "The requested resource was not found".to_owned(),
        code: 404,
    }
}
