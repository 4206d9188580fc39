//! Reading a whole file with an upper bound on its size.
//!
//! `std::fs::read_to_string` reads until the end, and some files have none: `/dev/zero`, a
//! device, a pipe fed by a program that keeps writing. Given one by mistake, the command would
//! grow its buffer until memory runs out. Every file the CLI reads whole goes through here, so
//! a file past the bound is an error the user can act on.

use std::fmt;
use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// Why a file could not be read. Never holds any of its content: a value file is a secret.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Opening or reading failed.
    Io(io::Error),
    /// The file holds more than `cap` bytes (or never ends).
    TooLarge { cap: u64 },
    /// The file is not UTF-8 text.
    NotUtf8,
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::TooLarge { cap } => {
                write!(f, "it is larger than {} (or has no end)", size(*cap))
            }
            ReadError::NotUtf8 => f.write_str("it is not UTF-8 text"),
        }
    }
}

/// Reads the file at `path` as text, refusing it once more than `cap` bytes have been read.
pub(crate) fn read_to_string(path: &Path, cap: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    // One byte past the cap tells "exactly at the cap" from "larger".
    File::open(path)?
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// `64 KiB`, `1 MiB`, or bytes when the cap is no whole number of either.
fn size(bytes: u64) -> String {
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
    fn a_file_at_the_cap_is_read_and_one_byte_more_is_refused() {
        let path = std::env::temp_dir().join(format!("tokenspec-bounded-{}", std::process::id()));
        std::fs::write(&path, "x".repeat(1024)).expect("temp file");
        assert_eq!(read_to_string(&path, 1024).expect("at the cap").len(), 1024);
        let refused = read_to_string(&path, 1023).expect_err("past the cap");
        assert_eq!(
            refused.to_string(),
            "it is larger than 1023 bytes (or has no end)"
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
