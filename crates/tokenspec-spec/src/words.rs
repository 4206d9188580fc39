//! The words a spec chooses from: where a credential or a parameter is placed (`in:`) and how
//! the token request's body is encoded (`token.body`). Each table is the one list of its
//! words: the reader accepts them (and suggests the nearest), the checker's messages and hints
//! name them, and tests hold the JSON Schema's enums (`tests/tests/cli_schema.rs`) and
//! crates/tokenspec-core/docs/spec.md (`crates/tokenspec-spec/tests/spec_doc.rs`) equal to them.
//!
//! Compiled without the `load` feature, so the JSON Schema and the generator can read it too.

use crate::plan::BodyEncoding;

/// Where a credential goes (`in:` of a credential).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredIn {
    /// Username of HTTP Basic auth.
    BasicUser,
    /// Password of HTTP Basic auth.
    BasicPassword,
    /// A field of a JSON body.
    Json,
    /// A field of a form body.
    Form,
    /// A query parameter of the token URL.
    Query,
    /// A header of the token request.
    Header,
    /// Not sent for the token: a header on every API call.
    ApiHeader,
}

/// Every placement and its word, in the order hints and docs list them.
pub const PLACEMENTS: &[(&str, CredIn)] = &[
    ("basic-user", CredIn::BasicUser),
    ("basic-password", CredIn::BasicPassword),
    ("json", CredIn::Json),
    ("form", CredIn::Form),
    ("query", CredIn::Query),
    ("header", CredIn::Header),
    ("api-header", CredIn::ApiHeader),
];

/// Where a parameter goes (`in:` of a parameter; `body` when not written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamIn {
    /// A field of the body.
    Body,
    /// A query parameter of the token URL.
    Query,
    /// A header of the token request.
    Header,
}

/// Every parameter placement and its word, in the order hints and docs list them.
pub const PARAM_PLACES: &[(&str, ParamIn)] = &[
    ("body", ParamIn::Body),
    ("query", ParamIn::Query),
    ("header", ParamIn::Header),
];

/// Every body encoding and its word, in the order hints and docs list them.
pub const BODIES: &[(&str, BodyEncoding)] = &[
    ("none", BodyEncoding::None),
    ("json", BodyEncoding::Json),
    ("form", BodyEncoding::Form),
];

impl CredIn {
    /// The placement's word in a spec (`basic-user`).
    pub fn as_str(self) -> &'static str {
        word(PLACEMENTS, self)
    }
}

/// The word of a body encoding in a spec (`form`).
pub fn body_word(body: BodyEncoding) -> &'static str {
    word(BODIES, body)
}

/// The words of a table, in its order.
pub fn words<T>(table: &'static [(&'static str, T)]) -> impl Iterator<Item = &'static str> {
    table.iter().map(|(word, _)| *word)
}

/// The word of `value` in `table` (every value is in its table: the tests below hold it).
fn word<T: PartialEq>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(word, _)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails to compile when a placement is added to the enum, until it is named here; then
    /// the assertions below fail until it is in the table.
    fn every_placement() -> [CredIn; 7] {
        let all = [
            CredIn::BasicUser,
            CredIn::BasicPassword,
            CredIn::Json,
            CredIn::Form,
            CredIn::Query,
            CredIn::Header,
            CredIn::ApiHeader,
        ];
        for c in all {
            match c {
                CredIn::BasicUser
                | CredIn::BasicPassword
                | CredIn::Json
                | CredIn::Form
                | CredIn::Query
                | CredIn::Header
                | CredIn::ApiHeader => {}
            }
        }
        all
    }

    fn every_body() -> [BodyEncoding; 3] {
        let all = [BodyEncoding::None, BodyEncoding::Json, BodyEncoding::Form];
        for b in all {
            match b {
                BodyEncoding::None | BodyEncoding::Json | BodyEncoding::Form => {}
            }
        }
        all
    }

    fn every_param_place() -> [ParamIn; 3] {
        let all = [ParamIn::Body, ParamIn::Query, ParamIn::Header];
        for p in all {
            match p {
                ParamIn::Body | ParamIn::Query | ParamIn::Header => {}
            }
        }
        all
    }

    #[test]
    fn every_value_has_one_word() {
        for p in every_param_place() {
            assert_eq!(
                PARAM_PLACES.iter().filter(|(_, v)| *v == p).count(),
                1,
                "{p:?}"
            );
        }
        assert_eq!(PARAM_PLACES.len(), every_param_place().len());
        for c in every_placement() {
            assert_eq!(
                PLACEMENTS.iter().filter(|(_, v)| *v == c).count(),
                1,
                "{c:?}"
            );
            assert!(!c.as_str().is_empty());
        }
        assert_eq!(PLACEMENTS.len(), every_placement().len());
        for b in every_body() {
            assert_eq!(BODIES.iter().filter(|(_, v)| *v == b).count(), 1, "{b:?}");
            assert!(!body_word(b).is_empty());
        }
        assert_eq!(BODIES.len(), every_body().len());
    }
}
