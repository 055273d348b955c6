// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

/// The fields of a webhook to change. All fields are optional: only the
/// fields provided are changed, and a field left out keeps its value.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Deserialize))]
pub struct UpdateWebhookRequest {
    /// Webhook name (trimmed)
    ///
    /// Example: `CRM Sync`
    ///
    /// The server trims surrounding whitespace; the client sends the value trimmed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "runtime::serialize_trimmed"
    )]
    pub name: Option<String>,
    /// Endpoint URL
    ///
    /// Example: `https://new-endpoint.example.com/webhooks`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Events to subscribe to
    ///
    /// Example:
    ///
    /// ```json
    /// [
    ///   "email.replied",
    ///   "email.positive_reply"
    /// ]
    /// ```
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    /// HMAC signing secret
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<runtime::Secret>,
    /// Enable or disable the webhook
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UpdateWebhookRequestStatus>,
}

impl UpdateWebhookRequest {
    /// Checks the constraints of the spec that the client enforces before sending.
    pub(crate) fn validate_at(
        &self,
        at: &runtime::FieldPath<'_>,
    ) -> Result<(), runtime::InvalidRequest> {
        if let Some(value) = &self.name {
            runtime::check_length(&at.field("name"), value, Some(1), None, true)?;
        }
        if let Some(value) = &self.url {
            runtime::check_uri(&at.field("url"), value)?;
        }
        Ok(())
    }
}

/// Enable or disable the webhook
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UpdateWebhookRequestStatus {
    /// `active`
    Active,
    /// `inactive`
    Inactive,
}

runtime::string_enum!(
    UpdateWebhookRequestStatus { Active = "active", Inactive = "inactive" }
);

/// The webhook returned by a successful request.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct WebhookResponse {
    /// Whether the request succeeded.
    ///
    /// Example: `true`
    pub success: bool,
    /// A webhook endpoint that receives SendKit events.
    pub data: Webhook,
}

/// A webhook endpoint that receives SendKit events.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Webhook {
    /// Webhook ID.
    ///
    /// Example: `664a1b2c3d4e5f6a7b8c9d0e`
    #[serde(rename = "_id")]
    pub id: String,
    /// ID of the workspace the webhook belongs to.
    ///
    /// Example: `ws_123`
    #[serde(rename = "workspaceId")]
    pub workspace_id: String,
    /// Webhook name.
    ///
    /// Example: `CRM Sync`
    pub name: String,
    /// Endpoint URL.
    ///
    /// Example: `https://new-endpoint.example.com/webhooks`
    pub url: String,
    /// Events the webhook is subscribed to.
    ///
    /// Example:
    ///
    /// ```json
    /// [
    ///   "email.replied",
    ///   "email.positive_reply"
    /// ]
    /// ```
    pub events: Vec<String>,
    /// HMAC signing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<runtime::Secret>,
    /// How many times a failed delivery is retried.
    ///
    /// Example: `3`
    #[serde(rename = "retryAttempts", default, skip_serializing_if = "Option::is_none")]
    pub retry_attempts: Option<i64>,
    /// Delivery timeout, in milliseconds.
    ///
    /// Example: `10000`
    #[serde(rename = "timeoutMs", default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<i64>,
    /// Whether the webhook is enabled.
    pub status: WebhookStatus,
    /// ID of the user who created the webhook.
    ///
    /// Example: `user_123`
    #[serde(rename = "createdBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When the webhook was created.
    ///
    /// Example: `2024-06-01T10:00:00.000Z`
    #[serde(rename = "createdAt")]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When the webhook was last updated.
    ///
    /// Example: `2024-06-05T12:30:00.000Z`
    #[serde(rename = "updatedAt")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Whether the webhook is enabled.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum WebhookStatus {
    /// `active`
    Active,
    /// `inactive`
    Inactive,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(WebhookStatus open { Active = "active", Inactive = "inactive" });

/// The body of an error response.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct ErrorResponse {
    /// The HTTP status text.
    ///
    /// Example: `Not Found`
    pub error: String,
    /// What went wrong.
    ///
    /// Example: `The requested resource was not found`
    pub message: String,
    /// The HTTP status code.
    ///
    /// Example: `404`
    pub code: i64,
}
