// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

/// The `CompletionRequest` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Deserialize))]
pub struct CompletionRequest {
    /// The prompt.
    pub prompt: String,
    /// Whether to answer with server-sent events.
    ///
    /// The server's default: `false`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "runtime::deserialize_present"
    )]
    pub stream: Option<runtime::Nullable<bool>>,
}

/// The `Completion` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Completion {
    /// The `id` field.
    pub id: String,
    /// The `text` field.
    pub text: String,
}

/// A chunk of a streamed completion (the shape of OpenAI's `chat.completion.chunk`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunk {
    /// The `id` field.
    pub id: String,
    /// The `choices` field.
    pub choices: Vec<CompletionChunkChoicesItem>,
}

/// The `CompletionChunkChoicesItem` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunkChoicesItem {
    /// The `index` field.
    pub index: i64,
    /// The `delta` field.
    pub delta: CompletionChunkChoicesItemDelta,
    /// The `finish_reason` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "runtime::deserialize_present"
    )]
    pub finish_reason: Option<runtime::Nullable<String>>,
}

/// The `CompletionChunkChoicesItemDelta` schema of the spec.
#[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunkChoicesItemDelta {
    /// The `role` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The `content` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// The `ResponseEvent` schema of the spec.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
pub enum ResponseEvent {
    /// Discriminator value `response.output_text.delta`.
    TextDelta(TextDelta),
    /// Discriminator value `response.completed`.
    ResponseCompleted(ResponseCompleted),
    /// A discriminator value the spec does not list, with the whole object.
    Unknown(serde_json::Value),
}

impl<'de> serde::Deserialize<'de> for ResponseEvent {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let tag = value
            .get("type")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        match tag.as_deref() {
            Some("response.output_text.delta") => {
                serde_json::from_value(value)
                    .map(Self::TextDelta)
                    .map_err(serde::de::Error::custom)
            }
            Some("response.completed") => {
                serde_json::from_value(value)
                    .map(Self::ResponseCompleted)
                    .map_err(serde::de::Error::custom)
            }
            Some(_) => Ok(Self::Unknown(value)),
            None => {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::TextDelta(inner));
                }
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::ResponseCompleted(inner));
                }
                Err(serde::de::Error::missing_field("type"))
            }
        }
    }
}

/// The `TextDelta` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct TextDelta {
    /// The `type` field.
    pub r#type: TextDeltaType,
    /// The `delta` field.
    pub delta: String,
}

/// The `ResponseCompleted` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct ResponseCompleted {
    /// The `type` field.
    pub r#type: ResponseCompletedType,
    /// The `response` field.
    pub response: ResponseCompletedResponse,
}

/// The `TextDeltaType` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TextDeltaType {
    /// `response.output_text.delta`
    ResponseOutputTextDelta,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    TextDeltaType open { ResponseOutputTextDelta = "response.output_text.delta" }
);

/// The `ResponseCompletedType` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResponseCompletedType {
    /// `response.completed`
    ResponseCompleted,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    ResponseCompletedType open { ResponseCompleted = "response.completed" }
);

/// The `ResponseCompletedResponse` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct ResponseCompletedResponse {
    /// The `id` field.
    pub id: String,
}

/// The `RunEvent` schema of the spec.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
pub enum RunEvent {
    /// Discriminator value `thread.run.created`, `thread.run.completed`.
    RunStepEvent(RunStepEvent),
    /// Discriminator value `error`.
    RunDoneEvent(RunDoneEvent),
    /// A discriminator value the spec does not list, with the whole object.
    Unknown(serde_json::Value),
}

impl<'de> serde::Deserialize<'de> for RunEvent {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let tag = value
            .get("event")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        match tag.as_deref() {
            Some("thread.run.created" | "thread.run.completed") => {
                serde_json::from_value(value)
                    .map(Self::RunStepEvent)
                    .map_err(serde::de::Error::custom)
            }
            Some("error") => {
                serde_json::from_value(value)
                    .map(Self::RunDoneEvent)
                    .map_err(serde::de::Error::custom)
            }
            Some(_) => Ok(Self::Unknown(value)),
            None => {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::RunStepEvent(inner));
                }
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::RunDoneEvent(inner));
                }
                Err(serde::de::Error::missing_field("event"))
            }
        }
    }
}

/// The `RunStepEvent` schema of the spec.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
pub enum RunStepEvent {
    /// Discriminator value `thread.run.created`.
    RunStepEventVariant0(RunStepEventVariant0),
    /// Discriminator value `thread.run.completed`.
    RunStepEventVariant1(RunStepEventVariant1),
    /// A discriminator value the spec does not list, with the whole object.
    Unknown(serde_json::Value),
}

impl<'de> serde::Deserialize<'de> for RunStepEvent {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let value = <serde_json::Value as serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let tag = value
            .get("event")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned);
        match tag.as_deref() {
            Some("thread.run.created") => {
                serde_json::from_value(value)
                    .map(Self::RunStepEventVariant0)
                    .map_err(serde::de::Error::custom)
            }
            Some("thread.run.completed") => {
                serde_json::from_value(value)
                    .map(Self::RunStepEventVariant1)
                    .map_err(serde::de::Error::custom)
            }
            Some(_) => Ok(Self::Unknown(value)),
            None => {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::RunStepEventVariant0(inner));
                }
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::RunStepEventVariant1(inner));
                }
                Err(serde::de::Error::missing_field("event"))
            }
        }
    }
}

/// The `RunDoneEvent` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunDoneEvent {
    /// The `event` field.
    pub event: RunDoneEventEvent,
    /// The `data` field.
    pub data: Problem,
}

/// The `RunStepEventVariant0` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunStepEventVariant0 {
    /// The `event` field.
    pub event: RunStepEventPart0Event,
    /// The `data` field.
    pub data: Run,
}

/// The `RunStepEventVariant1` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunStepEventVariant1 {
    /// The `event` field.
    pub event: RunStepEventPart1Event,
    /// The `data` field.
    pub data: Run,
}

/// The `RunDoneEventEvent` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunDoneEventEvent {
    /// `error`
    Error,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(RunDoneEventEvent open { Error = "error" });

/// The `Problem` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Problem {
    /// The `message` field.
    pub message: String,
}

/// The `RunStepEventPart0Event` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunStepEventPart0Event {
    /// `thread.run.created`
    ThreadRunCreated,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    RunStepEventPart0Event open { ThreadRunCreated = "thread.run.created" }
);

/// The `Run` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Run {
    /// The `id` field.
    pub id: String,
    /// The `status` field.
    pub status: String,
}

/// The `RunStepEventPart1Event` schema of the spec.
///
/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunStepEventPart1Event {
    /// `thread.run.completed`
    ThreadRunCompleted,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    RunStepEventPart1Event open { ThreadRunCompleted = "thread.run.completed" }
);

/// The `FileRecord` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct FileRecord {
    /// The `id` field.
    pub id: String,
    /// The `bytes` field.
    pub bytes: i64,
}

/// The `CreateFileBody` schema of the spec.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "full-serde", derive(serde::Deserialize))]
pub struct CreateFileBody {
    /// The file to upload.
    pub file: runtime::Upload,
    /// What the file is for.
    pub purpose: String,
}
