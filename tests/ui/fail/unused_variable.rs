//! A variable that no URL uses.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/unused_variable.yaml")]
pub struct Acme;

fn main() {}
