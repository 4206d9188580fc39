//! An absolute spec path, which would not build on another machine.
use tokenspec_core::token_client;

#[token_client(spec = "/etc/tokenspec/acme.yaml")]
pub struct Acme;

fn main() {}
