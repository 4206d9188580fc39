//! The `tokenspec` command line, as a library: one function per command, each writing to the
//! writers it is given and returning a [`Status`], so tests call them directly and `main.rs`
//! only parses the arguments and exits with the status.
//!
//! - [`check::check`]: `tokenspec check <spec>...` loads each spec and prints its diagnostics.
//! - [`expand::expand`]: `tokenspec expand <spec>` prints the generated code, formatted.
//! - [`token::token`]: `tokenspec token <spec> --set name=value ...` fetches one token from the
//!   endpoint through tokenspec-core's engine (the spec is read at run time, nothing is
//!   generated) and prints it, redacted.
//! - [`schema::schema`]: `tokenspec schema` prints the JSON Schema of the spec language.
//! - [`mock::mock`]: `tokenspec mock <spec> [--port N]` serves the spec's token endpoint on
//!   loopback (tokenspec-core's mock provider) until Ctrl-C.
//!
//! ```
//! use clap::Parser as _;
//! use tokenspec_cli::{Cli, Status, run};
//!
//! let cli = Cli::parse_from(["tokenspec", "check", "../../specs/weir.yaml"]);
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! assert_eq!(run(cli, &mut out, &mut err).expect("writable"), Status::Success);
//! assert!(String::from_utf8_lossy(&out).starts_with("ok"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
pub mod expand;
mod load;
pub mod mock;
pub mod schema;
pub mod token;
mod unknown_setter;

use std::io::{self, Write};

use clap::{Parser, Subcommand};

/// How a command ended, and the process exit code it maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything succeeded (exit code 0).
    Success,
    /// The command ran and found a problem: a spec with errors, a refused token request
    /// (exit code 1).
    Failure,
    /// The command was used wrongly: an unreadable file, an unknown setter (exit code 2, as
    /// for clap's own usage errors).
    Usage,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::Failure => 1,
            Status::Usage => 2,
        }
    }

    /// The worse of two statuses (usage errors outrank failures).
    pub fn max(self, other: Status) -> Status {
        if self.code() >= other.code() {
            self
        } else {
            other
        }
    }
}

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "tokenspec",
    version,
    about = "Check, expand and try tokenspec specs"
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
// The mock provider's `mock <spec> [--port N]` joins this enum as one more variant whose
// function lives in its own module, like the others.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and check specs; print every error, rustc-style, and exit non-zero if any.
    Check(check::CheckArgs),
    /// Print the Rust code generated from a spec, formatted.
    Expand(expand::ExpandArgs),
    /// Fetch one token from the endpoint a spec describes and print it, redacted.
    Token(token::TokenArgs),
    /// Print the JSON Schema of the spec language (for editors' YAML support).
    Schema,
    /// Serve the spec's token endpoint on loopback until Ctrl-C, for trying it with curl.
    Mock(mock::MockArgs),
}

/// Runs a parsed command line: normal output to `out`, diagnostics, warnings and errors to
/// `err`. The `Err` case is only a failure to write.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    match cli.command {
        Command::Check(args) => check::check(&args, out, err),
        Command::Expand(args) => expand::expand(&args, out, err),
        Command::Token(args) => {
            // One request, so a single-threaded runtime is enough.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(token::token(&args, out, err))
        }
        Command::Schema => schema::schema(out),
        Command::Mock(args) => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let ctrl_c = async {
                // Without a signal handler there is nothing to wait for: serve forever.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            runtime.block_on(mock::mock(&args, out, err, ctrl_c))
        }
    }
}
