//! A spec of a version this tokenspec does not read.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/wrong_version.yaml")]
pub struct Acme;

fn main() {}
