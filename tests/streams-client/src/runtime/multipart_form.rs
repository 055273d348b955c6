// This file is @generated from tests/fixtures/valid/streams.yaml by openapi-rust-generator. Do not edit it by hand.
// Regenerate it with: cargo xtask codegen

//! `multipart/form-data` bodies whose parts the spec does not describe (no
//! schema, or `{}`): the caller names each part.

use super::{Part, Payload, Upload, multipart_body};

/// A `multipart/form-data` body built part by part, for an operation whose
/// spec names no field.
#[derive(Clone, Default)]
pub struct MultipartForm {
    parts: Vec<FormPart>,
}

#[derive(Clone)]
enum FormPart {
    Text(String, String),
    File(String, String, Upload),
}

impl MultipartForm {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(FormPart::Text(name.into(), value.into()));
        self
    }

    /// Adds a file part: its field name, the file name sent with it, and its
    /// contents (bytes, a file read as it is sent, or a stream).
    pub fn file(mut self, name: impl Into<String>, file_name: impl Into<String>, contents: impl Into<Upload>) -> Self {
        self.parts.push(FormPart::File(name.into(), file_name.into(), contents.into()));
        self
    }
}

impl std::fmt::Debug for MultipartForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The names of the parts only: their contents may be secret.
        let names: Vec<&str> = self
            .parts
            .iter()
            .map(|part| match part {
                FormPart::Text(name, _) | FormPart::File(name, _, _) => name.as_str(),
            })
            .collect();
        f.debug_struct("MultipartForm").field("parts", &names).finish()
    }
}

/// The body of a form.
pub(crate) fn multipart_form_body(form: &MultipartForm) -> Payload {
    let parts = form
        .parts
        .iter()
        .map(|part| match part {
            FormPart::Text(name, value) => Part::text(name, value.clone()),
            FormPart::File(name, file_name, upload) => Part::file(name, file_name, upload),
        })
        .collect();
    multipart_body(parts)
}
