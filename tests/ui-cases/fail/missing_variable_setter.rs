//! `build()` without a template variable of the token URL (Weavy's `host`).
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weavy.yaml")]
pub struct Weavy;

fn main() {
    let _ = Weavy::builder()
        .client_id("id")
        .client_secret("secret")
        .build();
}
