//! An unknown top-level key, with "did you mean".
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/unknown_top_key.yaml")]
pub struct Acme;

fn main() {}
