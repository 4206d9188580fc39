//! A variable and a settable parameter that would be the same builder setter.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/duplicate_setter.yaml")]
pub struct Acme;

fn main() {}
