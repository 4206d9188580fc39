//! Matching on a variant the spec does not name.
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

fn classify(e: &WeirError) -> bool {
    matches!(e, WeirError::InvalidClient(_))
}

fn main() {
    let _ = classify;
}
