// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! Request and response types of the API, one per schema of the spec, with
//! the exact JSON names of the wire.
#![allow(deprecated)]

use crate::runtime;

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompletionRequest {
    /// The prompt.
    pub prompt: String,
    /// Whether to answer with server-sent events.
    ///
    /// The server's default: `false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream: Option<runtime::Nullable<bool>>,
}

impl CompletionRequest {
    /// Creates one from its required fields, with the optional fields `None`.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
            stream: None,
        }
    }
}

#[cfg(feature = "full-serde")]
impl<'de> serde::Deserialize<'de> for CompletionRequest {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

#[cfg(feature = "full-serde")]
impl runtime::FromObject for CompletionRequest {
    const NAME: &'static str = "CompletionRequest";

    const FIELDS: &'static [&'static str] = &["prompt", "stream"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut prompt = None;
        let mut stream = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut prompt)?,
                1 => map.value(&mut stream)?,
                _ => {}
            }
        }
        Ok(Self {
            prompt: map.required(prompt, "prompt")?,
            stream,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Completion {
    pub id: String,
    pub text: String,
}

impl<'de> serde::Deserialize<'de> for Completion {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Completion {
    const NAME: &'static str = "Completion";

    const FIELDS: &'static [&'static str] = &["id", "text"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut text = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut text)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
            text: map.required(text, "text")?,
        })
    }
}

/// A chunk of a streamed completion (the shape of OpenAI's `chat.completion.chunk`).
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunk {
    pub id: String,
    pub choices: Vec<CompletionChunkChoicesItem>,
}

impl<'de> serde::Deserialize<'de> for CompletionChunk {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for CompletionChunk {
    const NAME: &'static str = "CompletionChunk";

    const FIELDS: &'static [&'static str] = &["id", "choices"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut choices = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut choices)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
            choices: map.required(choices, "choices")?,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunkChoicesItem {
    pub index: i64,
    pub delta: CompletionChunkChoicesItemDelta,
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub finish_reason: Option<runtime::Nullable<String>>,
}

impl<'de> serde::Deserialize<'de> for CompletionChunkChoicesItem {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for CompletionChunkChoicesItem {
    const NAME: &'static str = "CompletionChunkChoicesItem";

    const FIELDS: &'static [&'static str] = &["index", "delta", "finish_reason"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut index = None;
        let mut delta = None;
        let mut finish_reason = None;
        while let Some(index_) = map.next_field()? {
            match index_ {
                0 => map.value(&mut index)?,
                1 => map.value(&mut delta)?,
                2 => map.value(&mut finish_reason)?,
                _ => {}
            }
        }
        Ok(Self {
            index: map.required(index, "index")?,
            delta: map.required(delta, "delta")?,
            finish_reason,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct CompletionChunkChoicesItemDelta {
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub role: Option<String>,
    #[cfg_attr(feature = "full-serde", serde(skip_serializing_if = "Option::is_none"))]
    pub content: Option<String>,
}

impl<'de> serde::Deserialize<'de> for CompletionChunkChoicesItemDelta {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for CompletionChunkChoicesItemDelta {
    const NAME: &'static str = "CompletionChunkChoicesItemDelta";

    const FIELDS: &'static [&'static str] = &["role", "content"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut role = None;
        let mut content = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut role)?,
                1 => map.value(&mut content)?,
                _ => {}
            }
        }
        Ok(Self {
            role: role.unwrap_or_default(),
            content: content.unwrap_or_default(),
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
pub enum ResponseEvent {
    /// Discriminator value `response.output_text.delta`.
    ResponseOutputTextDelta(TextDelta),
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
                    .map(Self::ResponseOutputTextDelta)
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
                    return Ok(Self::ResponseOutputTextDelta(inner));
                }
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::ResponseCompleted(inner));
                }
                Err(serde::de::Error::missing_field("type"))
            }
        }
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct TextDelta {
    pub r#type: TextDeltaType,
    pub delta: String,
}

impl<'de> serde::Deserialize<'de> for TextDelta {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for TextDelta {
    const NAME: &'static str = "TextDelta";

    const FIELDS: &'static [&'static str] = &["type", "delta"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut r#type = None;
        let mut delta = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut r#type)?,
                1 => map.value(&mut delta)?,
                _ => {}
            }
        }
        Ok(Self {
            r#type: map.required(r#type, "type")?,
            delta: map.required(delta, "delta")?,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct ResponseCompleted {
    pub r#type: ResponseCompletedType,
    pub response: ResponseCompletedResponse,
}

impl<'de> serde::Deserialize<'de> for ResponseCompleted {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for ResponseCompleted {
    const NAME: &'static str = "ResponseCompleted";

    const FIELDS: &'static [&'static str] = &["type", "response"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut r#type = None;
        let mut response = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut r#type)?,
                1 => map.value(&mut response)?,
                _ => {}
            }
        }
        Ok(Self {
            r#type: map.required(r#type, "type")?,
            response: map.required(response, "response")?,
        })
    }
}

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

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct ResponseCompletedResponse {
    pub id: String,
}

impl<'de> serde::Deserialize<'de> for ResponseCompletedResponse {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for ResponseCompletedResponse {
    const NAME: &'static str = "ResponseCompletedResponse";

    const FIELDS: &'static [&'static str] = &["id"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        while let Some(index) = map.next_field()? {
            if index == 0 {
                map.value(&mut id)?;
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
        })
    }
}

#[allow(missing_docs)]
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

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize), serde(untagged))]
pub enum RunStepEvent {
    /// Discriminator value `thread.run.created`.
    ThreadRunCreated(RunStepEventThreadRunCreated),
    /// Discriminator value `thread.run.completed`.
    ThreadRunCompleted(RunStepEventThreadRunCompleted),
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
                    .map(Self::ThreadRunCreated)
                    .map_err(serde::de::Error::custom)
            }
            Some("thread.run.completed") => {
                serde_json::from_value(value)
                    .map(Self::ThreadRunCompleted)
                    .map_err(serde::de::Error::custom)
            }
            Some(_) => Ok(Self::Unknown(value)),
            None => {
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::ThreadRunCreated(inner));
                }
                if let Ok(inner) = serde_json::from_value(value.clone()) {
                    return Ok(Self::ThreadRunCompleted(inner));
                }
                Err(serde::de::Error::missing_field("event"))
            }
        }
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunDoneEvent {
    pub event: RunDoneEventEvent,
    pub data: Problem,
}

impl<'de> serde::Deserialize<'de> for RunDoneEvent {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for RunDoneEvent {
    const NAME: &'static str = "RunDoneEvent";

    const FIELDS: &'static [&'static str] = &["event", "data"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut event = None;
        let mut data = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut event)?,
                1 => map.value(&mut data)?,
                _ => {}
            }
        }
        Ok(Self {
            event: map.required(event, "event")?,
            data: map.required(data, "data")?,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunStepEventThreadRunCreated {
    pub event: RunStepEventThreadRunCreatedEvent,
    pub data: Run,
}

impl<'de> serde::Deserialize<'de> for RunStepEventThreadRunCreated {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for RunStepEventThreadRunCreated {
    const NAME: &'static str = "RunStepEventThreadRunCreated";

    const FIELDS: &'static [&'static str] = &["event", "data"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut event = None;
        let mut data = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut event)?,
                1 => map.value(&mut data)?,
                _ => {}
            }
        }
        Ok(Self {
            event: map.required(event, "event")?,
            data: map.required(data, "data")?,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct RunStepEventThreadRunCompleted {
    pub event: RunStepEventThreadRunCompletedEvent,
    pub data: Run,
}

impl<'de> serde::Deserialize<'de> for RunStepEventThreadRunCompleted {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for RunStepEventThreadRunCompleted {
    const NAME: &'static str = "RunStepEventThreadRunCompleted";

    const FIELDS: &'static [&'static str] = &["event", "data"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut event = None;
        let mut data = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut event)?,
                1 => map.value(&mut data)?,
                _ => {}
            }
        }
        Ok(Self {
            event: map.required(event, "event")?,
            data: map.required(data, "data")?,
        })
    }
}

/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunDoneEventEvent {
    /// `error`
    Error,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(RunDoneEventEvent open { Error = "error" });

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Problem {
    pub message: String,
}

impl<'de> serde::Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Problem {
    const NAME: &'static str = "Problem";

    const FIELDS: &'static [&'static str] = &["message"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut message = None;
        while let Some(index) = map.next_field()? {
            if index == 0 {
                map.value(&mut message)?;
            }
        }
        Ok(Self {
            message: map.required(message, "message")?,
        })
    }
}

/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunStepEventThreadRunCreatedEvent {
    /// `thread.run.created`
    ThreadRunCreated,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    RunStepEventThreadRunCreatedEvent open { ThreadRunCreated = "thread.run.created" }
);

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct Run {
    pub id: String,
    pub status: String,
}

impl<'de> serde::Deserialize<'de> for Run {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for Run {
    const NAME: &'static str = "Run";

    const FIELDS: &'static [&'static str] = &["id", "status"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut status = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut status)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
            status: map.required(status, "status")?,
        })
    }
}

/// Values the spec does not list decode as `Unknown`, so a server that adds a value does not break this client.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RunStepEventThreadRunCompletedEvent {
    /// `thread.run.completed`
    ThreadRunCompleted,
    /// A value the spec does not list.
    Unknown(String),
}

runtime::string_enum!(
    RunStepEventThreadRunCompletedEvent open { ThreadRunCompleted =
    "thread.run.completed" }
);

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "full-serde", derive(serde::Serialize))]
pub struct FileRecord {
    pub id: String,
    pub bytes: i64,
}

impl<'de> serde::Deserialize<'de> for FileRecord {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

impl runtime::FromObject for FileRecord {
    const NAME: &'static str = "FileRecord";

    const FIELDS: &'static [&'static str] = &["id", "bytes"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut id = None;
        let mut bytes = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut id)?,
                1 => map.value(&mut bytes)?,
                _ => {}
            }
        }
        Ok(Self {
            id: map.required(id, "id")?,
            bytes: map.required(bytes, "bytes")?,
        })
    }
}

#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CreateFileBody {
    /// The file to upload.
    pub file: runtime::Upload,
    /// What the file is for.
    pub purpose: String,
}

impl CreateFileBody {
    /// Creates one from its fields.
    pub fn new(file: impl Into<runtime::Upload>, purpose: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            purpose: purpose.into(),
        }
    }
}

#[cfg(feature = "full-serde")]
impl<'de> serde::Deserialize<'de> for CreateFileBody {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        runtime::deserialize_object(deserializer)
    }
}

#[cfg(feature = "full-serde")]
impl runtime::FromObject for CreateFileBody {
    const NAME: &'static str = "CreateFileBody";

    const FIELDS: &'static [&'static str] = &["file", "purpose"];

    fn from_map<'de, A: serde::de::MapAccess<'de>>(
        mut map: runtime::Object<'de, A>,
    ) -> Result<Self, A::Error> {
        let mut file = None;
        let mut purpose = None;
        while let Some(index) = map.next_field()? {
            match index {
                0 => map.value(&mut file)?,
                1 => map.value(&mut purpose)?,
                _ => {}
            }
        }
        Ok(Self {
            file: map.required(file, "file")?,
            purpose: map.required(purpose, "purpose")?,
        })
    }
}
