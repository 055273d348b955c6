//! `cargo xtask test`: installs the tools the tests need, then runs the whole test suite.

/// Runs the task.
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not implemented yet".to_owned())
}
