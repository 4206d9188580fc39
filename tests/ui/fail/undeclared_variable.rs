//! A URL template variable with no source (no `variables:` entry).
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/undeclared_variable.yaml")]
pub struct Acme;

fn main() {}
