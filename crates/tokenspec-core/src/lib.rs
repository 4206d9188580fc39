//! Typed token clients generated from declarative YAML specs.
//!
//! A spec (a short YAML document, see [`spec_language`]) describes one provider's token
//! endpoint. The `#[token_client]` attribute macro (feature `macros`), the build.rs API of
//! `tokenspec-codegen` and the `tokenspec expand` command turn it into a typed client whose
//! methods call the runtime engine of this crate, the one implementation of the wire
//! protocol:
//!
//! - `fetch_token()` always sends one new token request (not retried, not coalesced);
//! - `with_token(|token| ...)` borrows the cached token: a cache hit takes no lock, allocates
//!   nothing and touches no shared reference count; `access_token()` returns an owned clone
//!   (one shared reference-count increment: convenient, slower under contention);
//! - `with_cached_token(|token| ...)` and `cached_token()` are the same two for the typed
//!   token (`WeirToken`, with every field the spec's `response` declares), made once per
//!   token and cached beside it;
//! - a token is renewed a margin before it expires ([`RefreshMargin`]: a tenth of its
//!   lifetime, 1 to 60 s, plus jitter). Inside the margin the token is still valid, so
//!   callers get it at once and one renewal runs in the background, in a task of its own; it
//!   gives up (with a warning) when the cached token stops being served, a second before it
//!   expires (a provider may end a token up to a second early: a JWT's `exp` counts whole
//!   seconds). Only a missing token, or one in its last second, makes callers wait, all of
//!   them for one request whose outcome they share, and a cancelled caller does not cancel it
//!   for the others. A failed renewal leaves a usable token in service, with a rest of at
//!   least 1 s (or the provider's `Retry-After`) before the next attempt; a token in its last
//!   second is never served from the cache. Expiry is read from a [`clock::Clock`]
//!   (monotonic, or [`clock::ManualClock`] in tests);
//! - failed renewals are retried by a [`RetryPolicy`] (transport errors, 408/429/5xx and the
//!   spec's `retry: true` errors; `Retry-After` honoured; credential errors never);
//! - `authorize(request)` adds the token (and the API headers the spec names), marked
//!   sensitive, to a [`reqwest::RequestBuilder`], an [`http::Request`] or a
//!   [`http::HeaderMap`], after checking that the request goes to a host the token may be sent
//!   to; the client that sends it must not follow redirects to other hosts
//!   ([`redirect_policy`]). `send_authorized` sends through a client of tokenspec's with that
//!   policy and retries once with a fresh token after a 401; `invalidate` drops a rejected
//!   token only if it is still the cached one, and renewals caused by rejections are bounded
//!   to one per [`REJECTION_PAUSE`]. Its error, [`ApiError`], says which side failed: the
//!   token (the client's error enum), a refused host, or the API call itself;
//! - the same for an existing HTTP stack: a reqwest-middleware `Middleware` (feature
//!   `reqwest-middleware`, the `middleware` module, with a `ClientWithMiddleware` whose
//!   redirects stay on the origin) and a tower `Layer` over `http::Request` (feature `tower`,
//!   the `tower` module: hyper-util's client, tonic channels);
//! - every generated client is a [`TokenSource`] (`Arc<dyn TokenSource>`), and
//!   `into_blocking()` gives a [`blocking::BlockingClient`].
//!
//! Errors are the public types of this crate ([`ProviderError`], [`ConfigError`],
//! [`TransportError`], [`DecodeError`], [`UnexpectedResponse`], [`RateLimited`]), wrapped by
//! each generated client's own error enum. Their `Debug` and `Display`, and the tracing events,
//! never show a credential or token value the client holds, nor a response body: decoding
//! errors name the path and the expected type. The one text a provider supplies, the code,
//! message and details of its error envelope (and a response's content type), is untrusted:
//! before it is kept, the client's own secrets (as sent, form- or percent-encoded, and its
//! Basic credentials as encoded) are replaced by `[REDACTED]`, control and bidirectional
//! characters become spaces, and it is cut at 512 characters. Secrets shorter than four
//! characters are not looked for, and a secret the client does not hold cannot be
//! recognized. Secrets are held in `secrecy` types and zeroized on drop; copies inside the
//! HTTP stack (header values, socket buffers) are out of this crate's reach.
//!
//! # Network behaviour
//! The engine's HTTP client follows no redirects (a redirect could carry credentials to
//! another host), times out connecting after 10 s and one attempt after 30 s (see the
//! builder's `timeouts`), reads at most 64 KiB of a response, and bypasses any configured
//! proxy when the token endpoint is a loopback address (tests and local mocks). Plain `http`
//! is refused for any other host unless the builder's `allow_plain_http` says otherwise. The
//! spec's rate limit is enforced for all clones of a client; a request waits up to 5 s
//! (`rate_limit_wait`) for it, then fails with [`RateLimited`]. Each token request attempt
//! runs in a `token_request` tracing span (provider, grant, attempt, status, latency); a
//! cache hit emits nothing.
//!
//! `build()` refuses what would send a credential somewhere the user did not mean: an empty
//! value for any setter ([`ConfigError::EmptyValue`]: an empty host turns
//! `https://{host}/api/auth` into host `api`); a variable that is not a host where it stands
//! for one (in the token URL's authority or an `apply.hosts` entry: only letters, digits,
//! `-`, `_`, `.`, and `:`/`[]` for a port or IPv6, no empty labels, so `evil.test#` cannot
//! make `evil.test` the host); an `allow_host` entry that is not `host` or `host:port`; and a
//! `:` in a Basic user id sent without form-encoding (the server would end the user id there).
//! Durations from settings, specs and providers are added to instants saturating: an absurd
//! `rate_limit_wait` or `Retry-After` is a very long wait, never a panic nor no wait at all.
//!
//! # Example
//! A built-in client (feature `providers`) pointed at a local mock of its provider
//! (`testing::MockProvider`, feature `testing`): the first `access_token()` fetches a
//! token, the second is served from the cache, and `authorize` puts it on an API request.
//!
//! ```
//! # #[cfg(all(feature = "providers", feature = "testing"))]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use tokenspec_core::providers::Weir;
//! use tokenspec_core::testing::MockProvider;
//!
//! tokio::runtime::Runtime::new()?.block_on(async {
//!     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
//!     let client = Weir::builder()
//!         .client_id(mock.credential("client_id").unwrap_or_default())
//!         .secret_key(mock.credential("secret_key").unwrap_or_default())
//!         .base_url(mock.base_url())
//!         .build()?;
//!
//!     let token = client.access_token().await?;
//!     let again = client.access_token().await?;
//!     assert_eq!(token.expose_secret(), again.expose_secret());
//!     assert_eq!(mock.request_count(), 1, "the second call is a cache hit");
//!
//!     // The base URL's host may receive the token; any other host is refused. The client
//!     // that sends it follows no redirect to another origin.
//!     let http = tokenspec_core::reqwest::Client::builder()
//!         .redirect(tokenspec_core::redirect_policy())
//!         .build()?;
//!     let request = client
//!         .authorize(http.get(format!("{}/v1/things", mock.base_url())))
//!         .await?
//!         .build()?;
//!     let header = request.headers()["authorization"].to_str()?;
//!     assert_eq!(header, format!("Bearer {}", token.expose_secret()));
//!     assert!(client.authorize(http.get("https://elsewhere.example/")).await.is_err());
//!     Ok::<(), Box<dyn std::error::Error>>(())
//! })
//! # }
//! # #[cfg(not(all(feature = "providers", feature = "testing")))]
//! # fn main() {}
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The built-in providers are generated code, which names this crate `::tokenspec_core`.
#[cfg(feature = "providers")]
extern crate self as tokenspec_core;

mod api_error;
mod apply;
pub mod blocking;
mod body;
mod builder;
mod cache;
mod client;
mod client_macro;
pub mod clock;
mod config;
mod endpoint;
mod engine;
mod env;
mod error;
mod error_macro;
mod flight;
mod limit;
mod margin;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
mod plan_ref;
mod redact;
mod redirect;
mod renewal;
mod request;
mod response;
mod retry;
mod secret;
mod setter_value;
mod settings;
mod settings_macro;
mod source;
mod time;
mod token;
mod token_macro;
#[cfg(feature = "tower")]
pub mod tower;
mod transport;
mod typed_builder;
mod url_template;

#[doc(hidden)]
pub mod __private;

/// The plan: a provider's token protocol as plain data, lowered from its spec. Every
/// generated client has one (`Weir::plan()`, a `static` of borrowed literals); the engine
/// executes it, and `testing::MockProvider::for_plan` serves it.
#[doc(inline)]
pub use tokenspec_spec::plan;

#[cfg(feature = "providers")]
pub mod providers;

// The reference of the spec language, in the rustdoc: a module with no items whose docs are
// this crate's `docs/spec.md`, the file tokenspec-spec's tests check against the loader
// (`tests/spec_doc.rs`), so the reference and the checker cannot drift apart.
#[doc = include_str!("../docs/spec.md")]
pub mod spec_language {}

#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "macros")]
pub use tokenspec_macros::token_client;

pub use api_error::ApiError;
pub use client::Client;
pub use config::{ClientSettings, RetrySettings, TimeoutSettings, TlsSettings, Value};
pub use error::{
    ConfigError, DecodeError, ProviderError, RateLimited, TransportError, UnexpectedResponse,
};
/// The `http` crate, for `authorize_request` and `authorize_headers`.
pub use http;
pub use margin::RefreshMargin;
pub use redirect::redirect_policy;
pub use renewal::REJECTION_PAUSE;
/// The HTTP client crate, re-exported so users of `authorize` need no dependency of their own.
pub use reqwest;
/// The reqwest-middleware crate, for [`middleware`]'s `ClientWithMiddleware`.
#[cfg(feature = "reqwest-middleware")]
pub use reqwest_middleware;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use secret::AccessToken;
/// A JSON value: the type of token fields declared with `type: json`.
pub use serde_json::Value as JsonValue;
pub use setter_value::SetterValue;
pub use source::{BoxError, TokenFuture, TokenSource};
