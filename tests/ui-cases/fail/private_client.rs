//! The generated items take the struct's visibility: a private client stays private to its
//! module, with its builder, token and error.
mod clients {
    use tokenspec_core::token_client;

    #[token_client(spec = "../../specs/weir.yaml")]
    struct Weir;
}

fn main() {
    let _ = clients::Weir::builder();
    let _: Option<clients::WeirError> = None;
}
