//! An argument the attribute does not know.
use tokenspec_core::token_client;

#[token_client(spec = "specs/good.yaml", path = "specs/good.yaml")]
pub struct Acme;

fn main() {}
