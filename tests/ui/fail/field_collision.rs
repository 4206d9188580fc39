//! A response field named like a built-in field of the token struct.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/field_collision.yaml")]
pub struct Acme;

fn main() {}
