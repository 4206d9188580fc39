//! The `tokenspec` binary: parses the arguments and runs [`tokenspec_cli::run`].

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = tokenspec_cli::Cli::parse();
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let status = tokenspec_cli::run(cli, &mut out, &mut err).and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match status {
        Ok(status) => ExitCode::from(status.code()),
        // A closed pipe (`tokenspec expand x.yaml | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: cannot write the output: {e}");
            ExitCode::from(tokenspec_cli::Status::Failure.code())
        }
    }
}
