//! `tokenspec check <spec>...`: load every spec and report its errors.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::{Status, load};

/// Arguments of `tokenspec check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// The spec files to check.
    #[arg(required = true, value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
}

/// Loads each spec (all of them, not stopping at the first bad one), printing
/// `ok: <spec> (<provider>)` to `out` for a good spec and every diagnostic, rustc-style, to
/// `err` for a bad one.
///
/// [`Status::Failure`] if any spec has errors, [`Status::Usage`] if a file cannot be read.
pub fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Status> {
    let mut status = Status::Success;
    for path in &args.specs {
        match load::load(path, err)? {
            Ok(spec) => writeln!(out, "ok: {} ({})", path.display(), spec.plan.name)?,
            Err(bad) => status = status.max(bad),
        }
    }
    Ok(status)
}
