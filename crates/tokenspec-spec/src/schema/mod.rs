//! The JSON Schema of the spec language (feature `schema`), for editors: with
//! `# yaml-language-server: $schema=tokenspec.schema.json` at the top of a spec, the YAML
//! language server completes keys, shows their docs and flags unknown keys and wrong types.
//!
//! # Why schema-only types
//! The loader does not deserialize into derived types: it reads a spanned node tree key by key
//! (see `read/`) so that it can report every error with its location, and its model
//! (`model.rs`) is the spec *after* shorthands are resolved (`client_secret: basic-password`
//! and the long form become the same `Credential`, `headers` a list of pairs, `limits.rate` a
//! pair of numbers). Deriving `JsonSchema` on that model would describe the wrong shape, and
//! bending it to the YAML's shape would put location wrappers and schema attributes into every
//! reader. So the shape of the YAML as written is described once, here, by the types in
//! `schema/model.rs`, annotated for schemars: this is the one source of the schema (the
//! checked-in `specs/tokenspec.schema.json` is generated from it, and a test fails when they
//! differ).
//! The loader stays the authority on what a spec means; tests check that both know the same
//! keys and words (`tests/tests/cli_schema.rs` compares every section's keys here with the
//! list the loader prints for an unknown key), that every bundled spec validates, and that bad
//! fixtures do not.
//!
//! The schema accepts what the loader's *reading* accepts (keys, types, words, shorthands);
//! cross-field rules (a `json` credential needs `body: json`, ...) stay the loader's.

mod model;
mod nullable;
mod scalars;

use schemars::generate::SchemaSettings;

/// The `$id` of the schema: the file name every bundled spec names in its
/// `# yaml-language-server: $schema=` line.
pub const SCHEMA_FILE: &str = "tokenspec.schema.json";

/// The JSON Schema (draft 2020-12) of a version 1 spec.
///
/// ```
/// let schema = tokenspec_spec::schema::json_schema();
/// assert_eq!(schema["title"], "tokenspec spec");
/// assert!(schema["properties"]["token"].is_object());
/// ```
pub fn json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<model::Spec>().to_value();
    nullable::forbid_null_in_optional_keys(&mut schema);
    schema
}

/// [`json_schema`] as pretty-printed JSON with a final line break: the content of
/// `specs/tokenspec.schema.json` and the output of `tokenspec schema`.
pub fn json_schema_text() -> String {
    // Serializing a `Value` cannot fail (its map keys are strings).
    let mut text = serde_json::to_string_pretty(&json_schema()).unwrap_or_default();
    text.push('\n');
    text
}
