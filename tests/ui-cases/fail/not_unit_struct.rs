//! The attribute on a struct with fields: the macro adds the fields itself.
use tokenspec_core::token_client;

#[token_client(spec = "specs/good.yaml")]
pub struct Acme {
    pub id: u32,
}

fn main() {}
