//! The access token is a secret: it does not print with `Display`.
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

fn show(t: &WeirToken) -> String {
    format!("{}", t.access_token)
}

fn main() {
    let _ = show;
}
