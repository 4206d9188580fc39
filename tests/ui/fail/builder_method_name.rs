//! A credential named like a method of the generated builder.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/builder_method_name.yaml")]
pub struct Acme;

fn main() {}
