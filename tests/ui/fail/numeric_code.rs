//! An error code such as `400013` that cannot name a variant, without `name:`.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/numeric_code.yaml")]
pub struct Acme;

fn main() {}
