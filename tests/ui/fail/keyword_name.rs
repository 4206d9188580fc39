//! A credential named like a Rust keyword.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/keyword_name.yaml")]
pub struct Acme;

fn main() {}
