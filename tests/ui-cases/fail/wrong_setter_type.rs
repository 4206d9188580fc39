//! A setter takes text: a number is a type error at the call.
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

fn main() {
    let _ = Weir::builder()
        .client_id(42_u32)
        .secret_key("secret")
        .build();
}
