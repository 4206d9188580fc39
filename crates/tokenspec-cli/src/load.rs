//! Reading a spec file, shared by every command that takes one.

use std::io::{self, Write};
use std::path::Path;

use tokenspec_spec::Spec;

use crate::Status;

/// A spec file's text and the label it is shown under (its path as the user wrote it).
pub(crate) struct Source {
    pub text: String,
    pub label: String,
}

/// Reads `path`, or prints why it cannot be read and returns [`Status::Usage`].
pub(crate) fn read(path: &Path, err: &mut dyn Write) -> io::Result<Result<Source, Status>> {
    let label = path.display().to_string();
    // Bounded (1 MiB): `/dev/zero` or a wrong path is an error, not exhausted memory.
    match tokenspec_spec::read_spec_file(path) {
        Ok(text) => Ok(Ok(Source { text, label })),
        Err(e) => {
            writeln!(err, "error: cannot read `{label}`: {e}")?;
            Ok(Err(Status::Usage))
        }
    }
}

/// Reads and loads `path`; prints the diagnostics, rustc-style, when it has errors.
pub(crate) fn load(path: &Path, err: &mut dyn Write) -> io::Result<Result<Spec, Status>> {
    let source = match read(path, err)? {
        Ok(source) => source,
        Err(status) => return Ok(Err(status)),
    };
    match tokenspec_spec::load(&source.text, &source.label) {
        Ok(spec) => Ok(Ok(spec)),
        Err(diagnostics) => {
            write!(err, "{}", diagnostics.render(&source.text, &source.label))?;
            writeln!(err)?;
            writeln!(err, "{}", summary(&source.label, diagnostics.len()))?;
            Ok(Err(Status::Failure))
        }
    }
}

/// `error: could not load `x.yaml` (2 errors)`.
pub(crate) fn summary(label: &str, errors: usize) -> String {
    let plural = if errors == 1 { "" } else { "s" };
    format!("error: could not load `{label}` ({errors} error{plural})")
}
