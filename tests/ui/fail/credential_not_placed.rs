//! A credential declared and never placed (no `in:`).
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/credential_not_placed.yaml")]
pub struct Acme;

fn main() {}
