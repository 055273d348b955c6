// This file is @generated from spec/openapi.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

/// The fields of a webhook to change. All fields are optional: only the
/// fields provided are changed, and a field left out keeps its value.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct UpdateWebhookRequest {
    /// Webhook name (trimmed)
    ///
    /// Example: `CRM Sync`
    ///
    /// The server trims surrounding whitespace; the client sends the value trimmed.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "runtime::serialize_trimmed"
    )]
    pub name: Option<String>,
    /// Endpoint URL
    ///
    /// Example: `https://new-endpoint.example.com/webhooks`
    #[serde(skip_serializing_if = "Option::is_none")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    /// HMAC signing secret
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<runtime::Secret>,
    /// Enable or disable the webhook
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<UpdateWebhookRequestStatus>,
}

#[cfg(feature = "full-serde")]
impl<'de> serde::Deserialize<'de> for UpdateWebhookRequest {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

#[cfg(feature = "full-serde")]
impl runtime::FromObject for UpdateWebhookRequest {
    const NAME: &'static str = "UpdateWebhookRequest";

    const FIELDS: &'static [&'static str] = &[
        "name",
        "url",
        "events",
        "secret",
        "status",
    ];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut name = None;
        let mut url = None;
        let mut events = None;
        let mut secret = None;
        let mut status = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut name)?,
                1 => map.value(&mut url)?,
                2 => map.value(&mut events)?,
                3 => map.value(&mut secret)?,
                4 => map.value(&mut status)?,
                _ => {}
            }
        }
        Ok(Self {
            name: name.unwrap_or_default(),
            url: url.unwrap_or_default(),
            events: events.unwrap_or_default(),
            secret: secret.unwrap_or_default(),
            status: status.unwrap_or_default(),
        })
    }
}

impl UpdateWebhookRequest {
    /// Checks the constraints of the spec that the client enforces before sending.
    pub(crate) fn validate_at(
        &self,
        at: &runtime::FieldPath<'_>,
    ) -> Result<(), runtime::InvalidRequest> {
        if let Some(value) = &self.name {
            runtime::check_length(
                &at.field("name"),
                value,
                Some(1),
                None,
                runtime::Whitespace::Trimmed,
            )?;
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
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct WebhookResponse {
    /// Whether the request succeeded.
    ///
    /// Example: `true`
    pub success: bool,
    /// A webhook endpoint that receives SendKit events.
    pub data: Webhook,
}

impl<'de> serde::Deserialize<'de> for WebhookResponse {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for WebhookResponse {
    const NAME: &'static str = "WebhookResponse";

    const FIELDS: &'static [&'static str] = &["success", "data"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut success = None;
        let mut data = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut success)?,
                1 => map.value(&mut data)?,
                _ => {}
            }
        }
        Ok(Self {
            success: map.required(success, "success")?,
            data: map.required(data, "data")?,
        })
    }
}

/// A webhook endpoint that receives SendKit events.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Webhook {
    /// Webhook ID.
    ///
    /// Example: `664a1b2c3d4e5f6a7b8c9d0e`
    #[cfg_attr(feature = "full-serde", serde(rename = "_id"))]
    pub id: String,
    /// ID of the workspace the webhook belongs to.
    ///
    /// Example: `ws_123`
    #[cfg_attr(feature = "full-serde", serde(rename = "workspaceId"))]
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
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub secret: Option<runtime::Secret>,
    /// How many times a failed delivery is retried.
    ///
    /// Example: `3`
    #[cfg_attr(
        feature = "full-serde",
        serde(rename = "retryAttempts", skip_serializing_if = "Option::is_none")
    )]
    pub retry_attempts: Option<i64>,
    /// Delivery timeout, in milliseconds.
    ///
    /// Example: `10000`
    #[cfg_attr(
        feature = "full-serde",
        serde(rename = "timeoutMs", skip_serializing_if = "Option::is_none")
    )]
    pub timeout_ms: Option<i64>,
    /// Whether the webhook is enabled.
    pub status: WebhookStatus,
    /// ID of the user who created the webhook.
    ///
    /// Example: `user_123`
    #[cfg_attr(
        feature = "full-serde",
        serde(rename = "createdBy", skip_serializing_if = "Option::is_none")
    )]
    pub created_by: Option<String>,
    /// When the webhook was created.
    ///
    /// Example: `2024-06-01T10:00:00.000Z`
    #[cfg_attr(feature = "full-serde", serde(rename = "createdAt"))]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When the webhook was last updated.
    ///
    /// Example: `2024-06-05T12:30:00.000Z`
    #[cfg_attr(feature = "full-serde", serde(rename = "updatedAt"))]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl<'de> serde::Deserialize<'de> for Webhook {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Webhook {
    const NAME: &'static str = "Webhook";

    const FIELDS: &'static [&'static str] = &[
        "_id",
        "workspaceId",
        "name",
        "url",
        "events",
        "secret",
        "retryAttempts",
        "timeoutMs",
        "status",
        "createdBy",
        "createdAt",
        "updatedAt",
    ];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut workspace_id = None;
        let mut name = None;
        let mut url = None;
        let mut events = None;
        let mut secret = None;
        let mut retry_attempts = None;
        let mut timeout_ms = None;
        let mut status = None;
        let mut created_by = None;
        let mut created_at = None;
        let mut updated_at = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut workspace_id)?,
                2 => map.value(&mut name)?,
                3 => map.value(&mut url)?,
                4 => map.value(&mut events)?,
                5 => map.value(&mut secret)?,
                6 => map.value(&mut retry_attempts)?,
                7 => map.value(&mut timeout_ms)?,
                8 => map.value(&mut status)?,
                9 => map.value(&mut created_by)?,
                10 => map.value(&mut created_at)?,
                11 => map.value(&mut updated_at)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "_id")?,
            workspace_id: map.required(workspace_id, "workspaceId")?,
            name: map.required(name, "name")?,
            url: map.required(url, "url")?,
            events: map.required(events, "events")?,
            secret: secret.unwrap_or_default(),
            retry_attempts: retry_attempts.unwrap_or_default(),
            timeout_ms: timeout_ms.unwrap_or_default(),
            status: map.required(status, "status")?,
            created_by: created_by.unwrap_or_default(),
            created_at: map.required(created_at, "createdAt")?,
            updated_at: map.required(updated_at, "updatedAt")?,
        })
    }
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
#[derive(Debug, Clone, PartialEq)]
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

impl<'de> serde::Deserialize<'de> for ErrorResponse {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for ErrorResponse {
    const NAME: &'static str = "ErrorResponse";

    const FIELDS: &'static [&'static str] = &["error", "message", "code"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut error = None;
        let mut message = None;
        let mut code = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut error)?,
                1 => map.value(&mut message)?,
                2 => map.value(&mut code)?,
                _ => {}
            }
        }
        Ok(Self {
            error: map.required(error, "error")?,
            message: map.required(message, "message")?,
            code: map.required(code, "code")?,
        })
    }
}
