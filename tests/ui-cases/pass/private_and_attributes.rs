//! A private client in a module, with the user's own docs and attributes on the struct:
//! the generated items take the struct's visibility, and nothing public is left undocumented.
#![deny(warnings, missing_docs, missing_debug_implementations)]

mod clients {
    use tokenspec_core::token_client;

    /// The Weir client of this crate.
    #[token_client(spec = "../../specs/weir.yaml")]
    #[must_use]
    pub(super) struct Weir;
}

fn main() {
    let weir = clients::Weir::builder()
        .secret_key("secret")
        .client_id("id")
        .build();
    let _: Option<clients::WeirError> = weir.err().map(clients::WeirError::from);
}
