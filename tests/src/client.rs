//! The SendKit client as the tests configure it, with credentials that must never
//! leak, and the checks that they do not.

use std::fmt::Debug;
use std::time::Duration;

use sendkit::{Client, ClientBuilder, Error};

/// The API key every test client sends.
pub const API_KEY: &str = "sk_live_TESTKEY_5f0c2b9e7d";
/// The bearer token every test client sends.
pub const BEARER_TOKEN: &str = "tok_TESTTOKEN_a93e11c4b8";
/// A webhook signing secret the tests put in request and response bodies.
pub const SIGNING_SECRET: &str = "whsec_TESTSIGNING_77d2e0f1";

/// Every secret of the tests: none may appear in `Debug`, `Display` or error text.
pub const SECRETS: [&str; 3] = [API_KEY, BEARER_TOKEN, SIGNING_SECRET];

/// A builder for `base_url` with both credentials and otherwise default settings.
pub fn with_credentials(base_url: impl Into<String>) -> ClientBuilder {
    Client::builder().base_url(base_url).api_key(API_KEY).bearer_token(BEARER_TOKEN)
}

/// A builder for a local test server: both credentials, a 3 s timeout, a 1 s connect
/// timeout and a fast backoff (1 to 10 ms); tests tighten what they exercise.
pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
    with_credentials(base_url)
        .timeout(Duration::from_secs(3))
        .connect_timeout(Duration::from_secs(1))
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(10))
}

/// A client from [`builder`].
///
/// # Panics
///
/// If the client cannot be built (a test setup failure).
pub fn client(base_url: impl Into<String>) -> Client {
    builder(base_url).build().expect("the client builds")
}

/// Fails, naming `what`, when any of [`SECRETS`] appears in `text`.
pub fn assert_no_secret(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{what} leaks a secret: {text}");
    }
}

/// Checks the `Debug` (plain and pretty), `Display` and source chain of an error for
/// secrets; `what` names the error in the failure message.
pub fn assert_error_is_clean<E: Debug>(what: &str, error: &Error<E>) {
    assert_no_secret(&format!("{what}: Debug of the error"), &format!("{error:?} {error:#?}"));
    assert_no_secret(&format!("{what}: Display of the error"), &error.to_string());
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        assert_no_secret(&format!("{what}: the error's source"), &format!("{cause} {cause:?}"));
        source = cause.source();
    }
}

/// Fails, naming `what`, unless `min <= elapsed < max`.
pub fn assert_elapsed(what: &str, elapsed: Duration, min: Duration, max: Duration) {
    assert!(elapsed >= min && elapsed < max, "{what}: elapsed {elapsed:?} not within [{min:?}, {max:?})");
}
