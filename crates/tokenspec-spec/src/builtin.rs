//! Names the generated code always defines next to the ones a spec brings: the built-in
//! variants of the error enum and the built-in fields of the token struct. A spec's variant
//! or field of the same name would be a second definition, so the checker refuses it at its
//! YAML line; the generator emits exactly these (tokenspec-codegen's `tests/builtin.rs` fails
//! when the emitted enum or struct and these tables disagree), and the spec reference
//! (tokenspec-core's `docs/spec.md`) lists them.
//!
//! Compiled without the `load` feature, so the generator can read it too.

/// Variants the generated error enum always has, after the spec's own, in the order it
/// declares them.
pub const BUILTIN_VARIANTS: &[&str] = &[
    "Provider",
    "Config",
    "Transport",
    "Decode",
    "UnexpectedResponse",
    "RateLimited",
];

/// Fields the generated token struct always has, or may have from the standard response
/// paths (`response.token_type`, ...).
pub const BUILTIN_FIELDS: &[&str] = &[
    "access_token",
    "token_type",
    "expires_in",
    "refresh_token",
    "scope",
    "issued_at",
];

/// `A, B and C`: a list of names for a message, each written as is.
pub fn and_list(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["A"]), "A");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
    }
}
