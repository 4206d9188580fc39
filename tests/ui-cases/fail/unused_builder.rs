//! A builder dropped before `build()` does nothing: the builder type is `#[must_use]`, so a
//! setter's or a setting's result left unused is a warning (an error here) saying so.
#![deny(unused_must_use)]
use tokenspec_core::token_client;

#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

fn main() {
    Weir::builder().client_id("id");
    Weir::builder().allow_plain_http();
}
