//! Typed token clients generated from declarative YAML specs.
//!
//! A spec (a short YAML document, see `docs/spec.md`) describes one provider's token
//! endpoint. The `#[token_client]` attribute macro (feature `macros`), the build.rs API of
//! `tokenspec-codegen` and the `tokenspec expand` command turn it into a typed client whose
//! methods call the runtime engine of this crate, the one implementation of the wire
//! protocol:
//!
//! - `fetch_token()` always requests a new token;
//! - `access_token()` returns a cached token, renewed shortly before it expires, with one
//!   request shared by all concurrent callers;
//! - `authorize(request)` adds the token (and the API headers the spec names) to a
//!   [`reqwest::RequestBuilder`], after checking that the request goes to a host the token may
//!   be sent to.
//!
//! Errors are the public types of this crate ([`ProviderError`], [`ConfigError`],
//! [`TransportError`], [`DecodeError`], [`UnexpectedResponse`], [`RateLimited`]), wrapped by
//! each generated client's own error enum. None of them, nor any `Debug` output, ever contains
//! a secret: credentials, tokens, or the text of a response body.
//!
//! # Network behaviour
//! The engine's HTTP client follows no redirects (a redirect could carry credentials to
//! another host), times out connecting after 10 s and a whole request after 30 s, reads at
//! most 64 KiB of a response, and bypasses any configured proxy when the token endpoint is a
//! loopback address (tests and local mocks). Plain `http` is refused for any other host.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate self as tokenspec_core;

mod apply;
pub mod blocking;
mod body;
mod builder;
mod cache;
pub mod clock;
mod engine;
mod error;
mod flight;
mod limit;
mod margin;
mod renew;
mod request;
mod response;
mod retry;
mod secret;
mod settings;
mod source;
mod token;
mod transport;
mod url_template;

#[doc(hidden)]
pub mod __private;

#[cfg(feature = "providers")]
pub mod providers;

#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "macros")]
pub use tokenspec_macros::token_client;

pub use error::{
    ConfigError, DecodeError, ProviderError, RateLimited, TransportError, UnexpectedResponse,
};
/// The `http` crate, for `authorize_request` and `authorize_headers`.
pub use http;
pub use margin::RefreshMargin;
/// The HTTP client crate, re-exported so users of `authorize` need no dependency of their own.
pub use reqwest;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use secret::AccessToken;
/// A JSON value: the type of token fields declared with `type: json`.
pub use serde_json::Value as JsonValue;
pub use source::{BoxError, TokenFuture, TokenSource};
