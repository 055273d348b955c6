//! A scriptable HTTP/1.1 test server on 127.0.0.1 that records requests byte for byte.
