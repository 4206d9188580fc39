//! An argument the attribute does not know.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/good.yaml", path = "ui/specs/good.yaml")]
pub struct Acme;

fn main() {}
