//! A credential placed in a JSON body when the token request has none.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/placement_without_body.yaml")]
pub struct Acme;

fn main() {}
