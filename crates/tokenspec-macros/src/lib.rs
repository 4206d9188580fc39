//! The `#[token_client]` attribute macro. Use it through `tokenspec_core::token_client`.
//!
//! This crate only forwards to `tokenspec_codegen::expand_attribute`, which is a plain library
//! and unit-tested there over `proc_macro2`.

use std::path::PathBuf;

use proc_macro::TokenStream;

/// Generates a typed token client from a YAML spec.
///
/// ```
/// # extern crate ts as tokenspec_core; // this crate's tests name the runtime `ts`
/// #[tokenspec_core::token_client(spec = "../../specs/weir.yaml")]
/// pub struct Weir;
///
/// let weir = Weir::builder()
///     .client_id("id")
///     .secret_key("secret")
///     .build()
///     .expect("valid configuration");
/// ```
///
/// `spec` is relative to the crate's `Cargo.toml` (`..` allowed, absolute paths refused).
/// `crate = path` names the runtime crate when it is renamed or re-exported (default
/// `::tokenspec_core`). The struct keeps its name, visibility, docs and attributes; the macro
/// adds `<Name>Builder`, `<Name>Token` and `<Name>Error`. Errors in the spec are compile errors
/// pointing into the YAML.
#[proc_macro_attribute]
pub fn token_client(attr: TokenStream, item: TokenStream) -> TokenStream {
    // Read at expansion time, not with env!(): this crate is compiled once, for every user.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    tokenspec_codegen::expand_attribute(attr.into(), item.into(), &manifest_dir).into()
}
