//! Several unrelated errors in one spec are all reported in one build, each at its YAML line
//! and on the attribute's `spec` literal, and the struct is kept: `main` uses it, and no
//! follow-on error says `Acme` is missing.
use tokenspec_core::token_client;

#[token_client(spec = "specs/several_errors.yaml")]
pub struct Acme;

fn main() {
    let _ = Acme;
}
