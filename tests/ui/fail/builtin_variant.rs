//! An error variant named like a built-in variant of the generated error enum.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/builtin_variant.yaml")]
pub struct Acme;

fn main() {}
