//! The attribute macro on all five bundled specs in one crate, under the strictest lints a
//! user might set.
#![deny(warnings, missing_docs, missing_debug_implementations)]

use tokenspec_core::token_client;

/// Weir.
#[token_client(spec = "../../specs/weir.yaml")]
pub struct Weir;

/// APIMW.
#[token_client(spec = "../../specs/apimw.yaml")]
pub struct Apimw;

/// Weightron.
#[token_client(spec = "../../specs/weightron.yaml")]
pub struct Weightron;

/// The `${API_URL}` provider.
#[token_client(spec = "../../specs/skauth.yaml")]
pub struct Skauth;

/// Weavy.
#[token_client(spec = "../../specs/weavy.yaml")]
pub struct Weavy;

fn main() {}
