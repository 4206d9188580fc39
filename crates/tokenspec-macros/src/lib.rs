//! The `#[token_client]` attribute macro. Use it through `tokenspec_core::token_client`.
