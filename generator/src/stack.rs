//! Stack room for the stages whose depth of recursion follows the input's
//! nesting: parsing (serde and `openapiv3`, up to the parsers' limit of 128
//! levels) and formatting (syn and prettyplease, as deep as the types the
//! lowering bounds). Their depth is bounded, but their frames are large: the
//! deepest spec the JSON parser accepts needs about 8 MiB of stack in a debug
//! build. They run on the threads of one rayon pool whose stacks are [`STACK`]
//! bytes, so the caller's own stack size (a 2 MiB test thread, say) never
//! matters.

use std::sync::OnceLock;

use rayon::{ThreadPool, ThreadPoolBuilder};

/// The stack of a thread that parses or formats: reserved, and only used as deep as needed.
const STACK: usize = 64 << 20;

/// The pool of [`STACK`]-stack threads, one per core (or `RAYON_NUM_THREADS`),
/// built on first use and kept for the life of the process. `None` when no
/// thread could be started.
pub(crate) fn pool() -> Option<&'static ThreadPool> {
    static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        ThreadPoolBuilder::new()
            .stack_size(STACK)
            .thread_name(|index| format!("openapi-generator-{index}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on a thread of the [`pool`] and returns its result; runs it on
/// this thread if no thread can be started. A panic in `f` goes on in the
/// caller, as if `f` had been called directly.
pub(crate) fn with_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    match pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_on_a_large_stack_thread_of_the_pool() {
        let name = with_stack(|| std::thread::current().name().map(str::to_owned));
        assert!(name.is_some_and(|n| n.starts_with("openapi-generator-")));
        // 16 MiB of locals: far more than this test thread's stack holds.
        let sum = with_stack(|| {
            let big = [1u8; 16 << 20];
            std::hint::black_box(&big).iter().map(|&b| usize::from(b)).sum::<usize>()
        });
        assert_eq!(sum, 16 << 20);
        // Nested use from a pool thread runs in place instead of waiting on the pool.
        assert_eq!(with_stack(|| with_stack(|| 7)), 7);
    }

    #[test]
    fn a_panic_goes_on_in_the_caller() {
        let caught = std::panic::catch_unwind(|| with_stack(|| panic!("deep")));
        let message = caught.err().and_then(|p| p.downcast_ref::<&str>().map(|s| (*s).to_owned()));
        assert_eq!(message.as_deref(), Some("deep"));
    }
}
