//! Starting Stoplight Prism as an independent mock server of `spec/openapi.yaml`.
