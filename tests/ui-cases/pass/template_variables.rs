//! A client whose token URL and API host are templates: each variable is a required setter,
//! and setters go in any order.
#![deny(warnings, missing_docs, missing_debug_implementations)]

use tokenspec_core::token_client;

/// A multi-tenant provider.
#[token_client(spec = "specs/template.yaml")]
pub(crate) struct TenantApi;

fn main() {
    let built = TenantApi::builder()
        .region("eu")
        .client_secret("secret")
        .tenant("acme")
        .client_id("id")
        .build();
    let client: TenantApi = match built {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let _ = format!("{client:?}");
}
