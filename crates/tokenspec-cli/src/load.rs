//! Reading a spec file, shared by every command that takes one.

use std::io::{self, Write};
use std::path::Path;

use tokenspec_spec::Spec;

use crate::{Status, bounded};

/// The largest spec file read: the bundled specs are 1 to 3 KiB, and a spec with as many
/// setters as the generator accepts stays far below this. The cap is there for `/dev/zero`
/// or a wrong path, which would otherwise be read until memory runs out.
const MAX_SPEC_FILE: u64 = 1024 * 1024;

/// A spec file's text and the label it is shown under (its path as the user wrote it).
pub(crate) struct Source {
    pub text: String,
    pub label: String,
}

/// Reads `path`, or prints why it cannot be read and returns [`Status::Usage`].
pub(crate) fn read(path: &Path, err: &mut dyn Write) -> io::Result<Result<Source, Status>> {
    let label = path.display().to_string();
    match read_spec_text(path) {
        Ok(text) => Ok(Ok(Source { text, label })),
        Err(e) => {
            writeln!(err, "error: cannot read `{label}`: {e}")?;
            Ok(Err(Status::Usage))
        }
    }
}

/// The text of a spec file, bounded. Kept to this one function so it can give way to the
/// spec crate's own bounded reader once that is available here.
fn read_spec_text(path: &Path) -> Result<String, bounded::ReadError> {
    bounded::read_to_string(path, MAX_SPEC_FILE)
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
