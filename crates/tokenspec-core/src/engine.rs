//! [`Engine`]: one client's runtime, composed of its three layers (each in its own module,
//! each using only the ones below it):
//!
//! - the token endpoint (`endpoint.rs`): the request, its transport, decoding, retries and
//!   the client-side rate limit;
//! - renewal (`renewal.rs`), over the endpoint: the cache, single flight, the refresh margin
//!   and the refresh grant;
//! - application (`apply.rs`), over renewal: the hosts the token may go to, `authorize` and
//!   `send_authorized`.
//!
//! The builder (`builder.rs`) checks the configuration and builds the three; the generated
//! client reaches the engine through [`Client`](crate::Client).

use std::fmt;
use std::sync::Arc;

use http::HeaderMap;
use reqwest::RequestBuilder;
use tokenspec_spec::plan::Plan;
use url::Url;

use crate::api_error::ApiError;
use crate::apply::Application;
use crate::cache::Cached;
use crate::error::{ConfigError, EngineError};
use crate::renewal::{Rejection, Renewal};
use crate::secret::AccessToken;
use crate::token::RawToken;
use crate::url_template;

/// A token client: the configuration, the HTTP client and the cache. Cheap to clone; clones
/// share everything.
#[derive(Clone)]
pub struct Engine {
    renewal: Arc<Renewal>,
    application: Arc<Application>,
}

impl Engine {
    pub(crate) fn new(renewal: Renewal, application: Application) -> Self {
        Engine {
            renewal: Arc::new(renewal),
            application: Arc::new(application),
        }
    }

    /// The plan this client executes.
    pub fn plan(&self) -> &Plan {
        self.renewal.endpoint().plan()
    }

    /// Requests a new token (always: one request, not coalesced with others, not retried),
    /// caches it and returns it. Counts against the client-side rate limit.
    pub async fn fetch_token(&self) -> Result<RawToken, EngineError> {
        self.renewal.fetch_token().await
    }

    /// Calls `f` with the current token (see `Client::with_token`).
    #[inline]
    pub async fn with_token<R>(&self, f: impl FnOnce(&AccessToken) -> R) -> Result<R, EngineError> {
        self.renewal.with_token(f).await
    }

    /// The current token, owned (see `Client::access_token`).
    pub async fn access_token(&self) -> Result<AccessToken, EngineError> {
        self.renewal.with_token(AccessToken::clone).await
    }

    /// Calls `f` with the current typed token, the `T` that the engine's conversion made of
    /// it (see `Client::with_cached_token`).
    ///
    /// # Errors
    /// As [`with_token`](Self::with_token), or [`ConfigError::TokenType`] when the cache
    /// holds typed tokens of another type.
    #[inline]
    pub async fn with_typed<T: 'static, R>(
        &self,
        f: impl FnOnce(&T) -> R,
    ) -> Result<R, EngineError> {
        self.renewal
            .with_entry(|entry| entry.typed().map(f))
            .await?
            .ok_or_else(token_type::<T>)
    }

    /// The current typed token, owned (see `Client::cached_token`).
    ///
    /// # Errors
    /// As [`with_typed`](Self::with_typed).
    pub async fn typed_token<T: Send + Sync + 'static>(&self) -> Result<Arc<T>, EngineError> {
        self.renewal
            .with_entry(Cached::typed_arc)
            .await?
            .ok_or_else(token_type::<T>)
    }

    /// Drops a rejected token if it is still the cached one, at most once per
    /// [`REJECTION_PAUSE`](crate::REJECTION_PAUSE) (see `Client::invalidate`).
    pub fn invalidate(&self, token: &AccessToken) -> bool {
        self.renewal.reject(token) == Rejection::Dropped
    }

    /// Adds the token and the API headers to `request` (see `Client::authorize`).
    pub async fn authorize(&self, request: RequestBuilder) -> Result<RequestBuilder, EngineError> {
        self.application.authorize(&self.renewal, request).await
    }

    /// [`authorize`](Self::authorize) for an [`http::Request`].
    pub async fn authorize_request<B>(
        &self,
        request: http::Request<B>,
    ) -> Result<http::Request<B>, EngineError> {
        self.application
            .authorize_request(&self.renewal, request)
            .await
    }

    /// [`authorize`](Self::authorize) for the headers of a request to `url`; returns the
    /// token used.
    pub async fn authorize_headers(
        &self,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, EngineError> {
        self.application
            .authorize_headers(&self.renewal, url, headers)
            .await
    }

    /// Sends an authorized request, once more after a 401 (see `Client::send_authorized`).
    pub async fn send_authorized(
        &self,
        build: impl FnMut() -> RequestBuilder,
    ) -> Result<reqwest::Response, ApiError<EngineError>> {
        self.application.send_authorized(&self.renewal, build).await
    }

    /// The host check, then the token and the API headers added to `headers`; returns the
    /// token used.
    #[cfg_attr(
        not(any(feature = "reqwest-middleware", feature = "tower")),
        allow(dead_code)
    )]
    pub(crate) async fn authorize_api<T>(
        &self,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, ApiError<EngineError, T>> {
        self.application
            .authorize_api(&self.renewal, url, headers)
            .await
    }

    /// After the API answered `status` to a request that carried `token`: whether to send it
    /// once more with a fresh token (a 401, and the token dropped).
    #[cfg_attr(
        not(any(feature = "reqwest-middleware", feature = "tower")),
        allow(dead_code)
    )]
    pub(crate) fn replay_after(&self, token: &AccessToken, status: http::StatusCode) -> bool {
        self.application.replay_after(&self.renewal, token, status)
    }
}

/// The error of a typed read whose type is not the cache's (see [`ConfigError::TokenType`]).
#[cold]
fn token_type<T>() -> EngineError {
    EngineError::Config(ConfigError::TokenType {
        expected: std::any::type_name::<T>(),
    })
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoint = self.renewal.endpoint();
        f.debug_struct("Engine")
            .field("provider", &endpoint.plan().name)
            .field(
                "token_url",
                &url_template::shown(endpoint.token_url().as_str()),
            )
            .field("token_cached", &self.renewal.is_cached())
            .finish_non_exhaustive()
    }
}
