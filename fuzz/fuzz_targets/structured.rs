//! JSON-shaped OpenAPI documents built with `arbitrary` (see `src/spec/`):
//! components that reference each other (with cycles), every schema keyword
//! the generator reads, parameters of every location and style, bodies of
//! several media types, responses by code, range and default, security;
//! written as JSON or YAML and run through the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use openapi_rust_generator_fuzz::spec::Spec;

fuzz_target!(|spec: Spec| {
    openapi_rust_generator_fuzz::run(&spec.text());
});
