//! A placement that names no known place for a credential, with "did you mean".
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/unknown_placement.yaml")]
pub struct Acme;

fn main() {}
