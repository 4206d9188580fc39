//! [`Client`]: the API every generated client offers, written and documented once.
//!
//! A generated client (`Weir`) is a struct of the user's crate holding a `Client<Weir>` and
//! dereferencing to it, so `weir.fetch_token()` finds the method here without an import. The
//! generated code supplies only what varies by provider, through
//! [`GeneratedClient`](crate::__private::GeneratedClient): the token type, the error enum and
//! the conversions into them.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

use http::HeaderMap;
use reqwest::{RequestBuilder, Response, Url};

use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::error::{ConfigError, EngineError};
use crate::secret::AccessToken;
use crate::token::RawToken;

/// The methods of a generated client `P` (`Weir`), which dereferences to its `Client<P>`:
/// call them on the client itself (`weir.access_token().await?`).
///
/// Tokens are typed as the provider's (`WeirToken`), errors as its error enum (`WeirError`,
/// one variant per error the spec names, plus `Config`, `Transport`, `Decode`,
/// `UnexpectedResponse` and `RateLimited`). Clones share one token cache, one single flight
/// and one rate limit; the client is `Clone + Send + Sync`, and its futures are `Send`.
pub struct Client<P> {
    engine: Engine,
    // `fn() -> P` keeps the client `Send + Sync` whatever `P` is, and `P` holds no value.
    provider: PhantomData<fn() -> P>,
}

impl<P> Client<P> {
    pub(crate) fn new(engine: Engine) -> Self {
        Client {
            engine,
            provider: PhantomData,
        }
    }

    /// The engine, for the API adapters (the reqwest middleware, the tower layer).
    #[cfg_attr(
        not(any(feature = "reqwest-middleware", feature = "tower")),
        allow(dead_code)
    )]
    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The provider's name from the spec (`weir`).
    pub fn provider(&self) -> &str {
        &self.engine.plan().name
    }
}

impl<P: GeneratedClient> Client<P> {
    /// Requests a new token from the provider, bypassing the cache: always one request, not
    /// coalesced with other callers' and not retried. The token is cached, and the request
    /// counts against the spec's client-side rate limit.
    ///
    /// # Errors
    /// The provider's error (one variant per error the spec names), or a transport, decoding
    /// or rate-limit failure; `is_retryable` says whether trying again may help.
    pub async fn fetch_token(&self) -> Result<P::Token, P::Error> {
        let raw = self
            .engine
            .fetch_token()
            .await
            .map_err(P::error_from_engine)?;
        Ok(P::token_from_raw(raw))
    }

    /// Calls `f` with the current access token and returns its result: the fastest way to
    /// use the token. A cache hit takes no lock, allocates nothing and touches no shared
    /// reference count; `f` runs while the cache entry is pinned, so keep it short (copy the
    /// token into a header; await nothing).
    ///
    /// The token is renewed a margin before it expires (the builder's `refresh_margin`):
    /// inside the margin callers still get the cached token at once, and one renewal runs in
    /// the background. Only a missing token, or one in its last second, makes callers wait,
    /// all of them for one request whose outcome they share. Failed renewals are retried by
    /// the builder's `retry` policy.
    ///
    /// # Errors
    /// As [`fetch_token`](Self::fetch_token), when a new token is needed and cannot be had.
    pub async fn with_token<R>(&self, f: impl FnOnce(&AccessToken) -> R) -> Result<R, P::Error> {
        self.engine
            .with_token(f)
            .await
            .map_err(P::error_from_engine)
    }

    /// The current access token, owned: [`with_token`](Self::with_token) with a clone.
    /// Cached and renewed as `with_token` says; clones of this client share the cache. The
    /// clone increments a reference count shared by every caller; prefer `with_token` on hot
    /// paths.
    ///
    /// # Errors
    /// As [`with_token`](Self::with_token).
    pub async fn access_token(&self) -> Result<AccessToken, P::Error> {
        self.engine
            .access_token()
            .await
            .map_err(P::error_from_engine)
    }

    /// Calls `f` with the current token, typed as the provider's (`WeirToken`, with every
    /// field the spec's `response` declares, such as an `instance_url`), and returns its
    /// result. Cached and renewed as [`with_token`](Self::with_token) says, at the same cost:
    /// the typed token is made once when the token arrives, so a cache hit sends no request,
    /// takes no lock and allocates nothing. Keep `f` as short as `with_token`'s.
    ///
    /// # Errors
    /// As [`with_token`](Self::with_token).
    #[inline]
    pub async fn with_cached_token<R>(
        &self,
        f: impl FnOnce(&P::Token) -> R,
    ) -> Result<R, P::Error> {
        self.engine
            .with_typed(f)
            .await
            .map_err(P::error_from_engine)
    }

    /// The current token typed as the provider's (`WeirToken`), owned and shared:
    /// [`with_cached_token`](Self::with_cached_token) with a clone of the `Arc` the cache
    /// holds (no allocation, no lock; one increment of a reference count every caller
    /// shares, as [`access_token`](Self::access_token)). Unlike
    /// [`fetch_token`](Self::fetch_token) it sends no request while the cached token is
    /// fresh.
    ///
    /// # Errors
    /// As [`with_token`](Self::with_token).
    pub async fn cached_token(&self) -> Result<Arc<P::Token>, P::Error> {
        self.engine
            .typed_token()
            .await
            .map_err(P::error_from_engine)
    }

    /// Drops `token` from the cache if it is still the cached one (the API rejected it), so
    /// the next call renews; a token already replaced is left alone, so many callers
    /// invalidating the same token cause one renewal. Within
    /// [`REJECTION_PAUSE`](crate::REJECTION_PAUSE) (30 s) of the last drop the token is kept
    /// (with a warning), so an API that rejects every token costs no token request per call.
    /// Returns whether it was dropped.
    pub fn invalidate(&self, token: &AccessToken) -> bool {
        self.engine.invalidate(token)
    }

    /// Adds the access token (`<header>: <scheme> <token>`, as the spec's `apply` says) and
    /// the API headers the spec names to `request`, marked sensitive, after checking that the
    /// request goes over https (or http on loopback, or anywhere with the builder's
    /// `allow_plain_http`) to a host the token may be sent to: the spec's `apply.hosts` (else
    /// the token URL's host), the builder's `base_url` host with its port, and every
    /// `allow_host`. An entry without a port matches any port. The check runs before the
    /// token is fetched; a refusal, [`ConfigError::HostNotAllowed`], names the request's host
    /// and port and the entries it was compared with.
    ///
    /// The check covers the request's own URL only. Send it with a client that follows no
    /// redirect to another host ([`redirect_policy`](crate::redirect_policy), or
    /// `Policy::none()`): reqwest's default would carry the API headers to wherever the API
    /// redirects.
    ///
    /// # Errors
    /// The `Config` variant when the request goes to a host the token may not be sent to, or
    /// any error of [`access_token`](Self::access_token).
    pub async fn authorize(&self, request: RequestBuilder) -> Result<RequestBuilder, P::Error> {
        self.engine
            .authorize(request)
            .await
            .map_err(P::error_from_engine)
    }

    /// [`authorize`](Self::authorize) for an [`http::Request`], whose URI must be absolute.
    ///
    /// # Errors
    /// As [`authorize`](Self::authorize).
    pub async fn authorize_request<B>(
        &self,
        request: http::Request<B>,
    ) -> Result<http::Request<B>, P::Error> {
        self.engine
            .authorize_request(request)
            .await
            .map_err(P::error_from_engine)
    }

    /// Adds the access token and the API headers to `headers` of a request to `url`, with
    /// the host check of [`authorize`](Self::authorize); returns the token used, to
    /// [`invalidate`](Self::invalidate) if the API rejects it.
    ///
    /// # Errors
    /// As [`authorize`](Self::authorize).
    pub async fn authorize_headers(
        &self,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, P::Error> {
        self.engine
            .authorize_headers(url, headers)
            .await
            .map_err(P::error_from_engine)
    }

    /// Sends the request `build` makes, authorized; after a 401 answer, invalidates the token
    /// and sends once more with a fresh one (calling `build` again), unless the token is kept
    /// (see [`invalidate`](Self::invalidate)): then the 401 is returned. Other statuses, and
    /// the second answer whatever it is, are returned as they are.
    ///
    /// It is sent through a client of tokenspec's that follows redirects only within the
    /// request's origin, so neither the token nor an API header reaches another host. Kept
    /// from what `build` makes: the method, URL, headers, body, version and the request's own
    /// timeout; not kept: the settings of the `reqwest::Client` it started from (default
    /// headers, proxies, TLS, cookies, its timeouts and redirect policy).
    ///
    /// # Errors
    /// An [`ApiError`] that says which side failed: [`ApiError::Token`] (the client's error)
    /// when no token could be had, [`ApiError::Refused`] when the URL is not one the token
    /// may go to (checked first: no token is fetched for it), [`ApiError::Request`] (the
    /// `reqwest::Error`, without its URL) when the API request could not be built, sent or
    /// answered: an API down is never reported as a token failure.
    pub async fn send_authorized(
        &self,
        build: impl FnMut() -> RequestBuilder,
    ) -> Result<Response, ApiError<P::Error>> {
        self.engine
            .send_authorized(build)
            .await
            .map_err(|e| e.map_token(P::error_from_engine))
    }
}

/// What a generated client tells the runtime: its token type and error enum and how to make
/// them, so [`Client`]'s methods, [`TokenSource`] and the blocking client are written once
/// for all of them. Not a public API.
#[doc(hidden)]
pub trait GeneratedClient:
    Deref<Target = Client<Self>> + Clone + fmt::Debug + Send + Sync + 'static
{
    /// The typed token.
    type Token: Send + Sync + 'static;
    /// The client's error enum.
    type Error: std::error::Error + From<ConfigError> + Send + Sync + 'static;
    /// Types a raw token.
    fn token_from_raw(raw: RawToken) -> Self::Token;
    /// Maps an engine error onto the client's error enum.
    fn error_from_engine(error: EngineError) -> Self::Error;
}

impl<P> Clone for Client<P> {
    fn clone(&self) -> Self {
        Client::new(self.engine.clone())
    }
}

impl<P> fmt::Debug for Client<P> {
    // The provider only: the engine holds credentials and tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.provider())
            .finish_non_exhaustive()
    }
}
