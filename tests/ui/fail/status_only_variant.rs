//! An error variant matched by status only, without `name:`.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/status_only_variant.yaml")]
pub struct Acme;

fn main() {}
