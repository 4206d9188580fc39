//! `tokenspec schema`: print the JSON Schema of the spec language.

use std::io::{self, Write};

use crate::Status;

/// Prints the JSON Schema of a version 1 spec (draft 2020-12), the same text as the
/// checked-in `specs/tokenspec.schema.json` that specs name in their
/// `# yaml-language-server: $schema=` line.
pub fn schema(out: &mut dyn Write) -> io::Result<Status> {
    out.write_all(tokenspec_spec::schema::json_schema_text().as_bytes())?;
    Ok(Status::Success)
}
