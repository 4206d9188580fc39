//! Turning spec names into Rust identifiers without panicking.
//!
//! `proc_macro2::Ident::new` panics on a string that is not an identifier. The spec checker
//! already rejects such names, but the generator must never panic on any input, so every name
//! goes through [`Names::ident`], which records a problem instead and hands back a placeholder.

use std::cell::RefCell;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use tokenspec_spec::keywords;

/// Collects the names that could not become identifiers.
#[derive(Debug, Default)]
pub(crate) struct Names {
    problems: RefCell<Vec<String>>,
}

impl Names {
    /// `s` as an identifier (raw if it is one of `tokenspec_spec::keywords::KEYWORDS`, the
    /// list the checker refuses for setters); a placeholder and a recorded problem if
    /// it cannot be one. `what` says what the name is, for the message.
    pub(crate) fn ident(&self, s: &str, what: &str) -> Ident {
        // `_` and the path keywords (`self`, `crate`, ...) cannot be raw identifiers either.
        if s == "_" || keywords::NOT_RAW.contains(&s) || !is_plain_ident(s) {
            self.problems.borrow_mut().push(format!(
                "tokenspec: the {what} `{s}` cannot be a Rust identifier"
            ));
            return Ident::new("__tokenspec_invalid_name", Span::call_site());
        }
        if keywords::needs_raw(s) {
            Ident::new_raw(s, Span::call_site())
        } else {
            Ident::new(s, Span::call_site())
        }
    }

    /// Records a problem found outside [`Names::ident`].
    pub(crate) fn problem(&self, message: String) {
        self.problems.borrow_mut().push(message);
    }

    /// The problems recorded so far.
    pub(crate) fn into_problems(self) -> Vec<String> {
        self.problems.into_inner()
    }
}

/// ASCII identifier syntax: what the spec language allows for every name it turns into code.
fn is_plain_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `client_id` to `ClientId`.
pub(crate) fn camel(s: &str) -> String {
    s.to_upper_camel_case()
}

/// `WeirClient` to `weir_client`.
pub(crate) fn snake(s: &str) -> String {
    s.to_snake_case()
}

/// `InvalidCredentials` to `invalid credentials`, for messages.
pub(crate) fn words(s: &str) -> String {
    s.to_snake_case().replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_and_garbage_is_recorded() {
        let names = Names::default();
        assert_eq!(names.ident("client_id", "x").to_string(), "client_id");
        assert_eq!(names.ident("type", "x").to_string(), "r#type");
        assert_eq!(
            names.ident("self", "x").to_string(),
            "__tokenspec_invalid_name"
        );
        assert_eq!(
            names.ident("9lives", "x").to_string(),
            "__tokenspec_invalid_name"
        );
        assert_eq!(
            names.ident("a-b", "x").to_string(),
            "__tokenspec_invalid_name"
        );
        assert_eq!(names.ident("", "x").to_string(), "__tokenspec_invalid_name");
        assert_eq!(names.into_problems().len(), 4);
    }

    #[test]
    fn case_conversions() {
        assert_eq!(camel("client_id"), "ClientId");
        assert_eq!(snake("WeirClient"), "weir_client");
        assert_eq!(words("RateLimitExceeded"), "rate limit exceeded");
    }
}
