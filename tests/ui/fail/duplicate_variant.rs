//! Two error variants with the same name (one named from its code).
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/duplicate_variant.yaml")]
pub struct Acme;

fn main() {}
