//! Unit tests of the runtime's parts.
