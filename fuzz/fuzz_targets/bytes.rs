//! Arbitrary bytes, as text, through the whole pipeline: load, and when it
//! loads, lower, emit and format. Invalid UTF-8 is decoded lossily, so every
//! input is tried.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    openapi_rust_generator_fuzz::run(&text);
});
