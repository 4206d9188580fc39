//! Several unrelated errors in one spec are all reported in one build.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/several_errors.yaml")]
pub struct Acme;

fn main() {}
