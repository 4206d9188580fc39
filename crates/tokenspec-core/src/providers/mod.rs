//! The built-in clients of the bundled specs (`specs/*.yaml` of the tokenspec repository).
//!
//! ```
//! use tokenspec_core::providers::{Weavy, Weightron};
//!
//! // Every required setter must be called before `build()` (a missing one does not
//! // compile); template variables such as Weavy's `host` are setters too.
//! let weavy = Weavy::builder()
//!     .host("weavy.example.com")
//!     .client_id("id")
//!     .client_secret("secret")
//!     .build()
//!     .expect("valid configuration");
//! assert_eq!(Weavy::plan().url, "https://{host}/api/auth");
//!
//! let weightron = Weightron::builder()
//!     .client_id("id")
//!     .client_secret("secret")
//!     .api_key("key")
//!     .scope("openid offline_access")
//!     .build()
//!     .expect("valid configuration");
//! # let _ = (weavy, weightron);
//! ```
//!
//! Each file here is the generator's output for one spec, checked in (without the line that
//! tracks the spec file, since a published crate has no `../specs`); they are the only
//! checked-in generated code of the repository. The table below, the `mod` lines and the
//! re-exports are generated from the list of `specs/` too. A test of tokenspec-codegen
//! fails when any of it drifts from the specs; regenerate with
//! `EXPECTORATE=overwrite cargo test -p tokenspec-codegen --test providers`. The files are in
//! prettyplease's layout, not rustfmt's, so rustfmt is told to leave them alone.
//!
//! One client per spec:
//!
// Generated below from the files of specs/ by crates/tokenspec-codegen/tests/providers.rs. Do not edit.
//! | client | provider | setters |
//! |---|---|---|
//! | [`Apimw`] | APIMW API (api.apimw.com), API key and secret in a JSON body. | `api_key`, `api_secret` |
//! | [`Skauth`] | The `${API_URL}` provider, client credentials in a form body, base URL per deployment. | `api_url`, `client_id`, `client_secret` |
//! | [`Weavy`] | Weavy REST API (self-hosted), OAuth 2 client credentials in a form body. | `host`, `client_id`, `client_secret` |
//! | [`Weightron`] | Weightron Cloud API, OIDC client credentials; API calls also carry an API key. | `client_id`, `client_secret`, `api_key`, optional `scope` |
//! | [`Weir`] | Weir external API (api.weir.ai), client credentials in an HTTP Basic header. | `client_id`, `secret_key` |

#[rustfmt::skip]
mod apimw;
#[rustfmt::skip]
mod skauth;
#[rustfmt::skip]
mod weavy;
#[rustfmt::skip]
mod weightron;
#[rustfmt::skip]
mod weir;

pub use apimw::*;
pub use skauth::*;
pub use weavy::*;
pub use weightron::*;
pub use weir::*;
