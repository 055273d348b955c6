//! The command line of `cargo xtask`: every task's usage text, and the parsing
//! of its arguments (with `lexopt`) into a [`Task`]. A usage error is reported
//! with the task's synopsis and exits with code 2; a failing task exits with 1.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::prelude::*;

use generator::write::{Action, Job, Overwrite, Setting, Settings};

use crate::codegen;
use crate::conformance;
use crate::corpus::{self, Run};
use crate::deps;
use crate::{test_task, workspace_root};

/// `cargo xtask --help`.
pub static USAGE: Help = Help {
    command: "cargo xtask",
    text: "\
usage: cargo xtask TASK [OPTIONS]

tasks:
  codegen [--check | --force] [--spec PATH --out DIR] [--config FILE] [SETTINGS]
      Regenerate generated/ from spec/openapi.yaml, tests/example-workspace/petstore/
      and tests/streams-client/ (or generated/ with these options, or DIR from PATH).
      --check writes nothing and fails when the files on disk differ.
  corpus DIR [--only NAME]... [--no-compile] [--clippy] [--all-features] [--feature-sets] [--tls-sets] [--max-size BYTES] [--work DIR]
      Generate (and check with cargo, or lint with clippy) a crate for every spec in DIR,
      and print a table.
  conformance DIR [--only NAME]... [--max-size BYTES] [--work DIR]
      Call every operation of every spec's generated client against Prism serving
      the spec, and print a table of request violations and decode failures.
  test [-- CARGO_TEST_ARGS...]
      Install the tools the tests need (Stoplight Prism, with npm) and run the whole test suite.
  deps (--newest | --minimal) [--work DIR]
      Lint copies of the generated crates against freshly resolved dependencies:
      the newest versions, or the lowest their requirements admit.

`cargo xtask TASK --help` describes a task's options.
",
};

/// `cargo xtask codegen --help`.
pub static CODEGEN_USAGE: Help = Help {
    command: "cargo xtask codegen",
    text: "\
usage: cargo xtask codegen [--check | --force] [--spec PATH --out DIR] [--config FILE] [SETTINGS]

Generates a client crate from an OpenAPI document. Without options, regenerates
every generated crate the repository commits: generated/ from spec/openapi.yaml,
tests/example-workspace/petstore/ from that workspace's api/openapi.yaml, and
tests/streams-client/ from tests/fixtures/valid/streams.yaml (each with the
settings of the openapi-rust-generator.toml beside its spec, when there is one);
--config and the settings without --spec apply to generated/. Writes only the
files whose text changed (each through a temporary file and a rename) and
removes generated files that are no longer produced; never replaces a file it
did not write. An invalid spec gets diagnostics and nothing is written. This is
`openapi-rust-generator generate` (`cargo install --path generator`) with this
repository's defaults; `openapi-rust-generator --help` describes the config file.

options:
  --check             Write nothing; fail, naming each stale file with a diff,
                      when the files on disk differ from the generated ones.
  --force             Overwrite files without the generated header where
                      generated files go (what they hold is lost).
  --spec PATH         The OpenAPI document to read (given with --out).
  --out DIR           The crate directory to write (given with --spec).
  --config FILE       The config file (by default openapi-rust-generator.toml
                      beside the spec, when there is one). The settings given
                      here replace its settings.
  -h, --help          Print this help.

settings (as `openapi-rust-generator generate` takes them; each is also a key
of the config file):
  --crate-name NAME   The Cargo package name (by default info.x-rust-crate-name,
                      else derived from info.title).
  --only SELECTOR     Generate only the operations a selector matches: tag:NAME,
                      an operationId, or 'METHOD /path' (repeatable), and only
                      the types they use.
  --base-url URL      The client's default base URL, instead of the spec's first server.
  --type SCHEMA=TYPE  Write a schema as a Rust type of your own (repeatable).
  --dependency NAME=REQUIREMENT
                      Add a dependency to the generated Cargo.toml (repeatable).
  --no-tag-features   No cargo feature per tag.
  --regenerate-with COMMAND
                      The command the generated files' headers name.
  --idempotency-header NAME
                      The header that carries an idempotency key on POST and PATCH calls.
  --webhook-signatures SCHEME
                      The scheme that signs the API's webhooks (standard-webhooks).
",
};

/// `cargo xtask corpus --help`.
pub static CORPUS_USAGE: Help = Help {
    command: "cargo xtask corpus",
    text: "\
usage: cargo xtask corpus DIR [--only NAME]... [--no-compile] [--clippy] [--all-features] [--feature-sets] [--tls-sets] [--max-size BYTES] [--work DIR]

Generates a crate for every spec (.json, .yaml, .yml) in DIR into one cargo
workspace, checks them all with warnings denied, and prints a Markdown table.
Fails when a document does not generate (every operation), compile or pass.

options:
  --only NAME         Only the specs whose file name contains NAME (repeatable).
  --no-compile        Generate only; do not run cargo.
  --clippy            Lint with clippy instead of `cargo check`.
  --all-features      Build with every feature of the generated crates.
  --feature-sets      Also check each crate that has a feature per tag with no
                      default features, and with each tag's feature alone (with
                      --all-features, each with `full-serde` too).
  --tls-sets          Also check every crate on the TLS features `rustls-ring`
                      and `native-tls` instead of the default `rustls`, and with
                      no TLS feature.
  --max-size BYTES    Skip specs larger than BYTES.
  --work DIR          The workspace of generated crates (default: target/corpus).
  -h, --help          Print this help.
",
};

/// `cargo xtask conformance --help`.
pub static CONFORMANCE_USAGE: Help = Help {
    command: "cargo xtask conformance",
    text: "\
usage: cargo xtask conformance DIR [--only NAME]... [--max-size BYTES] [--work DIR]

For every spec (.json, .yaml, .yml) in DIR: generates the client crate and a
harness that calls every operation once per documented status, builds them in
one cargo workspace, and runs each harness against `prism mock --errors`
serving that spec (Prism from PRISM_BIN, else .tools/prism). Arguments are the
spec's examples where it has them, else values built from the schema. Prints a
Markdown table (request violations, decode failures, skipped operations), the
failures, and a summary; fails when a failure is not a known spec bug or a spec
does not run.

options:
  --only NAME         Only the specs whose file name contains NAME (repeatable).
  --max-size BYTES    Skip specs larger than BYTES.
  --work DIR          The workspace of crates and harnesses (default: target/conformance).
  -h, --help          Print this help.
",
};

/// `cargo xtask test --help`.
pub static TEST_USAGE: Help = Help {
    command: "cargo xtask test",
    text: "\
usage: cargo xtask test [-- CARGO_TEST_ARGS...]

Installs Stoplight Prism (the mock server the conformance tests run against)
into .tools/prism with npm unless that version is there, then runs
`cargo test --workspace` with PRISM_BIN pointing at it. Every argument goes to
`cargo test` (a leading `--` is dropped), e.g. `cargo xtask test -- --test prism`.

options:
  -h, --help          Print this help (as the first argument).
",
};

/// `cargo xtask deps --help`.
pub static DEPS_USAGE: Help = Help {
    command: "cargo xtask deps",
    text: "\
usage: cargo xtask deps (--newest | --minimal) [--work DIR]

Copies the committed generated crates (generated/, tests/streams-client,
tests/example-workspace/petstore) into a workspace of their own, resolves their
dependencies afresh, as a user's build does, and lints them with clippy,
warnings denied: with their default features, and SendKit's also on each other
TLS feature and with none. A failure lists the dependencies that resolved to
versions this repository's lockfiles do not have. Builds share target/.

options:
  --newest            The newest versions the requirements admit.
  --minimal           The lowest versions the requirements admit
                      (`cargo +nightly update -Z direct-minimal-versions`; needs
                      the nightly toolchain), with a crate of every fixture spec
                      among the copies; then the generator's own crate, as
                      `cargo install --path generator` builds it, the same way.
  --work DIR          Where the copies go (default: target/deps-newest or
                      target/deps-minimal).
  -h, --help          Print this help.
",
};

/// The help of a task: the command, and the text `--help` prints (its first
/// line is the synopsis).
#[derive(Debug, PartialEq, Eq)]
pub struct Help {
    /// The command, e.g. `cargo xtask codegen`.
    pub command: &'static str,
    /// The text.
    pub text: &'static str,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Task {
    /// Print this text and succeed.
    Help(&'static Help),
    /// `codegen`: generate, and write or compare.
    Codegen {
        /// What to generate, and where.
        jobs: Vec<Job>,
        /// Write (replacing files without the generated header with
        /// `--force`), or compare with the files on disk (`--check`).
        action: Action,
    },
    /// `corpus`: generate and check every spec of a directory.
    Corpus(Run),
    /// `conformance`: call every operation of every spec's client against Prism.
    Conformance(conformance::Run),
    /// `test`: install Prism and run `cargo test --workspace` with these arguments.
    Test(Vec<OsString>),
    /// `deps`: lint the generated crates against freshly resolved dependencies.
    Deps(deps::Check),
}

/// A command line that does not say what to do, and the help of the task it
/// was for (the general help when no task was recognised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// What is wrong with the arguments.
    pub message: String,
    /// The help of the task.
    pub usage: &'static Help,
}

impl fmt::Display for UsageError {
    /// The message, the task's synopsis, and where to find more.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let synopsis = self.usage.text.lines().next().unwrap_or_default();
        write!(f, "error: {}\n\n{synopsis}\n\nFor more, run `{} --help`.", self.message, self.usage.command)
    }
}

/// Parses the arguments after `cargo xtask`.
pub fn parse<I>(args: I) -> Result<Task, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let mut parser = lexopt::Parser::from_args(args);
    let usage_error = |usage| move |error: lexopt::Error| UsageError { message: error.to_string(), usage };
    let task = match parser.next().map_err(usage_error(&USAGE))? {
        None => return Err(UsageError { message: "no task given".to_owned(), usage: &USAGE }),
        Some(Short('h') | Long("help")) => return Ok(Task::Help(&USAGE)),
        Some(Value(task)) => task,
        Some(other) => return Err(usage_error(&USAGE)(other.unexpected())),
    };
    match task.to_str() {
        Some("help") => Ok(Task::Help(&USAGE)),
        Some("codegen") => parse_codegen(&mut parser).map_err(usage_error(&CODEGEN_USAGE)),
        Some("corpus") => parse_corpus(&mut parser).map_err(usage_error(&CORPUS_USAGE)),
        Some("conformance") => parse_conformance(&mut parser).map_err(usage_error(&CONFORMANCE_USAGE)),
        Some("test") => parse_test(&mut parser).map_err(usage_error(&TEST_USAGE)),
        Some("deps") => parse_deps(&mut parser).map_err(usage_error(&DEPS_USAGE)),
        _ => Err(UsageError { message: format!("unknown task {task:?}"), usage: &USAGE }),
    }
}

fn parse_codegen(parser: &mut lexopt::Parser) -> Result<Task, lexopt::Error> {
    let mut check = false;
    let mut force = false;
    let mut spec: Option<String> = None;
    let mut out: Option<String> = None;
    let mut config: Option<String> = None;
    let mut settings = Settings::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("check") => check = true,
            Long("force") => force = true,
            Long("spec") => spec = Some(parser.value()?.string()?),
            Long("out") => out = Some(parser.value()?.string()?),
            Long("config") => config = Some(parser.value()?.string()?),
            Short('h') | Long("help") => return Ok(Task::Help(&CODEGEN_USAGE)),
            Long(name) => {
                let Some(setting) = Setting::from_option(name) else { return Err(Long(name).unexpected()) };
                let value = match setting.value_name() {
                    Some(_) => Some(parser.value()?.string()?),
                    None => None,
                };
                settings.push(setting, value);
            }
            other => return Err(other.unexpected()),
        }
    }
    let action = match (check, force) {
        (true, true) => return Err("--check writes nothing: it cannot be combined with --force".into()),
        (true, false) => Action::Check,
        (false, true) => Action::Write(Overwrite::HandWritten),
        (false, false) => Action::Write(Overwrite::Never),
    };
    if spec.is_none() && out.is_none() && config.is_none() && settings.is_empty() {
        return Ok(Task::Codegen { jobs: codegen::default_jobs(), action });
    }
    let mut job = codegen::workspace_job();
    // The header's command must regenerate the same crate.
    let mut words: Vec<String> = codegen::COMMAND.split(' ').map(str::to_owned).collect();
    let mut spec_name = codegen::WORKSPACE_SPEC.to_owned();
    match (spec, out) {
        (None, None) => {}
        (Some(spec), Some(out)) => {
            words.extend(["--spec".to_owned(), spec.clone(), "--out".to_owned(), out.clone()]);
            job.spec = PathBuf::from(&spec);
            job.out = PathBuf::from(out);
            spec_name = spec;
        }
        (Some(_), None) => return Err("--spec needs --out (the crate directory to write)".into()),
        (None, Some(_)) => return Err("--out needs --spec (the OpenAPI document to read)".into()),
    }
    words.extend(settings.words());
    if let Some(config) = config {
        words.extend(["--config".to_owned(), config.clone()]);
        job.config = Some(PathBuf::from(config));
    }
    job.options = generator::Options::new(spec_name, generator::write::command_line(&words));
    settings.apply(&mut job.options)?;
    Ok(Task::Codegen { jobs: vec![job], action })
}

fn parse_corpus(parser: &mut lexopt::Parser) -> Result<Task, lexopt::Error> {
    let mut dir: Option<PathBuf> = None;
    let mut run = Run {
        dir: PathBuf::new(),
        only: Vec::new(),
        max_size: None,
        compile: true,
        work: workspace_root().join("target/corpus"),
        clippy: false,
        all_features: false,
        feature_sets: false,
        tls_sets: false,
        behaviour_tests: None,
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("only") => run.only.push(parser.value()?.string()?),
            Long("no-compile") => run.compile = false,
            Long("clippy") => run.clippy = true,
            Long("all-features") => run.all_features = true,
            Long("feature-sets") => run.feature_sets = true,
            Long("tls-sets") => run.tls_sets = true,
            Long("max-size") => {
                let text = parser.value()?.string()?;
                let bytes = text.parse().map_err(|_| format!("--max-size: `{text}` is not a number of bytes"))?;
                run.max_size = Some(bytes);
            }
            Long("work") => run.work = parser.value()?.into(),
            Short('h') | Long("help") => return Ok(Task::Help(&CORPUS_USAGE)),
            Value(value) if dir.is_none() => dir = Some(value.into()),
            other => return Err(other.unexpected()),
        }
    }
    run.dir = dir.ok_or("missing the directory of specs (DIR)")?;
    Ok(Task::Corpus(run))
}

fn parse_conformance(parser: &mut lexopt::Parser) -> Result<Task, lexopt::Error> {
    let mut dir: Option<PathBuf> = None;
    let mut run = conformance::Run {
        dir: PathBuf::new(),
        only: Vec::new(),
        max_size: None,
        work: workspace_root().join("target/conformance"),
    };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("only") => run.only.push(parser.value()?.string()?),
            Long("max-size") => {
                let text = parser.value()?.string()?;
                let bytes = text.parse().map_err(|_| format!("--max-size: `{text}` is not a number of bytes"))?;
                run.max_size = Some(bytes);
            }
            Long("work") => run.work = parser.value()?.into(),
            Short('h') | Long("help") => return Ok(Task::Help(&CONFORMANCE_USAGE)),
            Value(value) if dir.is_none() => dir = Some(value.into()),
            other => return Err(other.unexpected()),
        }
    }
    run.dir = dir.ok_or("missing the directory of specs (DIR)")?;
    Ok(Task::Conformance(run))
}

fn parse_test(parser: &mut lexopt::Parser) -> Result<Task, lexopt::Error> {
    let mut args: Vec<OsString> = parser.raw_args()?.collect();
    match args.first().and_then(|a| a.to_str()) {
        Some("-h" | "--help") => return Ok(Task::Help(&TEST_USAGE)),
        Some("--") => {
            args.remove(0);
        }
        _ => {}
    }
    Ok(Task::Test(args))
}

fn parse_deps(parser: &mut lexopt::Parser) -> Result<Task, lexopt::Error> {
    let mut resolution = None;
    let mut work: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("newest") | Long("minimal") if resolution.is_some() => {
                return Err("give one of --newest and --minimal".into());
            }
            Long("newest") => resolution = Some(deps::Resolution::Newest),
            Long("minimal") => resolution = Some(deps::Resolution::Minimal),
            Long("work") => work = Some(parser.value()?.into()),
            Short('h') | Long("help") => return Ok(Task::Help(&DEPS_USAGE)),
            other => return Err(other.unexpected()),
        }
    }
    let resolution = resolution.ok_or("give --newest or --minimal")?;
    let work = work.unwrap_or_else(|| {
        workspace_root().join(match resolution {
            deps::Resolution::Newest => "target/deps-newest",
            deps::Resolution::Minimal => "target/deps-minimal",
        })
    });
    Ok(Task::Deps(deps::Check { resolution, work }))
}

/// Runs `cargo xtask` with these arguments (those after the program name):
/// exit code 0 on success, 1 when the task fails, 2 on a usage error; `test`
/// exits with the code of `cargo test`.
pub fn main_with<I>(args: I) -> ExitCode
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let task = match parse(args) {
        Ok(task) => task,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let result = match task {
        Task::Help(text) => {
            print!("{}", text.text);
            Ok(ExitCode::SUCCESS)
        }
        Task::Codegen { jobs, action } => codegen::run(&jobs, action).map(|()| ExitCode::SUCCESS),
        Task::Corpus(run) => corpus::run(&run).map(|()| ExitCode::SUCCESS),
        Task::Conformance(run) => conformance::run(&run).map(|()| ExitCode::SUCCESS),
        Task::Test(args) => test_task::run(&args),
        Task::Deps(check) => deps::run(&check).map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|message| {
        if !message.is_empty() {
            eprintln!("{message}");
        }
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests;
