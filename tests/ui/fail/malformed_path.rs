//! A response path with an empty segment.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/malformed_path.yaml")]
pub struct Acme;

fn main() {}
