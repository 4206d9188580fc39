//! A spec path where there is no file.
use tokenspec_core::token_client;

#[token_client(spec = "specs/no_such_spec.yaml")]
pub struct Acme;

fn main() {}
