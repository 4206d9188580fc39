//! A plain-http token URL for a host that is not loopback.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/plain_http.yaml")]
pub struct Acme;

fn main() {}
