//! `build()` without a required credential: E0277 naming the setter and where the spec
//! declares it.
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

fn main() {
    let _ = Weir::builder().client_id("id").build();
}
