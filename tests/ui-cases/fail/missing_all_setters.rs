//! `build()` straight after `builder()`: every missing setter is named.
use tokenspec_core::token_client;

#[token_client(spec = "specs/good.yaml")]
pub struct Acme;

fn main() {
    let _ = Acme::builder().build();
}
