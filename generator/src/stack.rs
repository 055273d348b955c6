//! Stack room for the stages whose depth of recursion follows the input's
//! nesting: parsing (serde and `openapiv3`, up to the parsers' limit of 128
//! levels) and formatting (syn and prettyplease, as deep as the types the
//! lowering bounds). Their depth is bounded, but their frames are large: the
//! deepest spec the JSON parser accepts needs about 8 MiB of stack in a debug
//! build. They run on a thread with a stack of [`STACK`] bytes, so the caller's
//! own stack size (a 2 MiB test thread, say) never matters.

use std::sync::{Mutex, PoisonError};

/// The stack of a thread that parses or formats: reserved, and only used as deep as needed.
pub(crate) const STACK: usize = 64 << 20;

/// Runs `f` on a thread with a [`STACK`]-byte stack and returns its result;
/// runs it on this thread if no thread can be started. A panic in `f` goes on
/// in the caller, as if `f` had been called directly.
pub(crate) fn with_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    let slot = Mutex::new(Some(f));
    let take = || slot.lock().unwrap_or_else(PoisonError::into_inner).take();
    let from_thread: Option<T> = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("openapi-generator".to_owned())
            .stack_size(STACK)
            .spawn_scoped(scope, || take().map(|f| f()))
            .ok()?;
        match handle.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    match (from_thread, take()) {
        (Some(result), _) => result,
        (None, Some(f)) => f(),
        (None, None) => unreachable!("a started thread takes the function and returns its result"),
    }
}
