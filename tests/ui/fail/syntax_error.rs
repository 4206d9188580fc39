//! A YAML syntax error (an unclosed flow mapping) points at the YAML, not at Rust.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/syntax_error.yaml")]
pub struct Acme;

fn main() {}
