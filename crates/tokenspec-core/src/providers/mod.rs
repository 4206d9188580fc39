//! The built-in clients of the bundled specs (`specs/*.yaml` of the tokenspec repository).
//!
//! | client | provider | setters |
//! |---|---|---|
//! | [`Weir`] | Weir (Basic header, no body) | `client_id`, `secret_key` |
//! | [`Apimw`] | APIMW (JSON body) | `api_key`, `api_secret` |
//! | [`Weightron`] | Weightron Cloud (OAuth 2 form; API key on API calls) | `client_id`, `client_secret`, `api_key`, optional `scope` |
//! | [`Skauth`] | the `${API_URL}` provider (form; `data` as a JSON string) | `api_url`, `client_id`, `client_secret` |
//! | [`Weavy`] | self-hosted Weavy (OAuth 2 form) | `host`, `client_id`, `client_secret` |
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
//! tracks the spec file, since a published crate has no `../specs`). A test of the
//! `tokenspec-tests` package fails when they drift from the specs; regenerate them with
//! `EXPECTORATE=overwrite cargo test -p tokenspec-tests --test snapshots`. They are in
//! prettyplease's layout, not rustfmt's, so rustfmt is told to leave them alone.

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
