//! A credential sent as a header without the header's name.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/header_without_name.yaml")]
pub struct Acme;

fn main() {}
