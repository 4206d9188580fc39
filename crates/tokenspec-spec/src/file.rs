//! Reading a whole file with a bound, for every front end that takes a path (the macro,
//! build.rs, the CLI's spec files and `@file` values), so none of them reads `/dev/zero`, a
//! device or a runaway pipe until memory runs out.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::limits::MAX_SPEC_BYTES;

/// Reads the spec file at `path` as UTF-8 text: [`read_bounded`] with [`MAX_SPEC_BYTES`].
///
/// # Errors
/// The error of opening or reading the file; `InvalidData` with the message
/// "spec file is larger than 1 MiB" for a longer file, and "spec file is not UTF-8 text"
/// for one that is not text. The messages never repeat the path: the caller shows it as the
/// user wrote it.
pub fn read_spec_file(path: &Path) -> io::Result<String> {
    read_bounded(path, MAX_SPEC_BYTES as u64, "spec file")
}

/// Reads the file at `path` as UTF-8 text, reading at most one byte more than `cap`
/// whatever the file is; `what` names it in the errors ("spec file", "the value file").
///
/// # Errors
/// The error of opening or reading the file; `InvalidData` with "`what` is larger than
/// `cap`" or "`what` is not UTF-8 text". No message holds the path or any of the content
/// (a value file is a secret).
pub fn read_bounded(path: &Path, cap: u64, what: &str) -> io::Result<String> {
    let mut bytes = Vec::new();
    // One byte past the cap tells "exactly at the cap" from "larger".
    File::open(path)?
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{what} is larger than {}", size(cap)),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{what} is not UTF-8 text"),
        )
    })
}

/// `64 KiB`, `1 MiB`, or bytes when the size is no whole number of either.
pub(crate) fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(MAX_SPEC_BYTES as u64), "1 MiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
