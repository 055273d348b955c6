//! The `openapi-rust-generator` command (`cargo install --path generator`):
//! `openapi-rust-generator generate SPEC --out DIR`. Its arguments are parsed
//! with `lexopt` into a [`generator::write::Job`] (each setting option through
//! [`generator::write::Setting`], as `cargo xtask codegen` parses its own);
//! the library generates and writes, and this command prints what it returns.
//! Exit codes: 0 success, 1 failure (the spec or config is invalid, a file
//! cannot be written, something the generator did not write is where a
//! generated file goes, or `--check` finds the crate out of date), 2 usage error.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use generator::write::{self, Action, Job, Overwrite, Setting, Settings};
use lexopt::prelude::*;

/// The generator allocates many small values (tokens, syntax trees) and frees
/// them again on every core; mimalloc does that in about half the time of the
/// system allocator (docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The program's name, as the headers of generated files write it.
const PROGRAM: &str = "openapi-rust-generator";

/// `--help`: the whole usage, in one place (its first line is the synopsis
/// that usage errors repeat).
const HELP: &str = "\
usage: openapi-rust-generator generate SPEC --out DIR [--check | --force] [--config FILE] [SETTINGS]

Generates a Rust client crate (Cargo.toml and src/) from an OpenAPI 3.0, 3.1
or 3.2 document, YAML or JSON, into DIR: typed requests and responses and one
async method per operation. Writes only the files whose text changed, each through a
temporary file and a rename, and removes the files an earlier generation wrote
that are no longer produced. Never replaces what it did not write: when a file
without the generated header (or a directory, or a symbolic link leading
outside DIR) is where a generated file goes, it lists each and writes nothing.
An invalid spec gets diagnostics (SPEC#/json/pointer: message, one per line;
warnings say `warning:`) and nothing is written; a failed write is undone.

options:
  --out DIR           The crate directory to write (created when missing).
  --check             Write nothing; fail, naming each file that differs (with a
                      diff), is missing or is left over, when DIR is not what
                      generation gives. For CI.
  --force             Overwrite files without the generated header where
                      generated files go (what they hold is lost; says how
                      many). Check first: --check lists them.
  --config FILE       The config file (by default openapi-rust-generator.toml
                      beside SPEC, when there is one). The settings given here
                      replace its settings.
  -h, --help          Print this help.
  -V, --version       Print the version.

settings (each is also a key of the config file, named after it):
  --crate-name NAME   The Cargo package name (by default info.x-rust-crate-name,
                      else derived from info.title).
  --only SELECTOR     Generate only the operations a selector matches, and only
                      the types they use (repeatable; an operation is kept when
                      any matches): tag:NAME, an operationId, or 'METHOD /path'.
  --base-url URL      The base URL the client uses by default, instead of the
                      spec's first server.
  --type SCHEMA=TYPE  Write a schema (a component schema's name or a JSON
                      pointer) as a Rust type of your own, e.g.
                      PetId=uuid::Uuid (repeatable; config: [types]).
  --dependency NAME=REQUIREMENT
                      Add a dependency to the generated Cargo.toml: a version
                      (uuid=1) or a Cargo.toml value
                      ('uuid={ version = \"1\", features = [\"serde\"] }')
                      (repeatable; config: [dependencies]).
  --no-tag-features   No cargo feature per tag: every operation is always
                      compiled (for code a build.rs includes into a crate of
                      your own; config: tag-features = false).
  --regenerate-with COMMAND
                      The command the headers of the generated files name as
                      the one that regenerates them (by default, this command).
  --idempotency-header NAME
                      The header that carries an idempotency key (as Stripe's
                      Idempotency-Key): each POST and PATCH call sends a fresh
                      one (unless given one) and is retried as idempotent.
  --webhook-signatures SCHEME
                      The scheme that signs the API's webhooks
                      (standard-webhooks): Webhook::verify_and_decode.

config file (TOML, every key optional):
  crate-name = \"petstore\"
  base-url = \"https://staging.example.com/v2\"  # the client's default base URL
  only = [\"tag:pets\", \"getInventory\", \"GET /users/{name}\"]
  regenerate-with = \"make client\"   # the command the file headers name
  tag-features = false              # no cargo feature per tag
  idempotency-header = \"Idempotency-Key\"  # fresh keys on POST and PATCH
  webhook-signatures = \"standard-webhooks\" # signed webhooks
  [types]                           # schemas as Rust types of your own, by
  PetId = \"uuid::Uuid\"              # component name or JSON pointer
  \"#/components/schemas/Pet/properties/owner\" = \"petstore_ids::OwnerId\"
  [dependencies]                    # added to the generated Cargo.toml
  uuid = { version = \"1\", features = [\"serde\"] }
  petstore-ids = { path = \"../petstore-ids\" }

example:
  openapi-rust-generator generate api/openapi.yaml --out crates/petstore --only tag:pets
  cargo build -p petstore       # with crates/petstore in your workspace's members
  openapi-rust-generator generate api/openapi.yaml --out crates/petstore --only tag:pets --check

exit status: 0 success; 1 an invalid spec or config, a file that cannot be
written, something in the way of a generated file, or with --check a crate
that is not up to date; 2 a usage error.
";

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    /// Print this text and succeed.
    Print(String),
    /// Generate (or check).
    Generate { job: Box<Job>, action: Action },
}

/// Parses the arguments after the program name.
fn parse(args: Vec<OsString>) -> Result<Command, String> {
    let mut parser = lexopt::Parser::from_args(args);
    let usage = |error: lexopt::Error| error.to_string();
    match parser.next().map_err(usage)? {
        None => Err("no command given (the command is `generate`)".to_owned()),
        Some(Short('h') | Long("help")) => Ok(Command::Print(HELP.to_owned())),
        Some(Short('V') | Long("version")) => Ok(Command::Print(format!("{PROGRAM} {}\n", env!("CARGO_PKG_VERSION")))),
        Some(Value(command)) if command == "generate" => parse_generate(&mut parser).map_err(usage),
        Some(Value(command)) if command == "help" => Ok(Command::Print(HELP.to_owned())),
        Some(Value(command)) => Err(format!("unknown command {command:?} (the command is `generate`)")),
        Some(other) => Err(other.unexpected().to_string()),
    }
}

fn parse_generate(parser: &mut lexopt::Parser) -> Result<Command, lexopt::Error> {
    let mut spec: Option<String> = None;
    let mut out: Option<String> = None;
    let mut check = false;
    let mut force = false;
    let mut config: Option<String> = None;
    let mut settings = Settings::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") | Short('o') => out = Some(parser.value()?.string()?),
            Long("check") => check = true,
            Long("force") => force = true,
            Long("config") => config = Some(parser.value()?.string()?),
            Short('h') | Long("help") => return Ok(Command::Print(HELP.to_owned())),
            Long(name) => {
                let Some(setting) = Setting::from_option(name) else { return Err(Long(name).unexpected()) };
                let value = match setting.value_name() {
                    Some(_) => Some(parser.value()?.string()?),
                    None => None,
                };
                settings.push(setting, value);
            }
            Value(value) if spec.is_none() => spec = Some(value.string()?),
            other => return Err(other.unexpected()),
        }
    }
    let spec = spec.ok_or("missing the OpenAPI document to read (SPEC)")?;
    let out = out.ok_or("missing --out DIR (the crate directory to write)")?;
    let action = match (check, force) {
        (true, true) => return Err("--check writes nothing: it cannot be combined with --force".into()),
        (true, false) => Action::Check,
        (false, true) => Action::Write(Overwrite::HandWritten),
        (false, false) => Action::Write(Overwrite::Never),
    };
    // The headers name the command that regenerates the same crate: this one, without --check or --force.
    let mut words = vec![PROGRAM.to_owned(), "generate".to_owned(), spec.clone(), "--out".to_owned(), out.clone()];
    words.extend(settings.words());
    if let Some(config) = &config {
        words.extend(["--config".to_owned(), config.clone()]);
    }
    let mut options = generator::Options::new(spec.clone(), write::command_line(&words));
    settings.apply(&mut options)?;
    let mut job = Job::new(spec, out, options);
    job.config = config.map(PathBuf::from);
    Ok(Command::Generate { job: Box::new(job), action })
}

fn main() -> ExitCode {
    let command = match parse(std::env::args_os().skip(1).collect()) {
        Ok(command) => command,
        Err(message) => {
            let synopsis = HELP.lines().next().unwrap_or_default();
            eprintln!("error: {message}\n\n{synopsis}\n\nFor more, run `{PROGRAM} --help`.");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Print(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Command::Generate { job, action } => match job.run(action, |warnings| eprintln!("{warnings}")) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{}", error.with_advice(Some("--force")));
                ExitCode::FAILURE
            }
        },
    }
}
