//! An unknown key inside a section, with "did you mean".
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/unknown_key.yaml")]
pub struct Acme;

fn main() {}
