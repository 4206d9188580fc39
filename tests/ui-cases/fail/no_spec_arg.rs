//! The attribute without `spec = "..."`.
use tokenspec_core::token_client;

#[token_client]
pub struct Acme;

fn main() {}
