//! Reading a spec file with a bound, for every front end that takes a path (the macro,
//! build.rs, the CLI), so none of them reads `/dev/zero` until memory runs out.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::limits::{MAX_SPEC_BYTES, MAX_SPEC_SIZE_TEXT};

/// Reads the spec file at `path` as UTF-8 text, reading at most one byte more than
/// [`MAX_SPEC_BYTES`] whatever the file is (a device, a pipe, a huge file).
///
/// # Errors
/// The error of opening or reading the file; `InvalidData` with the message
/// "spec file is larger than 1 MiB" for a longer file, and "spec file is not UTF-8 text"
/// for one that is not text. The messages never repeat the path: the caller shows it as the
/// user wrote it.
pub fn read_spec_file(path: &Path) -> io::Result<String> {
    let cap = u64::try_from(MAX_SPEC_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    File::open(path)?
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "spec file is not UTF-8 text"))
}

fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("spec file is larger than {MAX_SPEC_SIZE_TEXT}"),
    )
}
