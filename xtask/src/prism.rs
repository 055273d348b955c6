//! Starting Stoplight Prism as an independent mock server of a spec: the Prism
//! conformance tests serve `spec/openapi.yaml`, `cargo xtask conformance` each
//! spec of a corpus.
//!
//! [`Prism::start`] runs `prism mock --errors -h 127.0.0.1 -p PORT spec/openapi.yaml`
//! on a free loopback port and waits until Prism says it is listening and accepts
//! connections. Prism validates every request against the spec (a body that breaks
//! the schema gets `422`, missing credentials `401`) and answers with the spec's
//! examples; `--errors` turns a response that breaks the spec into an error, and any
//! other violation is reported in the `sl-violations` response header.
//!
//! Prism is not supervised directly: it runs under a small `sh` watchdog that kills
//! it as soon as the watchdog's standard input closes. Dropping the [`Prism`] guard
//! closes that pipe, and so does the end of the test process, however it ends; so a
//! `Prism` kept in a `static` (which is never dropped) leaves no process behind.
//!
//! The binary is `$PRISM_BIN`, or else `.tools/prism/node_modules/.bin/prism` in the
//! workspace; `cargo xtask test` installs it there.

use std::ffi::OsStr;
use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use crate::workspace_root;

/// The Prism version the project installs.
pub const PRISM_VERSION: &str = crate::test_task::PRISM_VERSION;

/// The one-line setup that installs Prism where the tests look for it, run from the
/// workspace root.
pub const INSTALL_COMMAND: &str = "npm install --prefix .tools/prism @stoplight/prism-cli@5.16.0";

/// How long Prism may take to start. It takes 1-2 s for a small spec on an idle
/// machine, and 16 s for GitHub's 13 MB on a loaded 2-core one; the bound only
/// matters when Prism never starts. What decides the time is not the size of the
/// document but the shape of its schemas: Prism walks the dereferenced schemas as a
/// tree, once per path that reaches a shared schema, and on Stripe's 2.5 MB that
/// walk does not end (`conformance::spec_bugs::UNSERVABLE`, which the conformance
/// run does not start Prism for).
const START_TIMEOUT: Duration = Duration::from_secs(600);

/// How many ports are tried when another process takes the chosen port first.
const PORT_ATTEMPTS: usize = 5;

/// The watchdog. `$0` is the Prism binary and `$@` its arguments; Prism's output
/// goes to the log file the caller opened as stdout and stderr. Prism runs in the
/// background with stdin from /dev/null; a second background job holds the
/// original stdin (fd 3) and kills Prism once it reads EOF there (SIGTERM, then
/// SIGKILL if Prism is still alive after 5 s) and removes the log file
/// `$PRISM_LOG`. The shell itself waits for Prism and exits with its status, so
/// the caller sees Prism exit.
const WATCHDOG: &str = r#"exec 3<&0
"$0" "$@" </dev/null 3<&- &
prism=$!
(
  cat <&3 >/dev/null
  if kill "$prism" 2>/dev/null; then
    i=0
    while kill -0 "$prism" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$prism" 2>/dev/null
  fi
  rm -f "$PRISM_LOG"
) </dev/null >/dev/null 2>&1 &
exec 3<&-
wait "$prism"
"#;

/// A running Prism mock server. Dropping it stops Prism.
pub struct Prism {
    child: Child,
    /// The write end of the watchdog's stdin; closing it stops Prism.
    stdin: Option<ChildStdin>,
    port: u16,
    log: PathBuf,
}

impl std::fmt::Debug for Prism {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prism").field("port", &self.port).field("log", &self.log).finish_non_exhaustive()
    }
}

/// Where the Prism binary is expected when `PRISM_BIN` is not set.
pub fn default_binary() -> PathBuf {
    workspace_root().join(".tools/prism/node_modules/.bin/prism")
}

/// The Prism binary: `$PRISM_BIN`, or else [`default_binary`]. The error says how
/// to install it.
pub fn binary() -> Result<PathBuf, String> {
    find_binary(std::env::var_os("PRISM_BIN").as_deref())
}

/// The Prism binary given the value of `PRISM_BIN` (unset or empty: the default
/// location). The error says how to install it.
pub fn find_binary(prism_bin: Option<&OsStr>) -> Result<PathBuf, String> {
    let (path, source) = match prism_bin {
        Some(value) if !value.is_empty() => (PathBuf::from(value), "PRISM_BIN"),
        _ => (default_binary(), "the default location"),
    };
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "Stoplight Prism is not installed: no file at {} ({source}).\n\
             The Prism conformance tests need it. Install it with either\n  \
             cargo xtask test            (installs Prism, then runs every test)\n\
             or, from the workspace root {},\n  \
             {INSTALL_COMMAND}\n\
             or point PRISM_BIN at a `prism` binary (version {PRISM_VERSION}).",
            path.display(),
            workspace_root().display(),
        ))
    }
}

/// Why one attempt to start Prism failed.
enum StartError {
    /// Another process took the port between choosing it and Prism binding it.
    PortTaken,
    /// Anything else; the message includes Prism's output.
    Failed(String),
}

impl Prism {
    /// Starts Prism on a free loopback port for `spec/openapi.yaml` and waits until
    /// it accepts connections.
    pub fn start() -> Result<Prism, String> {
        Self::start_with(&workspace_root().join("spec/openapi.yaml"))
    }

    /// Starts Prism for the given spec.
    pub fn start_with(spec: &Path) -> Result<Prism, String> {
        Self::start_with_options(spec, &[])
    }

    /// Starts Prism for the given spec with more options of `prism mock`
    /// (such as `--seed VALUE`).
    pub fn start_with_options(spec: &Path, options: &[&str]) -> Result<Prism, String> {
        let binary = binary()?;
        let mut last = String::new();
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port()?;
            match Self::start_on(&binary, spec, port, options) {
                Ok(prism) => return Ok(prism),
                Err(StartError::PortTaken) => last = format!("port {port} was taken before Prism could bind it"),
                Err(StartError::Failed(message)) => return Err(message),
            }
        }
        Err(format!("could not start Prism after {PORT_ATTEMPTS} attempts: {last}"))
    }

    /// Starts Prism on the given port, without trying another one when it is taken
    /// (the error then says so).
    pub fn start_on_port(port: u16) -> Result<Prism, String> {
        let binary = binary()?;
        match Self::start_on(&binary, &workspace_root().join("spec/openapi.yaml"), port, &[]) {
            Ok(prism) => Ok(prism),
            Err(StartError::PortTaken) => Err(format!("port {port} is already in use (EADDRINUSE)")),
            Err(StartError::Failed(message)) => Err(message),
        }
    }

    fn start_on(binary: &Path, spec: &Path, port: u16, options: &[&str]) -> Result<Prism, StartError> {
        let log = std::env::temp_dir().join(format!("prism-{}-{port}.log", std::process::id()));
        let failed = |what: String| StartError::Failed(what);
        let out = fs::File::create(&log).map_err(|e| failed(format!("cannot create {}: {e}", log.display())))?;
        let err = out.try_clone().map_err(|e| failed(format!("cannot open {}: {e}", log.display())))?;
        let port_text = port.to_string();
        let child = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg(binary)
            .args(["mock", "--errors", "-h", "127.0.0.1", "-p", &port_text])
            .args(options)
            .arg(spec)
            .current_dir(workspace_root())
            .env("PRISM_LOG", &log)
            .stdin(Stdio::piped())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| failed(format!("cannot run `sh` to start Prism ({}): {e}", binary.display())))?;
        let mut prism = Prism { stdin: None, child, port, log };
        prism.stdin = prism.child.stdin.take();
        prism.wait_until_ready()?;
        Ok(prism)
    }

    /// Waits until Prism logs that it listens on our port and a TCP connection
    /// succeeds; fails when Prism exits or [`START_TIMEOUT`] passes.
    fn wait_until_ready(&mut self) -> Result<(), StartError> {
        let started = Instant::now();
        let listening = format!("Prism is listening on http://127.0.0.1:{}", self.port);
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        loop {
            let output = self.output();
            if output.contains(&listening) && TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok() {
                return Ok(());
            }
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    let output = self.output();
                    if output.contains("EADDRINUSE") {
                        return Err(StartError::PortTaken);
                    }
                    return Err(StartError::Failed(format!(
                        "Prism exited ({status}) before listening on 127.0.0.1:{}. Its output:\n{output}",
                        self.port
                    )));
                }
                Ok(None) => {}
                Err(e) => return Err(StartError::Failed(format!("cannot check on the Prism process: {e}"))),
            }
            if started.elapsed() > START_TIMEOUT {
                return Err(StartError::Failed(format!(
                    "Prism did not start listening on 127.0.0.1:{} within {} s. Its output:\n{}",
                    self.port,
                    START_TIMEOUT.as_secs(),
                    self.output()
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The port Prism listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base URL of the mock, such as `http://127.0.0.1:40123`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything Prism has printed so far (its request log), for failure messages.
    pub fn output(&self) -> String {
        fs::read(&self.log).map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).unwrap_or_default()
    }

    /// The last `lines` lines Prism printed.
    pub fn output_tail(&self, lines: usize) -> String {
        let output = self.output();
        let all: Vec<&str> = output.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Closing the watchdog's stdin makes it stop Prism; the shell then exits.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() > deadline => {
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        let _ = fs::remove_file(&self.log);
    }
}

/// A port that was free a moment ago: bind 127.0.0.1:0 and release it.
fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot bind a loopback port for Prism: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| format!("cannot read the bound port: {e}"))
}
