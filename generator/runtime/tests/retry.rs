//! Retry decisions (`retry.rs`) as the attempt loop applies them: which
//! statuses and methods are retried, the backoff between attempts (its growth,
//! its cap, its jitter), and `Retry-After`. Delays are measured on tokio's
//! paused clock between the attempts the scripted server saw, so they are exact
//! to the millisecond tick of tokio's timer.

use std::time::{Duration, SystemTime};

use super::wire::{Sent, Wire, answer, call, core, get};
use crate::runtime::{Method, Request, RequestOptions};

const MS: Duration = Duration::from_millis(1);

/// The attempts of one call of `method` answered `status` every time, with
/// `headers`, one retry allowed.
async fn attempts(method: Method, status: u16, headers: &'static [(&'static str, &'static str)]) -> Vec<Sent> {
    attempts_with(method, status, headers, &RequestOptions::new()).await
}

async fn attempts_with(
    method: Method,
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    options: &RequestOptions,
) -> Vec<Sent> {
    let wire = Wire::new(move |_| answer(status, headers, ""));
    let client = core(&wire, |settings| settings.max_retries = 1);
    let raw = call(&client, options, Request::new(method, "/r".to_owned(), "op")).await;
    assert_eq!(raw.status(), status);
    wire.take()
}

/// The delays between consecutive attempts.
fn gaps(sent: &[Sent]) -> Vec<Duration> {
    sent.windows(2).map(|pair| pair[1].at - pair[0].at).collect()
}

/// Whether `gap` lies within the jitter range of a full backoff: `[full / 2, full]`
/// (plus the timer's millisecond tick).
fn within_jitter(gap: Duration, full: Duration) -> bool {
    gap >= full / 2 && gap <= full + MS
}

#[tokio::test(start_paused = true)]
async fn idempotent_requests_retry_every_retryable_status() {
    for status in [408, 429, 500, 501, 502, 503, 504, 599] {
        assert_eq!(attempts(Method::GET, status, &[]).await.len(), 2, "{status}");
    }
    for status in [200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 410, 422, 425, 499] {
        assert_eq!(attempts(Method::GET, status, &[]).await.len(), 1, "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn non_idempotent_requests_retry_only_429_and_503() {
    for method in [Method::POST, Method::PATCH, Method::CONNECT] {
        assert_eq!(attempts(method.clone(), 429, &[]).await.len(), 2, "{method} 429");
        assert_eq!(attempts(method.clone(), 503, &[]).await.len(), 2, "{method} 503");
        for status in [408, 500, 502, 504] {
            assert_eq!(attempts(method.clone(), status, &[]).await.len(), 1, "{method} {status}");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn idempotent_methods_are_the_safe_ones_put_delete_and_query() {
    let query = Method::from_bytes(b"QUERY").unwrap();
    for method in [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS, Method::TRACE, query] {
        assert_eq!(attempts(method.clone(), 500, &[]).await.len(), 2, "{method}");
    }
    // Method names are case-sensitive: `query` is not `QUERY`.
    let lower = Method::from_bytes(b"query").unwrap();
    assert_eq!(attempts(lower, 500, &[]).await.len(), 1);
    // A call may declare a non-idempotent request safe to repeat.
    let options = RequestOptions::new().retry_non_idempotent(true);
    assert_eq!(attempts_with(Method::POST, 500, &[], &options).await.len(), 2);
    assert_eq!(attempts_with(Method::POST, 408, &[], &options).await.len(), 2);
    assert_eq!(attempts_with(Method::POST, 404, &[], &options).await.len(), 1);
}

#[tokio::test(start_paused = true)]
async fn retries_stop_after_max_retries() {
    for retries in [0, 1, 3] {
        let wire = Wire::new(|_| answer(503, &[], ""));
        let client = core(&wire, |settings| settings.max_retries = retries);
        let raw = call(&client, &RequestOptions::new(), get()).await;
        assert_eq!(raw.status(), 503);
        assert_eq!(wire.take().len(), retries as usize + 1);
    }
    // A success ends them.
    let wire = Wire::new(|n| answer(if n < 2 { 500 } else { 200 }, &[], ""));
    let client = core(&wire, |settings| settings.max_retries = 5);
    assert_eq!(call(&client, &RequestOptions::new(), get()).await.status(), 200);
    assert_eq!(wire.take().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn backoff_doubles_up_to_its_cap_with_jitter_in_the_upper_half() {
    let wire = Wire::new(|_| answer(500, &[], ""));
    let client = core(&wire, |settings| {
        settings.max_retries = 6;
        settings.initial_backoff = Duration::from_millis(100);
        settings.max_backoff = Duration::from_millis(1000);
    });
    let mut firsts = Vec::new();
    for _ in 0..20 {
        call(&client, &RequestOptions::new(), get()).await;
        let gaps = gaps(&wire.take());
        let full = [100, 200, 400, 800, 1000, 1000].map(Duration::from_millis);
        assert_eq!(gaps.len(), full.len());
        for (gap, full) in gaps.iter().zip(full) {
            assert!(within_jitter(*gap, full), "gap {gap:?} outside [{:?}, {full:?}]: {gaps:?}", full / 2);
        }
        firsts.push(gaps[0]);
    }
    // Jitter: twenty first delays, drawn from 51 millisecond ticks, are not all alike.
    firsts.sort();
    firsts.dedup();
    assert!(firsts.len() > 1, "no jitter: {firsts:?}");
}

#[tokio::test(start_paused = true)]
async fn backoff_never_overflows() {
    // A huge initial delay saturates at the cap; the exponent stops growing.
    let wire = Wire::new(|_| answer(503, &[], ""));
    let client = core(&wire, |settings| {
        settings.max_retries = 40;
        settings.initial_backoff = Duration::MAX;
        settings.max_backoff = Duration::from_millis(20);
    });
    call(&client, &RequestOptions::new(), get()).await;
    let capped = gaps(&wire.take());
    assert_eq!(capped.len(), 40);
    assert!(capped.iter().all(|gap| within_jitter(*gap, Duration::from_millis(20))), "{capped:?}");
    // A zero initial delay retries at once.
    let client = core(&wire, |settings| {
        settings.max_retries = 3;
        settings.initial_backoff = Duration::ZERO;
    });
    call(&client, &RequestOptions::new(), get()).await;
    assert_eq!(gaps(&wire.take()), vec![Duration::ZERO; 3]);
}

/// The delay before the retry of a `503` that carries `Retry-After: value`,
/// or `None` when the call was not retried.
async fn retry_after(value: &str) -> Option<Duration> {
    let value = value.to_owned();
    let wire =
        Wire::new(move |n| if n == 0 { answer(503, &[("retry-after", &value)], "") } else { answer(200, &[], "") });
    let client = core(&wire, |settings| {
        settings.max_retries = 1;
        settings.initial_backoff = Duration::from_millis(100);
        settings.max_backoff = Duration::from_millis(100);
    });
    call(&client, &RequestOptions::new(), get()).await;
    gaps(&wire.take()).first().copied()
}

#[tokio::test(start_paused = true)]
async fn retry_after_in_seconds_is_the_delay() {
    assert_eq!(retry_after("3").await, Some(Duration::from_secs(3)));
    assert_eq!(retry_after(" 2 ").await, Some(Duration::from_secs(2)));
    assert_eq!(retry_after("0").await, Some(Duration::ZERO));
    assert_eq!(retry_after("007").await, Some(Duration::from_secs(7)));
    // Up to the client's bound (60 s by default) inclusive; past it, no retry.
    assert_eq!(retry_after("60").await, Some(Duration::from_secs(60)));
    assert_eq!(retry_after("61").await, None);
    assert_eq!(retry_after("18446744073709551615").await, None);
}

#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date_is_the_time_until_then() {
    let in_ten = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(10));
    let delay = retry_after(&in_ten).await.unwrap();
    // The date has whole seconds: between 9 and 10 seconds from now.
    assert!(delay > Duration::from_secs(8) && delay <= Duration::from_secs(10), "{delay:?}");
    // A date in the past: at once.
    assert_eq!(retry_after("Sun, 06 Nov 1994 08:49:37 GMT").await, Some(Duration::ZERO));
    // The obsolete formats HTTP still accepts.
    assert_eq!(retry_after("Sunday, 06-Nov-94 08:49:37 GMT").await, Some(Duration::ZERO));
    assert_eq!(retry_after("Sun Nov  6 08:49:37 1994").await, Some(Duration::ZERO));
    // A date past the bound: no retry.
    let in_an_hour = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3600));
    assert_eq!(retry_after(&in_an_hour).await, None);
}

#[tokio::test(start_paused = true)]
async fn unreadable_retry_after_falls_back_to_the_backoff() {
    for value in ["soon", "-5", "+3", "1.5", "3s", "", "Sun, 06 Nov 1994", "0x10"] {
        let delay = retry_after(value).await.unwrap();
        assert!(within_jitter(delay, Duration::from_millis(100)), "{value:?}: {delay:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_beyond_u64_is_past_the_bound() {
    // `18446744073709551615` (u64::MAX) is past the bound and ends the retries;
    // one more second is a longer wait still, and ends them too.
    assert_eq!(retry_after("18446744073709551616").await, None);
    assert_eq!(retry_after("99999999999999999999999999").await, None);
}

#[tokio::test(start_paused = true)]
async fn retry_after_does_not_make_a_status_retryable() {
    // `Retry-After` on a status that is not retried for the method changes nothing.
    assert_eq!(attempts(Method::GET, 400, &[("retry-after", "1")]).await.len(), 1);
    assert_eq!(attempts(Method::POST, 500, &[("retry-after", "1")]).await.len(), 1);
    // On a `429` of a POST it is the delay.
    let sent = attempts(Method::POST, 429, &[("retry-after", "4")]).await;
    assert_eq!(gaps(&sent), vec![Duration::from_secs(4)]);
}
