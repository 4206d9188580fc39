//! Rust's keywords: the one list the checker (a setter or field may not be named like one)
//! and the generator (a name that is one is written as a raw identifier) both read.
//!
//! Compiled without the `load` feature, so the generator can read it too.

/// Rust's strict and reserved keywords (2024 edition). None can name a setter or a field in a
/// spec; the generator writes any other name that is one (a token field `type`) as `r#type`.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The keywords of [`KEYWORDS`] that are not even raw identifiers (`r#self` is refused).
pub const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Whether `name` is a strict or reserved keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` is a keyword that can be written as a raw identifier (`r#type`).
pub fn needs_raw(name: &str) -> bool {
    is_keyword(name) && !NOT_RAW.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_keyword_once_and_the_path_keywords_among_them() {
        let mut sorted = KEYWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), KEYWORDS.len(), "a keyword is listed twice");
        assert!(NOT_RAW.iter().all(|k| is_keyword(k)));
        assert!(needs_raw("type") && !needs_raw("self") && !needs_raw("client_id"));
    }
}
