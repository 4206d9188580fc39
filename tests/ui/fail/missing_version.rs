//! A spec without its `tokenspec: 1` version key.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/missing_version.yaml")]
pub struct Acme;

fn main() {}
