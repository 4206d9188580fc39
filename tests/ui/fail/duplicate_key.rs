//! The same credential written twice in one mapping.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/duplicate_key.yaml")]
pub struct Acme;

fn main() {}
